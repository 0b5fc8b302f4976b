"""The paper deadline contract (SPEC §9) and its properties. No database."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.working_days import (
    CALENDARS,
    DeadlineRule,
    clear_days_deadline,
    governing_deadline,
    is_working_day,
    paper_deadline,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("meeting", "working_days", "calendar", "deadline"),
    [
        # An ordinary fortnight: ten weekdays back from a Thursday.
        (D(2026, 11, 26), 10, "ENG", D(2026, 11, 12)),
        # Easter 2026 (Good Friday 3 April, Easter Monday 6 April) is skipped.
        (D(2026, 4, 16), 10, "ENG", D(2026, 3, 31)),
        # One-off bank holidays: the coronation (8 May 2023) ...
        (D(2023, 5, 12), 10, "ENG", D(2023, 4, 26)),
        # ... and the State Funeral of Queen Elizabeth II (19 September 2022).
        (D(2022, 9, 23), 5, "ENG", D(2022, 9, 15)),
        # Christmas with substitute days: 25 Dec 2026 is a Friday, 26 Dec a Saturday
        # (substitute Monday 28th).
        (D(2027, 1, 5), 5, "ENG", D(2026, 12, 24)),
        # Scotland keeps 2 January and St Andrew's Day (30 Nov 2026 is a Monday).
        (D(2026, 12, 3), 3, "SCT", D(2026, 11, 27)),
        (D(2026, 12, 3), 3, "ENG", D(2026, 11, 30)),
        (D(2027, 1, 6), 2, "SCT", D(2026, 12, 31)),
        (D(2027, 1, 6), 2, "ENG", D(2027, 1, 4)),
        # Northern Ireland: St Patrick's Day (17 March 2027 is a Wednesday).
        (D(2027, 3, 19), 3, "NIR", D(2027, 3, 15)),
        (D(2027, 3, 19), 3, "WLS", D(2027, 3, 16)),
        # A meeting on a Monday: the weekend before it does not count.
        (D(2026, 11, 30), 1, "ENG", D(2026, 11, 27)),
        # Zero working days: the meeting day itself.
        (D(2026, 11, 26), 0, "ENG", D(2026, 11, 26)),
    ],
)
def test_paper_deadline_steps_back_working_days(meeting, working_days, calendar, deadline):
    assert paper_deadline(meeting, working_days, calendar) == deadline


def test_default_is_ten_working_days_in_england():
    assert paper_deadline(D(2026, 11, 26)) == paper_deadline(D(2026, 11, 26), 10, "ENG")


def test_holidays_can_be_given_as_an_argument():
    assert paper_deadline(D(2026, 11, 26), 1, holidays={D(2026, 11, 25)}) == D(2026, 11, 24)


def test_unknown_calendar_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="Unknown calendar 'GB'"):
        paper_deadline(D(2026, 11, 26), 10, "GB")


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        paper_deadline(D(2026, 11, 26), -1)


def test_clear_days_exclude_publication_and_meeting_day():
    # Meeting Thursday 26th, counting calendar days: 21st-25th are the five clear days,
    # so publish by the 20th.
    assert clear_days_deadline(D(2026, 11, 26), working=False) == D(2026, 11, 20)


def test_stricter_deadline_governs_for_a_council_committee():
    meeting = D(2026, 11, 26)
    assert governing_deadline(meeting, 10, council_committee=True) == D(2026, 11, 12)
    # With a short partnership rule the statutory five clear (working) days are stricter.
    assert governing_deadline(meeting, 2, council_committee=True) == D(2026, 11, 18)
    assert governing_deadline(meeting, 2, council_committee=True, clear_days_working=False) == D(2026, 11, 20)
    assert governing_deadline(meeting, 2, council_committee=False) == D(2026, 11, 24)


# ---------------------------------------------------------------------------
# Rule 9: clear days (SPEC §9 "Rule readings"): the day of publication and the day of
# the meeting never count; with the working-day reading (the default) weekends and the
# nation's bank holidays do not count either.


@pytest.mark.parametrize(
    ("meeting", "calendar", "working", "calendar_days"),
    [
        # Thursday 26 Nov 2026: 25, 24, 23, 20, 19 Nov are clear; calendar: 21-25 Nov.
        (D(2026, 11, 26), "ENG", D(2026, 11, 18), D(2026, 11, 20)),
        # A Monday meeting: the weekend before it is not clear; the Sunday before the
        # five clear days is the last day to publish.
        (D(2026, 11, 30), "ENG", D(2026, 11, 22), D(2026, 11, 24)),
        # Easter 2026 (Good Friday 3 April, Easter Monday 6 April) does not count.
        (D(2026, 4, 9), "ENG", D(2026, 3, 30), D(2026, 4, 3)),
        # Christmas 2026 with substitute days, and New Year's Day 2027.
        (D(2027, 1, 5), "ENG", D(2026, 12, 23), D(2026, 12, 30)),
        # Scotland's 2 January (substitute Monday 4 January 2027) is not a clear day.
        (D(2027, 1, 6), "SCT", D(2026, 12, 23), D(2026, 12, 31)),
        (D(2027, 1, 6), "ENG", D(2026, 12, 28), D(2026, 12, 31)),
        # St Patrick's Day (Wednesday 17 March 2027) only in Northern Ireland.
        (D(2027, 3, 19), "NIR", D(2027, 3, 10), D(2027, 3, 13)),
        (D(2027, 3, 19), "WLS", D(2027, 3, 11), D(2027, 3, 13)),
    ],
)
def test_rule_9_clear_days_table(meeting, calendar, working, calendar_days):
    assert clear_days_deadline(meeting, 5, calendar) == working  # working days: the default
    assert clear_days_deadline(meeting, 5, calendar, working=True) == working
    assert clear_days_deadline(meeting, 5, calendar, working=False) == calendar_days


def test_rule_9_clear_days_take_a_holiday_list_and_refuse_bad_input():
    # A one-off holiday given as an argument (Wednesday 25 Nov) is not a clear day.
    assert clear_days_deadline(D(2026, 11, 26), holidays={D(2026, 11, 25)}) == D(2026, 11, 17)
    assert clear_days_deadline(D(2026, 11, 26), 0) == D(2026, 11, 25)  # none: the day before
    with pytest.raises(ValueError, match="Unknown calendar"):
        clear_days_deadline(D(2026, 11, 26), 5, "GB")
    with pytest.raises(ValueError):
        clear_days_deadline(D(2026, 11, 26), -1)


def test_rule_9_the_deadline_rule_value_reads_the_board_setting():
    working = DeadlineRule(working_days=2, council_committee=True)
    counting_every_day = DeadlineRule(working_days=2, council_committee=True, clear_days_working=False)
    assert working.statutory_deadline(D(2026, 11, 26)) == D(2026, 11, 18)
    assert counting_every_day.statutory_deadline(D(2026, 11, 26)) == D(2026, 11, 20)
    assert DeadlineRule().statutory_deadline(D(2026, 11, 26)) is None  # not a council committee
    assert working.governing_deadline(D(2026, 11, 26)) == D(2026, 11, 18)


clear_counts = st.integers(min_value=0, max_value=15)


@given(
    meeting=st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31)),
    n=clear_counts,
    calendar=st.sampled_from(CALENDARS),
)
def test_rule_9_exactly_n_clear_working_days_lie_between_the_deadline_and_the_meeting(meeting, n, calendar):
    deadline = clear_days_deadline(meeting, n, calendar)
    day_after = deadline + dt.timedelta(days=1)
    # Neither the day of publication nor the day of the meeting counts.
    assert working_days_between(day_after, meeting, calendar) == n
    if n:
        # The latest such day: publishing a day later leaves one clear day too few.
        assert is_working_day(day_after, calendar)
        assert working_days_between(day_after + dt.timedelta(days=1), meeting, calendar) == n - 1


@given(
    meeting=st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31)),
    n=clear_counts,
    calendar=st.sampled_from(CALENDARS),
)
def test_rule_9_calendar_days_count_every_day_and_are_never_stricter(meeting, n, calendar):
    calendar_days = clear_days_deadline(meeting, n, calendar, working=False)
    assert (meeting - calendar_days).days - 1 == n
    assert clear_days_deadline(meeting, n, calendar) <= calendar_days


meetings = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31))
calendars = st.sampled_from(CALENDARS)
counts = st.integers(min_value=1, max_value=30)


@given(meeting=meetings, working_days=counts, calendar=calendars)
def test_deadline_is_a_working_day(meeting, working_days, calendar):
    assert is_working_day(paper_deadline(meeting, working_days, calendar), calendar)


@given(meeting=meetings, working_days=counts, calendar=calendars)
def test_exactly_n_working_days_from_deadline_up_to_meeting(meeting, working_days, calendar):
    deadline = paper_deadline(meeting, working_days, calendar)
    assert deadline < meeting
    assert working_days_between(deadline, meeting, calendar) == working_days


@given(first=meetings, gap=st.integers(min_value=0, max_value=400), working_days=counts, calendar=calendars)
def test_a_later_meeting_never_gets_an_earlier_deadline(first, gap, working_days, calendar):
    later = first + dt.timedelta(days=gap)
    assert paper_deadline(later, working_days, calendar) >= paper_deadline(first, working_days, calendar)


@given(meeting=meetings, working_days=counts, calendar=calendars)
def test_governing_deadline_is_never_later_than_either_rule(meeting, working_days, calendar):
    governing = governing_deadline(meeting, working_days, calendar, council_committee=True)
    assert governing <= paper_deadline(meeting, working_days, calendar)
    assert governing <= clear_days_deadline(meeting, 5, calendar)
