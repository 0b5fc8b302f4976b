"""The decisions part of the demo (SPEC §5, §10): the three Supporting People disputes
of 003 §12-17 replayed on the Commissioning Body under the 2004 Memorandum, ordinary
decisions of the HWBP Board and the Commissioning Body in 2025-26, and one proposal
still open at the Commissioning Body's next meeting (demo/data/decisions.py).

Everything goes through decisions/actions.py (and meetings/actions.py for the
historic meetings), as the demo officer, in chronological order, so each outcome is
the one the rules engine gives. Loading twice changes nothing: a proposal with the
same title on the same board is skipped whole, as are meetings and seats that exist.

Positions are recorded by the member where the member has a login (the County
Cabinet Member, or her designated deputy when the deputy stood in for her), and
otherwise by the officer, with a comment saying who gave the position and how
(capacity "officer"): most of the demo's people have no login.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Model

from accounts.models import User
from decisions import actions, queries
from decisions.models import Proposal, Round
from demo.data.decisions import (
    HISTORIC_PEOPLE,
    HISTORIC_SEATS,
    HISTORIC_SERIES,
    HOLLINS,
    HOLLINS_FROM,
    PROPOSALS,
)
from demo.data.partnerships import SP_COMMISSIONING_BODY
from demo.replay.meetings import DemoContext, aware, build_series, find_item
from demo.specs import (
    HISTORIC_FROM,
    Defer,
    Determine,
    Escalate,
    EscalationResult,
    ProposalSpec,
    Refer,
    RoundSpec,
    Stand,
    Step,
)
from meetings.models import Attendance, AttendanceStatus, Declaration, Meeting
from partnerships import actions as partnership_actions
from partnerships.models import Membership, MembershipRole, Organisation, Person


def load_historic_seats(ctx: DemoContext) -> None:
    """The 2004-2011 members, keyed on board, person and start date. No action adds a
    person, so the few historic people are written directly, as the register's are."""
    board = ctx.board(SP_COMMISSIONING_BODY)
    by = ctx.actor(board)
    for name, (job_title, org_slug) in HISTORIC_PEOPLE.items():
        Person.objects.get_or_create(
            name=name, defaults={"job_title": job_title, "organisation": Organisation.objects.get(slug=org_slug)}
        )
    for seat in HISTORIC_SEATS:
        organisation = Organisation.objects.get(slug=seat.organisation)
        person, _ = Person.objects.get_or_create(
            name=seat.person, defaults={"job_title": seat.job_title, "organisation": organisation}
        )
        if Membership.objects.filter(board=board, person=person, start_date=HISTORIC_FROM).exists():
            continue
        partnership_actions.membership_create(
            by=by,
            now=aware(HISTORIC_FROM, dt.time(9)),
            board=board,
            person=person,
            organisation=organisation,
            role=seat.role,
            seniority=seat.seniority,
            elected=seat.person.startswith("Cllr "),
            start_date=HISTORIC_FROM,
            end_date=seat.end,
        )
    # West Oxfordshire's member from May 2008 comes from the register (demo/data/partnerships.py).
    if not Membership.objects.filter(board=board, person__name=HOLLINS, start_date=HOLLINS_FROM).exists():
        raise RuntimeError(f"{HOLLINS}'s seat on the Commissioning Body from {HOLLINS_FROM} is missing")


def _rank(seat: Membership, attendance: Attendance | None) -> tuple[int, int, int]:
    """Whose seat speaks for an organisation with several: a member who signs in and is
    there, then a deputy who signs in and stood in, then anyone there; chairs first."""
    status = attendance.status if attendance else AttendanceStatus.PRESENT
    person_user = seat.person.user_id is not None
    deputy_user = seat.deputy is not None and seat.deputy.user_id is not None
    if person_user and status == AttendanceStatus.PRESENT:
        rank = 0
    elif deputy_user and status == AttendanceStatus.DEPUTY:
        rank = 1
    else:
        ranks: dict[str, int] = {AttendanceStatus.PRESENT: 2, AttendanceStatus.DEPUTY: 3}
        rank = ranks.get(status, 4)
    chair = 0 if seat.role in (MembershipRole.CHAIR, MembershipRole.CO_CHAIR) else 1
    return rank, chair, seat.pk


def _recorder(
    officer: User, seat: Membership, attendance: Attendance | None, *, withdrew: bool, held: bool
) -> tuple[User, str]:
    """Who records the seat's position, and the comment that says how it was given."""
    status = attendance.status if attendance else None
    if not withdrew and seat.person.user is not None and status in (None, AttendanceStatus.PRESENT):
        return seat.person.user, ""
    if seat.deputy is not None and seat.deputy.user is not None and (withdrew or status == AttendanceStatus.DEPUTY):
        return seat.deputy.user, ""
    if not held:
        note = f"Given in writing by {seat.person.name} ahead of the meeting; recorded by the officer."
    elif withdrew and seat.deputy is not None:
        note = (
            f"{seat.person.name} declared an interest and withdrew; {seat.deputy.name} gave the position as "
            "designated deputy. Recorded by the officer from the meeting."
        )
    elif status == AttendanceStatus.DEPUTY and seat.deputy is not None:
        note = (
            f"Given at the meeting by {seat.deputy.name}, designated deputy for {seat.person.name}; "
            "recorded by the officer."
        )
    elif status in (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT):
        note = f"Given in writing by {seat.person.name}, who sent apologies; recorded by the officer."
    else:
        note = f"Given at the meeting by {seat.person.name}; recorded by the officer."
    return officer, note


def _record_positions(ctx: DemoContext, round: Round, spec: RoundSpec, meeting: Meeting, officer: User) -> None:
    """One position per voting partner, by the seat that speaks for it (SPEC §5)."""
    seats = queries.voting_memberships(round.proposal.board_id, meeting.date)
    attendance = {row.membership_id: row for row in Attendance.objects.filter(meeting=meeting)}
    # As position_record does: a withdrawal on the proposal's item (SPEC §4).
    withdrawn = set(
        Declaration.objects.filter(item=round.proposal.item, withdraws=True).values_list("membership_id", flat=True)
    )
    speaking: dict[str, Membership] = {}
    for seat in sorted(seats, key=lambda s: _rank(s, attendance.get(s.pk))):
        speaking.setdefault(seat.organisation.slug, seat)
    held = meeting.start <= ctx.now and bool(attendance)
    moment = meeting.start + dt.timedelta(minutes=40) if held else ctx.now
    for number, (slug, seat) in enumerate(sorted(speaking.items())):
        stand = spec.stands.get(slug) or (Stand(spec.others) if spec.others else None)
        if stand is None:
            continue
        by, note = _recorder(officer, seat, attendance.get(seat.pk), withdrew=seat.pk in withdrawn, held=held)
        comment = " ".join(part for part in (stand.comment, note) if part)
        actions.position_record(
            round, seat, value=stand.value, by=by, comment=comment, now=moment + dt.timedelta(minutes=number)
        )


def _backdate(model: type[Model], pk: int, **fields: object) -> None:
    """Direct write: the action stamps this with the time of loading and takes no
    ``now=``; the demo replays the past, so it gets the historic date."""
    model._default_manager.filter(pk=pk).update(**fields)


def _step(proposal: Proposal, step: Step, by: User, closed: dt.datetime) -> Proposal:
    """Replay a route step at a plausible time after the round closed: the officer
    defers, escalates or refers the next day; the escalation body answers within a week."""
    next_day = closed + dt.timedelta(days=1)
    if isinstance(step, Defer):
        return actions.proposal_defer(proposal, by=by, reason=step.reason, now=next_day)
    if isinstance(step, Escalate):
        return actions.proposal_escalate(proposal, by=by, note=step.note, now=next_day)
    if isinstance(step, EscalationResult):
        answered = aware(step.on, dt.time(12)) if step.on else closed + dt.timedelta(days=7)
        return actions.escalation_result_record(proposal, by=by, result=step.result, now=answered)
    if isinstance(step, Refer):
        return actions.proposal_refer(proposal, by=by, note=step.note, now=next_day)
    if isinstance(step, Determine):
        return actions.determination_record(
            proposal, by=by, agreed=step.agreed, text=step.text, now=aware(step.on, dt.time(12))
        )
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
    put = min(ctx.now, aware(meeting.governing_deadline, dt.time(11)))  # with the papers
    proposal = actions.proposal_create(
        item,
        title=spec.title,
        text=spec.text,
        proposer=ctx.person(spec.proposer),
        big_ticket=spec.big_ticket,
        by=by,
        now=put,
    )
    for number, round_spec in enumerate(spec.rounds, start=1):
        meeting = find_item(board, round_spec.day, round_spec.item).meeting
        opened = min(ctx.now, aware(meeting.governing_deadline, dt.time(11)))
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
    for spec in PROPOSALS:
        replay(ctx, spec)
