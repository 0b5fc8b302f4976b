from django.contrib import admin

from .models import (
    AuditEvent,
    Board,
    Delegation,
    Membership,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    Partnership,
    Person,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "executive_body", "contact_email")
    list_filter = ("kind",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class BoardInline(admin.TabularInline):
    model = Board
    fields = ("name", "slug", "layer", "paper_deadline_working_days", "calendar")
    extra = 0
    show_change_link = True


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "statutory", "in_lsp", "lead_accountable_body", "status")
    list_filter = ("statutory", "in_lsp", "status")
    search_fields = ("name", "purpose")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent", "lead_accountable_body")
    filter_horizontal = ("officers",)
    inlines = [BoardInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "board"
    fields = ("person", "organisation", "role", "seniority", "elected", "voting", "start_date", "end_date", "deputy")
    autocomplete_fields = ("person", "organisation", "deputy")
    extra = 0


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ("name", "partnership", "layer", "paper_deadline_working_days", "calendar", "is_council_committee")
    list_filter = ("layer", "calendar", "is_council_committee")
    search_fields = ("name", "partnership__name")
    list_select_related = ("partnership",)
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "job_title", "organisation", "email", "user")
    list_select_related = ("organisation", "user")
    search_fields = ("name", "email")
    autocomplete_fields = ("organisation",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("person", "board", "organisation", "role", "voting", "start_date", "end_date", "deputy")
    list_filter = ("role", "seniority", "voting", "elected")
    list_select_related = ("person", "board__partnership", "organisation", "deputy")
    search_fields = ("person__name", "board__name")
    autocomplete_fields = ("person", "organisation", "deputy")


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("person", "organisation", "board", "valid_from", "valid_to", "evidence_reference")
    list_select_related = ("person", "organisation", "board__partnership")
    autocomplete_fields = ("person", "organisation")


class SignatureInline(admin.TabularInline):
    model = MouSignature
    fields = ("organisation", "signed_by", "signed_on", "recorded_by", "recorded_at")
    readonly_fields = ("recorded_by", "recorded_at")
    extra = 0


@admin.register(MemorandumOfUnderstanding)
class MouAdmin(admin.ModelAdmin):
    list_display = ("title", "board", "version", "effective_from", "review_date")
    list_select_related = ("board__partnership",)
    filter_horizontal = ("required_signatories",)
    inlines = [SignatureInline]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "verb", "partnership", "summary")
    list_filter = ("verb",)
    list_select_related = ("actor", "partnership")
    readonly_fields = ("at", "actor", "verb", "partnership", "summary", "details")

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
