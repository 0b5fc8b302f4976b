"""What the officer is offered is what can be done: no step towards a body nobody named,
and a form submitted twice puts its proposal once (issue 8, officers' dead ends)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from decisions import actions
from decisions.models import Proposal, ProposalStatus
from partnerships.models import Partnership


def no_consensus(body) -> Proposal:
    proposal = actions.proposal_create(body.item, title="Strategy", text="Approve.", by=body.officer)
    round1 = proposal.rounds.get()
    for name, seat in body.memberships.items():
        value = "object" if "West Oxfordshire" in name else "consent"
        actions.position_record(round1, seat, value=value, by=body.users[name])
    actions.round_close(round1, by=body.officer)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NO_CONSENSUS
    return proposal


def test_escalation_is_neither_offered_nor_accepted_without_an_escalation_body(client, body, set_rules):
    set_rules(escalation_body="")
    proposal = no_consensus(body)
    client.force_login(body.officer)
    html = client.get(reverse("decisions:manage", args=[proposal.pk])).content.decode()
    assert reverse("decisions:step", args=[proposal.pk, "escalate"]) not in html
    assert "names no escalation body" in html
    with pytest.raises(ValidationError, match="names no escalation body"):
        actions.proposal_escalate(proposal, by=body.officer)


def test_referral_is_neither_offered_nor_accepted_without_a_lead_accountable_body(client, body, set_rules):
    set_rules(escalation_body="the Chief Executives", rules_lead_accountable_body=None)
    Partnership.objects.filter(pk=body.board.partnership_id).update(lead_accountable_body=None)
    proposal = no_consensus(body)
    client.force_login(body.officer)
    html = client.get(reverse("decisions:manage", args=[proposal.pk])).content.decode()
    assert reverse("decisions:step", args=[proposal.pk, "refer"]) not in html
    assert reverse("decisions:step", args=[proposal.pk, "escalate"]) in html
    with pytest.raises(ValidationError, match="No lead accountable body"):
        actions.proposal_refer(proposal, by=body.officer)


def test_a_proposal_form_submitted_twice_puts_the_proposal_once(client, body):
    client.force_login(body.officer)
    url = reverse("decisions:proposal_new", args=[body.item.meeting_id, body.item.pk])
    data = {"title": "Strategy 2008-11", "text": "Approve the strategy.", "big_ticket": "no", "proposer": ""}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400
    assert "already has a proposal called" in again.content.decode()
    assert Proposal.objects.count() == 1


def test_a_text_too_long_is_a_sentence_not_a_python_message(client, body):
    proposal = no_consensus(body)
    client.force_login(body.officer)
    response = client.post(reverse("decisions:step", args=[proposal.pk, "defer"]), {"reason": "x" * 10_001})
    assert response.status_code == 400
    assert "Enter 10,000 characters or fewer (this has 10001)" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NO_CONSENSUS
