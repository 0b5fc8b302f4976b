from django.contrib import admin

from .models import Position, Proposal, ProposalEvent, Ratification, Round


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
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
class ProposalAdmin(admin.ModelAdmin):
    """Proposals change only through decisions/actions.py: the back office reads them."""

    list_display = ("title", "board", "status", "route", "decided_at")
    list_filter = ("status", "route", "board__partnership")
    list_select_related = ("board__partnership",)
    search_fields = ("title", "text")
    inlines = [RoundInline, EventInline]

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("round", "organisation", "person", "capacity", "value", "advisory", "recorded_at")
    list_filter = ("value", "capacity", "advisory")
    list_select_related = ("round__proposal", "organisation", "person")

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(Ratification)
class RatificationAdmin(admin.ModelAdmin):
    list_display = ("proposal", "organisation", "ratified", "body", "decided_on")
    list_select_related = ("proposal", "organisation")
