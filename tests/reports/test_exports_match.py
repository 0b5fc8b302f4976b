"""The report's downloads hold what its page shows (SPEC §7, issue 10): for three
indicators built by hand, the workbook of the whole report ("all", XLSX) and the
indicators CSV, fetched as a scrutiny councillor, carry the same actuals, targets,
ratings, directions of travel and explanations as the HTML report for the same period.
Bad download addresses are refused with the reason; only report readers download.

The three indicators, all for Q2 2025/26 (as in test_pages):

- NI 8 "Sport" (%): 60 then 58.25 against 60: amber (2.9% short, within 5%), worsening;
- NI 39 "Alcohol" (rate, lower is better): 300 then 270 against 280: green, improving;
- NI 154 "Homes" (number): no figure for Q2 against a target of 1,500: no data.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from reports.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from reports.models import IndicatorTarget, IndicatorValue
from reports.periods import Period
from reports.templatetags.report_figures import figure
from tests.pages import text_of

from .conftest import NOW, make_indicator

pytestmark = pytest.mark.django_db

Q1, Q2 = Period.quarter(2025, 1), Period.quarter(2025, 2)
CODES = ("NI 8", "NI 39", "NI 154")
SHEET = "Indicators, Q2 2025-26"  # "Indicators, Q2 2025/26": Excel allows no "/" in a sheet name
# The scorecard's columns in the CSV and on the indicators sheet (reports/queries.py SCORECARD_COLUMNS).
HEADER = [
    "Partnership",
    "Theme",
    "Code",
    "Indicator",
    "Unit",
    "Period",
    "Actual",
    "Provisional",
    "Target",
    "Rating",
    "Direction of travel",
    "Previous period's actual",
    "How the rating was reached",
]


def figures(indicator, period: Period, actual: str | None, target: str | None) -> None:
    if actual is not None:
        IndicatorValue.objects.create(
            indicator=indicator, period_start=period.start, value=Decimal(actual), recorded_at=NOW
        )
    if target is not None:
        IndicatorTarget.objects.create(
            indicator=indicator, period_start=period.start, value=Decimal(target), recorded_at=NOW
        )


@pytest.fixture
def basket(partnership, theme):
    sport = make_indicator(partnership, "NI 8", theme=theme, title="Sport", tolerance_set_by="the Board, May 2024")
    alcohol = make_indicator(partnership, "NI 39", theme=theme, title="Alcohol", unit="rate", higher_is_better=False)
    homes = make_indicator(partnership, "NI 154", theme=theme, title="Homes", unit="number")
    figures(sport, Q1, "60", "60")
    figures(sport, Q2, "58.25", "60")
    figures(alcohol, Q1, "300", "280")
    figures(alcohol, Q2, "270", "280")
    figures(homes, Q1, "1400", "1500")
    figures(homes, Q2, None, "1500")
    return partnership


@pytest.fixture
def reader(client: Client, scrutiny) -> Client:
    client.force_login(scrutiny)
    return client


def export_url(partnership, table: str, fmt: str) -> str:
    return reverse("reports:export", args=[partnership.slug, table, fmt])


def squash(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------
# The page's scorecard, read as a person reads it


@dataclass
class Cell:
    text: str = ""
    tags: list[str] = field(default_factory=list)  # the words of its GOV.UK tags (ratings)


class ScorecardParser(HTMLParser):
    """Every row of every table of the page: its cells (th and td), each with its text
    and the words of the tags in it."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[Cell]] = []
        self._cell: Cell | None = None
        self._tag: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td") and self.rows:
            self._cell = Cell()
            self.rows[-1].append(self._cell)
        elif tag == "strong" and "govuk-tag" in classes and self._cell is not None:
            self._tag = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self._cell.text = squash(self._cell.text)
            self._cell = None
        elif tag == "strong" and self._tag is not None and self._cell is not None:
            self._cell.tags.append(squash("".join(self._tag)))
            self._tag = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += f" {data}"
        if self._tag is not None:
            self._tag.append(data)


@dataclass(frozen=True)
class PageRow:
    period: str
    actual: str
    target: str
    rating: str
    explanation: str
    direction: str


def page_scorecard(html: str) -> dict[str, PageRow]:
    """The scorecard rows of the report page by indicator code: Indicator, Period,
    Actual, Target, Rating (its tag, then how it was reached), Direction of travel."""
    parser = ScorecardParser()
    parser.feed(html)
    found = {}
    for row in parser.rows:
        if len(row) != 6 or not row[0].text.startswith(CODES):
            continue
        code = next(code for code in CODES if row[0].text.startswith(f"{code} "))
        rating, explanation = row[4].tags[0], row[4].text.removeprefix(row[4].tags[0]).strip()
        found[code] = PageRow(row[1].text, row[2].text, row[3].text, rating, explanation, row[5].tags[0])
    return found


def as_shown(value: Any, unit: str, missing: str) -> str:
    """A figure of a download as the page writes it ("58.25%", "1,500"), or the page's
    dash with the words read out for a missing one."""
    return f"– {missing}" if value is None else figure(Decimal(str(value)), unit)


def tag_word(word: str) -> str:
    """A rating as a download holds it ("amber", "no data") as its tag says it."""
    return "No data" if word == "no data" else word.capitalize()


def sheet_rows(workbook: openpyxl.Workbook, name: str) -> list[dict[str, Any]]:
    rows = list(workbook[name].iter_rows(values_only=True))
    header = list(rows[0])
    assert header == HEADER
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


# ---------------------------------------------------------------------------
# The downloads hold what the page shows


def test_the_whole_report_as_xlsx_holds_the_figures_and_ratings_of_the_page(reader, basket) -> None:
    page = reader.get(reverse("reports:partnership", args=[basket.slug]), {"period": Q2.slug})
    assert page.status_code == 200
    shown = page_scorecard(page.content.decode())
    assert set(shown) == set(CODES)
    # The page itself, read plainly: what the fixture says.
    assert shown["NI 8"] == PageRow(
        "Q2 2025/26",
        "58.25%",
        "60%",
        "Amber",
        "Amber: 58.25% for Q2 2025/26 is 2.9% below the target of 60%, within the 5% tolerance "
        "(set by the Board, May 2024).",
        "Worsening",
    )
    assert (shown["NI 39"].actual, shown["NI 39"].rating, shown["NI 39"].direction) == ("270", "Green", "Improving")
    homes = shown["NI 154"]
    assert (homes.actual, homes.target, homes.rating) == ("– no figure", "1,500", "No data")

    response = reader.get(export_url(basket, "all", "xlsx"), {"period": Q2.slug})

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == f'attachment; filename="{basket.slug}-{Q2.slug}-all.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:3] == ["About", SHEET, "Risk register"]
    assert workbook["About"]["A1"].value == f"{basket.name}: report to full council, Q2 2025/26"
    rows = {row["Code"]: row for row in sheet_rows(workbook, SHEET)}
    assert set(rows) == set(CODES)
    for code, row in rows.items():
        on_page = shown[code]
        assert row["Period"] == on_page.period
        assert as_shown(row["Actual"], row["Unit"], "no figure") == on_page.actual, code
        assert as_shown(row["Target"], row["Unit"], "no target") == on_page.target, code
        assert tag_word(row["Rating"]) == on_page.rating, code
        assert tag_word(row["Direction of travel"]) == on_page.direction, code
        assert row["How the rating was reached"] == on_page.explanation, code
    # Typed cells: numbers are numbers, and equal the figures recorded.
    assert rows["NI 8"]["Actual"] == pytest.approx(58.25) and rows["NI 8"]["Target"] == 60
    assert rows["NI 8"]["Previous period's actual"] == 60
    assert rows["NI 39"]["Actual"] == 270 and rows["NI 39"]["Target"] == 280
    assert rows["NI 154"]["Actual"] is None and rows["NI 154"]["Target"] == 1500
    assert [rows[code]["Rating"] for code in CODES] == ["amber", "green", "no data"]
    assert isinstance(rows["NI 8"]["Actual"], float | int)


def test_the_indicators_csv_holds_the_figures_and_ratings_of_the_page(reader, basket) -> None:
    shown = page_scorecard(
        reader.get(reverse("reports:partnership", args=[basket.slug]), {"period": Q2.slug}).content.decode()
    )

    response = reader.get(export_url(basket, "indicators", "csv"), {"period": Q2.slug})

    assert response.status_code == 200
    assert response["Content-Type"] == CSV_CONTENT_TYPE
    assert response["Content-Disposition"] == f'attachment; filename="{basket.slug}-{Q2.slug}-indicators.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, *body = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert header == HEADER
    rows = {row["Code"]: row for row in (dict(zip(header, cells, strict=True)) for cells in body)}
    assert set(rows) == set(CODES)
    for code, row in rows.items():
        on_page = shown[code]
        assert row["Period"] == on_page.period
        actual, target = (row[key] or None for key in ("Actual", "Target"))
        assert as_shown(actual, row["Unit"], "no figure") == on_page.actual, code
        assert as_shown(target, row["Unit"], "no target") == on_page.target, code
        assert tag_word(row["Rating"]) == on_page.rating, code
        assert tag_word(row["Direction of travel"]) == on_page.direction, code
        assert row["How the rating was reached"] == on_page.explanation, code
    assert Decimal(rows["NI 8"]["Actual"]) == Decimal("58.25")
    assert rows["NI 154"]["Actual"] == "" and Decimal(rows["NI 154"]["Target"]) == 1500


# ---------------------------------------------------------------------------
# Bad addresses and who may download


def test_a_table_the_report_does_not_have_is_a_404_with_the_reason(reader, basket) -> None:
    response = reader.get(export_url(basket, "no-such-table", "xlsx"))
    assert response.status_code == 404
    assert "The report has no table of that name." in squash(text_of(response))


def test_the_whole_report_as_csv_is_a_400_with_the_reason(reader, basket) -> None:
    response = reader.get(export_url(basket, "all", "csv"), {"period": Q2.slug})
    assert response.status_code == 400
    assert "The whole report downloads as a spreadsheet (.xlsx): a CSV file holds one table." in squash(
        text_of(response)
    )


@pytest.mark.parametrize("fmt", ["pdf", "json", "xls"])
def test_a_format_other_than_csv_or_xlsx_is_a_404_with_the_reason(reader, basket, fmt) -> None:
    response = reader.get(export_url(basket, "indicators", fmt))
    assert response.status_code == 404
    assert "Reports can be downloaded as CSV or XLSX only." in squash(text_of(response))


@pytest.mark.parametrize(
    ("period", "reason"),
    [
        ("2025-27", "There is no such period: choose one from the list."),
        ("next-week", "There is no such period: choose one from the list."),
        ("2025-26-q5", "There is no such period: choose one from the list."),
        ("1850-51", "There is no such period: choose one from the list."),
        ("2090-91", "That period has not begun yet: choose one from the list."),
    ],
)
def test_a_period_that_cannot_be_read_is_a_400_with_the_reason(reader, basket, period, reason) -> None:
    for table, fmt in (("all", "xlsx"), ("indicators", "csv")):
        response = reader.get(export_url(basket, table, fmt), {"period": period})
        assert response.status_code == 400, (table, fmt, period)
        assert response["Content-Type"].startswith("text/html")
        assert reason in squash(text_of(response))


def test_an_unknown_partnership_is_a_404(reader, basket) -> None:
    response = reader.get(reverse("reports:export", args=["no-such-partnership", "all", "xlsx"]))
    assert response.status_code == 404


def test_a_member_is_refused_with_the_reason(client, basket, member) -> None:
    client.force_login(member)
    for table, fmt in (("all", "xlsx"), ("indicators", "csv")):
        response = client.get(export_url(basket, table, fmt), {"period": Q2.slug})
        assert response.status_code == 403
        assert "Reports are for scrutiny councillors and partnership officers." in squash(text_of(response))


def test_an_anonymous_visitor_is_sent_to_sign_in(client, basket) -> None:
    url = export_url(basket, "all", "xlsx")
    response = client.get(url, {"period": Q2.slug})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign-in"))
    assert "next=" in response["Location"]
