"""reports/exports.py and templates/reports/_table.html: the page, the CSV and the XLSX
hold the same ``Table``, each written its own way. No database: a table is a value (a
query while rendering would fail, since no test here may use the database)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.http import Http404
from django.template.loader import render_to_string

from reports.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    download,
    number_text,
    percent_text,
    safe_filename_stem,
    sheet_names,
    table_csv,
    tables_xlsx,
)
from reports.tables import Column, Table

COLUMNS = (
    Column("indicator", "Indicator"),
    Column("period", "Period start", "date"),
    Column("actual", "Actual", "number", places=1),
    Column("count", "People", "number", places=0),
    Column("share", "Share on target", "percent"),
    Column("rag", "Rating", "rag"),
    Column("direction", "Direction of travel", "direction"),
    Column("raw", "As stored", "number"),
)
ROWS = (
    ("NI 8 <b>&", dt.date(2025, 7, 1), Decimal("67.45"), 1234, 0.675, "amber", "improving", Decimal("61.5000")),
    ('=HYPERLINK("x")', dt.date(2025, 4, 1), 2.675, -5, Decimal("0.8"), "green", "no change", -0.25),
    ('Commas, "quotes"\nand lines', None, None, None, None, "no data", "no data", None),
)
TABLE = Table.build("indicators", "Indicators, Q2 2025/26", COLUMNS, ROWS, summary="Three indicators <i>&</i>.")


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


# --- Numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (2.675, 2, "2.68"),  # half away from zero on the figure as written, not its binary double
        (Decimal("2.5"), 0, "3"),
        (-2.5, 0, "-3"),
        (-0.04, 1, "0.0"),  # never "-0.0"
        (1234567.891, 2, "1234567.89"),
        (5, 2, "5.00"),
        (Decimal("61.5000"), None, "61.5"),  # as stored, without the padding zeros
        (Decimal("431.0000"), None, "431"),
        (1e20, None, "100000000000000000000"),  # never in exponent form
        (Decimal("1E+3"), 1, "1000.0"),
        (1e300, 2, "1" + "0" * 300 + ".00"),  # beyond the default precision of Decimal
        (float("nan"), 1, ""),
        (float("inf"), None, ""),
        (Decimal("NaN"), 1, ""),
        (True, 0, ""),  # a bool is not a figure
        ("12", 0, ""),
    ],
)
def test_number_text(value: object, places: int | None, expected: str) -> None:
    assert number_text(value, places) == expected


def test_number_text_groups_thousands_for_the_page() -> None:
    assert number_text(1234567.891, 1, grouping=True) == "1,234,567.9"
    assert percent_text(0.675) == "67.5"
    assert percent_text(Decimal("0.12345")) == "12.3"
    assert percent_text(0.12355) == "12.4"
    assert percent_text(None) == ""


# --- CSV ------------------------------------------------------------------------------


def test_csv_has_a_header_of_labels_and_the_cells_as_plain_values() -> None:
    body = table_csv(TABLE)
    assert b"\r\n" in body  # CRLF, as RFC 4180 and Excel expect
    header, *rows = read_csv(body)
    assert header == [
        "Indicator",
        "Period start",
        "Actual",
        "People",
        "Share on target (%)",
        "Rating",
        "Direction of travel",
        "As stored",
    ]
    assert rows == [
        ["NI 8 <b>&", "2025-07-01", "67.5", "1234", "67.5", "amber", "improving", "61.5"],
        ['\'=HYPERLINK("x")', "2025-04-01", "2.7", "-5", "80.0", "green", "no change", "-0.25"],
        ['Commas, "quotes"\nand lines', "", "", "", "", "no data", "no data", ""],
    ]


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_csv_neutralises_formula_injection_in_text_cells(text: str) -> None:
    table = Table.build("t", "T", [Column("name", "Name"), Column("n", "N", "number")], [(text, -3)])
    header, row = read_csv(table_csv(table))
    assert row == [f"'{text}", "-3"]  # a negative number is a number, not a formula


def test_csv_guards_labels_and_text_in_number_columns_too() -> None:
    table = Table.build("t", "T", [Column("n", "=cmd()", "number")], [("-1+cmd",), (float("nan"),)])
    assert read_csv(table_csv(table)) == [["'=cmd()"], ["'-1+cmd"], [""]]


def test_csv_of_an_empty_table_is_its_header() -> None:
    table = Table.build("t", "T", [Column("a", "A"), Column("b", "B (%)", "percent")], [])
    assert read_csv(table_csv(table)) == [["A", "B (%)"]]


# --- XLSX -----------------------------------------------------------------------------


def open_xlsx(body: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(body))


def test_xlsx_has_an_about_sheet_then_a_sheet_per_table() -> None:
    second = Table.build("risks", "Risks", [Column("risk", "Risk")], [("Flooding",)], summary="One risk.")
    workbook = open_xlsx(tables_xlsx([TABLE, second], title="Scrutiny report, Q2 2025/26"))
    assert workbook.sheetnames == ["About", "Indicators, Q2 2025-26", "Risks"]
    assert workbook.properties.title == "Scrutiny report, Q2 2025/26"
    about = [[cell for cell in row if cell is not None] for row in workbook["About"].iter_rows(values_only=True)]
    assert about[0] == ["Scrutiny report, Q2 2025/26"]
    assert workbook["About"]["A1"].font.b
    assert ["Sheet", "Table", "Rows", "Summary"] in about
    assert ["Indicators, Q2 2025-26", "Indicators, Q2 2025/26", 3, "Three indicators <i>&</i>."] in about
    assert ["Risks", "Risks", 1, "One risk."] in about


def test_xlsx_header_is_bold_frozen_and_filtered() -> None:
    sheet = open_xlsx(tables_xlsx([TABLE], title="T"))["Indicators, Q2 2025-26"]
    assert [cell.value for cell in sheet[1]] == [column.label for column in COLUMNS]
    assert all(cell.font.b for cell in sheet[1])
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H4"
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGH"]
    assert all(8 <= width <= 60 for width in widths)
    assert widths[6] >= len("Direction of travel")  # the header fits


def test_xlsx_cells_are_typed_and_equal_the_tables() -> None:
    sheet = open_xlsx(tables_xlsx([TABLE], title="T"))["Indicators, Q2 2025-26"]
    first, second, third = (list(row) for row in sheet.iter_rows(min_row=2))

    assert first[0].value == "NI 8 <b>&" and first[0].data_type == "s"
    assert first[1].value == dt.datetime(2025, 7, 1) and first[1].is_date
    assert first[1].number_format == "d mmm yyyy"
    assert first[2].value == pytest.approx(67.45) and first[2].number_format == "#,##0.0"
    assert first[3].value == 1234 and isinstance(first[3].value, int) and first[3].number_format == "#,##0"
    assert first[4].value == pytest.approx(0.675) and first[4].number_format == "0.0%"  # the share, shown as 67.5%
    assert [first[5].value, first[6].value] == ["amber", "improving"]
    assert first[7].value == pytest.approx(61.5) and first[7].number_format == "General"

    # Text that looks like a formula stays text: it is never run.
    assert second[0].value == '=HYPERLINK("x")' and second[0].data_type == "s"
    assert second[2].value == pytest.approx(2.675)  # stored exactly; shown to one place
    assert second[3].value == -5
    assert second[4].value == pytest.approx(0.8)
    assert second[7].value == pytest.approx(-0.25)

    # No figure: an empty cell.
    assert third[0].value == 'Commas, "quotes"\nand lines'
    assert [cell.value for cell in third[1:5]] == [None, None, None, None]
    assert third[7].value is None


def test_xlsx_values_round_trip_for_a_large_table() -> None:
    columns = (
        Column("p", "Partnership"),
        Column("d", "Period", "date"),
        Column("a", "Actual", "number", 2),
        Column("s", "Share", "percent"),
        Column("r", "RAG", "rag"),
        Column("w", "When", "date"),
    )
    rows = [
        (
            f"Partnership {n % 40}",
            dt.date(2020, 4, 1) + dt.timedelta(days=n),
            Decimal(n) / 8,
            (n % 100) / 100,
            ("green", "amber", "red", None)[n % 4],
            dt.datetime(2025, 1, 1, 9, 30) + dt.timedelta(hours=n),
        )
        for n in range(2000)
    ]
    table = Table.build("big", "Big", columns, rows)
    workbook = openpyxl.load_workbook(io.BytesIO(tables_xlsx([table], title="Big")), read_only=True)
    read = list(workbook["Big"].iter_rows(min_row=2, values_only=True))
    assert len(read) == 2000
    for got, want in zip(read, rows, strict=True):
        assert got[0] == want[0]
        assert got[1] == dt.datetime.combine(want[1], dt.time())
        assert got[2] == pytest.approx(float(want[2]))
        assert got[3] == pytest.approx(want[3])
        assert got[4] == want[4]
        assert got[5] == want[5]


def test_xlsx_files_are_well_formed_and_hold_no_formula() -> None:
    nasty = Table.build(
        "t", "T", [Column("a", "A\x00"), Column("b", "B", "number")], [("x\x01y\x0b<&>", float("inf")), (" =1 ", 1)]
    )
    body = tables_xlsx([nasty], title="Bad \x07 title")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml").decode()
    assert "<f>" not in sheet
    values = [row for row in open_xlsx(body)["T"].iter_rows(values_only=True)]
    assert values == [("A", "B"), ("xy<&>", None), (" =1 ", 1)]


def test_xlsx_with_no_tables_or_empty_tables() -> None:
    assert open_xlsx(tables_xlsx([], title="Nothing")).sheetnames == ["About"]
    empty = Table.build("e", "Empty", [Column("a", "A")], [])
    blank = Table.build("b", "No columns", [], [(), ()])
    workbook = open_xlsx(tables_xlsx([empty, blank], title="T"))
    assert [[cell.value for cell in row] for row in workbook["Empty"].iter_rows()] == [["A"]]
    assert workbook["No columns"].max_row == 1


def test_sheet_names_are_ones_excel_accepts() -> None:
    titles = ["A" * 40, "a" * 40, "Q2 [2025/26]: *what?* \\ ", "About", "History", "", "'quoted'", "a" * 40]
    names = sheet_names(titles)
    assert len(names) == len(titles)
    assert len({name.casefold() for name in [*names, "About"]}) == len(names) + 1
    for name in names:
        assert 0 < len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
        assert not name.startswith("'") and not name.endswith("'")
        assert name.casefold() != "history"
    assert names[0] == "A" * 31
    assert names[1] == "a" * 27 + " (2)"
    assert names[2] == "Q2 2025-26 what"
    assert names[3] == "About (2)"
    assert names[5] == "Table"
    assert names[6] == "quoted"
    assert names[7] == "a" * 27 + " (3)"


# --- Downloads ------------------------------------------------------------------------


def test_download_csv() -> None:
    response = download(TABLE, "csv", "Q2 2025/26 indicators")
    assert response.status_code == 200
    assert response["Content-Type"] == CSV_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="q2-2025-26-indicators.csv"'
    assert response.content == table_csv(TABLE)


def test_download_xlsx_of_several_tables() -> None:
    response = download([TABLE, TABLE], "xlsx", "report", title="The report")
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="report.xlsx"'
    workbook = open_xlsx(response.content)
    assert workbook.sheetnames == ["About", "Indicators, Q2 2025-26", "Indicators, Q2 2025-26 (2)"]
    assert workbook["About"]["A1"].value == "The report"


def test_download_refuses_what_it_cannot_make() -> None:
    with pytest.raises(Http404, match="CSV or XLSX"):
        download(TABLE, "pdf", "report")
    with pytest.raises(ValueError, match="one table"):
        download([TABLE, TABLE], "csv", "report")


@pytest.mark.parametrize(
    ("text", "stem"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ('a"b\r\nContent-Type: evil', "ab-content-type-evil"),
        ("Évaluation 2025/26", "evaluation-2025-26"),
        ("///", "report"),
        ("x" * 300, "x" * 100),
    ],
)
def test_filenames_are_safe(text: str, stem: str) -> None:
    assert safe_filename_stem(text) == stem
    assert download(TABLE, "csv", text)["Content-Disposition"] == f'attachment; filename="{stem}.csv"'


# --- The page's table -----------------------------------------------------------------


def test_the_page_table_is_a_govuk_table_of_the_same_values() -> None:
    html = render_to_string("reports/_table.html", {"table": TABLE})
    assert '<table class="govuk-table' in html
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Indicators, Q2 2025/26' in html
    assert "Three indicators &lt;i&gt;&amp;&lt;/i&gt;." in html
    assert html.count('<th scope="col"') == len(COLUMNS)
    assert html.count("govuk-table__header--numeric") == 4  # actual, people, share, as stored
    assert "NI 8 &lt;b&gt;&amp;" in html and "<b>" not in html
    assert '<time datetime="2025-07-01">1 July 2025</time>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">67.5</td>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1,234</td>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">67.5%</td>' in html  # the share as a percentage
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">61.5</td>' in html
    assert "govuk-tag--orange" in html and ">Amber</strong>" in html
    assert ">Improving</strong>" in html and ">No change</strong>" in html
    assert ">No data</strong>" in html
    # A missing figure is a dash that a screen reader reads as "no data".
    assert html.count('<span aria-hidden="true">–</span><span class="govuk-visually-hidden">no data</span>') == 5
    assert "style=" not in html and "<script" not in html


def test_the_page_table_says_when_it_is_empty() -> None:
    table = Table.build("t", "Nothing yet", [Column("a", "A"), Column("b", "B")], [])
    html = render_to_string("reports/_table.html", {"table": table})
    assert '<td class="govuk-table__cell" colspan="2">There is nothing to show.</td>' in html
