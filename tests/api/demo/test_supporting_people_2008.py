"""The 2008 Supporting People dispute through the open data API (issue 9 item 7 "must
show"): its vote event lists the eight commissioning partners' votes, each with the
person who stated it and in what capacity, and the rule applied from the 2004
Memorandum (active consent of every partner, 003 §11); the decision's route is the
lead accountable body's determination (003 §17)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from demo.data.decisions import STRATEGY_2008
from demo.data.partnerships import COMMISSIONING_PARTNERS, SP_COMMISSIONING_BODY, WODC
from partnerships.models import Board, Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_the_2008_vote_event_lists_the_eight_organisations_votes_and_the_rule_applied(client) -> None:
    partnership, slug = SP_COMMISSIONING_BODY.split("/")
    board = Board.objects.get(partnership__slug=partnership, slug=slug)
    decisions = client.get(reverse("api:decision_list"), {"board": f"board-{board.pk}", "page_size": 200}).json()
    (decision,) = [row for row in decisions["results"] if row["title"] == STRATEGY_2008]
    assert decision["status"] == "determined" and decision["route"] == "lead_body"
    assert [event["type"] for event in decision["events"]] == [
        "proposal_create",
        "round_close",
        "escalate",
        "escalation_result",
        "refer",
        "determine",
    ]
    (vote_event_id,) = decision["vote_event_ids"]  # 003 §17: no vote at a subsequent meeting

    vote_event = client.get(reverse("api:vote_event_detail", args=[vote_event_id])).json()
    assert vote_event["start_date"].startswith("2008-07-11")
    assert vote_event["result"] == "not_agreed" and vote_event["attempt"] == 1
    partners = {
        f"body-{pk}": slug
        for pk, slug in Organisation.objects.filter(slug__in=COMMISSIONING_PARTNERS).values_list("pk", "slug")
    }
    assert len(partners) == 8
    votes = {vote["voter_id"]: vote for vote in vote_event["votes"]}
    assert set(votes) == set(partners)
    assert {partners[voter] for voter, vote in votes.items() if vote["option"] == "object"} == {WODC}
    assert {vote["option"] for voter, vote in votes.items() if partners[voter] != WODC} == {"consent"}
    for vote in votes.values():
        assert vote["stated_by"] is not None and vote["stated_by"]["id"].startswith("person-")
        assert vote["capacity"] in {"member", "deputy", "delegate", "officer"}
    wodc = next(vote for voter, vote in votes.items() if partners[voter] == WODC)
    assert wodc["stated_by"]["name"] == "Cllr Derek Hollins"  # 003 §22
    assert vote_event["counts"] == [
        {"option": "consent", "value": 7},
        {"option": "object", "value": 1},
        {"option": "abstain", "value": 0},
        {"option": "absent", "value": 0},
    ]
    rule = vote_event["rule"]
    assert rule["active_consent"] is True and rule["majority_fallback"] is False  # 003 §11
    assert rule["voting_unit"] == "organisation"
    assert rule["memorandum"]["version"] == 1
    assert rule["memorandum"]["url"].endswith(f"/boards/{slug}/mou/1/")
