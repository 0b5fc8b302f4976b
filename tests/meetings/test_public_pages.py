"""Public meeting pages (SPEC §4, §6): lists, calendar, the meeting page and paper
downloads. The public sees a meeting only once its agenda is published, a paper only
when published on a non-exempt item, minutes only once published; officers of the
partnership see everything, marked "Not published"."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    ExemptCategory,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
    Purpose,
)
from partnerships.models import Board, Membership, Person

LONDON = zoneinfo.ZoneInfo("Europe/London")
PDF = "application/pdf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=LONDON)


def make_meeting(board: Board, start: dt.datetime | None = None, *, published: bool = True, **extra) -> Meeting:
    start = start or timezone.now() + dt.timedelta(days=30)
    return Meeting.objects.create(
        board=board,
        start=start,
        venue=extra.pop("venue", "County Hall, Oxford"),
        status=extra.pop("status", MeetingStatus.AGENDA_PUBLISHED if published else MeetingStatus.SCHEDULED),
        agenda_published_at=start - dt.timedelta(days=20) if published else None,
        **extra,
    )


def make_item(meeting: Meeting, order: int, title: str, **extra) -> AgendaItem:
    return AgendaItem.objects.create(meeting=meeting, order=order, title=title, **extra)


def add_version(paper: Paper, content: bytes, *, published: bool = True, note: str = "") -> PaperVersion:
    number = paper.versions.count() + 1
    name = default_storage.save(f"papers/test/paper-{paper.pk}-v{number}.pdf", ContentFile(content))
    return PaperVersion.objects.create(
        paper=paper,
        number=number,
        file=name,
        original_name=f'evil"\r\nname-{number}.pdf',
        content_type=PDF,
        size=len(content),
        sha256="0" * 64,
        published_at=timezone.now() - dt.timedelta(days=10 - number) if published else None,
        change_note=note,
    )


def make_paper(item: AgendaItem, title: str, content: bytes = b"%PDF-1.4 public", *, published: bool = True, **extra):
    paper = Paper.objects.create(
        item=item,
        title=title,
        published_at=timezone.now() - dt.timedelta(days=10) if published else None,
        **extra,
    )
    add_version(paper, content, published=published)
    return paper


# ---------------------------------------------------------------------------
# Lists


@pytest.mark.django_db
def test_meeting_list_shows_published_meetings_and_hides_unpublished_ones(client, board):
    make_meeting(board, title="Spring meeting")
    make_meeting(board, timezone.now() - dt.timedelta(days=40), title="Winter meeting", status=MeetingStatus.HELD)
    make_meeting(board, title="Secret planning meeting", published=False)

    page = client.get(reverse("meetings:list")).content.decode()

    upcoming, past = page.split('id="past-meetings"')
    assert "Spring meeting" in upcoming
    assert "Winter meeting" in past
    assert "Secret planning meeting" not in page


@pytest.mark.django_db
def test_meeting_list_shows_board_status_and_link(client, board):
    meeting = make_meeting(board, title="Spring meeting")
    cancelled = make_meeting(board, title="Called off", status=MeetingStatus.CANCELLED)

    page = client.get(reverse("meetings:list")).content.decode()

    assert meeting.get_absolute_url() in page
    assert board.name in page
    assert reverse("meetings:board_list", args=[board.partnership.slug, board.slug]) in page
    assert "Agenda published" in page
    assert cancelled.get_absolute_url() in page and "Cancelled" in page


@pytest.mark.django_db
def test_meeting_list_is_paginated_with_the_govuk_component(client, board):
    base = timezone.now() + dt.timedelta(days=1)
    for i in range(25):
        make_meeting(board, base + dt.timedelta(days=i), title=f"Meeting number {i:02d}")

    first = client.get(reverse("meetings:list")).content.decode()
    second = client.get(reverse("meetings:list"), {"upcoming_page": 2}).content.decode()

    assert 'class="govuk-pagination"' in first
    assert "Meeting number 00" in first and "Meeting number 24" not in first
    assert "Meeting number 24" in second and "Meeting number 00" not in second
    assert 'aria-current="page">2<' in second


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "abc", "9999", "1.5"])
def test_a_bad_page_number_never_fails(client, board, page):
    make_meeting(board)
    assert client.get(reverse("meetings:list"), {"past_page": page, "upcoming_page": page}).status_code == 200


@pytest.mark.django_db
def test_board_list_shows_only_that_boards_meetings(client, board, other_board):
    make_meeting(board, title="Ours")
    make_meeting(other_board, title="Theirs")

    response = client.get(reverse("meetings:board_list", args=[board.partnership.slug, board.slug]))

    page = response.content.decode()
    assert "Ours" in page and "Theirs" not in page


@pytest.mark.django_db
def test_board_list_of_an_unknown_board_is_not_found(client, board, other_board):
    assert client.get(reverse("meetings:board_list", args=["nope", "nope"])).status_code == 404
    # A board is found only under its own partnership.
    url = reverse("meetings:board_list", args=[other_board.partnership.slug, board.slug])
    assert client.get(url).status_code == 404


# ---------------------------------------------------------------------------
# Calendar


@pytest.mark.django_db
def test_calendar_groups_a_months_meetings_by_day(client, board, other_board):
    make_meeting(board, at(2030, 5, 14, 10), title="Morning board")
    make_meeting(other_board, at(2030, 5, 14, 14), title="Afternoon body")
    make_meeting(board, at(2030, 5, 20), title="Later board")
    make_meeting(board, at(2030, 6, 1), title="June board")
    make_meeting(board, at(2030, 5, 21), title="Hidden board", published=False)

    page = client.get(reverse("meetings:calendar", args=[2030, 5])).content.decode()

    assert "May 2030" in page
    assert page.index('datetime="2030-05-14"') < page.index("Morning board") < page.index("Afternoon body")
    assert page.index("Afternoon body") < page.index('datetime="2030-05-20"') < page.index("Later board")
    assert "June board" not in page and "Hidden board" not in page


@pytest.mark.django_db
def test_calendar_links_to_the_previous_and_next_month_within_the_published_range(client, board):
    make_meeting(board, at(2030, 5, 14))
    make_meeting(board, at(2030, 8, 14))

    may = client.get(reverse("meetings:calendar", args=[2030, 5])).content.decode()
    august = client.get(reverse("meetings:calendar", args=[2030, 8])).content.decode()

    assert reverse("meetings:calendar", args=[2030, 6]) in may
    assert reverse("meetings:calendar", args=[2030, 4]) in may  # towards this month
    assert reverse("meetings:calendar", args=[2030, 7]) in august
    assert reverse("meetings:calendar", args=[2030, 9]) not in august  # nothing published later


@pytest.mark.django_db
def test_calendar_crosses_the_year_boundary(client, board):
    make_meeting(board, at(2031, 1, 10))
    make_meeting(board, at(2030, 12, 10))

    january = client.get(reverse("meetings:calendar", args=[2031, 1])).content.decode()

    assert reverse("meetings:calendar", args=[2030, 12]) in january


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "month"), [(2030, 13), (2030, 0), (1, 5), (99999, 1)])
def test_calendar_of_an_impossible_month_is_not_found(client, year, month):
    assert client.get(f"/meetings/calendar/{year}/{month}/").status_code == 404


@pytest.mark.django_db
def test_board_calendar_shows_only_that_board(client, board, other_board):
    make_meeting(board, at(2030, 5, 14), title="Ours")
    make_meeting(other_board, at(2030, 5, 14), title="Theirs")

    url = reverse("meetings:board_calendar", args=[board.partnership.slug, board.slug, 2030, 5])
    page = client.get(url).content.decode()

    assert "Ours" in page and "Theirs" not in page


@pytest.mark.django_db
def test_calendar_without_a_month_goes_to_this_month(client, board):
    today = timezone.localdate()
    response = client.get(reverse("meetings:calendar_this_month"))
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:calendar", args=[today.year, today.month])
    board_response = client.get(
        reverse("meetings:board_calendar_this_month", args=[board.partnership.slug, board.slug])
    )
    assert board_response["Location"] == reverse(
        "meetings:board_calendar", args=[board.partnership.slug, board.slug, today.year, today.month]
    )


# ---------------------------------------------------------------------------
# The meeting page


@pytest.mark.django_db
def test_meeting_page_shows_the_agenda_in_order_with_purpose_and_lead_officer(client, board):
    meeting = make_meeting(board, title="Spring meeting")
    make_item(meeting, 2, "Budget 2030/31", purpose=Purpose.DECISION, lead_officer="Chief Finance Officer")
    make_item(meeting, 1, "Apologies and declarations", purpose=Purpose.INFORMATION)

    response = client.get(meeting.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("1. Apologies and declarations") < page.index("2. Budget 2030/31")
    assert "For decision" in page and "Chief Finance Officer" in page
    assert meeting.venue in page


@pytest.mark.django_db
def test_an_unpublished_meeting_is_not_found_by_the_public_or_other_officers(client, board, other_officer, member):
    meeting = make_meeting(board, published=False)

    assert client.get(meeting.get_absolute_url()).status_code == 404
    client.force_login(other_officer)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(meeting.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_officers_see_an_unpublished_meeting_with_a_not_published_banner(client, board, officer):
    meeting = make_meeting(board, published=False, title="Draft agenda meeting")
    client.force_login(officer)

    response = client.get(meeting.get_absolute_url())

    assert response.status_code == 200
    assert "Not published" in response.content.decode()


@pytest.mark.django_db
def test_the_meeting_page_offers_the_agenda_pack_only_once_published(client, board, officer):
    published = make_meeting(board)
    unpublished = make_meeting(board, published=False)

    page = client.get(published.get_absolute_url()).content.decode()
    client.force_login(officer)
    internal = client.get(unpublished.get_absolute_url()).content.decode()

    assert 'id="meeting-documents-title"' in page and "agenda pack" in page
    assert 'id="meeting-documents-title"' not in internal
    assert reverse("meetings:manage_meeting", args=[unpublished.pk]) in internal
    assert reverse("meetings:manage_meeting", args=[published.pk]) not in page


@pytest.mark.django_db
def test_the_public_page_has_no_not_published_banner(client, board):
    meeting = make_meeting(board)
    assert "Not published" not in client.get(meeting.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_meeting_page_shows_the_paper_deadline(client, board):
    meeting = make_meeting(board, at(2030, 5, 14))
    page = client.get(meeting.get_absolute_url()).content.decode()
    # 10 working days before Tuesday 14 May 2030, skipping the early May bank holiday (6 May).
    assert "Paper deadline" in page and "Monday 29 April 2030" in page
    assert "Statutory deadline" not in page


@pytest.mark.django_db
def test_council_committee_meeting_also_shows_the_five_clear_days_deadline(client, board):
    board.is_council_committee = True
    board.save()
    meeting = make_meeting(board, at(2030, 5, 14))

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "Statutory deadline" in page and "5 clear days" in page
    assert meeting.statutory_deadline.strftime("%B %Y") in page
    assert f"{meeting.statutory_deadline.day} {meeting.statutory_deadline:%B %Y}" in page


@pytest.mark.django_db
def test_the_public_sees_only_the_category_of_an_exempt_item(client, board):
    meeting = make_meeting(board)
    item = make_item(
        meeting,
        1,
        "Sale of the depot to Mr Smith",
        description="Offer of £2m",
        exempt=True,
        exempt_category=ExemptCategory.FINANCIAL,
        lead_officer="Estates manager",
    )
    make_paper(item, "Valuation of the depot", b"%PDF-1.4 secret valuation")

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "Exempt item: 3. Financial or business affairs of any particular person" in page
    for secret in ("Sale of the depot", "Offer of", "Valuation of the depot", "Estates manager", "/papers/"):
        assert secret not in page


@pytest.mark.django_db
def test_officers_see_exempt_items_in_full(client, board, officer):
    meeting = make_meeting(board)
    item = make_item(meeting, 1, "Sale of the depot", exempt=True, exempt_category=ExemptCategory.FINANCIAL)
    make_paper(item, "Valuation of the depot")
    client.force_login(officer)

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "Sale of the depot" in page and "Valuation of the depot" in page
    assert "Exempt" in page


@pytest.mark.django_db
def test_only_published_papers_are_listed_for_the_public(client, board, officer):
    meeting = make_meeting(board)
    item = make_item(meeting, 1, "Plan")
    make_paper(item, "The published plan")
    make_paper(item, "The draft appendix", published=False, available_to_members=True)

    public = client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(officer)
    internal = client.get(meeting.get_absolute_url()).content.decode()

    assert "The published plan" in public and "The draft appendix" not in public
    assert "The draft appendix" in internal and "Not published" in internal


@pytest.mark.django_db
def test_a_paper_shows_its_download_link_size_and_type(client, board):
    meeting = make_meeting(board)
    paper = make_paper(make_item(meeting, 1, "Plan"), "The plan", b"%PDF-1.4 " + b"x" * 2039)

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert reverse("meetings:paper_download", args=[meeting.pk, paper.pk, 1]) in page
    assert "PDF, 2.0\xa0KB" in page


@pytest.mark.django_db
def test_a_late_paper_is_tagged_late_with_its_reason(client, board):
    meeting = make_meeting(board)
    make_paper(
        make_item(meeting, 1, "Plan"),
        "Late figures",
        late=True,
        late_reason="The quarter's figures arrived on Friday.",
        chair_agreed_urgent=True,
        chair_agreed_by="Cllr Chair",
    )

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert '<strong class="govuk-tag app-tag-late">Late</strong>' in page
    assert "The quarter&#x27;s figures arrived on Friday." in page


@pytest.mark.django_db
def test_a_late_supplement_is_tagged_late(client, board):
    meeting = make_meeting(board)
    item = make_item(meeting, 1, "Plan", urgent_reason="Supplement to 'The plan': new figures (agreed by the chair)")
    paper = make_paper(item, "The plan")
    PaperVersion.objects.filter(pk=add_version(paper, b"%PDF-1.4 late").pk).update(late=True)

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert '<strong class="govuk-tag app-tag-late">Late</strong>' in page
    assert "new figures (agreed by the chair)" in page


@pytest.mark.django_db
def test_a_replaced_paper_is_a_supplement_with_its_earlier_versions_listed(client, board):
    meeting = make_meeting(board)
    paper = make_paper(make_item(meeting, 1, "Plan"), "The plan")
    add_version(paper, b"%PDF-1.4 corrected", note="Corrected table 2")

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "Supplement" in page and "Corrected table 2" in page
    latest = reverse("meetings:paper_download", args=[meeting.pk, paper.pk, 2])
    earlier = reverse("meetings:paper_download", args=[meeting.pk, paper.pk, 1])
    assert page.index(latest) < page.index("Earlier versions") < page.index(earlier)


@pytest.mark.django_db
def test_an_unpublished_draft_version_is_never_offered_to_the_public(client, board):
    meeting = make_meeting(board)
    paper = Paper.objects.create(item=make_item(meeting, 1, "Plan"), title="The plan", published_at=timezone.now())
    add_version(paper, b"%PDF-1.4 first draft", published=False)
    add_version(paper, b"%PDF-1.4 final")

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert reverse("meetings:paper_download", args=[meeting.pk, paper.pk, 2]) in page
    assert reverse("meetings:paper_download", args=[meeting.pk, paper.pk, 1]) not in page
    assert "Supplement" not in page


def held_meeting_with_minutes(board: Board, seat: Membership, *, published: bool) -> Meeting:
    meeting = make_meeting(
        board,
        timezone.now() - dt.timedelta(days=30),
        status=MeetingStatus.MINUTES_PUBLISHED if published else MeetingStatus.MINUTES_DRAFT,
        minutes_published_at=timezone.now() if published else None,
    )
    item = make_item(meeting, 1, "Housing strategy", minutes="The board agreed the strategy.")
    Declaration.objects.create(item=item, membership=seat, nature="Her husband is a housing trustee", withdraws=True)
    Attendance.objects.create(meeting=meeting, membership=seat, person=seat.person, status=AttendanceStatus.PRESENT)
    apologetic = Person.objects.create(name="Dr Absent Apologetic")
    deputy = Person.objects.create(name="Ms Stand In")
    other_seat = Membership.objects.create(
        board=board, person=apologetic, organisation=seat.organisation, start_date=seat.start_date
    )
    Attendance.objects.create(
        meeting=meeting,
        membership=other_seat,
        person=apologetic,
        status=AttendanceStatus.DEPUTY,
        deputy=deputy,
    )
    return meeting


@pytest.mark.django_db
def test_published_minutes_show_attendance_declarations_and_the_minute(client, board, seat):
    meeting = held_meeting_with_minutes(board, seat, published=True)

    page = client.get(meeting.get_absolute_url()).content.decode()

    minutes = page[page.index('id="minutes"') :]
    assert "The board agreed the strategy." in minutes
    assert "Her husband is a housing trustee" in minutes and "withdrew" in minutes
    assert seat.person.name in minutes
    assert "Ms Stand In for Dr Absent Apologetic" in minutes


@pytest.mark.django_db
def test_draft_minutes_are_not_shown_to_the_public(client, board, seat, officer):
    meeting = held_meeting_with_minutes(board, seat, published=False)

    public = client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(officer)
    internal = client.get(meeting.get_absolute_url()).content.decode()

    assert "The board agreed the strategy." not in public
    assert "Her husband is a housing trustee" not in public
    assert 'id="minutes"' not in public
    assert "The board agreed the strategy." in internal and "Draft" in internal


@pytest.mark.django_db
def test_the_minute_and_declarations_of_an_exempt_item_stay_private(client, board, seat):
    meeting = held_meeting_with_minutes(board, seat, published=True)
    item = make_item(
        meeting, 2, "Contract dispute", exempt=True, exempt_category=ExemptCategory.LEGAL_PRIVILEGE, minutes="Settle"
    )
    Declaration.objects.create(item=item, membership=seat, nature="Related to the contractor")

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "Contract dispute" not in page and "Related to the contractor" not in page
    assert "Settle" not in page
    assert "Exempt item: 5. Legal professional privilege" in page


# ---------------------------------------------------------------------------
# Paper downloads


def download(client, paper: Paper, number: int = 1):
    return client.get(reverse("meetings:paper_download", args=[paper.item.meeting_id, paper.pk, number]))


@pytest.mark.django_db
def test_a_public_paper_is_served_as_a_safe_attachment(client, board):
    meeting = make_meeting(board)
    paper = make_paper(make_item(meeting, 1, "Plan"), "Annual plan 2030/31", b"%PDF-1.4 the plan")

    response = download(client, paper)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 the plan"
    assert response["Content-Type"] == PDF
    assert response["Content-Disposition"] == 'attachment; filename="annual-plan-203031-v1.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "no-cache"  # revalidated: withdrawn material vanishes at once
    assert response["ETag"] == f'"{paper.versions.get().sha256}"'


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case",
    ["unpublished paper", "unpublished version", "exempt item", "unpublished meeting"],
)
def test_a_non_public_paper_is_not_found_by_the_public(client, board, case):
    meeting = make_meeting(board, published=case != "unpublished meeting")
    exempt = {"exempt": True, "exempt_category": ExemptCategory.CRIME} if case == "exempt item" else {}
    item = make_item(meeting, 1, "Plan", **exempt)
    paper = make_paper(item, "A paper", b"%PDF-1.4 private", published=case != "unpublished paper")
    if case == "unpublished version":
        paper.versions.update(published_at=None)

    response = download(client, paper)

    assert response.status_code == 404
    assert b"private" not in response.content


@pytest.mark.django_db
def test_officers_download_unpublished_papers_privately(client, board, officer, other_officer):
    meeting = make_meeting(board, published=False)
    paper = make_paper(make_item(meeting, 1, "Plan"), "Draft", b"%PDF-1.4 draft", published=False)

    client.force_login(other_officer)
    assert download(client, paper).status_code == 404
    client.force_login(officer)
    response = download(client, paper)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.django_db
def test_board_members_download_papers_made_available_to_members(client, board, seat, member, deputy, scrutiny):
    meeting = make_meeting(board, published=False)
    item = make_item(meeting, 1, "Plan")
    shared = make_paper(item, "Shared early", published=False, available_to_members=True)
    withheld = make_paper(item, "Not shared", published=False)

    client.force_login(scrutiny)
    assert download(client, shared).status_code == 404
    client.force_login(member)
    assert download(client, shared).status_code == 200
    assert download(client, shared)["Cache-Control"] == "private, no-cache"
    assert download(client, withheld).status_code == 404
    client.force_login(deputy)
    assert download(client, shared).status_code == 200


@pytest.mark.django_db
def test_a_download_url_must_name_the_papers_own_meeting_and_version(client, board):
    meeting = make_meeting(board)
    other = make_meeting(board)
    paper = make_paper(make_item(meeting, 1, "Plan"), "The plan")

    assert client.get(reverse("meetings:paper_download", args=[other.pk, paper.pk, 1])).status_code == 404
    assert client.get(reverse("meetings:paper_download", args=[meeting.pk, paper.pk, 2])).status_code == 404
    assert client.get(reverse("meetings:paper_download", args=[meeting.pk, 999999, 1])).status_code == 404


@pytest.mark.django_db
def test_a_missing_file_is_not_found_rather_than_an_error(client, board):
    meeting = make_meeting(board)
    paper = make_paper(make_item(meeting, 1, "Plan"), "The plan")
    default_storage.delete(paper.versions.get().file.name)

    assert download(client, paper).status_code == 404


@pytest.mark.django_db
def test_downloads_accept_only_safe_methods(client, board):
    meeting = make_meeting(board)
    paper = make_paper(make_item(meeting, 1, "Plan"), "The plan")
    url = reverse("meetings:paper_download", args=[meeting.pk, paper.pk, 1])
    assert client.post(url).status_code == 405


@pytest.mark.django_db
def test_uploaded_files_are_not_reachable_at_the_media_url(client, board, settings):
    meeting = make_meeting(board)
    paper = make_paper(make_item(meeting, 1, "Plan"), "The plan", b"%PDF-1.4 media")
    name = paper.versions.get().file.name

    response = client.get(f"{settings.MEDIA_URL.rstrip('/') or ''}/{name}")
    response_media = client.get(f"/media/{name}")

    assert response.status_code == 404 and response_media.status_code == 404
    assert b"%PDF-1.4 media" not in response_media.content


# ---------------------------------------------------------------------------
# Query counts (SPEC §8: the number of queries does not grow with the rows shown)


def furnish(board: Board, n: int) -> Meeting:
    """n published meetings (half past, half upcoming); the first has n items with a
    paper each (two versions), declarations and attendance, minutes published."""
    now = timezone.now()
    meetings = [
        make_meeting(board, now + dt.timedelta(days=(i - n // 2) * 7 + 1), title=f"Meeting {i}") for i in range(n)
    ]
    first = meetings[0]
    Meeting.objects.filter(pk=first.pk).update(
        minutes_published_at=now, status=MeetingStatus.MINUTES_PUBLISHED, start=now - dt.timedelta(days=400)
    )
    org = board.partnership.lead_accountable_body
    for i in range(n):
        item = make_item(first, i + 1, f"Item {i}", minutes=f"Minute {i}")
        person = Person.objects.create(name=f"Person {i}", organisation=org)
        paper = make_paper(
            item, f"Paper {i}", author=person, late=i % 2 == 0, late_reason="Late", chair_agreed_urgent=i % 2 == 0
        )
        add_version(paper, b"%PDF-1.4 v2", note="Supplement")
        seat = Membership.objects.create(board=board, person=person, organisation=org, start_date=dt.date(2020, 1, 1))
        Declaration.objects.create(item=item, membership=seat, nature="Interest")
        Attendance.objects.create(meeting=first, membership=seat, person=person, organisation=org)
    make_item(first, n + 1, "Exempt", exempt=True, exempt_category=ExemptCategory.INDIVIDUAL)
    first.refresh_from_db()
    return first


# What meetings.pdf.public_documents costs the officer's meeting page at most: the
# rendered documents and, to check a ready one is not out of date, the public content of
# the agenda pack and minutes. It only reads (tests/test_public_reads.py).
DOCUMENTS_QUERIES = 7
# The rounds held at the meeting with their proposals (decisions.queries).
DECISIONS_QUERIES = 1
# The public page (issue 11 item 13): the meeting, the decisions, items, public paper
# versions with their papers, declarations, attendance, the documents, and the actions
# arising when there are ready minutes to check: the rows the page shows are the ones
# the documents are checked against (meetings.pdf.PublicRows).
PUBLIC_MEETING_QUERIES = 8


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_public_pages_use_a_bounded_number_of_queries(client, board, n, django_assert_max_num_queries):
    first = furnish(board, n)
    today = timezone.localdate()
    urls = {
        # two pages of meetings: a count and a page each
        reverse("meetings:list"): 4,
        reverse("meetings:board_list", args=[board.partnership.slug, board.slug]): 5,
        # the month's meetings and the first and last month for the previous/next links
        reverse("meetings:calendar", args=[today.year, today.month]): 2,
        reverse("meetings:board_calendar", args=[board.partnership.slug, board.slug, today.year, today.month]): 3,
        first.get_absolute_url(): PUBLIC_MEETING_QUERIES,
    }
    # Counted from the first view: a GET creates no RenderedDocument row (issue 7).
    for url, bound in urls.items():
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_the_meeting_page_for_an_officer_uses_a_bounded_number_of_queries(
    client, board, officer, n, django_assert_max_num_queries
):
    first = furnish(board, n)
    client.force_login(officer)
    client.get(first.get_absolute_url())
    # the public queries, plus session, user, user.person (service navigation) and the officer check
    with django_assert_max_num_queries(10 + DOCUMENTS_QUERIES + DECISIONS_QUERIES):
        assert client.get(first.get_absolute_url()).status_code == 200
