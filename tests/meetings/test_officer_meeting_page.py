"""The officer's meeting page runs the whole cycle (issue 8 item 14): it links the
declaration form of each item, shows the declarations made on each, and the proposals
put on the meeting's items with a link to each and a "put a proposal" link per item for
decision; in a fixed number of queries whatever the number of items."""

from __future__ import annotations

import pytest
from django.urls import reverse

from decisions import actions as decision_actions
from meetings.models import Declaration, MeetingStatus, Purpose
from tests.factories import make_item, make_meeting


def hub(meeting) -> str:
    return reverse("meetings:manage_meeting", args=[meeting.pk])


@pytest.fixture
def meeting(board):
    return make_meeting(board, days=20)  # agenda published


def test_each_item_links_its_declaration_form_and_shows_the_declarations(officer_client, meeting, seat, deputy):
    item = make_item(meeting, "Home care contract")
    Declaration.objects.create(item=item, membership=seat, nature="Husband is a director", withdraws=True)
    Declaration.objects.create(item=item, membership=seat, person=deputy.person, nature="Owns shares")
    page = officer_client.get(hub(meeting)).content.decode()
    assert reverse("meetings:declaration_new", args=[meeting.pk, item.pk]) in page
    assert "Cllr Mary Member (Shireshire County Council): Husband is a director" in page
    assert "Cllr Dinah Deputy, deputy for Cllr Mary Member (Shireshire County Council): Owns shares" in page


def test_no_declaration_link_before_the_agenda_is_published(officer_client, board):
    scheduled = make_meeting(board, status=MeetingStatus.SCHEDULED)
    item = make_item(scheduled, "Budget")
    page = officer_client.get(hub(scheduled)).content.decode()
    assert reverse("meetings:declaration_new", args=[scheduled.pk, item.pk]) not in page


def test_the_proposals_on_the_meetings_items_are_listed_with_their_links(officer_client, meeting, officer):
    decision = make_item(meeting, "Annual plan", purpose=Purpose.DECISION)
    exempt = make_item(meeting, "Contract award", purpose=Purpose.DECISION, exempt=True)
    discussion = make_item(meeting, "Update", purpose=Purpose.DISCUSSION)
    plan = decision_actions.proposal_create(decision, title="Adopt the plan", text="Adopt it", by=officer)
    award = decision_actions.proposal_create(exempt, title="Award the contract", text="To X", by=officer)
    page = officer_client.get(hub(meeting)).content.decode()
    assert reverse("decisions:manage", args=[plan.pk]) in page and "Adopt the plan" in page
    assert reverse("decisions:manage", args=[award.pk]) in page  # officers see exempt ones
    assert reverse("decisions:proposal_new", args=[meeting.pk, decision.pk]) in page
    assert reverse("decisions:proposal_new", args=[meeting.pk, discussion.pk]) not in page


@pytest.mark.parametrize("n", [3, 15])
def test_the_meeting_page_takes_a_bounded_number_of_queries(
    officer_client, meeting, seat, officer, django_assert_max_num_queries, n
):
    for i in range(n):
        item = make_item(meeting, f"Item {i}", purpose=Purpose.DECISION)
        Declaration.objects.create(item=item, membership=seat, nature=f"Interest {i}")
        decision_actions.proposal_create(item, title=f"Proposal {i}", text="Agree", by=officer)
    with django_assert_max_num_queries(8):
        assert officer_client.get(hub(meeting)).status_code == 200
