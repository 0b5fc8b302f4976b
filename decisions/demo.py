"""Demo decisions (SPEC §5, §10): the three Supporting People disputes of 003 §12-17
replayed on the Commissioning Body under the 2004 Memorandum, ordinary decisions of
the HWBP Board and the Commissioning Body in 2025-26, and one proposal still open at
the Commissioning Body's next meeting.

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
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Model, Q

from accounts.models import User
from meetings.demo import (
    DemoContext,
    MeetingSpec,
    Series,
    aware,
    build_series,
    decision,
    discussion,
    find_item,
    information,
    paper,
    quiet_side_effects,
)
from meetings.models import Attendance, AttendanceStatus, Declaration, Meeting
from partnerships import actions as partnership_actions
from partnerships.demo import (
    CDC,
    CITY,
    HWBP_BOARD,
    OCC,
    PCT,
    PROBATION,
    SODC,
    SP_COMMISSIONING_BODY,
    USERS,
    VALE,
    WODC,
)
from partnerships.models import Membership, MembershipRole, Organisation, Person, Seniority

from . import actions, queries
from .models import (
    Position,
    PositionValue,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    Ratification,
    Round,
    Route,
)

D = dt.date
CONSENT, OBJECT, ABSTAIN = PositionValue.CONSENT, PositionValue.OBJECT, PositionValue.ABSTAIN

# ---------------------------------------------------------------------------
# The Commissioning Body's members of 2004-2011: one for each of the eight
# commissioning partners that signed the 2004 Memorandum (003 §7, §11). Invented
# names; West Oxfordshire's member from 2008, Cllr Derek Hollins, is seated by
# partnerships/demo.py (003 §22).
# ---------------------------------------------------------------------------

HISTORIC_FROM = D(2004, 4, 1)  # the 2004 Memorandum took effect
HISTORIC_TO = D(2011, 5, 16)  # the district elections of May 2011
HOLLINS = "Cllr Derek Hollins"
HOLLINS_FROM = D(2008, 5, 22)
SP_OFFICER_2004 = "Robert Jessop"


@dataclass(frozen=True)
class HistoricSeat:
    person: str
    job_title: str
    organisation: str
    end: dt.date = HISTORIC_TO
    role: str = MembershipRole.MEMBER
    seniority: str = Seniority.CABINET_MEMBER


HISTORIC_SEATS: tuple[HistoricSeat, ...] = (
    HistoricSeat("Cllr Barbara Lyndon", "Former Cabinet Member for Community Services", OCC, role=MembershipRole.CHAIR),
    HistoricSeat("Cllr Stephen Akers", "Former Executive Member for Housing", CITY),
    HistoricSeat("Cllr Michael Trent", "Former Portfolio Holder for Housing", CDC),
    HistoricSeat("Cllr Judith Fane", "Former Cabinet Member for Housing", SODC),
    HistoricSeat("Cllr Peter Nuttall", "Former Cabinet Member for Housing", VALE),
    HistoricSeat("Cllr Norman Brede", "Former Cabinet Member for Housing", WODC, end=HOLLINS_FROM - dt.timedelta(1)),
    HistoricSeat("Angela Barnes", "Former Director of Commissioning", PCT, seniority=Seniority.DIRECTOR),
    HistoricSeat("Keith Ormerod", "Former Assistant Chief Officer", PROBATION, seniority=Seniority.DIRECTOR),
)

# ---------------------------------------------------------------------------
# The Commissioning Body's meetings of the disputes (003 §12), with their agendas
# ---------------------------------------------------------------------------

STRATEGY_2004 = "Supporting People Strategy 2004-2009"
STRATEGY_2004_AMENDED = "Supporting People Strategy 2004-2009: amended proposal"
YOUNG_PEOPLE_2005 = "Amendment of the Supporting People Strategy 2004-2009: services for young people"
YOUNG_PEOPLE_2005_COMPROMISE = "Amendment of the Strategy: the compromise proposed by the Chief Executives"
STRATEGY_2008 = "Supporting People Strategy 2008-2011 and Annual Plan 2008-09"
STRATEGY_2008_AGAIN = "Supporting People Strategy 2008-2011 and Annual Plan 2008-09: after escalation"

HISTORIC_SERIES = Series(
    SP_COMMISSIONING_BODY,
    "The Commissioning Body",
    clerk=SP_OFFICER_2004,
    deputy_share=(0.0, 0.0),
    absence=0.0,  # every partner was there: the disputes were not about absence (003 §12)
    meetings=(
        MeetingSpec(
            D(2004, 11, 24),
            (
                decision(
                    STRATEGY_2004,
                    SP_OFFICER_2004,
                    paper("Supporting People Strategy 2004-2009: draft", 5),
                    minute="Seven partners consented. West Oxfordshire District Council objected to the proposals "
                    "for resident wardens in sheltered housing. The Memorandum requires the active consent of all "
                    "eight partners (003 §11), so the Strategy was not approved. Partners agreed to seek a "
                    "compromise for the next meeting (003 §13).",
                ),
                information(
                    "Supporting People grant: allocation for 2005-06",
                    SP_OFFICER_2004,
                    paper("Supporting People grant 2005-06", 2),
                ),
            ),
        ),
        MeetingSpec(
            D(2005, 1, 26),
            (
                decision(
                    STRATEGY_2004_AMENDED,
                    SP_OFFICER_2004,
                    paper("Strategy 2004-2009: amended proposal on resident wardens", 3),
                    minute="All eight partners consented to the amended proposal. RESOLVED: to approve the "
                    "Supporting People Strategy 2004-2009 as amended (003 §14).",
                ),
            ),
        ),
        MeetingSpec(
            D(2005, 10, 6),
            (
                decision(
                    YOUNG_PEOPLE_2005,
                    SP_OFFICER_2004,
                    paper("Amendment of the Strategy: services for young people, including teenage parents", 3),
                    minute="Cherwell District Council objected to the amendment. There being no unanimous decision, "
                    "the matter is escalated to the local authority Chief Executives under the Memorandum (003 §13).",
                ),
            ),
        ),
        MeetingSpec(
            D(2005, 12, 8),
            (
                decision(
                    YOUNG_PEOPLE_2005_COMPROMISE,
                    SP_OFFICER_2004,
                    paper("Services for young people: the Chief Executives' compromise", 2),
                    minute="All eight partners consented to the amended proposal that the Chief Executives "
                    "found. RESOLVED: to amend the Strategy 2004-2009 accordingly (003 §13-14).",
                ),
            ),
        ),
        MeetingSpec(
            D(2008, 7, 11),
            (
                decision(
                    STRATEGY_2008,
                    SP_OFFICER_2004,
                    paper("Supporting People Strategy 2008-2011: draft", 5),
                    paper("Annual Plan 2008-09", 3, docx=True),
                    minute="West Oxfordshire District Council objected, again over resident wardens in sheltered "
                    "housing. There being no unanimous decision, the matter is escalated to the local authority "
                    "Chief Executives (003 §12, §16).",
                ),
            ),
        ),
        MeetingSpec(
            D(2008, 10, 16),
            (
                decision(
                    STRATEGY_2008_AGAIN,
                    SP_OFFICER_2004,
                    paper("Report of the escalation to the Chief Executives", 2),
                    minute="The Chief Executives had found no compromise. West Oxfordshire District Council still "
                    "objected; the other seven partners consented. With no unanimous decision at a second meeting, "
                    "the matter is referred to the County Council as lead accountable body (003 §16-17).",
                ),
            ),
        ),
        # 003 is the report to this meeting.
        MeetingSpec(
            D(2009, 12, 11),
            (
                discussion(
                    "Future governance for commissioning of housing related services for vulnerable people",
                    SP_OFFICER_2004,
                    paper("Future governance: service user involvement and conflict resolution", 3),
                    minute="The Commissioning Body considered service user involvement and conflict resolution "
                    "(003). Views on a majority decision at a second meeting were evenly balanced (003 §23); officers "
                    "will report again.",
                ),
                information(
                    "Strategy 2008-2011: determination by the lead accountable body",
                    SP_OFFICER_2004,
                    paper("Determination by the County Council's Chief Executive", 1),
                ),
            ),
            time=dt.time(14),
        ),
    ),
)

# ---------------------------------------------------------------------------
# Proposals: rounds, positions and the steps between them
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Stand:
    """One partner's position in a round (SPEC §5)."""

    value: str
    comment: str = ""


@dataclass(frozen=True)
class Defer:
    reason: str


@dataclass(frozen=True)
class Escalate:
    note: str = ""


@dataclass(frozen=True)
class EscalationResult:
    result: str
    on: dt.date | None = None  # when the escalation body answered, if the papers say


@dataclass(frozen=True)
class Refer:
    note: str


@dataclass(frozen=True)
class Determine:
    text: str
    on: dt.date
    agreed: bool = True


@dataclass(frozen=True)
class Ratify:
    organisation: str
    on: dt.date
    reference: str


Step = Defer | Escalate | EscalationResult | Refer | Determine | Ratify


@dataclass(frozen=True)
class RoundSpec:
    day: dt.date  # the meeting
    item: str  # the agenda item the round is taken at
    stands: dict[str, Stand] = field(default_factory=dict)  # organisation slug -> position; others: `others`
    others: str | None = CONSENT  # None: no position yet (an open round)
    text: str = ""  # an amended proposal; blank: as before
    close: bool = True
    then: tuple[Step, ...] = ()


@dataclass(frozen=True)
class ProposalSpec:
    board: str
    title: str
    text: str
    proposer: str
    rounds: tuple[RoundSpec, ...]
    big_ticket: bool = False


WARDENS_2004 = (
    "West Oxfordshire cannot agree to ending resident wardens in its sheltered housing schemes: residents and "
    "the Council want an on-site warden kept (003 §12)."
)
WARDENS_2008 = (
    "West Oxfordshire objects to the Strategy and Annual Plan replacing resident wardens in sheltered housing "
    "with a visiting service; the Council sees no scope for compromise (003 §12, §16)."
)

DISPUTES: tuple[ProposalSpec, ...] = (
    # 003 §12-14: the first case, resolved by a compromise and a unanimous vote at the next meeting.
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        STRATEGY_2004,
        "To approve the Supporting People Strategy 2004-2009, including the remodelling of support in sheltered "
        "housing from resident wardens to a visiting support service.",
        "Cllr Barbara Lyndon",
        (
            RoundSpec(D(2004, 11, 24), STRATEGY_2004, {WODC: Stand(OBJECT, WARDENS_2004)}),
            RoundSpec(
                D(2005, 1, 26),
                STRATEGY_2004_AMENDED,
                {WODC: Stand(CONSENT, "West Oxfordshire consents to the amended proposal, which keeps its wardens.")},
                text="To approve the Supporting People Strategy 2004-2009, amended so that resident wardens remain "
                "in sheltered housing schemes where the district council and residents wish to keep them, pending a "
                "review of each scheme.",
            ),
        ),
    ),
    # 003 §12-14: the second case, resolved by escalation to the Chief Executives.
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        YOUNG_PEOPLE_2005,
        "To amend the Strategy 2004-2009 so that services for young people, including teenage parents, become a "
        "county-wide floating support service, closing two accommodation-based schemes.",
        "Cllr Barbara Lyndon",
        (
            RoundSpec(
                D(2005, 10, 6),
                YOUNG_PEOPLE_2005,
                {
                    CDC: Stand(
                        OBJECT,
                        "Cherwell cannot agree to closing the young people's schemes in Banbury, including the "
                        "teenage parents' scheme, without other provision in the district (003 §12).",
                    )
                },
                then=(
                    Escalate("Under the Memorandum, the partners could not agree (003 §13)."),
                    EscalationResult(
                        "The Chief Executives found an acceptable compromise: the Banbury teenage parents' scheme "
                        "stays, funded for three years, and the other services for young people are remodelled as "
                        "proposed (003 §13)."
                    ),
                ),
            ),
            RoundSpec(
                D(2005, 12, 8),
                YOUNG_PEOPLE_2005_COMPROMISE,
                {CDC: Stand(CONSENT, "Cherwell consents to the compromise the Chief Executives found.")},
                text="To amend the Strategy 2004-2009 so that services for young people become a county-wide "
                "floating support service, keeping the teenage parents' scheme in Banbury for three years, as the "
                "Chief Executives proposed.",
            ),
        ),
    ),
    # 003 §12, §16-17: the third case, decided by the lead accountable body.
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        STRATEGY_2008,
        "To approve the Supporting People Strategy 2008-2011 and the Annual Plan 2008-09, replacing resident "
        "wardens in sheltered housing with a visiting support service for all older people who need it.",
        "Cllr Barbara Lyndon",
        (
            RoundSpec(
                D(2008, 7, 11),
                STRATEGY_2008,
                {WODC: Stand(OBJECT, WARDENS_2008)},
                then=(
                    Escalate("Under the Memorandum, the partners could not agree (003 §16)."),
                    EscalationResult(
                        "The Chief Executives met on 15 September 2008. West Oxfordshire District Council and the "
                        "other commissioning partners saw no scope for a compromise: there was no change in "
                        "positions (003 §16).",
                        on=D(2008, 9, 15),
                    ),
                ),
            ),
            RoundSpec(
                D(2008, 10, 16),
                STRATEGY_2008_AGAIN,
                {WODC: Stand(OBJECT, "No change in the Council's position after the escalation (003 §16).")},
                then=(
                    Refer(
                        "The Commissioning Body was again unable to reach a unanimous decision; the 2004 Memorandum "
                        "allows no majority decision (003 §11, §16)."
                    ),
                    Determine(
                        "With the agreement of the other local authority Chief Executives, the County Council's "
                        "Chief Executive approved the majority decisions of the Commissioning Body on the Strategy "
                        "2008-2011 and the Annual Plan 2008-09. There was no unanimous vote at a subsequent meeting "
                        "of the Commissioning Body, nor did the usual call-in processes take place (003 §17).",
                        D(2008, 11, 3),
                    ),
                ),
            ),
        ),
    ),
)

# The HWBP Board in 2025-26: consensus, a deferral for more time (000 §3), and a 'big
# ticket' strategy that takes effect only when each partner's executive body ratifies
# it (000 §2A).
JHWS = "Joint Health and Wellbeing Strategy 2026-2030"
NOT_YET_CONSIDERED = (
    "Our executive body has not yet considered the draft; we ask for the decision to be deferred so that it can "
    "(000 §3)."
)

HWBP_DECISIONS: tuple[ProposalSpec, ...] = (
    ProposalSpec(
        HWBP_BOARD,
        JHWS,
        "To agree the Joint Health and Wellbeing Strategy 2026-2030 and its seven shared outcomes, and to ask each "
        "partner's executive body to ratify it.",
        "Cllr Margaret Ellison",
        (
            RoundSpec(
                D(2025, 6, 26),
                "Joint Health and Wellbeing Strategy 2026-2030: draft for agreement",
                {
                    CITY: Stand(ABSTAIN, NOT_YET_CONSIDERED),
                    CDC: Stand(ABSTAIN, NOT_YET_CONSIDERED),
                    VALE: Stand(ABSTAIN, NOT_YET_CONSIDERED),
                },
                then=(
                    Defer(
                        "Three partners asked for time to take the draft to their executive bodies; an option is "
                        "always kept to defer a decision when more time is needed (000 §3)."
                    ),
                ),
            ),
            RoundSpec(
                D(2025, 9, 25),
                JHWS,
                then=(
                    Ratify(PCT, D(2025, 10, 8), "PCT Board, 8 October 2025, minute 25/118"),
                    Ratify(USERS, D(2025, 10, 10), "Steering Group, 10 October 2025"),
                    Ratify(CITY, D(2025, 10, 15), "City Executive Board, 15 October 2025, minute 64"),
                    Ratify(OCC, D(2025, 10, 21), "Cabinet, 21 October 2025, minute 112/25"),
                    Ratify(SODC, D(2025, 10, 23), "Cabinet, 23 October 2025, minute 41"),
                    Ratify(WODC, D(2025, 10, 29), "Cabinet, 29 October 2025, minute 73"),
                    Ratify(CDC, D(2025, 11, 3), "Executive, 3 November 2025, minute 88"),
                    Ratify(VALE, D(2025, 11, 5), "Cabinet, 5 November 2025, minute 57"),
                ),
            ),
        ),
        big_ticket=True,
    ),
    ProposalSpec(
        HWBP_BOARD,
        "Director of Public Health annual report 2025: recommendations",
        "To agree the recommendations of the Director of Public Health's annual report 2025 and to ask each partner "
        "to act on those addressed to it (002 §3).",
        "Jonathan McWilliam",
        (
            RoundSpec(
                D(2025, 11, 27),
                "Director of Public Health annual report 2025: recommendations",
                {USERS: Stand(CONSENT, "The user representatives welcome the health checks for homeless people.")},
            ),
        ),
    ),
    ProposalSpec(
        HWBP_BOARD,
        "Joint Strategic Needs Assessment 2026: priorities for commissioning",
        "To agree the six priorities for joint commissioning in 2026-27 drawn from the Joint Strategic Needs "
        "Assessment 2026.",
        "Jonathan McWilliam",
        (RoundSpec(D(2026, 3, 12), "Joint Strategic Needs Assessment 2026: priorities for commissioning"),),
    ),
    ProposalSpec(
        HWBP_BOARD,
        "Local Area Agreement: indicator targets for 2026-27",
        "To agree the targets for the Local Area Agreement indicators the partnership leads on, and the delivery "
        "chain behind each (004 R4).",
        "Dr Alison Pryce",
        (
            RoundSpec(
                D(2026, 6, 25),
                "Local Area Agreement: indicator targets for 2026-27",
                {PCT: Stand(CONSENT, "The PCT Board agreed the NHS contribution to these targets in May.")},
            ),
        ),
    ),
    ProposalSpec(
        HWBP_BOARD,
        "Service user involvement framework",
        "To agree the framework for involving service users in the Board's work, with training and support for "
        "user representatives (003 §23).",
        "Cllr Margaret Ellison",
        (
            RoundSpec(
                D(2026, 9, 24),
                "Service user involvement framework",
                {USERS: Stand(CONSENT, "The user representatives asked for the framework and support it.")},
            ),
        ),
    ),
)

CB_DECISIONS: tuple[ProposalSpec, ...] = (
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        "Supporting People Annual Plan 2025-26",
        "To approve the Supporting People Annual Plan 2025-26.",
        "Cllr Roger Haswell",
        (RoundSpec(D(2025, 1, 23), "Supporting People Annual Plan 2025-26"),),
    ),
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        "Floating support services: contract award",
        "To award the floating support contract to the bidder recommended in the exempt report.",
        "Cllr Margaret Ellison",
        (RoundSpec(D(2025, 7, 24), "Floating support services: contract award"),),
    ),
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        "Supporting People Annual Plan 2026-27",
        "To approve the Supporting People Annual Plan 2026-27.",
        "Cllr Margaret Ellison",
        (RoundSpec(D(2026, 3, 19), "Supporting People Annual Plan 2026-27"),),
    ),
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        "Amended Memorandum of Understanding",
        "To adopt the amended Memorandum of Understanding: consensus remains the aim; disagreements are escalated "
        "to the local authority Chief Executives; if a second meeting again cannot agree, a majority decision is "
        "allowed with the minority against limited to one vote; two service users take part on a no-vote basis "
        "(003 §18-23). Each partner is asked to sign it (003 §7).",
        "Cllr Margaret Ellison",
        (
            RoundSpec(
                D(2026, 9, 17),
                "Amended Memorandum of Understanding",
                {
                    WODC: Stand(
                        CONSENT,
                        "The Cabinet considered the amendments on 9 September 2026. Limiting the minority against to "
                        "one vote meets the concern it raised in 2009 (003 §22).",
                    ),
                    CDC: Stand(CONSENT, "Cherwell accepts majority voting only with escalation tried first."),
                },
            ),
        ),
    ),
    # Open at the next meeting: the member login sees it on decisions/my/.
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        "Supporting People Strategy 2027-2030: consultation draft",
        "To approve the consultation draft of the Supporting People Strategy 2027-2030 for twelve weeks' public "
        "consultation from January 2027.",
        "Cllr Margaret Ellison",
        (
            RoundSpec(
                D(2026, 12, 10),
                "Supporting People Strategy 2027-2030: consultation draft for approval",
                {
                    PCT: Stand(CONSENT, "The PCT supports consultation on the draft."),
                    PROBATION: Stand(CONSENT),
                },
                others=None,
                close=False,
            ),
        ),
    ),
)

PROPOSALS: tuple[ProposalSpec, ...] = DISPUTES + HWBP_DECISIONS + CB_DECISIONS

# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def load_historic_seats(ctx: DemoContext) -> None:
    """The 2004-2011 members, keyed on board, person and start date. No action adds a
    person, so the few historic people are written directly, as partnerships/demo.py does."""
    board = ctx.board(SP_COMMISSIONING_BODY)
    by = ctx.actor(board)
    county = Organisation.objects.get(slug=OCC)
    Person.objects.get_or_create(
        name=SP_OFFICER_2004,
        defaults={"job_title": "Former Supporting People Lead Officer", "organisation": county},
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
    # West Oxfordshire's member from May 2008 comes from partnerships/demo.py.
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
        note = f"Given at the meeting by {seat.deputy.name}, designated deputy for {seat.person.name}; recorded by the officer."
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


def load_demo(users: dict[str, User] | None = None) -> None:
    """Load (or leave as it is) the demo's historic meetings and its decisions."""
    with transaction.atomic(), quiet_side_effects():
        ctx = DemoContext.create(users)
        load_historic_seats(ctx)
        build_series(ctx, HISTORIC_SERIES)
        for spec in PROPOSALS:
            replay(ctx, spec)


def summary_lines() -> list[str]:
    """What the decisions demo holds, for the command's output."""
    by_status = dict(Proposal.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_route = dict(
        Proposal.objects.exclude(route="").values_list("route").annotate(n=Count("pk")).values_list("route", "n")
    )
    statuses = ", ".join(f"{ProposalStatus(s).label.lower()} {n}" for s, n in sorted(by_status.items()))
    routes = ", ".join(f"{Route(r).label.lower()} {n}" for r, n in sorted(by_route.items()))
    positions = Position.objects.aggregate(total=Count("pk"), officer=Count("pk", filter=Q(capacity="officer")))
    return [
        "Decisions loaded:",
        f"  proposals: {Proposal.objects.count()} ({statuses})",
        f"  routes: {routes}",
        f"  rounds: {Round.objects.count()}; positions: {positions['total']} "
        f"(recorded by the officer {positions['officer']}); events: {ProposalEvent.objects.count()}; "
        f"ratifications: {Ratification.objects.count()}",
    ]
