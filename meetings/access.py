"""Who may see and change meetings: officers of the partnership; the public sees only
what is published and not exempt."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from accounts.models import User
from partnerships.access import can_edit_partnership

from .models import AgendaItem, Meeting, Paper


def get_meeting_for_officer(user: User, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("board__partnership"), pk=pk)
    if not can_edit_partnership(user, meeting.board.partnership):
        raise PermissionDenied("You do not service this partnership, so you cannot change its meetings.")
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


def is_member_of_board(user: User, meeting: Meeting) -> bool:
    """Members (and deputies) of the meeting's board may read papers made available to members."""
    if not user.is_authenticated:
        return False
    person = getattr(user, "person", None)
    if person is None:
        return False
    return meeting.board.memberships.current(meeting.date).filter(Q(person=person) | Q(deputy=person)).exists()


def can_see_meeting_internals(user: User, meeting: Meeting) -> bool:
    return user.is_authenticated and can_edit_partnership(user, meeting.board.partnership)
