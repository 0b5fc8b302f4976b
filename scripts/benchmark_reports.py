#!/usr/bin/env python
"""How fast the scrutiny reports are at real scale (SPEC §7, §8 "Fast at real scale": a
benchmark in the repo, not a timed test).

Builds a throwaway database with the load data of scripts/benchmark_pages.py (10 years
of meetings and decisions for 50 partnerships: its database preparation and generation
are imported, not copied), adds the reports' own load data, then measures:

- the report pages, as a signed-in scrutiny councillor (client.force_login): the
  dashboard (as served, from its cache, and cold, as after any change), a partnership's report for the rolling four quarters and for the last
  financial year, its governance page, its risk register, a delivery-chain target, and
  an indicator page (every quarter of ten years, with corrections); and the public
  indicators page as an anonymous visitor. Each is requested once to warm up, then
  --runs times: the median and 95th percentile wall-clock time and the SQL query count
  are printed, as benchmark_pages.py does. A page is OK when its median is under
  --threshold-ms (300 ms), SLOW otherwise;
- the exports: GET of the partnership's whole report as XLSX (reports:export "all"),
  and tables_xlsx of the largest table, the scorecard of every partnership's indicators
  for the last financial year (target under 2 s each);
- the report PDF of the partnership, rendered in-process
  (reports.pdf.render_pdf(report_content(...)), as the pdf queue's task does), for the
  rolling four quarters and the financial year (target under 5 s).

The reports' load data, per partnership: 4 themes, 40 quarterly indicators (10 a theme,
a quarter of them public) with an actual and a target for each quarter of --years
(40 quarters at 10 years, ending with the last complete quarter; about 160,000 figure
rows for 50 partnerships), a few corrections (a corrected actual for every fifth
indicator, a revised target for every tenth), 10 risks a theme with 4 reviews each
(some overdue), and 3 delivery-chain targets (indicators, delivery groups, decisions and
actions). Rows are bulk-created past reports/actions.py, as load data (the append-only
triggers refuse only UPDATE and DELETE).

    .venv/bin/python scripts/benchmark_reports.py                           # temp SQLite, 50 x 10 years
    .venv/bin/python scripts/benchmark_reports.py --partnerships 5 --years 2   # a quick look
    .venv/bin/python scripts/benchmark_reports.py \\
        --database-url postgres://postgres@127.0.0.1:5432/accord_bench_reports   # scratch PostgreSQL
    .venv/bin/python scripts/benchmark_reports.py --explain     # + the plan of each SLOW page's slowest query

--database-url, --keep and --reuse work as in benchmark_pages.py: the database must not
exist yet (it is created, migrated, filled, measured and dropped), --keep leaves it and
--reuse measures a kept one again without generating anything.

At the default size (about 523,000 rows, 161,000 of them figures) generation takes
under a minute and the whole run two and a half on a 2-core machine.

What the numbers include, as in benchmark_pages.py: URL resolution, middleware, the
view, its queries and the template, in one process with DEBUG=true and an open
database connection; not the network, TLS or the WSGI server. The PDF times are
WeasyPrint's layout and PDF writing in this process, not a worker's queue wait.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/ is not a package
import benchmark_pages as pages_benchmark  # noqa: E402

THEMES_PER_PARTNERSHIP = 4
INDICATORS_PER_THEME = 10
RISKS_PER_THEME = 10
REVIEWS_PER_RISK = 4
TARGETS_PER_PARTNERSHIP = 3
INDICATORS_PER_TARGET = 4
PUBLIC_EVERY = 4  # one indicator in four is published
XLSX_TARGET_S = 2.0
PDF_TARGET_S = 5.0
BATCH = pages_benchmark.BATCH
SCRUTINY_USERNAME = "benchmark-scrutiny"

THEME_NAMES = ("Healthier communities", "Safer communities", "Children and young people", "Economy and skills")
UNITS = ("%", "number", "rate per 1,000 population", "£")


# ---------------------------------------------------------------------------
# Load data


def _quarters(last: Any, count: int) -> list[Any]:
    """``count`` quarters ending with ``last``, oldest first."""
    found = [last]
    while len(found) < count:
        found.insert(0, found[0].previous())
    return found


def _figure(number: float) -> Decimal:
    return Decimal(f"{number:.1f}")


def generate_reports(years: int) -> None:
    """Bulk-create the reports' load data for every partnership in the database (see
    the module's docstring). Deterministic, like benchmark_pages.generate."""
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import Role, User
    from decisions.models import Proposal
    from meetings.models import Action
    from partnerships.models import Board, Organisation, Partnership
    from reports.models import (
        Indicator,
        IndicatorTarget,
        IndicatorValue,
        Risk,
        RiskReview,
        Target,
        Theme,
    )
    from reports.periods import last_complete_quarter

    now = timezone.now()
    today = timezone.localdate()
    quarters = _quarters(last_complete_quarter(today), 4 * years)
    latest = quarters[-1]

    def recorded(period: Any, days: int) -> dt.datetime:
        """A figure recorded ``days`` after its period ended, and never in the future."""
        at = timezone.make_aware(dt.datetime.combine(period.end + dt.timedelta(days=days), dt.time(9)))
        return min(at, now - dt.timedelta(hours=1))

    with transaction.atomic():
        User.objects.get_or_create(username=SCRUTINY_USERNAME, defaults={"role": Role.SCRUTINY})
        partnerships = list(Partnership.objects.order_by("pk"))
        organisations = list(Organisation.objects.order_by("pk"))
        themes = Theme.objects.bulk_create(
            Theme(partnership=p, name=name, description=f"{name}: a theme of the strategy.", position=t)
            for p in partnerships
            for t, name in enumerate(THEME_NAMES[:THEMES_PER_PARTNERSHIP])
        )

        indicators = Indicator.objects.bulk_create(
            (
                Indicator(
                    partnership_id=theme.partnership_id,
                    theme=theme,
                    code=f"NI {k + 1:03d}",
                    slug=f"ni-{k + 1:03d}",
                    title=f"Indicator {k + 1} of {theme.name.lower()}",
                    description="What is counted, and where the figures come from.",
                    unit=UNITS[k % len(UNITS)],
                    higher_is_better=k % 3 != 2,
                    baseline=_figure(50 + k),
                    baseline_period=quarters[0].year_label,
                    tolerance_set_by="The partnership board, April 2024",
                    owner=organisations[(t + k) % len(organisations)],
                    public=k % PUBLIC_EVERY == 0,
                    created_at=recorded(quarters[0], 0) - dt.timedelta(days=30),
                )
                for t, theme in enumerate(themes)
                for k in range(
                    (t % THEMES_PER_PARTNERSHIP) * INDICATORS_PER_THEME,
                    (t % THEMES_PER_PARTNERSHIP + 1) * INDICATORS_PER_THEME,
                )
            ),
            batch_size=BATCH,
        )

        # An actual and a target for every quarter: the actual wanders round a trend
        # line that the target follows, so every rating and direction turns up. The
        # latest quarter's actual is provisional; every 13th indicator has none yet.
        def actual(i: int, q: int) -> Decimal:
            trend = 40 + (i % 23) * 2 + q * (0.4 if i % 2 else -0.3)
            return _figure(trend + ((i * 31 + q * 17) % 11 - 5) * 0.6)

        def target(i: int, q: int) -> Decimal:
            return _figure(40 + (i % 23) * 2 + q * (0.4 if i % 2 else -0.3) + (1 if i % 3 != 2 else -1))

        IndicatorValue.objects.bulk_create(
            (
                IndicatorValue(
                    indicator=indicator,
                    period_start=period.start,
                    value=actual(i, q),
                    provisional=period == latest,
                    recorded_at=recorded(period, 20),
                )
                for i, indicator in enumerate(indicators)
                for q, period in enumerate(quarters)
                if not (period == latest and i % 13 == 12)
            ),
            batch_size=BATCH,
        )
        IndicatorTarget.objects.bulk_create(
            (
                IndicatorTarget(
                    indicator=indicator,
                    period_start=period.start,
                    value=target(i, q),
                    recorded_at=recorded(quarters[0], 0) - dt.timedelta(days=20),
                )
                for i, indicator in enumerate(indicators)
                for q, period in enumerate(quarters)
            ),
            batch_size=BATCH,
        )
        # Corrections: the final figure replacing a provisional one, a revised target.
        last = len(quarters) - 1
        IndicatorValue.objects.bulk_create(
            (
                IndicatorValue(
                    indicator=indicator,
                    period_start=latest.start,
                    value=actual(i, last) + Decimal("1.5"),
                    note="Final figure, replacing the provisional one.",
                    recorded_at=recorded(latest, 40),
                )
                for i, indicator in enumerate(indicators)
                if i % 5 == 0 and i % 13 != 12
            ),
            batch_size=BATCH,
        )
        IndicatorTarget.objects.bulk_create(
            (
                IndicatorTarget(
                    indicator=indicator,
                    period_start=period.start,
                    value=target(i, q) + Decimal(2),
                    note="Stretch target agreed by the board.",
                    recorded_at=recorded(quarters[-5], 0),
                )
                for i, indicator in enumerate(indicators)
                if i % 10 == 0
                for q, period in enumerate(quarters[-4:], start=len(quarters) - 4)
            ),
            batch_size=BATCH,
        )

        # Risks: reviewed every quarter; every seventh risk's review is overdue, and
        # every tenth is rated red (15 or more) at its latest review.
        risks = Risk.objects.bulk_create(
            (
                Risk(
                    theme=theme,
                    title=f"Risk {r + 1}: {theme.name.lower()} partners cannot fund their share",
                    description="The partners' budgets may not cover the plan.",
                    owner="Director of finance",
                    owner_organisation=organisations[(t + r) % len(organisations)],
                    opened_on=today - dt.timedelta(days=2 * 365),
                )
                for t, theme in enumerate(themes)
                for r in range(RISKS_PER_THEME)
            ),
            batch_size=BATCH,
        )
        reviews = []
        for n, risk in enumerate(risks):
            lag = 150 if n % 7 == 6 else 30
            for k in range(REVIEWS_PER_RISK):
                reviewed = today - dt.timedelta(days=lag + 91 * (REVIEWS_PER_RISK - 1 - k))
                if k == REVIEWS_PER_RISK - 1 and n % 10 == 0:
                    likelihood, impact = 5, 3 + n % 3
                else:
                    likelihood, impact = 1 + (n * 3 + k) % 4, 1 + (n + k) % 3
                reviews.append(
                    RiskReview(
                        risk=risk,
                        reviewed_on=reviewed,
                        likelihood=likelihood,
                        impact=impact,
                        mitigation="Partners agree their contributions at the budget round. " * 2,
                        next_review_on=reviewed + dt.timedelta(days=91),
                        recorded_at=timezone.make_aware(dt.datetime.combine(reviewed, dt.time(12))),
                    )
                )
        RiskReview.objects.bulk_create(reviews, batch_size=BATCH)

        # Delivery chains: each target with indicators, the partnership's boards,
        # decisions and actions.
        indicators_of: dict[int, list[Indicator]] = {}
        for indicator in indicators:
            indicators_of.setdefault(indicator.partnership_id, []).append(indicator)
        boards_of: dict[int, list[int]] = {}
        for board_id, partnership_id in Board.objects.values_list("pk", "partnership_id").order_by("pk"):
            boards_of.setdefault(partnership_id, []).append(board_id)
        decisions_of: dict[int, list[int]] = {}
        for pk, partnership_id in (
            Proposal.objects.filter(decided_at__isnull=False)
            .values_list("pk", "board__partnership_id")
            .order_by("-decided_at", "pk")
        ):
            decisions_of.setdefault(partnership_id, []).append(pk)
        actions_of: dict[int, list[int]] = {}
        for pk, partnership_id in Action.objects.values_list("pk", "meeting__board__partnership_id").order_by(
            "-due_date", "pk"
        ):
            actions_of.setdefault(partnership_id, []).append(pk)
        targets = Target.objects.bulk_create(
            Target(
                partnership=p,
                code=f"LAA NI {m + 1:03d}",
                title=f"Local Area Agreement target {m + 1}",
                description="The partners' shared target.",
            )
            for p in partnerships
            for m in range(TARGETS_PER_PARTNERSHIP)
        )
        by_indicator, by_group = Target.indicators.through, Target.delivery_groups.through
        by_decision, by_action = Target.decisions.through, Target.actions.through
        links: list[Any] = []
        for n, chain in enumerate(targets):
            m = n % TARGETS_PER_PARTNERSHIP
            own = indicators_of[chain.partnership_id]
            links += [
                by_indicator(target_id=chain.pk, indicator_id=own[(m * 7 + j * 3) % len(own)].pk)
                for j in range(INDICATORS_PER_TARGET)
            ]
            links += [by_group(target_id=chain.pk, board_id=board) for board in boards_of.get(chain.partnership_id, [])]
            links += [
                by_decision(target_id=chain.pk, proposal_id=pk)
                for pk in decisions_of.get(chain.partnership_id, [])[2 * m : 2 * m + 2]
            ]
            links += [
                by_action(target_id=chain.pk, action_id=pk)
                for pk in actions_of.get(chain.partnership_id, [])[2 * m : 2 * m + 2]
            ]
        for model in (by_indicator, by_group, by_decision, by_action):
            model.objects.bulk_create([link for link in links if type(link) is model], batch_size=BATCH)


def report_row_counts() -> dict[str, int]:
    from django.apps import apps

    return {
        f"reports.{model.__name__}": model._default_manager.count()
        for model in apps.get_app_config("reports").get_models()
    }


# ---------------------------------------------------------------------------
# What is measured


@dataclass(frozen=True)
class Choice:
    partnership: Any
    rolling: Any  # ReportSpan: the rolling four quarters to the last complete quarter
    year: Any  # ReportSpan: the last complete financial year
    indicator: Any  # the partnership's indicator with the most figures recorded
    target: Any


def choose() -> Choice:
    """The partnership measured (the first with a parent, as benchmark_pages.py picks),
    the spans, and the indicator with a corrected actual and a revised target."""
    from django.db.models import Count
    from django.utils import timezone

    from partnerships.models import Partnership
    from reports.models import Indicator, Target
    from reports.periods import Period, ReportSpan, last_complete_quarter

    partnership = Partnership.objects.filter(parent__isnull=False).order_by("pk").first() or Partnership.objects.first()
    assert partnership is not None, "no data: was the database generated?"
    today = timezone.localdate()
    indicator = (
        Indicator.objects.filter(partnership=partnership)
        .annotate(figures=Count("values", distinct=True) + Count("targets", distinct=True))
        .order_by("-figures", "code")
        .first()
    )
    target = Target.objects.filter(partnership=partnership).order_by("code").first()
    assert indicator is not None and target is not None, "no reports data: was the database generated?"
    return Choice(
        partnership=partnership,
        rolling=ReportSpan.rolling(last_complete_quarter(today)),
        year=ReportSpan.of(Period.containing(today, "year").previous()),
        indicator=indicator,
        target=target,
    )


# The dashboard's content is cached under the data's version (reports.views.report):
# measured as served, and cold, as the first view after any change reads it.
COLD_DASHBOARD = "dashboard, cold (the first view after a change)"


def _cold(get: Callable[[str], Any]) -> Callable[[str], Any]:
    """``get`` with the cache emptied first."""
    from django.core.cache import cache

    def cold_get(url: str) -> Any:
        cache.clear()
        return get(url)

    return cold_get


def page_targets(choice: Choice) -> list[tuple[str, str, bool]]:
    """(label, URL, signed in) of each page measured."""
    from django.urls import reverse

    slug = choice.partnership.slug
    report = reverse("reports:partnership", args=[slug])
    governance = reverse("reports:governance", args=[slug])
    return [
        ("dashboard (every partnership, last complete quarter)", reverse("reports:dashboard"), True),
        (COLD_DASHBOARD, reverse("reports:dashboard"), True),
        (f"report, {choice.rolling.label.lower()}", f"{report}?period={choice.rolling.slug}", True),
        (f"report, {choice.year.label.lower()}", f"{report}?period={choice.year.slug}", True),
        ("governance (last complete quarter)", governance, True),
        (f"governance, {choice.year.label.lower()}", f"{governance}?period={choice.year.slug}", True),
        ("risk register", reverse("reports:risks", args=[slug]), True),
        ("delivery-chain target", reverse("reports:target", args=[slug, choice.target.pk]), True),
        (
            "indicator (every quarter, corrections)",
            reverse("reports:indicator", args=[slug, choice.indicator.slug]),
            True,
        ),
        ("public indicators (anonymous)", reverse("reports:indicators"), False),
    ]


@dataclass
class Timing:
    label: str
    median_s: float
    p95_s: float
    queries: int | None
    detail: str
    target_s: float | None


def _timed(runs: int, work: Callable[[], Any]) -> tuple[list[float], Any, int]:
    """Run ``work`` once to warm up, then ``runs`` times: the seconds of each timed run,
    the last result and the queries of the last run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = work()
    seconds = []
    queries = 0
    for _ in range(runs):
        captured = CaptureQueriesContext(connection)
        with captured:
            started = time.perf_counter()
            result = work()
            seconds.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    return seconds, result, queries


def _timing(label: str, seconds: list[float], queries: int | None, detail: str, target: float | None) -> Timing:
    return Timing(
        label,
        statistics.median(seconds),
        pages_benchmark._percentile(seconds, 0.95),
        queries,
        detail,
        target,
    )


def measure_exports(choice: Choice, runs: int, client: Any) -> list[Timing]:
    from django.urls import reverse

    from partnerships.models import Partnership
    from reports import queries
    from reports.exports import tables_xlsx
    from reports.models import Indicator

    timings = []
    for span in (choice.rolling, choice.year):
        url = reverse("reports:export", args=[choice.partnership.slug, "all", "xlsx"]) + f"?period={span.slug}"
        page = pages_benchmark.measure(f"GET {url}", url, runs, client.get)
        assert page.status == 200, (url, page.status)
        timings.append(
            Timing(
                f"GET export all.xlsx, one partnership, {span.label.lower()}",
                page.median_ms / 1000,
                page.p95_ms / 1000,
                page.queries,
                f"{page.kilobytes:.0f} KB",
                XLSX_TARGET_S,
            )
        )

    span = choice.year

    def scorecard() -> Any:
        indicators = queries.indicators_of(Partnership.objects.all(), visible=Indicator.objects.all())
        return queries.scorecard_table(queries.indicator_statuses(indicators, span), span)

    seconds, table, count = _timed(runs, scorecard)
    rows = f"{len(table.rows):,} rows x {len(table.columns)} columns"
    timings.append(_timing(f"scorecard of every partnership, {span.label.lower()}: read", seconds, count, rows, None))
    title = f"Every partnership's indicators, {span.label}"
    seconds, body, count = _timed(runs, lambda: tables_xlsx([table], title=title))
    timings.append(
        _timing("  ... tables_xlsx of it", seconds, count, f"{rows}, {len(body) / 1024:.0f} KB", XLSX_TARGET_S)
    )
    return timings


def measure_pdfs(choice: Choice, runs: int, keep: Path | None) -> list[Timing]:
    """The PDF as the pdf queue's task renders it (reports.pdf.render_report without
    the file saving): render_pdf(report_content(...)); and report_content alone, to
    tell the reads from WeasyPrint's work."""
    from django.utils import timezone

    from reports.pdf import render_pdf
    from reports.queries import report_content

    timings = []
    for span in (choice.rolling, choice.year):

        def read(span: Any = span) -> Any:
            return report_content(choice.partnership, span, now=timezone.now())

        def render(span: Any = span) -> Any:
            return render_pdf(report_content(choice.partnership, span, now=timezone.now()))

        seconds, content, count = _timed(runs, read)
        indicators = sum(len(group.statuses) for group in content.groups)
        label = f"report PDF, {span.label.lower()}"
        reading = _timing(f"{label}: report_content alone", seconds, count, f"{indicators} indicators", None)
        seconds, rendered, count = _timed(runs, render)
        detail = f"{rendered.pages} pages, {len(rendered.pdf) / 1024:.0f} KB"
        timings += [_timing(f"{label}: render_pdf(report_content)", seconds, count, detail, PDF_TARGET_S), reading]
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"{choice.partnership.slug}-{span.slug}.pdf").write_bytes(rendered.pdf)
    return timings


# ---------------------------------------------------------------------------
# Printing


def print_pages(results: list[Any], signed_in: list[bool], threshold: float, runs: int) -> None:
    width = max(len(r.url) for r in results)
    print(
        f"\nGET as a signed-in scrutiny councillor (anon = anonymous), warm-up once then {runs} runs; "
        "times in ms (db = time inside SQL, median)"
    )
    print(f"{'URL':<{width}} {'who':>5} {'status':>6} {'median':>8} {'p95':>8} {'db':>7} {'queries':>7} {'KB':>7}")
    for r, user in zip(results, signed_in, strict=True):
        verdict = "OK" if r.median_ms < threshold and r.status == 200 else "SLOW" if r.status == 200 else "ERROR"
        print(
            f"{r.url:<{width}} {'user' if user else 'anon':>5} {r.status:>6} {r.median_ms:>8.1f} {r.p95_ms:>8.1f} "
            f"{r.db_ms:>7.1f} {r.queries:>7} {r.kilobytes:>7.0f}  {verdict}  {r.label}"
        )


def print_timings(title: str, timings: list[Timing], runs: int) -> None:
    width = max(len(t.label) for t in timings)
    print(f"\n{title}: warm-up once then {runs} runs; seconds")
    print(f"{'':<{width}} {'median':>7} {'p95':>7} {'queries':>7}  {'target':>6}")
    for t in timings:
        queries = "" if t.queries is None else str(t.queries)
        if t.target_s is None:
            target = verdict = ""
        else:
            target, verdict = f"< {t.target_s:g}", "OK" if t.median_s < t.target_s else "SLOW"
        print(
            f"{t.label:<{width}} {t.median_s:>7.2f} {t.p95_s:>7.2f} {queries:>7}  {target:>6} {verdict:<4}  {t.detail}"
        )


# ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--partnerships", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=10, help="timed requests per page and export, after one warm-up")
    parser.add_argument("--pdf-runs", type=int, default=3, help="timed renders of each PDF, after one warm-up")
    parser.add_argument("--threshold-ms", type=float, default=300.0, help="a page's median under this is OK")
    parser.add_argument("--database-url", help="a database that does not exist yet (default: a temp SQLite file)")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="measure a database kept by --keep; generate nothing")
    parser.add_argument("--explain", action="store_true", help="print the plan of each SLOW page's slowest query")
    parser.add_argument("--keep-pdfs", type=Path, help="write the rendered PDFs to this directory")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="accord-reports-bench-"))
    media_root = workdir / "media"
    try:
        db = pages_benchmark.prepare_database(args, workdir)
    except BaseException:  # refused (sys.exit) or unreachable: leave nothing behind
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    try:
        pages_benchmark.setup_django(db, media_root)
        pages_benchmark.write_pdf(media_root)
        if args.reuse:
            print(f"Reusing {db.name}: nothing generated.")
        else:
            started = time.perf_counter()
            pages_benchmark.generate(args.partnerships, args.years)
            meetings_s = time.perf_counter() - started
            started = time.perf_counter()
            generate_reports(args.years)
            reports_s = time.perf_counter() - started
            print(
                f"Generated {args.partnerships} partnerships x {args.years} years on {db.url.split('://')[0]}: "
                f"meetings and decisions in {meetings_s:.1f} s, reports in {reports_s:.1f} s"
            )
        counts = {**pages_benchmark.row_counts(), **report_row_counts()}
        print(f"{sum(counts.values()):,} rows")
        for name, count in counts.items():
            if count:
                print(f"  {name:<40} {count:>9,}")
        if db.postgres:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # as autovacuum would have left it

        from django.test import Client

        from accounts.models import Role, User

        user, _ = User.objects.get_or_create(username=SCRUTINY_USERNAME, defaults={"role": Role.SCRUTINY})
        reader = Client(HTTP_HOST="localhost")
        reader.force_login(user)
        anonymous = Client(HTTP_HOST="localhost")
        choice = choose()
        print(
            f"\nMeasured: {choice.partnership.name} ({choice.partnership.slug}), "
            f"{choice.indicator.code} ({choice.indicator.figures} figures), spans {choice.rolling.slug} "
            f"and {choice.year.slug}"
        )

        targets = page_targets(choice)
        results = [
            pages_benchmark.measure(
                label,
                url,
                args.runs,
                _cold(reader.get) if label == COLD_DASHBOARD else reader.get if signed_in else anonymous.get,
            )
            for label, url, signed_in in targets
        ]
        print_pages(results, [signed_in for _, _, signed_in in targets], args.threshold_ms, args.runs)
        if args.explain:
            for r in results:
                if r.median_ms >= args.threshold_ms and r.slowest:
                    query = r.slowest[0]
                    print(f"\n{r.url}: slowest query ({float(query['time']) * 1000:.1f} ms)\n  {query['sql']}")
                    print(pages_benchmark.explain(query["sql"]))

        print_timings("Exports (XLSX)", measure_exports(choice, args.runs, reader), args.runs)
        print_timings("Report PDF, in-process", measure_pdfs(choice, args.pdf_runs, args.keep_pdfs), args.pdf_runs)
    finally:
        kept = args.keep or args.reuse
        if kept:
            where = db.url if db.postgres else f"sqlite:///{db.name}"
            print(f"\nKept the database: {where} (measure it again with --database-url {where} --reuse)")
        elif db.created:
            pages_benchmark.drop_database(db)
        if not (kept and Path(db.name).parent == workdir):
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
