"""The back office reads decisions; it never writes them. Proposals, rounds, positions,
events and ratifications change only through decisions/actions.py (with their history
and audit rows), so the admin refuses add, change and delete on each, inlines too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from .models import Position, Proposal, ProposalEvent, Ratification, Round

if TYPE_CHECKING:  # the stubs' generic classes; at run time Django's plain ones
    _ModelAdmin = admin.ModelAdmin[Any]
    _TabularInline = admin.TabularInline[Any, Any]
else:
    _ModelAdmin = admin.ModelAdmin
    _TabularInline = admin.TabularInline


class ReadOnlyAdmin(_ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ReadOnlyInline(_TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class RoundInline(ReadOnlyInline):
    model = Round
    fields = ("number", "meeting", "opened_at", "closed_at", "outcome")
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = ProposalEvent
    fields = ("at", "actor", "verb", "from_status", "to_status", "note")
    readonly_fields = fields


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ("title", "board", "status", "route", "decided_at")
    list_filter = ("status", "route", "board__partnership")
    list_select_related = ("board__partnership",)
    search_fields = ("title", "text")
    inlines = [RoundInline, EventInline]


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ("proposal", "number", "meeting", "opened_at", "closed_at", "outcome")
    list_select_related = ("proposal", "meeting__board")


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    list_display = ("round", "organisation", "person", "capacity", "value", "advisory", "recorded_at")
    list_filter = ("value", "capacity", "advisory")
    list_select_related = ("round__proposal", "organisation", "person")


@admin.register(ProposalEvent)
class ProposalEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "proposal", "verb", "from_status", "to_status", "actor")
    list_filter = ("verb",)
    list_select_related = ("proposal", "actor")


@admin.register(Ratification)
class RatificationAdmin(ReadOnlyAdmin):
    list_display = ("proposal", "organisation", "ratified", "body", "decided_on")
    list_select_related = ("proposal", "organisation")
