"""The demo's scrutiny reports (SPEC §7, §10; 001; 004 R4, R11): ``manage.py load_demo``
gives each of the seven thematic partnerships its themes, a basket of indicators with
twelve quarters of figures ending with the last complete quarter, a mix of green,
amber and red, delivery chains, and risk registers with overdue reviews; everything
invented is flagged illustrative, and loading twice adds nothing.

The demo is loaded once for this module (as tests/demo/loaded/conftest.py does for its
package), in a transaction rolled back after the last test.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from decisions.models import Proposal
from demo.data.partnerships import HWBP, SP_COMMISSIONING_BODY, SUPPORTING_PEOPLE
from demo.data.reports import ILLUSTRATIVE, QUARTERS, THEMATIC_PARTNERSHIPS
from demo.replay import reports as reports_replay
from demo.replay.meetings import DemoContext, aware
from governance.queue import side_effects_paused
from meetings.models import Action
from partnerships.models import Board, Layer, Partnership
from reports import rag
from reports.models import Indicator, IndicatorTarget, IndicatorValue, Risk, RiskReview, Target, Theme
from reports.periods import Period, last_complete_quarter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _latest_quarter() -> Period:
    return last_complete_quarter(timezone.localdate())


def _window() -> list[Period]:
    quarters = [_latest_quarter()]
    while len(quarters) < QUARTERS:
        quarters.insert(0, quarters[0].previous())
    return quarters


def _latest(rows: list[IndicatorValue] | list[IndicatorTarget], period: Period) -> IndicatorValue | IndicatorTarget:
    """The row of a period that counts: the last recorded."""
    of_period = [row for row in rows if row.period_start == period.start]
    assert of_period, period
    return max(of_period, key=lambda row: (row.recorded_at, row.pk))


def _latest_review(risk: Risk) -> RiskReview:
    return max(risk.reviews.all(), key=lambda review: (review.reviewed_on, review.recorded_at, review.pk))


def test_the_seven_thematic_partnerships_have_themes_and_a_basket_of_indicators() -> None:
    assert len(THEMATIC_PARTNERSHIPS) == 7
    parents = set(Partnership.objects.filter(slug__in=THEMATIC_PARTNERSHIPS).values_list("parent__slug", flat=True))
    assert parents == {"public-service-board"}  # 001: they report to the PSB
    for slug in THEMATIC_PARTNERSHIPS:
        assert 2 <= Theme.objects.filter(partnership__slug=slug).count() <= 3, slug
        indicators = Indicator.objects.filter(partnership__slug=slug)
        assert 3 <= indicators.count() <= 5, slug
        assert all(indicator.theme is not None and indicator.owner is not None for indicator in indicators), slug
        assert all(indicator.tolerance_set_by.endswith("; illustrative") for indicator in indicators), slug
    assert Indicator.objects.exclude(partnership__slug__in=THEMATIC_PARTNERSHIPS).count() == 0
    public = Indicator.objects.filter(public=True).count()
    assert 0 < public < Indicator.objects.count()


def test_each_indicator_has_twelve_quarters_ending_with_the_last_complete_one() -> None:
    window = _window()
    now = timezone.now()
    for indicator in Indicator.objects.prefetch_related("values", "targets"):
        values, targets = list(indicator.values.all()), list(indicator.targets.all())
        assert {value.period_start for value in values} == {quarter.start for quarter in window}, indicator.code
        assert {quarter.start for quarter in window} <= {target.period_start for target in targets}, indicator.code
        for value in values:
            # Entered after its quarter ended, and not after the moment of loading.
            assert value.period.end < value.recorded_at.date() and value.recorded_at <= now, indicator.code


def test_the_latest_quarter_is_a_mix_of_green_amber_and_red_improving_and_worsening() -> None:
    latest = _latest_quarter()
    ratings: Counter[str] = Counter()
    directions: Counter[str] = Counter()
    for indicator in Indicator.objects.prefetch_related("values", "targets"):
        values, targets = list(indicator.values.all()), list(indicator.targets.all())
        actual = float(_latest(values, latest).value)
        target = float(_latest(targets, latest).value)
        previous = float(_latest(values, latest.previous()).value)
        ratings[
            rag.indicator_rag(
                actual,
                target,
                higher_is_better=indicator.higher_is_better,
                amber_tolerance=float(indicator.amber_tolerance),
            )
        ] += 1
        directions[rag.direction_of_travel(actual, previous, higher_is_better=indicator.higher_is_better)] += 1
    assert ratings[rag.GREEN] >= 5 and ratings[rag.AMBER] >= 5 and ratings[rag.RED] >= 5, ratings
    assert directions[rag.IMPROVING] >= 5 and directions[rag.WORSENING] >= 5, directions


def test_some_latest_figures_are_provisional_and_one_past_quarter_is_corrected() -> None:
    latest = _latest_quarter()
    provisional = IndicatorValue.objects.filter(provisional=True)
    assert provisional.count() >= 2
    assert set(provisional.values_list("period_start", flat=True)) == {latest.start}
    assert all(value.note for value in provisional)
    periods = Counter(IndicatorValue.objects.values_list("indicator_id", "period_start"))
    corrected = [key for key, count in periods.items() if count > 1]
    assert len(corrected) == 1
    indicator_id, start = corrected[0]
    first, second = IndicatorValue.objects.filter(indicator_id=indicator_id, period_start=start).order_by("recorded_at")
    assert second.note.startswith("Corrected") and second.value != first.value and start < latest.start


def test_each_thematic_partnership_has_two_or_three_delivery_chains() -> None:
    for slug in THEMATIC_PARTNERSHIPS:
        targets = Target.objects.filter(partnership__slug=slug).prefetch_related("indicators")
        assert 2 <= targets.count() <= 3, slug
        for target in targets:
            assert target.code.startswith("LAA 2008-11 NI "), target.code
            linked = list(target.indicators.all())
            assert linked and all(indicator.partnership.slug == slug for indicator in linked), target.code
    # The HWBP's chains run through the demo's own decisions and actions (004 R4; 003 §20).
    hwbp = Target.objects.filter(partnership__slug=HWBP)
    assert Proposal.objects.filter(
        targets__in=hwbp, title="Local Area Agreement: indicator targets for 2026-27"
    ).exists()
    assert Proposal.objects.filter(targets__in=hwbp, board__partnership__slug=SUPPORTING_PEOPLE).exists()
    assert Action.objects.filter(targets__in=hwbp, description__contains="(NI 123)").exists()
    partnership, board = SP_COMMISSIONING_BODY.split("/")
    assert hwbp.filter(delivery_groups__partnership__slug=partnership, delivery_groups__slug=board).exists()


def test_the_delivery_groups_the_demo_adds_say_they_are_illustrative() -> None:
    groups = Board.objects.filter(layer=Layer.DELIVERY_GROUP)
    assert groups.count() == 2
    for group in groups:
        assert "Illustrative" in group.terms_of_reference and group.targets.exists(), group.name
        assert group.partnership.slug in THEMATIC_PARTNERSHIPS


def test_risk_registers_have_a_clear_top_three_and_overdue_reviews() -> None:
    today = timezone.localdate()
    overdue = 0
    for theme in Theme.objects.prefetch_related("risks__reviews"):
        risks = list(theme.risks.all())
        assert 3 <= len(risks) <= 5, theme.name
        latest = {risk.pk: _latest_review(risk) for risk in risks}
        for risk in risks:
            assert 2 <= risk.reviews.count() <= 4, risk.title
            reviews = sorted(risk.reviews.all(), key=lambda review: review.reviewed_on)
            assert reviews[0].reviewed_on == risk.opened_on and reviews[-1].reviewed_on <= today, risk.title
            overdue += latest[risk.pk].next_review_on < today
        scores = sorted((review.score for review in latest.values()), reverse=True)
        # The top three stand apart from the rest, and at least one is red.
        assert len(scores) == 3 or scores[2] > scores[3], (theme.name, scores)
        top = max(latest.values(), key=lambda review: review.score)
        assert top.rag == rag.RED, (theme.name, scores)
    # Likelihood and impact moved between reviews.
    moved = [
        risk for risk in Risk.objects.prefetch_related("reviews") if len({r.score for r in risk.reviews.all()}) > 1
    ]
    assert len(moved) >= Risk.objects.count() // 2
    assert 0 < overdue < Risk.objects.count()


def test_everything_invented_is_flagged_illustrative() -> None:
    assert not Indicator.objects.filter(illustrative=False).exists()
    assert all(indicator.description.endswith(ILLUSTRATIVE) for indicator in Indicator.objects.all())
    assert not Risk.objects.filter(illustrative=False).exists()
    assert Risk.objects.count() >= 40


def test_a_load_in_a_later_quarter_adds_that_quarter_and_makes_the_provisional_figures_final() -> None:
    """The demo stays current: loaded again next quarter, it adds the quarter that has
    ended since, and the figures that were provisional get their final row."""
    latest = _latest_quarter()
    provisional = set(IndicatorValue.objects.filter(provisional=True).values_list("indicator_id", flat=True))
    values = IndicatorValue.objects.count()
    ctx = DemoContext.create()
    ctx.now = aware(latest.next().next().start + dt.timedelta(days=45), dt.time(12))
    with side_effects_paused():
        reports_replay.load(ctx)
    assert IndicatorValue.objects.count() == values + Indicator.objects.count() + len(provisional)
    for indicator in Indicator.objects.prefetch_related("values"):
        rows = list(indicator.values.all())
        assert not _latest(rows, latest).provisional, indicator.code
        assert _latest(rows, latest.next()).provisional == (indicator.pk in provisional), indicator.code


def test_loading_again_adds_no_rows() -> None:
    def counts() -> dict[str, int]:
        return {
            model._meta.label: model._default_manager.count() for model in apps.get_models(include_auto_created=True)
        }

    first = counts()
    call_command("load_demo", "--no-documents", stdout=StringIO())
    assert counts() == first
