"""Who may see and change meetings (SPEC §1): officers of the partnership change them;
members declare their own interests. The only meetings module that raises
PermissionDenied; loaders ``get_<thing>_for_<role>``, one condition per line."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from partnerships.access import can_edit_partnership, partnerships_for_officer, require_edit
from partnerships.models import Board, Deputyship, Membership, Person

from . import states
from .models import Action, AgendaItem, Meeting, Paper, PaperVersion, SentReminder
from .queries import DeclarerSeat, declarer_seats

TO_CHANGE_MEETINGS = "change its meetings"


def require_meeting_edit(user: User, meeting: Meeting) -> None:
    """403 unless the user services the meeting's partnership."""
    require_edit(user, meeting.board.partnership, to=TO_CHANGE_MEETINGS)


def get_board_for_officer(user: User, board_id: int) -> Board:
    """The board, or 404; 403 unless the user services its partnership (SPEC §1)."""
    board = get_object_or_404(Board.objects.select_related("partnership"), pk=board_id)
    require_edit(user, board.partnership, to=TO_CHANGE_MEETINGS)
    return board


def get_meeting_for_officer(user: User, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("board__partnership", "minutes_approved_at"), pk=pk)
    require_meeting_edit(user, meeting)
    return meeting


def get_item_for_officer(user: User, meeting_pk: int, item_pk: int) -> AgendaItem:
    meeting = get_meeting_for_officer(user, meeting_pk)
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__board__partnership"), meeting=meeting, pk=item_pk
    )


def get_paper_for_officer(user: User, meeting_pk: int, paper_pk: int) -> Paper:
    meeting = get_meeting_for_officer(user, meeting_pk)
    return get_object_or_404(
        Paper.objects.select_related("item__meeting__board__partnership"), item__meeting=meeting, pk=paper_pk
    )


def get_action_for_officer(user: User, meeting_pk: int, action_pk: int) -> Action:
    meeting = get_meeting_for_officer(user, meeting_pk)
    return get_object_or_404(
        Action.objects.select_related("owner", "meeting__board__partnership"), meeting=meeting, pk=action_pk
    )


# ---------------------------------------------------------------------------
# Declarations of interest


def person_of(user: User) -> Person | None:
    """The Person linked to a signed-in user (Person.user, related_name "person")."""
    return getattr(user, "person", None)


def require_declarable(meeting: Meeting) -> None:
    """403 with the reason when the meeting is not open to declarations."""
    reason = states.refusal("declaration_record", meeting.status)
    if reason is not None:
        raise PermissionDenied(reason)


def get_item_for_declaration(meeting_pk: int, item_pk: int) -> AgendaItem:
    """The item, 404 if it is not on that meeting; 403 with a reason if the meeting is
    not open to declarations."""
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__board__partnership"), meeting_id=meeting_pk, pk=item_pk
    )
    require_declarable(item.meeting)
    return item


def get_item_for_officer_declaration(user: User, meeting_pk: int, item_pk: int) -> AgendaItem:
    item = get_item_for_officer(user, meeting_pk, item_pk)
    require_declarable(item.meeting)
    return item


NO_SEAT_TO_DECLARE = (
    "You do not hold a seat on this board, and you are not a member's deputy at this meeting, "
    "so you cannot declare an interest on its agenda."
)


def get_own_seats(user: User, item: AgendaItem) -> list[DeclarerSeat]:
    """The seats the user speaks for at the item's meeting (as the member, or as the
    seat's deputy on the day or the deputy recorded as attending for it), or 403."""
    person = person_of(user)
    if person is None:
        raise PermissionDenied("Your account is not linked to a board seat, so you cannot declare an interest.")
    seats = declarer_seats(item.meeting, person=person)
    if not seats:
        raise PermissionDenied(NO_SEAT_TO_DECLARE)
    return seats


def require_declaration_by(user: User, membership: Membership, person: Person, meeting: Meeting) -> None:
    """A member or deputy declares their own interest; an officer of the partnership
    records anyone's. (Whether ``person`` speaks for the seat is the action's rule.)"""
    own = person_of(user)
    if own is not None and own.pk == person.pk:
        return
    require_meeting_edit(user, meeting)


# ---------------------------------------------------------------------------
# Reading


def is_member_of_board(user: User, board: Board) -> bool:
    """The user sits on the board today, or is the deputy of one of its seats today
    (the deputyship ledger): they read what members may read (members_paper_q)."""
    if not user.is_authenticated:
        return False
    person = person_of(user)
    if person is None:
        return False
    today = timezone.localdate()
    deputising = Deputyship.objects.on(today).filter(person=person).values("membership_id")
    seats = Membership.objects.current(today).filter(board_id=board.pk)
    return seats.filter(Q(person=person) | Q(pk__in=deputising)).exists()


def may_read_version(user: User, version: PaperVersion) -> bool:
    """Anyone reads a public version; the partnership's officers every version; the
    members and deputies of the board what members may read, exempt papers included
    (issue 8 item 15). ``version`` has its paper, item and meeting loaded."""
    if version.is_public:
        return True
    meeting = version.paper.item.meeting
    if not user.is_authenticated:
        return False
    if can_see_meeting_internals(user, meeting):
        return True
    return version.members_may_read and is_member_of_board(user, meeting.board)


def can_see_meeting_internals(user: User, meeting: Meeting) -> bool:
    return user.is_authenticated and can_edit_partnership(user, meeting.board.partnership)


def reminders_for_officer(user: User) -> QuerySet[SentReminder]:
    """Administrators see every reminder; an officer sees those of the partnerships
    they service (meetings, delegations and memoranda alike)."""
    reminders = SentReminder.objects.select_related("meeting__board__partnership")
    if user.is_administrator:
        return reminders
    return reminders.filter(partnership__in=partnerships_for_officer(user))
