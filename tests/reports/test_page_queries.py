"""Every page of the scrutiny reports reads at most PAGE_QUERIES queries, the same for
10 rows as for 200: indicators with figures, risks with reviews, targets with their
delivery chains, and boards with seats, meetings held, attendance, papers and
decisions (the world of test_governance's ``many_boards``). The one exception is the
download of every table of the report as one workbook (``export/all.xlsx``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from decisions.models import Proposal
from meetings.models import Action, RenderStatus
from partnerships.models import Person
from reports.models import IndicatorTarget, IndicatorValue, PeriodKind, ReportDocument, RiskReview, Target
from reports.periods import Period
from tests.reports.test_governance import Q1, many_boards

from .conftest import make_indicator, make_risk

pytestmark = pytest.mark.django_db

PAGE_QUERIES = 8


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def world(partnership, theme, county, n: int) -> dict[str, int]:
    boards = many_boards(partnership, county, n)
    quarters = [Period.quarter(2024, 4), Period.quarter(2025, 1), Period.quarter(2025, 2)]
    indicators = []
    for number in range(n):
        kind = PeriodKind.YEAR if number % 5 == 0 else PeriodKind.QUARTER
        indicators.append(make_indicator(partnership, f"X {number}", theme=theme, period_kind=kind))
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=i, period_start=q.start, value=Decimal(40 + k), recorded_at=timezone.now())
        for i in indicators
        for k, q in enumerate(quarters)
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=i, period_start=q.start, value=Decimal(45), recorded_at=timezone.now())
        for i in indicators
        for q in quarters
    )
    risks = [make_risk(theme, f"Risk {number}") for number in range(n)]
    RiskReview.objects.bulk_create(
        RiskReview(
            risk=risk,
            reviewed_on=dt.date(2025, 9, 1),
            likelihood=5,
            impact=4,
            mitigation="More.",
            next_review_on=dt.date(2025, 10, 1),
            recorded_at=timezone.now(),
        )
        for risk in risks
    )
    owner = Person.objects.create(name="Dee Liverer")
    meeting = boards[0].meetings.first()
    actions = Action.objects.bulk_create(
        Action(meeting=meeting, description=f"Action {i}", owner=owner, due_date=dt.date(2025, 12, 1)) for i in range(n)
    )
    proposals = list(Proposal.objects.filter(board__in=boards))
    targets = Target.objects.bulk_create(
        Target(partnership=partnership, code=f"T{i}", title=f"T{i}") for i in range(max(n // 10, 1))
    )
    for each in targets:
        each.indicators.add(*indicators[:5])
        each.delivery_groups.add(*boards[:3])
        each.decisions.add(*proposals[:3])
        each.actions.add(*actions[:3])
    document = ReportDocument.objects.create(
        partnership=partnership,
        span=Q1.slug,
        status=RenderStatus.READY,
        requested_at=timezone.now(),
        rendered_at=timezone.now() - dt.timedelta(days=1),
        pages=3,
    )
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4 report"))
    return {
        "indicator": indicators[1].pk,
        "target": targets[0].pk,
        "risk": risks[0].pk,
        "document": document.pk,
        "indicator_slug": indicators[1].slug,
    }


# What each page reads: the signed-in user (one query), then its own rows.
READER_PAGES = {
    "dashboard": 8,  # indicators, figures, red/overdue risks, the risks shown, boards, meetings and decisions
    "partnership": 8,  # the partnership, indicators, figures, risks, boards, meetings and decisions, targets
    "risks": 3,
    "governance": 7,  # the partnership, boards, meetings and decisions, attendance (2), late papers
    "target": 7,
    "report_pdf": 4,
    "report_pdf_download": 2,
    "indicators": 5,
    "indicator": 6,
    "export/indicators.csv": 4,
    "export/risks.csv": 3,
    "export/governance-size-meetings.csv": 7,
    "export/governance-late-papers.csv": 7,
    # Every table of the report: the partnership page's reads less the targets, and
    # attendance by person, by organisation and the late papers.
    "export/all.xlsx": 10,
}
OFFICER_PAGES = {
    "manage_index": 8,  # the partnership, themes, indicators, figures, risks, targets, their chains' names
    "theme_new": 2,
    "indicator_new": 4,
    "indicator_edit": 5,
    "value_record": 4,
    "target_record": 4,
    "values_upload": 2,
    "values_template": 3,
    "chain_target_new": 2,
    "chain_target_edit": 3,
    "chain_links": 8,  # the partnership, the target, its links (one UNION), the four kinds of choice
    "risk_new": 4,
    "risk_edit": 5,
    "risk_review": 5,
    "risk_close": 4,
}
OFFICER_ARGS = {
    "indicator_edit": "indicator",
    "value_record": "indicator",
    "target_record": "indicator",
    "chain_target_edit": "target",
    "chain_links": "target",
    "risk_edit": "risk",
    "risk_review": "risk",
    "risk_close": "risk",
}


def reader_address(name: str, slug: str, rows: dict) -> str:
    period = f"?period={Q1.slug}"
    if name.startswith("export/"):
        table, fmt = name.removeprefix("export/").split(".")
        return reverse("reports:export", args=[slug, table, fmt]) + period
    args = {
        "dashboard": [],
        "target": [slug, rows["target"]],
        "report_pdf_download": [slug, rows["document"]],
        "indicators": [],
        "indicator": [slug, rows["indicator_slug"]],
    }.get(name, [slug])
    return reverse(f"reports:{name}", args=args) + period


@pytest.mark.parametrize("n", [10, 200])
def test_every_report_page_reads_a_bounded_number_of_queries(
    client, partnership, theme, county, scrutiny, officer, n, django_assert_max_num_queries
) -> None:
    rows = world(partnership, theme, county, n)
    client.force_login(scrutiny)
    for name, queries in READER_PAGES.items():
        with django_assert_max_num_queries(queries, info=name):
            assert client.get(reader_address(name, partnership.slug, rows)).status_code == 200, name
    client.force_login(officer)
    for name, queries in OFFICER_PAGES.items():
        args = [rows[OFFICER_ARGS[name]]] if name in OFFICER_ARGS else []
        with django_assert_max_num_queries(queries, info=name):
            assert client.get(reverse(f"reports:{name}", args=[partnership.slug, *args])).status_code == 200, name


def test_only_the_whole_report_download_reads_more_than_a_page() -> None:
    over = [name for name, queries in (READER_PAGES | OFFICER_PAGES).items() if queries > PAGE_QUERIES]
    assert over == ["export/all.xlsx"]
