"""Proposals move through consensus, escalation, majority fallback and referral (SPEC §5),
replaying the Supporting People disputes of 003 §12-17."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from decisions import actions, queries
from decisions.models import Position, ProposalStatus, Route
from meetings.models import Attendance, AttendanceStatus, Declaration

WODC = "West Oxfordshire"
CHERWELL = "Cherwell"


def put(body, title="Strategy 2008-11", big_ticket=False):
    return actions.proposal_create(
        body.item, title=title, text="Approve the strategy.", big_ticket=big_ticket, by=body.officer
    )


def all_record(body, round, objector=None, objection="object"):
    for name, membership in body.memberships.items():
        value = objection if objector and objector in name else "consent"
        actions.position_record(round, membership, value=value, by=body.users[name])


def test_2008_dispute_under_the_2004_mou_ends_with_the_lead_accountable_body(body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    all_record(body, round1, objector=WODC)
    assert actions.round_close(round1, by=body.officer) == "not_agreed"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NO_CONSENSUS

    actions.proposal_escalate(proposal, by=body.officer)
    actions.escalation_result_record(proposal, by=body.officer, result="No change in positions.")
    round2 = actions.round_open(proposal, meeting=body.meetings[1], by=body.officer)
    all_record(body, round2, objector=WODC)
    # 003 §11: without a fallback a second meeting still cannot agree.
    assert actions.round_close(round2, by=body.officer) == "not_agreed"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NO_CONSENSUS

    actions.proposal_refer(proposal, by=body.officer)
    actions.determination_record(
        proposal, by=body.officer, agreed=True, text="The County Chief Executive approved the majority decision."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DETERMINED
    assert proposal.route == Route.LEAD_BODY
    assert proposal.takes_effect_at is not None
    verbs = list(proposal.events.values_list("verb", "from_status", "to_status"))
    assert verbs == [
        ("proposal_create", "", "open"),
        ("round_close", "open", "no_consensus"),
        ("escalate", "no_consensus", "escalated"),
        ("escalation_result", "escalated", "escalated"),
        ("round_open", "escalated", "open"),
        ("round_close", "open", "no_consensus"),
        ("refer", "no_consensus", "referred"),
        ("determine", "referred", "determined"),
    ]
    assert "West Oxfordshire District Council" in proposal.events.filter(verb="round_close").first().note


def test_2008_dispute_under_the_amended_rules_is_settled_by_majority_at_the_second_meeting(body, set_rules):
    set_rules(majority_fallback=True, fallback_from_round=2, max_minority=1)  # 003 §19, §22
    proposal = put(body)
    all_record(body, proposal.rounds.get(), objector=WODC)
    assert actions.round_close(proposal.rounds.get(), by=body.officer) == "not_agreed"
    round2 = actions.round_open(proposal, meeting=body.meetings[1], by=body.officer)
    all_record(body, round2, objector=WODC)
    assert actions.round_close(round2, by=body.officer) == "agreed_by_majority"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.route) == (ProposalStatus.AGREED_BY_MAJORITY, Route.MAJORITY)


def test_a_failed_fallback_round_is_not_agreed_and_can_only_be_referred(body, set_rules):
    set_rules(majority_fallback=True, fallback_from_round=1, max_minority=1)
    proposal = put(body)
    round1 = proposal.rounds.get()
    all_record(body, round1, objector=WODC)
    actions.position_record(round1, body.seat(CHERWELL), value="object", by=body.user(CHERWELL))
    assert actions.round_close(round1, by=body.officer) == "not_agreed"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NOT_AGREED
    with pytest.raises(ValidationError, match="cannot defer a proposal that is not agreed"):
        actions.proposal_defer(proposal, by=body.officer, reason="More time")
    actions.proposal_refer(proposal, by=body.officer)


def test_escalation_required_holds_back_the_fallback_until_escalated(body, set_rules):
    set_rules(
        majority_fallback=True, fallback_from_round=1, escalation_required=True, escalation_body="the Chief Executives"
    )
    proposal = put(body)
    all_record(body, proposal.rounds.get(), objector=WODC)
    assert actions.round_close(proposal.rounds.get(), by=body.officer) == "not_agreed"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NO_CONSENSUS
    actions.proposal_escalate(proposal, by=body.officer)
    assert "the Chief Executives" in proposal.events.last().note
    round2 = actions.round_open(proposal, meeting=body.meetings[1], by=body.officer)
    all_record(body, round2, objector=WODC)
    assert actions.round_close(round2, by=body.officer) == "agreed_by_majority"


def test_2005_compromise_after_escalation_is_consensus_on_an_amended_proposal(body):
    proposal = put(body, title="Amendment of Strategy 2004-09")
    all_record(body, proposal.rounds.get(), objector=CHERWELL)
    actions.round_close(proposal.rounds.get(), by=body.officer)
    actions.proposal_escalate(proposal, by=body.officer)
    actions.escalation_result_record(proposal, by=body.officer, result="Chief Executives found a compromise.")
    round2 = actions.round_open(
        proposal, meeting=body.meetings[1], by=body.officer, text="Amended: phased change for young people."
    )
    assert round2.text.startswith("Amended")
    all_record(body, round2)
    assert actions.round_close(round2, by=body.officer) == "agreed_by_consensus"
    proposal.refresh_from_db()
    assert proposal.route == Route.CONSENSUS_AFTER_ESCALATION
    assert "Amended proposal" in proposal.events.get(verb="round_open").note


def test_deferral_then_a_new_round(body):
    proposal = put(body)
    all_record(body, proposal.rounds.get(), objector=WODC, objection="abstain")
    actions.round_close(proposal.rounds.get(), by=body.officer)
    actions.proposal_defer(proposal, by=body.officer, reason="More time for Cabinet to consider (000 §3).")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DEFERRED
    round2 = actions.round_open(proposal, meeting=body.meetings[1], by=body.officer)
    assert round2.number == 2


@pytest.mark.parametrize(
    ("verb", "call"),
    [
        ("refer", lambda p, by: actions.proposal_refer(p, by=by)),
        ("escalate", lambda p, by: actions.proposal_escalate(p, by=by)),
        ("defer", lambda p, by: actions.proposal_defer(p, by=by, reason="x")),
        ("determination", lambda p, by: actions.determination_record(p, by=by, agreed=True, text="x")),
    ],
)
def test_invalid_transitions_are_refused_with_a_clear_message(body, verb, call):
    proposal = put(body)
    with pytest.raises(ValidationError, match="a proposal that is open for positions"):
        call(proposal, body.officer)
    assert proposal.events.count() == 1


def test_positions_after_the_round_closed_are_refused(body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    all_record(body, round1)
    actions.round_close(round1, by=body.officer)
    with pytest.raises(ValidationError, match="round has closed"):
        actions.position_record(round1, body.seat(WODC), value="object", by=body.user(WODC))


def test_a_changed_position_is_a_new_record_and_the_latest_counts(body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    all_record(body, round1, objector=WODC)
    actions.position_record(round1, body.seat(WODC), value="consent", by=body.user(WODC), comment="Reassured.")
    assert Position.objects.filter(round=round1, membership=body.seat(WODC)).count() == 2
    assert actions.round_close(round1, by=body.officer) == "agreed_by_consensus"


def test_members_record_only_for_their_own_organisation(body):
    proposal = put(body)
    with pytest.raises(PermissionDenied, match="cannot record a position for West Oxfordshire"):
        actions.position_record(proposal.rounds.get(), body.seat(WODC), value="object", by=body.user(CHERWELL))


def test_a_deputy_acts_only_when_the_member_is_absent(body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    seat = body.seat(WODC)
    deputy = next(u for n, u in body.deputies.items() if WODC in n)
    with pytest.raises(PermissionDenied, match="only when"):
        actions.position_record(round1, seat, value="object", by=deputy)
    Attendance.objects.create(
        meeting=round1.meeting,
        membership=seat,
        person=seat.person,
        status=AttendanceStatus.DEPUTY,
        deputy=deputy.person,
    )
    position = actions.position_record(round1, seat, value="object", by=deputy)
    assert (position.capacity, position.person_id) == ("deputy", deputy.person.pk)


def test_a_member_who_withdrew_records_nothing_but_the_deputy_may(body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    seat = body.seat(CHERWELL)
    Declaration.objects.create(item=body.item, membership=seat, nature="Trustee of a provider", withdraws=True)
    with pytest.raises(PermissionDenied, match="withdrew"):
        actions.position_record(round1, seat, value="consent", by=body.user(CHERWELL))
    deputy = next(u for n, u in body.deputies.items() if CHERWELL in n)
    assert actions.position_record(round1, seat, value="consent", by=deputy).capacity == "deputy"


def test_advisory_views_are_shown_but_never_counted(body):
    proposal = put(body)
    round1 = proposal.rounds.get()
    all_record(body, round1)
    view = actions.position_record(
        round1, body.service_user, value="object", by=body.service_user_login, comment="Worried."
    )
    assert view.advisory and view.capacity == "advisory"
    assert actions.round_close(round1, by=body.officer) == "agreed_by_consensus"


def test_big_ticket_decisions_take_effect_when_every_partner_has_ratified(body):
    proposal = put(body, big_ticket=True)
    all_record(body, proposal.rounds.get())
    actions.round_close(proposal.rounds.get(), by=body.officer)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.AWAITING_RATIFICATION
    assert proposal.takes_effect_at is None
    partners = queries.partners_to_ratify(proposal)
    assert len(partners) == 8
    for organisation in partners:
        actions.ratification_record(
            proposal,
            organisation=organisation,
            ratified=True,
            body="Cabinet",
            decided_on=timezone.localdate(),
            by=body.officer,
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.IN_EFFECT
    assert proposal.takes_effect_at is not None


def test_another_partnerships_officer_cannot_run_the_decision(body, django_user_model):
    stranger = django_user_model.objects.create_user(username="stranger", password="x", role="officer")
    proposal = put(body)
    with pytest.raises(PermissionDenied):
        actions.round_close(proposal.rounds.get(), by=stranger)


def test_every_action_audits_with_its_own_name_at_its_now(body, set_rules):
    """Issue 7: each action writes one AuditEvent whose verb is the action's name, at ``now``."""
    import datetime as dt

    from partnerships.models import AuditEvent

    set_rules(majority_fallback=False)
    start = timezone.now() - dt.timedelta(days=3)

    def at(minutes: int) -> dt.datetime:
        return start + dt.timedelta(minutes=minutes)

    proposal = actions.proposal_create(body.item, title="Strategy", text="Approve.", by=body.officer, now=at(0))
    round1 = proposal.rounds.get()
    seat = body.seat(WODC)
    actions.position_record(round1, seat, value="object", by=body.user(WODC), now=at(1))
    actions.round_close(round1, by=body.officer, now=at(2))
    actions.proposal_defer(proposal, reason="Consult.", by=body.officer, now=at(3))
    actions.proposal_escalate(proposal, by=body.officer, now=at(4))
    actions.escalation_result_record(proposal, result="No change.", by=body.officer, now=at(5))
    actions.round_open(proposal, meeting=body.meetings[1], by=body.officer, now=at(6))
    all_record(body, proposal.rounds.get(number=2), objector=WODC)
    actions.round_close(proposal.rounds.get(number=2), by=body.officer, now=at(7))
    actions.proposal_refer(proposal, by=body.officer, now=at(8))
    actions.determination_record(proposal, agreed=True, text="Approved.", by=body.officer, now=at(9))

    rows = [(e.verb, e.at) for e in AuditEvent.objects.exclude(verb="position_record").order_by("at", "pk")]
    assert rows == [
        ("proposal_create", at(0)),
        ("round_close", at(2)),
        ("proposal_defer", at(3)),
        ("proposal_escalate", at(4)),
        ("escalation_result_record", at(5)),
        ("round_open", at(6)),
        ("round_close", at(7)),
        ("proposal_refer", at(8)),
        ("determination_record", at(9)),
    ]
    first_position = AuditEvent.objects.filter(verb="position_record").order_by("at").first()
    assert first_position.at == at(1) and first_position.details["value"] == "object"
    assert AuditEvent.objects.filter(verb="position_record").count() == 1 + len(body.memberships)
    closed = AuditEvent.objects.filter(verb="round_close").order_by("at").first()
    assert closed.details["status"] == ["open", "no_consensus"]
    determined = AuditEvent.objects.get(verb="determination_record")
    assert set(determined.details) == {
        "proposal",
        "status",
        "determination",
        "determination_agreed",
        "route",
        "decided_at",
        "takes_effect_at",
    }


def test_ratification_record_checks_the_date_and_audits(body):
    """The rule RatificationForm alone used to check: not in the future, not before the board agreed."""
    import datetime as dt

    from partnerships.models import AuditEvent

    proposal = put(body, big_ticket=True)
    all_record(body, proposal.rounds.get())
    actions.round_close(proposal.rounds.get(), by=body.officer)
    proposal.refresh_from_db()
    county = body.organisations["Oxfordshire County Council"]
    today = timezone.localdate()
    for day, message in (
        (today + dt.timedelta(days=1), "today or in the past"),
        (today - dt.timedelta(days=1), "when the board agreed"),
    ):
        with pytest.raises(ValidationError, match=message):
            actions.ratification_record(
                proposal, organisation=county, ratified=True, body="", decided_on=day, by=body.officer
            )
    ratification = actions.ratification_record(
        proposal, organisation=county, ratified=False, body="", decided_on=today, by=body.officer
    )
    assert ratification.body == "Cabinet"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NOT_RATIFIED
    audit = AuditEvent.objects.get(verb="ratification_record")
    assert audit.details["status"] == ["awaiting_ratification", "not_ratified"]


def test_a_decision_shown_in_published_minutes_asks_for_them_to_be_rendered_again(body, monkeypatch):
    """The minutes list the decisions taken at the meeting: closing a round re-renders them."""
    from meetings import pdf

    asked = []
    monkeypatch.setattr(pdf, "renders_request", lambda meeting, *, now: asked.append((meeting.pk, now)))
    proposal = put(body)
    assert asked == []  # the minutes are not published
    meeting = body.meetings[0]
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes_published_at"])
    all_record(body, proposal.rounds.get())
    now = timezone.now()
    actions.round_close(proposal.rounds.get(), by=body.officer, now=now)
    assert asked == [(meeting.pk, now)]
