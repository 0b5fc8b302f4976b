"""The demo's decisions (SPEC §5, §10; issue "Decisions" item 7): the three Supporting
People disputes of 003 §12-17 replayed under the 2004 Memorandum end by the routes
the paper records; the HWBP Board's ordinary decisions; one proposal open for the
member login."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from decisions import rules as engine
from decisions.models import Capacity, Position, Proposal, ProposalStatus, Round, Route
from decisions.queries import latest_positions, meeting_attempt, rules_for
from decisions.states import VoterKey
from demo.data.decisions import STRATEGY_2004, STRATEGY_2008, YOUNG_PEOPLE_2005
from demo.data.partnerships import COMMISSIONING_PARTNERS, HWBP_BOARD, SP_COMMISSIONING_BODY, WODC
from meetings.models import Declaration
from partnerships.models import Board, Deputyship, Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _board(key: str) -> Board:
    partnership, slug = key.split("/")
    return Board.objects.get(partnership__slug=partnership, slug=slug)


def _dispute(title: str) -> Proposal:
    return Proposal.objects.get(board=_board(SP_COMMISSIONING_BODY), title=title)


def _objectors(round: Round) -> set[str]:
    return {p.organisation.slug for p in round.positions.select_related("organisation") if p.value == "object"}


def test_the_2004_dispute_was_settled_by_consensus_on_an_amended_proposal() -> None:
    proposal = _dispute(STRATEGY_2004)
    first, second = proposal.rounds.order_by("number")
    assert first.meeting.date == dt.date(2004, 11, 24)  # 003 §12
    assert first.outcome == engine.NOT_AGREED and _objectors(first) == {WODC}
    assert second.meeting.date.year == 2005 and second.text != first.text  # 003 §14: an amended proposal
    assert second.outcome == engine.AGREED_BY_CONSENSUS and not _objectors(second)
    assert proposal.status == ProposalStatus.AGREED_BY_CONSENSUS and proposal.route == Route.CONSENSUS
    assert not proposal.events.filter(verb="escalate").exists()


def test_the_2005_dispute_was_settled_by_consensus_after_escalation_to_the_chief_executives() -> None:
    proposal = _dispute(YOUNG_PEOPLE_2005)
    first, second = proposal.rounds.order_by("number")
    assert first.meeting.date == dt.date(2005, 10, 6)  # 003 §12
    assert _objectors(first) == {"cherwell-district-council"}
    verbs = list(proposal.events.values_list("verb", flat=True))
    assert verbs.index("escalate") < verbs.index("escalation_result") < verbs.index("round_open")  # 003 §13
    assert "compromise" in proposal.escalation_result
    assert second.text != first.text and second.outcome == engine.AGREED_BY_CONSENSUS
    assert proposal.route == Route.CONSENSUS_AFTER_ESCALATION


def test_the_2008_dispute_was_determined_by_the_lead_accountable_body() -> None:
    proposal = _dispute(STRATEGY_2008)
    (only,) = proposal.rounds.all()  # 003 §17: no vote at a subsequent meeting
    assert only.meeting.date == dt.date(2008, 7, 11)  # 003 §12
    assert _objectors(only) == {WODC} and only.outcome == engine.NOT_AGREED
    verbs = list(proposal.events.values_list("verb", flat=True))
    assert verbs == ["proposal_create", "round_close", "escalate", "escalation_result", "refer", "determine"]
    assert "no change in positions" in proposal.escalation_result  # 003 §16
    assert proposal.status == ProposalStatus.DETERMINED and proposal.route == Route.LEAD_BODY
    assert proposal.determination_agreed is True
    assert "County Council's Chief Executive approved the majority decisions" in proposal.determination  # 003 §17
    # The append-only history carries the dates of 2008, not the day the demo was loaded.
    event_years = {timezone.localtime(at).year for at in proposal.events.values_list("at", flat=True)}
    assert event_years == {2008}


def test_the_disputes_were_decided_under_the_2004_memorandum_by_its_eight_partners() -> None:
    partners = {
        str(VoterKey.for_organisation(pk))
        for pk in Organisation.objects.filter(slug__in=COMMISSIONING_PARTNERS).values_list("pk", flat=True)
    }
    assert len(partners) == 8
    for title in (STRATEGY_2004, YOUNG_PEOPLE_2005, STRATEGY_2008):
        proposal = _dispute(title)
        assert proposal.mou.version == 1
        rules = rules_for(proposal)
        assert rules.active_consent and not rules.majority_fallback  # 003 §11
        for round in proposal.rounds.all():
            assert set(round.voters) == partners
            # The historic seats were current then, and have ended since.
            assert all(
                p.membership.end_date and p.membership.end_date < dt.date(2012, 1, 1) for p in round.positions.all()
            )


def test_west_oxfordshires_2008_member_is_the_one_its_cabinet_delegated_in_2009() -> None:
    proposal = _dispute(STRATEGY_2008)
    objections = Position.objects.filter(round__proposal=proposal, value="object").select_related("person")
    assert {p.person.name for p in objections} == {"Cllr Derek Hollins"}  # 003 §22


def test_every_closed_round_has_the_outcome_the_rules_engine_gives() -> None:
    rounds = Round.objects.filter(closed_at__isnull=False).select_related(
        "proposal__mou", "proposal__board__partnership"
    )
    assert rounds.count() >= 15
    for round in rounds:
        rules = rules_for(round.proposal)
        outcome = engine.evaluate(rules, round.voters, latest_positions(round), meeting_attempt(round))
        assert outcome == round.outcome, round


def test_each_proposals_events_form_an_unbroken_chain_of_states() -> None:
    for proposal in Proposal.objects.prefetch_related("events"):
        events = list(proposal.events.all())
        assert events[0].verb == "proposal_create"
        for before, after in zip(events, events[1:], strict=False):
            assert after.from_status == before.to_status, proposal
        assert events[-1].to_status == proposal.status


def test_the_hwbp_strategy_was_deferred_then_agreed_and_ratified_by_every_partner() -> None:
    strategy = Proposal.objects.get(board=_board(HWBP_BOARD), title="Joint Health and Wellbeing Strategy 2026-2030")
    assert strategy.big_ticket  # 000 §2A
    verbs = list(strategy.events.values_list("verb", flat=True))
    assert "defer" in verbs and verbs.index("defer") < verbs.index("round_open")  # 000 §3
    assert strategy.status == ProposalStatus.IN_EFFECT and strategy.route == Route.CONSENSUS
    ratifications = list(strategy.ratifications.select_related("organisation"))
    assert len(ratifications) == 8 and all(r.ratified for r in ratifications)
    assert all(r.body == r.organisation.executive_body for r in ratifications)
    assert timezone.localtime(strategy.takes_effect_at).date() == max(r.decided_on for r in ratifications)


def test_the_hwbp_board_agreed_its_ordinary_decisions_by_consensus() -> None:
    agreed = Proposal.objects.filter(
        board=_board(HWBP_BOARD), status=ProposalStatus.AGREED_BY_CONSENSUS, decided_at__year__in=(2025, 2026)
    )
    assert agreed.count() >= 4
    assert all(p.route == Route.CONSENSUS for p in agreed)


def test_positions_are_recorded_by_the_member_or_deputy_where_they_sign_in_and_otherwise_by_the_officer() -> None:
    capacities = set(Position.objects.values_list("capacity", flat=True))
    assert {Capacity.MEMBER, Capacity.DEPUTY, Capacity.ADVISORY} <= capacities
    assert Capacity.OFFICER not in capacities  # the officer records who stated it, in their capacity
    assert Position.objects.filter(capacity=Capacity.MEMBER, recorded_by__username="member").exists()
    assert Position.objects.filter(capacity=Capacity.DEPUTY, recorded_by__username="deputy").exists()
    by_officer = Position.objects.filter(recorded_by__username="officer").select_related("person", "membership")
    assert by_officer.count() > 100
    for position in by_officer:
        assert position.person is not None and position.person.user_id is None  # stated by someone without a login
        if position.capacity == Capacity.DEPUTY:
            assert position.person != position.membership.person
        else:
            assert position.person == position.membership.person


def test_a_member_who_withdrew_recorded_no_position_and_the_deputy_of_the_day_stated_it() -> None:
    withdrawal = Declaration.objects.select_related("item__meeting").get(withdraws=True)
    positions = Position.objects.filter(round__proposal__item=withdrawal.item, membership=withdrawal.membership)
    assert positions.count() == 1
    position = positions.select_related("person").get()
    deputy = Deputyship.objects.on(withdrawal.item.meeting.date).get(membership=withdrawal.membership).person
    assert position.capacity == Capacity.DEPUTY and position.person == deputy
    assert position.recorded_by.username == "officer"
    assert "withdrew" in position.comment and deputy.name in position.comment


def test_the_member_login_has_a_proposal_awaiting_her_position(client) -> None:
    open_proposal = Proposal.objects.get(status=ProposalStatus.OPEN)
    round = open_proposal.rounds.get()
    assert round.is_open and round.meeting.date == dt.date(2026, 12, 10)
    county = Organisation.objects.get(slug="oxfordshire-county-council")
    assert not round.positions.filter(organisation=county).exists()
    assert round.positions.exists()  # some partners gave theirs in writing
    client.force_login(User.objects.get(username="member"))
    response = client.get(reverse("decisions:awaiting"))
    assert response.status_code == 200
    assert open_proposal.title in response.content.decode()


def test_the_public_register_lists_the_disputes_but_not_the_exempt_decision(client) -> None:
    response = client.get(reverse("decisions:register"))
    assert response.status_code == 200
    page = response.content.decode()
    for title in (STRATEGY_2004, STRATEGY_2008):
        assert title in page
    exempt = Proposal.objects.get(item__exempt=True)
    assert exempt.title not in page
    assert client.get(reverse("decisions:decision", args=[exempt.pk])).status_code == 404
