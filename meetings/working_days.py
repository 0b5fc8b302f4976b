"""Working days and paper deadlines (SPEC §4, §9). Pure Python: no Django, no clock.

000 §3: "papers for Board meetings will continue to be made available at least
10 working days before all meetings". A working day is a weekday that is not a
bank holiday in the partnership's nation (glossary); the bank holidays, one-off
ones included, come from the `holidays` package for each UK nation.

A council committee must also open its agenda to inspection 5 clear days before the
meeting (LGA 1972 s100B(3)). Clear days exclude the day of publication and the day of
the meeting; SPEC §9 reads them as working days unless the board counts calendar days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache

import holidays as holidays_lib

CALENDARS = ("ENG", "WLS", "SCT", "NIR")

# LGA 1972 s100B(3): agenda and reports open to inspection at least five clear days
# before a meeting of a council committee.
STATUTORY_CLEAR_DAYS = 5


@lru_cache(maxsize=64)
def _bank_holidays(calendar: str, year: int) -> frozenset[dt.date]:
    if calendar not in CALENDARS:
        raise ValueError(f"Unknown calendar {calendar!r}: use one of {', '.join(CALENDARS)}")
    return frozenset(holidays_lib.country_holidays("GB", subdiv=calendar, years=year))


def bank_holidays(calendar: str, year: int) -> frozenset[dt.date]:
    """The bank holidays of a UK nation in a year (substitute days included)."""
    return _bank_holidays(calendar, year)


def is_working_day(day: dt.date, calendar: str = "ENG", *, holidays: Container[dt.date] | None = None) -> bool:
    """A weekday that is not a bank holiday. `holidays` replaces the nation's list (for tests)."""
    if day.weekday() >= 5:
        return False
    if holidays is None:
        holidays = _bank_holidays(calendar, day.year)
    return day not in holidays


def paper_deadline(
    meeting_date: dt.date,
    working_days: int = 10,
    calendar: str = "ENG",
    *,
    holidays: Container[dt.date] | None = None,
) -> dt.date:
    """Last day papers may be published: step back `working_days` working days from
    meeting_date (weekends and that nation's bank holidays skipped). calendar is a UK
    subdivision code: ENG, WLS, SCT, NIR."""
    if working_days < 0:
        raise ValueError("working_days must not be negative")
    if calendar not in CALENDARS:
        raise ValueError(f"Unknown calendar {calendar!r}: use one of {', '.join(CALENDARS)}")
    day = meeting_date
    remaining = working_days
    while remaining:
        day -= dt.timedelta(days=1)
        if is_working_day(day, calendar, holidays=holidays):
            remaining -= 1
    return day


def working_days_between(
    start: dt.date, end: dt.date, calendar: str = "ENG", *, holidays: Container[dt.date] | None = None
) -> int:
    """Working days from `start` (counted) up to `end` (not counted)."""
    count = 0
    day = start
    while day < end:
        if is_working_day(day, calendar, holidays=holidays):
            count += 1
        day += dt.timedelta(days=1)
    return count


def clear_days_deadline(
    meeting_date: dt.date,
    clear_days: int = STATUTORY_CLEAR_DAYS,
    calendar: str = "ENG",
    *,
    working: bool = True,
    holidays: Container[dt.date] | None = None,
) -> dt.date:
    """Last day an agenda may be published with `clear_days` clear days before the
    meeting (LGA 1972 Part VA). Clear days exclude the day of publication and the day
    of the meeting; with `working` (the default reading, SPEC §9 "Rule readings")
    weekends and that nation's bank holidays are not clear days either, otherwise
    (`working=False`, the calendar-day practice) every day counts."""
    if clear_days < 0:
        raise ValueError("clear_days must not be negative")
    if calendar not in CALENDARS:
        raise ValueError(f"Unknown calendar {calendar!r}: use one of {', '.join(CALENDARS)}")
    day = meeting_date
    remaining = clear_days
    while remaining:
        day -= dt.timedelta(days=1)
        if not working or is_working_day(day, calendar, holidays=holidays):
            remaining -= 1
    # The day before the earliest clear day: publishing on it leaves them all clear.
    return day - dt.timedelta(days=1)


def governing_deadline(
    meeting_date: dt.date,
    working_days: int = 10,
    calendar: str = "ENG",
    *,
    council_committee: bool = False,
    clear_days_working: bool = True,
    holidays: Container[dt.date] | None = None,
) -> dt.date:
    """The deadline that applies: the partnership's own rule, or, for a council
    committee, whichever of it and the statutory clear days is earlier (the stricter).
    `clear_days_working` is the board's reading of clear days (see clear_days_deadline)."""
    own = paper_deadline(meeting_date, working_days, calendar, holidays=holidays)
    if not council_committee:
        return own
    statutory = clear_days_deadline(
        meeting_date, STATUTORY_CLEAR_DAYS, calendar, working=clear_days_working, holidays=holidays
    )
    return min(own, statutory)


@dataclass(frozen=True)
class DeadlineRule:
    """The rule a meeting's deadlines are worked out by: the board's own number of
    working days and calendar, and, for a council committee, the statutory clear days
    read as working days or as calendar days (SPEC §4, §9)."""

    working_days: int = 10
    calendar: str = "ENG"
    council_committee: bool = False
    clear_days_working: bool = True

    def paper_deadline(self, meeting_date: dt.date) -> dt.date:
        return paper_deadline(meeting_date, self.working_days, self.calendar)

    def statutory_deadline(self, meeting_date: dt.date) -> dt.date | None:
        """The last day for the statutory clear days; None unless a council committee."""
        if not self.council_committee:
            return None
        return clear_days_deadline(meeting_date, STATUTORY_CLEAR_DAYS, self.calendar, working=self.clear_days_working)

    def governing_deadline(self, meeting_date: dt.date) -> dt.date:
        return governing_deadline(
            meeting_date,
            self.working_days,
            self.calendar,
            council_committee=self.council_committee,
            clear_days_working=self.clear_days_working,
        )
