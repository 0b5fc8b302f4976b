"""The back office shows meetings and everything in them, read-only: every change goes
through meetings/actions.py (audit event, SEQUENCE, emails, PDFs), so the admin can
add, change or delete none of these rows."""

from __future__ import annotations

from django.contrib import admin

from governance.admin import ModelAdmin, ReadOnly, TabularInline

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


class AgendaItemInline(ReadOnly, TabularInline):
    model = AgendaItem
    fields = ("order", "title", "purpose", "lead_officer", "exempt", "exempt_category")
    extra = 0
    show_change_link = True


class AttendanceInline(ReadOnly, TabularInline):
    model = Attendance
    fields = ("membership", "person", "organisation", "status", "deputy", "invited_role")
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(ReadOnly, ModelAdmin):
    list_display = ("__str__", "board", "start", "status", "agenda_published_at", "minutes_published_at")
    list_filter = ("status", "board__partnership")
    list_select_related = ("board__partnership",)
    date_hierarchy = "start"
    inlines = [AgendaItemInline, AttendanceInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnly, ModelAdmin):
    list_display = ("title", "meeting", "order", "purpose", "exempt")
    list_filter = ("exempt", "purpose")
    list_select_related = ("meeting__board",)


class PaperVersionInline(ReadOnly, TabularInline):
    model = PaperVersion
    fields = ("number", "original_name", "content_type", "size", "uploaded_at", "published_at", "change_note")
    extra = 0


@admin.register(Paper)
class PaperAdmin(ReadOnly, ModelAdmin):
    list_display = ("title", "item", "published_at", "late")
    list_filter = ("late",)
    list_select_related = ("item__meeting__board",)
    inlines = [PaperVersionInline]


@admin.register(PaperVersion)
class PaperVersionAdmin(ReadOnly, ModelAdmin):
    list_display = ("paper", "number", "original_name", "uploaded_at", "published_at")
    list_select_related = ("paper",)


@admin.register(Attendance)
class AttendanceAdmin(ReadOnly, ModelAdmin):
    list_display = ("person", "meeting", "status", "deputy", "invited_role")
    list_select_related = ("person", "meeting__board", "deputy")


@admin.register(Action)
class ActionAdmin(ReadOnly, ModelAdmin):
    list_display = ("description", "owner", "due_date", "status")
    list_filter = ("status",)
    list_select_related = ("owner",)


@admin.register(Declaration)
class DeclarationAdmin(ReadOnly, ModelAdmin):
    list_display = ("membership", "item", "withdraws", "recorded_at")


@admin.register(RenderedDocument)
class RenderedDocumentAdmin(ReadOnly, ModelAdmin):
    list_display = ("meeting", "kind", "status", "pages", "rendered_at")
    list_filter = ("kind", "status")


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnly, ModelAdmin):
    list_display = ("kind", "recipient", "subject", "sent_at")
    list_filter = ("kind",)
    search_fields = ("recipient", "subject", "key")
