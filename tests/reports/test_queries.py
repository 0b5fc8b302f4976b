"""The report reads (reports/queries.py) against hand-worked figures: each status reads
only the periods it needs and still finds the period before; the dashboard's risks are
the red and overdue ones by their latest review, capped with the totals kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reports import queries, rag
from reports.models import IndicatorTarget, IndicatorValue, RiskReview
from reports.periods import Period, ReportSpan

from .conftest import NOW, make_risk

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 11, 14)


def record(indicator, period: Period, actual: str, target: str) -> None:
    IndicatorValue.objects.create(
        indicator=indicator, period_start=period.start, value=Decimal(actual), recorded_at=NOW
    )
    IndicatorTarget.objects.create(
        indicator=indicator, period_start=period.start, value=Decimal(target), recorded_at=NOW
    )


def review(risk, day: dt.date, likelihood: int, impact: int, *, next_review_on: dt.date) -> None:
    RiskReview.objects.create(
        risk=risk,
        reviewed_on=day,
        likelihood=likelihood,
        impact=impact,
        mitigation="Reviewed.",
        next_review_on=next_review_on,
        recorded_at=NOW,
    )


def test_a_quarterly_status_compares_with_the_quarter_before_the_span(indicator) -> None:
    record(indicator, Period.quarter(2024, 4), "90", "100")  # older than the window: not read
    record(indicator, Period.quarter(2025, 1), "50", "55")
    record(indicator, Period.quarter(2025, 2), "48", "55")
    (status,) = queries.indicator_statuses([indicator], ReportSpan.of(Period.quarter(2025, 2)))
    assert status.period == Period.quarter(2025, 2)
    assert (status.actual.value, status.previous.value, status.target.value) == (48, 50, 55)
    assert (status.rating, status.direction) == (rag.RED, rag.WORSENING)  # 12.7% short, 5% tolerance


def test_a_yearly_indicator_in_a_quarter_is_rated_on_the_year_before_against_the_one_before_that(
    yearly_indicator,
) -> None:
    # Lower is better, 10% tolerance. 2023/24 290, 2024/25 300 against 280: 7.1% over, amber.
    record(yearly_indicator, Period.year(2023), "290", "300")
    record(yearly_indicator, Period.year(2024), "300", "280")
    (status,) = queries.indicator_statuses([yearly_indicator], ReportSpan.of(Period.quarter(2025, 2)))
    assert status.period == Period.year(2024)
    assert (status.actual.value, status.previous.value) == (300, 290)
    assert (status.rating, status.direction) == (rag.AMBER, rag.WORSENING)


def test_a_rolling_span_finds_the_quarter_before_its_last_actual(indicator) -> None:
    record(indicator, Period.quarter(2024, 3), "40", "50")
    record(indicator, Period.quarter(2024, 4), "52", "50")
    span = ReportSpan.rolling(Period.quarter(2025, 2))  # Q3 2024/25 to Q2 2025/26; nothing since Q4
    (status,) = queries.indicator_statuses([indicator], span)
    assert status.period == Period.quarter(2024, 4)
    assert (status.actual.value, status.previous.value) == (52, 40)
    assert (status.rating, status.direction) == (rag.GREEN, rag.IMPROVING)


def test_the_dashboard_risks_go_by_each_risks_latest_review(theme, other_theme) -> None:
    fallen = make_risk(theme, "Was red, now amber")  # 3 × 4
    review(fallen, dt.date(2025, 6, 1), 5, 5, next_review_on=dt.date(2025, 7, 1))
    review(fallen, dt.date(2025, 9, 1), 2, 3, next_review_on=dt.date(2026, 1, 1))
    red_overdue = make_risk(other_theme, "Red and overdue")
    review(red_overdue, dt.date(2025, 9, 1), 4, 4, next_review_on=dt.date(2025, 10, 1))
    red = make_risk(theme, "Red, in date")
    review(red, dt.date(2025, 9, 1), 5, 4, next_review_on=dt.date(2026, 3, 1))
    closed = make_risk(theme, "Closed", closed_on=dt.date(2025, 10, 1))
    review(closed, dt.date(2025, 9, 1), 5, 5, next_review_on=dt.date(2025, 9, 2))

    risks = queries.risks_needing_attention(TODAY)

    assert [status.risk.title for status in risks.red] == ["Red, in date", "Red and overdue"]  # 20, then 16
    assert [status.risk.title for status in risks.overdue] == ["Red and overdue"]
    assert (risks.red_total, risks.overdue_total) == (2, 1)
    assert risks.red[1].trend == rag.WORSENING  # 3 × 4 when it opened, 4 × 4 now
    counted = {partnership: (reds, overdue) for partnership, reds, overdue in risks.by_partnership}
    assert counted == {theme.partnership: (1, 0), other_theme.partnership: (1, 1)}
    assert [partnership.name for partnership in counted] == sorted(partnership.name for partnership in counted)


def test_the_dashboard_shows_the_first_risks_and_counts_them_all(theme) -> None:
    for number, (likelihood, impact) in enumerate([(3, 5), (5, 5), (4, 4), (4, 5)]):
        risk = make_risk(theme, f"Risk {number}")
        review(risk, dt.date(2025, 9, 1), likelihood, impact, next_review_on=dt.date(2025, 9, 10 + number))

    risks = queries.risks_needing_attention(TODAY, limit=2)

    assert [status.score for status in risks.red] == [25, 20]
    assert [status.latest.next_review_on.day for status in risks.overdue] == [10, 11]
    assert (risks.red_total, risks.overdue_total) == (4, 4)


def test_figures_read_without_times_are_the_figures_read_with_them(indicator) -> None:
    """The ratings read figures without their times (ordered by a window function): the
    latest correction counts and the ones it replaced are kept, as when read with times,
    even when a correction was recorded with a lower id than the figure it replaced."""
    q1 = Period.quarter(2025, 1)
    later = NOW + dt.timedelta(hours=1)
    IndicatorValue.objects.create(indicator=indicator, period_start=q1.start, value=Decimal("7"), recorded_at=later)
    IndicatorValue.objects.create(indicator=indicator, period_start=q1.start, value=Decimal("5"), recorded_at=NOW)
    IndicatorTarget.objects.create(indicator=indicator, period_start=q1.start, value=Decimal("6"), recorded_at=NOW)
    with_times = queries.figures_of([indicator.pk], None, q1.end)
    without = queries.figures_of([indicator.pk], None, q1.end, times=False)
    actual = without[0][indicator.pk][q1.start]
    assert (actual.value, actual.replaced, actual.recorded_at) == (Decimal("7"), (Decimal("5"),), None)
    assert with_times[0][indicator.pk][q1.start]._replace(recorded_at=None) == actual
    assert without[1][indicator.pk][q1.start].value == Decimal("6")
