"""Who may do what with partnerships (SPEC §1): one condition per line."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User

from .models import Board, Membership, Partnership


def can_edit_partnership(user: User, partnership: Partnership) -> bool:
    """Officers act only on the partnerships they service; administrators on all."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return True
    if not user.is_officer:
        return False
    return partnership.officers.filter(pk=user.pk).exists()


def require_edit(user: User, partnership: Partnership, *, to: str = "change it") -> None:
    """The one refusal for officers of other partnerships: "..., so you cannot {to}"."""
    if not can_edit_partnership(user, partnership):
        raise PermissionDenied(f"You do not service this partnership, so you cannot {to}.")


def partnerships_for_officer(user: User) -> QuerySet[Partnership]:
    if user.is_administrator:
        return Partnership.objects.all()
    if user.is_officer:
        return user.serviced_partnerships.all()
    return Partnership.objects.none()


def get_partnership_for_officer(user: User, slug: str) -> Partnership:
    """The partnership, or 404 if there is none and 403 if the user may not edit it."""
    partnership = get_object_or_404(Partnership.objects.select_related("parent", "lead_accountable_body"), slug=slug)
    if not can_edit_partnership(user, partnership):
        raise PermissionDenied("You do not service this partnership, so you cannot change it.")
    return partnership


def get_board_for_officer(user: User, partnership_slug: str, board_slug: str) -> Board:
    partnership = get_partnership_for_officer(user, partnership_slug)
    return get_object_or_404(Board.objects.select_related("partnership"), partnership=partnership, slug=board_slug)


def get_membership_for_officer(user: User, partnership_slug: str, board_slug: str, pk: int) -> Membership:
    board = get_board_for_officer(user, partnership_slug, board_slug)
    return get_object_or_404(Membership.objects.select_related("board__partnership", "person"), board=board, pk=pk)


def require_officer(user: User) -> None:
    if not user.is_officer:
        raise PermissionDenied("Only partnership officers and administrators can manage partnerships.")
