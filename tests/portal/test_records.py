"""Person and organisation pages (issue 9 item 4): attendance by year, declarations and
positions, from published minutes and public decisions only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import Proposal, Round
from meetings.models import Attendance, AttendanceStatus, Declaration, ExemptCategory
from tests.factories import make_item, make_meeting, seat_position
from tests.pages import text_of

pytestmark = pytest.mark.django_db


def minuted(board, when: dt.datetime, *, minutes: bool = True):
    return make_meeting(board, when, minutes_published_at=when + dt.timedelta(days=20) if minutes else None)


@pytest.fixture
def history(board, seat, deputy):
    """Three meetings in 2025 and 2026 with published minutes and one without."""
    at = lambda y, m: timezone.make_aware(dt.datetime(y, m, 10, 14))  # noqa: E731
    meetings = [minuted(board, at(2025, 3)), minuted(board, at(2025, 9)), minuted(board, at(2026, 3))]
    draft = minuted(board, at(2026, 6), minutes=False)
    statuses = [AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.DEPUTY]
    for meeting, status in zip(meetings, statuses, strict=True):
        Attendance.objects.create(
            meeting=meeting,
            membership=seat,
            person=seat.person,
            organisation=seat.organisation,
            status=status,
            deputy=deputy.person if status == AttendanceStatus.DEPUTY else None,
        )
    Attendance.objects.create(meeting=draft, membership=seat, person=seat.person, status=AttendanceStatus.ABSENT)
    public_item = make_item(meetings[0], "Budget")
    exempt_item = make_item(meetings[0], "Land", exempt=True, exempt_category=ExemptCategory.FINANCIAL)
    Declaration.objects.create(item=public_item, membership=seat, person=seat.person, nature="Governor of a school")
    Declaration.objects.create(item=exempt_item, membership=seat, person=seat.person, nature="Owns the land")
    Declaration.objects.create(
        item=make_item(draft, "Draft item"), membership=seat, person=seat.person, nature="Draft declaration"
    )
    for item, title in ((public_item, "Agree the budget"), (exempt_item, "Buy the land")):
        proposal = Proposal.objects.create(board=board, item=item, title=title, text="Agree.")
        rnd = Round.objects.create(proposal=proposal, number=1, meeting=item.meeting, text="Agree.")
        seat_position(rnd, seat).save()
    return meetings


def test_a_person_page_gives_attendance_by_year_and_the_public_record(client, seat, history):
    page = text_of(client.get(reverse("person", args=[seat.person_id])))

    assert "2026 1 Represented by deputy: 1" in page
    assert "2025 2 Present: 1; Apologies: 1" in page
    assert "Absent" not in page  # only in the unpublished minutes
    assert "Governor of a school" in page
    assert "Owns the land" not in page and "Draft declaration" not in page
    assert "Agree the budget" in page and "Buy the land" not in page


def test_a_deputys_page_counts_the_meetings_they_attended_for_the_member(client, deputy, history):
    page = text_of(client.get(reverse("person", args=[deputy.person.pk])))
    assert "2026 0 attended as deputy: 1" in page


def test_an_organisation_page_gives_seats_attendance_and_positions(client, seat, history):
    response = client.get(reverse("organisation", args=[seat.organisation_id]))
    page = text_of(response)

    assert seat.person.name in page and seat.board.name in page
    assert "2025 2 Present: 1; Apologies: 1" in page
    assert "Agree the budget" in page and "Buy the land" not in page
    assert client.get(reverse("organisation", args=[999999])).status_code == 404


@pytest.mark.parametrize("rows", [10, 200])
def test_record_pages_use_a_bounded_number_of_queries(client, board, seat, rows, django_assert_max_num_queries):
    start = timezone.now() - dt.timedelta(days=rows + 30)
    for n in range(rows):
        meeting = minuted(board, start + dt.timedelta(days=n))
        Attendance.objects.create(meeting=meeting, membership=seat, person=seat.person, status=AttendanceStatus.PRESENT)
        item = make_item(meeting, f"Item {n}")
        Declaration.objects.create(item=item, membership=seat, person=seat.person, nature=f"Interest {n}")
        proposal = Proposal.objects.create(board=board, item=item, title=f"Proposal {n}", text="Agree.")
        rnd = Round.objects.create(proposal=proposal, number=1, meeting=meeting, text="Agree.")
        seat_position(rnd, seat).save()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("person", args=[seat.person_id])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("organisation", args=[seat.organisation_id])).status_code == 200
