"""A report's tables as downloads: CSV (one table) and XLSX (a workbook of them), from
the same ``Table`` values the page shows (reports/tables.py), so they cannot disagree.

CSV is for other programs and for Excel: UTF-8 with a byte-order mark (so Excel reads
the accents), one header row of the column labels, dates as ISO 8601 (2025-04-01),
numbers without thousands separators rounded to the column's places, percentages as
percentages to one decimal place (80.0, the label says "(%)"), and an empty cell where
there is no figure. A text cell that a spreadsheet would run as a formula (it starts
with = + - @, a tab or a carriage return) gets a leading apostrophe.

XLSX has typed cells: numbers are numbers formatted to the column's places, a
percentage is the share (0.8) formatted as 80.0%, a date is a date, text is text, never
a formula. openpyxl builds the workbook — styles, frozen header row, column widths,
filters, the "About" sheet — in write-only mode; the data rows are then written
straight into each sheet's XML, because openpyxl's per-cell machinery takes about 13
microseconds a cell (8.6 s for 80,000 rows of 8 columns) and the rows written here take
well under one (the cells reference the styles openpyxl registered, so the two agree).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any, Literal

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from .tables import Column, Table

ExportFormat = Literal["csv", "xlsx"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "xlsx")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Spreadsheet programs run a cell that starts with one of these (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Characters XML 1.0 cannot hold (openpyxl refuses them too); they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
SHEET_NAME_MAX = 31
CELL_TEXT_MAX = 32_767  # Excel's limit for the text of one cell
XLSX_MAX_ROWS = 1_048_576
ABOUT_SHEET = "About"

NUMBER_KINDS = ("number", "percent")
DATE_FORMAT = "d mmm yyyy"
DATETIME_FORMAT = "d mmm yyyy hh:mm"
PERCENT_FORMAT = "0.0%"
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE = 1000  # rows looked at to size a column
TEXT_CACHE = 10_000  # distinct texts of a column remembered, escaped


# --- Numbers as text, shared with the page (reports/templatetags/reports_tags.py) ------

_QUANTUM = {places: Decimal(1).scaleb(-places) for places in range(0, 11)}


def as_decimal(value: object) -> Decimal | None:
    """An int, float or Decimal as a Decimal (a float by its shortest spelling, so 0.1
    is 0.1); None for anything else (bool included) and for NaN or infinity."""
    kind = type(value)
    if kind is float:
        return Decimal(repr(value)) if math.isfinite(value) else None  # type: ignore[arg-type]
    if kind is Decimal:
        return value if value.is_finite() else None  # type: ignore[attr-defined,return-value]
    if kind is int:
        return Decimal(value)  # type: ignore[arg-type]
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return as_decimal(float(value) if isinstance(value, float) else Decimal(value))  # subclasses


def number_text(value: object, places: int | None, *, grouping: bool = False) -> str:
    """``value`` rounded half away from zero to ``places`` (when None, as stored without
    the trailing zeros the database pads figures with: 25.3000 is "25.3"), never in
    exponent form: "1234.5", or "1,234.5" with ``grouping``; "" when not a number."""
    number = as_decimal(value)
    if number is None:
        return ""
    if places is None:
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1)) if number.adjusted() < 28 else number
        else:
            number = number.normalize()
    else:
        quantum = _QUANTUM.get(places) or Decimal(1).scaleb(-places)
        if number.adjusted() + places + 2 <= 28:
            number = number.quantize(quantum, rounding=ROUND_HALF_UP)
        else:
            with localcontext() as context:
                context.prec = number.adjusted() + places + 2
                try:
                    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
                except InvalidOperation:  # pragma: no cover - beyond any figure a report holds
                    pass
    if number.is_zero():
        number = abs(number)  # no "-0.0"
    return f"{number:,f}" if grouping else f"{number:f}"


def percent_text(share: object, *, grouping: bool = False) -> str:
    """A share (0.675) as a percentage to one decimal place ("67.5"); "" when not a number."""
    number = as_decimal(share)
    return "" if number is None else number_text(number.scaleb(2), 1, grouping=grouping)


def safe_text(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would run it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _is_number(value: object) -> bool:
    return as_decimal(value) is not None


def _plain_text(value: Any) -> str:
    """A cell of a text column (or a value of the wrong kind) as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if _is_number(value):
        return number_text(value, None)
    return str(value)


# --- CSV --------------------------------------------------------------------------------


def csv_header(column: Column) -> str:
    """The column's label; a percent column's says "(%)"."""
    if column.kind == "percent" and not column.label.rstrip().endswith("(%)"):
        return f"{column.label} (%)"
    return column.label


def csv_cell(column: Column, value: Any) -> str:
    """One cell as the CSV file holds it."""
    if value is None:
        return ""
    if column.kind == "number" and _is_number(value):
        return number_text(value, column.places)
    if column.kind == "percent" and _is_number(value):
        return percent_text(value)
    if isinstance(value, float | Decimal):
        return ""  # NaN or infinity: no figure
    return safe_text(_plain_text(value))


def _csv_converter(column: Column) -> Callable[[Any], str]:
    """csv_cell for one column, with the common cases first (this runs for every cell)."""
    places = column.places
    numeric = column.kind in NUMBER_KINDS

    def convert(value: Any) -> str:
        kind = type(value)
        if kind is str:
            return safe_text(value)
        if value is None:
            return ""
        if kind is int and column.kind == "number" and not places:
            return str(value)
        if kind is dt.date:
            return value.isoformat()  # type: ignore[no-any-return]
        if numeric and kind in (int, float, Decimal):
            return number_text(value, places) if column.kind == "number" else percent_text(value)
        return csv_cell(column, value)

    return convert


def table_csv(table: Table) -> bytes:
    """The table as CSV: UTF-8 with a byte-order mark, CRLF line ends, a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_text(csv_header(column)) for column in table.columns])
    converters = [_csv_converter(column) for column in table.columns]
    writer.writerows([convert(value) for convert, value in zip(converters, row, strict=True)] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig", errors="replace")


# --- XLSX -------------------------------------------------------------------------------


def sheet_names(titles: Sequence[str], *, taken: Sequence[str] = (ABOUT_SHEET,)) -> list[str]:
    """A sheet name for each title that Excel accepts: at most 31 characters, none of
    []:*?/\\ ("2025/26" becomes "2025-26"), not starting or ending with an apostrophe,
    not "History", and unique (ignoring case) among themselves and ``taken``."""
    used = {name.casefold() for name in taken}
    names = []
    for title in titles:
        base = " ".join(_SHEET_NAME_FORBIDDEN.sub(" ", title.replace("/", "-")).split()).strip("'").strip() or "Table"
        if base.casefold() == "history":
            base = "History table"
        name = base[:SHEET_NAME_MAX].rstrip("' ")
        number = 1
        while name.casefold() in used:
            number += 1
            suffix = f" ({number})"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip("' ") + suffix
        used.add(name.casefold())
        names.append(name)
    return names


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)[:CELL_TEXT_MAX]


def _number_format(column: Column) -> str:
    if column.kind == "percent":
        return PERCENT_FORMAT
    if column.kind == "number" and column.places is not None:
        return "#,##0" if column.places <= 0 else "#,##0." + "0" * column.places
    return "General"


def _display_width(column: Column, value: Any) -> int:
    if value is None:
        return 1
    if column.kind == "number" and _is_number(value):
        return len(number_text(value, column.places, grouping=True))
    if column.kind == "percent" and _is_number(value):
        return len(percent_text(value)) + 1
    if isinstance(value, dt.datetime):
        return 17
    if isinstance(value, dt.date):
        return 11
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_width(column: Column, rows: Sequence[Sequence[Any]], index: int) -> float:
    """Excel's width (in characters) for the column: its longest label or value among
    the first rows, within 8 to 60."""
    longest = max((_display_width(column, row[index]) for row in rows[:WIDTH_SAMPLE]), default=0)
    header = math.ceil(len(column.label) * 1.1)  # the header is bold
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2, header + 2)))


_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()


def _date_serial(day: dt.date) -> int:
    """Excel's serial number of a day (as openpyxl's to_excel, without its generality)."""
    serial = day.toordinal() - _EXCEL_EPOCH
    return serial - 1 if 0 < serial <= 60 else serial  # Excel's 29 February 1900


def _xml_text(text: str) -> str:
    text = _clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text != text.strip():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


def _xml_number(value: Any) -> str | None:
    """The number as SpreadsheetML writes it, or None when ``value`` is not a finite number."""
    number = as_decimal(value)
    if number is None:
        return None
    return repr(float(value)) if isinstance(value, float) else str(number)


CellWriter = Callable[[Any, str], str]


def _cell_writer(ws: Any, column: Column, index: int, *, wrap: bool) -> CellWriter:
    """A function that writes one cell of the column as SpreadsheetML, given its value
    and its row number, with the column's styles as openpyxl registered them (their
    cellXfs indexes), so that the cells and the workbook's styles agree. Common cases
    first: this runs for every cell."""

    def style(number_format: str, wrap_text: bool = False) -> int:
        cell = WriteOnlyCell(ws)
        cell.number_format = number_format
        if wrap_text:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return int(cell.style_id)

    numeric = column.kind in NUMBER_KINDS
    dated = column.kind == "date"
    start = f'<c r="{get_column_letter(index)}'
    number = f'" s="{style(_number_format(column))}"><v>'
    text = f'" s="{style("General", wrap_text=wrap)}" t="inlineStr"><is>'
    day = f'" s="{style(DATE_FORMAT)}"><v>' if dated else ""
    moment = f'" s="{style(DATETIME_FORMAT)}"><v>' if dated else ""

    texts: dict[str, str] = {}  # reports repeat their words: each is escaped once

    def write(value: Any, row: str) -> str:
        kind = type(value)
        if kind is str:
            escaped = texts.get(value)
            if escaped is None:
                escaped = _xml_text(value)
                if len(texts) < TEXT_CACHE:
                    texts[value] = escaped
            return f"{start}{row}{text}{escaped}</is></c>"
        if value is None:
            return ""
        if numeric:
            if kind is int:
                return f"{start}{row}{number}{value}</v></c>"
            if kind is float and math.isfinite(value):
                return f"{start}{row}{number}{value!r}</v></c>"
            if kind is Decimal and value.is_finite():
                return f"{start}{row}{number}{value}</v></c>"
            figure = _xml_number(value)
            if figure is not None:
                return f"{start}{row}{number}{figure}</v></c>"
            if isinstance(value, float | Decimal):
                return ""  # NaN or infinity: no figure
        elif dated and isinstance(value, dt.datetime):
            serial = to_excel(value.replace(tzinfo=None))
            return f"{start}{row}{moment}{serial!r}</v></c>"
        elif dated and isinstance(value, dt.date):
            return f"{start}{row}{day}{_date_serial(value)}</v></c>"
        return f"{start}{row}{text}{_xml_text(_plain_text(value))}</is></c>"

    return write


def _sheet_rows(table: Table, writers: list[CellWriter]) -> Iterator[str]:
    """The data rows of the table's sheet as SpreadsheetML, from row 2 (under the header)."""
    for number, row in enumerate(table.rows, start=2):
        text = str(number)
        cells = "".join([write(value, text) for write, value in zip(writers, row, strict=True)])
        yield f'<row r="{text}">{cells}</row>'


def _bold(ws: Any, value: str, size: float = 11) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, _clean(value))
    cell.font = Font(name="Calibri", size=size, bold=True)
    cell.data_type = "s"  # never a formula
    return cell


def _text(ws: Any, value: str, *, wrap: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, _clean(value))
    cell.data_type = "s"
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _write_about(ws: Any, title: str, tables: Sequence[Table], names: Sequence[str]) -> None:
    for letter, width in zip("ABCD", (32, 48, 10, 80), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append([_bold(ws, title, size=14)])
    ws.append([_text(ws, "Each table of the report is on its own sheet. An empty cell means there is no figure.")])
    ws.append([])
    ws.append([_bold(ws, "Sheet"), _bold(ws, "Table"), _bold(ws, "Rows"), _bold(ws, "Summary")])
    for table, name in zip(tables, names, strict=True):
        ws.append([_text(ws, name), _text(ws, table.title), len(table.rows), _text(ws, table.summary, wrap=True)])


def tables_xlsx(tables: Sequence[Table], *, title: str) -> bytes:
    """An XLSX workbook: an "About" sheet with the title and each table's summary, then
    one sheet per table with a bold, frozen, filterable header row and typed cells."""
    for table in tables:
        if len(table.rows) >= XLSX_MAX_ROWS:
            raise ValueError(f"{table.slug}: {len(table.rows):,} rows do not fit in a spreadsheet")
    workbook = Workbook(write_only=True)
    workbook.properties.title = _clean(title)[:255]
    names = sheet_names([table.title for table in tables])
    _write_about(workbook.create_sheet(ABOUT_SHEET), title, tables, names)
    sheets: list[tuple[Any, Table, list[CellWriter]]] = []
    for table, name in zip(tables, names, strict=True):
        ws = workbook.create_sheet(name)
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        width = len(table.columns)
        widths = [column_width(column, table.rows, index) for index, column in enumerate(table.columns)]
        for index, column_width_ in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column_width_
        if width and table.rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(width)}{len(table.rows) + 1}"
        writers = [
            _cell_writer(ws, column, index, wrap=column.kind == "text" and widths[index - 1] >= MAX_WIDTH)
            for index, column in enumerate(table.columns, start=1)
        ]
        ws.append([_bold(ws, column.label) for column in table.columns])
        sheets.append((ws, table, writers))
    shell = io.BytesIO()
    workbook.save(shell)
    # The sheets' paths are known once saved ("/xl/worksheets/sheet2.xml").
    rows = {ws.path.lstrip("/"): _sheet_rows(table, writers) for ws, table, writers in sheets if table.columns}
    return _with_rows(shell.getvalue(), rows)


def _with_rows(shell: bytes, rows: dict[str, Iterator[str]]) -> bytes:
    """The workbook ``shell`` with each named sheet's rows written after its header row."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(shell)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            sheet_rows = rows.get(info.filename)
            if sheet_rows is None:
                target.writestr(info, data)
                continue
            head, end, tail = data.decode("utf-8").rpartition("</sheetData>")
            if not end:
                raise RuntimeError(f"openpyxl wrote {info.filename} without a header row")
            with target.open(info.filename, "w") as member:
                member.write(head.encode("utf-8"))
                chunk: list[str] = []
                for row in sheet_rows:
                    chunk.append(row)
                    if len(chunk) == 2000:
                        member.write("".join(chunk).encode("utf-8", errors="replace"))
                        chunk.clear()
                member.write("".join(chunk).encode("utf-8", errors="replace"))
                member.write((end + tail).encode("utf-8"))
    return out.getvalue()


# --- Downloads --------------------------------------------------------------------------


def safe_filename_stem(text: str) -> str:
    """A safe file name (without extension) from ``text``: "Q2 2025/26 indicators" →
    "q2-2025-26-indicators"; "report" when nothing is left."""
    stem = slugify(text.replace("/", "-"))[:100].strip("-_")
    return stem or "report"


def download(
    table_or_tables: Table | Sequence[Table], fmt: str, filename_stem: str, *, title: str | None = None
) -> HttpResponse:
    """The table(s) as an attachment: ``fmt`` "csv" (exactly one table) or "xlsx". An
    unknown format is a 404 with the reason (the address names a download that does not
    exist); CSV of several tables is a ValueError (offer XLSX for the whole report).
    ``title`` heads the workbook's About sheet (default: the table's title, or the stem)."""
    tables = [table_or_tables] if isinstance(table_or_tables, Table) else list(table_or_tables)
    stem = safe_filename_stem(filename_stem)
    if fmt == "csv":
        if len(tables) != 1:
            raise ValueError(f"a CSV file holds one table, not {len(tables)}: offer XLSX for several")
        body, content_type = table_csv(tables[0]), CSV_CONTENT_TYPE
    elif fmt == "xlsx":
        heading = title or (tables[0].title if len(tables) == 1 else filename_stem)
        body, content_type = tables_xlsx(tables, title=heading), XLSX_CONTENT_TYPE
    else:
        raise Http404("Reports can be downloaded as CSV or XLSX only.")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}.{fmt}") or "attachment"
    return response
