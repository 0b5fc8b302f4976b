"""The demo's two years of meetings (SPEC §10; issue "Meetings" item 11): loaded by
``manage.py load_demo`` through the meeting actions, idempotent, and faithful to the
rules — deadlines, late papers, minutes approved at the next meeting."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from demo.data.meetings import DEMO_TODAY
from demo.data.partnerships import HWBP_BOARD, PSB_BOARD, SP_COMMISSIONING_BODY, SP_CORE_STRATEGY_GROUP
from meetings.health import HELD_STATUSES
from meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    ExemptCategory,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
)
from partnerships.models import Board, Deputyship

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SERIES_START = dt.date(2024, 11, 1)  # the two years of meetings; the historic ones belong to the decisions demo


def _board(key: str) -> Board:
    partnership, slug = key.split("/")
    return Board.objects.get(partnership__slug=partnership, slug=slug)


def _series(key: str) -> list[Meeting]:
    return list(Meeting.objects.filter(board=_board(key), start__date__gte=SERIES_START).order_by("start"))


def _counts() -> dict[str, int]:
    labels = [
        "meetings.Meeting",
        "meetings.AgendaItem",
        "meetings.Paper",
        "meetings.PaperVersion",
        "meetings.Attendance",
        "meetings.Declaration",
        "meetings.Action",
        "partnerships.Membership",
        "partnerships.Person",
        "partnerships.AuditEvent",
        "decisions.Proposal",
        "decisions.Round",
        "decisions.Position",
        "decisions.ProposalEvent",
        "decisions.Ratification",
    ]
    counts = {label: apps.get_model(label)._default_manager.count() for label in labels}
    counts["minutes drafted"] = AgendaItem.objects.exclude(minutes="").count()
    counts["minutes published"] = Meeting.objects.filter(minutes_published_at__isnull=False).count()
    return counts


def test_loading_twice_leaves_the_same_rows() -> None:
    first = _counts()
    files = {version.file.name for version in PaperVersion.objects.all()}
    call_command("load_demo", "--no-documents", stdout=StringIO())
    assert _counts() == first
    assert {version.file.name for version in PaperVersion.objects.all()} == files
    assert first["meetings.Meeting"] >= 40 and first["meetings.Paper"] >= 100


def test_the_command_prints_what_it_loaded() -> None:
    out = StringIO()
    call_command("load_demo", "--no-documents", stdout=out)
    output = out.getvalue()
    assert "Meetings loaded:" in output and "Decisions loaded:" in output
    assert f"papers: {Paper.objects.count()} (late {Paper.objects.filter(late=True).count()}" in output


def test_each_board_met_for_two_years_as_often_as_its_layer_expects() -> None:
    for key, at_least in ((HWBP_BOARD, 8), (SP_COMMISSIONING_BODY, 12), (SP_CORE_STRATEGY_GROUP, 8), (PSB_BOARD, 8)):
        held = [m for m in _series(key) if m.status in HELD_STATUSES]
        assert len(held) >= at_least, key
        assert held[0].date <= dt.date(2024, 12, 31) and held[-1].date >= dt.date(2026, 9, 1)
    # 002 §10: the HWBP Board meets quarterly; it is a council committee, so 5 clear days apply too.
    hwbp = _series(HWBP_BOARD)
    assert all(m.statutory_deadline is not None for m in hwbp)
    assert all(m.governing_deadline == min(m.paper_deadline, m.statutory_deadline) for m in hwbp)
    assert all(m.statutory_deadline is None for m in _series(SP_COMMISSIONING_BODY))


def test_every_agenda_has_four_to_seven_items_with_the_standing_ones_first() -> None:
    for meeting in Meeting.objects.filter(start__date__gte=SERIES_START).prefetch_related("items"):
        items = list(meeting.items.all())
        assert 4 <= len(items) <= 7, meeting
        assert items[0].title == "Apologies for absence"
        assert [item.order for item in items] == list(range(1, len(items) + 1))
    titles = " ".join(AgendaItem.objects.values_list("title", flat=True))
    for theme in (
        "Joint Strategic Needs Assessment",
        "Director of Public Health annual report",
        "Supporting People Strategy",
        "Annual Plan",
        "Service user involvement",
        "Memorandum of Understanding",
        "Local Area Agreement",
    ):
        assert theme in titles


def test_every_paper_is_a_real_pdf_or_docx_of_one_to_five_pages() -> None:
    kinds = {PDF_TYPE: 0, DOCX_TYPE: 0}
    for version in PaperVersion.objects.all():
        with version.file.open("rb") as handle:
            body = handle.read()
        assert hashlib.sha256(body).hexdigest() == version.sha256
        assert len(body) == version.size
        kinds[version.content_type] += 1
        if version.content_type == PDF_TYPE:
            assert 1 <= len(PdfReader(io.BytesIO(body)).pages) <= 5, version
        else:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                assert b"<w:t" in archive.read("word/document.xml")
    assert kinds[PDF_TYPE] >= 100 and kinds[DOCX_TYPE] >= 3


def test_papers_are_on_time_unless_late_with_a_reason_and_the_chairs_agreement() -> None:
    published = Paper.objects.filter(published_at__isnull=False).select_related("item__meeting__board")
    late = [paper for paper in published if paper.late]
    assert len(late) >= 4
    for paper in published:
        day = timezone.localtime(paper.published_at).date()
        meeting = paper.item.meeting
        assert paper.published_at < meeting.start
        if paper.late:
            assert day > meeting.governing_deadline
            assert paper.late_reason and paper.chair_agreed_urgent and paper.chair_agreed_by
            assert paper.late_reason in paper.item.urgent_reason  # s100B(4)(b): shown in the minutes
        else:
            assert day <= meeting.governing_deadline, paper


def test_held_meetings_have_attendance_minutes_and_approval_at_the_next_meeting() -> None:
    for key in (HWBP_BOARD, SP_COMMISSIONING_BODY, SP_CORE_STRATEGY_GROUP, PSB_BOARD):
        held = [m for m in _series(key) if m.status in HELD_STATUSES]
        for meeting, following in zip(held, held[1:], strict=False):
            assert meeting.attendance.filter(membership__isnull=False).exists()
            assert not meeting.items.filter(minutes="").exists()
            assert meeting.status == MeetingStatus.MINUTES_PUBLISHED
            assert meeting.minutes_approved_at == following
            assert following.start < meeting.minutes_published_at <= following.start + dt.timedelta(days=3)
        # The last meeting's minutes wait for the next meeting.
        assert held[-1].status == MeetingStatus.MINUTES_DRAFT and held[-1].minutes_published_at is None


def test_apologies_and_deputies_are_recorded_and_rise_on_the_public_service_board() -> None:
    rows = Attendance.objects.filter(meeting__start__date__gte=SERIES_START, membership__isnull=False)
    assert rows.filter(status=AttendanceStatus.APOLOGIES).count() >= 10
    deputies = rows.filter(status=AttendanceStatus.DEPUTY)
    assert deputies.count() >= 10
    # The deputy who came is the seat's designated deputy on the day (the ledger).
    for row in deputies.select_related("meeting"):
        assert (
            Deputyship.objects.on(row.meeting.date).filter(membership=row.membership_id, person=row.deputy_id).exists()
        )
    assert Attendance.objects.filter(membership__isnull=True).exclude(invited_role="").exists()
    # 001 principle 3: rising substitutes are the symptom of a "talking shop".
    psb = _series(PSB_BOARD)
    first_year = sum(m.attendance.filter(status=AttendanceStatus.DEPUTY).count() for m in psb[:4])
    second_year = sum(m.attendance.filter(status=AttendanceStatus.DEPUTY).count() for m in psb[4:])
    assert second_year > first_year


def test_declarations_appear_in_the_minutes_and_one_member_withdrew() -> None:
    declarations = list(Declaration.objects.select_related("item__meeting", "membership__person"))
    assert len(declarations) >= 3
    withdrawn = [d for d in declarations if d.withdraws]
    assert len(withdrawn) == 1 and withdrawn[0].item.exempt
    hwbp_declaration = next(d for d in declarations if d.item.meeting.board == _board(HWBP_BOARD))
    declarations_item = hwbp_declaration.item.meeting.items.get(title="Declarations of interest")
    assert hwbp_declaration.membership.person.name in declarations_item.minutes


def test_some_actions_are_open_and_overdue_including_one_for_the_member_login() -> None:
    open_actions = Action.objects.filter(status=ActionStatus.OPEN)
    overdue = [action for action in open_actions.select_related("owner__user") if action.is_overdue(DEMO_TODAY)]
    assert len(overdue) >= 3
    assert any(action.owner.user and action.owner.user.username == "member" for action in overdue)
    assert open_actions.filter(due_date__gt=DEMO_TODAY).exists()
    done = Action.objects.filter(status=ActionStatus.DONE)
    assert done.exists() and not done.filter(completed_at__isnull=True).exists()


def test_exempt_items_have_category_three_and_their_papers_are_never_public() -> None:
    exempt = AgendaItem.objects.filter(exempt=True)
    assert exempt.count() >= 3
    assert set(exempt.values_list("exempt_category", flat=True)) == {ExemptCategory.FINANCIAL}
    assert not PaperVersion.objects.public().filter(paper__item__exempt=True).exists()
    assert Paper.objects.filter(item__exempt=True, published_at__isnull=False).exists()  # members see them


def test_the_next_meeting_has_a_published_agenda_with_one_paper_still_to_come() -> None:
    upcoming = Meeting.objects.filter(start__date__gt=DEMO_TODAY).order_by("start")
    assert upcoming.count() == 2
    following, after = upcoming
    assert following.board == _board(SP_COMMISSIONING_BODY)
    assert following.status == MeetingStatus.AGENDA_PUBLISHED and following.agenda_published_at is not None
    papers = Paper.objects.filter(item__meeting=following)
    assert papers.filter(published_at__isnull=False).count() >= 3
    assert papers.filter(published_at__isnull=True).count() == 1
    # A revised version after publication is a supplement; the first version is kept.
    revised = PaperVersion.objects.filter(paper__item__meeting=following, number=2).get()
    assert revised.published_at is not None and revised.change_note
    assert after.board == _board(HWBP_BOARD)
    assert after.status == MeetingStatus.SCHEDULED and after.agenda_published_at is None
    assert not Meeting.objects.public().filter(pk=after.pk).exists()
    assert Paper.objects.filter(item__meeting=after, available_to_members=True, published_at__isnull=True).exists()


def test_anonymous_visitor_sees_the_register_and_published_meetings_only(client) -> None:
    assert client.get("/").status_code == 200
    held = _series(SP_COMMISSIONING_BODY)[0]
    response = client.get(reverse("meetings:meeting", args=[held.pk]))
    assert response.status_code == 200
    assert "Apologies for absence" in response.content.decode()
    scheduled = Meeting.objects.get(status=MeetingStatus.SCHEDULED)
    assert client.get(reverse("meetings:meeting", args=[scheduled.pk])).status_code == 404
