"""The attendance form as a compact table (issue 8 item 19): one row per seat with its
status and, where the seat had a deputy or a delegate on the day, who represented it;
"mark every seat as present"; labelled per row, in a fieldset, errors in the GOV.UK
error summary linking to the row; a bounded number of queries whatever the seats."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance, AttendanceStatus, Meeting
from tests.factories import make_meeting


def url(meeting: Meeting, query: str = "") -> str:
    return reverse("meetings:manage_attendance", args=[meeting.pk]) + query


@pytest.fixture
def started(board) -> Meeting:
    """A meeting that started an hour ago, its agenda published."""
    return make_meeting(board, timezone.now() - dt.timedelta(hours=1))


@pytest.fixture
def seats(board, county, add_members, seat):
    return [seat, *add_members(board, 21, organisation=county)]  # 22 seats, as the HWBP


def test_each_seat_is_one_row_of_a_govuk_table_with_labelled_selects(officer_client, started, seats):
    page = officer_client.get(url(started)).content.decode()
    assert page.count('<tr class="govuk-table__row" id="seat-') == 22
    assert '<table class="govuk-table' in page
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Attendance at the meeting of' in page
    for seat in seats:
        assert f'<label class="govuk-label govuk-visually-hidden" for="id_status_{seat.pk}">' in page
        assert f'for="id_deputy_{seat.pk}">Deputy for {seat.person.name}</label>' in page
    assert page.count('class="govuk-select"') == 44  # a status and a deputy per seat
    # No radios: the old form stacked four radios and a select per seat (10,000 px for 22).
    assert "govuk-radios" not in page
    assert len(page) < 60_000


def test_mark_every_seat_present_fills_the_form_without_saving(officer_client, started, seats):
    Attendance.objects.create(
        meeting=started,
        membership=seats[0],
        person=seats[0].person,
        organisation=seats[0].organisation,
        status=AttendanceStatus.APOLOGIES,
    )
    form = officer_client.get(url(started)).context["form"]
    assert form.initial[f"status_{seats[0].pk}"] == AttendanceStatus.APOLOGIES
    assert f"status_{seats[1].pk}" not in form.initial
    form = officer_client.get(url(started, "?all=present")).context["form"]
    assert {form.initial[f"status_{s.pk}"] for s in seats} == {AttendanceStatus.PRESENT}
    assert Attendance.objects.get().status == AttendanceStatus.APOLOGIES  # a GET never writes

    data = {f"status_{s.pk}": AttendanceStatus.PRESENT for s in seats}
    data[f"status_{seats[1].pk}"] = AttendanceStatus.APOLOGIES
    assert officer_client.post(url(started), data).status_code == 302
    assert Attendance.objects.filter(status=AttendanceStatus.PRESENT).count() == 21


def test_an_error_is_in_the_summary_and_on_its_row(officer_client, started, seats):
    data = {f"status_{s.pk}": AttendanceStatus.PRESENT for s in seats}
    data[f"status_{seats[3].pk}"] = ""
    data[f"status_{seats[4].pk}"] = AttendanceStatus.DEPUTY
    data[f"deputy_{seats[4].pk}"] = ""
    response = officer_client.post(url(started), data)
    assert response.status_code == 400
    page = response.content.decode()
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', page, re.S).group(0)
    assert f'href="#id_status_{seats[3].pk}">Choose whether {seats[3].person.name} attended' in summary
    assert f'href="#id_deputy_{seats[4].pk}">Choose who represented {seats[4].person.name}' in summary
    assert f'id="id_status_{seats[3].pk}-error"' in page
    assert 'class="govuk-select govuk-select--error"' in page
    assert f'aria-describedby="id_status_{seats[3].pk}-error"' in page
    assert not Attendance.objects.exists()


def test_a_made_up_status_or_deputy_is_a_sentence(officer_client, started, seat):
    response = officer_client.post(url(started), {f"status_{seat.pk}": "partying", f"deputy_{seat.pk}": "999"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose whether Cllr Mary Member attended" in page
    assert "Choose the deputy for Cllr Mary Member from the list" in page
    assert "Select a valid choice" not in page


@pytest.mark.parametrize("n", [5, 40])
def test_the_attendance_page_takes_a_bounded_number_of_queries(
    officer_client, started, board, county, add_members, django_assert_max_num_queries, n
):
    add_members(board, n, organisation=county)
    with django_assert_max_num_queries(8):
        assert officer_client.get(url(started)).status_code == 200
    data = {f"status_{m.pk}": AttendanceStatus.DEPUTY for m in board.memberships.all()}
    for membership in board.memberships.prefetch_related("deputyships"):
        data[f"deputy_{membership.pk}"] = membership.deputyships.all()[0].person_id
    with django_assert_max_num_queries(30):
        assert officer_client.post(url(started), data).status_code == 302
    assert Attendance.objects.filter(status=AttendanceStatus.DEPUTY).count() == n
