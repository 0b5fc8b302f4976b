"""Board health (001 principle 3): a board that grows past its optimum size, leaves
seats without deputies, meets less than it should or is attended mostly by
substitutes is turning into a "talking shop"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import SEATED_ROLES, Board, Membership


@dataclass(frozen=True)
class BoardHealth:
    size: int
    optimum_min: int | None
    optimum_max: int | None
    seats_without_deputy: list[Membership] = field(default_factory=list)
    meetings_expected_per_year: int | None = None

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


def board_health(board: Board, current_memberships: Iterable[Membership]) -> BoardHealth:
    """Health of a board from its current memberships (already loaded: no queries)."""
    seated = [m for m in current_memberships if m.role in SEATED_ROLES]
    low, high = board.optimum_size
    return BoardHealth(
        size=len(seated),
        optimum_min=low,
        optimum_max=high,
        seats_without_deputy=[m for m in seated if m.deputy_id is None],
        meetings_expected_per_year=board.meetings_expected_per_year,
    )
