"""The scrutiny reports (SPEC §7): the dashboard across every partnership, the report
to full council for one partnership and a chosen period, the risk register, delivery
chains, and the indicator pages the public also sees for published indicators."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from governance.http import AuthenticatedHttpRequest
from governance.pagination import paginate
from partnerships.models import Board, Partnership

from .. import access, charts, exports, governance, queries
from ..models import Target
from ..periods import ReportSpan, parse_span
from ..tables import Table

TREND_PERIODS = 12  # an indicator's chart: its last twelve periods
BAD_PERIOD = "There is no such period: choose one from the list."


def _span(request: HttpRequest, today: dt.date) -> tuple[ReportSpan, list[ReportSpan], str]:
    """The span asked for by ?period= (default: the last complete quarter), the choices,
    and an error message for a period that cannot be read."""
    choices = queries.span_choices(today)
    asked = request.GET.get("period", "").strip()
    if not asked:
        return queries.default_span(today), choices, ""
    try:
        span = parse_span(asked[:40])
    except ValueError:
        return queries.default_span(today), choices, BAD_PERIOD
    if span.start > today:
        return queries.default_span(today), choices, "That period has not begun yet: choose one from the list."
    if span.slug not in {choice.slug for choice in choices}:
        choices = [span, *choices]
    return span, choices, ""


# The dashboard reads every indicator's figures and every board's meetings: its content
# is cached, keyed on the span, the day and queries.data_version(), so it is read again
# only after something changed (and at least once a day, for what depends on the date).
DASHBOARD_CACHE_SECONDS = 6 * 60 * 60


@require_safe
@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_reader(request.user)
    today = timezone.localdate()
    span, choices, error = _span(request, today)
    visible = access.visible_indicators(request.user)

    def talking_shops() -> list[governance.BoardGovernance]:
        boards = Board.objects.select_related("partnership").order_by("partnership__name", "name")
        return [figures for figures in governance.board_health(boards, span) if figures.talking_shop_signs]

    # Read only when the page's cached content (keyed on the data's version) is missing.
    context = {
        "dashboard": SimpleLazyObject(lambda: queries.dashboard(span, today, visible=visible)),
        "talking_shops": SimpleLazyObject(talking_shops),
        "data_version": queries.data_version(),
        "cache_seconds": DASHBOARD_CACHE_SECONDS,
        "today": today,
        "span": span,
        "choices": choices,
        "period_error": error,
    }
    return render(request, "reports/dashboard.html", context, status=400 if error else 200)


@require_safe
@login_required
def partnership_report(request: AuthenticatedHttpRequest, partnership: str) -> HttpResponse:
    """The report to full council: the page shows what its PDF and downloads hold."""
    access.require_reader(request.user)
    chosen = get_object_or_404(Partnership.objects.select_related("parent"), slug=partnership)
    span, choices, error = _span(request, timezone.localdate())
    content = queries.report_content(chosen, span, now=timezone.now())
    context = {
        "partnership": chosen,
        "span": span,
        "choices": choices,
        "period_error": error,
        "content": content,
        "groups": content.groups,
        "counts": content.counts,
        "register": content.register,
        "targets": content.targets,
        "health": content.health,
        "rag_chart": charts.rag_bars(content.counts, title=f"Indicators by rating, {span.label}", chart_id="rag-chart"),
        "rag_summary": charts.rag_summary(content.counts),
        "can_write": access.can_write_reports(request.user, chosen),
    }
    return render(request, "reports/partnership.html", context, status=400 if error else 200)


def _bad_request(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "errors/400.html", {"reason": reason}, status=400)


def _report_tables(content: queries.ReportContent) -> tuple[Table, ...]:
    """Every table of the report, in the order of its spreadsheet."""
    return (_scorecard(content), queries.risks_table(content.register), *content.governance)


def _scorecard(content: queries.ReportContent) -> Table:
    statuses = [status for group in content.groups for status in group.statuses]
    return queries.scorecard_table(statuses, content.span)


@require_safe
@login_required
def export(request: AuthenticatedHttpRequest, partnership: str, table: str, fmt: str) -> HttpResponse:
    """One table of the report as CSV or XLSX, or every table as one workbook ("all")."""
    access.require_reader(request.user)
    chosen = get_object_or_404(Partnership, slug=partnership)
    span, _, error = _span(request, timezone.localdate())
    if error:
        return _bad_request(request, error)
    content = queries.report_content(chosen, span, now=timezone.now())
    stem = f"{chosen.slug}-{span.slug}-{table}"
    title = f"{chosen.name}: report to full council, {span.label}"
    if table == "all":
        if fmt != "xlsx":
            return _bad_request(
                request, "The whole report downloads as a spreadsheet (.xlsx): a CSV file holds one table."
            )
        return exports.download(_report_tables(content), fmt, stem, title=title)
    # One table reads only what it shows (the content is read as it is asked for).
    if table == "indicators":
        chosen_table: Table | None = _scorecard(content)
    elif table == "risks":
        chosen_table = queries.risks_table(content.register)
    else:
        chosen_table = next((candidate for candidate in content.governance if candidate.slug == table), None)
    if chosen_table is None:
        raise Http404("The report has no table of that name.")
    return exports.download(chosen_table, fmt, stem, title=title)


@require_safe
@login_required
def governance_health(request: AuthenticatedHttpRequest, partnership: str) -> HttpResponse:
    """Governance health of the partnership's boards over the span, with the rows behind
    each figure: attendance by person and by organisation, and the late papers."""
    access.require_reader(request.user)
    chosen = get_object_or_404(Partnership, slug=partnership)
    today = timezone.localdate()
    span, choices, error = _span(request, today)
    boards = Board.objects.filter(partnership=chosen).order_by("name")
    health = governance.board_health(boards, span)
    context = {
        "partnership": chosen,
        "span": span,
        "choices": choices,
        "period_error": error,
        "health": health,
        "tables": governance.as_tables(boards, span, health),
    }
    return render(request, "reports/governance.html", context, status=400 if error else 200)


@require_safe
@login_required
def risks(request: AuthenticatedHttpRequest, partnership: str) -> HttpResponse:
    access.require_reader(request.user)
    chosen = get_object_or_404(Partnership, slug=partnership)
    context = {"partnership": chosen, "register": queries.risk_register([chosen], timezone.localdate())}
    return render(request, "reports/risks.html", context)


@require_safe
@login_required
def target(request: AuthenticatedHttpRequest, partnership: str, pk: int) -> HttpResponse:
    access.require_reader(request.user)
    found = get_object_or_404(Target.objects.select_related("partnership"), partnership__slug=partnership, pk=pk)
    chain = queries.chain_of(found)
    statuses = queries.indicator_statuses(chain.indicators.all(), queries.default_span(timezone.localdate()))
    return render(request, "reports/target.html", {"target": chain, "statuses": statuses})


@require_safe
def indicator(request: HttpRequest, partnership: str, slug: str) -> HttpResponse:
    """One indicator: its rating now and how it was reached, every period, and every
    figure as recorded (corrections kept). Public for published indicators."""
    found = access.get_indicator(request.user, partnership, slug)
    history = queries.indicator_history(found)
    points = [
        (row.period.label, row.actual.value if row.actual else None, row.target.value if row.target else None)
        for row in history.rows[-TREND_PERIODS:]
    ]
    unit, higher, tolerance = found.unit, found.higher_is_better, float(found.amber_tolerance)
    context = {
        "indicator": found,
        "history": history,
        "reader": access.can_read_reports(request.user),
        "chart": charts.trend_chart(
            points,
            title=f"{found.code} {found.title}",
            unit=unit,
            higher_is_better=higher,
            amber_tolerance=tolerance,
            chart_id="trend",
        )
        if points
        else None,
        "chart_summary": charts.chart_summary(points, unit=unit, higher_is_better=higher, amber_tolerance=tolerance)
        if points
        else "",
    }
    return render(request, "reports/indicator.html", context)


INDICATOR_PARTNERSHIPS_PER_PAGE = 5


@require_safe
def public_indicators(request: HttpRequest) -> HttpResponse:
    """The indicators partnerships publish, each rated at the last complete quarter:
    five partnerships a page, the ratings read for those alone."""
    today = timezone.localdate()
    span = queries.default_span(today)
    visible = access.visible_indicators(request.user)
    publishing = Partnership.objects.filter(pk__in=visible.values("partnership_id")).order_by("name")
    page, pagination = paginate(request, publishing, per_page=INDICATOR_PARTNERSHIPS_PER_PAGE)
    among = visible.filter(partnership__in=[partnership.pk for partnership in page.object_list])
    statuses = queries.indicator_statuses(queries.every_indicator(among), span, among=among)
    context = {
        "groups": queries.by_theme(statuses),
        "span": span,
        "reader": access.can_read_reports(request.user),
        "page": page,
        "pagination": pagination,
    }
    return render(request, "reports/indicators.html", context)
