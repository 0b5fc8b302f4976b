"""The back office. Partnerships, boards, people, seats and delegations stay editable
here (the administrator's job); deputyships, memoranda, signatures and the audit trail
are read-only: the deputy ledger, a memorandum version and its signatures change only
through partnerships/actions.py (dated, numbered, audited), and the audit trail is
append-only. Where the back office needs a
write that exists as an action, an admin action calls the action."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from governance.admin import ModelAdmin as _ModelAdmin
from governance.admin import ReadOnlyAdmin, ReadOnlyInline
from governance.admin import TabularInline as _TabularInline

from . import actions
from .models import (
    AuditEvent,
    Board,
    Delegation,
    Deputyship,
    Membership,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    Partnership,
    Person,
)


@admin.register(Organisation)
class OrganisationAdmin(_ModelAdmin):
    list_display = ("name", "kind", "executive_body", "contact_email")
    list_filter = ("kind",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class BoardInline(_TabularInline):
    model = Board
    fields = ("name", "slug", "layer", "paper_deadline_working_days", "calendar")
    extra = 0
    show_change_link = True


@admin.register(Partnership)
class PartnershipAdmin(_ModelAdmin):
    list_display = ("name", "parent", "statutory", "in_lsp", "lead_accountable_body", "status")
    list_filter = ("statutory", "in_lsp", "status")
    search_fields = ("name", "purpose")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent", "lead_accountable_body")
    filter_horizontal = ("officers",)
    inlines = [BoardInline]


class MembershipInline(_TabularInline):
    model = Membership
    fk_name = "board"
    fields = ("person", "organisation", "role", "seniority", "elected", "lead", "voting", "start_date", "end_date")
    autocomplete_fields = ("person", "organisation")
    extra = 0


@admin.register(Board)
class BoardAdmin(_ModelAdmin):
    list_display = ("name", "partnership", "layer", "paper_deadline_working_days", "calendar", "is_council_committee")
    list_filter = ("layer", "calendar", "is_council_committee")
    search_fields = ("name", "partnership__name")
    list_select_related = ("partnership",)
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(_ModelAdmin):
    list_display = ("name", "job_title", "organisation", "email", "user")
    list_select_related = ("organisation", "user")
    search_fields = ("name", "email")
    autocomplete_fields = ("organisation",)


class DeputyshipInline(ReadOnlyInline):
    """The seat's deputies over time: changed only by deputy_appoint and deputy_end."""

    model = Deputyship
    fields = ("person", "start_date", "end_date")
    readonly_fields = fields


@admin.register(Membership)
class MembershipAdmin(_ModelAdmin):
    list_display = ("person", "board", "organisation", "role", "lead", "voting", "start_date", "end_date")
    list_filter = ("role", "seniority", "voting", "elected", "lead")
    list_select_related = ("person", "board__partnership", "organisation")
    search_fields = ("person__name", "board__name")
    autocomplete_fields = ("person", "organisation")
    # The deputy is not here: it is the Deputyship ledger (read-only below).
    fields = (
        "board",
        "person",
        "organisation",
        "role",
        "seniority",
        "elected",
        "lead",
        "voting",
        "start_date",
        "end_date",
    )
    inlines = [DeputyshipInline]
    actions = ["end_seats_today"]

    @admin.action(description="End the selected seats today (kept as history, audited)")
    def end_seats_today(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        """Through actions.membership_end, so each ending is checked and audited."""
        if not isinstance(request.user, User):
            return
        today, now = timezone.localdate(), timezone.now()
        ended = 0
        for membership in queryset.select_related("board__partnership", "person"):
            if membership.end_date is not None and membership.end_date <= today:
                continue
            actions.membership_end(membership, by=request.user, now=now, on=today)
            ended += 1
        self.message_user(request, f"{ended} seat(s) ended today.", messages.SUCCESS)


@admin.register(Deputyship)
class DeputyshipAdmin(ReadOnlyAdmin):
    list_display = ("person", "membership", "start_date", "end_date")
    list_select_related = ("person", "membership__person", "membership__organisation", "membership__board")
    search_fields = ("person__name", "membership__person__name")


@admin.register(Delegation)
class DelegationAdmin(_ModelAdmin):
    list_display = ("person", "organisation", "board", "valid_from", "valid_to", "evidence_reference")
    list_select_related = ("person", "organisation", "board__partnership")
    autocomplete_fields = ("person", "organisation")


class SignatureInline(ReadOnlyInline):
    model = MouSignature
    fields = ("organisation", "signed_by", "signed_on", "recorded_by", "recorded_at")
    readonly_fields = fields


@admin.register(MemorandumOfUnderstanding)
class MouAdmin(ReadOnlyAdmin):
    list_display = ("title", "board", "version", "effective_from", "review_date")
    list_select_related = ("board__partnership",)
    inlines = [SignatureInline]


@admin.register(MouSignature)
class MouSignatureAdmin(ReadOnlyAdmin):
    list_display = ("mou", "organisation", "signed_by", "signed_on", "recorded_by", "recorded_at")
    list_select_related = ("mou__board__partnership", "organisation", "recorded_by")


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "verb", "partnership", "summary")
    list_filter = ("verb",)
    list_select_related = ("actor", "partnership")
    readonly_fields = ("at", "actor", "verb", "partnership", "summary", "details")
