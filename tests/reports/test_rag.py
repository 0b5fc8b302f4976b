"""reports/rag.py (SPEC §7, §9): the ratings, as named tables and as properties."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reports.rag import (
    AMBER,
    GREEN,
    IMPROVING,
    NO_CHANGE,
    NO_DATA,
    RED,
    WORSENING,
    direction_of_travel,
    indicator_rag,
    risk_rag,
)

RANK = {RED: 0, AMBER: 1, GREEN: 2}  # green > amber > red

# ---------------------------------------------------------------------------
# indicator_rag: named tables. Values are exact in binary floating point (halves,
# quarters, whole numbers), so "exactly at the edge" really is at the edge.

INDICATOR_CASES = [
    # higher is better, target 100, tolerance 5% (a shortfall of 5)
    pytest.param(100, 100, True, 0.05, GREEN, id="higher-exactly-on-target"),
    pytest.param(120, 100, True, 0.05, GREEN, id="higher-beats-target"),
    pytest.param(99.5, 100, True, 0.05, AMBER, id="higher-just-inside-tolerance"),
    pytest.param(95, 100, True, 0.05, AMBER, id="higher-exactly-at-tolerance-edge"),
    pytest.param(94.75, 100, True, 0.05, RED, id="higher-just-outside-tolerance"),
    pytest.param(0, 100, True, 0.05, RED, id="higher-far-below"),
    # lower is better, target 100
    pytest.param(100, 100, False, 0.05, GREEN, id="lower-exactly-on-target"),
    pytest.param(80, 100, False, 0.05, GREEN, id="lower-beats-target"),
    pytest.param(100.5, 100, False, 0.05, AMBER, id="lower-just-inside-tolerance"),
    pytest.param(105, 100, False, 0.05, AMBER, id="lower-exactly-at-tolerance-edge"),
    pytest.param(105.25, 100, False, 0.05, RED, id="lower-just-outside-tolerance"),
    # target 0: no amber band at all (5% of nothing is nothing)
    pytest.param(0, 0, True, 0.05, GREEN, id="target-0-higher-met"),
    pytest.param(0.25, 0, True, 0.05, GREEN, id="target-0-higher-beaten"),
    pytest.param(-0.25, 0, True, 0.05, RED, id="target-0-higher-any-miss-is-red"),
    pytest.param(0, 0, False, 0.05, GREEN, id="target-0-lower-met"),
    pytest.param(0.25, 0, False, 0.05, RED, id="target-0-lower-any-miss-is-red"),
    # negative targets: the tolerance is a share of abs(target) (here 0.5 of 10)
    pytest.param(-10, -10, True, 0.05, GREEN, id="negative-higher-on-target"),
    pytest.param(-9, -10, True, 0.05, GREEN, id="negative-higher-beaten"),
    pytest.param(-10.25, -10, True, 0.05, AMBER, id="negative-higher-just-inside"),
    pytest.param(-10.5, -10, True, 0.05, AMBER, id="negative-higher-at-edge"),
    pytest.param(-10.75, -10, True, 0.05, RED, id="negative-higher-outside"),
    pytest.param(-11, -10, False, 0.05, GREEN, id="negative-lower-beaten"),
    pytest.param(-9.5, -10, False, 0.05, AMBER, id="negative-lower-at-edge"),
    pytest.param(-9.25, -10, False, 0.05, RED, id="negative-lower-outside"),
    # tolerance 0: met or red
    pytest.param(100, 100, True, 0, GREEN, id="tolerance-0-on-target"),
    pytest.param(99.75, 100, True, 0, RED, id="tolerance-0-higher-any-miss-is-red"),
    pytest.param(100.25, 100, False, 0, RED, id="tolerance-0-lower-any-miss-is-red"),
    # a wide tolerance
    pytest.param(50, 100, True, 0.5, AMBER, id="tolerance-half-at-edge"),
    pytest.param(49.5, 100, True, 0.5, RED, id="tolerance-half-outside"),
    # no data
    pytest.param(None, 100, True, 0.05, NO_DATA, id="no-data-higher"),
    pytest.param(None, 100, False, 0.05, NO_DATA, id="no-data-lower"),
    pytest.param(None, 0, True, 0, NO_DATA, id="no-data-target-0"),
]


@pytest.mark.parametrize(("actual", "target", "higher_is_better", "tolerance", "expected"), INDICATOR_CASES)
def test_indicator_rag(actual, target, higher_is_better, tolerance, expected):
    assert indicator_rag(actual, target, higher_is_better=higher_is_better, amber_tolerance=tolerance) == expected


def test_the_default_tolerance_is_five_per_cent():
    assert indicator_rag(95, 100) == AMBER
    assert indicator_rag(94.5, 100) == RED
    assert indicator_rag(105, 100, higher_is_better=False) == AMBER


@pytest.mark.parametrize(("actual", "target"), [(0.95, 1), (1.045, 1.1)], ids=["0.95-of-1", "1.045-of-1.1"])
def test_an_actual_exactly_at_the_edge_in_decimal_is_amber_as_a_float(actual, target):
    assert indicator_rag(actual, target) == AMBER


def test_the_models_decimals_are_exact_at_the_edge():
    from decimal import Decimal

    assert indicator_rag(Decimal("0.95"), Decimal("1"), amber_tolerance=Decimal("0.05")) == AMBER
    assert indicator_rag(Decimal("1.045"), Decimal("1.1"), amber_tolerance=Decimal("0.05")) == AMBER


# ---------------------------------------------------------------------------
# direction_of_travel

DIRECTION_CASES = [
    pytest.param(12, 10, True, IMPROVING, id="higher-up-improving"),
    pytest.param(8, 10, True, WORSENING, id="higher-down-worsening"),
    pytest.param(8, 10, False, IMPROVING, id="lower-down-improving"),
    pytest.param(12, 10, False, WORSENING, id="lower-up-worsening"),
    pytest.param(10, 10, True, NO_CHANGE, id="equal-higher"),
    pytest.param(10, 10, False, NO_CHANGE, id="equal-lower"),
    pytest.param(0.0, -0.0, True, NO_CHANGE, id="zero-and-minus-zero"),
    pytest.param(None, 10, True, NO_DATA, id="no-current"),
    pytest.param(10, None, True, NO_DATA, id="no-previous"),
    pytest.param(None, None, False, NO_DATA, id="neither"),
]


@pytest.mark.parametrize(("current", "previous", "higher_is_better", "expected"), DIRECTION_CASES)
def test_direction_of_travel(current, previous, higher_is_better, expected):
    assert direction_of_travel(current, previous, higher_is_better=higher_is_better) == expected


# ---------------------------------------------------------------------------
# risk_rag

RISK_CASES = [
    pytest.param(1, 1, {}, GREEN, id="corner-1x1-green"),
    pytest.param(1, 5, {}, AMBER, id="corner-1x5-amber"),
    pytest.param(5, 1, {}, AMBER, id="corner-5x1-amber"),
    pytest.param(5, 5, {}, RED, id="corner-5x5-red"),
    pytest.param(2, 2, {}, GREEN, id="score-4-below-amber"),
    pytest.param(1, 4, {}, GREEN, id="score-4-other-way"),
    pytest.param(5, 1, {}, AMBER, id="score-5-amber-threshold"),
    pytest.param(3, 4, {}, AMBER, id="score-12-amber"),
    pytest.param(2, 5, {}, AMBER, id="score-10-amber"),
    pytest.param(4, 4, {}, RED, id="score-16-red"),
    pytest.param(3, 5, {}, RED, id="score-15-red-threshold"),
    pytest.param(5, 3, {}, RED, id="score-15-red-threshold-other-way"),
    pytest.param(2, 5, {"amber_from": 4, "red_from": 10}, RED, id="custom-red-from-10"),
    pytest.param(3, 3, {"amber_from": 4, "red_from": 10}, AMBER, id="custom-9-amber"),
    pytest.param(2, 2, {"amber_from": 4, "red_from": 10}, AMBER, id="custom-amber-from-4"),
    pytest.param(1, 3, {"amber_from": 4, "red_from": 10}, GREEN, id="custom-3-green"),
    pytest.param(4, 5, {"red_from": 25}, AMBER, id="custom-red-only-at-25"),
    pytest.param(5, 5, {"red_from": 25}, RED, id="custom-red-at-25"),
    pytest.param(1, 1, {"amber_from": 1}, AMBER, id="custom-everything-amber"),
]


@pytest.mark.parametrize(("likelihood", "impact", "thresholds", "expected"), RISK_CASES)
def test_risk_rag(likelihood, impact, thresholds, expected):
    assert risk_rag(likelihood, impact, **thresholds) == expected


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, True, False, None, "3"], ids=repr)
@pytest.mark.parametrize("which", ["likelihood", "impact"])
def test_risk_rag_refuses_values_off_the_grid(bad, which):
    arguments = {"likelihood": 3, "impact": 3, which: bad}
    with pytest.raises(ValueError, match=f"{which} must be a whole number from 1 to 5"):
        risk_rag(**arguments)


# ---------------------------------------------------------------------------
# Properties

MAGNITUDE = 1e9
figures = st.floats(min_value=-MAGNITUDE, max_value=MAGNITUDE, allow_nan=False, allow_infinity=False)
tolerances = st.floats(min_value=0, max_value=1, allow_nan=False)
grid = st.integers(min_value=1, max_value=5)


@given(a=figures, b=figures, target=figures, higher=st.booleans(), tolerance=tolerances)
def test_a_better_actual_never_gives_a_worse_rating(a, b, target, higher, tolerance):
    worse, better = sorted((a, b)) if higher else sorted((a, b), reverse=True)
    rate = lambda actual: indicator_rag(actual, target, higher_is_better=higher, amber_tolerance=tolerance)  # noqa: E731
    assert RANK[rate(better)] >= RANK[rate(worse)]


@given(actual=figures, target=figures, tolerance=tolerances)
def test_lower_is_better_mirrors_higher_is_better(actual, target, tolerance):
    """indicator_rag(a, t, higher=False) == indicator_rag(-a, -t, higher=True): it holds
    because the amber band is a share of abs(target), which negation keeps."""
    assert indicator_rag(actual, target, higher_is_better=False, amber_tolerance=tolerance) == indicator_rag(
        -actual, -target, higher_is_better=True, amber_tolerance=tolerance
    )


@given(actual=figures, target=figures, higher=st.booleans(), t1=tolerances, t2=tolerances)
def test_a_larger_tolerance_never_gives_a_worse_rating(actual, target, higher, t1, t2):
    small, large = sorted((t1, t2))
    rate = lambda tolerance: indicator_rag(actual, target, higher_is_better=higher, amber_tolerance=tolerance)  # noqa: E731
    assert RANK[rate(large)] >= RANK[rate(small)]


@given(actual=figures, target=figures, higher=st.booleans(), tolerance=tolerances)
def test_meeting_the_target_is_green_and_missing_it_is_never_green(actual, target, higher, tolerance):
    met = actual >= target if higher else actual <= target
    rating = indicator_rag(actual, target, higher_is_better=higher, amber_tolerance=tolerance)
    assert (rating == GREEN) == met


@given(target=figures, higher=st.booleans(), tolerance=tolerances)
def test_no_data_is_no_data_whatever_the_target(target, higher, tolerance):
    assert indicator_rag(None, target, higher_is_better=higher, amber_tolerance=tolerance) == NO_DATA


@given(current=figures, previous=figures)
def test_direction_reverses_with_the_direction_of_good(current, previous):
    assume(current != previous)
    up = direction_of_travel(current, previous, higher_is_better=True)
    down = direction_of_travel(current, previous, higher_is_better=False)
    assert {up, down} == {IMPROVING, WORSENING}


@given(l1=grid, l2=grid, i1=grid, i2=grid)
def test_risk_rag_is_monotone_in_likelihood_and_impact(l1, l2, i1, i2):
    low_l, high_l = sorted((l1, l2))
    low_i, high_i = sorted((i1, i2))
    # "worse" for a risk is a higher rank here: red > amber > green
    risk_rank = {GREEN: 0, AMBER: 1, RED: 2}
    assert risk_rank[risk_rag(high_l, low_i)] >= risk_rank[risk_rag(low_l, low_i)]
    assert risk_rank[risk_rag(low_l, high_i)] >= risk_rank[risk_rag(low_l, low_i)]
    assert risk_rank[risk_rag(high_l, high_i)] >= risk_rank[risk_rag(low_l, low_i)]


@given(likelihood=grid, impact=grid)
def test_risk_rag_is_symmetric(likelihood, impact):
    assert risk_rag(likelihood, impact) == risk_rag(impact, likelihood)
