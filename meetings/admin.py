from django.contrib import admin

from .models import (
    Action,
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Paper,
    PaperVersion,
    RenderedDocument,
    SentReminder,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ("order", "title", "purpose", "lead_officer", "exempt", "exempt_category")
    extra = 0
    show_change_link = True


class AttendanceInline(admin.TabularInline):
    model = Attendance
    fields = ("membership", "person", "organisation", "status", "deputy", "invited_role")
    raw_id_fields = ("membership", "person", "deputy")
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "board", "start", "status", "agenda_published_at", "minutes_published_at")
    list_filter = ("status", "board__partnership")
    list_select_related = ("board__partnership",)
    date_hierarchy = "start"
    # Publication and status move only through meetings/actions.py (audit, SEQUENCE,
    # emails, PDFs); the back office shows them.
    readonly_fields = (
        "status",
        "agenda_published_at",
        "minutes_approved_at",
        "minutes_published_at",
        "uid",
        "sequence",
        "created_at",
        "updated_at",
    )
    inlines = [AgendaItemInline, AttendanceInline]


class PaperVersionInline(admin.TabularInline):
    model = PaperVersion
    fields = ("number", "original_name", "content_type", "size", "uploaded_at", "published_at", "change_note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    list_display = ("title", "item", "published_at", "late")
    list_filter = ("late",)
    list_select_related = ("item__meeting__board",)
    raw_id_fields = ("item", "author")
    inlines = [PaperVersionInline]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("description", "owner", "due_date", "status")
    list_filter = ("status",)
    list_select_related = ("owner",)
    raw_id_fields = ("meeting", "item", "owner")


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ("membership", "item", "withdraws", "recorded_at")
    raw_id_fields = ("item", "membership")


@admin.register(RenderedDocument)
class RenderedDocumentAdmin(admin.ModelAdmin):
    list_display = ("meeting", "kind", "status", "pages", "rendered_at")
    list_filter = ("kind", "status")


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ("kind", "recipient", "subject", "sent_at")
    list_filter = ("kind",)
    search_fields = ("recipient", "subject", "key")

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
