"""Issue 8, "the rules hold on every path", found by a hostile tester: a member recorded
as away from the meeting is not recorded, on the officer's page of positions stated at
the meeting, as stating the seat's position there (F5), and
the same positions submitted twice say that nothing changed (F8)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from decisions import actions
from decisions.models import Capacity, Position
from meetings.models import Attendance, AttendanceStatus
from tests.pages import error_summary

CHERWELL = "Cherwell"


def open_round(body):
    proposal = actions.proposal_create(body.item, title="Strategy 2008-11", text="Approve.", by=body.officer)
    return proposal, proposal.rounds.get()


def positions_url(proposal, round) -> str:
    return reverse("decisions:positions", args=[proposal.pk, round.pk])


def deputy_of(body, short: str):
    return next(user for name, user in body.deputies.items() if short in name).person


def attended(round, seat, status: str, deputy=None) -> None:
    Attendance.objects.create(meeting=round.meeting, membership=seat, person=seat.person, status=status, deputy=deputy)


# ---------------------------------------------------------------------------
# F5: the member who was not at the meeting did not state its position there


@pytest.mark.parametrize(
    ("status", "phrase"),
    [
        (AttendanceStatus.APOLOGIES, "sent apologies for the meeting"),
        (AttendanceStatus.ABSENT, "was absent from the meeting"),
        (AttendanceStatus.DEPUTY, "was represented by a deputy at the meeting"),
    ],
)
def test_a_member_away_from_the_meeting_is_not_recorded_as_stating_the_position(body, status, phrase):
    proposal, round1 = open_round(body)
    seat = body.seat(CHERWELL)
    attended(round1, seat, status, deputy=deputy_of(body, CHERWELL) if status == AttendanceStatus.DEPUTY else None)
    entry = actions.PositionEntry(seat, "consent", stated_by=seat.person)
    with pytest.raises(ValidationError) as refused:
        actions.positions_record(round1, [entry], by=body.officer)
    assert phrase in str(refused.value)
    assert "cannot be recorded as stating the seat's position there" in str(refused.value)
    assert not Position.objects.exists()


def test_a_position_given_in_writing_by_an_absent_member_is_still_recorded_on_its_own(body):
    """position_record, one seat: the officer records a position the member gave in
    writing (the demo's "Given in writing by …, who sent apologies")."""
    proposal, round1 = open_round(body)
    seat = body.seat(CHERWELL)
    attended(round1, seat, AttendanceStatus.APOLOGIES)
    position = actions.position_record(round1, seat, value="consent", stated_by=seat.person, by=body.officer)
    assert (position.capacity, position.person) == (Capacity.MEMBER, seat.person)


def test_the_deputy_who_attended_for_the_absent_member_states_it(body):
    proposal, round1 = open_round(body)
    seat = body.seat(CHERWELL)
    deputy = deputy_of(body, CHERWELL)
    attended(round1, seat, AttendanceStatus.APOLOGIES)
    [position] = actions.positions_record(
        round1, [actions.PositionEntry(seat, "consent", stated_by=deputy)], by=body.officer
    )
    assert (position.capacity, position.person) == (Capacity.DEPUTY, deputy)


def test_a_member_present_or_with_no_attendance_recorded_still_states_it(body):
    proposal, round1 = open_round(body)
    present, unrecorded = body.seat(CHERWELL), body.seat("West Oxfordshire")
    attended(round1, present, AttendanceStatus.PRESENT)
    recorded = actions.positions_record(
        round1,
        [actions.PositionEntry(present, "consent"), actions.PositionEntry(unrecorded, "object")],
        by=body.officer,
    )
    assert {p.capacity for p in recorded} == {Capacity.MEMBER}


def test_the_members_own_page_keeps_its_meaning(body):
    """The member's own page records a position given outside the meeting: the
    attendance at the meeting does not decide it (decisions/access.py capacity_for)."""
    proposal, round1 = open_round(body)
    seat = body.seat(CHERWELL)
    attended(round1, seat, AttendanceStatus.APOLOGIES)
    position = actions.position_record(round1, seat, value="consent", by=body.user(CHERWELL))
    assert position.capacity == Capacity.MEMBER


def test_the_positions_page_shows_why_the_away_member_is_refused(client, body):
    proposal, round1 = open_round(body)
    seat = body.seat(CHERWELL)
    attended(round1, seat, AttendanceStatus.APOLOGIES)
    client.force_login(body.officer)
    data = {f"value_{seat.pk}": "consent", f"stated_by_{seat.pk}": str(seat.person_id)}
    response = client.post(positions_url(proposal, round1), data)
    assert response.status_code == 400
    assert "sent apologies for the meeting" in error_summary(response)
    assert not Position.objects.exists()


# ---------------------------------------------------------------------------
# F8: the same positions twice


def test_the_same_positions_twice_say_nothing_changed(body):
    proposal, round1 = open_round(body)
    seat = body.seat(CHERWELL)
    actions.positions_record(round1, [actions.PositionEntry(seat, "consent")], by=body.officer)
    with pytest.raises(actions.NothingChanged, match="These positions are already recorded: nothing changed"):
        actions.positions_record(round1, [actions.PositionEntry(seat, "consent")], by=body.officer)
    assert Position.objects.count() == 1
    changed = actions.positions_record(round1, [actions.PositionEntry(seat, "object")], by=body.officer)
    assert [p.value for p in changed] == ["object"]


def test_the_positions_page_submitted_twice_says_nothing_changed(client, body):
    proposal, round1 = open_round(body)
    seat = body.seat(CHERWELL)
    client.force_login(body.officer)
    data = {f"value_{seat.pk}": "consent", f"stated_by_{seat.pk}": str(seat.person_id)}
    assert client.post(positions_url(proposal, round1), data).status_code == 302
    again = client.post(positions_url(proposal, round1), data, follow=True)
    assert again.redirect_chain[-1][1] == 302  # a message on the proposal's page, not an error page
    text = again.content.decode()
    assert "These positions are already recorded: nothing changed" in text
    assert "Choose a position for at least one seat" not in text
    assert Position.objects.count() == 1


def test_nothing_chosen_on_a_fresh_round_still_asks_for_a_position(body):
    proposal, round1 = open_round(body)
    with pytest.raises(ValidationError, match="Choose a position for at least one seat"):
        actions.positions_record(round1, [], by=body.officer)
