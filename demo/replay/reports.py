"""The scrutiny reports part of the demo (SPEC §7, §10): the themes, indicators,
figures, targets with their delivery chains, and risk registers of
demo/data/reports.py, written through reports/actions.py (and the two delivery groups
through partnerships/actions.py), as the demo officer where she services the
partnership and the administrator elsewhere.

The figures are placed relative to the day of loading, so the demo stays current: the
latest quarter is ``last_complete_quarter(today)``, the last of the twelve with
figures. Each actual is recorded as if entered at the end of the quarter after its own (but
never after the moment of loading), each year's targets on 20 March before the year
begins, and each risk review on its day.

The actuals are drawn by a formula, not by chance: straight lines through the data's
``knots`` (quarters before the latest, value), with a seasonal ``wobble`` between them,
so the same day gives the same figures on every load.

Loading twice changes nothing: every row is looked up by its natural key first (a
theme by name, an indicator or target by code, a figure by its period, a risk by its
title) and the append-only rows are added only when missing (a risk's reviews by their
number: the n-th review is added only while the risk has fewer than n). A later load,
in a later quarter, adds the figures of the quarters that have ended since, and the
final figures of those that were provisional.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone

from accounts.models import User
from decisions.models import Proposal
from demo.data.reports import (
    CORRECTIONS,
    DELIVERY_GROUPS,
    ILLUSTRATIVE,
    INDICATORS,
    QUARTERS,
    RISKS,
    TARGETS,
    THEMES,
)
from demo.replay.meetings import DemoContext, aware
from meetings.models import Action
from partnerships import actions as partnership_actions
from partnerships.access import can_edit_partnership
from partnerships.models import Board, Organisation, Partnership
from reports import actions
from reports.models import Indicator, IndicatorTarget, IndicatorValue, Risk, Target, Theme
from reports.periods import YEAR, Period, last_complete_quarter

# The seasonal shape of the wobble, by quarter of the financial year (April-June first).
SEASON = (Decimal("0.5"), Decimal("1"), Decimal("-0.5"), Decimal("-1"))


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of demo/data/reports.py ``INDICATORS`` (see its docstring)."""

    theme: str
    code: str
    title: str
    description: str
    unit: str
    baseline: float
    tolerance_set_by: str
    owner: str
    knots: tuple[tuple[int, float], ...]
    targets: tuple[float, float, float, float]
    places: int = 1
    higher_is_better: bool = True
    amber_tolerance: float = 0.05
    public: bool = False
    wobble: float = 0
    trajectory: bool = False
    provisional: str = ""

    def __post_init__(self) -> None:
        quarters_ago = [k for k, _ in self.knots]
        if quarters_ago != sorted(quarters_ago, reverse=True) or quarters_ago[0] != QUARTERS - 1 or quarters_ago[-1]:
            raise ValueError(f"{self.code}: knots run from {QUARTERS - 1} quarters before the latest to the latest")

    def actual(self, quarters_ago: int, period: Period) -> Decimal:
        """The actual of the quarter ``quarters_ago`` before the latest."""
        knots = {k: _decimal(v) for k, v in self.knots}
        if quarters_ago in knots:
            value = knots[quarters_ago]
        else:
            older = min(k for k in knots if k > quarters_ago)
            newer = max(k for k in knots if k < quarters_ago)
            share = Decimal(older - quarters_ago) / Decimal(older - newer)
            value = knots[older] + (knots[newer] - knots[older]) * share
            value += _decimal(self.wobble) * SEASON[period.number - 1]
        return _round(value, self.places)

    def target(self, years_ago: int, quarter: int) -> Decimal:
        """The target of ``quarter`` (1 to 4) of the financial year ``years_ago`` before the latest quarter's."""
        index = len(self.targets) - 1 - years_ago
        year = _decimal(self.targets[index])
        if not self.trajectory or index == 0:
            return _round(year, self.places)
        before = _decimal(self.targets[index - 1])
        return _round(before + (year - before) * Decimal(quarter) / 4, self.places + 1)


@dataclass(frozen=True)
class ChainSpec:
    """One target of demo/data/reports.py ``TARGETS`` and its delivery chain."""

    code: str
    title: str
    description: str
    indicators: tuple[str, ...]
    delivery_groups: tuple[str, ...] = ()
    decisions: tuple[tuple[str, str], ...] = ()
    actions: tuple[tuple[str, str], ...] = ()


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def indicator_specs(slug: str) -> list[IndicatorSpec]:
    """The indicators of a partnership, checked: an unknown or missing key is a TypeError."""
    return [IndicatorSpec(**row) for row in INDICATORS.get(slug, ())]  # type: ignore[arg-type]


def chain_specs(slug: str) -> list[ChainSpec]:
    return [ChainSpec(**row) for row in TARGETS.get(slug, ())]  # type: ignore[arg-type]


@dataclass
class Window:
    """The quarters of figures: ``quarters[0]`` is the oldest, ``quarters[-1]`` the latest."""

    quarters: list[Period]
    now: dt.datetime

    @classmethod
    def ending_before(cls, now: dt.datetime) -> Window:
        latest = last_complete_quarter(timezone.localdate(now))
        quarters = [latest]
        while len(quarters) < QUARTERS:
            quarters.insert(0, quarters[0].previous())
        return cls(quarters, now)

    @property
    def latest(self) -> Period:
        return self.quarters[-1]

    def entered(self, period: Period, later: int = 1) -> dt.datetime:
        """When a figure for ``period`` was entered: at the end of the quarter ``later``
        quarters after it, or now if that is still to come."""
        for _ in range(later):
            period = period.next()
        return min(self.now, aware(period.end, dt.time(16)))

    def before_the_year(self, first_year: int, hour: int = 11) -> dt.datetime:
        """20 March before a financial year begins: when its targets were set."""
        return min(self.now, aware(dt.date(first_year, 3, 20), dt.time(hour)))


class Loader:
    """Who writes, and the rows already looked up."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.window = Window.ending_before(ctx.now)
        self.organisations = {o.slug: o for o in Organisation.objects.all()}
        self.partnerships = {p.slug: p for p in Partnership.objects.filter(slug__in=list(THEMES))}
        self.boards: dict[str, Board] = {}

    def by(self, partnership: Partnership) -> User:
        ctx = self.ctx
        return ctx.officer if can_edit_partnership(ctx.officer, partnership) else ctx.administrator

    def board(self, key: str) -> Board:
        return self.boards.get(key) or self.ctx.board(key)

    @property
    def started(self) -> dt.datetime:
        """When the partnerships set up their reports: before the first year of figures."""
        return self.window.before_the_year(self.window.quarters[0].first_year, hour=9)


# ---------------------------------------------------------------------------
# Delivery groups, themes and indicators


def load_delivery_groups(loader: Loader) -> None:
    for row in DELIVERY_GROUPS:
        partnership = loader.partnerships[row.partnership]
        by = loader.by(partnership)
        values: dict[str, Any] = {"name": row.name, "layer": row.layer, "terms_of_reference": row.terms_of_reference}
        existing = Board.objects.select_related("partnership").filter(partnership=partnership, slug=row.slug).first()
        if existing is None:
            board = partnership_actions.board_create(
                by=by, now=loader.started, partnership=partnership, slug=row.slug, **values
            )
        else:
            board = partnership_actions.board_update(existing, by=by, now=loader.started, **values)
        loader.boards[row.key] = board


def load_themes(loader: Loader) -> dict[tuple[str, str], Theme]:
    themes: dict[tuple[str, str], Theme] = {}
    for slug, rows in THEMES.items():
        partnership = loader.partnerships[slug]
        existing = {theme.name: theme for theme in Theme.objects.filter(partnership=partnership)}
        for position, (name, description) in enumerate(rows, start=1):
            theme = existing.get(name)
            if theme is None:
                theme = actions.theme_add(
                    partnership,
                    name=name,
                    description=description,
                    position=position,
                    by=loader.by(partnership),
                    now=loader.started,
                )
            themes[slug, name] = theme
    return themes


def load_indicators(loader: Loader, themes: dict[tuple[str, str], Theme]) -> dict[tuple[str, str], Indicator]:
    """Indicators keyed by (partnership slug, code): added when missing, otherwise
    updated (which writes nothing when nothing differs)."""
    indicators: dict[tuple[str, str], Indicator] = {}
    # The baseline is the financial year before the first quarter of figures.
    baseline_period = Period.containing(loader.window.quarters[0].start, YEAR).previous().label
    for slug, partnership in loader.partnerships.items():
        existing = {i.code: i for i in Indicator.objects.filter(partnership=partnership).select_related("partnership")}
        for spec in indicator_specs(slug):
            fields: dict[str, Any] = {
                "theme": themes[slug, spec.theme],
                "code": spec.code,
                "title": spec.title,
                "description": f"{spec.description} {ILLUSTRATIVE}",
                "unit": spec.unit,
                "higher_is_better": spec.higher_is_better,
                "period_kind": "quarter",
                "baseline": _decimal(spec.baseline),
                "baseline_period": baseline_period,
                "amber_tolerance": _decimal(spec.amber_tolerance),
                "tolerance_set_by": spec.tolerance_set_by,
                "owner": loader.organisations[spec.owner],
                "public": spec.public,
                "illustrative": True,
            }
            by = loader.by(partnership)
            indicator = existing.get(spec.code)
            if indicator is None:
                indicator = actions.indicator_add(partnership, by=by, now=loader.started, **fields)
            else:
                indicator = actions.indicator_update(indicator, fields, by=by, now=loader.started)
            indicators[slug, spec.code] = indicator
    return indicators


# ---------------------------------------------------------------------------
# Figures


def load_figures(loader: Loader, indicators: dict[tuple[str, str], Indicator]) -> None:
    """Targets for every quarter of each financial year the figures touch, then the
    actuals of the twelve quarters; each only where its period has none yet."""
    window = loader.window
    ids = [indicator.pk for indicator in indicators.values()]
    have_targets = set(IndicatorTarget.objects.filter(indicator_id__in=ids).values_list("indicator_id", "period_start"))
    have_values = set(IndicatorValue.objects.filter(indicator_id__in=ids).values_list("indicator_id", "period_start"))
    latest_year = window.latest.first_year
    years = sorted({quarter.first_year for quarter in window.quarters})
    for slug, partnership in loader.partnerships.items():
        by = loader.by(partnership)
        for spec in indicator_specs(slug):
            indicator = indicators[slug, spec.code]
            for first_year in years:
                set_at = window.before_the_year(first_year)
                for quarter in Period.year(first_year).quarters():
                    if (indicator.pk, quarter.start) in have_targets:
                        continue
                    value = spec.target(latest_year - first_year, quarter.number)
                    actions.target_record(indicator, period=quarter, value=value, by=by, now=set_at)
            last = len(window.quarters) - 1
            for index, quarter in enumerate(window.quarters):
                if (indicator.pk, quarter.start) in have_values:
                    continue
                quarters_ago = last - index
                provisional = bool(spec.provisional) and quarters_ago == 0
                actions.value_record(
                    indicator,
                    period=quarter,
                    value=spec.actual(quarters_ago, quarter),
                    provisional=provisional,
                    note=spec.provisional if provisional else "",
                    by=by,
                    now=window.entered(quarter),
                )
            if spec.provisional:
                _finalise(indicator, window, by)


def _finalise(indicator: Indicator, window: Window, by: User) -> None:
    """A provisional latest figure of an earlier load, in an earlier quarter, is
    superseded by the final one a quarter later (the same value, not provisional)."""
    for quarter in window.quarters[:-1]:
        counted = (
            IndicatorValue.objects.filter(indicator=indicator, period_start=quarter.start)
            .order_by("-recorded_at", "-pk")
            .first()
        )
        if counted is not None and counted.provisional:
            actions.value_record(
                indicator,
                period=quarter,
                value=counted.value,
                note="Final figure: the same as the provisional one.",
                by=by,
                now=window.entered(quarter, later=2),
            )


def load_corrections(loader: Loader, indicators: dict[tuple[str, str], Indicator]) -> None:
    """A second actual for a past quarter, a quarter after the first; once (a load in a
    later quarter does not correct another)."""
    window = loader.window
    for slug, code, quarters_ago, value, note in CORRECTIONS:
        indicator = indicators[slug, code]
        quarter = window.quarters[len(window.quarters) - 1 - quarters_ago]
        if IndicatorValue.objects.filter(indicator=indicator, note=note).exists():  # in any quarter: made once
            continue
        actions.value_record(
            indicator,
            period=quarter,
            value=_decimal(value),
            note=note,
            by=loader.by(indicator.partnership),
            now=window.entered(quarter, later=2),
        )


# ---------------------------------------------------------------------------
# Targets and their delivery chains


def _proposal(loader: Loader, board_key: str, title: str) -> Proposal:
    return Proposal.objects.get(board=loader.board(board_key), title=title)


def _action(loader: Loader, board_key: str, description: str) -> Action:
    return Action.objects.select_related("meeting").get(meeting__board=loader.board(board_key), description=description)


def load_chains(loader: Loader, indicators: dict[tuple[str, str], Indicator]) -> None:
    """Targets keyed by (partnership, code); the chain is set only when it differs, so a
    second load writes no audit event."""
    for slug, partnership in loader.partnerships.items():
        by = loader.by(partnership)
        existing = {t.code: t for t in Target.objects.filter(partnership=partnership).select_related("partnership")}
        for spec in chain_specs(slug):
            target = existing.get(spec.code)
            if target is None:
                target = actions.chain_target_add(
                    partnership,
                    code=spec.code,
                    title=spec.title,
                    description=spec.description,
                    by=by,
                    now=loader.started,
                )
            else:
                changes = {"title": spec.title, "description": spec.description}
                target = actions.chain_target_update(target, changes, by=by, now=loader.started)
            decisions = [_proposal(loader, key, title) for key, title in spec.decisions]
            arising = [_action(loader, key, description) for key, description in spec.actions]
            chain: dict[str, list[Any]] = {
                "indicators": [indicators[slug, code] for code in spec.indicators],
                "delivery_groups": [loader.board(key) for key in spec.delivery_groups],
                "decisions": decisions,
                "actions": arising,
            }
            linked = {name: {row.pk for row in getattr(target, name).all()} for name in chain}
            if linked != {name: {row.pk for row in rows} for name, rows in chain.items()}:
                # Set once the last decision and action it links to exist.
                moments = [loader.started]
                moments += [proposal.decided_at or proposal.created_at for proposal in decisions]
                moments += [action.meeting.start + dt.timedelta(hours=3) for action in arising]
                actions.chain_link(target, by=by, now=min(loader.ctx.now, max(moments)), **chain)


# ---------------------------------------------------------------------------
# Risks


def load_risks(loader: Loader, themes: dict[tuple[str, str], Theme]) -> None:
    """Risks keyed by (theme, title); the n-th review is added while the risk has fewer than n."""
    today = timezone.localdate(loader.ctx.now)
    for slug, registers in RISKS.items():
        partnership = loader.partnerships[slug]
        by = loader.by(partnership)
        for theme_name, rows in registers.items():
            theme = themes[slug, theme_name]
            existing = {risk.title: risk for risk in Risk.objects.filter(theme=theme).select_related("theme")}
            for title, post, organisation_slug, description, mitigation, reviews in rows:
                organisation = loader.organisations[organisation_slug]
                dates = [(today - dt.timedelta(days=review[0]), review) for review in reviews]
                risk = existing.get(title)
                done = 0
                if risk is None:
                    reviewed_on, (_, likelihood, impact, next_in, _) = dates[0]
                    risk = actions.risk_add(
                        theme,
                        title=title,
                        owner=f"{post}, {organisation.name}",
                        owner_organisation=organisation,
                        description=description,
                        likelihood=likelihood,
                        impact=impact,
                        mitigation=mitigation,
                        reviewed_on=reviewed_on,
                        next_review_on=reviewed_on + dt.timedelta(days=next_in),
                        illustrative=True,
                        by=by,
                        now=_reviewed_at(loader, reviewed_on),
                    )
                    done = 1
                else:
                    done = risk.reviews.count()
                for reviewed_on, (_, likelihood, impact, next_in, note) in dates[done:]:
                    actions.risk_review(
                        risk,
                        reviewed_on=reviewed_on,
                        likelihood=likelihood,
                        impact=impact,
                        mitigation=mitigation,
                        next_review_on=reviewed_on + dt.timedelta(days=next_in),
                        note=note,
                        by=by,
                        now=_reviewed_at(loader, reviewed_on),
                    )


def _reviewed_at(loader: Loader, day: dt.date) -> dt.datetime:
    return min(loader.ctx.now, aware(day, dt.time(15)))


def load(ctx: DemoContext) -> None:
    """Load (or leave as it is) the scrutiny reports of the seven thematic partnerships."""
    loader = Loader(ctx)
    load_delivery_groups(loader)
    themes = load_themes(loader)
    indicators = load_indicators(loader, themes)
    load_figures(loader, indicators)
    load_corrections(loader, indicators)
    load_chains(loader, indicators)
    load_risks(loader, themes)
