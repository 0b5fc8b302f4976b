"""Item 17 (the shared parts): every form message is a GOV.UK sentence, never Python's
or Django's raw text, and every input carries the GOV.UK classes (governance/forms.py,
CRISPY_CLASS_CONVERTERS in settings)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django import forms
from django.template import Context, Template

from governance.forms import GdsFormMixin, date_field, gds_messages
from partnerships.models import Board


class MeetingDateForm(GdsFormMixin, forms.Form):
    date = date_field("Date of the meeting")
    review = date_field("Review date", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


def date_errors(day: str, month: str, year: str, name: str = "date") -> list[str]:
    form = MeetingDateForm({f"{name}_0": day, f"{name}_1": month, f"{name}_2": year})
    assert not form.is_valid() or name not in form.errors
    return list(form.errors.get(name, []))


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2026", "Date of the meeting must be a real date"),  # Python: day is out of range for month
        ("29", "2", "2027", "Date of the meeting must be a real date"),
        ("31", "4", "2026", "Date of the meeting must be a real date"),
        ("1", "13", "2026", "Date of the meeting must be a real date"),  # Python: month must be in 1..12
        ("0", "1", "2026", "Date of the meeting must be a real date"),
        ("32", "1", "2026", "Date of the meeting must be a real date"),
        ("99999999999999999999", "1", "2025", "Date of the meeting must be a real date"),
        ("first", "1", "2026", "Date of the meeting must be a real date"),
        ("1", "March", "2026", "Date of the meeting must be a real date"),
        ("1", "1", "20260", "The year must include 4 numbers"),  # Python: year 20260 is out of range
        ("1", "1", "26", "The year must include 4 numbers"),
        ("1", "1", "99999999999999999999", "The year must include 4 numbers"),
        ("1", "1", "two thousand", "The year must include 4 numbers"),
        ("1", "1", "0026", "The year must be between 1900 and 2100"),
        ("1", "1", "2150", "The year must be between 1900 and 2100"),
        ("", "3", "2026", "Date of the meeting must include a day"),
        ("14", "", "2026", "Date of the meeting must include a month"),
        ("14", "3", "", "Date of the meeting must include a year"),
        ("", "", "2026", "Date of the meeting must include a day and month"),
        ("14", "", "", "Date of the meeting must include a month and year"),
        ("", "", "", "Enter the date of the meeting"),
    ],
)
def test_a_bad_date_gets_one_gov_uk_message(day: str, month: str, year: str, message: str) -> None:
    assert date_errors(day, month, year) == [message]


def test_no_raw_python_message_reaches_the_form() -> None:
    raw = ("out of range", "must be in 1..12", "invalid literal", "Enter a valid", "day is", "year 2")
    for day, month, year in [("31", "2", "2026"), ("1", "13", "2026"), ("1", "1", "20260"), ("x", "y", "z")]:
        for message in date_errors(day, month, year):
            assert not any(text in message for text in raw), message


def test_a_good_date_is_a_date_and_an_optional_empty_date_is_none() -> None:
    form = MeetingDateForm({"date_0": " 14 ", "date_1": "03", "date_2": "2027"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"date": dt.date(2027, 3, 14), "review": None}


def test_only_the_parts_at_fault_are_highlighted() -> None:
    form = MeetingDateForm({"date_0": "14", "date_1": "13", "date_2": "2027"})
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    classes = {
        name: re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)  # type: ignore[union-attr]
        for name in ("date_0", "date_1", "date_2")
    }
    assert "govuk-input--error" not in classes["date_0"]
    assert "govuk-input--error" in classes["date_1"]
    assert "govuk-input--error" not in classes["date_2"]
    assert "Date of the meeting must be a real date" in html


# ---------------------------------------------------------------------------
# Email, web address and number fields


class ContactForm(GdsFormMixin, forms.Form):
    email = forms.EmailField(label="Email address", required=False)
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    link = forms.URLField(
        label="Link", required=False, assume_scheme="https", error_messages={"invalid": "Our own message"}
    )
    seats = forms.IntegerField(label="Number of seats", required=False, min_value=1, max_value=40)
    floor = forms.IntegerField(label="Smallest size", required=False, min_value=2)
    share = forms.DecimalField(label="Share", required=False, max_value=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


def test_email_web_address_and_number_fields_get_gov_uk_messages() -> None:
    form = ContactForm({"email": "not an address", "website": "not a site", "link": "nope", "seats": "2.5"})

    assert not form.is_valid()
    assert form.errors["email"] == ["Enter an email address in the correct format, like name@example.org"]
    assert form.errors["website"] == ["Enter a web address in the correct format, like https://www.example.org"]
    assert form.errors["link"] == ["Our own message"]  # a form's own message stays
    assert form.errors["seats"] == ["Number of seats must be a whole number"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"seats": "0"}, "seats", "Number of seats must be between 1 and 40"),
        ({"seats": "41"}, "seats", "Number of seats must be between 1 and 40"),
        ({"floor": "1"}, "floor", "Smallest size must be 2 or more"),
        ({"share": "101"}, "share", "Share must be 100 or less"),
        ({"share": "lots"}, "share", "Share must be a number"),
    ],
)
def test_a_number_out_of_range_gets_one_sentence(data: dict[str, str], field: str, message: str) -> None:
    form = ContactForm(data)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_a_number_within_range_is_accepted() -> None:
    form = ContactForm({"seats": "40", "floor": "2", "share": "100"})
    assert form.is_valid(), form.errors


class BoardSizeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Board
        fields = ["optimum_size_min", "paper_deadline_working_days"]
        labels = {"optimum_size_min": "Smallest optimum size"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gds_messages(self)


def test_a_model_forms_number_gets_the_model_fields_bounds_in_one_sentence() -> None:
    """A PositiveSmallIntegerField: Django says "Ensure this value is greater than or equal
    to 0." (and, on PostgreSQL, "… less than or equal to 32767." from the model)."""
    form = BoardSizeForm({"optimum_size_min": "-1", "paper_deadline_working_days": "10"})

    assert not form.is_valid()
    (message,) = form.errors["optimum_size_min"]
    assert message.startswith("Smallest optimum size must be ")
    assert "Ensure" not in message


class Inputs(GdsFormMixin, forms.Form):
    seats = forms.IntegerField(label="Seats")
    website = forms.URLField(label="Website", assume_scheme="https")
    email = forms.EmailField(label="Email")
    name = forms.CharField(label="Name")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


def test_number_url_and_email_inputs_carry_the_gov_uk_input_class() -> None:
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": Inputs()}))

    for name, kind in [("seats", "number"), ("website", "url"), ("email", "email"), ("name", "text")]:
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
        assert tag is not None, name
        assert f'type="{kind}"' in tag.group(0)
        assert re.search(r'class="[^"]*\bgovuk-input\b', tag.group(0)), tag.group(0)


class Choices(GdsFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    own = forms.ChoiceField(label="Colour", choices=[("", "No colour"), ("red", "Red")], required=False)

    class Meta:
        model = Board
        fields = ["partnership", "layer", "calendar"]
        labels = {"partnership": "Partnership"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["layer"].choices = [("", "---------"), *list(self.fields["layer"].choices)[1:]]
        self.setup_helper()


@pytest.mark.django_db
def test_a_select_never_offers_django_dashes() -> None:
    form = Choices()
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))

    assert "---------" not in html
    assert '<option value="" selected>Choose the partnership</option>' in html
    assert (
        '<option value="">Choose the layer</option>' in html
        or '<option value="" selected>Choose the layer</option>' in html
    )
    assert "No colour" in html  # a form's own empty choice stays
