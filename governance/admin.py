"""Read-only back office pieces shared by the apps: stateful rows change only through
the actions (audit events, history, emails, PDFs), so their admin pages refuse add,
change and delete, inlines too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

if TYPE_CHECKING:  # generic only in django-stubs; at run time Django's plain classes
    ModelAdmin = admin.ModelAdmin[Any]
    TabularInline = admin.TabularInline[Any, Any]
else:
    ModelAdmin = admin.ModelAdmin
    TabularInline = admin.TabularInline


class ReadOnly:
    """No add, change or delete: the rows are written by the actions only."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnly, ModelAdmin):
    """Shown, never added, changed or deleted here."""


class ReadOnlyInline(ReadOnly, TabularInline):
    extra = 0
    can_delete = False
