"""Item 12 of issue 8: the officer records the positions stated at the meeting for every
seat at once, with who stated each and in what capacity, from the browser."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions import actions
from decisions.models import Capacity, Position
from meetings.models import AgendaItem, Attendance, AttendanceStatus, Declaration, Meeting, MeetingStatus, Purpose
from partnerships.models import Membership, MembershipRole, Person

CHERWELL = "Cherwell"
WODC = "West Oxfordshire"


def open_round(body):
    proposal = actions.proposal_create(body.item, title="Strategy 2008-11", text="Approve.", by=body.officer)
    return proposal, proposal.rounds.get()


def url(proposal, round) -> str:
    return reverse("decisions:positions", args=[proposal.pk, round.pk])


def stated(body, *, objector: str = "", **overrides: str) -> dict[str, str]:
    """POST data: every counted seat consents (the objector objects), stated by the member."""
    data = {}
    for name, seat in body.memberships.items():
        data[f"value_{seat.pk}"] = "object" if objector and objector in name else "consent"
        data[f"stated_by_{seat.pk}"] = str(seat.person_id)
        data[f"comment_{seat.pk}"] = ""
    data.update(overrides)
    return data


def test_the_proposal_page_links_the_officer_to_the_positions_page(client, body):
    proposal, round1 = open_round(body)
    client.force_login(body.officer)
    html = client.get(reverse("decisions:manage", args=[proposal.pk])).content.decode()
    assert url(proposal, round1) in html and "Record the positions stated at the meeting" in html


def test_an_officer_records_every_seats_position_at_once(client, body):
    proposal, round1 = open_round(body)
    client.force_login(body.officer)
    page = client.get(url(proposal, round1))
    assert page.status_code == 200
    html = page.content.decode()
    for seat in body.memberships.values():
        assert f'name="value_{seat.pk}"' in html
    assert "Advisory view, not counted" in html  # the service user's seat

    response = client.post(url(proposal, round1), stated(body, objector=WODC))
    assert response.status_code == 302
    positions = Position.objects.filter(round=round1)
    assert positions.count() == 8
    assert set(positions.values_list("capacity", flat=True)) == {Capacity.MEMBER}
    assert set(positions.values_list("recorded_by", flat=True)) == {body.officer.pk}
    assert positions.get(organisation__name__startswith=WODC).value == "object"

    # Submitting the same page again records nothing new (a double submit), and says so.
    again = client.post(url(proposal, round1), stated(body, objector=WODC))
    assert again.status_code == 302
    assert Position.objects.filter(round=round1).count() == 8
    assert actions.round_close(round1, by=body.officer) == "not_agreed"

    public = client.get(proposal.get_absolute_url()).content.decode()
    assert "recorded by an officer" in public


def test_the_deputy_is_named_as_the_one_who_stated_it(client, body):
    proposal, round1 = open_round(body)
    seat = body.seat(CHERWELL)
    deputy = next(user for name, user in body.deputies.items() if CHERWELL in name).person
    Attendance.objects.create(
        meeting=round1.meeting, membership=seat, person=seat.person, status=AttendanceStatus.DEPUTY, deputy=deputy
    )
    client.force_login(body.officer)
    assert f'<option value="{deputy.pk}"' in client.get(url(proposal, round1)).content.decode()
    data = {f"value_{seat.pk}": "consent", f"stated_by_{seat.pk}": str(deputy.pk)}
    assert client.post(url(proposal, round1), data).status_code == 302
    position = Position.objects.get()
    assert (position.capacity, position.person) == (Capacity.DEPUTY, deputy)


def test_a_refused_seat_records_nothing_at_all_and_says_why_on_its_row(client, body):
    proposal, round1 = open_round(body)
    seat = body.seat(CHERWELL)
    Declaration.objects.create(item=body.item, membership=seat, nature="Trustee of a provider", withdraws=True)
    client.force_login(body.officer)
    response = client.post(url(proposal, round1), stated(body))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "declared an interest and withdrew" in html
    assert f'id="id_stated_by_{seat.pk}-error"' in html
    assert not Position.objects.exists()  # all or nothing


def test_someone_who_could_not_speak_for_the_seat_is_refused(client, body):
    proposal, round1 = open_round(body)
    seat = body.seat(CHERWELL)
    other = body.seat(WODC).person  # a choice the form does not offer for this seat
    client.force_login(body.officer)
    response = client.post(url(proposal, round1), {f"value_{seat.pk}": "consent", f"stated_by_{seat.pk}": other.pk})
    assert response.status_code == 400
    assert "Choose who stated the position" in response.content.decode()
    assert not Position.objects.exists()


def test_nothing_chosen_is_a_clear_error(client, body):
    proposal, round1 = open_round(body)
    client.force_login(body.officer)
    response = client.post(url(proposal, round1), {})
    assert response.status_code == 400
    assert "Choose a position for at least one seat" in response.content.decode()


def test_members_and_other_officers_cannot_use_the_page(client, body):
    from accounts.models import Role, User

    proposal, round1 = open_round(body)
    client.force_login(body.user(CHERWELL))
    assert client.get(url(proposal, round1)).status_code == 403
    stranger = User.objects.create_user(username="oscar", password="x", role=Role.OFFICER)
    client.force_login(stranger)
    assert client.post(url(proposal, round1), stated(body)).status_code == 403
    assert not Position.objects.exists()


def test_a_closed_round_takes_no_more_positions(client, body):
    proposal, round1 = open_round(body)
    client.force_login(body.officer)
    client.post(url(proposal, round1), stated(body))
    actions.round_close(round1, by=body.officer)
    response = client.post(url(proposal, round1), stated(body, objector=WODC))
    assert response.status_code == 400
    assert "is closed" in response.content.decode()


@pytest.mark.parametrize("extra", [2, 30])
def test_the_page_uses_a_fixed_number_of_queries(client, body, django_assert_max_num_queries, extra):
    proposal, round1 = open_round(body)
    people = Person.objects.bulk_create(Person(name=f"Observer {i}") for i in range(extra))
    Membership.objects.bulk_create(
        Membership(
            board=body.board,
            person=person,
            organisation=body.seat(CHERWELL).organisation,
            role=MembershipRole.USER_REPRESENTATIVE,
            voting=False,
            start_date=dt.date(2020, 1, 1),
        )
        for person in people
    )
    client.force_login(body.officer)
    with django_assert_max_num_queries(8):
        assert client.get(url(proposal, round1)).status_code == 200


def test_positions_stated_at_a_meeting_wait_for_the_meeting(client, body):
    ahead = Meeting.objects.create(
        board=body.board,
        start=timezone.now() + dt.timedelta(days=8),
        venue="County Hall",
        status=MeetingStatus.AGENDA_PUBLISHED,
        agenda_published_at=timezone.now(),
    )
    item = AgendaItem.objects.create(meeting=ahead, order=1, title="Annual plan", purpose=Purpose.DECISION)
    proposal = actions.proposal_create(item, title="Annual plan", text="Approve.", by=body.officer)
    round1 = proposal.rounds.get()
    client.force_login(body.officer)
    assert url(proposal, round1) not in client.get(reverse("decisions:manage", args=[proposal.pk])).content.decode()
    response = client.post(url(proposal, round1), stated(body))
    assert response.status_code == 400
    assert "can be recorded on or after" in response.content.decode()
    assert not Position.objects.exists()


def test_a_forged_position_value_gets_a_sentence(client, body):
    proposal, round1 = open_round(body)
    seat = body.seat(CHERWELL)
    client.force_login(body.officer)
    response = client.post(url(proposal, round1), {f"value_{seat.pk}": "veto"})
    assert response.status_code == 400
    assert "Choose consent, object or abstain for" in response.content.decode()
