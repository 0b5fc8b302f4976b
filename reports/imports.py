"""Reading a CSV upload of indicator actuals (SPEC §7) into checked rows for
actions.values_import, and the template officers fill in.

The file is UTF-8 (with or without the byte order mark Excel writes), at most 2 MB and
5,000 rows of figures under one header row::

    indicator_code,period,value,provisional,note

A problem with the file as a whole (too big, not UTF-8, no header, too many rows) is
one message. Otherwise every row is checked and every problem is listed with its row
number, as a spreadsheet numbers it (the header is row 1): an unknown indicator code,
a period that cannot be read, is of the wrong kind or has not begun, a value that is
not a number, the same indicator and period twice in the file, too many columns. The
upload is imported only when no row has a problem (values_import writes all or none,
and checks the periods again).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from partnerships.models import Partnership

from .actions import ValueRow, check_value
from .models import DECIMAL_PLACES, LARGEST_FIGURE, Indicator
from .periods import PERIOD_FORMAT, QUARTER, Period, last_complete_quarter, parse_period

COLUMNS = ("indicator_code", "period", "value", "provisional", "note")
HEADER = ",".join(COLUMNS)
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
NOTE_MAX = 500
YES = frozenset({"yes", "true"})
NO = frozenset({"no", "false", ""})

# ---------------------------------------------------------------------------
# Numbers, as officers type them: 67.5, 1,234, -3, 12.5%


class NumberError(ValueError):
    """Why a text is not a figure Accord stores: ``kind`` is "blank", "not_number",
    "places" or "too_big"."""

    def __init__(self, kind: str, text: str) -> None:
        super().__init__(kind)
        self.kind, self.text = kind, text


# ASCII digits only (not Arabic-Indic or full-width ones); commas only between groups
# of three, so "1,234.5" is a number and "1,2,3" a mistake.
_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$")
LARGEST = LARGEST_FIGURE  # 100,000,000,000


def parse_number(text: str) -> Decimal:
    """A figure from text: thousands commas, spaces and a trailing % are allowed; at
    most four decimal places and less than a trillion either way."""
    cleaned = (text or "").strip().removesuffix("%").replace(" ", "")
    if not cleaned:
        raise NumberError("blank", text)
    if "," in cleaned:
        if not _GROUPED.match(cleaned):
            raise NumberError("not_number", text)
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.match(cleaned):
        raise NumberError("not_number", text)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise NumberError("not_number", text) from None
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DECIMAL_PLACES:
        raise NumberError("places", text)
    if abs(value) >= LARGEST:
        raise NumberError("too_big", text)
    return value


def number_message(error: NumberError, what: str = "the value") -> str:
    """The GOV.UK sentence for a figure that cannot be stored."""
    subject = what[:1].upper() + what[1:]
    if error.kind in ("blank", "not_number"):
        return f"Enter {what} as a number, like 67.5"
    if error.kind == "places":
        return f"{subject} must have no more than {DECIMAL_PLACES} decimal places"
    return f"{subject} must be less than {LARGEST:,}"


# ---------------------------------------------------------------------------
# The upload


@dataclass(frozen=True)
class RowError:
    """A problem with one row of the file; ``line`` is its spreadsheet row number."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"Row {self.line}: {self.message}" if self.line is not None else self.message


_ROW_PREFIX = re.compile(r"^Row (\d+): (.*)$", re.DOTALL)


def row_errors_from(error: ValidationError) -> list[RowError]:
    """The "Row N: …" messages of a ValidationError (values_import's) as RowErrors."""
    found = []
    for message in error.messages:
        match = _ROW_PREFIX.match(message)
        found.append(RowError(int(match[1]), match[2]) if match else RowError(None, message))
    return found


@dataclass(frozen=True)
class CheckedUpload:
    rows: tuple[ValueRow, ...]
    errors: tuple[RowError, ...]


def read_upload(upload: UploadedFile, *, partnership: Partnership, now: dt.datetime) -> CheckedUpload:
    """Check an uploaded file. A problem with the file as a whole raises ValidationError
    (one GOV.UK sentence); the rows' problems are returned, every one of them."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if size > MAX_BYTES:
        raise ValidationError("The selected file must be smaller than 2 MB", code="too_big")
    upload.seek(0)
    return read_values(upload.read(MAX_BYTES + 1), partnership=partnership, now=now)


def read_values(data: bytes, *, partnership: Partnership, now: dt.datetime) -> CheckedUpload:
    """Check the bytes of a CSV file of actuals for ``partnership`` (see the module)."""
    if len(data) > MAX_BYTES:
        raise ValidationError("The selected file must be smaller than 2 MB", code="too_big")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "The selected file must be a CSV file saved as UTF-8 (in Excel, save it as 'CSV UTF-8')",
            code="encoding",
        ) from None
    if not text.strip():
        raise ValidationError("The selected file is empty", code="empty")
    try:
        records = [(number, cells) for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1)]
    except csv.Error:
        raise ValidationError("The selected file could not be read as a CSV file", code="not_csv") from None
    header = [cell.strip().lower() for cell in records[0][1]]
    while header and not header[-1]:
        header.pop()
    if tuple(header) != COLUMNS:
        raise ValidationError(f"The first row of the file must be the header {HEADER}", code="header")
    body = [(number, cells) for number, cells in records[1:] if any(cell.strip() for cell in cells)]
    if not body:
        raise ValidationError("The file has no figures: add them in the rows under the header", code="no_rows")
    if len(body) > MAX_ROWS:
        raise ValidationError(
            f"The file must have {MAX_ROWS:,} rows of figures or fewer: it has {len(body):,}", code="too_many_rows"
        )
    return check_rows(body, partnership=partnership, now=now)


def code_key(code: str) -> str:
    """A code as the upload matches it: case and spacing ignored ("ni  8" is "NI 8")."""
    return " ".join(code.split()).casefold()


def check_rows(
    rows: Iterable[tuple[int, Sequence[str]]], *, partnership: Partnership, now: dt.datetime
) -> CheckedUpload:
    """Check each (row number, cells) and list every problem; one query for the codes."""
    indicators: dict[str, Indicator | None] = {}
    for indicator in Indicator.objects.filter(partnership=partnership):
        key = code_key(indicator.code)
        # Two codes alike but for case or spacing (kept from before the forms refused
        # them): a row naming them matches neither rather than one by chance.
        indicators[key] = None if key in indicators else indicator
    checked: list[ValueRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, dt.date], int] = {}
    for line, cells in rows:
        problems = _check_row(line, list(cells), indicators, partnership, now, seen, checked)
        errors.extend(RowError(line, problem) for problem in problems)
    return CheckedUpload(tuple(checked), tuple(errors))


def _check_row(
    line: int,
    cells: list[str],
    indicators: dict[str, Indicator | None],
    partnership: Partnership,
    now: dt.datetime,
    seen: dict[tuple[int, dt.date], int],
    checked: list[ValueRow],
) -> list[str]:
    if len(cells) > len(COLUMNS) and any(cell.strip() for cell in cells[len(COLUMNS) :]):
        return [f"it has {len(cells)} columns, but the file has {len(COLUMNS)}: {', '.join(COLUMNS)}"]
    code, period_text, value_text, provisional_text, note = (cells + [""] * len(COLUMNS))[: len(COLUMNS)]
    problems: list[str] = []

    indicator = None
    if not code.strip():
        problems.append("enter the indicator code")
    else:
        code_seen = code_key(code)
        indicator = indicators.get(code_seen)
        if code_seen in indicators and indicator is None:
            problems.append(
                f"more than one indicator of {partnership.name} has the code '{code.strip()[:40]}' "
                "(ignoring capitals and spaces): give them distinct codes first"
            )
        elif indicator is None:
            problems.append(f"there is no indicator with the code '{code.strip()[:40]}' in {partnership.name}")

    period = None
    if not period_text.strip():
        problems.append(f"enter the period, as {PERIOD_FORMAT}")
    else:
        try:
            period = parse_period(period_text)
        except ValueError as error:
            problems.append(str(error))
    if indicator is not None and period is not None:
        try:
            check_value(indicator, period, now)  # the action's own rule: the kind, and begun
        except ValidationError as error:
            problems.extend(_lower_first(message) for message in error.messages)
            period = None

    value = None
    try:
        value = parse_number(value_text)
    except NumberError as error:
        if error.kind == "not_number":
            problems.append(f"the value '{value_text.strip()[:40]}' is not a number: write it like 67.5")
        else:
            problems.append(_lower_first(number_message(error)))

    provisional = provisional_text.strip().lower()
    if provisional not in YES | NO:
        problems.append(
            f"provisional must be yes, no, true, false or left blank, not '{provisional_text.strip()[:20]}'"
        )
    if len(note.strip()) > NOTE_MAX:
        problems.append(f"the note must be {NOTE_MAX} characters or fewer")

    if indicator is not None and period is not None:
        key = (indicator.pk, period.start)
        if key in seen:
            problems.append(
                f"{indicator.code} for {period} is also on row {seen[key]}: give one figure for each indicator and period"
            )
        else:
            seen[key] = line
    if not problems and indicator is not None and period is not None and value is not None:
        checked.append(ValueRow(line, indicator, period, value, provisional in YES, note.strip()))
    return problems


def _lower_first(text: str) -> str:
    """ "Enter …" as it reads after "Row 4: "; an indicator code ("NI 8 is …") is kept."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.isalpha() and first[1:].islower() else text


# ---------------------------------------------------------------------------
# The template


def template_csv(indicators: Iterable[Indicator], today: dt.date) -> str:
    """The header and one row per indicator for its last complete period, the value to
    fill in. With a byte order mark, so that Excel opens it as UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    quarter = last_complete_quarter(today)
    year = Period.containing(today, "year").previous()
    for indicator in indicators:
        period = quarter if indicator.period_kind == QUARTER else year
        writer.writerow([indicator.code, period.label, "", "no", ""])
    return out.getvalue()
