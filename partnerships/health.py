"""Board health (001 principle 3): a board that grows past its optimum size, leaves
seats without deputies, meets less than it should or is attended mostly by
substitutes is turning into a "talking shop"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from .models import Board, Membership

if TYPE_CHECKING:  # meetings depends on partnerships, not the other way round
    from meetings.health import MeetingFigures


def percent(rate: float | None) -> str | None:
    """0.8 -> '80%', rounded half up to a whole percent; None stays None."""
    if rate is None:
        return None
    return f"{Decimal(str(rate * 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


@dataclass(frozen=True)
class BoardHealth:
    size: int
    optimum_min: int | None
    optimum_max: int | None
    seats_without_deputy: list[Membership] = field(default_factory=list)
    meetings_expected_per_year: int | None = None
    # Meeting figures over the last 12 months (meetings/health.py). meetings_held is
    # None when they were not computed; the two rates are None when there is nothing
    # to divide (no meeting held, no attendance recorded).
    meetings_held: int | None = None
    attendance_rate: float | None = None
    deputy_share: float | None = None

    @property
    def size_status(self) -> str:
        """'below', 'within', 'above' the optimum range, or 'no_norm'."""
        if self.optimum_min is None and self.optimum_max is None:
            return "no_norm"
        if self.optimum_min is not None and self.size < self.optimum_min:
            return "below"
        if self.optimum_max is not None and self.size > self.optimum_max:
            return "above"
        return "within"

    @property
    def optimum_label(self) -> str:
        low, high = self.optimum_min, self.optimum_max
        if low is None and high is None:
            return "no set size"
        if low is None:
            return f"up to {high}"
        if high is None:
            return f"at least {low}"
        return f"{low} to {high}" if low != high else str(low)

    @property
    def meetings_status(self) -> str:
        """'below' or 'met' the meetings expected a year, 'no_norm', or 'unknown' when
        the meeting figures were not computed."""
        if self.meetings_held is None:
            return "unknown"
        if self.meetings_expected_per_year is None:
            return "no_norm"
        return "below" if self.meetings_held < self.meetings_expected_per_year else "met"

    @property
    def meetings_label(self) -> str:
        """'2 of 4 expected', or just the number where the layer has no norm."""
        held = self.meetings_held or 0
        if self.meetings_expected_per_year is None:
            return str(held)
        return f"{held} of {self.meetings_expected_per_year} expected"

    @property
    def attendance_percent(self) -> str | None:
        return percent(self.attendance_rate)

    @property
    def deputy_share_percent(self) -> str | None:
        return percent(self.deputy_share)

    @property
    def needs_attention(self) -> bool:
        """Any symptom of 001 principle 3: size outside the optimum, seats without a
        deputy, or fewer meetings than expected."""
        return (
            self.size_status in ("above", "below") or bool(self.seats_without_deputy) or self.meetings_status == "below"
        )


def board_health(
    board: Board,
    current_memberships: Iterable[Membership],
    *,
    on: dt.date | None = None,
    meetings: MeetingFigures | None = None,
) -> BoardHealth:
    """Health of a board on a day (today by default) from its memberships held that day
    and, when given, its meeting figures (meetings.health.meeting_figures). A seat has a
    deputy when a deputyship of the ledger is in force that day; pass memberships with
    their deputyships prefetched (queries.deputyships_prefetch) and this makes no query.
    The size counts members as the register does (Membership.is_seated)."""
    on = on or timezone.localdate()
    seated = [m for m in current_memberships if m.is_seated]
    low, high = board.optimum_size
    return BoardHealth(
        size=len(seated),
        optimum_min=low,
        optimum_max=high,
        seats_without_deputy=[m for m in seated if m.deputy_on(on) is None],
        meetings_expected_per_year=board.meetings_expected_per_year,
        meetings_held=meetings.meetings_held if meetings is not None else None,
        attendance_rate=meetings.attendance_rate if meetings is not None else None,
        deputy_share=meetings.deputy_share if meetings is not None else None,
    )
