"""The meetings forms speak GOV.UK (issue 8 item 17): every input has the GOV.UK classes,
no select offers "---------", the people to choose from are grouped with the board's
members and deputies first, and refusals are sentences with no status label glued in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Action, MeetingStatus
from partnerships.models import Person
from tests.factories import make_item, make_meeting


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(board):
    return make_meeting(board, timezone.now() - dt.timedelta(hours=1))  # published, started


@pytest.fixture
def strangers(db, district):
    return [Person.objects.create(name=f"Aaron Stranger {i}", organisation=district) for i in range(3)]


def pages(meeting, item):
    return {
        "schedule": reverse("meetings:manage_meeting_new", args=[meeting.board_id]),
        "edit": reverse("meetings:manage_meeting_edit", args=[meeting.pk]),
        "item": reverse("meetings:manage_item_new", args=[meeting.pk]),
        "paper": reverse("meetings:manage_paper_new", args=[meeting.pk, item.pk]),
        "action": reverse("meetings:manage_action_new", args=[meeting.pk]),
        "invited": reverse("meetings:manage_attendee_new", args=[meeting.pk]),
        "attendance": reverse("meetings:manage_attendance", args=[meeting.pk]),
        "declaration": reverse("meetings:declaration_new", args=[meeting.pk, item.pk]),
    }


def test_no_select_offers_dashes_and_every_input_is_govuk(officer_client, meeting, seat):
    item = make_item(meeting, "Budget")
    for name, address in pages(meeting, item).items():
        page = officer_client.get(address).content.decode()
        assert "---------" not in page, name
        for tag in re.findall(r"<input[^>]*>", page):
            kind = re.search(r'type="([^"]+)"', tag)
            if kind and kind.group(1) in ("text", "url", "email", "number"):
                assert "govuk-input" in tag, (name, tag)
        for tag in re.findall(r"<select[^>]*>", page):
            assert "govuk-select" in tag, (name, tag)


def test_the_link_to_join_online_is_a_govuk_url_input_with_a_sentence_for_errors(officer_client, meeting):
    address = reverse("meetings:manage_meeting_edit", args=[meeting.pk])
    page = officer_client.get(address).content.decode()
    tag = re.search(r'<input[^>]*name="online_url"[^>]*>', page).group(0)
    assert 'type="url"' in tag and "govuk-input" in tag
    local = timezone.localtime(meeting.start)
    data = {
        "date_0": local.day,
        "date_1": local.month,
        "date_2": local.year,
        "start_time": f"{local:%H:%M}",
        "venue": "Hall",
        "online_url": "not a link",
    }
    response = officer_client.post(address, data)
    assert response.status_code == 400
    assert "Enter the link in the correct format, like https://meet.example.org/board" in response.content.decode()
    assert "govuk-input--error" in re.search(r'<input[^>]*name="online_url"[^>]*>', response.content.decode()).group(0)


def test_owners_and_authors_list_the_boards_members_and_deputies_first(officer_client, meeting, seat, strangers):
    item = make_item(meeting, "Budget")
    for address in (pages(meeting, item)["action"], pages(meeting, item)["paper"]):
        page = officer_client.get(address).content.decode()
        board_group = page.index('<optgroup label="Members and deputies of Partnership Board">')
        others = page.index('<optgroup label="Everyone else">')
        assert board_group < page.index("Cllr Mary Member (Shireshire County Council)") < others
        assert board_group < page.index("Cllr Dinah Deputy (Shireshire County Council)") < others
        assert page.index("Aaron Stranger 0 (Vale District Council)") > others  # first by name, but not of the board
    action_page = officer_client.get(pages(meeting, item)["action"]).content.decode()
    assert '<option value="" selected>Choose who owns the action</option>' in action_page


def test_anyone_may_still_own_an_action(officer_client, meeting, strangers, date_input):
    response = officer_client.post(
        reverse("meetings:manage_action_new", args=[meeting.pk]),
        {"description": "Report back", "owner": strangers[0].pk, **date_input("due_date", meeting.date)},
    )
    assert response.status_code == 302
    assert Action.objects.get().owner == strangers[0]


def test_the_minutes_page_says_the_status_in_a_sentence(officer_client, board):
    scheduled = make_meeting(board, status=MeetingStatus.SCHEDULED)
    text = officer_client.get(reverse("meetings:manage_minutes", args=[scheduled.pk])).content.decode()
    assert "At the moment the meeting is scheduled and its agenda is not yet published." in text
    assert "This meeting is scheduled." not in text
