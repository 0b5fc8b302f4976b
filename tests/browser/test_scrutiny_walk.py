"""Issue 10, the scrutiny reports in a real browser: with only the demo logins, the
scrutiny councillor signs in, lands on the scrutiny dashboard, opens the Health and Well
Being Partnership's report to full council, drills down to an indicator (its trend
chart, and the sentence that says how its rating was reached), to the governance health
of the boards and to a target's delivery chain; then takes the report away: the whole
report as a spreadsheet (XLSX), the indicators as CSV, and the PDF, prepared on the
``pdf`` queue (run eagerly in browser tests) and downloaded.

At 1280 and 320 CSS pixels wide: every page axe-core clean, styled, without a sideways
scroll (WCAG 2.2 1.4.10), and saved as test-artifacts/screenshots/scrutiny-<page>-<width>.png.
The downloads are kept beside them, in test-artifacts/scrutiny-walk/, for a person to
look at (the PDF's pages with ``pdftoppm -png -r 50``).
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Download, Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from demo.data.partnerships import DEMO_PASSWORD
from reports.queries import default_span
from reports.templatetags.report_figures import figure

from .conftest import PROJECT_ROOT, assert_no_axe_violations, assert_styled, save_screenshot

DOWNLOADS = PROJECT_ROOT / "test-artifacts" / "scrutiny-walk"
PARTNERSHIP = "Health and Well Being Partnership"
SLUG = "health-and-well-being-partnership"
INDICATOR = "NI 8 Adult participation in sport and active recreation"
TARGET = "LAA 2008-11 NI 123 Stopping smoking"
HWBP_CODES = {"NI 8", "NI 39", "NI 123", "NI 141", "NI 142"}  # demo/data/reports.py
RATING_SENTENCE = re.compile(r"^(Green|Amber|Red): .+ for Q\d \d{4}/\d\d is .+ the target of .+\.$")
PDF_RENDER_MS = 90_000  # the render runs inside the request that asks for it


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def check(page: Page, name: str, width: int) -> None:
    """Every page: styled, axe-core clean, no sideways scroll, a screenshot kept."""
    assert_styled(page)
    assert_no_axe_violations(page)
    scroll_width, client_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, f"{page.url} scrolls sideways at {width}px: {scroll_width} > {client_width}"
    save_screenshot(page, f"scrutiny-{name}-{width}")


def kept(download: Download, name: str) -> Path:
    """The download saved as test-artifacts/scrutiny-walk/<name>."""
    assert download.failure() is None, download.failure()
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    path = DOWNLOADS / name
    download.save_as(path)
    return path


def scorecard_row(page: Page, code: str) -> Locator:
    """The row of the report's scorecard for the indicator ``code``."""
    return page.locator("table tbody tr").filter(has=page.get_by_role("link", name=re.compile(rf"^{code} ")))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 320])
def test_scrutiny_councillor_reads_drills_down_and_takes_the_report_away(
    live_server: LiveServer, page: Page, page_errors: list[str], settings: Any, tmp_path: Path, width: int
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load_demo", "--no-documents", stdout=StringIO())
    page.set_viewport_size({"width": width, "height": 900})
    origin = live_server.url
    span = default_span(timezone.localdate())  # the last complete quarter: the pages' default

    # 1. Sign in as the demo scrutiny councillor: the scrutiny dashboard -----------
    page.goto(origin + "/sign-in/")
    expect(h1(page)).to_have_text("Sign in to Accord")
    check(page, "sign-in", width)
    page.get_by_label("Username").fill("scrutiny")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(origin + "/reports/")
    expect(h1(page)).to_have_text("Scrutiny dashboard")
    expect(page.get_by_role("banner")).to_contain_text("Tom Garside")
    expect(page.locator(".govuk-caption-l").first).to_have_text(span.label)
    expect(page.get_by_role("heading", name="Indicators by rating")).to_be_visible()
    check(page, "dashboard", width)

    # 2. The partnership's report to full council --------------------------------
    page.get_by_role("link", name=PARTNERSHIP, exact=True).first.click()
    expect(h1(page)).to_have_text(PARTNERSHIP)
    expect(page).to_have_url(f"{origin}/reports/{SLUG}/?period={span.slug}")
    expect(page.locator("#rag-chart")).to_be_visible()
    for code in HWBP_CODES:
        expect(scorecard_row(page, code)).to_have_count(1)
    sport = scorecard_row(page, "NI 8")
    shown_actual = sport.get_by_role("cell").nth(1).inner_text().strip()  # after the header cell and the period
    shown_target = sport.get_by_role("cell").nth(2).inner_text().strip()
    sentence = sport.locator("td p").inner_text().strip()
    assert RATING_SENTENCE.match(sentence), sentence
    assert re.fullmatch(r"\d+(\.\d+)?%", shown_actual), shown_actual
    check(page, "report", width)
    report_url = page.url

    # 3. An indicator: its trend chart and how its rating was reached ------------
    page.get_by_role("link", name=INDICATOR).click()
    expect(h1(page)).to_have_text(INDICATOR)
    chart = page.get_by_role("img", name=INDICATOR)
    expect(chart).to_be_visible()
    # The report's period is a point of the chart, with its figure in the point's title.
    point = chart.locator("circle > title").filter(has_text=re.compile(rf"^{re.escape(span.last.label)}: "))
    expect(point).to_have_count(1)
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100, box
    expect(page.get_by_text(sentence, exact=True)).to_be_visible()  # the same sentence as on the report
    expect(page.locator(".govuk-warning-text")).to_contain_text("These figures are illustrative")
    check(page, "indicator", width)

    # 4. Governance health of the boards ------------------------------------------
    page.goto(report_url)
    page.get_by_role("link", name=re.compile(r"^Governance health in full")).click()
    expect(h1(page)).to_have_text("Governance health")
    expect(page.locator(".govuk-caption-l")).to_have_text(f"{PARTNERSHIP} · {span.label}")
    expect(page.get_by_role("heading", name="Talking-shop signs")).to_be_visible()
    expect(page.get_by_role("region").first).to_be_visible()  # each table in its own scrolling region
    check(page, "governance", width)

    # 5. A target's delivery chain -------------------------------------------------
    page.goto(report_url)
    page.get_by_role("link", name=TARGET).click()
    expect(h1(page)).to_have_text(TARGET)
    expect(page.locator(".govuk-caption-l")).to_have_text(f"{PARTNERSHIP} · delivery chain")
    for step in ("Owned by", "Delivered by", "Measured by", "Served by decisions", "And actions"):
        expect(page.get_by_role("heading", name=step, level=2)).to_be_visible()
    expect(page.get_by_role("link", name="NI 123 Stopping smoking")).to_be_visible()
    check(page, "target", width)

    # 6. The whole report as a spreadsheet, and the indicators as CSV -------------
    page.goto(report_url)
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="every table as a spreadsheet (XLSX)").click()
    xlsx = kept(xlsx_download.value, f"report-{width}.xlsx")
    assert xlsx_download.value.suggested_filename == f"{SLUG}-{span.slug}-all.xlsx"
    workbook = openpyxl.load_workbook(xlsx)
    assert workbook["About"]["A1"].value == f"{PARTNERSHIP}: report to full council, {span.label}"
    sheet = workbook[f"Indicators, {span.label}".replace("/", "-")]
    header, *rows = sheet.iter_rows(values_only=True)
    by_code = {row[header.index("Code")]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_code) == HWBP_CODES
    ni8 = by_code["NI 8"]
    assert isinstance(ni8["Actual"], int | float)
    assert figure(Decimal(str(ni8["Actual"])), "%") == shown_actual
    assert figure(Decimal(str(ni8["Target"])), "%") == shown_target
    assert ni8["How the rating was reached"] == sentence
    assert ni8["Period"] == span.last.label

    downloads = page.locator("p").filter(has_text="Download the indicators:")
    with page.expect_download() as csv_download:
        downloads.get_by_role("link", name="CSV").click()
    indicators_csv = kept(csv_download.value, f"indicators-{width}.csv")
    assert csv_download.value.suggested_filename == f"{SLUG}-{span.slug}-indicators.csv"
    table = list(csv.reader(io.StringIO(indicators_csv.read_bytes().decode("utf-8-sig"), newline="")))
    assert table[0][:4] == ["Partnership", "Theme", "Code", "Indicator"]
    assert {row[2] for row in table[1:]} == HWBP_CODES
    ni8_csv = next(row for row in table[1:] if row[2] == "NI 8")
    assert Decimal(ni8_csv[table[0].index("Actual")]) == Decimal(str(ni8["Actual"]))

    # 7. The PDF: prepared on the pdf queue, then downloaded ---------------------
    page.get_by_role("link", name="as a PDF").click()
    expect(h1(page)).to_have_text(f"{PARTNERSHIP}: the report as a PDF")
    expect(page.get_by_role("heading", name="Not prepared yet")).to_be_visible()
    check(page, "pdf-not-prepared", width)
    with page.expect_navigation(timeout=PDF_RENDER_MS):
        page.get_by_role("button", name="Prepare the PDF").click(timeout=PDF_RENDER_MS)
    expect(h1(page)).to_have_text(f"{PARTNERSHIP}: the report as a PDF")
    if page.get_by_role("heading", name="Being prepared").is_visible():
        check(page, "pdf-being-prepared", width)
        page.get_by_role("link", name="Check again").click()
    expect(page.get_by_role("heading", name="Ready")).to_be_visible()
    link = page.get_by_role("link", name=re.compile(r"^Download the report \(PDF, \d+ pages, [\d.]+ [KM]B\)$"))
    expect(link).to_be_visible()
    check(page, "pdf-ready", width)
    with page.expect_download() as pdf_download:
        link.click()
    report_pdf = kept(pdf_download.value, f"report-{width}.pdf")
    assert report_pdf.read_bytes().startswith(b"%PDF")
    assert pdf_download.value.suggested_filename.endswith(".pdf")

    assert page_errors == [], page_errors
