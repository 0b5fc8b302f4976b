"""The officer's meeting pages end to end (SPEC §4): schedule → agenda → papers →
publication → attendance → minutes → approval at the next meeting → publication;
who may use them (SPEC §1); uploads checked by content and never overwritten (SPEC §8)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, timezone

from meetings import actions
from meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    ExemptCategory,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
    Purpose,
)
from partnerships.models import AuditEvent, Membership, MembershipRole, Person
from tests.pages import error_summary, text_of

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOT_A_PAPER = "The selected file must be a PDF, DOCX, ODT or XLSX document"


def docx_bytes() -> bytes:
    """A minimal Word document. filetype recognises DOCX by a zip whose first entry is
    [Content_Types].xml (or _rels/.rels, docProps) followed by an entry under word/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf(name: str = "report.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=PDF_TYPE)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def url(name: str, *args: object) -> str:
    return reverse(f"meetings:{name}", args=args)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def meeting(board) -> Meeting:
    """A meeting five weeks ahead: every deadline is still to come."""
    return Meeting.objects.create(board=board, start=at(timezone.localdate() + dt.timedelta(days=35)), venue="Hall")


@pytest.fixture
def item(meeting, officer) -> AgendaItem:
    return actions.item_add(meeting, title="Budget", purpose=Purpose.DECISION, by=officer)


@pytest.fixture
def paper(item, officer) -> Paper:
    return actions.paper_add(item, pdf(), title="Budget report", author_name="Fred Finance", by=officer)


def meeting_post(date_input, day: dt.date, **extra: str) -> dict[str, str]:
    return {**date_input("date", day), "start_time": "10:00", "venue": "County Hall", **extra}


# ---------------------------------------------------------------------------
# The whole cycle


def test_an_officer_takes_a_meeting_from_scheduling_to_published_minutes(
    officer_client, officer, board, seat, member, deputy, county, date_input
):
    other_seat = Membership.objects.create(
        board=board,
        person=Person.objects.create(name="Dr Pat Primary", organisation=county),
        organisation=county,
        role=MembershipRole.MEMBER,
        start_date=seat.start_date,
    )
    day = timezone.localdate() + dt.timedelta(days=35)

    # The board's meeting list and the schedule page.
    assert officer_client.get(url("manage_board_meetings", board.pk)).status_code == 200
    response = officer_client.post(url("manage_meeting_new", board.pk), meeting_post(date_input, day))
    meeting = Meeting.objects.get(board=board)
    assert response.status_code == 302 and response["Location"] == url("manage_meeting", meeting.pk)
    assert meeting.start == at(day) and meeting.status == MeetingStatus.SCHEDULED
    hub = officer_client.get(url("manage_meeting", meeting.pk))
    assert dateformat.format(meeting.paper_deadline, "l j F Y") in text_of(hub)

    # The agenda: a decision, a report for information and an exempt item.
    for title, purpose, extra in [
        ("Budget 2027/28", Purpose.DECISION, {}),
        ("Performance report", Purpose.INFORMATION, {}),
        ("Contract award", Purpose.DECISION, {"exempt": "on", "exempt_category": ExemptCategory.FINANCIAL}),
    ]:
        response = officer_client.post(
            url("manage_item_new", meeting.pk), {"title": title, "purpose": purpose, **extra}
        )
        assert response.status_code == 302
    budget, performance, contract = meeting.items.order_by("order")
    assert [budget.order, performance.order, contract.order] == [1, 2, 3]
    assert contract.exempt and contract.exempt_category == ExemptCategory.FINANCIAL

    # A paper, then a second version of it, then publication before the deadline.
    response = officer_client.post(
        url("manage_paper_new", meeting.pk, budget.pk),
        {"title": "Budget report", "author_name": "Fred Finance", "author_email": "fred@example.org", "file": pdf()},
    )
    assert response.status_code == 302
    paper = Paper.objects.get(item=budget)
    response = officer_client.post(
        url("manage_paper_upload", meeting.pk, paper.pk),
        {"file": SimpleUploadedFile("budget.docx", docx_bytes()), "change_note": "Corrected table 2"},
    )
    assert response.status_code == 302
    assert [(v.number, v.content_type) for v in paper.versions.all()] == [(1, PDF_TYPE), (2, DOCX_TYPE)]
    response = officer_client.post(url("manage_paper_publish", meeting.pk, paper.pk), {})
    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.published_at is not None and not paper.late

    # Publishing the agenda: the exempt item has no paper, so the officer confirms.
    response = officer_client.post(url("manage_agenda_publish", meeting.pk), {})
    assert response.status_code == 200
    assert "3. Contract award" in text_of(response) and "Publish anyway" in text_of(response)
    response = officer_client.post(url("manage_agenda_publish", meeting.pk), {"confirm_missing": "yes"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED and meeting.agenda_published_at is not None

    # The day comes. (The rows move back in time rather than the clock forward:
    # attendance_record checks the real time and takes no `now`.)
    Meeting.objects.filter(pk=meeting.pk).update(start=timezone.now() - dt.timedelta(hours=2))

    # Attendance: the deputy stands in for the chair; the designated deputy is offered first.
    page = officer_client.get(url("manage_attendance", meeting.pk))
    assert page.context["form"].initial[f"deputy_{seat.pk}"] == deputy.person.pk
    response = officer_client.post(
        url("manage_attendance", meeting.pk),
        {
            f"status_{seat.pk}": AttendanceStatus.DEPUTY,
            f"deputy_{seat.pk}": str(deputy.person.pk),
            f"status_{other_seat.pk}": AttendanceStatus.PRESENT,
            f"deputy_{other_seat.pk}": "",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert Attendance.objects.get(meeting=meeting, membership=seat).deputy == deputy.person
    guest = Person.objects.create(name="Gill Guest")
    response = officer_client.post(
        url("manage_attendee_new", meeting.pk), {"person": guest.pk, "invited_role": "To present item 1"}
    )
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, person=guest).membership is None

    # The draft minutes, one per item, and an action arising.
    response = officer_client.post(
        url("manage_minutes", meeting.pk),
        {
            f"minute_{budget.pk}": "The board agreed the budget.",
            f"minute_{performance.pk}": "Noted.",
            f"minute_{contract.pk}": "",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_DRAFT
    assert AgendaItem.objects.get(pk=budget.pk).minutes == "The board agreed the budget."
    response = officer_client.post(
        url("manage_action_new", meeting.pk),
        {"description": "Circulate the budget", "item": budget.pk, "owner": other_seat.person.pk}
        | date_input("due_date", day),
    )
    assert response.status_code == 302
    action = Action.objects.get(meeting=meeting)
    response = officer_client.post(url("manage_action_done", meeting.pk, action.pk))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.completed_at is not None

    # The next meeting is scheduled and its agenda published; the minutes are approved there.
    response = officer_client.post(
        url("manage_meeting_new", board.pk), meeting_post(date_input, day + dt.timedelta(days=28))
    )
    following = Meeting.objects.exclude(pk=meeting.pk).get(board=board)
    officer_client.post(
        url("manage_item_new", following.pk), {"title": "Minutes of the last meeting", "purpose": "information"}
    )
    assert officer_client.post(url("manage_agenda_publish", following.pk), {}).status_code == 302
    # Minutes are approved when that next meeting takes place.
    page = officer_client.get(url("manage_minutes_approve", meeting.pk))
    assert list(page.context["form"].fields["at"].queryset) == []
    Meeting.objects.filter(pk=following.pk).update(start=timezone.now() - dt.timedelta(hours=1))
    page = officer_client.get(url("manage_minutes_approve", meeting.pk))
    assert list(page.context["form"].fields["at"].queryset) == [following]
    response = officer_client.post(url("manage_minutes_approve", meeting.pk), {"at": following.pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED and meeting.minutes_approved_at == following

    # Finally the minutes are published.
    response = officer_client.post(url("manage_minutes_publish", meeting.pk), {})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED and meeting.minutes_published_at is not None

    # Every step went through an action, and each left its audit event.
    verbs = set(AuditEvent.objects.filter(partnership=board.partnership).values_list("verb", flat=True))
    assert {
        "meeting_schedule",
        "item_add",
        "paper_add",
        "paper_upload",
        "paper_publish",
        "agenda_publish",
        "attendance_record",
        "attendee_add",
        "minutes_update",
        "action_create",
        "action_update",
        "minutes_approve",
        "minutes_publish",
    } <= verbs
    hub = text_of(officer_client.get(url("manage_meeting", meeting.pk)))
    assert "Minutes published" in hub and "Cllr Dinah Deputy" in hub and "Invited: To present item 1" in hub


# ---------------------------------------------------------------------------
# The meeting's page


def test_the_meeting_page_shows_items_papers_versions_and_a_late_tag(officer_client, meeting, item, paper, officer):
    actions.paper_upload(paper, pdf("budget-v2.pdf"), by=officer, note="New appendix")
    Paper.objects.filter(pk=paper.pk).update(
        published_at=timezone.now(), late=True, late_reason="Audit", chair_agreed_urgent=True, chair_agreed_by="Chair"
    )
    response = officer_client.get(url("manage_meeting", meeting.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<strong class="govuk-tag app-tag-late">Late</strong>' in content
    text = text_of(response)
    assert "1. Budget" in text and "Budget report" in text and "Fred Finance" in text
    assert "Version 1: report.pdf" in text and "Version 2: budget-v2.pdf" in text and "New appendix" in text


def test_the_meeting_page_offers_the_next_steps_for_its_status(officer_client, meeting, item):
    content = officer_client.get(url("manage_meeting", meeting.pk)).content.decode()
    assert url("manage_agenda_publish", meeting.pk) in content
    assert url("manage_minutes_publish", meeting.pk) not in content
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_APPROVED)
    content = officer_client.get(url("manage_meeting", meeting.pk)).content.decode()
    assert url("manage_minutes_publish", meeting.pk) in content
    assert url("manage_agenda_publish", meeting.pk) not in content


def _furnish(meeting: Meeting, n: int, officer) -> None:
    """n items, each with a paper of two versions, n attendance rows and n actions."""
    items = AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=meeting, order=i + 1, title=f"Item {i}", purpose=Purpose.DECISION) for i in range(n)]
    )
    people = Person.objects.bulk_create([Person(name=f"Person {i}") for i in range(n)])
    papers = Paper.objects.bulk_create(
        [
            Paper(item=item, title=f"Paper {i}", author=people[i], published_at=timezone.now(), late=i % 2 == 0,
                  late_reason="Late" if i % 2 == 0 else "", chair_agreed_urgent=i % 2 == 0)
            for i, item in enumerate(items)
        ]
    )  # fmt: skip
    PaperVersion.objects.bulk_create(
        [
            PaperVersion(paper=p, number=number, file=f"papers/p{p.pk}-v{number}.pdf", original_name="p.pdf",
                         content_type=PDF_TYPE, size=100, sha256="0" * 64, uploaded_by=officer)
            for p in papers
            for number in (1, 2)
        ]
    )  # fmt: skip
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, person=p, status=AttendanceStatus.PRESENT, invited_role="Guest") for p in people]
    )
    Action.objects.bulk_create(
        [
            Action(meeting=meeting, item=items[i], description=f"Do {i}", owner=people[i], due_date=meeting.date)
            for i in range(n)
        ]
    )


# Issue 11 item 13: no page over eight queries. Signing in reads the user with their
# Person and the partnerships they service in one (partnerships/backends.py).
HUB_QUERIES = 8
ATTENDANCE_QUERIES = 8


@pytest.mark.parametrize("n", [3, 30])
def test_the_meeting_page_needs_the_same_number_of_queries_for_3_or_30_items(
    officer_client, meeting, officer, n, django_assert_max_num_queries
):
    _furnish(meeting, n, officer)
    with django_assert_max_num_queries(HUB_QUERIES):
        response = officer_client.get(url("manage_meeting", meeting.pk))
    assert response.status_code == 200
    assert response.content.decode().count("app-tag-late") == (n + 1) // 2


@pytest.mark.parametrize("n", [3, 30])
def test_the_attendance_page_needs_the_same_number_of_queries_for_3_or_30_members(
    officer_client, meeting, county, add_members, n, django_assert_max_num_queries
):
    add_members(meeting.board, n, organisation=county)
    with django_assert_max_num_queries(ATTENDANCE_QUERIES):
        response = officer_client.get(url("manage_attendance", meeting.pk))
    assert response.status_code == 200
    assert len(response.context["form"].memberships) == n


def test_the_query_count_of_the_meeting_page_does_not_grow_with_the_agenda(officer_client, meeting, officer):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(url("manage_meeting", meeting.pk)).status_code == 200
        return len(queries)

    _furnish(meeting, 3, officer)
    few = count()
    AgendaItem.objects.filter(meeting=meeting).update(order=F("order") + 100)
    _furnish(meeting, 30, officer)
    assert count() == few


def test_the_board_meeting_list_shows_past_and_upcoming_meetings(officer_client, board, meeting):
    past = Meeting.objects.create(board=board, start=at(timezone.localdate() - dt.timedelta(days=60)), venue="Hall")
    response = officer_client.get(url("manage_board_meetings", board.pk))
    assert response.status_code == 200
    assert response.context["upcoming"] == [meeting] and response.context["past"] == [past]
    assert url("manage_meeting", past.pk) in response.content.decode()


# ---------------------------------------------------------------------------
# Forms: errors are shown with the GOV.UK error summary and status 400


def test_scheduling_without_a_date_or_venue_is_refused_with_an_error_summary(officer_client, board):
    response = officer_client.post(
        url("manage_meeting_new", board.pk), {"date_0": "", "date_1": "", "date_2": "", "start_time": "soon"}
    )
    assert response.status_code == 400
    summary = error_summary(response)
    assert "Enter the venue" in summary and "Enter the start time as a time" in summary
    assert not Meeting.objects.exists()


def test_a_meeting_cannot_end_before_it_starts(officer_client, board, date_input):
    day = timezone.localdate() + dt.timedelta(days=40)
    response = officer_client.post(
        url("manage_meeting_new", board.pk), meeting_post(date_input, day, start_time="2pm", end_time="13:00")
    )
    assert response.status_code == 400
    assert "The end time must be after the start time" in error_summary(response)


def test_an_officer_edits_and_cancels_a_meeting(officer_client, meeting, date_input):
    day = meeting.date + dt.timedelta(days=1)
    response = officer_client.post(
        url("manage_meeting_edit", meeting.pk), meeting_post(date_input, day, start_time="2:30pm", venue="Town Hall")
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.start == timezone.make_aware(dt.datetime.combine(day, dt.time(14, 30)))
    assert meeting.venue == "Town Hall" and meeting.sequence == 1

    response = officer_client.post(url("manage_meeting_cancel", meeting.pk), {"cancelled_reason": ""})
    assert response.status_code == 400
    assert "Enter why the meeting is cancelled" in error_summary(response)
    response = officer_client.post(url("manage_meeting_cancel", meeting.pk), {"cancelled_reason": "Not quorate"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and meeting.cancelled_reason == "Not quorate"


def test_an_exempt_item_needs_its_category_before_the_database_is_asked(officer_client, meeting):
    response = officer_client.post(
        url("manage_item_new", meeting.pk), {"title": "Staffing", "purpose": "decision", "exempt": "on"}
    )
    assert response.status_code == 400
    assert "Choose the category of exempt information" in error_summary(response)
    assert not AgendaItem.objects.exists()


def test_a_non_exempt_item_keeps_no_exempt_category(officer_client, meeting):
    officer_client.post(
        url("manage_item_new", meeting.pk),
        {"title": "Staffing", "purpose": "decision", "exempt_category": ExemptCategory.INDIVIDUAL},
    )
    assert AgendaItem.objects.get().exempt_category == ""


def test_an_officer_edits_an_item_and_moves_items_up_and_down(officer_client, meeting, officer):
    first, second, third = (actions.item_add(meeting, title=t, by=officer) for t in ("A", "B", "C"))
    response = officer_client.post(
        url("manage_item_edit", meeting.pk, second.pk), {"title": "B revised", "purpose": "information"}
    )
    assert response.status_code == 302
    assert officer_client.post(url("manage_item_move", meeting.pk, first.pk), {"direction": "down"}).status_code == 302
    assert list(meeting.items.order_by("order").values_list("title", flat=True)) == ["B revised", "A", "C"]
    assert officer_client.post(url("manage_item_move", meeting.pk, third.pk), {"direction": "up"}).status_code == 302
    assert list(meeting.items.order_by("order").values_list("title", flat=True)) == ["B revised", "C", "A"]


def test_moving_the_top_item_up_is_refused_with_a_reason(officer_client, meeting, item):
    response = officer_client.post(url("manage_item_move", meeting.pk, item.pk), {"direction": "up"})
    assert response.status_code == 400
    assert "already at the top" in error_summary(response)


def test_a_paper_needs_an_author(officer_client, meeting, item):
    response = officer_client.post(url("manage_paper_new", meeting.pk, item.pk), {"title": "Report", "file": pdf()})
    assert response.status_code == 400
    assert "Choose the author or enter their name" in error_summary(response)


def test_a_listed_person_can_be_the_author(officer_client, meeting, item, member):
    response = officer_client.post(
        url("manage_paper_new", meeting.pk, item.pk), {"title": "Report", "author": member.person.pk, "file": pdf()}
    )
    assert response.status_code == 302
    assert Paper.objects.get().author_display == "Cllr Mary Member"


def test_represented_by_deputy_needs_the_deputy(officer_client, board, seat):
    meeting = Meeting.objects.create(board=board, start=timezone.now() - dt.timedelta(hours=1), venue="Hall")
    response = officer_client.post(
        url("manage_attendance", meeting.pk), {f"status_{seat.pk}": "deputy", f"deputy_{seat.pk}": ""}
    )
    assert response.status_code == 400
    assert "Choose who represented Cllr Mary Member" in error_summary(response)
    assert not Attendance.objects.exists()


def test_attendance_cannot_be_recorded_before_the_agenda_is_published(officer_client, meeting, seat):
    response = officer_client.post(url("manage_attendance", meeting.pk), {f"status_{seat.pk}": "present"})
    assert response.status_code == 400
    assert "Publish the agenda before recording attendance." in error_summary(response)


def test_an_action_needs_an_owner_and_a_due_date(officer_client, meeting):
    response = officer_client.post(url("manage_action_new", meeting.pk), {"description": "Report back"})
    assert response.status_code == 400
    summary = error_summary(response)
    assert "Choose who owns the action" in summary and "Enter the due date" in summary


def test_an_action_can_be_edited(officer_client, meeting, member, date_input):
    action = Action.objects.create(meeting=meeting, description="Old", owner=member.person, due_date=meeting.date)
    response = officer_client.post(
        url("manage_action_edit", meeting.pk, action.pk),
        {"description": "New", "owner": member.person.pk, "status": "dropped"} | date_input("due_date", meeting.date),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.status) == ("New", ActionStatus.DROPPED)


# ---------------------------------------------------------------------------
# Invalid transitions are refused with a clear message


def test_minutes_cannot_be_published_before_they_are_approved(officer_client, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_DRAFT)
    response = officer_client.post(url("manage_minutes_publish", meeting.pk), {})
    assert response.status_code == 400
    assert "Only approved minutes can be published." in error_summary(response)
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None


def test_minutes_cannot_be_drafted_before_the_meeting_is_held(officer_client, meeting, item):
    response = officer_client.post(url("manage_minutes", meeting.pk), {f"minute_{item.pk}": "Agreed"})
    assert response.status_code == 400
    assert "once the meeting has been held" in error_summary(response)
    assert AgendaItem.objects.get(pk=item.pk).minutes == ""


def test_minutes_cannot_be_approved_at_an_earlier_meeting(officer_client, board, meeting):
    earlier = Meeting.objects.create(
        board=board, start=meeting.start - dt.timedelta(days=30), venue="Hall", status=MeetingStatus.HELD
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_DRAFT)
    response = officer_client.post(url("manage_minutes_approve", meeting.pk), {"at": earlier.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in error_summary(response)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_DRAFT


def test_minutes_still_in_the_meeting_cannot_be_approved(officer_client, board, meeting):
    now = timezone.now()
    later = Meeting.objects.create(
        board=board, start=now - dt.timedelta(days=10), venue="Hall", status=MeetingStatus.HELD
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD, start=now - dt.timedelta(days=40))
    response = officer_client.post(url("manage_minutes_approve", meeting.pk), {"at": later.pk})
    assert response.status_code == 400
    assert "Only draft minutes can be approved." in error_summary(response)


def test_a_held_meeting_cannot_be_cancelled(officer_client, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    response = officer_client.post(url("manage_meeting_cancel", meeting.pk), {"cancelled_reason": "Oops"})
    assert response.status_code == 400
    assert "Only a meeting that has not yet been held can be cancelled." in error_summary(response)


def test_an_agenda_cannot_be_published_twice_or_empty(officer_client, meeting, item):
    empty = Meeting.objects.create(board=meeting.board, start=meeting.start, venue="Hall")
    response = officer_client.post(url("manage_agenda_publish", empty.pk), {})
    assert response.status_code == 400
    assert "Add at least one item to the agenda" in error_summary(response)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.AGENDA_PUBLISHED)
    response = officer_client.post(url("manage_agenda_publish", meeting.pk), {"confirm_missing": "yes"})
    assert response.status_code == 400
    assert "The agenda has already been published." in error_summary(response)


def test_a_meeting_cannot_be_recorded_as_held_before_it_starts(officer_client, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.AGENDA_PUBLISHED)
    response = officer_client.post(url("manage_meeting_held", meeting.pk))
    assert response.status_code == 400
    assert "The meeting has not started yet." in error_summary(response)


def test_a_published_paper_cannot_be_published_again(officer_client, meeting, paper, officer):
    actions.paper_publish(paper, by=officer)
    response = officer_client.post(url("manage_paper_publish", meeting.pk, paper.pk), {})
    assert response.status_code == 400
    assert "already been published" in error_summary(response)


# ---------------------------------------------------------------------------
# Uploads: type by content, size, emptiness; versions never overwrite


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("report.pdf", PDF, PDF_TYPE), ("report.docx", docx_bytes(), DOCX_TYPE), ("no-extension", PDF, PDF_TYPE)],
)
def test_pdf_and_docx_papers_are_accepted_by_their_content(officer_client, meeting, item, name, content, content_type):
    response = officer_client.post(
        url("manage_paper_new", meeting.pk, item.pk),
        {"title": "Report", "author_name": "Fred", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302
    version = PaperVersion.objects.get()
    assert version.content_type == content_type and version.original_name == name
    assert Path(version.file.path).read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),  # a Windows program, renamed
        ("report.docx", b"Just some text, renamed to look like a Word document."),
        ("minutes.txt", b"Plain text"),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 100),  # a zip, but not a Word document
    ],
)
def test_files_that_are_not_papers_are_refused_whatever_their_name(officer_client, meeting, item, name, content):
    response = officer_client.post(
        url("manage_paper_new", meeting.pk, item.pk),
        {"title": "Report", "author_name": "Fred", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert NOT_A_PAPER in error_summary(response)
    assert not Paper.objects.exists() and not PaperVersion.objects.exists()


def test_an_oversized_file_is_refused(officer_client, meeting, item, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = pdf(content=PDF + b"0" * (1024 * 1024))
    response = officer_client.post(
        url("manage_paper_new", meeting.pk, item.pk), {"title": "Report", "author_name": "Fred", "file": big}
    )
    assert response.status_code == 400
    assert "The selected file must be smaller than 1.0 MB" in error_summary(response)
    assert not Paper.objects.exists()


def test_an_empty_file_is_refused(officer_client, meeting, paper):
    response = officer_client.post(
        url("manage_paper_upload", meeting.pk, paper.pk), {"file": pdf(content=b""), "change_note": "Blank"}
    )
    assert response.status_code == 400
    assert "The selected file is empty" in error_summary(response)
    assert paper.versions.count() == 1


def test_a_new_version_never_overwrites_the_earlier_file(officer_client, meeting, paper):
    first = paper.versions.get()
    response = officer_client.post(
        url("manage_paper_upload", meeting.pk, paper.pk),
        {"file": pdf("report.pdf", PDF + b"% revised\n"), "change_note": "Revised figures"},
    )
    assert response.status_code == 302
    first_again, second = paper.versions.order_by("number")
    assert first_again == first and second.number == 2 and second.change_note == "Revised figures"
    assert first.file.name != second.file.name
    assert Path(first.file.path).read_bytes() == PDF
    assert Path(second.file.path).read_bytes() == PDF + b"% revised\n"


def test_a_new_version_needs_a_change_note_and_a_file(officer_client, meeting, paper):
    response = officer_client.post(url("manage_paper_upload", meeting.pk, paper.pk), {})
    assert response.status_code == 400
    summary = error_summary(response)
    assert "Select the file to upload" in summary and "Enter what has changed" in summary


# ---------------------------------------------------------------------------
# Who may use these pages


@pytest.fixture
def their_meeting(other_board, other_officer) -> dict[str, str]:
    """A meeting of the partnership only ``other_officer`` services, with one of everything."""
    meeting = Meeting.objects.create(
        board=other_board, start=at(timezone.localdate() + dt.timedelta(days=35)), venue="Hall"
    )
    item = actions.item_add(meeting, title="Item", by=other_officer)
    paper = actions.paper_add(item, pdf(), title="Paper", author_name="A", by=other_officer)
    owner = Person.objects.create(name="Owner")
    action = Action.objects.create(meeting=meeting, description="Do", owner=owner, due_date=meeting.date)
    m, b = meeting.pk, other_board.pk
    return {
        "manage_board_meetings": url("manage_board_meetings", b),
        "manage_meeting_new": url("manage_meeting_new", b),
        "manage_meeting": url("manage_meeting", m),
        "manage_meeting_edit": url("manage_meeting_edit", m),
        "manage_meeting_cancel": url("manage_meeting_cancel", m),
        "manage_meeting_held": url("manage_meeting_held", m),
        "manage_item_new": url("manage_item_new", m),
        "manage_item_edit": url("manage_item_edit", m, item.pk),
        "manage_item_move": url("manage_item_move", m, item.pk),
        "manage_paper_new": url("manage_paper_new", m, item.pk),
        "manage_paper_upload": url("manage_paper_upload", m, paper.pk),
        "manage_paper_publish": url("manage_paper_publish", m, paper.pk),
        "manage_agenda_publish": url("manage_agenda_publish", m),
        "manage_attendance": url("manage_attendance", m),
        "manage_attendee_new": url("manage_attendee_new", m),
        "manage_minutes": url("manage_minutes", m),
        "manage_minutes_approve": url("manage_minutes_approve", m),
        "manage_minutes_publish": url("manage_minutes_publish", m),
        "manage_action_new": url("manage_action_new", m),
        "manage_action_edit": url("manage_action_edit", m, action.pk),
        "manage_action_done": url("manage_action_done", m, action.pk),
    }


POST_ONLY = {"manage_meeting_held", "manage_item_move", "manage_action_done"}
ALL_PAGES = [
    "manage_board_meetings",
    "manage_meeting_new",
    "manage_meeting",
    "manage_meeting_edit",
    "manage_meeting_cancel",
    "manage_meeting_held",
    "manage_item_new",
    "manage_item_edit",
    "manage_item_move",
    "manage_paper_new",
    "manage_paper_upload",
    "manage_paper_publish",
    "manage_agenda_publish",
    "manage_attendance",
    "manage_attendee_new",
    "manage_minutes",
    "manage_minutes_approve",
    "manage_minutes_publish",
    "manage_action_new",
    "manage_action_edit",
    "manage_action_done",
]


def test_every_officer_url_is_covered_here():
    from meetings.views.officer import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == set(ALL_PAGES)


@pytest.mark.parametrize("page", ALL_PAGES)
def test_an_officer_of_another_partnership_is_refused_every_page(officer_client, their_meeting, page):
    before = AuditEvent.objects.count()
    if page not in POST_ONLY:
        assert officer_client.get(their_meeting[page]).status_code == 403
    response = officer_client.post(
        their_meeting[page], {"direction": "up", "cancelled_reason": "x", "confirm_missing": "yes", "title": "x"}
    )
    assert response.status_code == 403
    assert "You do not service this partnership" in text_of(response)
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("page", ALL_PAGES)
def test_a_board_member_who_is_not_an_officer_is_refused(client, member, their_meeting, page):
    client.force_login(member)
    method = client.post if page in POST_ONLY else client.get
    assert method(their_meeting[page]).status_code == 403


@pytest.mark.parametrize("page", ALL_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, their_meeting, page):
    method = client.post if page in POST_ONLY else client.get
    response = method(their_meeting[page])
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={quote(their_meeting[page])}"


def test_an_administrator_may_manage_any_meeting(client, administrator, their_meeting):
    client.force_login(administrator)
    assert client.get(their_meeting["manage_meeting"]).status_code == 200


def test_an_unknown_meeting_is_not_found(officer_client):
    assert officer_client.get(url("manage_meeting", 999999)).status_code == 404


def test_an_item_of_another_meeting_is_not_found_through_this_one(officer_client, meeting, their_meeting):
    theirs = AgendaItem.objects.exclude(meeting=meeting).get()
    assert officer_client.get(url("manage_item_edit", meeting.pk, theirs.pk)).status_code == 404


def test_names_and_titles_in_generated_labels_are_escaped(officer_client, board, county, officer):
    """crispy-forms-gds prints labels with |safe: the forms escape what comes from data."""
    meeting = Meeting.objects.create(board=board, start=timezone.now() - dt.timedelta(hours=1), venue="Hall")
    actions.item_add(meeting, title="<b>Budget</b>", by=officer)
    Membership.objects.create(
        board=board,
        person=Person.objects.create(name="<i>Ivy</i>", organisation=county),
        organisation=county,
        start_date=dt.date(2020, 1, 1),
    )
    minutes = officer_client.get(url("manage_minutes", meeting.pk)).content.decode()
    assert "&lt;b&gt;Budget&lt;/b&gt;" in minutes and "<b>Budget</b>" not in minutes
    attendance = officer_client.get(url("manage_attendance", meeting.pk)).content.decode()
    assert "&lt;i&gt;Ivy&lt;/i&gt;" in attendance and "<i>Ivy</i>" not in attendance


def test_the_upload_page_says_a_published_papers_new_version_is_a_supplement(officer_client, meeting, paper, officer):
    actions.paper_publish(paper, by=officer)
    text = text_of(officer_client.get(url("manage_paper_upload", meeting.pk, paper.pk)))
    assert "published at once and listed as a supplement" in text
    officer_client.post(
        url("manage_paper_upload", meeting.pk, paper.pk), {"file": pdf(), "change_note": "Corrected appendix"}
    )
    first, second = paper.versions.order_by("number")
    assert (
        first.published_at is not None and second.published_at is not None and second.published_at >= first.published_at
    )
