"""The only writer of decisions (SPEC §5). Each action ``<noun>_<verb>`` takes keyword
values and ``now``, checks access (decisions/access.py) and the status
(``require_transition``, from the table in decisions/states.py), writes inside one
transaction, appends a ProposalEvent and an AuditEvent whose verb is the action's name
and whose details are the fields that changed. Positions and events are appended,
never changed; the pure engine in rules.py decides rounds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from governance.pagecache import content_changed
from meetings import pdf
from meetings.models import AgendaItem, Meeting, MeetingStatus
from partnerships.actions import apply_changes, audit_record
from partnerships.models import Board, Membership, Organisation, Person

from . import access, queries, states
from . import rules as engine
from .models import (
    Capacity,
    ForthcomingDecision,
    Position,
    PositionValue,
    Proposal,
    ProposalEvent,
    Ratification,
    Round,
)

# ---------------------------------------------------------------------------
# Helpers


def require_transition(proposal: Proposal, step: str) -> None:
    """Refuse a step the state machine does not allow from the proposal's status."""
    reason = states.refusal(step, proposal.status, proposal.get_status_display())
    if reason is not None:
        raise ValidationError(reason)


def _event(
    proposal: Proposal,
    verb: str,
    from_status: str,
    *,
    by: User | None,
    at: dt.datetime,
    note: str = "",
    round: Round | None = None,
) -> ProposalEvent:
    content_changed()
    return ProposalEvent.objects.create(
        proposal=proposal,
        at=at,
        actor=by if by is not None and by.is_authenticated else None,
        verb=verb,
        from_status=from_status,
        to_status=proposal.status,
        note=note,
        round=round,
    )


def _lock(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("board__partnership", "mou", "item__meeting")
        .get(pk=proposal.pk)
    )


def _require_published_agenda(meeting: Meeting, what: str) -> None:
    """A round is put on a published agenda (SPEC §9): the meeting's papers have been
    open to the members and the public, and the meeting is not cancelled."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({"meeting": f"{meeting} was cancelled: choose another meeting."})
    if not meeting.is_public:
        raise ValidationError({"meeting": f"Publish the agenda of {meeting} before {what}."})


def _long(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


def _noon(day: dt.date) -> dt.datetime:
    """A decision dated by the day only, placed at midday local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _minutes_change(proposal: Proposal, meeting: Meeting, *, now: dt.datetime) -> None:
    """The published minutes of a meeting list its decisions (issue 4): render them again."""
    if proposal.is_public and meeting.minutes_are_public:
        pdf.renders_request(meeting, now=now)


# ---------------------------------------------------------------------------
# Proposals and rounds


def proposal_create(
    item: AgendaItem,
    *,
    title: str,
    text: str,
    big_ticket: bool = False,
    proposer: Person | None = None,
    by: User,
    now: dt.datetime | None = None,
) -> Proposal:
    """Put a proposal from an agenda item to the board: round 1 opens at the item's meeting."""
    now = now or timezone.now()
    meeting = item.meeting
    board = meeting.board
    access.require_edit(by, board.partnership)
    errors = {}
    if not title.strip():
        errors["title"] = "Enter the title of the proposal"
    if not text.strip():
        errors["text"] = "Enter what the board is asked to agree"
    if errors:
        raise ValidationError(errors)
    _require_published_agenda(meeting, "putting a proposal to it")
    proposal = Proposal(
        item=item,
        board=board,
        title=title.strip(),
        text=text.strip(),
        big_ticket=big_ticket,
        proposer=proposer,
        mou=board.effective_mou(meeting.date),
        status=states.OPEN,
        created_at=now,
    )
    proposal.full_clean()
    with transaction.atomic():
        # The item row is locked, so a form submitted twice puts the proposal once.
        AgendaItem.objects.select_for_update().filter(pk=item.pk).first()
        if Proposal.objects.filter(item=item, title__iexact=proposal.title).exists():
            raise ValidationError(
                {"title": f"Item {item.order} already has a proposal called '{proposal.title}': open it instead"}
            )
        proposal.save()
        first = Round.objects.create(proposal=proposal, number=1, meeting=meeting, text=proposal.text, opened_at=now)
        _event(proposal, states.PROPOSAL_CREATE, "", by=by, note=f"Put to {meeting}", round=first, at=now)
        audit_record(
            by,
            "proposal_create",
            board.partnership,
            f"Proposal '{proposal}' put to {meeting}",
            at=now,
            proposal=proposal.pk,
            round=first.pk,
            big_ticket=big_ticket,
        )
        # The forward plan entry it fulfils (same board, meeting and title) leaves the plan.
        ForthcomingDecision.objects.listed().filter(
            board=board, expected_meeting=meeting, title__iexact=proposal.title
        ).update(proposal=proposal)
        _minutes_change(proposal, meeting, now=now)
    return proposal


def round_open(
    proposal: Proposal, *, meeting: Meeting, text: str = "", by: User, now: dt.datetime | None = None
) -> Round:
    """A further attempt at a later meeting, on the same or an amended proposal."""
    now = now or timezone.now()
    access.require_edit(by, proposal.board.partnership)
    with transaction.atomic():
        proposal = _lock(proposal)
        require_transition(proposal, states.ROUND_OPEN)
        previous = queries.last_round(proposal)
        if meeting.board_id != proposal.board_id:
            raise ValidationError({"meeting": "Choose a meeting of the same board."})
        if previous is not None and meeting.start < previous.meeting.start:
            raise ValidationError({"meeting": "A new round must be at the same or a later meeting."})
        _require_published_agenda(meeting, "opening a round at it")
        number = (proposal.rounds.aggregate(m=Max("number"))["m"] or 0) + 1
        earlier_text = previous.text if previous else proposal.text
        amended = bool(text.strip()) and text.strip() != earlier_text
        new_round = Round.objects.create(
            proposal=proposal, number=number, meeting=meeting, text=text.strip() or earlier_text, opened_at=now
        )
        from_status = proposal.status
        changed = apply_changes(proposal, {"status": states.target(states.ROUND_OPEN)})
        proposal.save(update_fields=list(changed))
        note = ("Amended proposal. " if amended else "") + f"Round {number} at {meeting}"
        _event(proposal, states.ROUND_OPEN, from_status, by=by, note=note, round=new_round, at=now)
        audit_record(
            by,
            "round_open",
            proposal.board.partnership,
            f"Round {number} of '{proposal}' opened at {meeting}",
            at=now,
            proposal=proposal.pk,
            round=new_round.pk,
            amended=amended,
            **changed,
        )
        _minutes_change(proposal, meeting, now=now)
    return new_round


def round_close(round: Round, *, by: User, now: dt.datetime | None = None) -> str:
    """Close a round and apply the engine. The round row is locked, so a position
    arriving meanwhile is either counted or refused, never lost."""
    access.require_edit(by, round.proposal.board.partnership)
    with transaction.atomic():
        proposal = _lock(round.proposal)
        round = Round.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=round.pk)
        now = now or timezone.now()  # after the lock: every counted position precedes it
        require_transition(proposal, states.ROUND_CLOSE)
        if not round.is_open:
            raise ValidationError("This round is already closed.")
        _require_met(round, now)
        rules, escalated = _rules_for_round(proposal)
        voters = queries.voters_for(round, rules)
        positions = queries.latest_positions(round)
        # 003 §19 "at a second meeting": the fallback counts meetings, not rounds (SPEC §9).
        attempt = queries.meeting_attempt(round)
        outcome = engine.evaluate(rules, voters, positions, attempt)
        round.closed_at, round.outcome, round.voters = now, outcome, voters
        round.save(update_fields=["closed_at", "outcome", "voters"])
        move = states.after_round(
            outcome,
            fallback_allowed=rules.majority_fallback,
            attempt=attempt,
            fallback_from_round=rules.fallback_from_round,
            escalated=escalated,
            big_ticket=proposal.big_ticket,
        )
        note = _outcome_note(outcome, engine.blocking_voters(rules, voters, positions), round)
        changed = _settle(proposal, move, round=round, note=note, by=by, now=now)
        audit_record(
            by,
            "round_close",
            proposal.board.partnership,
            f"Round {round.number} of '{proposal}': {outcome}",
            at=now,
            proposal=proposal.pk,
            round=round.pk,
            outcome=outcome,
            **changed,
        )
        _minutes_change(proposal, round.meeting, now=now)
    return outcome


def _require_met(round: Round, now: dt.datetime) -> None:
    """A round is decided at its meeting: closed only on or after the meeting's date,
    on a published agenda (SPEC §9)."""
    meeting = round.meeting
    if not meeting.is_public:
        raise ValidationError(f"The agenda of {meeting} is not published, so the round cannot be decided there.")
    if timezone.localdate(now) < meeting.date:
        raise ValidationError(
            f"The round is decided at the meeting on {_long(meeting.date)}: "
            "you can close it on or after the day of the meeting."
        )


def _rules_for_round(proposal: Proposal) -> tuple[engine.DecisionRules, bool]:
    """The memorandum's rules with the majority fallback as it stands for this proposal
    (held back until escalation where the memorandum requires it), and whether it was escalated."""
    rules = queries.rules_for(proposal)
    escalated = queries.has_been_escalated(proposal)
    fallback = states.fallback_allowed(
        majority_fallback=rules.majority_fallback,
        escalation_required=rules.escalation_required,
        escalated=escalated,
    )
    return dataclasses.replace(rules, majority_fallback=fallback), escalated


def _settle(
    proposal: Proposal, move: states.RoundMove, *, round: Round, note: str, by: User, now: dt.datetime
) -> dict[str, list[object]]:
    """Apply a round's move (states.after_round) with its events; return what changed."""
    from_status = proposal.status
    values: dict[str, Any] = {"status": move.status}
    if move.route is not None:
        values["route"] = move.route
    if move.decided:
        values["decided_at"] = now
    if move.takes_effect:
        values["takes_effect_at"] = now
    changed = apply_changes(proposal, values)
    proposal.save(update_fields=list(changed))
    _event(proposal, states.ROUND_CLOSE, from_status, by=by, note=note, round=round, at=now)
    if move.then is not None:
        agreed_status = proposal.status
        changed["status"] = [from_status, move.then]
        proposal.status = move.then
        proposal.save(update_fields=["status"])
        note = "Each partner's executive body must ratify."
        _event(proposal, states.RATIFICATION_REQUESTED, agreed_status, by=by, note=note, at=now)
    return changed


def _outcome_note(outcome: str, blockers: list[str], round: Round) -> str:
    label = outcome.replace("_", " ")
    if outcome == engine.AGREED_BY_CONSENSUS or not blockers:
        return f"Round {round.number}: {label}."
    names = queries.voter_names(blockers)
    return f"Round {round.number}: {label}. Consensus was not reached: {', '.join(names.get(k, k) for k in blockers)}."


# ---------------------------------------------------------------------------
# Positions


def position_record(
    round: Round,
    membership: Membership,
    *,
    value: str,
    comment: str = "",
    stated_by: Person | None = None,
    by: User,
    now: dt.datetime | None = None,
) -> Position:
    """Record a position for a seat. A changed position is a new row (SPEC §5).

    A member, deputy or delegate records their own (``stated_by`` None). An officer of
    the partnership records the position stated at the meeting by ``stated_by`` (the
    member when not given): the same rule of who may speak for the seat applies to
    that person, and the officer is kept as the one who recorded it."""
    now = now or timezone.now()
    entry = PositionEntry(membership, value, comment, stated_by)
    return _record_positions(round, [entry], verb="position_record", by=by, now=now)[0]


@dataclasses.dataclass(frozen=True)
class PositionEntry:
    """One seat's position for positions_record: who stated it (None: the one recording,
    or for an officer the member) and the comment."""

    membership: Membership
    value: str
    comment: str = ""
    stated_by: Person | None = None


def positions_record(
    round: Round, entries: list[PositionEntry], *, by: User, now: dt.datetime | None = None
) -> list[Position]:
    """The officer records the positions stated at the meeting for several seats at
    once: all are recorded, or none (a refusal names the seat)."""
    now = now or timezone.now()
    access.require_edit(by, round.proposal.board.partnership)
    if not entries:
        # The officer's page leaves out the seats whose position it shows unchanged:
        # with positions counted already, nothing given means nothing changed.
        if Position.objects.filter(round=round).exists():
            raise NothingChanged(ALREADY_RECORDED)
        raise ValidationError(NO_POSITION_CHOSEN)
    if timezone.localdate(now) < round.meeting.date:  # a position given in writing beforehand is recorded alone
        raise ValidationError(
            f"Positions stated at the meeting can be recorded on or after {_long(round.meeting.date)}, "
            "the day of the meeting."
        )
    changed = _changed_entries(round, entries)
    if not changed:
        raise NothingChanged(ALREADY_RECORDED)
    return _record_positions(round, changed, verb="positions_record", by=by, now=now, name_seats=True, at_meeting=True)


NO_POSITION_CHOSEN = "Choose a position for at least one seat."
ALREADY_RECORDED = "These positions are already recorded: nothing changed."


class NothingChanged(ValidationError):
    """Every position given is the one already counted for its seat (the same page
    submitted twice): nothing is recorded, and the page says so (a message, not an
    error)."""


def _changed_entries(round: Round, entries: list[PositionEntry]) -> list[PositionEntry]:
    """The entries that differ from the position counted so far for their seat (value,
    who stated it, comment): submitting the same positions twice records nothing new."""
    unit = queries.rules_for(round.proposal).voting_unit
    latest = {
        position.voter: position
        for position in Position.objects.filter(round=round).order_by("recorded_at", "pk")  # the last counts
    }
    changed = []
    for entry in entries:
        counted = latest.get(str(queries.seat_voter(entry.membership, unit)))
        stated_by = entry.stated_by.pk if entry.stated_by is not None else entry.membership.person_id
        if counted is not None and (
            counted.membership_id,
            counted.person_id,
            counted.value,
            counted.comment,
        ) == (entry.membership.pk, stated_by, entry.value, entry.comment.strip()):
            continue
        changed.append(entry)
    return changed


def _capacity(round: Round, entry: PositionEntry, by: User, *, at_meeting: bool = False) -> tuple[str, Person]:
    """The capacity of the position and the person who stated it, or the refusal:
    403 for a user acting for themselves, a form error for an officer's entry."""
    membership = entry.membership
    own = access.person_of(by)
    stated_by = entry.stated_by
    if stated_by is None or (own is not None and stated_by.pk == own.pk):
        result = access.capacity_for(by, membership, round)
        tied_themselves = result.capacity not in (None, Capacity.OFFICER)
        if tied_themselves or not access.can_run_decisions(by, round.proposal.board.partnership):
            capacity = access.require_allowed(result)
            person = own if result.capacity in (Capacity.DEPUTY, Capacity.DELEGATE) else None
            return capacity, person or membership.person
        stated_by = membership.person  # an officer records for the member unless told otherwise
    access.require_edit(by, round.proposal.board.partnership)
    stated = access.stated_capacity(stated_by, membership, round, at_meeting=at_meeting)
    if not stated.allowed or stated.capacity is None:
        raise ValidationError({"stated_by": stated.refusal})
    return stated.capacity, stated_by


def _record_positions(
    round: Round,
    entries: list[PositionEntry],
    *,
    verb: str,
    by: User,
    now: dt.datetime,
    name_seats: bool = False,
    at_meeting: bool = False,
) -> list[Position]:
    """Check every entry, then record them all in one transaction with the round locked,
    so a position arriving while the round closes is either counted or refused.
    ``name_seats``: a refusal is keyed by the seat (``seat_<id>``) for the officer's form;
    ``at_meeting``: the positions were stated at the meeting (positions_record), so by
    someone who attended it."""
    proposal = round.proposal
    unit = queries.rules_for(proposal).voting_unit
    checked = []
    for entry in entries:
        membership = entry.membership
        try:
            if entry.value not in PositionValue.values:
                raise ValidationError({"value": "Choose consent, object or abstain"})
            if membership.board_id != proposal.board_id:
                raise ValidationError("This seat is not on the board deciding the proposal.")
            if not membership.is_current(round.meeting.date):
                raise ValidationError(f"{membership.person} did not hold a seat on the date of the meeting.")
            capacity, stated_by = _capacity(round, entry, by, at_meeting=at_meeting)
        except ValidationError as error:
            if not name_seats:
                raise
            raise ValidationError({f"seat_{membership.pk}": error.messages}) from error
        counted = access.seat_counts(membership)
        if not counted and capacity == Capacity.MEMBER:
            capacity = Capacity.ADVISORY
        checked.append((entry, capacity, stated_by, counted))
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        if not locked.is_open:
            raise ValidationError("This round has closed: positions can no longer be recorded.")
        positions = []
        for entry, capacity, stated_by, counted in checked:
            membership = entry.membership
            voter = queries.seat_voter(membership, unit)
            position = Position.objects.create(
                round=locked,
                voter=str(voter),
                organisation_id=membership.organisation_id,
                membership=membership,
                person=stated_by,
                capacity=capacity,
                value=entry.value,
                comment=entry.comment.strip(),
                advisory=not counted,
                recorded_by=by,
                recorded_at=now,
            )
            positions.append(position)
            audit_record(
                by,
                verb,
                proposal.board.partnership,
                f"{Capacity(capacity).label} position '{entry.value}' for {membership.organisation} on '{proposal}'",
                at=now,
                proposal=proposal.pk,
                round=round.pk,
                voter=str(voter),
                value=entry.value,
                capacity=capacity,
                stated_by=stated_by.pk,
            )
    return positions


# ---------------------------------------------------------------------------
# Routes after a failed round


def _step(
    proposal: Proposal,
    step: str,
    verb: str,
    *,
    by: User,
    now: dt.datetime,
    note: str = "",
    **values: object,
) -> Proposal:
    """Move the proposal by one step of the table, setting ``values`` with it."""
    access.require_edit(by, proposal.board.partnership)
    with transaction.atomic():
        proposal = _lock(proposal)
        require_transition(proposal, step)
        _require_body(step, queries.rules_for(proposal))
        from_status = proposal.status
        changed = apply_changes(proposal, {"status": states.target(step), **values})
        if changed:
            proposal.save(update_fields=list(changed))
        _event(proposal, step, from_status, by=by, note=note, at=now)
        audit_record(
            by,
            verb,
            proposal.board.partnership,
            f"'{proposal}': {from_status} → {proposal.status}",
            at=now,
            proposal=proposal.pk,
            **changed,
        )
    return proposal


def _require_body(step: str, rules: engine.DecisionRules) -> None:
    reason = states.missing_body(
        step, escalation_body=rules.escalation_body, lead_accountable_body=rules.lead_accountable_body
    )
    if reason is not None:
        raise ValidationError(reason)


def proposal_defer(proposal: Proposal, *, reason: str, by: User, now: dt.datetime | None = None) -> Proposal:
    """000 §3: an option is always kept to defer a decision if more time is needed."""
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the decision is deferred"})
    return _step(proposal, states.DEFER, "proposal_defer", by=by, now=now, note=reason.strip())


def proposal_escalate(proposal: Proposal, *, note: str = "", by: User, now: dt.datetime | None = None) -> Proposal:
    """003 §13: escalate to the escalation body named in the memorandum."""
    now = now or timezone.now()
    body = queries.rules_for(proposal).escalation_body
    note = f"Escalated to {body}. {note}".strip()
    return _step(proposal, states.ESCALATE, "proposal_escalate", by=by, now=now, note=note)


def escalation_result_record(proposal: Proposal, *, result: str, by: User, now: dt.datetime | None = None) -> Proposal:
    """The escalation body's result, e.g. the compromise the Chief Executives found (003 §13)."""
    now = now or timezone.now()
    if not result.strip():
        raise ValidationError({"result": "Enter the escalation body's result"})
    return _step(
        proposal,
        states.ESCALATION_RESULT,
        "escalation_result_record",
        by=by,
        now=now,
        note=result.strip(),
        escalation_result=result.strip(),
    )


def proposal_refer(proposal: Proposal, *, note: str = "", by: User, now: dt.datetime | None = None) -> Proposal:
    """003 §17: the lead accountable body keeps the final decision."""
    now = now or timezone.now()
    lead = queries.rules_for(proposal).lead_accountable_body
    note = f"Referred to {lead}. {note}".strip()
    return _step(proposal, states.REFER, "proposal_refer", by=by, now=now, note=note)


def determination_record(
    proposal: Proposal,
    *,
    agreed: bool,
    text: str,
    decided_on: dt.date | None = None,
    by: User,
    now: dt.datetime | None = None,
) -> Proposal:
    """The lead accountable body's determination (003 §17), made on ``decided_on``
    (today when not given): in effect at once if agreed. Not in the future, and not
    before the proposal was referred."""
    now = now or timezone.now()
    if not text.strip():
        raise ValidationError({"text": "Enter the lead accountable body's determination"})
    today = timezone.localdate(now)
    decided_on = decided_on or today
    if decided_on > today:
        raise ValidationError({"decided_on": "The date of the determination must be today or in the past"})
    referred = proposal.events.filter(verb=states.REFER).order_by("-at").values_list("at", flat=True).first()
    if referred is not None and decided_on < timezone.localdate(referred):
        raise ValidationError(
            {
                "decided_on": f"The date of the determination must be on or after {_long(timezone.localdate(referred))}, "
                "when the proposal was referred"
            }
        )
    decided_at = now if decided_on == today else _noon(decided_on)
    return _step(
        proposal,
        states.DETERMINE,
        "determination_record",
        by=by,
        now=now,
        note=text.strip(),
        determination=text.strip(),
        determination_agreed=agreed,
        route=states.ROUTE_LEAD_BODY,
        decided_at=decided_at,
        takes_effect_at=decided_at if agreed else None,
    )


# ---------------------------------------------------------------------------
# Ratification


def ratification_record(
    proposal: Proposal,
    *,
    organisation: Organisation,
    ratified: bool,
    body: str,
    decided_on: dt.date,
    reference: str = "",
    by: User,
    now: dt.datetime | None = None,
) -> Ratification:
    """A partner's executive body ratified (or declined) a 'big ticket' decision (000 §2A)."""
    now = now or timezone.now()
    access.require_edit(by, proposal.board.partnership)
    body = body.strip() or organisation.executive_body
    if not body:
        raise ValidationError({"body": f"Enter the executive body of {organisation.name}"})
    with transaction.atomic():
        proposal = _lock(proposal)
        require_transition(proposal, states.RATIFY)
        _require_ratification_date(proposal, decided_on, now=now)
        required = _require_partner_to_ratify(proposal, organisation)
        ratification = Ratification(
            proposal=proposal,
            organisation=organisation,
            ratified=ratified,
            body=body,
            decided_on=decided_on,
            reference=reference.strip(),
            recorded_by=by,
            recorded_at=now,
        )
        ratification.full_clean(exclude=["recorded_by", "proposal"])
        ratification.save()
        done = set(proposal.ratifications.filter(ratified=True).values_list("organisation_id", flat=True))
        from_status = proposal.status
        status = states.after_ratification(ratified=ratified, all_ratified=required <= done)
        values: dict[str, Any] = {"status": status}
        if status == states.IN_EFFECT:
            values["takes_effect_at"] = now
        changed = apply_changes(proposal, values)
        if changed:
            proposal.save(update_fields=list(changed))
        verb = "ratified" if ratified else "declined to ratify"
        _event(proposal, states.RATIFY, from_status, by=by, note=f"{organisation} ({body}) {verb}.", at=now)
        audit_record(
            by,
            "ratification_record",
            proposal.board.partnership,
            f"{organisation} ({body}) {verb} '{proposal}'",
            at=now,
            proposal=proposal.pk,
            ratification=ratification.pk,
            ratified=ratified,
            **changed,
        )
    return ratification


def _require_partner_to_ratify(proposal: Proposal, organisation: Organisation) -> set[int]:
    """The partners who must ratify; refuse an organisation not among them, or recorded."""
    required = {org.pk for org in queries.partners_to_ratify(proposal)}
    if organisation.pk not in required:
        raise ValidationError({"organisation": f"{organisation} is not a partner voting on this proposal."})
    if proposal.ratifications.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": f"{organisation} has already been recorded."})
    return required


def _require_ratification_date(proposal: Proposal, decided_on: dt.date, *, now: dt.datetime) -> None:
    if decided_on > timezone.localdate(now):
        raise ValidationError({"decided_on": "The date of the decision must be today or in the past"})
    # 000 §2A: partners ratify what the board has agreed, so not before it agreed.
    agreed_on = timezone.localdate(proposal.decided_at) if proposal.decided_at else None
    if agreed_on is not None and decided_on < agreed_on:
        raise ValidationError(
            {
                "decided_on": f"The date of the decision must be on or after {agreed_on:%-d %B %Y}, "
                "when the board agreed the proposal"
            }
        )


# ---------------------------------------------------------------------------
# The forward plan (SPEC §6)

FORTHCOMING_FIELDS = ("title", "summary", "expected_meeting", "needs_ratification", "contact")


def _check_forthcoming(board: Board, title: str, summary: str, expected_meeting: Meeting, now: dt.datetime) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Enter the title of the decision expected"
    if not summary.strip():
        errors["summary"] = "Enter what the board will be asked to decide"
    if expected_meeting.board_id != board.pk:
        errors["expected_meeting"] = f"Select a meeting of {board.name}"
    elif expected_meeting.status == MeetingStatus.CANCELLED:
        errors["expected_meeting"] = "That meeting is cancelled: select another meeting"
    elif expected_meeting.start < now:
        errors["expected_meeting"] = "Select a meeting that has not yet taken place"
    if errors:
        raise ValidationError(errors)


def forthcoming_add(
    board: Board,
    *,
    title: str,
    summary: str,
    expected_meeting: Meeting,
    needs_ratification: bool = False,
    contact: str = "",
    by: User,
    now: dt.datetime,
) -> ForthcomingDecision:
    """Enter a decision the board expects to take at a future meeting on the forward plan."""
    access.require_edit(by, board.partnership)
    _check_forthcoming(board, title, summary, expected_meeting, now)
    entry = ForthcomingDecision(
        board=board,
        title=title.strip(),
        summary=summary.strip(),
        expected_meeting=expected_meeting,
        needs_ratification=needs_ratification,
        contact=contact.strip(),
        created_by=by,
        created_at=now,
    )
    entry.full_clean()
    with transaction.atomic():
        # The meeting row is locked, so a form submitted twice enters the decision once.
        Meeting.objects.select_for_update().filter(pk=expected_meeting.pk).first()
        if (
            ForthcomingDecision.objects.listed()
            .filter(expected_meeting=expected_meeting, title__iexact=entry.title)
            .exists()
        ):
            raise ValidationError(
                {"title": f"'{entry.title}' is already on the forward plan for that meeting: change it instead"}
            )
        entry.save()
        audit_record(
            by,
            "forthcoming_add",
            board.partnership,
            f"'{entry.title}' entered on the forward plan for {expected_meeting}",
            at=now,
            forthcoming=entry.pk,
            expected_meeting=expected_meeting.pk,
        )
    return entry


def forthcoming_update(
    entry: ForthcomingDecision, *, by: User, now: dt.datetime, **changes: Any
) -> ForthcomingDecision:
    """Change a forward plan entry still listed (moved to another meeting, reworded)."""
    access.require_edit(by, entry.board.partnership)
    unknown = set(changes) - set(FORTHCOMING_FIELDS)
    if unknown:
        raise ValueError(f"not a forward plan field: {sorted(unknown)}")
    with transaction.atomic():
        entry = ForthcomingDecision.objects.select_for_update().select_related("board__partnership").get(pk=entry.pk)
        if entry.withdrawn_at is not None or entry.proposal_id is not None:
            raise ValidationError("This entry is no longer on the forward plan, so it cannot be changed")
        merged = {field: changes.get(field, getattr(entry, field)) for field in FORTHCOMING_FIELDS}
        _check_forthcoming(entry.board, merged["title"], merged["summary"], merged["expected_meeting"], now)
        changed = {
            field: value.strip() if isinstance(value, str) else value
            for field, value in changes.items()
            if getattr(entry, field) != value
        }
        for field, value in changed.items():
            setattr(entry, field, value)
        entry.full_clean()
        entry.save()
        audit_record(
            by,
            "forthcoming_update",
            entry.board.partnership,
            f"Forward plan entry '{entry.title}' changed",
            at=now,
            forthcoming=entry.pk,
            fields=sorted(changed),
        )
    return entry


def forthcoming_withdraw(entry: ForthcomingDecision, *, reason: str, by: User, now: dt.datetime) -> ForthcomingDecision:
    """Take an entry off the forward plan; it is kept, with the reason."""
    access.require_edit(by, entry.board.partnership)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the decision is no longer expected"})
    with transaction.atomic():
        locked = ForthcomingDecision.objects.select_for_update().get(pk=entry.pk)
        if locked.withdrawn_at is not None:
            raise ValidationError("This entry was already withdrawn from the forward plan")
        locked.withdrawn_at = now
        locked.withdrawn_reason = reason.strip()
        locked.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        audit_record(
            by,
            "forthcoming_withdraw",
            locked.board.partnership,
            f"'{locked.title}' withdrawn from the forward plan: {locked.withdrawn_reason}",
            at=now,
            forthcoming=locked.pk,
        )
    return locked
