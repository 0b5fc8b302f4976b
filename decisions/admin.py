"""The back office reads decisions; it never writes them. Proposals, rounds, positions,
events and ratifications change only through decisions/actions.py (with their history
and audit rows), so the admin refuses add, change and delete on each, inlines too."""

from __future__ import annotations

from django.contrib import admin

from governance.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Position, Proposal, ProposalEvent, Ratification, Round


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
