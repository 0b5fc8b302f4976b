"""The demo faithful to the papers (issue 8, items 5, 6, 22 and 23): the 2008 dispute as
003 §16-17 records it, the future-governance business of late 2009 (003 §10, §22-23),
the HWBP's lead seats (SPEC §9) and the deputy ledger on historical dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions import access
from decisions.models import Capacity, Position, Proposal, ProposalStatus, Round, Route
from decisions.queries import latest_positions
from decisions.rules import NOT_AGREED
from demo.data.decisions import (
    CHERWELL_DEPUTY_2004,
    CHERWELL_DEPUTY_2006,
    CONFLICT_RESOLUTION_2009,
    CSG_SERVICE_USERS,
    SERVICE_USERS_2009,
    STRATEGY_2008,
    YOUNG_PEOPLE_2005,
)
from demo.data.partnerships import (
    CDC,
    CITY,
    HWBP_BOARD,
    OCC,
    PCT,
    PROBATION,
    SODC,
    SP_COMMISSIONING_BODY,
    SP_CORE_STRATEGY_GROUP,
    VALE,
    WODC,
)
from meetings.models import Attendance, AttendanceStatus, Meeting
from partnerships.models import Board, Deputyship, Membership, MembershipRole, Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _board(key: str) -> Board:
    partnership, slug = key.split("/")
    return Board.objects.get(partnership__slug=partnership, slug=slug)


def _proposal(board: str, title: str) -> Proposal:
    return Proposal.objects.get(board=_board(board), title=title)


def _by_value(round: Round) -> dict[str, set[str]]:
    """Organisation slugs by the value of their counted position in the round."""
    values: dict[str, set[str]] = {}
    for position in round.positions.filter(advisory=False).select_related("organisation"):
        values.setdefault(position.value, set()).add(position.organisation.slug)
    return values


def _local_day(at: dt.datetime) -> dt.date:
    return timezone.localtime(at).date()


# ---------------------------------------------------------------------------
# Item 22: the 2008 dispute (003 §12, §16-17)


def test_rule_22_the_2008_dispute_is_one_vote_of_seven_to_one_with_west_oxfordshire_objecting() -> None:
    proposal = _proposal(SP_COMMISSIONING_BODY, STRATEGY_2008)
    (only,) = proposal.rounds.select_related("meeting")
    assert only.meeting.date == dt.date(2008, 7, 11)
    assert _local_day(only.closed_at) == dt.date(2008, 7, 11)
    assert _by_value(only) == {"consent": {PCT, SODC, VALE, CDC, OCC, CITY, PROBATION}, "object": {WODC}}
    assert len(only.voters) == 8 and only.outcome == NOT_AGREED
    # No second meeting took it: the Commissioning Body did not meet again until 11 December 2009.
    between = Meeting.objects.filter(
        board=_board(SP_COMMISSIONING_BODY), start__date__gt=dt.date(2008, 7, 11), start__date__lt=dt.date(2009, 12, 11)
    )
    assert not between.exists()


def test_rule_22_the_2008_dispute_was_escalated_without_change_then_approved_by_the_county_chief_executive() -> None:
    proposal = _proposal(SP_COMMISSIONING_BODY, STRATEGY_2008)
    events = list(proposal.events.order_by("at", "pk"))
    route = [(event.verb, _local_day(event.at)) for event in events]
    assert route == [
        ("proposal_create", dt.date(2008, 7, 11)),  # the paper dates only the meeting
        ("round_close", dt.date(2008, 7, 11)),
        ("escalate", dt.date(2008, 7, 14)),
        ("escalation_result", dt.date(2008, 9, 15)),
        ("refer", dt.date(2008, 9, 15)),
        ("determine", dt.date(2008, 9, 29)),
    ]
    assert [event.to_status for event in events[1:]] == [
        "no_consensus",
        "escalated",
        "escalated",
        "referred",
        "determined",
    ]
    assert "the Oxfordshire local authority Chief Executives" in events[2].note  # 003 §16
    assert "no change in positions" in proposal.escalation_result
    assert "Oxfordshire County Council" in events[4].note  # the lead accountable body (003 §17)
    assert proposal.status == ProposalStatus.DETERMINED and proposal.route == Route.LEAD_BODY
    assert proposal.determination_agreed is True
    assert "With the agreement of the other local authority Chief Executives" in proposal.determination
    assert "nor did the usual call-in processes take place" in proposal.determination
    assert _local_day(proposal.decided_at) == _local_day(proposal.takes_effect_at) == dt.date(2008, 9, 29)
    assert not proposal.ratifications.exists()


def test_rule_22_the_2008_decision_page_shows_the_route_and_says_which_dates_are_illustrative(client) -> None:
    proposal = _proposal(SP_COMMISSIONING_BODY, STRATEGY_2008)
    response = client.get(reverse("decisions:decision", args=[proposal.pk]))
    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert "Lead accountable body" in page and "Determination of the lead accountable body" in page
    assert "7 consents, 1 objection, 0 abstentions and 0 without a position, of 8 voters" in page
    for day in ("14 July 2008", "15 September 2008", "29 September 2008"):
        assert f"The date, {day}, is illustrative" in page
    assert "The date, 11 July 2008" not in page  # the paper gives the date of the vote
    # Every other date on the page is the vote's, or marked illustrative.
    dates = set(re.findall(r"\d{1,2} (?:[A-Z][a-z]+|[A-Z][a-z]{2}) 2008", page))
    assert dates <= {"11 July 2008", "11 Jul 2008", "14 July 2008", "15 September 2008", "29 September 2008"}
    assert "Round 2" not in page and "New round opened" not in page
    assert "no second meeting" in page  # the page says how the portal records the route


def test_rule_22_the_2005_escalation_dates_are_marked_illustrative_too() -> None:
    proposal = _proposal(SP_COMMISSIONING_BODY, YOUNG_PEOPLE_2005)
    assert "is illustrative" in proposal.escalation_result
    assert proposal.events.get(verb="escalate").note.endswith("does not give it.")


# ---------------------------------------------------------------------------
# Item 23: 11 December 2009 and the Core Strategy Group's service users (003 §10, §22-23)


def test_rule_23_the_commissioning_body_recorded_evenly_balanced_positions_on_11_december_2009() -> None:
    proposal = _proposal(SP_COMMISSIONING_BODY, CONFLICT_RESOLUTION_2009)
    assert proposal.mou.version == 1  # decided under the 2004 Memorandum: every partner must consent
    assert "second meeting" in proposal.text and "limited to one vote" in proposal.text  # 003 §19, §22
    (only,) = proposal.rounds.select_related("meeting")
    assert only.meeting.date == dt.date(2009, 12, 11)
    assert _by_value(only) == {
        "consent": {PCT, SODC, VALE, OCC},
        "object": {WODC, CDC, CITY},
        "abstain": {PROBATION},
    }
    assert only.outcome == NOT_AGREED and proposal.status == ProposalStatus.DEFERRED
    assert "evenly balanced" in proposal.events.get(verb="defer").note  # 003 §23
    # Stated by the members of the day; West Oxfordshire's by the member its Cabinet delegated on 19 November.
    west = only.positions.select_related("person").get(organisation__slug=WODC)
    assert west.person.name == "Cllr Derek Hollins" and "19 November 2009" in west.comment
    assert all(p.capacity == Capacity.MEMBER and p.person == p.membership.person for p in only.positions.all())


def test_rule_23_the_decision_page_shows_the_views_evenly_balanced(client) -> None:
    proposal = _proposal(SP_COMMISSIONING_BODY, CONFLICT_RESOLUTION_2009)
    page = " ".join(client.get(reverse("decisions:decision", args=[proposal.pk])).content.decode().split())
    assert "4 consents, 3 objections, 1 abstention and 0 without a position, of 8 voters" in page
    assert "views were evenly balanced" in page
    assert "Deferred" in page


def test_rule_23_two_service_users_joined_the_core_strategy_group_on_2_september_2009_without_a_vote() -> None:
    board = _board(SP_CORE_STRATEGY_GROUP)
    users = board.memberships.filter(role=MembershipRole.USER_REPRESENTATIVE)
    on_the_day = users.current(dt.date(2009, 9, 2))
    assert {seat.person.name for seat in on_the_day} == set(CSG_SERVICE_USERS)  # 003 §10
    assert all(seat.start_date == dt.date(2009, 9, 2) and not seat.voting for seat in on_the_day)
    assert not users.current(dt.date(2009, 9, 1)).exists()
    first = Meeting.objects.get(board=board, start__date=dt.date(2009, 9, 2))
    came = Attendance.objects.filter(meeting=first, membership__in=on_the_day, status=AttendanceStatus.PRESENT)
    assert came.count() == 2


def test_rule_23_the_service_users_gave_advisory_views_that_were_not_counted() -> None:
    proposal = _proposal(SP_CORE_STRATEGY_GROUP, SERVICE_USERS_2009)
    (only,) = proposal.rounds.all()
    advisory = list(only.positions.filter(advisory=True).select_related("person", "membership"))
    assert {p.person.name for p in advisory} == set(CSG_SERVICE_USERS)
    assert all(p.capacity == Capacity.ADVISORY and p.voter.startswith("advisory:") for p in advisory)
    assert not {p.voter for p in advisory} & set(only.voters)
    assert set(latest_positions(only)) <= set(only.voters)
    # The partners present stated their positions (003 §22): a majority view emerging (003 §23).
    assert _by_value(only) == {"consent": {PCT, SODC, CDC, OCC, CITY}, "object": {WODC}, "abstain": {VALE}}
    assert proposal.status == ProposalStatus.DEFERRED


def test_rule_23_the_core_strategy_group_page_shows_the_advisory_views(client) -> None:
    proposal = _proposal(SP_CORE_STRATEGY_GROUP, SERVICE_USERS_2009)
    page = " ".join(client.get(reverse("decisions:decision", args=[proposal.pk])).content.decode().split())
    assert "Advisory views in round 1: shown, not counted" in page
    for name in CSG_SERVICE_USERS:
        assert name in page
    assert "25 November 2009, is illustrative" in page


# ---------------------------------------------------------------------------
# Item 5: lead seats (SPEC §9)


def test_rule_5_the_hwbp_records_each_organisations_position_through_its_lead_seat() -> None:
    board = _board(HWBP_BOARD)
    today = timezone.localdate()
    for slug, holder, seats in ((PCT, "Dr Alison Pryce", 5), (OCC, "Cllr Margaret Ellison", 4)):
        voting = board.memberships.current(today).filter(organisation__slug=slug, voting=True)
        assert voting.count() == seats  # 002 §6
        assert [seat.person.name for seat in voting.filter(lead=True)] == [holder]
        recorded = Position.objects.filter(round__proposal__board=board, organisation__slug=slug, advisory=False)
        assert recorded.exists()
        assert set(recorded.values_list("membership__person__name", flat=True)) == {holder}


def test_rule_5_another_pct_seat_may_not_state_the_pcts_position() -> None:
    board = _board(HWBP_BOARD)
    round = Round.objects.filter(proposal__board=board, meeting__start__date=dt.date(2025, 11, 27)).get()
    seat = board.memberships.current(round.meeting.date).get(person__name="Martin Ashdown")
    result = access.stated_capacity(seat.person, seat, round)
    assert not result.allowed
    assert "recorded through its lead seat, held by Dr Alison Pryce" in result.refusal


# ---------------------------------------------------------------------------
# Item 6: the deputy ledger


def test_rule_6_the_ledger_answers_who_could_speak_for_cherwell_on_6_october_2005() -> None:
    board = _board(SP_COMMISSIONING_BODY)
    seat = Membership.objects.current(dt.date(2005, 10, 6)).get(board=board, organisation__slug=CDC)
    assert seat.person.name == "Cllr Michael Trent"
    on_the_day = Deputyship.objects.on(dt.date(2005, 10, 6)).get(membership=seat)
    assert on_the_day.person.name == CHERWELL_DEPUTY_2004
    later = Deputyship.objects.on(dt.date(2008, 7, 11)).get(membership=seat)
    assert later.person.name == CHERWELL_DEPUTY_2006
    assert on_the_day.end_date == later.start_date - dt.timedelta(days=1)  # deputy_appoint ended the first
    assert [d.person.name for d in seat.deputyships.order_by("start_date")] == [
        CHERWELL_DEPUTY_2004,
        CHERWELL_DEPUTY_2006,
    ]


def test_rule_6_the_deputy_of_the_day_could_speak_for_cherwell_only_while_the_member_was_away() -> None:
    round = _proposal(SP_COMMISSIONING_BODY, YOUNG_PEOPLE_2005).rounds.get(number=1)
    seat = Membership.objects.current(round.meeting.date).get(board=round.proposal.board, organisation__slug=CDC)
    deputy = access.stated_capacity(Person.objects.get(name=CHERWELL_DEPUTY_2004), seat, round)
    assert deputy.capacity == Capacity.DEPUTY and "only when Cllr Michael Trent is absent" in deputy.refusal
    not_yet = access.stated_capacity(Person.objects.get(name=CHERWELL_DEPUTY_2006), seat, round)
    assert not_yet.capacity is None and "6 October 2005" in not_yet.refusal
