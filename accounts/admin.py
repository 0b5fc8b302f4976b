"""Users and roles: the administrator's job, so they stay editable here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User

if TYPE_CHECKING:  # the stubs' generic class; at run time Django's plain one
    _UserAdmin = BaseUserAdmin[User]
else:
    _UserAdmin = BaseUserAdmin


@admin.register(User)
class UserAdmin(_UserAdmin):
    list_display = ("username", "get_full_name", "email", "role", "is_active", "is_staff")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Accord", {"fields": ("role",)}))
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        ("Accord", {"fields": ("role", "email", "first_name", "last_name")}),
    )
