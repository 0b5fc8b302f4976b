"""The meeting figures of board health (SPEC §3; 001 principle 3: low attendance and
rising substitutes are the symptoms of a "talking shop")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from meetings.health import MeetingFigures, meeting_figures, window_start
from meetings.models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from partnerships.health import BoardHealth, board_health, percent
from partnerships.models import Board, Deputyship, Layer, Membership, Person

TODAY = dt.date(2025, 6, 15)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def meeting(board: Board, day: dt.date, status: str = MeetingStatus.HELD, hour: int = 10) -> Meeting:
    return Meeting.objects.create(board=board, start=at(day, hour), venue="County Hall", status=status)


def record(meeting: Meeting, seats: list[Membership], statuses: str) -> None:
    """One attendance row per seat; statuses is a string of P(resent), D(eputy),
    A(pologies), X (absent), one letter per seat."""
    code = {
        "P": AttendanceStatus.PRESENT,
        "D": AttendanceStatus.DEPUTY,
        "A": AttendanceStatus.APOLOGIES,
        "X": AttendanceStatus.ABSENT,
    }
    deputies = dict(
        Deputyship.objects.filter(membership__in=seats).values_list("membership_id", "person_id")
    )  # the ledger: each seat's deputy from its start
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=meeting,
                membership=seat,
                person_id=seat.person_id,
                organisation_id=seat.organisation_id,
                status=code[letter],
                deputy_id=deputies[seat.pk] if letter == "D" else None,
            )
            for seat, letter in zip(seats, statuses, strict=True)
        ]
    )


@pytest.fixture
def ten_seats(board, county, add_members) -> list[Membership]:
    return add_members(board, 10, organisation=county)


@pytest.fixture
def three_meetings(board, ten_seats, other_board, county, add_members) -> list[Meeting]:
    """Three meetings held in the window with known attendance, and everything that
    must not count: a meeting a year ago to the day, a cancelled one, one whose agenda
    is published but which has not been held, an invited attendee, another board."""
    held = [
        meeting(board, dt.date(2024, 9, 10)),
        meeting(board, dt.date(2025, 1, 14), status=MeetingStatus.MINUTES_PUBLISHED),
        meeting(board, dt.date(2025, 5, 20), status=MeetingStatus.MINUTES_DRAFT),
    ]
    record(held[0], ten_seats, "PPPPPPPPDA")  # 8 present, 1 deputy
    record(held[1], ten_seats, "PPPPPPDDXX")  # 6 present, 2 deputies
    record(held[2], ten_seats, "PPPPPPPDDD")  # 7 present, 3 deputies
    guest = Person.objects.create(name="Invited Guest")
    Attendance.objects.create(meeting=held[0], person=guest, status=AttendanceStatus.PRESENT, invited_role="Speaker")

    a_year_ago = meeting(board, dt.date(2024, 6, 15))
    record(a_year_ago, ten_seats, "XXXXXXXXXX")
    meeting(board, dt.date(2025, 3, 1), status=MeetingStatus.CANCELLED)
    meeting(board, dt.date(2025, 6, 1), status=MeetingStatus.AGENDA_PUBLISHED)
    meeting(board, dt.date(2025, 7, 1), status=MeetingStatus.SCHEDULED)
    elsewhere = meeting(other_board, dt.date(2025, 2, 2))
    record(elsewhere, add_members(other_board, 4, organisation=county), "XXXX")
    return held


# ---------------------------------------------------------------------------
# meeting_figures on a hand-built data set


@pytest.mark.django_db
def test_three_meetings_held_with_known_attendance_give_exact_figures(board, three_meetings):
    figures = meeting_figures(board, TODAY)
    assert figures.meetings_held == 3
    assert figures.meetings_expected == 2  # a board: 2 to 3 a year (001)
    assert (figures.seats, figures.present, figures.by_deputy) == (30, 21, 6)
    assert figures.attendance_rate == pytest.approx(27 / 30)
    assert figures.deputy_share == pytest.approx(6 / 27)


@pytest.mark.django_db
def test_the_figures_take_two_queries_whatever_the_number_of_meetings(board, three_meetings, django_assert_num_queries):
    with django_assert_num_queries(2):
        meeting_figures(board, TODAY)


@pytest.mark.django_db
def test_a_meeting_a_year_ago_to_the_day_falls_outside_the_window_and_one_today_inside(board, ten_seats):
    meeting(board, dt.date(2024, 6, 15), hour=23)
    meeting(board, dt.date(2024, 6, 16), hour=0)
    meeting(board, TODAY, hour=23)
    meeting(board, TODAY + dt.timedelta(days=1), hour=0)
    assert meeting_figures(board, TODAY).meetings_held == 2


@pytest.mark.django_db
def test_a_board_with_no_meetings_has_no_rates(board, ten_seats):
    figures = meeting_figures(board, TODAY)
    assert figures.meetings_held == 0
    assert figures.attendance_rate is None
    assert figures.deputy_share is None


@pytest.mark.django_db
def test_meetings_held_without_attendance_recorded_have_no_rates(board):
    meeting(board, dt.date(2025, 4, 1))
    figures = meeting_figures(board, TODAY)
    assert figures.meetings_held == 1
    assert figures.attendance_rate is None
    assert figures.deputy_share is None


@pytest.mark.django_db
def test_board_health_carries_the_meeting_figures_for_display(board, three_meetings):
    board.expected_meetings_per_year = 4
    health = board_health(board, Membership.objects.filter(board=board), meetings=meeting_figures(board, TODAY))
    assert health.meetings_held == 3
    assert health.meetings_label == "3 of 4 expected"
    assert health.meetings_status == "below"
    assert health.needs_attention
    assert health.attendance_percent == "90%"
    assert health.deputy_share_percent == "22%"


# ---------------------------------------------------------------------------
# The pure parts: window, rates, BoardHealth display


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (dt.date(2025, 6, 15), dt.date(2024, 6, 16)),
        (dt.date(2025, 1, 1), dt.date(2024, 1, 2)),
        (dt.date(2024, 2, 29), dt.date(2023, 3, 1)),
        (dt.date(2025, 3, 1), dt.date(2024, 3, 2)),
    ],
)
def test_the_window_is_the_twelve_months_ending_today(today, start):
    assert window_start(today) == start


@pytest.mark.parametrize(
    ("seats", "present", "by_deputy", "attendance", "deputies"),
    [
        (30, 21, 6, 0.9, 6 / 27),
        (10, 10, 0, 1.0, 0.0),
        (10, 0, 0, 0.0, None),  # nobody came: no seat was filled, so no share of deputies
        (8, 0, 8, 1.0, 1.0),  # every seat filled by a substitute: a "talking shop"
    ],
)
def test_rates_follow_the_definitions(seats, present, by_deputy, attendance, deputies):
    figures = MeetingFigures(
        since=TODAY,
        until=TODAY,
        meetings_held=2,
        meetings_expected=2,
        seats=seats,
        present=present,
        by_deputy=by_deputy,
    )
    assert figures.attendance_rate == pytest.approx(attendance)
    assert figures.deputy_share == (pytest.approx(deputies) if deputies is not None else None)


@pytest.mark.parametrize(
    ("held", "expected", "status", "label"),
    [
        (None, 2, "unknown", "0 of 2 expected"),
        (1, 2, "below", "1 of 2 expected"),
        (2, 2, "met", "2 of 2 expected"),
        (7, 6, "met", "7 of 6 expected"),
        (3, None, "no_norm", "3"),
        (0, 0, "met", "0 of 0 expected"),
    ],
)
def test_meetings_status_compares_meetings_held_with_the_number_expected(held, expected, status, label):
    health = BoardHealth(
        size=12, optimum_min=12, optimum_max=15, meetings_expected_per_year=expected, meetings_held=held
    )
    assert health.meetings_status == status
    assert health.meetings_label == label
    assert health.needs_attention == (status == "below")


@pytest.mark.parametrize(
    ("rate", "shown"),
    [(None, None), (0.9, "90%"), (2 / 3, "67%"), (0.125, "13%"), (0.0, "0%"), (1.0, "100%"), (6 / 27, "22%")],
)
def test_percentages_are_whole_and_rounded_half_up(rate, shown):
    assert percent(rate) == shown


def test_board_health_without_meeting_figures_keeps_its_earlier_shape():
    health = board_health(Board(layer=Layer.EXECUTIVE), [])
    assert (health.meetings_held, health.attendance_rate, health.deputy_share) == (None, None, None)
    assert health.meetings_status == "unknown"
    assert health.attendance_percent is None
