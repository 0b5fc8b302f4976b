"""The rules of issue 8 hold on every path (SPEC §9 "Rule readings"), on the Supporting
People Commissioning Body of 003 (tests/decisions/conftest.py): eight partners, one
seat each, meetings 60 and 30 days ago and today, all with published agendas."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from decisions import actions, queries
from decisions.models import Capacity, Position, ProposalStatus
from meetings import actions as meeting_actions
from meetings.models import AgendaItem, Attendance, AttendanceStatus, Declaration, Meeting, MeetingStatus, Purpose
from partnerships.models import Deputyship, Membership, Person

WODC = "West Oxfordshire"
CHERWELL = "Cherwell"
COUNTY = "Oxfordshire County"


def put(body, *, title: str = "Strategy 2008-11", big_ticket: bool = False, item: AgendaItem | None = None):
    return actions.proposal_create(
        item or body.item, title=title, text="Approve the strategy.", big_ticket=big_ticket, by=body.officer
    )


def all_record(body, round, objector: str | None = None) -> None:
    for name, membership in body.memberships.items():
        value = "object" if objector and objector in name else "consent"
        actions.position_record(round, membership, value=value, by=body.users[name])


def deputy_user(body, short: str):
    return next(user for name, user in body.deputies.items() if short in name)


def future_meeting(body, *, days: int = 90, published: bool = True) -> Meeting:
    now = timezone.now()
    return Meeting.objects.create(
        board=body.board,
        start=now + dt.timedelta(days=days),
        venue="County Hall",
        status=MeetingStatus.AGENDA_PUBLISHED if published else MeetingStatus.SCHEDULED,
        agenda_published_at=now if published else None,
    )


# ---------------------------------------------------------------------------
# 1. The majority fallback counts meetings, not rounds (003 §19 "at a second meeting")


def test_rule_1_a_second_round_at_the_same_meeting_is_still_the_first_meetings_attempt(body, set_rules):
    set_rules(majority_fallback=True, fallback_from_round=2)
    proposal = put(body)
    first = proposal.rounds.get()
    all_record(body, first, objector=WODC)
    assert actions.round_close(first, by=body.officer) == "not_agreed"
    actions.proposal_escalate(proposal, by=body.officer)
    actions.escalation_result_record(proposal, result="No change in positions.", by=body.officer)

    same_meeting = actions.round_open(proposal, meeting=first.meeting, by=body.officer)
    all_record(body, same_meeting, objector=WODC)  # 7-1 again, at the same meeting
    assert queries.meeting_attempt(same_meeting) == 1
    assert actions.round_close(same_meeting, by=body.officer) == "not_agreed"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NO_CONSENSUS

    second_meeting = actions.round_open(proposal, meeting=body.meetings[1], by=body.officer)
    all_record(body, second_meeting, objector=WODC)
    assert queries.meeting_attempt(second_meeting) == 2
    assert actions.round_close(second_meeting, by=body.officer) == "agreed_by_majority"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.AGREED_BY_MAJORITY


# ---------------------------------------------------------------------------
# 2. Nothing is decided before it is met


def test_rule_2_a_round_closes_only_on_or_after_its_meetings_date(body):
    ahead = future_meeting(body, days=90)
    item = AgendaItem.objects.create(meeting=ahead, order=1, title="Annual plan", purpose=Purpose.DECISION)
    proposal = put(body, item=item)
    round1 = proposal.rounds.get()
    all_record(body, round1)
    with pytest.raises(ValidationError, match="on or after the day of the meeting"):
        actions.round_close(round1, by=body.officer)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN and proposal.decided_at is None
    on_the_day = timezone.make_aware(dt.datetime.combine(ahead.date, dt.time(18)))
    assert actions.round_close(round1, by=body.officer, now=on_the_day) == "agreed_by_consensus"


def test_rule_2_rounds_open_only_on_published_agendas(body):
    unpublished = future_meeting(body, days=20, published=False)
    item = AgendaItem.objects.create(meeting=unpublished, order=1, title="Budget", purpose=Purpose.DECISION)
    with pytest.raises(ValidationError, match="Publish the agenda"):
        put(body, item=item)

    proposal = put(body)
    round1 = proposal.rounds.get()
    all_record(body, round1, objector=WODC)
    actions.round_close(round1, by=body.officer)
    assert unpublished not in queries.later_meetings(proposal)
    with pytest.raises(ValidationError, match="Publish the agenda"):
        actions.round_open(proposal, meeting=unpublished, by=body.officer)
    assert proposal.rounds.count() == 1


def test_rule_2_a_ratification_cannot_predate_the_decision_or_lie_in_the_future(body):
    proposal = put(body, big_ticket=True)
    round1 = proposal.rounds.get()
    all_record(body, round1)
    actions.round_close(round1, by=body.officer)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.AWAITING_RATIFICATION
    county = body.organisations["Oxfordshire County Council"]
    agreed_on = timezone.localdate(proposal.decided_at)
    for day, message in (
        (agreed_on - dt.timedelta(days=1), "on or after"),
        (timezone.localdate() + dt.timedelta(days=1), "today or in the past"),
    ):
        with pytest.raises(ValidationError, match=message):
            actions.ratification_record(
                proposal, organisation=county, ratified=True, body="Cabinet", decided_on=day, by=body.officer
            )
    assert not proposal.ratifications.exists()


def test_rule_2_a_determination_is_dated_between_the_referral_and_today(body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    all_record(body, round1, objector=WODC)
    actions.round_close(round1, by=body.officer)
    referred_at = timezone.now() - dt.timedelta(days=10)
    actions.proposal_refer(proposal, by=body.officer, now=referred_at)
    text = "The County Chief Executive approved the majority decision."
    for day, message in (
        (timezone.localdate() + dt.timedelta(days=1), "today or in the past"),
        (timezone.localdate(referred_at) - dt.timedelta(days=1), "on or after"),
    ):
        with pytest.raises(ValidationError, match=message):
            actions.determination_record(proposal, agreed=True, text=text, decided_on=day, by=body.officer)
    day = timezone.localdate() - dt.timedelta(days=3)
    actions.determination_record(proposal, agreed=True, text=text, decided_on=day, by=body.officer)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DETERMINED
    assert timezone.localdate(proposal.decided_at) == day == timezone.localdate(proposal.takes_effect_at)


# ---------------------------------------------------------------------------
# 4. Nobody records a counted position for a member who withdrew; the deputy may,
#    unless the deputy withdrew too


def test_rule_4_an_officer_cannot_record_for_a_member_who_withdrew_but_may_for_the_deputy(body):
    round1 = put(body).rounds.get()
    seat = body.seat(CHERWELL)
    Declaration.objects.create(item=body.item, membership=seat, nature="Trustee of a provider", withdraws=True)
    for stated_by in (None, seat.person):
        with pytest.raises(ValidationError, match="declared an interest and withdrew"):
            actions.position_record(round1, seat, value="consent", stated_by=stated_by, by=body.officer)
    assert not Position.objects.exists()
    deputy = deputy_user(body, CHERWELL).person
    position = actions.position_record(round1, seat, value="consent", stated_by=deputy, by=body.officer)
    assert (position.capacity, position.person, position.recorded_by) == (Capacity.DEPUTY, deputy, body.officer)


def test_rule_4_a_deputys_own_declared_interest_is_checked(body):
    round1 = put(body).rounds.get()
    seat = body.seat(CHERWELL)
    deputy = deputy_user(body, CHERWELL)
    Attendance.objects.create(
        meeting=round1.meeting,
        membership=seat,
        person=seat.person,
        status=AttendanceStatus.DEPUTY,
        deputy=deputy.person,
    )
    Declaration.objects.create(
        item=body.item, membership=seat, person=deputy.person, nature="Her employer bids", withdraws=True
    )
    with pytest.raises(PermissionDenied, match="interest of your own"):
        actions.position_record(round1, seat, value="consent", by=deputy)
    with pytest.raises(ValidationError, match="interest of their own"):
        actions.position_record(round1, seat, value="consent", stated_by=deputy.person, by=body.officer)
    assert not Position.objects.exists()


def test_rule_4_a_member_whose_position_counts_cannot_then_be_recorded_as_withdrawn(body):
    round1 = put(body).rounds.get()
    seat = body.seat(CHERWELL)
    actions.position_record(round1, seat, value="object", stated_by=seat.person, by=body.officer)

    with pytest.raises(ValidationError, match="already stated a position in round 1 on this item"):
        meeting_actions.declaration_record(
            body.item, by=body.officer, membership=seat, nature="Trustee of a provider", withdraws=True
        )
    assert not Declaration.objects.exists()

    meeting_actions.declaration_record(
        body.item, by=body.officer, membership=seat, nature="Trustee of a provider", withdraws=False
    )
    assert Declaration.objects.get().withdraws is False


# ---------------------------------------------------------------------------
# 5. Several seats, one organisation: its position is recorded through its lead seat


@pytest.fixture
def second_county_seat(body) -> Membership:
    """A second voting seat for the county (as the County's four seats on the HWBP Board)."""
    from accounts.models import User

    user = User.objects.create_user(username="county2", password="x", email="county2@example.org")
    person = Person.objects.create(name="Second member for the county", user=user)
    return Membership.objects.create(
        board=body.board,
        person=person,
        organisation=body.organisations["Oxfordshire County Council"],
        start_date=dt.date(2020, 1, 1),
        voting=True,
    )


def test_rule_5_an_organisation_with_several_seats_records_through_its_lead_seat(body, second_county_seat):
    lead = body.seat(COUNTY)
    Membership.objects.filter(pk=lead.pk).update(lead=True)
    round1 = put(body).rounds.get()
    with pytest.raises(PermissionDenied, match="recorded through its lead seat, held by Member for Oxfordshire"):
        actions.position_record(round1, second_county_seat, value="object", by=second_county_seat.person.user)
    with pytest.raises(ValidationError, match="lead seat"):
        actions.position_record(round1, second_county_seat, value="object", by=body.officer)
    actions.position_record(round1, lead, value="consent", by=body.user(COUNTY))
    assert Position.objects.count() == 1
    # The county is one voter, whichever of its seats is marked lead.
    assert len(queries.voters_for(round1, queries.rules_for(round1.proposal))) == 8


def test_rule_5_without_a_marked_lead_the_longest_held_seat_leads(body, second_county_seat):
    round1 = put(body).rounds.get()
    with pytest.raises(PermissionDenied, match="lead seat"):
        actions.position_record(round1, second_county_seat, value="object", by=second_county_seat.person.user)
    assert actions.position_record(round1, body.seat(COUNTY), value="consent", by=body.user(COUNTY))


# ---------------------------------------------------------------------------
# 6. Deputies are a dated ledger, checked on the meeting's date


def test_rule_6_who_could_speak_for_cherwell_on_the_day_comes_from_the_ledger(body):
    seat = body.seat(CHERWELL)
    old = deputy_user(body, CHERWELL)
    change = body.meetings[0].date + dt.timedelta(days=10)
    Deputyship.objects.filter(membership=seat).update(end_date=change - dt.timedelta(days=1))
    new_person = Person.objects.create(name="New deputy for Cherwell")
    Deputyship.objects.create(membership=seat, person=new_person, start_date=change)
    proposal = put(body)
    first = proposal.rounds.get()
    for meeting in body.meetings[:2]:
        Attendance.objects.create(
            meeting=meeting, membership=seat, person=seat.person, status=AttendanceStatus.APOLOGIES
        )
    # Before the change the old deputy speaks for Cherwell; the new one cannot.
    with pytest.raises(ValidationError, match="could not speak for Cherwell"):
        actions.position_record(first, seat, value="consent", stated_by=new_person, by=body.officer)
    assert actions.position_record(first, seat, value="object", by=old).capacity == Capacity.DEPUTY
    for name, membership in body.memberships.items():
        if CHERWELL not in name:
            actions.position_record(first, membership, value="consent", by=body.users[name])
    actions.round_close(first, by=body.officer)
    # After it, the other way round.
    second = actions.round_open(proposal, meeting=body.meetings[1], by=body.officer)
    with pytest.raises(PermissionDenied):
        actions.position_record(second, seat, value="consent", by=old)
    position = actions.position_record(second, seat, value="consent", stated_by=new_person, by=body.officer)
    assert (position.capacity, position.person) == (Capacity.DEPUTY, new_person)


# ---------------------------------------------------------------------------
# 11. A round, its text and its history are public only when its meeting's agenda is


def test_rule_11_a_round_at_an_unpublished_meeting_never_shows_on_the_public_page(client, body):
    body.meetings[1].title = "Extraordinary meeting on the tender"
    body.meetings[1].save(update_fields=["title"])
    proposal = put(body)
    first = proposal.rounds.get()
    all_record(body, first, objector=WODC)
    actions.round_close(first, by=body.officer)
    actions.round_open(proposal, meeting=body.meetings[1], text="An AMENDED SECRET TEXT.", by=body.officer)
    # The later meeting's agenda is withdrawn (or, in rows from before the rule, was never published).
    Meeting.objects.filter(pk=body.meetings[1].pk).update(agenda_published_at=None, status=MeetingStatus.SCHEDULED)

    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "Round 1" in html
    for secret in ("AMENDED SECRET TEXT", "Round 2", "Extraordinary meeting on the tender"):
        assert secret not in html
    assert f"{body.meetings[1].start:%-d %B %Y}" not in html

    client.force_login(body.officer)
    manage = client.get(reverse("decisions:manage", args=[proposal.pk])).content.decode()
    assert "AMENDED SECRET TEXT" in manage and "Round 2" in manage


def test_the_decision_page_leads_with_the_text_that_was_decided(client, body):
    proposal = put(body)
    first = proposal.rounds.get()
    all_record(body, first, objector=WODC)
    actions.round_close(first, by=body.officer)
    second = actions.round_open(
        proposal, meeting=body.meetings[1], text="Approve, phased over two years.", by=body.officer
    )
    all_record(body, second)
    actions.round_close(second, by=body.officer)
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "As put to round 2 (amended)" in html
    assert html.index("Approve, phased over two years.") < html.index("The proposal as first put")
