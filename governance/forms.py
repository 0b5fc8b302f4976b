"""Form plumbing shared by every app: GOV.UK date fields, GOV.UK messages for email,
web address and number fields (`gds_messages`, called by `GdsFormMixin`), the
crispy-forms-gds helper, and running an action so that a rule it refuses becomes a
form error (never a 500). The GOV.UK classes of number, URL, date and time inputs come
from CRISPY_CLASS_CONVERTERS in settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator


class GdsDateField(DateInputField):  # type: ignore[misc]  # crispy-forms-gds ships no types
    """The GOV.UK date input with the GOV.UK date messages, never Python's ("day is out
    of range for month", "year 20260 is out of range"): nothing entered, "Enter the
    date of the meeting"; a part missing, "Date of the meeting must include a month";
    a day or month that cannot be, "Date of the meeting must be a real date"; a year
    that is not 4 numbers, "The year must include 4 numbers". Only the parts at fault
    are highlighted (the library reads each part's `widget.errors`)."""

    # Dates a partnership records: its history and its plans. A two-digit year typed
    # by mistake ("26") is caught too instead of becoming AD 26.
    EARLIEST_YEAR = 1900
    LATEST_YEAR = 2100
    PARTS = ("day", "month", "year")

    def clean(self, value: Any) -> dt.date | None:
        if self.disabled and not isinstance(value, list):
            value = self.widget.decompress(value)
        parts = [str(part).strip() if part is not None else "" for part in (list(value or []) + ["", "", ""])[:3]]
        for field in self.fields:
            field.widget.errors = []
        if not any(parts):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [index for index, part in enumerate(parts) if not part]
        if missing:
            names = [self.PARTS[index] for index in missing]
            raise self._error(missing, f"{self._name()} must include a {' and '.join(names)}", "incomplete")
        day, month, year = parts
        if not year.isdigit() or len(year) != 4:
            raise self._error([2], "The year must include 4 numbers", "invalid_year")
        if not (day.isdigit() and 1 <= int(day) <= 31):
            raise self._error([0], f"{self._name()} must be a real date", "invalid_date")
        if not (month.isdigit() and 1 <= int(month) <= 12):
            raise self._error([1], f"{self._name()} must be a real date", "invalid_date")
        if not self.EARLIEST_YEAR <= int(year) <= self.LATEST_YEAR:
            raise self._error(
                [2], f"The year must be between {self.EARLIEST_YEAR} and {self.LATEST_YEAR}", "year_out_of_range"
            )
        try:
            out = dt.date(int(year), int(month), int(day))
        except ValueError:  # 31 April, 29 February outside a leap year
            raise self._error([0, 1, 2], f"{self._name()} must be a real date", "invalid_date") from None
        self.validate(out)
        self.run_validators(out)
        return out

    def compress(self, data_list: list[str]) -> dt.date | None:
        """Only for callers outside `clean`: the parts as a date, or a GOV.UK message."""
        return self.clean(list(data_list))

    def _name(self) -> str:
        label = str(self.label or "").strip()
        return label[:1].upper() + label[1:] if label else "The date"

    def _error(self, parts: list[int], message: str, code: str) -> ValidationError:
        """The message, with the parts at fault marked. When the whole date is at fault
        no part carries it: crispy-forms-gds then highlights every part and the error
        summary lists the message once (not once per part)."""
        if len(parts) < len(self.PARTS):
            for index in parts:
                self.fields[index].widget.errors = [message]
        return ValidationError(message, code=code)


LARGEST_ID = 2**63 - 1  # what a database integer holds


def beyond_any_id(value: object) -> bool:
    """A whole number no database integer holds (2**63, say): SQLite raises
    OverflowError when asked for it, which Django's choice fields do not catch."""
    try:
        return abs(int(str(value).strip())) > LARGEST_ID
    except ValueError:
        return False


if TYPE_CHECKING:  # the stubs' generic fields; at run time Django's plain classes
    _ModelChoiceField = forms.ModelChoiceField[Any]
    _ModelMultipleChoiceField = forms.ModelMultipleChoiceField[Any]
else:
    _ModelChoiceField = forms.ModelChoiceField
    _ModelMultipleChoiceField = forms.ModelMultipleChoiceField


class IdChoiceField(_ModelChoiceField):
    """A model choice that refuses a number no id can be before asking the database."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and beyond_any_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdsChoiceField(_ModelMultipleChoiceField):
    """Model choices that refuse a number no id can be before asking the database."""

    def _check_values(self, value: Any) -> Any:
        for choice in value or ():
            if beyond_any_id(choice):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": choice}
                )
        return super()._check_values(value)  # type: ignore[misc]  # private in the stubs


def date_field(label: str, required: bool = True, help_text: str = "For example, 27 3 2026") -> DateInputField:
    field = GdsDateField(label=label, required=required, help_text=help_text, require_all_fields=False)
    field.error_messages["required"] = f"Enter the {label.lower()}"
    return field


# Django's own messages for these fields, replaced by GOV.UK sentences (below) unless
# the form set its own.
# DecimalField and FloatField are IntegerFields to Django: they come first.
_DJANGO_INVALID = {
    forms.EmailField: "Enter a valid email address.",
    forms.URLField: "Enter a valid URL.",
    forms.DecimalField: "Enter a number.",
    forms.FloatField: "Enter a number.",
    forms.IntegerField: "Enter a whole number.",
}


class _Range:
    """One check of a number's bounds with one message (GOV.UK: "… must be between 1
    and 20"), in place of Django's two ("Ensure this value is greater than or equal
    to 1.", "… less than or equal to 20.")."""

    def __init__(self, name: str, low: Any, high: Any) -> None:
        self.low, self.high = low, high
        if low is not None and high is not None:
            self.message = f"{name} must be between {low} and {high}"
        elif low is not None:
            self.message = f"{name} must be {low} or more"
        else:
            self.message = f"{name} must be {high} or less"

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            raise ValidationError(self.message, code="out_of_range")

    def __eq__(self, other: object) -> bool:  # Django compares validators when deconstructing
        return isinstance(other, _Range) and (self.low, self.high, self.message) == (
            other.low,
            other.high,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.low, self.high, self.message))


def _bounds(validators: list[Any]) -> tuple[Any, Any]:
    lows = [v.limit_value for v in validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in validators if isinstance(v, MaxValueValidator)]
    return (max(lows) if lows else None), (min(highs) if highs else None)


DJANGO_BLANK_CHOICE = "---------"


def gds_messages(form: forms.BaseForm) -> None:
    """Give the form's text, email, web address and number fields GOV.UK messages: a
    text's "… must be 200 characters or fewer", the format with an example, "must be a
    whole number", and one range sentence for a
    number's bounds, the model field's included (so a ModelForm never shows Django's
    "Ensure this value is less than or equal to 32767."). A select's empty choice reads
    "Choose the …" instead of Django's "---------". What a form set itself stays."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    for name, field in form.fields.items():
        label = str(field.label or name.replace("_", " ")).strip()
        _blank_choice(field, label)
        label = label[:1].upper() + label[1:]
        _max_length_message(field, label)
        for kind, default in _DJANGO_INVALID.items():
            # EmailField has no "invalid" message of its own: its validator's is shown.
            if isinstance(field, kind) and str(field.error_messages.get("invalid", default)) == default:
                field.error_messages["invalid"] = _invalid_message(field, label)
                break
        if not isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            continue
        validators = list(field.validators)
        if model is not None:
            try:
                validators += list(model._meta.get_field(name).validators)
            except FieldDoesNotExist:
                pass
        low, high = _bounds(validators)
        if low is None and high is None:
            continue
        field.validators = [v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)] + [
            _Range(label, low, high)
        ]
        field.widget.attrs.setdefault("class", "govuk-input--width-4")


def _max_length_message(field: forms.Field, label: str) -> None:
    """ "Title must be 200 characters or fewer", never Django's "Ensure this value has
    at most 200 characters (it has 5000)." (unless the form set its own)."""
    limit = getattr(field, "max_length", None)
    if isinstance(field, forms.CharField) and limit and "max_length" not in field.error_messages:
        fewer = f"{int(limit):,} characters or fewer"
        # A question for a label ("Why is the meeting cancelled?") makes no subject.
        field.error_messages["max_length"] = f"Enter {fewer}" if label.endswith("?") else f"{label} must be {fewer}"


def _blank_choice(field: forms.Field, label: str) -> None:
    choose = f"Choose the {label[:1].lower() + label[1:]}" if label else "Choose one"
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK_CHOICE:
            field.empty_label = choose
    elif isinstance(field, forms.ChoiceField):
        choices = list(cast("Iterable[Any]", field.choices))  # normalised to a list of pairs by Django
        if choices and tuple(choices[0]) == ("", DJANGO_BLANK_CHOICE):
            field.choices = [("", choose), *choices[1:]]


def _invalid_message(field: forms.Field, label: str) -> str:
    if isinstance(field, forms.EmailField):
        return "Enter an email address in the correct format, like name@example.org"
    if isinstance(field, forms.URLField):
        return "Enter a web address in the correct format, like https://www.example.org"
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return f"{label} must be a number"
    return f"{label} must be a whole number"


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
        gds_messages(cast("forms.BaseForm", self))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(*[Field(name) for name in self.fields])
