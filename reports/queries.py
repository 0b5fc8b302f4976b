"""What the report pages, exports and the PDF show (SPEC §7). Reads only.

Each function loads its rows in a fixed number of queries, whatever the number of
partnerships, indicators, periods or risks: the latest figure of each period is picked
from one ordered query, never by a query per indicator.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, NamedTuple

from django.db.models import (
    CharField,
    DateTimeField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from decisions.models import Proposal
from governance.pagecache import content_version
from meetings.models import Action
from partnerships.models import Board, Partnership

from . import charts, governance, rag
from .explain import explain_rating
from .models import Indicator, IndicatorTarget, IndicatorValue, Risk, RiskReview, Target, Theme
from .periods import QUARTER, YEAR, Period, PeriodKind, ReportSpan
from .subqueries import count_of
from .tables import Column, Table

RAG_ORDER = (rag.RED, rag.AMBER, rag.GREEN, rag.NO_DATA)
TOP_RISKS = 3  # 001: the top three risks for each theme


# ---------------------------------------------------------------------------
# Figures: the latest actual and target of each period


class Figure(NamedTuple):
    """The figure that counts for a period, and the ones it replaced (oldest first).
    A named tuple: thousands are made for the dashboard."""

    value: Decimal
    recorded_at: dt.datetime | None  # None when read without times
    note: str = ""
    provisional: bool = False
    replaced: tuple[Decimal, ...] = ()


FigureMap = dict[int, dict[dt.date, Figure]]  # indicator id -> period start -> figure


def _figure_rows(
    model: type[IndicatorValue] | type[IndicatorTarget],
    ids: Sequence[int] | QuerySet[Indicator],
    since: dt.date | None,
    until: dt.date,
    since_by_kind: Mapping[PeriodKind, dt.date] | None,
) -> QuerySet[IndicatorValue] | QuerySet[IndicatorTarget]:
    rows = model.objects.filter(indicator_id__in=_pks(ids), period_start__lte=until)
    if since_by_kind is not None:
        windows = Q()
        for kind, start in since_by_kind.items():
            windows |= Q(indicator__period_kind=kind, period_start__gte=start)
        return rows.filter(windows)
    if since is not None:
        return rows.filter(period_start__gte=since)
    return rows


def _collect(rows: Iterable[Sequence[Any]]) -> FigureMap:
    """The figures of rows in order of recorded_at within each period: the last counts."""
    result: FigureMap = {}
    for indicator_id, start, value, note, flag, recorded_at in rows:
        own = result.get(indicator_id)
        if own is None:
            own = result[indicator_id] = {}
        earlier = own.get(start)
        own[start] = Figure(
            value,
            recorded_at,
            note,
            flag is True,
            (*earlier.replaced, earlier.value) if earlier is not None else (),
        )
    return result


def latest_figures(
    model: type[IndicatorValue] | type[IndicatorTarget],
    ids: Sequence[int] | QuerySet[Indicator],
    since: dt.date | None,
    until: dt.date,
    *,
    since_by_kind: Mapping[PeriodKind, dt.date] | None = None,
    times: bool = True,
) -> FigureMap:
    """The figure that counts for each indicator (``ids``: a list, or a queryset of
    indicators read as a subquery) and period from ``since`` (or from the date in
    ``since_by_kind`` for the indicator's period kind) to ``until``. One query, read as
    tuples in the order of the latest-figure index; without ``times`` the figures carry
    no recorded_at (a rating does not need it, and reading time zones is slow)."""
    rows = _figure_rows(model, ids, since, until, since_by_kind)
    provisional = F("provisional") if model is IndicatorValue else Value(False)  # targets are never provisional
    columns = ["indicator_id", "period_start", "value", "note", "flag"]
    columns.append("recorded_at" if times else "no_time")
    tuples = (
        rows.annotate(flag=provisional, no_time=Value(None, output_field=DateTimeField()))
        .order_by("indicator_id", "period_start", "recorded_at", "pk")
        .values_list(*columns)
    )
    return _collect(tuples)


def figures_of(
    ids: Sequence[int] | QuerySet[Indicator],
    since: dt.date | None,
    until: dt.date,
    *,
    since_by_kind: Mapping[PeriodKind, dt.date] | None = None,
    times: bool = True,
) -> tuple[FigureMap, FigureMap]:
    """The actuals and the targets that count, as ``latest_figures`` reads each, in one
    UNION query. Without ``times`` the figures carry no recorded_at: the rows are put in
    order by their number within their period (a window function), as reading the
    times of tens of thousands of rows took longer than the rest of the query (the
    dashboard's ratings do not need them)."""
    order: tuple[str, ...] = ("recorded_at", "pk") if times else ("sequence",)
    columns = ("indicator_id", "period_start", "value", "note", "flag", "time", *order, "is_target")

    def rows(model: type[IndicatorValue] | type[IndicatorTarget], flag: Any, is_target: bool) -> Any:
        annotated = _figure_rows(model, ids, since, until, since_by_kind).annotate(
            flag=flag,
            is_target=Value(is_target),
            time=F("recorded_at") if times else Value(None, output_field=DateTimeField()),
        )
        if not times:
            annotated = annotated.annotate(
                sequence=Window(
                    RowNumber(),
                    partition_by=[F("indicator_id"), F("period_start")],
                    order_by=[F("recorded_at"), F("pk")],
                )
            )
        return annotated.values_list(*columns).order_by()

    actuals = rows(IndicatorValue, F("provisional"), False)
    targets = rows(IndicatorTarget, Value(False), True)  # targets are never provisional
    rows_in_order = actuals.union(targets, all=True).order_by("is_target", "indicator_id", "period_start", *order)
    split: tuple[list[Any], list[Any]] = ([], [])
    for row in rows_in_order:
        split[bool(row[-1])].append(row[:6])
    return _collect(split[0]), _collect(split[1])


def _pks(ids: Sequence[int] | QuerySet[Indicator]) -> Sequence[int] | QuerySet[Indicator]:
    return ids.order_by().values("pk") if isinstance(ids, QuerySet) else ids  # type: ignore[return-value]


def _as_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class IndicatorStatus:
    """Where an indicator stands at the end of a span: its latest period with an actual
    in the span (or the span's last period when it has none), against that period's
    target, and compared with the period before."""

    indicator: Indicator
    period: Period
    actual: Figure | None
    target: Figure | None
    previous: Figure | None
    rating: str
    direction: str

    @cached_property
    def explanation(self) -> str:
        """How the rating was reached, in words (worked out when shown)."""
        actual, target = self.actual, self.target
        return explain_rating(
            self.rating,
            actual=actual.value if actual else None,
            target=target.value if target else None,
            period=self.period,
            unit=self.indicator.unit,
            higher_is_better=self.indicator.higher_is_better,
            amber_tolerance=self.indicator.amber_tolerance,
            tolerance_set_by=self.indicator.tolerance_set_by,
        )

    @property
    def change(self) -> float | None:
        """The change from the previous period, signed so that positive is better."""
        if self.actual is None or self.previous is None:
            return None
        change = float(self.actual.value - self.previous.value)
        return change if self.indicator.higher_is_better else -change

    @property
    def relative_change(self) -> float | None:
        if self.change is None or self.previous is None or self.previous.value == 0:
            return self.change
        return self.change / abs(float(self.previous.value))


def status_of(indicator: Indicator, span: ReportSpan, values: FigureMap, targets: FigureMap) -> IndicatorStatus:
    periods = span.periods(indicator.period_kind)  # type: ignore[arg-type]
    if not periods:  # a yearly indicator in a span that holds no year end
        periods = (Period.containing(span.end, indicator.period_kind).previous(),)  # type: ignore[arg-type]
    own_values = values.get(indicator.pk, {})
    own_targets = targets.get(indicator.pk, {})
    with_actual = [period for period in periods if period.start in own_values]
    period = with_actual[-1] if with_actual else periods[-1]
    actual = own_values.get(period.start)
    target = own_targets.get(period.start)
    previous = own_values.get(period.previous().start)
    if target is None:
        rating = rag.NO_DATA
    else:
        rating = rag.indicator_rag(
            _as_float(actual.value) if actual else None,
            float(target.value),
            higher_is_better=indicator.higher_is_better,
            amber_tolerance=float(indicator.amber_tolerance),
        )
    direction = rag.direction_of_travel(
        _as_float(actual.value) if actual else None,
        _as_float(previous.value) if previous else None,
        higher_is_better=indicator.higher_is_better,
    )
    return IndicatorStatus(indicator, period, actual, target, previous, rating, direction)


def _since(span: ReportSpan, kind: PeriodKind) -> dt.date:
    """The first period an indicator of ``kind`` needs for its status at the end of
    ``span``: the period before the span's first, for direction of travel (a yearly
    indicator in a span that holds no year end is rated on the year before the span's
    end, against the year before that)."""
    periods = span.periods(kind) or (Period.containing(span.end, kind).previous(),)
    return periods[0].previous().start


def indicator_statuses(
    indicators: Iterable[Indicator], span: ReportSpan, *, among: QuerySet[Indicator] | None = None
) -> list[IndicatorStatus]:
    """The status of each indicator at the end of ``span``: two queries in all (the
    indicators, if a queryset, and their actuals and targets, ``figures_of``), reading
    only the periods the ratings need. ``among``, a queryset holding the indicators, is read as
    a subquery instead of a list of ids (faster for thousands)."""
    rows = list(indicators)
    if among is None and isinstance(indicators, QuerySet):
        among = indicators
    ids = among if among is not None else [indicator.pk for indicator in rows]
    since = {kind: _since(span, kind) for kind in (QUARTER, YEAR)}
    values, targets = figures_of(ids, None, span.end, since_by_kind=since, times=False)
    return [status_of(indicator, span, values, targets) for indicator in rows]


REPORT_ORDER = ("partnership__name", "theme__position", "theme__name", "code")
_NUMBER = re.compile(r"(\d+)")


def code_order(code: str) -> tuple[str | int, ...]:
    """Codes sorted as people read them: NI 8 before NI 123 (the numbers as numbers)."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in _NUMBER.split(code))


def _in_report_order(indicators: Iterable[Indicator]) -> list[Indicator]:
    """By partnership and theme as REPORT_ORDER (SQL sorts those), then by code as read."""
    return sorted(
        indicators,
        key=lambda indicator: (
            indicator.partnership.name,
            indicator.theme.position if indicator.theme else 1 << 30,
            indicator.theme.name if indicator.theme else "",
            code_order(indicator.code),
        ),
    )


def indicators_of(
    partnerships: QuerySet[Partnership] | Sequence[Partnership], *, visible: QuerySet[Indicator]
) -> list[Indicator]:
    """The visible indicators of ``partnerships`` in report order, with their
    partnership, theme and owner: one query."""
    return _in_report_order(
        visible.filter(partnership__in=partnerships)
        .select_related("partnership", "theme", "owner")
        .defer("description")
        .order_by(*REPORT_ORDER)
    )


def every_indicator(visible: QuerySet[Indicator]) -> list[Indicator]:
    """Every visible indicator of every partnership in report order, with its
    partnership and theme (not its owner): one query."""
    indicators = visible.select_related("partnership", "theme").defer("description", "created_at")
    return _in_report_order(indicators.order_by(*REPORT_ORDER))


def rag_counts(statuses: Iterable[IndicatorStatus]) -> dict[str, int]:
    counts = dict.fromkeys(RAG_ORDER, 0)
    for status in statuses:
        counts[status.rating] += 1
    return counts


@dataclass(frozen=True)
class ThemeGroup:
    partnership: Partnership
    theme: Theme | None
    statuses: list[IndicatorStatus] = field(default_factory=list)

    @cached_property
    def counts(self) -> dict[str, int]:
        """Counted when first asked for, once the group is complete."""
        return rag_counts(self.statuses)

    @property
    def name(self) -> str:
        return self.theme.name if self.theme else "Not in a theme"


def by_theme(statuses: Iterable[IndicatorStatus]) -> list[ThemeGroup]:
    groups: dict[tuple[int, int | None], ThemeGroup] = {}
    for status in statuses:
        indicator = status.indicator
        key = (indicator.partnership_id, indicator.theme_id)
        if key not in groups:
            groups[key] = ThemeGroup(indicator.partnership, indicator.theme)
        groups[key].statuses.append(status)
    return list(groups.values())


# ---------------------------------------------------------------------------
# One indicator's history


@dataclass(frozen=True)
class PeriodRow:
    period: Period
    actual: Figure | None
    target: Figure | None
    rating: str
    explanation: str


@dataclass(frozen=True)
class IndicatorHistory:
    indicator: Indicator
    rows: list[PeriodRow]
    values: list[IndicatorValue]  # every value recorded, corrections included, newest first
    targets: list[IndicatorTarget]
    chain_targets: list[Target]


def rated_periods(
    indicator: Indicator, values: FigureMap, targets: FigureMap, *, until: dt.date = dt.date.max
) -> list[tuple[Period, IndicatorStatus]]:
    """Every period of the indicator with an actual or a target that begins by ``until``,
    oldest first, each rated over that period alone (the indicator page and the API)."""
    own = set(values.get(indicator.pk, {})) | set(targets.get(indicator.pk, {}))
    periods = [Period.containing(start, indicator.period_kind) for start in sorted(own) if start <= until]  # type: ignore[arg-type]
    return [(period, status_of(indicator, ReportSpan.of(period), values, targets)) for period in periods]


def indicator_history(indicator: Indicator) -> IndicatorHistory:
    """Every period with an actual or a target, oldest first, each rated; and every
    figure as recorded. Four queries."""
    all_values, all_targets = figures_of([indicator.pk], None, dt.date.max)
    values, targets = all_values.get(indicator.pk, {}), all_targets.get(indicator.pk, {})
    rated = rated_periods(indicator, {indicator.pk: values}, {indicator.pk: targets}, until=timezone.localdate())
    rows = [
        PeriodRow(period, values.get(period.start), targets.get(period.start), status.rating, status.explanation)
        for period, status in rated
    ]
    recorded_values = list(indicator.values.select_related("recorded_by").order_by("-recorded_at", "-pk"))
    recorded_targets = list(indicator.targets.select_related("recorded_by").order_by("-recorded_at", "-pk"))
    chain = list(indicator.chain_targets.select_related("partnership").order_by("code"))
    return IndicatorHistory(indicator, rows, recorded_values, recorded_targets, chain)


# ---------------------------------------------------------------------------
# Risks


@dataclass(frozen=True)
class RiskStatus:
    risk: Risk
    latest: RiskReview
    reviews: list[RiskReview]  # oldest first
    overdue: bool

    @property
    def score(self) -> int:
        return self.latest.score

    @property
    def rating(self) -> str:
        return self.latest.rag

    @property
    def previous(self) -> RiskReview | None:
        return self.reviews[-2] if len(self.reviews) > 1 else None

    @property
    def trend(self) -> str:
        """ "improving" when the score fell since the review before, "worsening" when it rose."""
        if self.previous is None:
            return rag.NO_DATA
        return rag.direction_of_travel(self.score, self.previous.score, higher_is_better=False)


@dataclass(frozen=True)
class ThemeRisks:
    theme: Theme
    risks: list[RiskStatus]

    @property
    def top(self) -> list[RiskStatus]:
        return self.risks[:TOP_RISKS]

    @property
    def overdue(self) -> list[RiskStatus]:
        return [status for status in self.risks if status.overdue]


def _risk_order(status: RiskStatus) -> tuple[int, int, int, str]:
    return (-status.score, -status.latest.likelihood, -status.latest.impact, status.risk.title)


def risk_register(partnerships: QuerySet[Partnership] | Sequence[Partnership], today: dt.date) -> list[ThemeRisks]:
    """The open risks of each theme, highest score first, with their reviews: one
    query whatever the number of risks and reviews."""
    return _register(Risk.objects.filter(theme__partnership__in=partnerships), today)


def _register(risks: QuerySet[Risk], today: dt.date) -> list[ThemeRisks]:
    """The open ones of ``risks`` by theme: their reviews read with the risk, its theme,
    partnership and owner (one query; a risk never reviewed has no rating, and is left
    out), each risk's reviews given one Risk object."""
    reviews = (
        RiskReview.objects.filter(risk__in=risks.filter(closed_on__isnull=True))
        .select_related("risk__theme__partnership", "risk__owner_organisation")
        .order_by(
            "risk__theme__partnership__name",
            "risk__theme__position",
            "risk__theme__name",
            "risk_id",
            "reviewed_on",
            "recorded_at",
            "pk",
        )
    )
    by_risk: dict[int, list[RiskReview]] = {}
    for review in reviews:
        own = by_risk.setdefault(review.risk_id, [])
        if own:
            review.risk = own[0].risk
        own.append(review)
    by_theme: dict[int, ThemeRisks] = {}
    for own in by_risk.values():
        risk, latest = own[0].risk, own[-1]
        status = RiskStatus(risk, latest, own, overdue=latest.next_review_on < today)
        by_theme.setdefault(risk.theme_id, ThemeRisks(risk.theme, [])).risks.append(status)
    for group in by_theme.values():
        group.risks.sort(key=_risk_order)
    return list(by_theme.values())


# ---------------------------------------------------------------------------
# Dashboard across every partnership


DASHBOARD_RISKS = 20  # the longest list of risks the dashboard shows; the registers hold the rest


@dataclass(frozen=True)
class RiskAttention:
    """The open risks across partnerships that need attention: rated red, or past their
    review date. The lists hold the first DASHBOARD_RISKS of each; the totals count all,
    and ``by_partnership`` counts them per partnership for the links to its register."""

    red: list[RiskStatus]
    red_total: int
    overdue: list[RiskStatus]
    overdue_total: int
    by_partnership: list[tuple[Partnership, int, int]]  # partnership, red, overdue


def risks_needing_attention(today: dt.date, *, limit: int = DASHBOARD_RISKS) -> RiskAttention:
    """Two queries whatever the number of risks: each open risk's latest review as a
    tuple with its partnership, by the partnership's name (one window query), then the
    shown risks with their reviews. The partnerships counted carry only what the
    dashboard shows of them (their name and slug; the rest is deferred)."""
    newest_first = [F("reviewed_on").desc(), F("recorded_at").desc(), F("pk").desc()]
    partnership = "risk__theme__partnership__"
    latest = (
        RiskReview.objects.filter(risk__closed_on__isnull=True)
        .annotate(rank=Window(RowNumber(), partition_by=[F("risk_id")], order_by=newest_first))
        .filter(rank=1)
        .values_list(
            "risk_id",
            "risk__title",
            "likelihood",
            "impact",
            "next_review_on",
            f"{partnership}id",
            f"{partnership}name",
            f"{partnership}slug",
        )
        .order_by(f"{partnership}name", f"{partnership}id")
    )
    red: list[tuple[tuple[int, int, int, str], int]] = []
    overdue: list[tuple[dt.date, int]] = []
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    partnerships: dict[int, Partnership] = {}
    for risk_id, title, likelihood, impact, next_review_on, *of_partnership in latest:
        partnership_id = of_partnership[0]
        if rag.risk_rag(likelihood, impact) == rag.RED:
            red.append(((-likelihood * impact, -likelihood, -impact, title), risk_id))
            counts[partnership_id][0] += 1
        if next_review_on < today:
            overdue.append((next_review_on, risk_id))
            counts[partnership_id][1] += 1
        if partnership_id in counts and partnership_id not in partnerships:
            partnerships[partnership_id] = Partnership.from_db(latest.db, ["id", "name", "slug"], of_partnership)
    red.sort()
    overdue.sort()
    shown_red = [risk_id for _, risk_id in red[:limit]]
    shown_overdue = [risk_id for _, risk_id in overdue[:limit]]
    statuses = {
        status.risk.pk: status
        for group in _register(Risk.objects.filter(pk__in={*shown_red, *shown_overdue}), today)
        for status in group.risks
    }
    return RiskAttention(
        red=[statuses[risk_id] for risk_id in shown_red],
        red_total=len(red),
        overdue=[statuses[risk_id] for risk_id in shown_overdue],
        overdue_total=len(overdue),
        by_partnership=[(partnership, *counts[pk]) for pk, partnership in partnerships.items()],  # type: ignore[misc]
    )


@dataclass(frozen=True)
class Dashboard:
    span: ReportSpan
    themes: list[ThemeGroup]
    counts: dict[str, int]
    worst_moving: list[IndicatorStatus]
    risks: RiskAttention


WORST_MOVING = 10


def data_version() -> str:
    """A value that changes whenever anything the dashboard reads changes, for keying its
    cache: the content version of the public page cache (governance/pagecache.py), which
    every action, the admin and the workers move."""
    return content_version()


def dashboard(span: ReportSpan, today: dt.date, *, visible: QuerySet[Indicator]) -> Dashboard:
    statuses = indicator_statuses(every_indicator(visible), span, among=visible)
    worsening = [status for status in statuses if status.direction == rag.WORSENING]
    worsening.sort(key=lambda status: status.relative_change or 0.0)
    return Dashboard(
        span, by_theme(statuses), rag_counts(statuses), worsening[:WORST_MOVING], risks_needing_attention(today)
    )


def default_span(today: dt.date) -> ReportSpan:
    """The last complete quarter."""
    return ReportSpan.of(Period.containing(today, QUARTER).previous())


def span_choices(today: dt.date) -> list[ReportSpan]:
    """What a reader may pick: the rolling four quarters to the last complete quarter,
    the last eight quarters and the last three financial years."""
    last = Period.containing(today, QUARTER).previous()
    quarters = [last]
    while len(quarters) < 8:
        quarters.append(quarters[-1].previous())
    year = Period.containing(today, "year").previous()
    years = [year, year.previous(), year.previous().previous()]
    return [ReportSpan.rolling(last), *(ReportSpan.of(q) for q in quarters), *(ReportSpan.of(y) for y in years)]


def chain_of(target: Target) -> Target:
    """The target with its delivery chain loaded onto it (four queries: the indicators,
    the delivery groups, the decisions and the actions, each with what it shows)."""
    prefetch_related_objects(
        [target],
        Prefetch("indicators", queryset=Indicator.objects.select_related("partnership").order_by("code")),
        Prefetch("delivery_groups", queryset=Board.objects.select_related("partnership")),
        Prefetch("decisions", queryset=Proposal.objects.select_related("board")),
        Prefetch("actions", queryset=Action.objects.select_related("meeting__board", "owner")),
    )
    return target


def targets_of(partnership: Partnership) -> QuerySet[Target]:
    """The partnership's targets with the number of each kind of link in their delivery
    chain (``indicator_count``, ``delivery_group_count``, ``decision_count`` and
    ``action_count``): one query."""
    target = OuterRef("pk")
    return (
        Target.objects.filter(partnership=partnership)
        .annotate(
            indicator_count=count_of(Target.indicators.through.objects.filter(target=target)),
            delivery_group_count=count_of(Target.delivery_groups.through.objects.filter(target=target)),
            decision_count=count_of(Target.decisions.through.objects.filter(target=target)),
            action_count=count_of(Target.actions.through.objects.filter(target=target)),
        )
        .order_by("code")
    )


@dataclass(frozen=True)
class TargetChain:
    """A target (with the counts of ``targets_of``) and what its chain names: the codes
    of its indicators and the names of its delivery groups, in their models' order."""

    target: Target
    indicators: list[str]
    delivery_groups: list[str]


def targets_with_chains(partnership: Partnership) -> list[TargetChain]:
    """``targets_of`` with what each chain names: two queries, the names one UNION of
    the two link tables."""
    targets = list(targets_of(partnership))
    linked: dict[str, Any] = {"indicator": Target.indicators.through, "board": Target.delivery_groups.through}
    tables = [
        through.objects.filter(target__in=[target.pk for target in targets])
        .annotate(
            kind=Value(kind, output_field=CharField()),
            owner=F(f"{kind}__partnership__name"),
            label=F(f"{kind}__code" if kind == "indicator" else f"{kind}__name"),
        )
        .values_list("target_id", "kind", "owner", "label")
        .order_by()
        for kind, through in linked.items()
    ]
    names: dict[tuple[int, str], list[str]] = defaultdict(list)
    for target_id, kind, _, label in tables[0].union(tables[1], all=True).order_by("kind", "owner", "label"):
        names[target_id, kind].append(label)
    return [TargetChain(target, names[target.pk, "indicator"], names[target.pk, "board"]) for target in targets]


# ---------------------------------------------------------------------------
# The same figures as tables, for export and the PDF

SCORECARD_COLUMNS = (
    Column("partnership", "Partnership"),
    Column("theme", "Theme"),
    Column("code", "Code"),
    Column("indicator", "Indicator"),
    Column("unit", "Unit"),
    Column("period", "Period"),
    Column("actual", "Actual", "number"),
    Column("provisional", "Provisional"),
    Column("target", "Target", "number"),
    Column("rating", "Rating", "rag"),
    Column("direction", "Direction of travel", "direction"),
    Column("previous", "Previous period's actual", "number"),
    Column("how", "How the rating was reached"),
)


def scorecard_table(statuses: Sequence[IndicatorStatus], span: ReportSpan) -> Table:
    rows = [
        (
            status.indicator.partnership.name,
            status.indicator.theme.name if status.indicator.theme else "",
            status.indicator.code,
            status.indicator.title,
            status.indicator.unit,
            status.period.label,
            status.actual.value if status.actual else None,
            ("yes" if status.actual.provisional else "no") if status.actual else None,
            status.target.value if status.target else None,
            status.rating,
            status.direction,
            status.previous.value if status.previous else None,
            status.explanation,
        )
        for status in statuses
    ]
    return Table.build("indicators", f"Indicators, {span.label}", SCORECARD_COLUMNS, rows)


RISK_COLUMNS = (
    Column("partnership", "Partnership"),
    Column("theme", "Theme"),
    Column("risk", "Risk"),
    Column("owner", "Owner"),
    Column("likelihood", "Likelihood", "number", 0),
    Column("impact", "Impact", "number", 0),
    Column("score", "Score", "number", 0),
    Column("rating", "Rating", "rag"),
    Column("trend", "Since the last review", "direction"),
    Column("reviewed", "Last reviewed", "date"),
    Column("next_review", "Next review", "date"),
    Column("overdue", "Review overdue"),
    Column("mitigation", "Mitigation"),
)


def risks_table(register: Sequence[ThemeRisks], *, title: str = "Risk register") -> Table:
    rows = [
        (
            group.theme.partnership.name,
            group.theme.name,
            status.risk.title,
            status.risk.owner,
            status.latest.likelihood,
            status.latest.impact,
            status.score,
            status.rating,
            status.trend,
            status.latest.reviewed_on,
            status.latest.next_review_on,
            "yes" if status.overdue else "no",
            status.latest.mitigation,
        )
        for group in register
        for status in group.risks
    ]
    return Table.build("risks", title, RISK_COLUMNS, rows)


# ---------------------------------------------------------------------------
# The report to full council: what its page, its PDF and its downloads show


@dataclass(frozen=True)
class ReportContent:
    """Everything the page, the PDF template and the downloads show, each part read
    when first asked for (so a page or a download reads only what it shows)."""

    partnership: Partnership
    span: ReportSpan
    generated_at: dt.datetime

    @cached_property
    def groups(self) -> list[ThemeGroup]:
        """Every indicator, rated at the end of the span, by theme (two queries). The
        PDF is for report readers only (``require_reader`` here and on its download),
        who see every indicator (access.visible_indicators)."""
        indicators = indicators_of([self.partnership], visible=Indicator.objects.all())
        return by_theme(indicator_statuses(indicators, self.span))

    @cached_property
    def counts(self) -> dict[str, int]:
        return rag_counts(status for group in self.groups for status in group.statuses)

    @cached_property
    def register(self) -> list[ThemeRisks]:
        """The risk register as it stands on the day (one query)."""
        return risk_register([self.partnership], timezone.localdate(self.generated_at))

    @cached_property
    def health(self) -> list[governance.BoardGovernance]:
        """The governance health of the partnership's boards (two queries)."""
        boards = Board.objects.filter(partnership=self.partnership).order_by("name", "pk")
        return governance.board_health(boards, self.span)

    @cached_property
    def targets(self) -> list[Target]:
        """With the number of each kind of link in their chains (one query)."""
        return list(targets_of(self.partnership))

    @cached_property
    def target_chains(self) -> list[TargetChain]:
        """With the indicators and delivery groups their chains name (two queries)."""
        return targets_with_chains(self.partnership)

    @cached_property
    def governance(self) -> tuple[Table, ...]:
        """The health tables, attendance by person and by organisation, and the late
        papers (three queries)."""
        return governance.as_tables([figures.board for figures in self.health], self.span, self.health)

    @cached_property
    def trends(self) -> dict[int, list[charts.Point]]:
        """Indicator id -> (period label, actual, target), oldest first (one query)."""
        return trend_points([status.indicator for group in self.groups for status in group.statuses], self.span)

    @property
    def illustrative(self) -> bool:
        """Any indicator or risk shown is demonstration data."""
        return any(status.indicator.illustrative for group in self.groups for status in group.statuses) or any(
            status.risk.illustrative for group in self.register for status in group.top
        )


def report_content(partnership: Partnership, span: ReportSpan, *, now: dt.datetime) -> ReportContent:
    """What the report of ``partnership`` for ``span`` shows (its page, reports.views.
    report partnership_report; its PDF and its downloads), read as it is asked for."""
    return ReportContent(partnership=partnership, span=span, generated_at=now)


TREND_QUARTERS = 8  # a quarterly indicator's chart: the two years to the span's end
TREND_YEARS = 5


def trend_periods(span: ReportSpan, kind: PeriodKind) -> list[Period]:
    """The periods of an indicator's trend chart, oldest first, ending with the span's
    last period of that kind (for years: the last to end within the span, or before)."""
    if kind == QUARTER:
        last, count = Period.containing(span.end, QUARTER), TREND_QUARTERS
    else:
        last, count = Period.containing(span.end, YEAR), TREND_YEARS
        if last.end > span.end:
            last = last.previous()
    periods = [last]
    while len(periods) < count:
        periods.insert(0, periods[0].previous())
    return periods


def trend_points(indicators: list[Indicator], span: ReportSpan) -> dict[int, list[charts.Point]]:
    """Each indicator's actual and target (the figures that count, as on the scorecard)
    for each period of its trend, oldest first. One query whatever the number of
    indicators and periods."""
    periods = {kind: trend_periods(span, kind) for kind in (QUARTER, YEAR)}
    since = min(kind_periods[0].start for kind_periods in periods.values())
    values, targets = figures_of([indicator.pk for indicator in indicators], since, span.end)
    points: dict[int, list[charts.Point]] = {}
    for indicator in indicators:
        own_values, own_targets = values.get(indicator.pk, {}), targets.get(indicator.pk, {})
        points[indicator.pk] = [
            (
                period.label,
                own_values[period.start].value if period.start in own_values else None,
                own_targets[period.start].value if period.start in own_targets else None,
            )
            for period in periods[indicator.period_kind]  # type: ignore[index]
        ]
    return points
