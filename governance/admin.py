"""Read-only back office pieces shared by the apps: stateful rows change only through
the actions (audit events, history, emails, PDFs), so their admin pages refuse add,
change and delete, inlines too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db.models import ForeignKey
from django.http import HttpRequest

from .forms import LARGEST_ID

if TYPE_CHECKING:  # generic only in django-stubs; at run time Django's plain classes
    _ModelAdmin = admin.ModelAdmin[Any]
    _TabularInline = admin.TabularInline[Any, Any]
else:
    _ModelAdmin = admin.ModelAdmin
    _TabularInline = admin.TabularInline


class IdAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget, which looks up the submitted value as it came when
    a refused form is shown again: a value that is no id ("2026-02-30", 2**63) was a
    500 instead of the form's error. Such values are left out of the lookup."""

    def optgroups(self, name: str, value: Any, attr: Any = None) -> Any:
        return super().optgroups(name, [v for v in value if self._is_id(v)], attr)

    def _is_id(self, value: Any) -> bool:
        target = self.field.remote_field.model._meta.get_field(self.field.remote_field.field_name)
        try:
            id_ = target.to_python(value)
        except (ValidationError, TypeError, ValueError):
            return False
        return not isinstance(id_, int) or -LARGEST_ID <= id_ <= LARGEST_ID


class _SafeAutocomplete:
    """Autocomplete fields use IdAutocompleteSelect."""

    if TYPE_CHECKING:  # given by the admin class it is mixed into
        admin_site: Any

        def get_autocomplete_fields(self, request: HttpRequest) -> Any: ...

    def formfield_for_foreignkey(self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any) -> Any:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = IdAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class ModelAdmin(_SafeAutocomplete, _ModelAdmin):
    """The project's admin base."""


class TabularInline(_SafeAutocomplete, _TabularInline):
    """The project's inline base."""


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
