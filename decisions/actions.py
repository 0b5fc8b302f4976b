"""Decisions move through an explicit state machine (SPEC §5). Every transition and
position is appended, never changed; the pure engine in rules.py decides rounds."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from accounts.models import User
from meetings.models import AgendaItem, Attendance, AttendanceStatus, Declaration, Meeting
from partnerships.access import can_edit_partnership
from partnerships.actions import audit_record
from partnerships.models import SEATED_ROLES, Delegation, Membership, Organisation

from . import rules as engine
from .models import (
    AGREED_STATUSES,
    Capacity,
    Position,
    PositionValue,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    Ratification,
    Round,
    Route,
)

S = ProposalStatus

# Which transitions each action may make: verb -> statuses it may start from.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "round_close": (S.OPEN,),
    "round_open": (S.NO_CONSENSUS, S.DEFERRED, S.ESCALATED),
    "defer": (S.NO_CONSENSUS,),
    "escalate": (S.NO_CONSENSUS, S.DEFERRED),
    "escalation_result": (S.ESCALATED,),
    "refer": (S.NO_CONSENSUS, S.ESCALATED, S.NOT_AGREED),
    "determine": (S.REFERRED,),
    "ratify": (S.AWAITING_RATIFICATION,),
}

VERB_LABELS = {
    "round_close": "close the round of",
    "round_open": "open a new round on",
    "defer": "defer",
    "escalate": "escalate",
    "escalation_result": "record the escalation result of",
    "refer": "refer",
    "determine": "record a determination on",
    "ratify": "record a ratification of",
}


def _require_transition(proposal: Proposal, verb: str) -> None:
    if proposal.status not in TRANSITIONS[verb]:
        raise ValidationError(
            f"You cannot {VERB_LABELS[verb]} a proposal that is {proposal.get_status_display().lower()}."
        )


def _require_edit(by: User, proposal_or_board) -> None:  # noqa: ANN001
    board = getattr(proposal_or_board, "board", proposal_or_board)
    if not can_edit_partnership(by, board.partnership):
        raise PermissionDenied("You do not service this partnership, so you cannot run its decisions.")


def _event(
    proposal: Proposal,
    verb: str,
    from_status: str,
    *,
    by: User | None,
    note: str = "",
    round: Round | None = None,
    at: dt.datetime | None = None,
) -> ProposalEvent:
    return ProposalEvent.objects.create(
        proposal=proposal,
        at=at or timezone.now(),
        actor=by if by is not None and by.is_authenticated else None,
        verb=verb,
        from_status=from_status,
        to_status=proposal.status,
        note=note,
        round=round,
    )


def _lock(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",)).select_related("board__partnership", "mou").get(pk=proposal.pk)
    )


def rules_for(proposal: Proposal) -> engine.DecisionRules:
    """The rules of the memorandum in force when the proposal was made; without one,
    consensus by active consent of every voter (the partnerships' norm, 000)."""
    return proposal.mou.decision_rules() if proposal.mou_id else engine.DecisionRules()


# ---------------------------------------------------------------------------
# Voters


def voting_memberships(board_id: int, on: dt.date) -> list[Membership]:
    return list(
        Membership.objects.current(on)
        .filter(board_id=board_id, voting=True, role__in=SEATED_ROLES)
        .select_related("organisation", "person", "deputy")
        .order_by("organisation__name", "person__name")
    )


def voter_key(membership: Membership, voting_unit: str) -> str:
    if voting_unit == engine.VOTING_UNIT_MEMBER:
        return f"member:{membership.pk}"
    return f"org:{membership.organisation_id}"


def voters_for(round: Round, rules: engine.DecisionRules) -> list[str]:
    return sorted(
        {voter_key(m, rules.voting_unit) for m in voting_memberships(round.proposal.board_id, round.meeting.date)}
    )


def latest_positions(round: Round) -> dict[str, str]:
    """The latest counted position of each voter in a round (advisory views excluded)."""
    latest: dict[str, str] = {}
    for voter, value in (
        Position.objects.filter(round=round, advisory=False).order_by("recorded_at", "pk").values_list("voter", "value")
    ):
        latest[voter] = value
    return latest


# ---------------------------------------------------------------------------
# Proposals and rounds


def proposal_create(proposal: Proposal, *, by: User, now: dt.datetime | None = None) -> Proposal:
    """Put a proposal from an agenda item to the board: round 1 opens at the item's meeting."""
    item: AgendaItem = proposal.item
    meeting = item.meeting
    proposal.board = meeting.board
    _require_edit(by, proposal.board)
    proposal.mou = proposal.board.effective_mou(meeting.date)
    proposal.status = S.OPEN
    proposal.full_clean()
    now = now or timezone.now()
    proposal.created_at = now
    with transaction.atomic():
        proposal.save()
        first = Round.objects.create(proposal=proposal, number=1, meeting=meeting, text=proposal.text, opened_at=now)
        _event(proposal, "proposal_create", "", by=by, note=f"Put to {meeting}", round=first, at=now)
        audit_record(by, "proposal_create", proposal.board.partnership, f"Proposal '{proposal}' put to {meeting}")
    return proposal


def round_open(
    proposal: Proposal, meeting: Meeting, *, by: User, text: str = "", now: dt.datetime | None = None
) -> Round:
    """A further attempt at a later meeting, on the same or an amended proposal."""
    _require_edit(by, proposal)
    with transaction.atomic():
        proposal = _lock(proposal)
        _require_transition(proposal, "round_open")
        previous = proposal.rounds.order_by("-number").first()
        if meeting.board_id != proposal.board_id:
            raise ValidationError({"meeting": "Choose a meeting of the same board."})
        if previous is not None and meeting.start < previous.meeting.start:
            raise ValidationError({"meeting": "A new round must be at the same or a later meeting."})
        number = (proposal.rounds.aggregate(m=Max("number"))["m"] or 0) + 1
        amended = bool(text.strip()) and text.strip() != (previous.text if previous else proposal.text)
        new_round = Round.objects.create(
            proposal=proposal,
            number=number,
            meeting=meeting,
            text=text.strip() or (previous.text if previous else proposal.text),
            opened_at=now or timezone.now(),
        )
        from_status = proposal.status
        proposal.status = S.OPEN
        proposal.save(update_fields=["status"])
        _event(
            proposal,
            "round_open",
            from_status,
            by=by,
            note=("Amended proposal. " if amended else "") + f"Round {number} at {meeting}",
            round=new_round,
            at=new_round.opened_at,
        )
    return new_round


def round_close(round: Round, *, by: User, now: dt.datetime | None = None) -> str:
    """Close a round and apply the engine. The round row is locked, so a position
    arriving meanwhile is either counted or refused, never lost."""
    _require_edit(by, round.proposal)
    with transaction.atomic():
        proposal = _lock(round.proposal)
        round = Round.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=round.pk)
        now = now or timezone.now()  # after the lock: every counted position precedes it
        _require_transition(proposal, "round_close")
        if not round.is_open:
            raise ValidationError("This round is already closed.")
        rules = rules_for(proposal)
        escalated = proposal.events.filter(verb="escalate").exists()
        if rules.escalation_required and not escalated:
            rules = dataclasses.replace(rules, majority_fallback=False)  # escalation first
        voters = voters_for(round, rules)
        positions = latest_positions(round)
        outcome = engine.evaluate(rules, voters, positions, round.number)
        round.closed_at = now
        round.outcome = outcome
        round.voters = voters
        round.save(update_fields=["closed_at", "outcome", "voters"])

        from_status = proposal.status
        if outcome == engine.AGREED_BY_CONSENSUS:
            proposal.status = S.AGREED_BY_CONSENSUS
            proposal.route = Route.CONSENSUS_AFTER_ESCALATION if escalated else Route.CONSENSUS
        elif outcome == engine.AGREED_BY_MAJORITY:
            proposal.status = S.AGREED_BY_MAJORITY
            proposal.route = Route.MAJORITY
        elif rules.majority_fallback and round.number >= rules.fallback_from_round:
            proposal.status = S.NOT_AGREED  # even the fallback failed: only referral remains
            proposal.route = Route.NOT_AGREED
        else:
            proposal.status = S.NO_CONSENSUS
        if proposal.status in AGREED_STATUSES:
            proposal.decided_at = now
            if not proposal.big_ticket:
                proposal.takes_effect_at = now
        elif proposal.status == S.NOT_AGREED:
            proposal.decided_at = now
        proposal.save(update_fields=["status", "route", "decided_at", "takes_effect_at"])
        blockers = engine.blocking_voters(rules, voters, positions)
        _event(
            proposal,
            "round_close",
            from_status,
            by=by,
            note=_outcome_note(outcome, blockers, round),
            round=round,
            at=now,
        )
        if proposal.status in AGREED_STATUSES and proposal.big_ticket:
            agreed_status = proposal.status
            proposal.status = S.AWAITING_RATIFICATION
            proposal.save(update_fields=["status"])
            _event(
                proposal,
                "ratification_requested",
                agreed_status,
                by=by,
                note="Each partner's executive body must ratify.",
                at=now,
            )
        audit_record(by, "round_close", proposal.board.partnership, f"Round {round.number} of '{proposal}': {outcome}")
    return outcome


def _outcome_note(outcome: str, blockers: list[str], round: Round) -> str:
    label = outcome.replace("_", " ")
    if outcome == engine.AGREED_BY_CONSENSUS or not blockers:
        return f"Round {round.number}: {label}."
    names = _voter_names(blockers)
    return f"Round {round.number}: {label}. Consensus was not reached: {', '.join(names)}."


def _voter_names(keys: list[str]) -> list[str]:
    org_ids = [int(k.split(":")[1]) for k in keys if k.startswith("org:")]
    member_ids = [int(k.split(":")[1]) for k in keys if k.startswith("member:")]
    names = dict(Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name"))
    members = {
        m.pk: f"{m.person.name} ({m.organisation.name})"
        for m in Membership.objects.filter(pk__in=member_ids).select_related("person", "organisation")
    }
    result = []
    for key in keys:
        kind, _, pk = key.partition(":")
        result.append(names.get(int(pk), key) if kind == "org" else members.get(int(pk), key))
    return result


# ---------------------------------------------------------------------------
# Positions


def _member_absent_or_withdrawn(membership: Membership, round: Round) -> bool:
    attendance = Attendance.objects.filter(meeting=round.meeting, membership=membership).first()
    if attendance is not None and attendance.status in (
        AttendanceStatus.APOLOGIES,
        AttendanceStatus.ABSENT,
        AttendanceStatus.DEPUTY,
    ):
        return True
    return _withdrew(membership, round)


def _withdrew(membership: Membership, round: Round) -> bool:
    return Declaration.objects.filter(item=round.proposal.item, membership=membership, withdraws=True).exists()


def capacity_for(user: User, membership: Membership, round: Round) -> str:
    """In what capacity the user may record a position for this seat, or refuse with a reason."""
    person = getattr(user, "person", None)
    on = round.meeting.date
    if person is not None and membership.person_id == person.pk:
        if _withdrew(membership, round):
            raise PermissionDenied(
                "You declared an interest and withdrew from this item, so you cannot record a position on it."
            )
        return Capacity.MEMBER
    if person is not None and membership.deputy_id == person.pk:
        if not _member_absent_or_withdrawn(membership, round):
            raise PermissionDenied(
                f"As deputy you can record a position only when {membership.person} is absent or has withdrawn."
            )
        return Capacity.DEPUTY
    if person is not None:
        delegation = Delegation.objects.filter(
            person=person, organisation_id=membership.organisation_id, board_id=membership.board_id, valid_from__lte=on
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        if delegation.exists():
            if not _member_absent_or_withdrawn(membership, round):
                raise PermissionDenied(
                    f"As delegate you can record a position only when {membership.person} is absent or has withdrawn."
                )
            return Capacity.DELEGATE
    if can_edit_partnership(user, membership.board.partnership):
        return Capacity.OFFICER
    raise PermissionDenied(f"You cannot record a position for {membership.organisation}.")


def position_record(
    round: Round, membership: Membership, value: str, *, by: User, comment: str = "", now: dt.datetime | None = None
) -> Position:
    """Record a position for a seat. A changed position is a new row (SPEC §5)."""
    if value not in PositionValue.values:
        raise ValidationError({"value": "Choose consent, object or abstain"})
    if membership.board_id != round.proposal.board_id:
        raise ValidationError("This seat is not on the board deciding the proposal.")
    if not membership.is_current(round.meeting.date):
        raise ValidationError(f"{membership.person} did not hold a seat on the date of the meeting.")
    capacity = capacity_for(by, membership, round)
    advisory = not membership.voting or membership.role not in SEATED_ROLES
    if advisory:
        capacity = Capacity.ADVISORY if capacity == Capacity.MEMBER else capacity
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        if not locked.is_open:
            raise ValidationError("This round has closed: positions can no longer be recorded.")
        rules = rules_for(round.proposal)
        voter = f"advisory:{membership.pk}" if advisory else voter_key(membership, rules.voting_unit)
        position = Position.objects.create(
            round=locked,
            voter=voter,
            organisation_id=membership.organisation_id,
            membership=membership,
            person=getattr(by, "person", None)
            if capacity in (Capacity.DEPUTY, Capacity.DELEGATE)
            else membership.person,
            capacity=capacity,
            value=value,
            comment=comment.strip(),
            advisory=advisory,
            recorded_by=by,
            recorded_at=now or timezone.now(),
        )
    return position


# ---------------------------------------------------------------------------
# Routes after a failed round


def _transition(
    proposal: Proposal,
    verb: str,
    to: str,
    *,
    by: User,
    note: str = "",
    now: dt.datetime | None = None,
    **fields: object,
) -> Proposal:
    _require_edit(by, proposal)
    with transaction.atomic():
        proposal = _lock(proposal)
        _require_transition(proposal, verb)
        from_status = proposal.status
        proposal.status = to
        for name, value in fields.items():
            setattr(proposal, name, value)
        proposal.save(update_fields=["status", *fields])
        _event(proposal, verb, from_status, by=by, note=note, at=now)
        audit_record(by, f"proposal_{verb}", proposal.board.partnership, f"'{proposal}': {from_status} → {to}")
    return proposal


def proposal_defer(proposal: Proposal, *, by: User, reason: str, now: dt.datetime | None = None) -> Proposal:
    """000 §3: an option is always kept to defer a decision if more time is needed."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the decision is deferred"})
    return _transition(proposal, "defer", S.DEFERRED, by=by, note=reason.strip(), now=now)


def proposal_escalate(proposal: Proposal, *, by: User, note: str = "", now: dt.datetime | None = None) -> Proposal:
    """003 §13: escalate to the escalation body named in the memorandum."""
    body = rules_for(proposal).escalation_body or "the escalation body"
    return _transition(proposal, "escalate", S.ESCALATED, by=by, note=f"Escalated to {body}. {note}".strip(), now=now)


def escalation_result_record(proposal: Proposal, *, by: User, result: str, now: dt.datetime | None = None) -> Proposal:
    """The escalation body's result, e.g. the compromise the Chief Executives found (003 §13)."""
    if not result.strip():
        raise ValidationError({"result": "Enter the escalation body's result"})
    return _transition(
        proposal,
        "escalation_result",
        S.ESCALATED,
        by=by,
        note=result.strip(),
        now=now,
        escalation_result=result.strip(),
    )


def proposal_refer(proposal: Proposal, *, by: User, note: str = "", now: dt.datetime | None = None) -> Proposal:
    """003 §17: the lead accountable body keeps the final decision."""
    lead = rules_for(proposal).lead_accountable_body or "the lead accountable body"
    return _transition(proposal, "refer", S.REFERRED, by=by, note=f"Referred to {lead}. {note}".strip(), now=now)


def determination_record(
    proposal: Proposal, *, by: User, agreed: bool, text: str, now: dt.datetime | None = None
) -> Proposal:
    if not text.strip():
        raise ValidationError({"text": "Enter the lead accountable body's determination"})
    now = now or timezone.now()
    return _transition(
        proposal,
        "determine",
        S.DETERMINED,
        by=by,
        note=text.strip(),
        now=now,
        determination=text.strip(),
        determination_agreed=agreed,
        route=Route.LEAD_BODY,
        decided_at=now,
        takes_effect_at=now if agreed else None,
    )


# ---------------------------------------------------------------------------
# Ratification


def partners_to_ratify(proposal: Proposal) -> list[Organisation]:
    """The partner organisations that voted in the deciding round."""
    last = proposal.rounds.order_by("-number").select_related("meeting").first()
    if last is None:
        return []
    memberships = voting_memberships(proposal.board_id, last.meeting.date)
    seen: dict[int, Organisation] = {}
    for membership in memberships:
        seen.setdefault(membership.organisation_id, membership.organisation)
    return sorted(seen.values(), key=lambda org: org.name)


def ratification_record(ratification: Ratification, *, by: User, now: dt.datetime | None = None) -> Ratification:
    proposal = ratification.proposal
    _require_edit(by, proposal)
    now = now or timezone.now()
    with transaction.atomic():
        proposal = _lock(proposal)
        _require_transition(proposal, "ratify")
        required = {org.pk for org in partners_to_ratify(proposal)}
        if ratification.organisation_id not in required:
            raise ValidationError(
                {"organisation": f"{ratification.organisation} is not a partner voting on this proposal."}
            )
        if proposal.ratifications.filter(organisation_id=ratification.organisation_id).exists():
            raise ValidationError({"organisation": f"{ratification.organisation} has already been recorded."})
        ratification.recorded_by = by
        ratification.full_clean(exclude=["recorded_by", "proposal"])
        ratification.save()
        done = set(proposal.ratifications.filter(ratified=True).values_list("organisation_id", flat=True))
        from_status = proposal.status
        if not ratification.ratified:
            proposal.status = S.NOT_RATIFIED
            proposal.save(update_fields=["status"])
        elif required <= done:
            proposal.status = S.IN_EFFECT
            proposal.takes_effect_at = now
            proposal.save(update_fields=["status", "takes_effect_at"])
        verb = "ratified" if ratification.ratified else "declined to ratify"
        _event(
            proposal,
            "ratify",
            from_status,
            by=by,
            note=f"{ratification.organisation} ({ratification.body}) {verb}.",
            at=now,
        )
    return ratification
