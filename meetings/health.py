"""The meeting figures of board health (SPEC §3; 001 principle 3): how often a board
met in the last 12 months against how often it should, how many seats were filled at
those meetings, and how many of them by deputies. Low attendance and rising
substitutes are the symptoms of a "talking shop" (001 principle 3).

Two queries whatever the number of meetings or seats: one count of the meetings, one
aggregate over their attendance rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from partnerships.models import Board

from .models import Attendance, AttendanceStatus, Meeting, MeetingStatus

# A meeting counts as held once it has taken place, whatever stage its minutes are at;
# scheduled, agenda-published (not yet held) and cancelled meetings do not count.
HELD_STATUSES = (
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_DRAFT,
    MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.MINUTES_PUBLISHED,
)


@dataclass(frozen=True)
class MeetingFigures:
    """Meeting and attendance figures of one board over a 12-month window."""

    since: dt.date  # first day of the window (the day after the same date a year earlier)
    until: dt.date  # last day of the window (today)
    meetings_held: int
    meetings_expected: int | None
    seats: int  # attendance rows of memberships at those meetings (invited attendees excluded)
    present: int
    by_deputy: int

    @property
    def attendance_rate(self) -> float | None:
        """(present + represented by a deputy) / seats; None when nothing is recorded."""
        if not self.meetings_held or not self.seats:
            return None
        return (self.present + self.by_deputy) / self.seats

    @property
    def deputy_share(self) -> float | None:
        """Share of the seats filled that a deputy filled; None when no seat was filled."""
        filled = self.present + self.by_deputy
        if not self.meetings_held or not filled:
            return None
        return self.by_deputy / filled


def window_start(today: dt.date) -> dt.date:
    """The first day of the 12 months ending today: the day after the same date a year
    earlier, so a board that meets on the same date every year counts one meeting."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February: a year earlier has no such day
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + dt.timedelta(days=1)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def meeting_figures(board: Board, today: dt.date) -> MeetingFigures:
    """Meetings held by ``board`` in the 12 months ending ``today``, with their attendance."""
    since = window_start(today)
    meetings = Meeting.objects.filter(
        board=board,
        status__in=HELD_STATUSES,
        start__gte=_local_midnight(since),
        start__lt=_local_midnight(today + dt.timedelta(days=1)),
    )
    meetings_held = meetings.count()
    totals = Attendance.objects.filter(meeting__in=meetings, membership__isnull=False).aggregate(
        seats=Count("pk"),
        present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
        by_deputy=Count("pk", filter=Q(status=AttendanceStatus.DEPUTY)),
    )
    return MeetingFigures(
        since=since,
        until=today,
        meetings_held=meetings_held,
        meetings_expected=board.meetings_expected_per_year,
        seats=totals["seats"] or 0,
        present=totals["present"] or 0,
        by_deputy=totals["by_deputy"] or 0,
    )
