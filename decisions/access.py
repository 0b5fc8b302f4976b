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
from partnerships.models import Delegation, Membership, Partnership, Person

from .models import Capacity, Proposal, Round

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


# ---------------------------------------------------------------------------
# Seats: the pure rule


@dataclass(frozen=True)
class SeatTie:
    """How a user stands to a seat on the date of a round."""

    member: bool  # the user is the member holding the seat
    deputy: bool  # the seat's designated deputy
    delegate: bool  # holds a delegation from the seat's organisation, in force on the date
    officer: bool  # services the partnership
    member_withdrew: bool = False  # the member declared an interest and withdrew from the item
    member_away: bool = False  # the member sent apologies, was absent or sent the deputy


@dataclass(frozen=True)
class SeatCapacity:
    """The capacity the user would act in (None: no tie to the seat) and, when the
    user may not act now, the reason."""

    capacity: str | None
    refusal: str = ""

    @property
    def allowed(self) -> bool:
        return self.capacity is not None and not self.refusal


def seat_capacity(tie: SeatTie, *, member_name: str, organisation_name: str) -> SeatCapacity:
    """The one rule of who records a position for a seat (SPEC §5): the member, unless
    they withdrew; the deputy or a delegate, only while the member is away or withdrew;
    an officer of the partnership, for the member."""
    if tie.member:
        if tie.member_withdrew:
            return SeatCapacity(
                Capacity.MEMBER,
                "You declared an interest and withdrew from this item, so you cannot record a position on it.",
            )
        return SeatCapacity(Capacity.MEMBER)
    for tied, capacity, role in (
        (tie.deputy, Capacity.DEPUTY, "deputy"),
        (tie.delegate, Capacity.DELEGATE, "delegate"),
    ):
        if not tied:
            continue
        if not tie.member_away and not tie.member_withdrew:
            return SeatCapacity(
                capacity,
                f"As {role} you can record a position only when {member_name} is absent or has withdrawn.",
            )
        return SeatCapacity(capacity)
    if tie.officer:
        return SeatCapacity(Capacity.OFFICER)
    return SeatCapacity(None, f"You cannot record a position for {organisation_name}.")


# ---------------------------------------------------------------------------
# Seats: the loader


AWAY = (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT, AttendanceStatus.DEPUTY)


def person_of(user: User) -> Person | None:
    """The Person linked to a signed-in user (Person.user, related_name "person")."""
    person: Person | None = getattr(user, "person", None)
    return person


def _withdrew(membership: Membership, round: Round) -> bool:
    return Declaration.objects.filter(item_id=round.proposal.item_id, membership=membership, withdraws=True).exists()


def _away(membership: Membership, round: Round) -> bool:
    return Attendance.objects.filter(meeting_id=round.meeting_id, membership=membership, status__in=AWAY).exists()


def _delegated(person: Person, membership: Membership, on: dt.date) -> bool:
    return (
        Delegation.objects.valid_on(on)
        .filter(person=person, organisation_id=membership.organisation_id, board_id=membership.board_id)
        .exists()
    )


def seat_tie(user: User, membership: Membership, round: Round) -> SeatTie:
    """Read from the rows what seat_capacity needs, and no more than it needs."""
    person = person_of(user)
    member = person is not None and membership.person_id == person.pk
    deputy = person is not None and not member and membership.deputy_id == person.pk
    delegate = person is not None and not member and not deputy and _delegated(person, membership, round.meeting.date)
    officer = (
        not member
        and not deputy
        and not delegate
        and partnership_access.can_edit_partnership(user, membership.board.partnership)
    )
    withdrew = (member or deputy or delegate) and _withdrew(membership, round)
    away = (deputy or delegate) and not withdrew and _away(membership, round)
    return SeatTie(member, deputy, delegate, officer, member_withdrew=withdrew, member_away=away)


def capacity_for(user: User, membership: Membership, round: Round) -> SeatCapacity:
    return seat_capacity(
        seat_tie(user, membership, round),
        member_name=str(membership.person),
        organisation_name=str(membership.organisation),
    )


def require_seat_capacity(user: User, membership: Membership, round: Round) -> str:
    """The capacity in which the user records a position for the seat, or 403 with the reason."""
    result = capacity_for(user, membership, round)
    if result.capacity is None or result.refusal:
        raise PermissionDenied(result.refusal)
    return result.capacity


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
    candidates = (
        Membership.objects.current(on)
        .filter(board_id=round.proposal.board_id)
        .filter(Q(person=person) | Q(deputy=person) | Q(organisation_id__in=delegated.values("organisation_id")))
        .select_related("person", "organisation", "board__partnership", "deputy")
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
