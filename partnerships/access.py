"""Who may do what with partnerships (SPEC §1): one condition per line."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User

from .models import Board, Membership, Partnership


def can_edit_partnership(user: AbstractBaseUser | AnonymousUser, partnership: Partnership) -> bool:
    """Officers act only on the partnerships they service; administrators on all."""
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return True
    if not user.is_officer:
        return False
    # The signed-in user's partnerships were read with them as the request began
    # (partnerships/backends.py); a User read any other way asks the database.
    serviced: frozenset[int] | None = getattr(user, "serviced_partnership_ids", None)
    if serviced is not None:
        return partnership.pk in serviced
    return partnership.officers.filter(pk=user.pk).exists()


def require_edit(user: User, partnership: Partnership, *, to: str = "change it") -> None:
    """The one refusal for officers of other partnerships: "..., so you cannot {to}"."""
    if not can_edit_partnership(user, partnership):
        raise PermissionDenied(f"You do not service this partnership, so you cannot {to}.")


def require_may_create_partnership(user: User, parent: Partnership | None) -> None:
    """Officers add groups under a partnership they service; only administrators add
    a partnership at the top of the tree."""
    if parent is None and not user.is_administrator:
        raise PermissionDenied("Only administrators can add a partnership at the top of the tree.")
    if parent is not None:
        require_edit(user, parent)


def require_may_move_partnership(user: User, partnership: Partnership, parent: Partnership | None) -> None:
    """Moving a partnership needs the right to change it and to place it under ``parent``:
    to the top of the tree only administrators may move one (the same act as adding it there)."""
    require_edit(user, partnership)
    if parent is None and not user.is_administrator:
        raise PermissionDenied("Only administrators can move a partnership to the top of the tree.")
    if parent is not None:
        require_edit(user, parent)


def partnerships_for_officer(user: User) -> QuerySet[Partnership]:
    if user.is_administrator:
        return Partnership.objects.all()
    if user.is_officer:
        return user.serviced_partnerships.all()
    return Partnership.objects.none()


def get_partnership_for_officer(user: User, slug: str) -> Partnership:
    """The partnership, or 404 if there is none and 403 if the user may not edit it."""
    partnership = get_object_or_404(Partnership.objects.select_related("parent", "lead_accountable_body"), slug=slug)
    require_edit(user, partnership)
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
