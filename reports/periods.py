"""Reporting periods (SPEC §7): UK public-sector financial years (1 April to 31 March)
and their quarters, and the spans a report covers — a financial year, a quarter or the
rolling four quarters to a quarter. Pure, no database.

A period is named as councils write it: "2025/26" for a year, "Q2 2025/26" for its
second quarter (July to September 2025). In addresses and CSV files the slug is used:
"2025-26", "2025-26-q2"; ``parse_period`` reads either spelling.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

PeriodKind = Literal["quarter", "year"]
QUARTER: PeriodKind = "quarter"
YEAR: PeriodKind = "year"

_YEAR = r"(?P<year>[0-9]{4})\s*[/-]\s*(?P<next>[0-9]{2})"
_QUARTER = r"q(?P<q>[1-4])"
_PATTERNS = (
    re.compile(rf"^{_YEAR}$"),
    re.compile(rf"^{_YEAR}\s*-?\s*{_QUARTER}$"),
    re.compile(rf"^{_QUARTER}\s+{_YEAR}$"),
)
PERIOD_FORMAT = "a financial year like 2025/26 or a quarter like Q2 2025/26"


def financial_year_of(day: dt.date) -> int:
    """The calendar year in which the financial year holding ``day`` began."""
    return day.year if day.month >= 4 else day.year - 1


@dataclass(frozen=True, order=True)
class Period:
    """A financial year or one of its quarters, identified by its first day."""

    start: dt.date
    kind: PeriodKind

    def __post_init__(self) -> None:
        if self.kind not in (QUARTER, YEAR):
            raise ValueError(f"a period is a quarter or a year, not {self.kind!r}")
        if self.kind == YEAR and (self.start.month, self.start.day) != (4, 1):
            raise ValueError(f"a financial year starts on 1 April, not {self.start:%d %B}")
        if self.kind == QUARTER and (self.start.day != 1 or self.start.month not in (1, 4, 7, 10)):
            raise ValueError(f"a quarter starts on 1 April, July, October or January, not {self.start:%d %B}")

    @classmethod
    def year(cls, first_year: int) -> Period:
        return cls(dt.date(first_year, 4, 1), YEAR)

    @classmethod
    def quarter(cls, first_year: int, number: int) -> Period:
        if number not in (1, 2, 3, 4):
            raise ValueError(f"a quarter is numbered 1 to 4, not {number}")
        month = 4 + 3 * (number - 1)
        return cls(dt.date(first_year + (month - 1) // 12, (month - 1) % 12 + 1, 1), QUARTER)

    @classmethod
    def containing(cls, day: dt.date, kind: PeriodKind) -> Period:
        first_year = financial_year_of(day)
        if kind == YEAR:
            return cls.year(first_year)
        return cls.quarter(first_year, ((day.month - 4) % 12) // 3 + 1)

    @property
    def first_year(self) -> int:
        return financial_year_of(self.start)

    @property
    def number(self) -> int:
        """The quarter's number in its financial year (1 for April to June); 0 for a year."""
        return 0 if self.kind == YEAR else ((self.start.month - 4) % 12) // 3 + 1

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        months = 12 if self.kind == YEAR else 3
        month = self.start.month - 1 + months
        return dt.date(self.start.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)

    @property
    def year_label(self) -> str:
        return f"{self.first_year}/{(self.first_year + 1) % 100:02d}"

    @property
    def label(self) -> str:
        return self.year_label if self.kind == YEAR else f"Q{self.number} {self.year_label}"

    @property
    def slug(self) -> str:
        year = f"{self.first_year}-{(self.first_year + 1) % 100:02d}"
        return year if self.kind == YEAR else f"{year}-q{self.number}"

    def previous(self) -> Period:
        return Period.containing(self.start - dt.timedelta(days=1), self.kind)

    def next(self) -> Period:
        return Period.containing(self.end + dt.timedelta(days=1), self.kind)

    def quarters(self) -> tuple[Period, ...]:
        """The quarters of a year; a quarter is its own only quarter."""
        if self.kind == QUARTER:
            return (self,)
        return tuple(Period.quarter(self.first_year, number) for number in (1, 2, 3, 4))

    def __str__(self) -> str:
        return self.label


def parse_period(text: str) -> Period:
    """ "2025/26", "2025-26", "Q2 2025/26", "2025/26 Q2" or "2025-26-q2" (any case).
    Raises ValueError naming the expected form."""
    cleaned = " ".join(text.strip().lower().split())
    for pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if match is None:
            continue
        first_year = int(match["year"])
        if (first_year + 1) % 100 != int(match["next"]):
            raise ValueError(f"{cleaned[:40]!r} is not a financial year: the second year must follow the first")
        if not 1900 <= first_year <= 2200:
            raise ValueError(f"{cleaned[:40]!r} is outside the years Accord reports on")
        quarter = match.groupdict().get("q")
        return Period.quarter(first_year, int(quarter)) if quarter else Period.year(first_year)
    raise ValueError(f"{text.strip()[:40]!r} is not a period: write {PERIOD_FORMAT}")


SpanKind = Literal["year", "quarter", "rolling"]


@dataclass(frozen=True)
class ReportSpan:
    """What a report covers: a financial year, a quarter, or the rolling four quarters
    ending with a quarter (``last``)."""

    kind: SpanKind
    last: Period  # the year itself, the quarter itself, or the last of the four quarters

    @classmethod
    def rolling(cls, last_quarter: Period) -> ReportSpan:
        if last_quarter.kind != QUARTER:
            raise ValueError("rolling four quarters end with a quarter")
        return cls("rolling", last_quarter)

    @classmethod
    def of(cls, period: Period) -> ReportSpan:
        return cls(period.kind, period)

    def quarters(self) -> tuple[Period, ...]:
        if self.kind == "rolling":
            found = [self.last]
            while len(found) < 4:
                found.insert(0, found[0].previous())
            return tuple(found)
        return self.last.quarters()

    @property
    def start(self) -> dt.date:
        return self.quarters()[0].start

    @property
    def end(self) -> dt.date:
        return self.last.end

    def periods(self, kind: PeriodKind) -> tuple[Period, ...]:
        """The periods of ``kind`` that end within the span: its quarters, or the years
        whose last day falls in it."""
        if kind == QUARTER:
            return self.quarters()
        year = Period.containing(self.end, YEAR)
        if year.end > self.end:
            year = year.previous()
        return (year,) if year.end >= self.start else ()

    def previous(self) -> ReportSpan:
        """The span of the same length just before this one."""
        if self.kind == "rolling":
            return ReportSpan.rolling(self.quarters()[0].previous())
        return ReportSpan(self.kind, self.last.previous())

    @property
    def label(self) -> str:
        if self.kind == "rolling":
            return f"The four quarters to {self.last.label}"
        if self.kind == YEAR:
            return f"Financial year {self.last.label}"
        return self.last.label

    @property
    def slug(self) -> str:
        return f"rolling-{self.last.slug}" if self.kind == "rolling" else self.last.slug

    def __iter__(self) -> Iterator[Period]:
        return iter(self.quarters())


def parse_span(text: str) -> ReportSpan:
    """ "2025-26" (a year), "2025-26-q2" (a quarter) or "rolling-2025-26-q2"."""
    cleaned = text.strip().lower()
    if cleaned.startswith("rolling-"):
        return ReportSpan.rolling(parse_period(cleaned.removeprefix("rolling-")))
    return ReportSpan.of(parse_period(cleaned))


def last_complete_quarter(today: dt.date) -> Period:
    """The latest quarter that has ended by ``today``."""
    return Period.containing(today, QUARTER).previous()
