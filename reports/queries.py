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
from typing import NamedTuple

from django.db.models import F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from governance.pagecache import content_version
from partnerships.models import Board, Partnership

from . import charts, governance, rag
from .explain import explain_rating
from .models import Indicator, IndicatorTarget, IndicatorValue, Risk, RiskReview, Target, Theme
from .periods import QUARTER, YEAR, Period, PeriodKind, ReportSpan
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
    rows = model.objects.filter(indicator_id__in=_pks(ids), period_start__lte=until)
    if since_by_kind is not None:
        windows = Q()
        for kind, start in since_by_kind.items():
            windows |= Q(indicator__period_kind=kind, period_start__gte=start)
        rows = rows.filter(windows)
    elif since is not None:
        rows = rows.filter(period_start__gte=since)
    columns = ["indicator_id", "period_start", "value", "note"]
    columns.append("provisional" if model is IndicatorValue else "note")  # targets are never provisional
    if times:
        columns.append("recorded_at")
    result: FigureMap = {}
    # In order of recorded_at within each period: the last row of a period counts.
    for indicator_id, start, value, note, flag, *recorded_at in rows.order_by(
        "indicator_id", "period_start", "recorded_at", "pk"
    ).values_list(*columns):
        own = result.get(indicator_id)
        if own is None:
            own = result[indicator_id] = {}
        earlier = own.get(start)
        own[start] = Figure(
            value,
            recorded_at[0] if recorded_at else None,
            note,
            flag is True,
            (*earlier.replaced, earlier.value) if earlier is not None else (),
        )
    return result


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
    """The status of each indicator at the end of ``span``: three queries in all (the
    indicators, if a queryset, and their actuals and targets), each reading only the
    periods the ratings need. ``among``, a queryset holding the indicators, is read as
    a subquery instead of a list of ids (faster for thousands)."""
    rows = list(indicators)
    if among is None and isinstance(indicators, QuerySet):
        among = indicators
    ids = among if among is not None else [indicator.pk for indicator in rows]
    since = {kind: _since(span, kind) for kind in (QUARTER, YEAR)}
    values = latest_figures(IndicatorValue, ids, None, span.end, since_by_kind=since, times=False)
    targets = latest_figures(IndicatorTarget, ids, None, span.end, since_by_kind=since, times=False)
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
    partnership and theme (not its owner): three queries, the partnerships and themes
    read once each and attached, not joined into every row (building three model
    objects a row was most of the dashboard's time at 2,000 indicators)."""
    indicators = list(visible.defer("description", "created_at").order_by(*REPORT_ORDER))
    partnerships = Partnership.objects.in_bulk({indicator.partnership_id for indicator in indicators})
    themes = Theme.objects.in_bulk({indicator.theme_id for indicator in indicators} - {None})
    for indicator in indicators:
        indicator.partnership = partnerships[indicator.partnership_id]
        indicator.theme = themes.get(indicator.theme_id)
    return _in_report_order(indicators)


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
    values = latest_figures(IndicatorValue, [indicator.pk], None, dt.date.max).get(indicator.pk, {})
    targets = latest_figures(IndicatorTarget, [indicator.pk], None, dt.date.max).get(indicator.pk, {})
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
    """The open risks of each theme, highest score first, with their reviews: two
    queries whatever the number of risks and reviews."""
    return _register(Risk.objects.filter(theme__partnership__in=partnerships), today)


def _register(risks: QuerySet[Risk], today: dt.date) -> list[ThemeRisks]:
    risks = (
        risks.filter(closed_on__isnull=True)
        .select_related("theme__partnership", "owner_organisation")
        .prefetch_related(Prefetch("reviews", queryset=RiskReview.objects.order_by("reviewed_on", "recorded_at", "pk")))
        .order_by("theme__partnership__name", "theme__position", "theme__name")
    )
    by_theme: dict[int, ThemeRisks] = {}
    for risk in risks:
        reviews = list(risk.reviews.all())
        if not reviews:
            continue
        latest = reviews[-1]
        status = RiskStatus(risk, latest, reviews, overdue=latest.next_review_on < today)
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
    """Four queries whatever the number of risks: each open risk's latest review as a
    tuple (one window query), then the shown risks with their reviews, and the
    partnerships counted."""
    newest_first = [F("reviewed_on").desc(), F("recorded_at").desc(), F("pk").desc()]
    latest = (
        RiskReview.objects.filter(risk__closed_on__isnull=True)
        .annotate(rank=Window(RowNumber(), partition_by=[F("risk_id")], order_by=newest_first))
        .filter(rank=1)
        .values_list("risk_id", "risk__title", "risk__theme__partnership_id", "likelihood", "impact", "next_review_on")
    )
    red: list[tuple[tuple[int, int, int, str], int]] = []
    overdue: list[tuple[dt.date, int]] = []
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for risk_id, title, partnership_id, likelihood, impact, next_review_on in latest:
        if rag.risk_rag(likelihood, impact) == rag.RED:
            red.append(((-likelihood * impact, -likelihood, -impact, title), risk_id))
            counts[partnership_id][0] += 1
        if next_review_on < today:
            overdue.append((next_review_on, risk_id))
            counts[partnership_id][1] += 1
    red.sort()
    overdue.sort()
    shown_red = [risk_id for _, risk_id in red[:limit]]
    shown_overdue = [risk_id for _, risk_id in overdue[:limit]]
    statuses = {
        status.risk.pk: status
        for group in _register(Risk.objects.filter(pk__in={*shown_red, *shown_overdue}), today)
        for status in group.risks
    }
    partnerships = Partnership.objects.filter(pk__in=counts).order_by("name")
    return RiskAttention(
        red=[statuses[risk_id] for risk_id in shown_red],
        red_total=len(red),
        overdue=[statuses[risk_id] for risk_id in shown_overdue],
        overdue_total=len(overdue),
        by_partnership=[(partnership, *counts[partnership.pk]) for partnership in partnerships],  # type: ignore[misc]
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
    """A target with its delivery chain loaded (five queries)."""
    return (
        Target.objects.select_related("partnership")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.select_related("partnership").order_by("code")),
            Prefetch("delivery_groups", queryset=target.delivery_groups.model.objects.select_related("partnership")),
            "decisions__board",
            "actions__meeting__board",
            "actions__owner",
        )
        .get(pk=target.pk)
    )


def targets_of(partnership: Partnership) -> QuerySet[Target]:
    return (
        Target.objects.filter(partnership=partnership)
        .prefetch_related("indicators", "delivery_groups", "decisions", "actions")
        .order_by("code")
    )


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
    """Everything the PDF template shows; read by ``report_content``."""

    partnership: Partnership
    span: ReportSpan
    generated_at: dt.datetime
    groups: list[ThemeGroup]
    counts: dict[str, int]
    register: list[ThemeRisks]
    targets: list[Target]
    health: list[governance.BoardGovernance]
    governance: tuple[Table, ...]
    trends: dict[int, list[charts.Point]]  # indicator id -> (period label, actual, target), oldest first

    @property
    def illustrative(self) -> bool:
        """Any indicator or risk shown is demonstration data."""
        return any(status.indicator.illustrative for group in self.groups for status in group.statuses) or any(
            status.risk.illustrative for group in self.register for status in group.top
        )


def report_content(partnership: Partnership, span: ReportSpan, *, now: dt.datetime) -> ReportContent:
    """What the HTML report of ``partnership`` for ``span`` shows (reports.views.report
    partnership_report), with the governance health of the partnership's boards. The PDF
    is for report readers only (``require_reader`` here and on its download), who see
    every indicator (access.visible_indicators)."""
    today = timezone.localdate(now)
    indicators = indicators_of([partnership], visible=Indicator.objects.all())
    statuses = indicator_statuses(indicators, span)
    boards = list(Board.objects.filter(partnership=partnership).select_related("partnership").order_by("name", "pk"))
    health = governance.board_health(boards, span)
    return ReportContent(
        partnership=partnership,
        span=span,
        generated_at=now,
        groups=by_theme(statuses),
        counts=rag_counts(statuses),
        register=risk_register([partnership], today),
        targets=list(targets_of(partnership)),
        health=health,
        governance=(
            *governance.health_tables(health),
            governance.attendance_by_person_table(governance.attendance_by_person(boards, span), span),
            governance.attendance_by_organisation_table(governance.attendance_by_organisation(boards, span), span),
            governance.late_papers_table(governance.late_papers(boards, span), span),
        ),
        trends=trend_points([status.indicator for status in statuses], span),
    )


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
    for each period of its trend, oldest first. Two queries whatever the number of
    indicators and periods."""
    periods = {kind: trend_periods(span, kind) for kind in (QUARTER, YEAR)}
    since = min(kind_periods[0].start for kind_periods in periods.values())
    ids = [indicator.pk for indicator in indicators]
    values = latest_figures(IndicatorValue, ids, since, span.end)
    targets = latest_figures(IndicatorTarget, ids, since, span.end)
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
