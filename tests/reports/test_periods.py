"""reports/periods.py (SPEC §7): financial years from 1 April, their quarters, the spans
a report covers, and the two spellings of a period."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.periods import (
    PERIOD_FORMAT,
    QUARTER,
    YEAR,
    Period,
    ReportSpan,
    financial_year_of,
    last_complete_quarter,
    parse_period,
    parse_span,
)

D = dt.date
Q1, Q2, Q3, Q4 = (Period.quarter(2025, n) for n in (1, 2, 3, 4))
FY = Period.year(2025)

# ---------------------------------------------------------------------------
# Period.containing, month by month (2025/26 runs from 1 April 2025 to 31 March 2026)

MONTHS = [
    # month, calendar year, quarter number, quarter label
    (4, 2025, 1, "Q1 2025/26"),
    (5, 2025, 1, "Q1 2025/26"),
    (6, 2025, 1, "Q1 2025/26"),
    (7, 2025, 2, "Q2 2025/26"),
    (8, 2025, 2, "Q2 2025/26"),
    (9, 2025, 2, "Q2 2025/26"),
    (10, 2025, 3, "Q3 2025/26"),
    (11, 2025, 3, "Q3 2025/26"),
    (12, 2025, 3, "Q3 2025/26"),
    (1, 2026, 4, "Q4 2025/26"),
    (2, 2026, 4, "Q4 2025/26"),
    (3, 2026, 4, "Q4 2025/26"),
]


@pytest.mark.parametrize(("month", "year", "number", "label"), MONTHS, ids=[f"month-{m[0]:02d}" for m in MONTHS])
@pytest.mark.parametrize("day", [1, 15, 28], ids=["first", "middle", "late"])
def test_containing_each_month(month, year, number, label, day):
    quarter = Period.containing(D(year, month, day), QUARTER)
    assert quarter.label == label
    assert quarter.number == number
    assert quarter.first_year == 2025
    assert quarter.start <= D(year, month, day) <= quarter.end
    assert Period.containing(D(year, month, day), YEAR) == FY
    assert financial_year_of(D(year, month, day)) == 2025


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 3, 31), Period.quarter(2024, 4)),
        (D(2025, 4, 1), Q1),
        (D(2025, 6, 30), Q1),
        (D(2025, 7, 1), Q2),
        (D(2025, 12, 31), Q3),
        (D(2026, 1, 1), Q4),
        (D(2026, 3, 31), Q4),
        (D(2026, 4, 1), Period.quarter(2026, 1)),
    ],
    ids=lambda value: str(value),
)
def test_containing_at_the_quarter_boundaries(day, expected):
    assert Period.containing(day, QUARTER) == expected


# ---------------------------------------------------------------------------
# Labels, slugs, starts and ends

LABELS = [
    pytest.param(FY, "2025/26", "2025-26", D(2025, 4, 1), D(2026, 3, 31), id="year-2025-26"),
    pytest.param(Q1, "Q1 2025/26", "2025-26-q1", D(2025, 4, 1), D(2025, 6, 30), id="q1"),
    pytest.param(Q2, "Q2 2025/26", "2025-26-q2", D(2025, 7, 1), D(2025, 9, 30), id="q2"),
    pytest.param(Q3, "Q3 2025/26", "2025-26-q3", D(2025, 10, 1), D(2025, 12, 31), id="q3"),
    pytest.param(Q4, "Q4 2025/26", "2025-26-q4", D(2026, 1, 1), D(2026, 3, 31), id="q4-jan-to-mar-2026"),
    pytest.param(Period.year(1999), "1999/00", "1999-00", D(1999, 4, 1), D(2000, 3, 31), id="year-across-century"),
    pytest.param(Period.quarter(2009, 4), "Q4 2009/10", "2009-10-q4", D(2010, 1, 1), D(2010, 3, 31), id="q4-2009"),
]


@pytest.mark.parametrize(("period", "label", "slug", "start", "end"), LABELS)
def test_label_slug_start_and_end(period, label, slug, start, end):
    assert period.label == str(period) == label
    assert period.slug == slug
    assert period.start == start
    assert period.end == end


def test_a_year_has_no_quarter_number_and_its_four_quarters():
    assert FY.number == 0
    assert FY.quarters() == (Q1, Q2, Q3, Q4)
    assert Q2.quarters() == (Q2,)
    assert FY.year_label == Q3.year_label == "2025/26"


@pytest.mark.parametrize(
    ("first_year", "days"),
    [(2023, 366), (2024, 365), (2027, 366), (2099, 365)],
    ids=["2023-24-holds-29-feb-2024", "2024-25", "2027-28-holds-29-feb-2028", "2099-00-no-leap-2100"],
)
def test_a_year_ends_on_31_march_and_counts_leap_days(first_year, days):
    year = Period.year(first_year)
    assert year.end == D(first_year + 1, 3, 31)
    assert (year.end - year.start).days + 1 == days


def test_29_february_is_in_q4_which_ends_on_31_march():
    quarter = Period.containing(D(2024, 2, 29), QUARTER)
    assert quarter == Period.quarter(2023, 4)
    assert quarter.end == D(2024, 3, 31)
    assert (quarter.end - quarter.start).days + 1 == 91  # January 31 + February 29 + March 31
    assert (Period.quarter(2024, 4).end - Period.quarter(2024, 4).start).days + 1 == 90


# ---------------------------------------------------------------------------
# previous / next, across the year boundary

STEPS = [
    pytest.param(Q1, Period.quarter(2024, 4), Q2, id="q1-back-to-q4-of-last-year"),
    pytest.param(Q3, Q2, Q4, id="q3"),
    pytest.param(Q4, Q3, Period.quarter(2026, 1), id="q4-on-to-q1-of-next-year"),
    pytest.param(FY, Period.year(2024), Period.year(2026), id="year"),
    pytest.param(Period.year(1999), Period.year(1998), Period.year(2000), id="year-across-century"),
]


@pytest.mark.parametrize(("period", "previous", "following"), STEPS)
def test_previous_and_next(period, previous, following):
    assert period.previous() == previous
    assert period.next() == following
    assert period.previous().next() == period
    assert period.next().previous() == period
    assert period.previous().end + dt.timedelta(days=1) == period.start
    assert period.end + dt.timedelta(days=1) == period.next().start


def test_periods_order_by_their_start():
    assert sorted([Q4, Q1, Q3, Q2]) == [Q1, Q2, Q3, Q4]
    assert Period.year(2024) < FY


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda: Period(D(2025, 4, 2), YEAR), "a financial year starts on 1 April", id="year-not-1-april"),
        pytest.param(lambda: Period(D(2025, 1, 1), YEAR), "a financial year starts on 1 April", id="year-in-january"),
        pytest.param(lambda: Period(D(2025, 5, 1), QUARTER), "a quarter starts on 1 April", id="quarter-in-may"),
        pytest.param(lambda: Period(D(2025, 7, 2), QUARTER), "a quarter starts on 1 April", id="quarter-2-july"),
        pytest.param(lambda: Period.quarter(2025, 0), "a quarter is numbered 1 to 4", id="quarter-0"),
        pytest.param(lambda: Period.quarter(2025, 5), "a quarter is numbered 1 to 4", id="quarter-5"),
    ],
)
def test_a_period_must_start_where_periods_start(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_last_complete_quarter():
    assert last_complete_quarter(D(2025, 11, 14)) == Q2
    assert last_complete_quarter(D(2025, 10, 1)) == Q2
    assert last_complete_quarter(D(2025, 9, 30)) == Q1
    assert last_complete_quarter(D(2025, 4, 1)) == Period.quarter(2024, 4)


# ---------------------------------------------------------------------------
# parse_period: every accepted spelling, and the refusals

SPELLINGS = [
    ("2025/26", FY),
    ("2025-26", FY),
    ("2025 / 26", FY),
    ("  2025/26  ", FY),
    ("Q2 2025/26", Q2),
    ("q2 2025/26", Q2),
    ("Q2 2025-26", Q2),
    ("Q2   2025/26", Q2),
    ("2025/26 Q2", Q2),
    ("2025/26 q2", Q2),
    ("2025/26Q2", Q2),
    ("2025-26-q2", Q2),
    ("2025-26-Q2", Q2),
    ("2025-26 - q2", Q2),
    ("Q4 2025/26", Q4),
    ("2025-26-q1", Q1),
    ("1999/00", Period.year(1999)),
    ("Q4 1999/00", Period.quarter(1999, 4)),
    ("1900/01", Period.year(1900)),
    ("2200/01", Period.year(2200)),
]


@pytest.mark.parametrize(("text", "expected"), SPELLINGS, ids=[repr(text) for text, _ in SPELLINGS])
def test_parse_period_reads_every_spelling(text, expected):
    assert parse_period(text) == expected


REFUSALS = [
    pytest.param("2025/27", "the second year must follow the first", id="second-year-does-not-follow"),
    pytest.param("2025/25", "the second year must follow the first", id="same-year-twice"),
    pytest.param("Q2 2025/27", "the second year must follow the first", id="quarter-of-a-non-year"),
    pytest.param("Q5 2025/26", "is not a period", id="q5"),
    pytest.param("Q0 2025/26", "is not a period", id="q0"),
    pytest.param("2025-26-q5", "is not a period", id="slug-q5"),
    pytest.param("", "is not a period", id="empty"),
    pytest.param("   ", "is not a period", id="blank"),
    pytest.param("abc", "is not a period", id="abc"),
    pytest.param("2025", "is not a period", id="one-year"),
    pytest.param("2025/2026", "is not a period", id="four-digit-second-year"),
    pytest.param("25/26", "is not a period", id="two-digit-first-year"),
    pytest.param("Q2", "is not a period", id="quarter-without-year"),
    pytest.param("q2-2025/26", "is not a period", id="quarter-dash-year"),
    pytest.param("2025/26 Q2 extra", "is not a period", id="trailing-text"),
    pytest.param("1899/00", "outside the years Accord reports on", id="before-1900"),
    pytest.param("2201/02", "outside the years Accord reports on", id="after-2200"),
]


@pytest.mark.parametrize(("text", "message"), REFUSALS)
def test_parse_period_refuses_with_a_reason(text, message):
    with pytest.raises(ValueError, match=message):
        parse_period(text)


def test_the_refusal_names_the_expected_form():
    with pytest.raises(ValueError) as caught:
        parse_period("abc")
    assert str(caught.value) == f"'abc' is not a period: write {PERIOD_FORMAT}"


def test_very_long_text_is_refused_with_a_short_message():
    with pytest.raises(ValueError, match="is not a period") as caught:
        parse_period("x" * 100_000)
    assert len(str(caught.value)) < 200


# ---------------------------------------------------------------------------
# ReportSpan and parse_span


def test_a_year_span():
    span = ReportSpan.of(FY)
    assert span.kind == "year"
    assert span.quarters() == tuple(span) == (Q1, Q2, Q3, Q4)
    assert (span.start, span.end) == (D(2025, 4, 1), D(2026, 3, 31))
    assert span.label == "Financial year 2025/26"
    assert span.slug == "2025-26"
    assert span.periods(QUARTER) == (Q1, Q2, Q3, Q4)
    assert span.periods(YEAR) == (FY,)
    assert span.previous() == ReportSpan.of(Period.year(2024))


def test_a_quarter_span():
    span = ReportSpan.of(Q2)
    assert span.kind == "quarter"
    assert span.quarters() == (Q2,)
    assert (span.start, span.end) == (D(2025, 7, 1), D(2025, 9, 30))
    assert span.label == "Q2 2025/26"
    assert span.slug == "2025-26-q2"
    assert span.periods(YEAR) == ()  # no financial year ends within July to September
    assert span.previous() == ReportSpan.of(Q1)
    assert ReportSpan.of(Q1).previous() == ReportSpan.of(Period.quarter(2024, 4))


def test_the_q4_span_holds_the_year_that_ends_in_it():
    assert ReportSpan.of(Q4).periods(YEAR) == (FY,)


def test_a_rolling_span_is_the_four_quarters_to_its_last():
    span = ReportSpan.rolling(Q2)
    assert span.quarters() == (Period.quarter(2024, 3), Period.quarter(2024, 4), Q1, Q2)
    assert (span.start, span.end) == (D(2024, 10, 1), D(2025, 9, 30))
    assert span.label == "The four quarters to Q2 2025/26"
    assert span.slug == "rolling-2025-26-q2"


def test_a_rolling_span_previous_is_the_four_quarters_before_it():
    previous = ReportSpan.rolling(Q2).previous()
    assert previous == ReportSpan.rolling(Period.quarter(2024, 2))
    assert previous.quarters() == (
        Period.quarter(2023, 3),
        Period.quarter(2023, 4),
        Period.quarter(2024, 1),
        Period.quarter(2024, 2),
    )
    assert previous.end + dt.timedelta(days=1) == ReportSpan.rolling(Q2).start


@pytest.mark.parametrize(
    ("last", "years"),
    [
        pytest.param(Q2, (Period.year(2024),), id="to-q2-holds-2024-25-ending-31-march-2025"),
        pytest.param(Q1, (Period.year(2024),), id="to-q1"),
        pytest.param(Q3, (Period.year(2024),), id="to-q3"),
        pytest.param(Q4, (FY,), id="to-q4-is-the-year-itself"),
    ],
)
def test_a_rolling_span_holds_the_one_year_that_ends_in_it(last, years):
    span = ReportSpan.rolling(last)
    assert span.periods(YEAR) == years
    assert all(span.start <= year.end <= span.end for year in years)
    assert span.periods(QUARTER) == span.quarters()


def test_a_rolling_span_ends_with_a_quarter():
    with pytest.raises(ValueError, match="rolling four quarters end with a quarter"):
        ReportSpan.rolling(FY)


SPANS = [
    ("2025-26", ReportSpan.of(FY)),
    ("2025/26", ReportSpan.of(FY)),
    ("2025-26-q2", ReportSpan.of(Q2)),
    ("Q2 2025/26", ReportSpan.of(Q2)),
    ("rolling-2025-26-q2", ReportSpan.rolling(Q2)),
    ("ROLLING-2025-26-Q2", ReportSpan.rolling(Q2)),
    (" rolling-2025-26-q4 ", ReportSpan.rolling(Q4)),
]


@pytest.mark.parametrize(("text", "expected"), SPANS, ids=[repr(text) for text, _ in SPANS])
def test_parse_span(text, expected):
    assert parse_span(text) == expected
    assert parse_span(expected.slug) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("rolling-2025-26", "rolling four quarters end with a quarter", id="rolling-year"),
        pytest.param("rolling-", "is not a period", id="rolling-nothing"),
        pytest.param("rolling-abc", "is not a period", id="rolling-abc"),
        pytest.param("", "is not a period", id="empty"),
        pytest.param("2025-27", "the second year must follow the first", id="bad-year"),
    ],
)
def test_parse_span_refuses_with_a_reason(text, message):
    with pytest.raises(ValueError, match=message):
        parse_span(text)


# ---------------------------------------------------------------------------
# Properties

years = st.integers(min_value=1900, max_value=2200)
periods = st.one_of(
    years.map(Period.year),
    st.builds(Period.quarter, years, st.integers(min_value=1, max_value=4)),
)
days = st.dates(min_value=D(1900, 4, 1), max_value=D(2200, 12, 31))


@given(periods)
def test_parse_period_round_trips_slug_and_label(period):
    assert parse_period(period.slug) == period
    assert parse_period(period.label) == period
    assert parse_period(period.label.lower()) == period
    assert parse_period(period.slug.upper()) == period


@given(days, st.sampled_from([QUARTER, YEAR]))
def test_the_containing_period_contains_the_day(day, kind):
    period = Period.containing(day, kind)
    assert period.start <= day <= period.end
    assert period.kind == kind
    assert period.next().start == period.end + dt.timedelta(days=1)


@given(st.builds(Period.quarter, years, st.integers(min_value=1, max_value=4)))
def test_a_rolling_span_is_four_consecutive_quarters(quarter):
    span = ReportSpan.rolling(quarter)
    quarters = span.quarters()
    assert len(quarters) == 4 and quarters[-1] == quarter
    assert all(a.next() == b for a, b in zip(quarters, quarters[1:], strict=False))
    assert parse_span(span.slug) == span
    assert span.previous().quarters()[-1].next() == quarters[0]
