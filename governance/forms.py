"""Form plumbing shared by every app: GOV.UK date fields, the crispy-forms-gds helper,
and running an action so that a rule it refuses becomes a form error (never a 500)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class GdsDateField(DateInputField):  # type: ignore[misc]  # crispy-forms-gds ships no types
    """The GOV.UK date input, answering a year too large for the calendar with a
    message rather than a 500 (the library catches only ValueError)."""

    # Dates a partnership records: its history and its plans. A two-digit year typed
    # by mistake ("26") is caught here instead of becoming AD 26.
    EARLIEST_YEAR = 1900
    LATEST_YEAR = 2100

    def compress(self, data_list: list[str]) -> dt.date | None:
        try:
            value: dt.date | None = super().compress(data_list)
        except OverflowError as error:
            raise forms.ValidationError("Enter a real date") from error
        if value is not None and not self.EARLIEST_YEAR <= value.year <= self.LATEST_YEAR:
            raise forms.ValidationError(
                f"Enter a year between {self.EARLIEST_YEAR} and {self.LATEST_YEAR}, for example 2027"
            )
        return value


def date_field(label: str, required: bool = True, help_text: str = "For example, 27 3 2026") -> DateInputField:
    field = GdsDateField(label=label, required=required, help_text=help_text, require_all_fields=False)
    field.error_messages["required"] = f"Enter the {label.lower()}"
    return field


def add_action_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a rule an action refused on the form: on the field it names when the form
    has one, otherwise above the form (the error summary shows both)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)
    else:
        form.add_error(None, error)


def apply_action(form: forms.BaseForm, action: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """Run an action after form.is_valid(); a rule it refuses becomes a form error, not a 500."""
    try:
        action(*args, **kwargs)
    except ValidationError as error:
        add_action_errors(form, error)
        return False
    return True


class GdsFormMixin:
    """A crispy-forms-gds helper with one submit button and the error summary shown
    by the page template above the form (GOV.UK error summary pattern)."""

    submit_label = "Save"
    fields: dict[str, forms.Field]  # provided by the form class it is mixed into

    def setup_helper(self) -> None:
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(*[Field(name) for name in self.fields])
