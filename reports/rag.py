"""RAG ratings and direction of travel (SPEC §7, §9): pure, no database.

An indicator is green when its target is met or beaten, amber when it misses by no more
than the amber tolerance (a share of the target), red otherwise. A risk is rated by
likelihood × impact on the usual five-by-five grid. Pages say how each rating was
reached (reports/explain.py), because councillors ask who set the tolerance.
"""

from __future__ import annotations

from decimal import Decimal

GREEN = "green"
AMBER = "amber"
RED = "red"
NO_DATA = "no data"

IMPROVING = "improving"
WORSENING = "worsening"
NO_CHANGE = "no change"

RISK_SCALE = range(1, 6)


def indicator_rag(
    actual: float | None,
    target: float,
    *,
    higher_is_better: bool = True,
    amber_tolerance: float = 0.05,
) -> str:
    """ "green" when the target is met or beaten (equal counts as met); "amber" when it is
    missed by no more than amber_tolerance * abs(target); otherwise "red"; "no data" when
    actual is None."""
    if actual is None:
        return NO_DATA
    # In decimal, so that a figure exactly at the edge of the tolerance is amber:
    # in binary floating point 1 - 0.95 is more than 0.05.
    actual_, target_, tolerance = (Decimal(str(value)) for value in (actual, target, amber_tolerance))
    shortfall = target_ - actual_ if higher_is_better else actual_ - target_
    if shortfall <= 0:
        return GREEN
    if shortfall <= tolerance * abs(target_):
        return AMBER
    return RED


def direction_of_travel(current: float | None, previous: float | None, *, higher_is_better: bool = True) -> str:
    """ "improving", "worsening" or "no change" from the previous period; "no data" when
    either value is None."""
    if current is None or previous is None:
        return NO_DATA
    if current == previous:
        return NO_CHANGE
    better = current > previous if higher_is_better else current < previous
    return IMPROVING if better else WORSENING


def risk_rag(likelihood: int, impact: int, *, amber_from: int = 5, red_from: int = 15) -> str:
    """Likelihood and impact from 1 to 5; score = likelihood * impact; "red" from red_from,
    "amber" from amber_from, else "green". Values outside 1..5 raise ValueError."""
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if isinstance(value, bool) or not isinstance(value, int) or value not in RISK_SCALE:
            raise ValueError(f"{name} must be a whole number from 1 to 5, not {value!r}")
    score = likelihood * impact
    if score >= red_from:
        return RED
    if score >= amber_from:
        return AMBER
    return GREEN
