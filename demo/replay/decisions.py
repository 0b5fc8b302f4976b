"""The decisions part of the demo (SPEC §5, §10): the three Supporting People disputes
of 003 §12-17 replayed on the Commissioning Body under the 2004 Memorandum; the
future-governance business of 2009 (003 §10, §22-23) at the Core Strategy Group and
the Commissioning Body; ordinary decisions of the HWBP Board and the Commissioning
Body in 2025-26; and one proposal still open at the Commissioning Body's next meeting
(demo/data/decisions.py).

Everything goes through decisions/actions.py (and meetings/actions.py for the
historic meetings), as the demo officer, in chronological order, so each outcome is
the one the rules engine gives. Loading twice changes nothing: a proposal with the
same title on the same board is skipped whole, as are meetings and seats that exist.

Each position is recorded for the seat that speaks for the partner: where the vote is
by organisation and it holds several seats (HWBP: PCT 5, County 4), its lead seat
(SPEC §9). It is stated by the member, or by the seat's designated deputy on the day
(the Deputyship ledger) where the deputy stood in or the member withdrew. The one who
stated it records it where they have a login (the County Cabinet Member and her
deputy); otherwise the officer records it for them (``stated_by``), as at a meeting.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Model, Prefetch

from accounts.models import User
from decisions import access, actions, queries
from decisions.models import Proposal, Round
from demo import content
from demo.data.decisions import (
    HISTORIC_CSG_SEATS,
    HISTORIC_CSG_SERIES,
    HISTORIC_PEOPLE,
    HISTORIC_SEATS,
    HISTORIC_SERIES,
    HOLLINS,
    HOLLINS_FROM,
    PROPOSALS,
)
from demo.data.partnerships import SP_COMMISSIONING_BODY, SP_CORE_STRATEGY_GROUP
from demo.replay.meetings import DemoContext, aware, build_series, find_item
from demo.specs import (
    Defer,
    Determine,
    Escalate,
    EscalationResult,
    HistoricSeat,
    ProposalSpec,
    Refer,
    RoundSpec,
    Stand,
    Step,
)
from meetings.models import Attendance, AttendanceStatus, Declaration, Meeting
from partnerships import actions as partnership_actions
from partnerships.models import Board, Deputyship, Membership, Organisation, Person


def _seat_historic(ctx: DemoContext, board: Board, seat: HistoricSeat) -> None:
    """One seat of 2004-2011, keyed on board, person and start date, with its deputies."""
    by = ctx.actor(board)
    organisation = Organisation.objects.get(slug=seat.organisation)
    person, _ = Person.objects.get_or_create(
        name=seat.person, defaults={"job_title": seat.job_title, "organisation": organisation}
    )
    membership = Membership.objects.filter(board=board, person=person, start_date=seat.start).first()
    if membership is None:
        membership = partnership_actions.membership_create(
            by=by,
            now=aware(seat.start, dt.time(9)),
            board=board,
            person=person,
            organisation=organisation,
            role=seat.role,
            seniority=seat.seniority,
            elected=seat.person.startswith("Cllr "),
            voting=seat.voting,
            start_date=seat.start,
            end_date=seat.end,
            deputy=ctx.person(seat.deputy) if seat.deputy else None,
        )
    appoint_deputies(ctx, membership, seat.later_deputies)


def appoint_deputies(ctx: DemoContext, membership: Membership, changes: tuple[tuple[str, dt.date], ...]) -> None:
    """Later designated deputies of a seat, each appointed on the day it starts (the
    ledger ends the one before); one already in the ledger is left as it is."""
    board = membership.board
    for name, start in changes:
        person = ctx.person(name)
        if Deputyship.objects.filter(membership=membership, person=person, start_date=start).exists():
            continue
        partnership_actions.deputy_appoint(
            membership, person=person, start_date=start, by=ctx.actor(board), now=aware(start, dt.time(9))
        )


def load_historic_seats(ctx: DemoContext) -> None:
    """The 2004-2011 members of the Commissioning Body and the Core Strategy Group. No
    action adds a person, so the few historic people are written directly, as the
    register's are."""
    for name, (job_title, org_slug) in HISTORIC_PEOPLE.items():
        Person.objects.get_or_create(
            name=name, defaults={"job_title": job_title, "organisation": Organisation.objects.get(slug=org_slug)}
        )
    for key, seats in ((SP_COMMISSIONING_BODY, HISTORIC_SEATS), (SP_CORE_STRATEGY_GROUP, HISTORIC_CSG_SEATS)):
        board = ctx.board(key)
        for seat in seats:
            _seat_historic(ctx, board, seat)
    # West Oxfordshire's member from May 2008 comes from the register (demo/data/partnerships.py).
    board = ctx.board(SP_COMMISSIONING_BODY)
    if not Membership.objects.filter(board=board, person__name=HOLLINS, start_date=HOLLINS_FROM).exists():
        raise RuntimeError(f"{HOLLINS}'s seat on the Commissioning Body from {HOLLINS_FROM} is missing")


# ---------------------------------------------------------------------------
# Positions


def _speaking_seats(seats: list[Membership], unit: str, on: dt.date) -> dict[str, Membership]:
    """The seat that records each voter's position, keyed by the organisation's slug:
    where the vote is by organisation, its lead seat (the rule of decisions.access)."""
    by_voter: dict[str, list[Membership]] = defaultdict(list)
    for seat in seats:
        by_voter[str(queries.seat_voter(seat, unit))].append(seat)
    speaking: dict[str, Membership] = {}
    for group in by_voter.values():
        facts = [access.SeatFacts(s.pk, s.lead, s.role in access.CHAIRS, s.start_date) for s in group]
        lead = access.lead_seat(facts)
        seat = next(s for s in group if s.pk == lead)
        speaking.setdefault(seat.organisation.slug, seat)
    return speaking


def _speaker(
    seat: Membership, attendance: Attendance | None, *, on: dt.date, withdrew: bool, held: bool
) -> tuple[Person, str] | None:
    """Who stated the seat's position, and the note that says how; None when nobody
    could (the member withdrew and the seat had no deputy that day)."""
    deputy = seat.deputy_on(on)
    status = attendance.status if attendance else None
    if not held:
        return seat.person, f"Given in writing by {seat.person.name} ahead of the meeting."
    if withdrew:
        if deputy is None:
            return None
        return deputy, (
            f"{seat.person.name} declared an interest and withdrew; {deputy.name} stated the position as "
            "designated deputy."
        )
    if status == AttendanceStatus.DEPUTY and attendance is not None and attendance.deputy is not None:
        return attendance.deputy, f"Stated at the meeting by {attendance.deputy.name}, designated deputy."
    if status in (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT):
        return seat.person, f"Given in writing by {seat.person.name}, who sent apologies."
    return seat.person, ""


def _record(
    round: Round, seat: Membership, stand: Stand, speaker: Person, note: str, officer: User, at: dt.datetime
) -> None:
    """One position: recorded by whoever stated it where they sign in, otherwise by the
    officer for them (``stated_by``), as stated at the meeting."""
    by = speaker.user if speaker.user is not None else officer
    comment = " ".join(part for part in (stand.comment, note) if part)
    actions.position_record(round, seat, value=stand.value, comment=comment, stated_by=speaker, by=by, now=at)


def _record_positions(ctx: DemoContext, round: Round, spec: RoundSpec, meeting: Meeting, officer: User) -> None:
    """One position per voting partner, through the seat that speaks for it, then the
    advisory views of seats without a vote (SPEC §5, §9)."""
    on = meeting.date
    deputies = Prefetch("deputyships", queryset=Deputyship.objects.select_related("person__user"))
    seats = list(
        Membership.objects.current(on)
        .filter(board_id=round.proposal.board_id)
        .select_related("organisation", "person__user")
        .prefetch_related(deputies)
        .order_by("pk")
    )
    attendance = {
        row.membership_id: row
        for row in Attendance.objects.filter(meeting=meeting).select_related("deputy__user")
        if row.membership_id is not None
    }
    # As position_record does: a withdrawal on the proposal's item (SPEC §4).
    withdrawn = set(
        Declaration.objects.filter(item=round.proposal.item, withdraws=True).values_list("membership_id", flat=True)
    )
    held = meeting.start <= ctx.now and bool(attendance)
    moment = meeting.start + dt.timedelta(minutes=40) if held else ctx.now
    counted = [seat for seat in seats if access.seat_counts(seat)]
    speaking = _speaking_seats(counted, access.voting_unit(round.proposal), on)
    number = 0
    for slug, seat in sorted(speaking.items()):
        stand = spec.stands.get(slug) or (Stand(spec.others) if spec.others else None)
        if stand is None:
            continue
        spoken = _speaker(seat, attendance.get(seat.pk), on=on, withdrew=seat.pk in withdrawn, held=held)
        if spoken is None:
            continue
        _record(round, seat, stand, *spoken, officer, moment + dt.timedelta(minutes=number))
        number += 1
    advisory = {seat.person.name: seat for seat in seats if not access.seat_counts(seat)}
    for name, stand in sorted(spec.advisory.items()):
        seat = advisory[name]
        spoken = _speaker(seat, attendance.get(seat.pk), on=on, withdrew=seat.pk in withdrawn, held=held)
        if spoken is not None:
            _record(round, seat, stand, *spoken, officer, moment + dt.timedelta(minutes=number))
            number += 1


# ---------------------------------------------------------------------------
# Rounds and the steps between them


def _backdate(model: type[Model], pk: int, **fields: object) -> None:
    """Direct write: the action stamps this with the time of loading and takes no
    ``now=``; the demo replays the past, so it gets the historic date."""
    model._default_manager.filter(pk=pk).update(**fields)


def _when(on: dt.date | None, hour: int, otherwise: dt.datetime) -> dt.datetime:
    return aware(on, dt.time(hour)) if on is not None else otherwise


def _dated(text: str, at: dt.datetime, illustrative: bool) -> str:
    """The step's text, saying on the page when its date is the demo's, not the paper's."""
    return content.illustrative_date(text, at.date()) if illustrative else text


def _step(proposal: Proposal, step: Step, by: User, closed: dt.datetime) -> Proposal:
    """Replay a route step on its date, or at a plausible time after the round closed:
    the meeting defers at once; the officer escalates or refers the next day; the
    escalation body answers within a week."""
    next_day = closed + dt.timedelta(days=1)
    if isinstance(step, Defer):
        at = _when(step.on, 12, closed + dt.timedelta(minutes=30))
        return actions.proposal_defer(proposal, by=by, reason=_dated(step.reason, at, step.illustrative), now=at)
    if isinstance(step, Escalate):
        at = _when(step.on, 10, next_day)
        return actions.proposal_escalate(proposal, by=by, note=_dated(step.note, at, step.illustrative), now=at)
    if isinstance(step, EscalationResult):
        at = _when(step.on, 12, closed + dt.timedelta(days=7))
        result = _dated(step.result, at, step.illustrative)
        return actions.escalation_result_record(proposal, by=by, result=result, now=at)
    if isinstance(step, Refer):
        at = _when(step.on, 15, next_day)
        return actions.proposal_refer(proposal, by=by, note=_dated(step.note, at, step.illustrative), now=at)
    if isinstance(step, Determine):
        at = aware(step.on, dt.time(12))
        text = _dated(step.text, at, step.illustrative)
        return actions.determination_record(proposal, by=by, agreed=step.agreed, text=text, now=at)
    organisation = Organisation.objects.get(slug=step.organisation)
    actions.ratification_record(
        proposal,
        organisation=organisation,
        ratified=True,
        body=organisation.executive_body,
        decided_on=step.on,
        reference=step.reference,
        by=by,
        now=aware(step.on, dt.time(17)),
    )
    proposal.refresh_from_db()
    return proposal


def _put_at(ctx: DemoContext, spec: ProposalSpec, meeting: Meeting) -> dt.datetime:
    """When a round is put: with the published agenda, or where the papers date only the
    meeting, an hour before it starts."""
    if spec.put_at_the_meeting:
        return min(ctx.now, meeting.start - dt.timedelta(hours=1))
    return min(ctx.now, aware(meeting.governing_deadline, dt.time(17)))


def replay(ctx: DemoContext, spec: ProposalSpec) -> Proposal:
    """Put a proposal and take it through its rounds and steps, in order."""
    board = ctx.board(spec.board)
    existing = Proposal.objects.filter(board=board, title=spec.title).first()
    if existing is not None:
        return existing
    by = ctx.actor(board)
    first = spec.rounds[0]
    item = find_item(board, first.day, first.item)
    meeting = item.meeting
    proposal = actions.proposal_create(
        item,
        title=spec.title,
        text=spec.text,
        proposer=ctx.person(spec.proposer),
        big_ticket=spec.big_ticket,
        by=by,
        now=_put_at(ctx, spec, meeting),
    )
    for number, round_spec in enumerate(spec.rounds, start=1):
        meeting = find_item(board, round_spec.day, round_spec.item).meeting
        opened = _put_at(ctx, spec, meeting)
        if number == 1:
            round = proposal.rounds.get(number=1)
        else:
            round = actions.round_open(proposal, meeting=meeting, by=by, text=round_spec.text, now=opened)
        _backdate(Round, round.pk, opened_at=opened)
        _record_positions(ctx, round, round_spec, meeting, by)
        if not round_spec.close:
            break
        closed = meeting.start + dt.timedelta(hours=2)
        actions.round_close(round, by=by, now=closed)
        proposal.refresh_from_db()
        for step in round_spec.then:
            proposal = _step(proposal, step, by, closed)
    proposal.refresh_from_db()
    return proposal


def load(ctx: DemoContext) -> None:
    """Load (or leave as it is) the demo's historic meetings and its decisions."""
    load_historic_seats(ctx)
    build_series(ctx, HISTORIC_SERIES)
    build_series(ctx, HISTORIC_CSG_SERIES)
    for spec in PROPOSALS:
        replay(ctx, spec)
