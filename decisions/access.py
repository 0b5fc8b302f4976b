"""Who may act on proposals and for which seat: the only place decisions refuses
(SPEC §1, §5). One condition per line.

Who may record a position for a seat is one rule, ``seat_capacity``: pure, on plain
values (is the user the member, the deputy, a delegate in force on the date, an
officer; is the member away or withdrawn). ``seat_tie`` reads those values from the
rows; ``require_seat_capacity`` refuses with the rule's reason. The action and the
member's pages all go through them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from accounts.models import User
from meetings.models import Attendance, AttendanceStatus, Declaration
from partnerships import access as partnership_access
from partnerships.models import (
    SEATED_ROLES,
    Delegation,
    Deputyship,
    Membership,
    MembershipRole,
    Partnership,
    Person,
)

from .models import Capacity, ForthcomingDecision, Proposal, Round
from .rules import VOTING_UNIT_ORGANISATION

# ---------------------------------------------------------------------------
# Officers

RUN_DECISIONS = "run its decisions"


def can_run_decisions(user: User | AnonymousUser, partnership: Partnership) -> bool:
    """Officers run the decisions of the partnerships they service (SPEC §1)."""
    if not isinstance(user, User):
        return False
    return partnership_access.can_edit_partnership(user, partnership)


def require_edit(user: User, partnership: Partnership) -> None:
    partnership_access.require_edit(user, partnership, to=RUN_DECISIONS)


def require_decisions_officer(user: User) -> None:
    if not user.is_officer and not user.is_administrator:
        raise PermissionDenied("Only partnership officers can run decisions.")


def get_proposal_for_officer(user: User, pk: int) -> Proposal:
    """The proposal, or 404; 403 unless the user services its partnership."""
    proposal = get_object_or_404(Proposal.objects.select_related("board__partnership"), pk=pk)
    require_edit(user, proposal.board.partnership)
    return proposal


def get_forthcoming_for_officer(user: User, pk: int) -> ForthcomingDecision:
    """The forward plan entry, or 404; 403 unless the user services its partnership."""
    entry = get_object_or_404(
        ForthcomingDecision.objects.select_related("board__partnership", "expected_meeting"), pk=pk
    )
    require_edit(user, entry.board.partnership)
    return entry


# ---------------------------------------------------------------------------
# Seats: the pure rule


@dataclass(frozen=True)
class SeatTie:
    """How a person stands to a seat on the date of a round."""

    member: bool  # the person is the member holding the seat
    deputy: bool  # the seat's designated deputy on the date (Deputyship ledger)
    delegate: bool  # holds a delegation from the seat's organisation, in force on the date
    officer: bool  # services the partnership (and has no tie of their own to the seat)
    member_withdrew: bool = False  # the member declared an interest and withdrew from the item
    member_away: bool = False  # the member sent apologies, was absent or sent the deputy
    self_withdrew: bool = False  # the deputy or delegate declared an interest of their own and withdrew
    lead_holder: str = ""  # where the organisation votes through another of its seats: who holds that lead seat


@dataclass(frozen=True)
class SeatCapacity:
    """The capacity the person would act in (None: no tie to the seat) and, when they
    may not act now, the reason."""

    capacity: str | None
    refusal: str = ""

    @property
    def allowed(self) -> bool:
        return self.capacity is not None and not self.refusal


def seat_capacity(tie: SeatTie, *, member_name: str, organisation_name: str, speaker: str = "") -> SeatCapacity:
    """The one rule of who records a position for a seat (SPEC §5, §9): the member,
    unless they withdrew; the deputy or a delegate, only while the member is away or
    withdrew and unless they withdrew themselves; an officer of the partnership, for
    whoever stated it. Where the organisation votes through its lead seat, nobody
    records through another of its seats. ``speaker``: the name of the one who stated
    the position when an officer records it (the reasons then name them, not "you")."""
    you, your = (speaker, "their") if speaker else ("you", "your")
    if tie.lead_holder and (tie.member or tie.deputy or tie.delegate or tie.officer):
        return SeatCapacity(
            Capacity.MEMBER if tie.member else None,
            f"{organisation_name} holds several seats and votes as one organisation: its position is "
            f"recorded through its lead seat, held by {tie.lead_holder}.",
        )
    if tie.member:
        if tie.member_withdrew:
            return SeatCapacity(
                Capacity.MEMBER,
                f"{member_name} declared an interest and withdrew from this item, so cannot record a position on it.",
            )
        return SeatCapacity(Capacity.MEMBER)
    for tied, capacity, role in (
        (tie.deputy, Capacity.DEPUTY, "deputy"),
        (tie.delegate, Capacity.DELEGATE, "delegate"),
    ):
        if not tied:
            continue
        if tie.self_withdrew:
            return SeatCapacity(
                capacity,
                f"As {role} {you} declared an interest of {your} own and withdrew from this item, "
                f"so {you} cannot record a position on it.",
            )
        if not tie.member_away and not tie.member_withdrew:
            return SeatCapacity(
                capacity,
                f"As {role} {you} can record a position only when {member_name} is absent or has withdrawn.",
            )
        return SeatCapacity(capacity)
    if tie.officer:
        return SeatCapacity(Capacity.OFFICER)
    return SeatCapacity(None, f"You cannot record a position for {organisation_name}.")


@dataclass(frozen=True)
class SeatFacts:
    """What the lead-seat rule needs of a seat."""

    id: int
    lead: bool
    chair: bool
    start_date: dt.date


def lead_seat(seats: list[SeatFacts]) -> int | None:
    """Of an organisation's counted seats on a board, the one that records its position
    (SPEC §9): the seat marked as lead; failing that, the chair's or co-chair's; failing
    that, the longest-held (then the first created). None for no seats."""
    if not seats:
        return None
    return min(seats, key=lambda seat: (not seat.lead, not seat.chair, seat.start_date, seat.id)).id


# ---------------------------------------------------------------------------
# Seats: the loader


AWAY = (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT, AttendanceStatus.DEPUTY)
CHAIRS = (MembershipRole.CHAIR, MembershipRole.CO_CHAIR)


def person_of(user: User) -> Person | None:
    """The Person linked to a signed-in user (Person.user, related_name "person")."""
    person: Person | None = getattr(user, "person", None)
    return person


def _withdrew(person_id: int, membership: Membership, round: Round) -> bool:
    """The person declared an interest on the proposal's item, for this seat, and withdrew."""
    return Declaration.objects.filter(
        item_id=round.proposal.item_id, membership=membership, person_id=person_id, withdraws=True
    ).exists()


def _away(membership: Membership, round: Round) -> bool:
    return Attendance.objects.filter(meeting_id=round.meeting_id, membership=membership, status__in=AWAY).exists()


AWAY_PHRASES: dict[str, str] = {
    AttendanceStatus.APOLOGIES: "sent apologies for",
    AttendanceStatus.ABSENT: "was absent from",
    AttendanceStatus.DEPUTY: "was represented by a deputy at",
}


def _member_away_phrase(membership: Membership, round: Round) -> str:
    """How the member was recorded as away from the round's meeting ("sent apologies
    for", "was absent from", "was represented by a deputy at"), or "" (present, or not
    recorded)."""
    status = (
        Attendance.objects.filter(meeting_id=round.meeting_id, membership=membership, status__in=AWAY)
        .values_list("status", flat=True)
        .first()
    )
    return AWAY_PHRASES.get(status, "") if status else ""


def _delegated(person: Person, membership: Membership, on: dt.date) -> bool:
    return (
        Delegation.objects.valid_on(on)
        .filter(person=person, organisation_id=membership.organisation_id, board_id=membership.board_id)
        .exists()
    )


def _deputy(person: Person, membership: Membership, on: dt.date) -> bool:
    return Deputyship.objects.on(on).filter(membership=membership, person=person).exists()


def voting_unit(proposal: Proposal) -> str:
    return proposal.mou.voting_unit if proposal.mou is not None else VOTING_UNIT_ORGANISATION


def seat_counts(membership: Membership) -> bool:
    """A seat's position counts when it holds a vote; otherwise it is an advisory view (003 §22)."""
    return membership.voting and membership.role in SEATED_ROLES


def lead_seat_of(membership: Membership, on: dt.date) -> Membership | None:
    """The organisation's lead seat on the board on a date, when it records the
    organisation's position for a seat other than ``membership``; None when
    ``membership`` itself records (one seat, or it is the lead)."""
    seats = list(
        Membership.objects.current(on)
        .filter(
            board_id=membership.board_id,
            organisation_id=membership.organisation_id,
            voting=True,
            role__in=SEATED_ROLES,
        )
        .select_related("person")
    )
    facts = [SeatFacts(seat.pk, seat.lead, seat.role in CHAIRS, seat.start_date) for seat in seats]
    lead = lead_seat(facts)
    if lead is None or lead == membership.pk:
        return None
    return next(seat for seat in seats if seat.pk == lead)


def _lead_holder(membership: Membership, round: Round) -> str:
    """Who holds the lead seat through which the seat's organisation records, or ""."""
    if not seat_counts(membership) or voting_unit(round.proposal) != VOTING_UNIT_ORGANISATION:
        return ""
    lead = lead_seat_of(membership, round.meeting.date)
    return str(lead.person) if lead is not None else ""


def seat_tie(person: Person | None, membership: Membership, round: Round, *, officer: bool) -> SeatTie:
    """Read from the rows what seat_capacity needs, and no more than it needs.
    ``officer``: the one recording services the partnership."""
    on = round.meeting.date
    member = person is not None and membership.person_id == person.pk
    deputy = person is not None and not member and _deputy(person, membership, on)
    delegate = person is not None and not member and not deputy and _delegated(person, membership, on)
    officer = officer and not member and not deputy and not delegate
    tied = member or deputy or delegate
    withdrew = tied and _withdrew(membership.person_id, membership, round)
    self_withdrew = person is not None and (deputy or delegate) and _withdrew(person.pk, membership, round)
    away = (deputy or delegate) and not withdrew and _away(membership, round)
    return SeatTie(
        member,
        deputy,
        delegate,
        officer,
        member_withdrew=withdrew,
        member_away=away,
        self_withdrew=self_withdrew,
        lead_holder=_lead_holder(membership, round) if tied or officer else "",
    )


def capacity_for(user: User, membership: Membership, round: Round) -> SeatCapacity:
    """The capacity in which the signed-in user would record for the seat themselves."""
    officer = partnership_access.can_edit_partnership(user, membership.board.partnership)
    return seat_capacity(
        seat_tie(person_of(user), membership, round, officer=officer),
        member_name=str(membership.person),
        organisation_name=str(membership.organisation),
    )


def require_allowed(result: SeatCapacity) -> str:
    """The capacity, or 403 with the rule's reason."""
    if result.capacity is None or result.refusal:
        raise PermissionDenied(result.refusal)
    return result.capacity


def require_seat_capacity(user: User, membership: Membership, round: Round) -> str:
    """The capacity in which the user records a position for the seat, or 403 with the reason."""
    return require_allowed(capacity_for(user, membership, round))


def stated_capacity(person: Person, membership: Membership, round: Round, *, at_meeting: bool = False) -> SeatCapacity:
    """The capacity in which ``person`` could state the seat's position (an officer
    records it for them): the same rule as if they recorded it themselves. ``at_meeting``
    (the officer's page of positions stated at the meeting): a member recorded as away
    from the meeting did not state it there (a position given in writing by an absent
    member is recorded on its own, by position_record)."""
    tie = seat_tie(person, membership, round, officer=False)
    if not (tie.member or tie.deputy or tie.delegate):
        return SeatCapacity(
            None,
            f"{person} could not speak for {membership.organisation} on {round.meeting.date:%-d %B %Y}: "
            "not the member, the seat's deputy on that day or a delegate in force.",
        )
    if at_meeting and tie.member and (away := _member_away_phrase(membership, round)):
        # Stated at the meeting: by someone who was there (the member's own page, for a
        # position given outside the meeting, is capacity_for and keeps its meaning).
        return SeatCapacity(
            Capacity.MEMBER,
            f"{person} {away} the meeting on {round.meeting.date:%-d %B %Y}, so cannot be recorded as "
            "stating the seat's position there.",
        )
    return seat_capacity(
        tie, member_name=str(membership.person), organisation_name=str(membership.organisation), speaker=str(person)
    )


NOT_LINKED = "Your account is not linked to a seat on this board, so you cannot record a position."
NO_SEAT = "You do not hold a seat on this board, so you cannot record a position on its proposals."


def seats_for_member(user: User, round: Round) -> tuple[list[tuple[Membership, str]], list[str]]:
    """The seats on the board the user may record a position for in this round, with the
    capacity, and the reasons for the seats refused."""
    person = person_of(user)
    if person is None:
        return [], [NOT_LINKED]
    on = round.meeting.date
    delegated = Delegation.objects.valid_on(on).filter(person=person, board_id=round.proposal.board_id)
    deputising = Deputyship.objects.on(on).filter(person=person).values("membership_id")
    candidates = (
        Membership.objects.current(on)
        .filter(board_id=round.proposal.board_id)
        .filter(Q(person=person) | Q(pk__in=deputising) | Q(organisation_id__in=delegated.values("organisation_id")))
        .select_related("person", "organisation", "board__partnership")
        .order_by("organisation__name", "person__name")
    )
    allowed: list[tuple[Membership, str]] = []
    refused: list[str] = []
    for seat in candidates:
        result = capacity_for(user, seat, round)
        if result.allowed and result.capacity is not None:
            allowed.append((seat, result.capacity))
        else:
            refused.append(result.refusal)
    if not allowed and not refused:
        refused.append(NO_SEAT)
    return allowed, refused


def get_round_for_member(user: User, round_id: int) -> tuple[Round, list[tuple[Membership, str]]]:
    """The round, or 404, with the seats the user may record a position for; 403 with
    the reasons when there is none."""
    round = get_object_or_404(
        Round.objects.select_related(
            "meeting__board",
            "proposal__board__partnership__lead_accountable_body",
            "proposal__item__meeting",
            "proposal__mou__board__partnership__lead_accountable_body",
            "proposal__mou__rules_lead_accountable_body",
        ),
        pk=round_id,
    )
    seats, refused = seats_for_member(user, round)
    if not seats:
        raise PermissionDenied(" ".join(refused))
    return round, seats
