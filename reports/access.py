"""Who may read and write scrutiny reports (SPEC §7): one condition per line.

Scrutiny councillors, partnership officers and administrators read every partnership's
reports. Officers write indicators, figures, targets, risks and reviews only for the
partnerships they service (administrators for all). Everyone else, signed in or not,
sees the indicators marked public, and nothing else of the reports.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from partnerships.access import can_edit_partnership, require_edit
from partnerships.models import Partnership

from .models import Indicator, Risk, Target, Theme

READERS_ONLY = (
    "Reports are for scrutiny councillors and partnership officers. "
    "The indicators a partnership publishes are on its public indicators page."
)


def can_read_reports(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return False
    return user.is_scrutiny or user.is_officer


def require_reader(user: AbstractBaseUser | AnonymousUser) -> None:
    if not can_read_reports(user):
        raise PermissionDenied(READERS_ONLY)


def visible_indicators(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Indicator]:
    """Every indicator for a report reader; the public ones for everyone else."""
    if can_read_reports(user):
        return Indicator.objects.all()
    return Indicator.objects.filter(public=True)


def get_indicator(user: AbstractBaseUser | AnonymousUser, partnership_slug: str, slug: str) -> Indicator:
    """An indicator the user may see; 404 for one that does not exist and for one that is
    not public (the same answer, so nothing leaks)."""
    indicators = visible_indicators(user).select_related("partnership", "theme", "owner")
    return get_object_or_404(indicators, partnership__slug=partnership_slug, slug=slug)


# ---------------------------------------------------------------------------
# Writing: officers of the partnership


def can_write_reports(user: AbstractBaseUser | AnonymousUser, partnership: Partnership) -> bool:
    return isinstance(user, User) and user.is_officer and can_edit_partnership(user, partnership)


def require_writer(user: User, partnership: Partnership) -> None:
    """Only officers of ``partnership`` (and administrators) write its reports."""
    if not isinstance(user, User) or not user.is_authenticated or not user.is_officer:
        raise PermissionDenied("Only partnership officers and administrators can change reports.")
    require_edit(user, partnership, to="change its indicators, targets or risks")


def get_partnership_for_writer(user: User, slug: str) -> Partnership:
    partnership = get_object_or_404(Partnership, slug=slug)
    require_writer(user, partnership)
    return partnership


def get_indicator_for_writer(user: User, partnership_slug: str, pk: int) -> Indicator:
    partnership = get_partnership_for_writer(user, partnership_slug)
    return get_object_or_404(Indicator.objects.select_related("partnership", "theme"), partnership=partnership, pk=pk)


def get_theme_for_writer(user: User, partnership_slug: str, pk: int) -> Theme:
    partnership = get_partnership_for_writer(user, partnership_slug)
    return get_object_or_404(Theme.objects.select_related("partnership"), partnership=partnership, pk=pk)


def get_risk_for_writer(user: User, partnership_slug: str, pk: int) -> Risk:
    partnership = get_partnership_for_writer(user, partnership_slug)
    return get_object_or_404(Risk.objects.select_related("theme__partnership"), theme__partnership=partnership, pk=pk)


def get_target_for_writer(user: User, partnership_slug: str, pk: int) -> Target:
    partnership = get_partnership_for_writer(user, partnership_slug)
    return get_object_or_404(Target.objects.select_related("partnership"), partnership=partnership, pk=pk)
