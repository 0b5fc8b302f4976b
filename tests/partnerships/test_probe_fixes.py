"""Issue 8, "the rules hold on every path", found by a hostile tester: a sitting member
of the board is never made deputy for another of its seats (F2), and the deputy ledger
is never rewritten under the meetings that relied on it (F3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from decisions.models import Capacity, Proposal, Round
from meetings.models import AgendaItem, Attendance, AttendanceStatus, Declaration, MeetingStatus
from partnerships import actions
from partnerships.models import Deputyship, Membership, Person
from tests.factories import make_meeting, seat_position

D = dt.date
NOW = timezone.now()


@pytest.fixture
def other_seat(board, district) -> Membership:
    """A district councillor sitting on the same board."""
    person = Person.objects.create(name="Cllr Vic Vale", organisation=district)
    return Membership.objects.create(board=board, person=person, organisation=district, start_date=D(2021, 1, 1))


def deputy_url(seat: Membership, name: str = "deputy_change", *extra: object) -> str:
    board = seat.board
    return reverse(f"manage:{name}", args=[board.partnership.slug, board.slug, seat.pk, *extra])


# ---------------------------------------------------------------------------
# F2: a member of the board does not deputise for another of its seats


def test_a_sitting_member_of_the_board_cannot_be_made_deputy_for_another_seat(seat, other_seat, officer):
    with pytest.raises(ValidationError) as refused:
        actions.deputy_appoint(seat, person=other_seat.person, start_date=D(2026, 1, 1), by=officer, now=NOW)
    message = refused.value.message_dict["person"][0]
    assert "Cllr Vic Vale holds a seat on" in message and "Vale District Council" in message
    assert "from 1 January 2021" in message
    assert seat.deputyships.count() == 1


def test_a_former_member_may_deputise_after_their_seat_ended(seat, other_seat, officer):
    actions.membership_end(other_seat, on=D(2025, 12, 31), by=officer, now=NOW)
    deputyship = actions.deputy_appoint(seat, person=other_seat.person, start_date=D(2026, 1, 1), by=officer, now=NOW)
    assert deputyship.person == other_seat.person


def test_a_new_seat_cannot_name_a_member_of_the_board_as_its_deputy(board, other_seat, officer, pct):
    member = Person.objects.create(name="Dr Pat Trust", organisation=pct)
    with pytest.raises(ValidationError) as refused:
        actions.membership_create(
            by=officer,
            now=NOW,
            board=board,
            person=member,
            organisation=pct,
            start_date=D(2026, 1, 1),
            deputy=other_seat.person,
        )
    assert "holds a seat on" in refused.value.message_dict["deputy"][0]
    assert not Membership.objects.filter(person=member).exists()


def test_the_deputy_form_does_not_offer_members_of_the_board(client, officer, seat, other_seat):
    client.force_login(officer)
    page = client.get(deputy_url(seat)).content.decode()
    assert f'value="{other_seat.person_id}"' not in page
    response = client.post(
        deputy_url(seat),
        {"person": other_seat.person_id, "start_date_0": "1", "start_date_1": "1", "start_date_2": "2026"},
    )
    assert response.status_code == 400
    assert seat.deputyships.count() == 1


# ---------------------------------------------------------------------------
# F3: the ledger is never rewritten under the records that relied on it


@pytest.fixture
def deputised_meeting(board, seat, deputy):
    """A meeting on 12 March 2026 at which the deputy attended for the member."""
    start = timezone.make_aware(dt.datetime(2026, 3, 12, 10, 0))
    meeting = make_meeting(board, start, status=MeetingStatus.HELD)
    Attendance.objects.create(
        meeting=meeting, membership=seat, person=seat.person, status=AttendanceStatus.DEPUTY, deputy=deputy.person
    )
    return meeting


def test_a_deputyship_cannot_end_before_a_meeting_its_deputy_attended(seat, deputised_meeting, officer):
    deputyship = seat.deputyships.get()
    with pytest.raises(ValidationError) as refused:
        actions.deputy_end(deputyship, on=D(2026, 3, 1), by=officer, now=NOW)
    message = refused.value.message_dict["end_date"][0]
    assert "is recorded as attending" in message and "12 March 2026" in message
    deputyship.refresh_from_db()
    assert deputyship.end_date is None
    actions.deputy_end(deputyship, on=D(2026, 3, 12), by=officer, now=NOW)  # the day of the meeting is fine


def test_a_deputyship_cannot_end_before_a_declaration_or_position_by_its_deputy(board, seat, deputy, officer):
    start = timezone.make_aware(dt.datetime(2026, 4, 9, 10, 0))
    meeting = make_meeting(board, start, status=MeetingStatus.HELD)
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="Budget")
    Declaration.objects.create(item=item, membership=seat, person=deputy.person, nature="Trustee")
    deputyship = seat.deputyships.get()
    with pytest.raises(ValidationError, match="declared an interest as deputy at .*9 April 2026"):
        actions.deputy_end(deputyship, on=D(2026, 4, 1), by=officer, now=NOW)

    Declaration.objects.all().delete()
    proposal = Proposal.objects.create(board=board, item=item, title="Budget", text="Agree.")
    round1 = Round.objects.create(proposal=proposal, number=1, meeting=meeting)
    seat_position(round1, seat, person=deputy.person, capacity=Capacity.DEPUTY).save()
    with pytest.raises(ValidationError, match="stated a position as deputy at"):
        actions.deputy_end(deputyship, on=D(2026, 4, 1), by=officer, now=NOW)


def test_an_ended_deputyship_is_never_ended_again(seat, officer):
    deputyship = seat.deputyships.get()
    actions.deputy_end(deputyship, on=D(2025, 6, 30), by=officer, now=NOW)
    for on in (D(2025, 6, 1), D(2025, 6, 30), D(2025, 7, 31)):
        with pytest.raises(ValidationError) as refused:
            actions.deputy_end(deputyship, on=on, by=officer, now=NOW)
        assert refused.value.message_dict == {"end_date": ["This deputyship has already ended, on 30 June 2025"]}
    deputyship.refresh_from_db()
    assert deputyship.end_date == D(2025, 6, 30)


def test_a_back_dated_new_deputy_cannot_cut_the_previous_one_under_its_records(
    seat, deputised_meeting, officer, district
):
    newcomer = Person.objects.create(name="Cllr New Deputy", organisation=district)
    with pytest.raises(ValidationError) as refused:
        actions.deputy_appoint(seat, person=newcomer, start_date=D(2026, 3, 1), by=officer, now=NOW)
    assert "12 March 2026" in refused.value.message_dict["start_date"][0]
    assert list(Deputyship.objects.filter(membership=seat).values_list("end_date", flat=True)) == [None]
    actions.deputy_appoint(seat, person=newcomer, start_date=D(2026, 3, 13), by=officer, now=NOW)


def test_the_end_deputyship_page_names_the_meeting(client, officer, seat, deputised_meeting):
    client.force_login(officer)
    deputyship = seat.deputyships.get()
    response = client.post(
        deputy_url(seat, "deputy_end", deputyship.pk), {"end_date_0": "1", "end_date_1": "3", "end_date_2": "2026"}
    )
    assert response.status_code == 400
    assert "12 March 2026" in response.content.decode()
