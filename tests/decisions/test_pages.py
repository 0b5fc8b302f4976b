"""The decisions pages (SPEC §5, §6): members record positions, officers run the state
machine, and the public reads the register and the decision pages, which never show a
proposal on an exempt item or an unpublished agenda."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from decisions import actions
from decisions.models import (
    Capacity,
    Position,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    Ratification,
    Round,
    Route,
)
from decisions.queries import decisions_for_meeting
from decisions.states import VoterKey
from meetings.models import AgendaItem, Attendance, AttendanceStatus, ExemptCategory, Meeting, Purpose
from partnerships.models import Delegation, Partnership

CHERWELL = "Cherwell"
DECISION_LINK = re.compile(r'href="/decisions/\d+/"')
WODC = "West Oxfordshire"


def put(body, title: str = "Strategy 2008-11", big_ticket: bool = False, item: AgendaItem | None = None) -> Proposal:
    return actions.proposal_create(
        item or body.item, title=title, text="Approve the strategy.", big_ticket=big_ticket, by=body.officer
    )


def all_record(body, round: Round, objector: str | None = None) -> None:
    for name, membership in body.memberships.items():
        value = "object" if objector and objector in name else "consent"
        actions.position_record(round, membership, value=value, by=body.users[name])


def deputy_of(body, short: str):
    return next(user for name, user in body.deputies.items() if short in name)


@pytest.fixture
def stranger(body) -> User:
    """An officer of another partnership (the shared ``other_officer`` persona's
    partnership has the same slug as the commissioning body's)."""
    elsewhere = Partnership.objects.create(name="Community Safety", slug="community-safety", purpose="Safety.")
    user = User.objects.create_user(username="stranger", password="x", role=Role.OFFICER)
    elsewhere.officers.add(user)
    return user


def step_url(proposal: Proposal, verb: str) -> str:
    return reverse("decisions:step", args=[proposal.pk, verb])


# ---------------------------------------------------------------------------
# Members


def test_member_sees_the_open_round_and_records_a_position_on_the_page(client, body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    client.force_login(body.user(CHERWELL))

    awaiting = client.get(reverse("decisions:awaiting"))
    assert awaiting.status_code == 200
    assert proposal.title in awaiting.content.decode()
    assert "Awaiting your position" in awaiting.content.decode()

    url = reverse("decisions:position", args=[round1.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="value"' in html and 'value="consent"' in html
    assert 'name="membership"' not in html  # one seat: nothing to choose

    response = client.post(url, {"value": "object", "comment": "Phasing is too fast."})
    assert response.status_code == 302
    assert response["Location"] == reverse("decisions:awaiting")
    position = Position.objects.get(round=round1)
    assert (position.value, position.capacity, position.comment) == ("object", Capacity.MEMBER, "Phasing is too fast.")
    assert position.organisation == body.seat(CHERWELL).organisation

    awaiting = client.get(reverse("decisions:awaiting")).content.decode()
    assert "Position recorded" in awaiting and "Object" in awaiting


def test_a_changed_position_is_a_new_row_and_the_page_shows_the_history(client, body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    client.force_login(body.user(CHERWELL))
    url = reverse("decisions:position", args=[round1.pk])
    client.post(url, {"value": "object"})
    client.post(url, {"value": "consent", "comment": "Reassured by the phasing."})
    assert list(Position.objects.filter(round=round1).values_list("value", flat=True)) == ["object", "consent"]
    html = client.get(url).content.decode()
    assert "Changed position" in html
    assert "Reassured by the phasing." in html


def test_position_without_a_choice_is_a_400_with_the_error_summary(client, body):
    round1 = put(body).rounds.get()
    client.force_login(body.user(CHERWELL))
    response = client.post(reverse("decisions:position", args=[round1.pk]), {"value": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_value_1"' in html  # the summary links to the first radio
    assert "Choose consent, object or abstain" in html
    assert not Position.objects.exists()


def test_position_on_a_closed_round_is_a_400_with_the_reason(client, body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    actions.round_close(round1, by=body.officer)
    client.force_login(body.user(CHERWELL))
    url = reverse("decisions:position", args=[round1.pk])
    assert "This round has closed" in client.get(url).content.decode()
    response = client.post(url, {"value": "consent"})
    assert response.status_code == 400
    assert "This round has closed: positions can no longer be recorded." in response.content.decode()


def test_deputy_is_refused_while_the_member_is_present(client, body):
    round1 = put(body).rounds.get()
    client.force_login(deputy_of(body, CHERWELL))
    url = reverse("decisions:position", args=[round1.pk])
    for response in (client.get(url), client.post(url, {"value": "consent"})):
        assert response.status_code == 403
        assert "As deputy you can record a position only when Member for Cherwell District Council is absent" in (
            response.content.decode()
        )
    assert not Position.objects.exists()


def test_deputy_records_for_the_organisation_when_the_member_sent_apologies(client, body):
    round1 = put(body).rounds.get()
    seat = body.seat(CHERWELL)
    Attendance.objects.create(
        meeting=round1.meeting, membership=seat, person=seat.person, status=AttendanceStatus.APOLOGIES
    )
    deputy = deputy_of(body, CHERWELL)
    client.force_login(deputy)
    awaiting = client.get(reverse("decisions:awaiting")).content.decode()
    assert "Designated deputy for Member for Cherwell District Council" in awaiting
    response = client.post(reverse("decisions:position", args=[round1.pk]), {"value": "consent"})
    assert response.status_code == 302
    position = Position.objects.get()
    assert (position.capacity, position.person_id) == (Capacity.DEPUTY, deputy.person.pk)


def test_a_person_acting_for_two_seats_chooses_the_seat(client, body):
    """The Cherwell member also holds a delegation for West Oxfordshire, whose member is absent."""
    round1 = put(body).rounds.get()
    cherwell = body.user(CHERWELL)
    wodc_seat = body.seat(WODC)
    Delegation.objects.create(
        organisation=wodc_seat.organisation,
        person=cherwell.person,
        board=body.board,
        scope="Commissioning decisions",
        valid_from=dt.date(2020, 1, 1),
        evidence_reference="Executive, 3 March 2020, minute 12",
    )
    Attendance.objects.create(
        meeting=round1.meeting, membership=wodc_seat, person=wodc_seat.person, status=AttendanceStatus.ABSENT
    )
    client.force_login(cherwell)
    url = reverse("decisions:position", args=[round1.pk])
    html = client.get(url).content.decode()
    assert 'name="membership"' in html
    assert "West Oxfordshire District Council" in html and "As delegate" in html

    response = client.post(url, {"membership": str(wodc_seat.pk), "value": "object"})
    assert response.status_code == 302
    position = Position.objects.get()
    assert (position.organisation_id, position.capacity) == (wodc_seat.organisation_id, Capacity.DELEGATE)

    missing = client.post(url, {"value": "consent"})
    assert missing.status_code == 400
    assert "Choose the seat you are recording a position for" in missing.content.decode()


def test_someone_without_a_seat_is_refused_with_a_reason(client, body, stranger):
    round1 = put(body).rounds.get()
    client.force_login(stranger)
    response = client.get(reverse("decisions:position", args=[round1.pk]))
    assert response.status_code == 403
    assert "not linked to a seat" in response.content.decode()


def test_advisory_views_are_shown_apart_and_labelled_not_counted(client, body):
    round1 = put(body).rounds.get()
    client.force_login(body.service_user_login)
    assert (
        "advisory view and is not counted"
        in client.get(reverse("decisions:position", args=[round1.pk])).content.decode()
    )
    client.post(
        reverse("decisions:position", args=[round1.pk]), {"value": "object", "comment": "Service users object."}
    )
    assert Position.objects.get().advisory
    client.force_login(body.user(CHERWELL))
    html = client.get(reverse("decisions:position", args=[round1.pk])).content.decode()
    assert "Advisory view, not counted" in html
    assert "Service users object." in html


# ---------------------------------------------------------------------------
# Officers


def test_officer_puts_a_proposal_from_an_agenda_item(client, body):
    client.force_login(body.officer)
    url = reverse("decisions:proposal_new", args=[body.item.meeting_id, body.item.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert body.item.title in page.content.decode()

    empty = client.post(url, {"title": "", "text": ""})
    assert empty.status_code == 400
    assert "Enter what the board is asked to agree" in empty.content.decode()

    response = client.post(url, {"title": "Strategy 2008-11", "text": "Approve the strategy.", "big_ticket": "yes"})
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("decisions:manage", args=[proposal.pk])
    assert (proposal.status, proposal.big_ticket, proposal.mou_id) == (ProposalStatus.OPEN, True, body.mou.pk)
    assert proposal.rounds.get().meeting_id == body.item.meeting_id


def test_officer_closes_the_round_via_the_page(client, body):
    proposal = put(body)
    all_record(body, proposal.rounds.get())
    client.force_login(body.officer)
    manage = client.get(reverse("decisions:manage", args=[proposal.pk])).content.decode()
    assert "Close round 1 and count the positions" in manage

    response = client.post(step_url(proposal, "round_close"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.route) == (ProposalStatus.AGREED_BY_CONSENSUS, Route.CONSENSUS)
    manage = client.get(reverse("decisions:manage", args=[proposal.pk])).content.decode()
    assert "nothing more can be done" in manage
    assert "Close round" not in manage


def test_manage_page_offers_only_the_steps_valid_from_the_status(client, body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    all_record(body, round1, objector=WODC)
    client.force_login(body.officer)
    open_page = client.get(reverse("decisions:manage", args=[proposal.pk])).content.decode()
    assert step_url(proposal, "round_close") in open_page
    for verb in ("defer", "escalate", "refer", "round_open", "determine", "ratify"):
        assert step_url(proposal, verb) not in open_page

    actions.round_close(round1, by=body.officer)
    failed = client.get(reverse("decisions:manage", args=[proposal.pk])).content.decode()
    for verb in ("defer", "escalate", "refer", "round_open"):
        assert step_url(proposal, verb) in failed
    for verb in ("round_close", "escalation_result", "determine", "ratify"):
        assert step_url(proposal, verb) not in failed
    assert "West Oxfordshire District Council" in failed  # the objection, on the rounds table


def test_an_invalid_transition_is_a_400_with_the_message(client, body):
    proposal = put(body)
    client.force_login(body.officer)
    response = client.post(step_url(proposal, "refer"), {"note": "Refer now"})
    assert response.status_code == 400
    assert "You cannot refer a proposal that is open for positions." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN
    assert client.get(step_url(proposal, "determine")).status_code == 400
    assert client.get(step_url(proposal, "no-such-step")).status_code == 404


def test_defer_without_a_reason_is_a_form_error(client, body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    all_record(body, round1, objector=WODC)
    actions.round_close(round1, by=body.officer)
    client.force_login(body.officer)
    response = client.post(step_url(proposal, "defer"), {"reason": "  "})
    assert response.status_code == 400
    assert "Enter why the decision is deferred" in response.content.decode()
    assert client.post(step_url(proposal, "defer"), {"reason": "Consult the providers"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DEFERRED


def test_the_2008_dispute_runs_through_the_pages_to_the_lead_accountable_body(client, body, date_input):
    proposal = put(body)
    all_record(body, proposal.rounds.get(), objector=WODC)
    client.force_login(body.officer)
    assert client.post(step_url(proposal, "round_close")).status_code == 302
    assert client.post(step_url(proposal, "escalate"), {"note": ""}).status_code == 302
    assert client.post(step_url(proposal, "escalation_result"), {"result": "No change."}).status_code == 302

    page = client.get(step_url(proposal, "round_open"))
    assert page.status_code == 200
    assert f'<option value="{body.meetings[1].pk}" selected>' in page.content.decode()  # the next meeting
    earlier = client.post(step_url(proposal, "round_open"), {"meeting": "", "text": ""})
    assert earlier.status_code == 400
    response = client.post(step_url(proposal, "round_open"), {"meeting": body.meetings[1].pk, "text": "Amended text."})
    assert response.status_code == 302
    round2 = proposal.rounds.get(number=2)
    assert (round2.meeting_id, round2.text) == (body.meetings[1].pk, "Amended text.")

    all_record(body, round2, objector=WODC)
    assert client.post(step_url(proposal, "round_close")).status_code == 302
    assert client.post(step_url(proposal, "refer"), {"note": ""}).status_code == 302
    missing = client.post(step_url(proposal, "determine"), {"text": "Approved."})
    assert missing.status_code == 400
    assert "Select yes if the lead accountable body agreed the proposal" in missing.content.decode()
    today = date_input("decided_on", timezone.localdate())
    assert (
        client.post(step_url(proposal, "determine"), {"agreed": "yes", "text": "Approved.", **today}).status_code == 302
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.determination_agreed) == (ProposalStatus.DETERMINED, True)

    public = client.get(proposal.get_absolute_url()).content.decode()
    assert "Determined by the lead accountable body: agreed" in public
    assert "Amended proposal" in public
    assert "Escalated to" in public or "Escalated" in public


def test_officer_records_ratifications_partner_by_partner(client, body, date_input):
    proposal = put(body, big_ticket=True)
    all_record(body, proposal.rounds.get())
    actions.round_close(proposal.rounds.get(), by=body.officer)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.AWAITING_RATIFICATION
    client.force_login(body.officer)
    county = body.organisations["Oxfordshire County Council"]
    data = {"organisation": county.pk, "ratified": "yes", "body": "", "reference": "Minute 87"}
    data.update(date_input("decided_on", timezone.localdate()))
    response = client.post(step_url(proposal, "ratify"), data)
    assert response.status_code == 302
    assert Ratification.objects.get().body == "Cabinet"  # the organisation's executive body

    early = {"organisation": body.organisations["Oxford City Council"].pk, "ratified": "yes", "reference": ""}
    early.update(date_input("decided_on", timezone.localdate() - dt.timedelta(days=400)))
    response = client.post(step_url(proposal, "ratify"), early)
    assert response.status_code == 400
    assert "when the board agreed the proposal" in response.content.decode()

    again = client.post(step_url(proposal, "ratify"), data)
    assert again.status_code == 400  # the county is no longer a choice
    assert "Choose a partner whose ratification is still to be recorded" in again.content.decode()
    form = client.get(step_url(proposal, "ratify")).content.decode()
    assert f'value="{county.pk}"' not in form
    assert "Still to ratify" in client.get(reverse("decisions:manage", args=[proposal.pk])).content.decode()


def test_ids_out_of_range_in_forms_are_form_errors_not_500s(client, body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    all_record(body, round1, objector=WODC)
    actions.round_close(round1, by=body.officer)
    client.force_login(body.officer)
    huge = "9" * 30
    response = client.post(step_url(proposal, "round_open"), {"meeting": huge, "text": ""})
    assert response.status_code == 400
    assert "Choose a meeting of the board at or after the last round" in response.content.decode()
    client.force_login(body.user(CHERWELL))
    response = client.post(reverse("decisions:position", args=[round1.pk]), {"membership": huge, "value": "x"})
    assert response.status_code == 400


def test_officers_of_other_partnerships_are_refused(client, body, stranger):
    proposal = put(body)
    client.force_login(stranger)
    assert client.get(reverse("decisions:manage", args=[proposal.pk])).status_code == 403
    response = client.post(step_url(proposal, "round_close"))
    assert response.status_code == 403
    assert "You do not service this partnership" in response.content.decode()
    url = reverse("decisions:proposal_new", args=[body.item.meeting_id, body.item.pk])
    assert client.get(url).status_code == 403
    assert proposal.rounds.get().is_open


def test_signed_out_visitors_are_sent_to_sign_in(client, body):
    proposal = put(body)
    for url in (
        reverse("decisions:awaiting"),
        reverse("decisions:position", args=[proposal.rounds.get().pk]),
        reverse("decisions:manage", args=[proposal.pk]),
        step_url(proposal, "round_close"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("sign-in")), url


# ---------------------------------------------------------------------------
# The public


def settle(body, proposal: Proposal) -> Proposal:
    all_record(body, proposal.rounds.get())
    actions.round_close(proposal.rounds.get(), by=body.officer)
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def hidden(body) -> dict[str, Proposal]:
    """Two settled proposals the public may not see: on an exempt item, and on a
    meeting whose agenda is not published."""
    exempt_item = AgendaItem.objects.create(
        meeting=body.meetings[0],
        order=2,
        title="Contract award to a named provider",
        purpose=Purpose.DECISION,
        exempt=True,
        exempt_category=ExemptCategory.choices[2][0],
    )
    unpublished = Meeting.objects.create(
        board=body.board, start=timezone.now() - dt.timedelta(days=5), venue="County Hall"
    )
    unpublished_item = AgendaItem.objects.create(
        meeting=unpublished, order=1, title="Budget virement", purpose=Purpose.DECISION
    )
    # Rounds are put on published agendas only (SPEC §9); this one's agenda was withdrawn
    # afterwards, as rows from before that rule could be: the pages must still hide it.
    Meeting.objects.filter(pk=unpublished.pk).update(agenda_published_at=timezone.now() - dt.timedelta(days=20))
    unpublished.refresh_from_db()
    hidden = {
        "exempt": settle(body, put(body, title="Secret contract award", item=exempt_item)),
        "unpublished": settle(body, put(body, title="Unpublished virement", item=unpublished_item)),
    }
    Meeting.objects.filter(pk=unpublished.pk).update(agenda_published_at=None)
    return hidden


def test_register_lists_settled_public_decisions_only(client, body, hidden):
    public = settle(body, put(body, title="Strategy 2008-11"))
    put(body, title="Still open proposal")
    response = client.get(reverse("decisions:register"))
    assert response.status_code == 200
    html = response.content.decode()
    assert public.title in html and public.get_absolute_url() in html
    assert "Agreed by consensus" in html
    for hidden_title in ("Secret contract award", "Unpublished virement", "Still open proposal"):
        assert hidden_title not in html
    assert "1 decision" in html


def test_decision_page_is_a_404_unless_the_item_is_public(client, body, hidden):
    public = settle(body, put(body))
    assert client.get(public.get_absolute_url()).status_code == 200
    for proposal in hidden.values():
        assert client.get(proposal.get_absolute_url()).status_code == 404
    client.force_login(body.officer)  # even the officer reads them on the manage page only
    assert client.get(hidden["exempt"].get_absolute_url()).status_code == 404


def test_decision_page_shows_rounds_positions_rules_and_route(client, body, set_rules):
    set_rules(majority_fallback=True, fallback_from_round=2, max_minority=1, escalation_body="the Chief Executives")
    body.meetings[0].minutes_published_at = timezone.now()
    body.meetings[0].save(update_fields=["minutes_published_at"])
    proposal = put(body)
    round1 = proposal.rounds.get()
    all_record(body, round1, objector=WODC)
    actions.position_record(round1, body.seat(CHERWELL), value="abstain", by=body.user(CHERWELL))
    actions.position_record(round1, body.service_user, value="consent", by=body.service_user_login)
    actions.round_close(round1, by=body.officer)
    actions.proposal_escalate(proposal, by=body.officer)
    round2 = actions.round_open(proposal, meeting=body.meetings[1], by=body.officer)
    all_record(body, round2, objector=WODC)
    actions.round_close(round2, by=body.officer)

    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "Agreed by majority" in html and "Majority fallback" in html
    assert (
        "Allowed from the second meeting at which the proposal is put (003 §19)" in html
        and "at most 1 objection (003 §22)" in html
    )
    assert "the Chief Executives" in html
    assert reverse("meetings:meeting", args=[body.meetings[0].pk]) + "#minutes" in html
    assert reverse("meetings:meeting", args=[body.meetings[1].pk]) + "#minutes" not in html  # not published
    assert "Changed position" in html  # Cherwell: consent, then abstain
    assert "Advisory view, not counted" in html
    assert "No consensus" in html and "Escalated" in html  # the route
    assert "6 consents, 1 objection, 1 abstention and 0 without a position, of 8 voters" in html


def test_register_filters_by_partnership_route_and_year(client, body):
    proposal = settle(body, put(body))
    url = reverse("decisions:register")
    year = proposal.decided_at.year
    assert proposal.title in client.get(url, {"route": "consensus", "year": year}).content.decode()
    assert proposal.title not in client.get(url, {"route": "majority"}).content.decode()
    assert proposal.title not in client.get(url, {"year": year - 3}).content.decode()
    assert proposal.title in client.get(url, {"partnership": "supporting-people"}).content.decode()
    assert proposal.title not in client.get(url, {"partnership": "elsewhere"}).content.decode()
    for year in ("not-a-year", "99999", "0", "-1"):
        assert proposal.title in client.get(url, {"year": year, "page": "x"}).content.decode()
    assert client.get(f"/decisions/{'9' * 30}/").status_code == 404
    assert client.get(f"/decisions/rounds/{'9' * 30}/position/").status_code in (302, 404)


def _bulk_settled(body, count: int) -> None:
    """Settled public proposals with one closed round and eight positions each, made
    in bulk (the append-only tables accept inserts)."""
    now = timezone.now()
    orgs = list(body.organisations.values())
    for index in range(count):
        proposal = Proposal.objects.create(
            board=body.board,
            item=body.item,
            mou=body.mou,
            title=f"Bulk decision {index:03d}",
            text="Agree it.",
            status=ProposalStatus.AGREED_BY_CONSENSUS,
            route=Route.CONSENSUS,
            decided_at=now - dt.timedelta(days=index * 40),
        )
        round = Round.objects.create(
            proposal=proposal,
            number=1,
            meeting=body.meetings[index % 2],
            text="Agree it.",
            closed_at=now,
            outcome="agreed_by_consensus",
            voters=[str(VoterKey.for_organisation(org.pk)) for org in orgs],
        )
        Position.objects.bulk_create(
            Position(
                round=round,
                voter=str(VoterKey.for_organisation(membership.organisation_id)),
                organisation_id=membership.organisation_id,
                membership=membership,
                person=membership.person,
                capacity=Capacity.MEMBER,
                value="consent",
            )
            for membership in body.memberships.values()
        )
        ProposalEvent.objects.create(
            proposal=proposal, verb="round_close", from_status="open", to_status=proposal.status
        )


@pytest.mark.parametrize("count", [3, 30])
def test_register_queries_do_not_grow_with_the_decisions(client, body, count, django_assert_max_num_queries):
    _bulk_settled(body, count)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("decisions:register"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{count} decisions" in html
    assert len(DECISION_LINK.findall(html)) == min(count, 20)  # 20 a page
    if count > 20:
        assert 'href="?page=2#decisions"' in html
        second = client.get(reverse("decisions:register"), {"page": 2}).content.decode()
        assert len(DECISION_LINK.findall(second)) == count - 20


@pytest.mark.parametrize("count", [3, 30])
def test_decision_and_manage_pages_queries_are_bounded(client, body, count, django_assert_max_num_queries):
    _bulk_settled(body, count)
    proposal = Proposal.objects.order_by("pk").last()
    for _ in range(count):  # a long history of changed positions
        membership = body.seat(CHERWELL)
        Position.objects.create(
            round=proposal.rounds.get(),
            voter=str(VoterKey.for_organisation(membership.organisation_id)),
            organisation_id=membership.organisation_id,
            membership=membership,
            person=membership.person,
            capacity=Capacity.MEMBER,
            value="consent",
        )
    with django_assert_max_num_queries(6):
        assert client.get(proposal.get_absolute_url()).status_code == 200
    client.force_login(body.officer)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("decisions:manage", args=[proposal.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("decisions:manage_list")).status_code == 200


def test_member_pages_queries_are_bounded(client, body, django_assert_max_num_queries):
    for index in range(5):
        put(body, title=f"Proposal {index}")
    round1 = Round.objects.order_by("pk").first()
    all_record(body, round1)
    client.force_login(body.user(CHERWELL))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("decisions:awaiting")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("decisions:position", args=[round1.pk])).status_code == 200


def test_decisions_for_meeting_lists_the_public_proposals_put_to_it(client, body, hidden):
    public = settle(body, put(body))
    assert decisions_for_meeting(body.meetings[2]) == []  # no round was held there
    proposals = decisions_for_meeting(body.meetings[0])
    assert proposals == [public]
    assert proposals[0].rounds_at_meeting[0].outcome_label == "Agreed by consensus"
    everything = decisions_for_meeting(body.meetings[0], public=False)
    assert {p.title for p in everything} == {public.title, "Secret contract award"}

    html = render_to_string("decisions/_meeting_decisions.html", {"decisions": proposals})
    assert public.get_absolute_url() in html and "Round 1 at this meeting: agreed by consensus." in html
