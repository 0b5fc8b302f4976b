"""Reading a CSV upload of actuals (reports/imports.py): every problem of every row,
with its row number as a spreadsheet shows it (the header is row 1); the file as a
whole refused in one sentence when it is too big, not UTF-8, has no header or too
many rows. Nothing here writes: values_import does, all or none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from reports import imports
from reports.imports import NumberError, parse_number, read_upload, read_values
from reports.periods import Period
from tests.reports.conftest import make_indicator

from .conftest import NOW

HEADER = "indicator_code,period,value,provisional,note\n"
Q1, Q2, Q3, Q4 = (Period.quarter(2025, n) for n in (1, 2, 3, 4))  # NOW is in Q3 2025/26

pytestmark = pytest.mark.django_db


def check(partnership, body: str, *, header: str = HEADER, bom: bool = False) -> imports.CheckedUpload:
    data = (header + body).encode()
    return read_values(b"\xef\xbb\xbf" + data if bom else data, partnership=partnership, now=NOW)


def messages(checked: imports.CheckedUpload) -> list[str]:
    return [str(error) for error in checked.errors]


def refusal(partnership, data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        read_values(data, partnership=partnership, now=NOW)
    return " ".join(caught.value.messages)


# ---------------------------------------------------------------------------
# Numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("67.5", "67.5"),
        (" 1,234 ", "1234"),
        ("-3", "-3"),
        ("12.5%", "12.5"),
        ("0.0001", "0.0001"),
        (".5", "0.5"),
        ("1,234,567.25", "1234567.25"),
        ("99,999,999,999.9999", "99999999999.9999"),  # the largest figure
    ],
)
def test_numbers_are_read_as_officers_type_them(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", "blank"),
        ("abc", "not_number"),
        ("1e5", "not_number"),
        ("NaN", "not_number"),
        ("Infinity", "not_number"),
        ("1.2.3", "not_number"),
        ("1.23456", "places"),
        ("1000000000000", "too_big"),
        ("100000000000", "too_big"),  # 16 significant digits with the places: not exact on SQLite
        ("-100000000000", "too_big"),
        ("1,2,3", "not_number"),  # commas only between groups of three
        ("12,34", "not_number"),
        (",123", "not_number"),
        ("\u0665", "not_number"),  # an Arabic-Indic five
        ("\uff15", "not_number"),  # a full-width five
    ],
)
def test_what_is_not_a_stored_figure_says_why(text: str, kind: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    assert caught.value.kind == kind


def test_number_messages_are_gov_uk_sentences() -> None:
    assert imports.number_message(NumberError("not_number", "x")) == "Enter the value as a number, like 67.5"
    assert imports.number_message(NumberError("places", "x"), "the target") == (
        "The target must have no more than 4 decimal places"
    )
    assert imports.number_message(NumberError("too_big", "x")) == "The value must be less than 100,000,000,000"


# ---------------------------------------------------------------------------
# Good files


def test_a_good_file_gives_one_checked_row_per_line(partnership, indicator, yearly_indicator) -> None:
    checked = check(
        partnership,
        "NI 8,Q1 2025/26,61.5,yes,First estimate\n"
        "ni 8,2025-26-q2,62,no,\n"  # any case, the slug spelling
        "NI 39,2024/25,1200,,\n"  # yearly; blank provisional is no
        "NI 8,Q3 2025/26,63,TRUE\n",  # the current quarter has begun; a short row is padded
    )
    assert messages(checked) == []
    rows = [(row.line, row.indicator.code, row.period, row.value, row.provisional, row.note) for row in checked.rows]
    assert rows == [
        (2, "NI 8", Q1, Decimal("61.5"), True, "First estimate"),
        (3, "NI 8", Q2, Decimal("62"), False, ""),
        (4, "NI 39", Period.year(2024), Decimal("1200"), False, ""),
        (5, "NI 8", Q3, Decimal("63"), True, ""),
    ]


def test_a_byte_order_mark_and_windows_line_ends_are_read(partnership, indicator) -> None:
    data = b"\xef\xbb\xbfindicator_code,period,value,provisional,note\r\nNI 8,Q1 2025/26,61.5,no,\r\n"
    checked = read_values(data, partnership=partnership, now=NOW)
    assert messages(checked) == [] and len(checked.rows) == 1


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_the_spreadsheet(partnership, indicator) -> None:
    checked = check(partnership, "NI 8,Q1 2025/26,61.5,,\n,,,,\n\nNI 8,Q2 2025/26,oops,,\n")
    assert messages(checked) == ["Row 5: the value 'oops' is not a number: write it like 67.5"]


def test_a_quoted_note_may_hold_commas(partnership, indicator) -> None:
    checked = check(partnership, 'NI 8,Q1 2025/26,61.5,no,"Revised, after audit"\n')
    assert checked.rows[0].note == "Revised, after audit"


def test_trailing_empty_cells_are_not_extra_columns(partnership, indicator) -> None:
    checked = check(
        partnership, "NI 8,Q1 2025/26,61.5,no,,,\n", header="indicator_code,period,value,provisional,note,,\n"
    )
    assert messages(checked) == [] and len(checked.rows) == 1


# ---------------------------------------------------------------------------
# Every problem of every row


def test_every_problem_is_listed_with_its_row_number(partnership, indicator, yearly_indicator, other_indicator) -> None:
    checked = check(
        partnership,
        "NI 999,Q1 2025/26,61.5,,\n"  # row 2: unknown code
        "NI 141,Q1 2025/26,61.5,,\n"  # row 3: another partnership's indicator
        "NI 8,Q5 2025/26,61.5,,\n"  # row 4: not a period
        "NI 8,2025/26,61.5,,\n"  # row 5: a year for a quarterly indicator
        "NI 39,Q1 2025/26,3,,\n"  # row 6: a quarter for a yearly indicator
        "NI 8,Q4 2025/26,61.5,,\n"  # row 7: has not begun
        "NI 8,Q1 2025/26,sixty,,\n"  # row 8: not a number
        "NI 8,Q2 2025/26,62,maybe,\n"  # row 9: provisional
        "NI 8,Q2 2025/26,63,,\n"  # row 10: the same indicator and period as row 9
        "NI 8,Q1 2024/25,1,no,note,extra\n"  # row 11: too many columns
        ",,5,,\n"  # row 12: no code, no period
        "NI 8,Q3 2025/26,1.23456,,\n",  # row 13: too many decimal places
    )
    found = messages(checked)
    assert found == [
        "Row 2: there is no indicator with the code 'NI 999' in Health and Well-Being Partnership",
        "Row 3: there is no indicator with the code 'NI 141' in Health and Well-Being Partnership",
        "Row 4: 'Q5 2025/26' is not a period: write a financial year like 2025/26 or a quarter like Q2 2025/26",
        "Row 5: NI 8 is reported quarterly: give a quarter like Q2 2025/26.",
        "Row 6: NI 39 is reported yearly (financial year): give a financial year like 2025/26.",
        "Row 7: Q4 2025/26 has not begun yet, so it has no actual figure to record.",
        "Row 8: the value 'sixty' is not a number: write it like 67.5",
        "Row 9: provisional must be yes, no, true, false or left blank, not 'maybe'",
        "Row 10: NI 8 for Q2 2025/26 is also on row 9: give one figure for each indicator and period",
        "Row 11: it has 6 columns, but the file has 5: indicator_code, period, value, provisional, note",
        "Row 12: enter the indicator code",
        "Row 12: enter the period, as a financial year like 2025/26 or a quarter like Q2 2025/26",
        "Row 13: the value must have no more than 4 decimal places",
    ]
    assert checked.rows == ()  # row 9 has a problem too, so none of its figures is kept


def test_a_code_two_indicators_share_but_for_capitals_matches_neither(partnership, indicator) -> None:
    """Kept from before the forms refused such codes: the row is not recorded against
    whichever indicator came last."""
    make_indicator(partnership, "ni  8", title="A look-alike")
    checked = check(partnership, "NI 8,Q1 2025/26,77.7,,\n")
    assert checked.rows == ()
    assert messages(checked) == [
        "Row 2: more than one indicator of Health and Well-Being Partnership has the code 'NI 8' "
        "(ignoring capitals and spaces): give them distinct codes first"
    ]


def test_a_row_with_several_problems_lists_each(partnership) -> None:
    checked = check(partnership, "NI 404,someday,lots,perhaps,\n")
    assert [error.line for error in checked.errors] == [2, 2, 2, 2]


def test_a_long_note_is_refused(partnership, indicator) -> None:
    checked = check(partnership, f"NI 8,Q1 2025/26,1,,{'x' * 501}\n")
    assert messages(checked) == ["Row 2: the note must be 500 characters or fewer"]


# ---------------------------------------------------------------------------
# The file as a whole


def test_a_wrong_header_is_refused(partnership, indicator) -> None:
    message = refusal(partnership, b"code,period,value\nNI 8,Q1 2025/26,1\n")
    assert message == "The first row of the file must be the header indicator_code,period,value,provisional,note"


def test_a_file_without_a_header_is_refused(partnership, indicator) -> None:
    assert "must be the header" in refusal(partnership, b"NI 8,Q1 2025/26,61.5,no,\n")


def test_an_empty_file_and_a_header_alone_are_refused(partnership) -> None:
    assert refusal(partnership, b"") == "The selected file is empty"
    assert refusal(partnership, b"\xef\xbb\xbf  \n") == "The selected file is empty"
    assert refusal(partnership, HEADER.encode()) == "The file has no figures: add them in the rows under the header"


def test_a_file_not_in_utf8_is_refused(partnership, indicator) -> None:
    data = (HEADER + "NI 8,Q1 2025/26,1,no,Caf\xe9\n").encode("latin-1")
    assert refusal(partnership, data) == (
        "The selected file must be a CSV file saved as UTF-8 (in Excel, save it as 'CSV UTF-8')"
    )


def test_more_than_5000_rows_are_refused(partnership, indicator) -> None:
    body = "".join(f"NI 8,Q1 {2000 + n % 25}/{(2001 + n % 25) % 100:02d},{n},,\n" for n in range(5001))
    assert refusal(partnership, (HEADER + body).encode()) == (
        "The file must have 5,000 rows of figures or fewer: it has 5,001"
    )


def test_5000_rows_are_checked_with_one_query(partnership, indicator, django_assert_num_queries) -> None:
    body = "".join(f"NI 8,Q1 2025/26,{n},,\n" for n in range(5000))
    with django_assert_num_queries(1):
        checked = check(partnership, body)
    assert len(checked.errors) == 4999  # the same period again and again: each duplicate listed


def test_an_upload_over_2_mb_is_refused_before_it_is_read(partnership) -> None:
    upload = SimpleUploadedFile("big.csv", b"x" * (2 * 1024 * 1024 + 1), content_type="text/csv")
    with pytest.raises(ValidationError) as caught:
        read_upload(upload, partnership=partnership, now=NOW)
    assert caught.value.messages == ["The selected file must be smaller than 2 MB"]


# ---------------------------------------------------------------------------
# Errors from values_import, and the template


def test_row_errors_from_the_action_keep_their_row_numbers() -> None:
    error = ValidationError(["Row 4: NI 8 is reported quarterly.", "Something else"])
    assert imports.row_errors_from(error) == [
        imports.RowError(4, "NI 8 is reported quarterly."),
        imports.RowError(None, "Something else"),
    ]


def test_the_template_has_the_header_and_a_row_per_indicator(partnership, indicator, yearly_indicator) -> None:
    text = imports.template_csv([indicator, yearly_indicator], dt.date(2025, 11, 14))
    assert text.startswith("\ufeffindicator_code,period,value,provisional,note\r\n")
    assert "NI 8,Q2 2025/26,,no,\r\n" in text
    assert "NI 39,2024/25,,no,\r\n" in text
    checked = read_values(text.encode(), partnership=partnership, now=NOW)
    assert {str(error) for error in checked.errors} == {
        "Row 2: enter the value as a number, like 67.5",
        "Row 3: enter the value as a number, like 67.5",
    }
