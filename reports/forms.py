"""Forms of the officer pages of the scrutiny reports (SPEC §7). They collect input and
word every problem as GOV.UK does ("Enter the value as a number, like 67.5"); the rules
are the actions' (reports/actions.py), whose refusals come back as form errors.

A period is chosen from radios of the recent periods, each saying what is recorded for
it already (so a correction is never a surprise), or typed in ("Another period") and
read by reports.periods.parse_period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db.models import Model, QuerySet
from django.utils import timezone

from governance.forms import IdChoiceField, IdsChoiceField, date_field, gds_messages
from partnerships.models import Organisation, Partnership

from . import imports
from .models import Indicator, IndicatorTarget, IndicatorValue, PeriodKind, Target, Theme
from .periods import PERIOD_FORMAT, QUARTER, YEAR, Period, parse_period

if TYPE_CHECKING:  # the stubs' generic fields; at run time Django's plain classes
    _ModelChoiceField = forms.ModelChoiceField[Any]
    _ModelMultipleChoiceField = forms.ModelMultipleChoiceField[Any]
else:
    _ModelChoiceField = IdChoiceField
    _ModelMultipleChoiceField = IdsChoiceField

LONG_TEXT = 10_000
OTHER = "other"
YES_NO = [("yes", "Yes"), ("no", "No")]

LIKELIHOOD = [(1, "1 – Rare"), (2, "2 – Unlikely"), (3, "3 – Possible"), (4, "4 – Likely"), (5, "5 – Almost certain")]
IMPACT = [(1, "1 – Negligible"), (2, "2 – Minor"), (3, "3 – Moderate"), (4, "4 – Major"), (5, "5 – Severe")]


def _helper(*fields: Any) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the page template's <form> has its own {% csrf_token %}
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.layout = Layout(*fields)
    return helper


def _text(label: str, max_length: int, *, required: str | None = None, help_text: str = "") -> forms.CharField:
    """A text input: ``required`` is the message when it is left empty (None: optional)."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required is not None,
        help_text=help_text,
        error_messages={"required": required or "", "max_length": f"Enter {max_length:,} characters or fewer"},
    )


def _textarea(label: str, *, required: str | None = None, help_text: str = "", max_length: int = LONG_TEXT) -> Any:
    field = _text(label, max_length, required=required, help_text=help_text)
    field.widget = forms.Textarea(attrs={"rows": 4})
    return field


def _yes_no(label: str, required: str, help_text: str = "", choices: Sequence[Any] = YES_NO) -> Any:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=list(choices),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required, "invalid_choice": required},
    )


def _scale(label: str, choices: list[tuple[int, str]], what: str, help_text: str) -> Any:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": f"Select the {what}", "invalid_choice": f"Select the {what} from 1 to 5"},
    )


def _organisation_field(label: str, help_text: str = "") -> Any:
    return IdChoiceField(
        queryset=Organisation.objects.order_by("name"),
        required=False,
        label=label,
        help_text=help_text,
        empty_label="No organisation named",
        error_messages={"invalid_choice": "Choose the organisation from the list"},
    )


def _theme_field(partnership: Partnership, *, required: bool) -> Any:
    return IdChoiceField(
        queryset=Theme.objects.filter(partnership=partnership).order_by("position", "name"),
        required=required,
        label="Theme" if required else "Theme (optional)",
        empty_label="Choose the theme" if required else "No theme",
        error_messages={
            "required": "Select the theme",
            "invalid_choice": f"Choose one of the themes of {partnership.name}",
        },
    )


def figure(value: Decimal | None) -> str:
    """A stored figure as people write it: 67.5, 1,234, not 67.5000."""
    if value is None:
        return ""
    text = f"{value.normalize():,f}"
    return text


def long_date(day: dt.date | dt.datetime) -> str:
    if isinstance(day, dt.datetime):
        day = timezone.localdate(day)
    return f"{day:%-d %B %Y}"


class _GdsForm(forms.Form):
    """A form whose remaining Django wording is made GOV.UK (governance.forms.gds_messages)."""

    def finish(self, *layout: Any) -> None:
        gds_messages(self)
        self.helper = _helper(*layout)


# ---------------------------------------------------------------------------
# Themes


class ThemeForm(_GdsForm):
    name = _text("Name of the theme", 200, required="Enter the name of the theme")
    description = _textarea("Description (optional)")
    position = forms.IntegerField(
        label="Order (optional)",
        required=False,
        help_text="Themes are listed by this number, then by name. For example, 1.",
        error_messages={"invalid": "Order must be a whole number, like 1"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.finish(Field.text("name"), Field.textarea("description", rows=4), Field.text("position"))

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if Theme.objects.filter(partnership=self.partnership, name=name).exists():
            raise forms.ValidationError(f"{self.partnership.name} already has a theme called '{name}'")
        return name

    def clean_position(self) -> int:
        position = self.cleaned_data["position"]
        if position is not None and not 0 <= position <= 999:
            raise forms.ValidationError("Order must be a whole number from 0 to 999")
        return position or 0

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"name": data["name"], "description": data["description"], "position": data["position"]}


# ---------------------------------------------------------------------------
# Indicators


class IndicatorForm(_GdsForm):
    """Every field of an indicator (actions.INDICATOR_FIELDS); its slug comes from the code."""

    theme = IdChoiceField(queryset=Theme.objects.none())
    code = _text(
        "Code",
        40,
        required="Enter the code of the indicator",
        help_text="For example, a national indicator number: NI 8. Each indicator of the partnership has its own.",
    )
    title = _text("Title", 300, required="Enter the title of the indicator")
    description = _textarea("Description (optional)", help_text="What is counted, and where the figures come from.")
    unit = _text(
        "Unit",
        40,
        required="Enter the unit, like % or number",
        help_text="For example: %, number, rate per 1,000 population.",
    )
    higher_is_better = _yes_no(
        "Which way is better?",
        "Select whether higher or lower figures are better",
        choices=[("yes", "Higher is better"), ("no", "Lower is better")],
    )
    period_kind = forms.ChoiceField(
        label="How often are figures reported?",
        choices=PeriodKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how often figures are reported",
            "invalid_choice": "Select how often figures are reported",
        },
    )
    baseline = _text("Baseline (optional)", 30, help_text="The figure progress is measured from. For example, 62.5.")
    baseline_period = _text("Period of the baseline (optional)", 20, help_text="For example, 2023/24 or Q4 2023/24.")
    amber_tolerance = _text(
        "Amber tolerance, as a percentage of the target",
        10,
        required="Enter the amber tolerance as a percentage, like 5",
        help_text="How far the figure may miss its target and still be amber rather than red. For example, 5.",
    )
    tolerance_set_by = _text(
        "Who set the tolerance, and when (optional)",
        300,
        help_text="For example, 'Performance Board, 12 March 2025'. Councillors ask who set it.",
    )
    owner = IdChoiceField(queryset=Organisation.objects.none())
    public = _yes_no(
        "Publish the indicator on the portal?",
        "Select yes if the indicator is published on the portal",
        help_text="A published indicator and its figures are on the public indicators page and in the open data API.",
    )
    illustrative = forms.BooleanField(
        label="The figures are illustrative (demo data), not real performance", required=False
    )

    def __init__(self, *args: Any, partnership: Partnership, indicator: Indicator | None = None, **kwargs: Any) -> None:
        if indicator is not None:
            kwargs.setdefault("initial", self.initial_from(indicator))
        else:
            kwargs.setdefault("initial", {"amber_tolerance": "5", "public": "no", "period_kind": QUARTER})
        super().__init__(*args, **kwargs)
        self.partnership, self.indicator = partnership, indicator
        self.fields["theme"] = _theme_field(partnership, required=False)
        self.fields["owner"] = _organisation_field(
            "Organisation that reports the figures (optional)", help_text="The partner that owns the indicator."
        )
        self.order_fields(
            ["theme", "code", "title", "description", "unit", "higher_is_better", "period_kind", "baseline"]
        )
        self.fields["amber_tolerance"].widget.attrs.update({"class": "govuk-input--width-4", "inputmode": "decimal"})
        self.fields["baseline"].widget.attrs.update({"class": "govuk-input--width-10", "inputmode": "decimal"})
        self.fields["baseline_period"].widget.attrs["class"] = "govuk-input--width-10"
        self.finish(
            Field.select("theme"),
            Field.text("code", field_width=10),
            Field.text("title"),
            Field.textarea("description", rows=3),
            Field.text("unit", field_width=20),
            Field.radios("higher_is_better"),
            Field.radios("period_kind"),
            Field.text("baseline"),
            Field.text("baseline_period"),
            Field.text("amber_tolerance"),
            Field.text("tolerance_set_by"),
            Field.select("owner"),
            Field.radios("public", inline=True),
            Field.checkbox("illustrative"),
        )

    @staticmethod
    def initial_from(indicator: Indicator) -> dict[str, Any]:
        return {
            "theme": indicator.theme_id,
            "code": indicator.code,
            "title": indicator.title,
            "description": indicator.description,
            "unit": indicator.unit,
            "higher_is_better": "yes" if indicator.higher_is_better else "no",
            "period_kind": indicator.period_kind,
            "baseline": figure(indicator.baseline).replace(",", ""),
            "baseline_period": indicator.baseline_period,
            "amber_tolerance": figure(indicator.amber_tolerance * 100),
            "tolerance_set_by": indicator.tolerance_set_by,
            "owner": indicator.owner_id,
            "public": "yes" if indicator.public else "no",
            "illustrative": indicator.illustrative,
        }

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        others = Indicator.objects.filter(partnership=self.partnership)
        if self.indicator is not None:
            others = others.exclude(pk=self.indicator.pk)
        # Alike but for capitals and spaces is the same code: the upload matches so.
        if clash := next(
            (c for c in others.values_list("code", flat=True) if imports.code_key(c) == imports.code_key(code)), None
        ):
            raise forms.ValidationError(f"{self.partnership.name} already has an indicator with the code {clash}")
        return code

    def clean_baseline(self) -> Decimal | None:
        text = self.cleaned_data["baseline"]
        if not text.strip():
            return None
        try:
            return imports.parse_number(text)
        except imports.NumberError as error:
            raise forms.ValidationError(imports.number_message(error, "the baseline")) from None

    def clean_baseline_period(self) -> str:
        text = self.cleaned_data["baseline_period"].strip()
        if not text:
            return ""
        try:
            return parse_period(text).label
        except ValueError:
            raise forms.ValidationError(f"Enter the period of the baseline as {PERIOD_FORMAT}") from None

    def clean_amber_tolerance(self) -> Decimal:
        text = self.cleaned_data["amber_tolerance"]
        try:
            percent = imports.parse_number(text)
        except imports.NumberError as error:
            if error.kind == "places":
                raise forms.ValidationError("Amber tolerance must have no more than 2 decimal places") from None
            raise forms.ValidationError("Enter the amber tolerance as a percentage, like 5") from None
        if not 0 <= percent <= 100:
            raise forms.ValidationError("Amber tolerance must be between 0 and 100")
        share = percent / 100
        exponent = share.normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < -4:
            raise forms.ValidationError("Amber tolerance must have no more than 2 decimal places")
        return share

    def values(self) -> dict[str, Any]:
        """The fields as indicator_add and indicator_update take them."""
        return {name: self.cleaned_data[name] for name in self.fields}


# ---------------------------------------------------------------------------
# Figures: an actual or a target for a period


def recent_periods(kind: str, today: dt.date, *, before: int, after: int) -> list[Period]:
    """The period holding ``today``, ``before`` periods before it and ``after`` after it,
    newest first."""
    current = Period.containing(today, QUARTER if kind == QUARTER else YEAR)
    found = [current]
    for _ in range(after):
        found.insert(0, found[0].next())
    for _ in range(before):
        found.append(found[-1].previous())
    return found


Figure = IndicatorValue | IndicatorTarget


def _figure_hint(row: Figure | None, *, actual: bool) -> str:
    if row is None:
        return "No figure recorded yet." if actual else "No target set yet."
    when = long_date(row.recorded_at)
    if actual:
        provisional = " (provisional)" if cast(IndicatorValue, row).provisional else ""
        return (
            f"Recorded: {figure(row.value)}{provisional}, on {when}. "
            "A new figure is a correction: it replaces this one, which is kept in the history."
        )
    return f"Target: {figure(row.value)}, set on {when}. A new target replaces it; the earlier one is kept."


class FigureForm(_GdsForm):
    """The period (a recent one, or another typed in), the figure and a note. ``existing``
    holds what counts now for each period start, so the page shows what a new figure
    would correct."""

    actual = True
    period = forms.ChoiceField(
        label="Period",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the period", "invalid_choice": "Select one of the periods listed"},
    )
    other_period = _text("Which period?", 30)
    value = _text("Value", 30, required="Enter the value as a number, like 67.5")
    note = _text("Note (optional)", 500)
    confirm = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        indicator: Indicator,
        periods: Sequence[Period],
        existing: Mapping[dt.date, Figure],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicator, self.existing = indicator, existing
        self.listed = {period.slug: period for period in periods}
        example = "Q2 2025/26" if indicator.period_kind == QUARTER else "2025/26"
        self.example = example
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            Choice(period.slug, period.label, hint=_figure_hint(existing.get(period.start), actual=self.actual))
            for period in periods
        ] + [Choice(OTHER, "Another period")]
        self.fields["period"].help_text = f"{indicator.code} is reported {indicator.get_period_kind_display().lower()}."
        self.fields["other_period"].help_text = f"For example, {example}"
        self.fields["other_period"].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["value"].help_text = f"In {indicator.unit}." if indicator.unit else ""
        self.fields["value"].widget.attrs.update({"class": "govuk-input--width-10", "inputmode": "decimal"})
        self.fields["note"].help_text = (
            "Shown to the public with the figure, on the indicator's page and in the open data."
            if indicator.public
            else "Shown with the figure to everyone who may see this indicator."
        )
        self.chosen: Period | None = None
        self.finish(*self.layout_fields())

    def layout_fields(self) -> list[Any]:
        # The period radios are written by the page template (reports/manage/_period.html):
        # "Another period" reveals its text input (GOV.UK conditional reveal).
        return [Field.text("value"), Field.text("note")]

    @classmethod
    def initial_for(cls, periods: Sequence[Period], requested: str) -> dict[str, str]:
        """The period asked for in the address (?period=2025-26-q2) chosen in advance."""
        if not requested:
            return {}
        if any(period.slug == requested for period in periods):
            return {"period": requested}
        try:
            return {"period": OTHER, "other_period": parse_period(requested).label}
        except ValueError:
            return {}

    def clean_value(self) -> Decimal:
        try:
            return imports.parse_number(self.cleaned_data["value"])
        except imports.NumberError as error:
            raise forms.ValidationError(imports.number_message(error)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choice = data.get("period")
        if choice == OTHER:
            text = (data.get("other_period") or "").strip()
            if not text:
                self.add_error("other_period", f"Enter the period, like {self.example}")
            else:
                try:
                    self.chosen = parse_period(text)
                except ValueError:
                    self.add_error("other_period", f"Enter the period as {PERIOD_FORMAT}")
                else:
                    # Before any figure is looked up: 2025/26 starts the day Q1 does.
                    if refusal := self.indicator.period_refusal(self.chosen):
                        self.add_error("other_period", refusal)
                        self.chosen = None
        elif choice:
            self.chosen = self.listed[choice]
        return data

    @property
    def period_field(self) -> str:
        """The field a refusal about the period goes on."""
        return "other_period" if self.data.get(self.add_prefix("period")) == OTHER else "period"

    def replaces(self) -> Figure | None:
        """What counts now for the chosen period (after is_valid)."""
        return self.existing.get(self.chosen.start) if self.chosen is not None else None

    def unconfirmed_correction(self) -> Figure | None:
        """A figure that a period typed in would correct, not yet confirmed: the page
        says so and asks again. (A listed period says it in its hint.)"""
        row = self.replaces()
        if row is None or self.chosen is None or self.cleaned_data.get("period") != OTHER:
            return None
        if self.cleaned_data.get("confirm") == self.chosen.slug:
            return None
        return row


class ValueForm(FigureForm):
    """An actual for a period that has begun (actions.value_record)."""

    provisional = forms.BooleanField(
        label="This figure is provisional", required=False, help_text="The final figure is still to come."
    )

    def layout_fields(self) -> list[Any]:
        return [Field.text("value"), Field.checkbox("provisional"), Field.text("note")]


class TargetValueForm(FigureForm):
    """A target for a period, past or future (actions.target_record)."""

    actual = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].label = "Target"
        self.fields["value"].error_messages["required"] = "Enter the target as a number, like 67.5"

    def clean_value(self) -> Decimal:
        try:
            return imports.parse_number(self.cleaned_data["value"])
        except imports.NumberError as error:
            raise forms.ValidationError(imports.number_message(error, "the target")) from None


# ---------------------------------------------------------------------------
# Upload of actuals


class ValuesUploadForm(_GdsForm):
    file = forms.FileField(
        label="CSV file of figures",
        help_text=(
            f"The first row is the header {imports.HEADER}. Saved as CSV (UTF-8), smaller than 2 MB, "
            f"with {imports.MAX_ROWS:,} rows of figures or fewer."
        ),
        error_messages={
            "required": "Select a CSV file",
            "missing": "Select a CSV file",
            "invalid": "Select a CSV file",
            "empty": "The selected file is empty",
        },
    )

    def __init__(self, *args: Any, partnership: Partnership, now: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership, self.now = partnership, now
        self.checked: imports.CheckedUpload | None = None
        self.finish(Field("file"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        self.checked = imports.read_upload(upload, partnership=self.partnership, now=self.now)
        return upload


# ---------------------------------------------------------------------------
# Targets and their delivery chains


class ChainTargetForm(_GdsForm):
    code = _text("Code", 40, required="Enter the code of the target", help_text="For example, LAA 2008-11 NI 8.")
    title = _text("Title", 300, required="Enter the title of the target")
    description = _textarea("Description (optional)")

    def __init__(self, *args: Any, partnership: Partnership, target: Target | None = None, **kwargs: Any) -> None:
        if target is not None:
            kwargs.setdefault(
                "initial", {"code": target.code, "title": target.title, "description": target.description}
            )
        super().__init__(*args, **kwargs)
        self.partnership, self.target = partnership, target
        self.finish(Field.text("code", field_width=20), Field.text("title"), Field.textarea("description", rows=4))

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        others = Target.objects.filter(partnership=self.partnership)
        if self.target is not None:
            others = others.exclude(pk=self.target.pk)
        if clash := next(
            (c for c in others.values_list("code", flat=True) if imports.code_key(c) == imports.code_key(code)), None
        ):
            raise forms.ValidationError(f"{self.partnership.name} already has a target with the code {clash}")
        return code

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("code", "title", "description")}


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str
    checked: bool
    id: str


@dataclass(frozen=True)
class OptionGroup:
    label: str
    options: tuple[Option, ...]

    @property
    def checked_count(self) -> int:
        return sum(option.checked for option in self.options)


@dataclass(frozen=True)
class LinkChoices:
    """The options of one kind of link, in groups: (group label, [(row, label, hint)])."""

    name: str
    label: str
    help_text: str
    queryset: QuerySet[Any]
    groups: Sequence[tuple[str, Sequence[tuple[Model, str, str]]]]


class ChainLinkForm(forms.Form):
    """The delivery chain of a target: which indicators measure it, which groups deliver
    it and which decisions and actions serve it (actions.chain_link). Many options, so
    the page template lays each kind out in groups (reports/manage/chain.html)."""

    def __init__(self, *args: Any, kinds: Sequence[LinkChoices], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind in kinds:
            self.fields[kind.name] = IdsChoiceField(
                queryset=kind.queryset,
                required=False,
                label=kind.label,
                help_text=kind.help_text,
                error_messages={
                    "invalid_choice": f"Choose the {kind.label.lower()} from the list",
                    "invalid_pk_value": f"Choose the {kind.label.lower()} from the list",
                    "invalid_list": f"Choose the {kind.label.lower()} from the list",
                },
            )

    def chosen(self, name: str) -> set[str]:
        value = self[name].value() or []
        return {str(getattr(item, "pk", item)) for item in value}

    def grouped(self) -> list[tuple[forms.BoundField, list[OptionGroup], int]]:
        """For each kind: its bound field, its groups of options, and how many options."""
        out = []
        for kind in self.kinds:
            bound = self[kind.name]
            chosen = self.chosen(kind.name)
            groups, count = [], 0
            for label, rows in kind.groups:
                options = []
                for row, text, hint in rows:
                    count += 1
                    value = str(row.pk)
                    # The first option has the field's own id: the error summary links to it.
                    option_id = bound.auto_id if count == 1 else f"{bound.auto_id}_{count}"
                    options.append(Option(value, text, hint, value in chosen, option_id))
                groups.append(OptionGroup(label, tuple(options)))
            out.append((bound, groups, count))
        return out

    def values(self) -> dict[str, list[Any]]:
        return {kind.name: list(self.cleaned_data[kind.name]) for kind in self.kinds}


# ---------------------------------------------------------------------------
# Risks


class RiskForm(_GdsForm):
    """What a risk is (actions.RISK_FIELDS)."""

    theme = IdChoiceField(queryset=Theme.objects.none())
    title = _text("Title", 300, required="Enter the title of the risk")
    description = _textarea("Description (optional)")
    owner = _text(
        "Risk owner",
        200,
        required="Enter who owns the risk",
        help_text="A post and its organisation, for example 'Director of Public Health, County Council'.",
    )
    owner_organisation = IdChoiceField(queryset=Organisation.objects.none())

    def __init__(self, *args: Any, partnership: Partnership, risk: Any = None, **kwargs: Any) -> None:
        if risk is not None:
            kwargs.setdefault(
                "initial",
                {
                    "theme": risk.theme_id,
                    "title": risk.title,
                    "description": risk.description,
                    "owner": risk.owner,
                    "owner_organisation": risk.owner_organisation_id,
                },
            )
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["theme"] = _theme_field(partnership, required=True)
        self.fields["owner_organisation"] = _organisation_field("Organisation of the risk owner (optional)")
        self.order_fields(["theme", "title", "description", "owner", "owner_organisation"])
        self.finish(*self.layout_fields())

    def layout_fields(self) -> list[Any]:
        return [
            Field.select("theme"),
            Field.text("title"),
            Field.textarea("description", rows=3),
            Field.text("owner"),
            Field.select("owner_organisation"),
        ]

    def values(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in ("theme", "title", "description", "owner", "owner_organisation")
        }


LIKELIHOOD_HINT = "How likely the risk is to happen, from 1 (rare) to 5 (almost certain)."
IMPACT_HINT = "How bad it would be if it happened, from 1 (negligible) to 5 (severe)."


class RiskAddForm(RiskForm):
    """A new risk with its first rating (actions.risk_add)."""

    likelihood = _scale("Likelihood", LIKELIHOOD, "likelihood", LIKELIHOOD_HINT)
    impact = _scale("Impact", IMPACT, "impact", IMPACT_HINT)
    mitigation = _textarea("Mitigation in place", required="Enter the mitigation in place")
    reviewed_on = date_field("Date of this rating", help_text="Today or earlier, for example 27 3 2026")
    next_review_on = date_field("Next review date", help_text="For example, 27 6 2026")

    def layout_fields(self) -> list[Any]:
        return [
            *super().layout_fields(),
            Field.radios("likelihood"),
            Field.radios("impact"),
            Field.textarea("mitigation", rows=4),
            Field("reviewed_on"),
            Field("next_review_on"),
        ]

    def values(self) -> dict[str, Any]:
        values = super().values()
        values.pop("theme")
        names = ("likelihood", "impact", "mitigation", "reviewed_on", "next_review_on")
        return values | {name: self.cleaned_data[name] for name in names}


class RiskReviewForm(_GdsForm):
    """A review of a risk: its rating now (actions.risk_review)."""

    reviewed_on = date_field("Date of the review", help_text="Today or earlier, for example 27 3 2026")
    likelihood = _scale("Likelihood", LIKELIHOOD, "likelihood", LIKELIHOOD_HINT)
    impact = _scale("Impact", IMPACT, "impact", IMPACT_HINT)
    mitigation = _textarea("Mitigation in place", required="Enter the mitigation in place")
    next_review_on = date_field("Next review date", help_text="For example, 27 6 2026")
    note = _text("Note (optional)", 500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.finish(
            Field("reviewed_on"),
            Field.radios("likelihood"),
            Field.radios("impact"),
            Field.textarea("mitigation", rows=4),
            Field("next_review_on"),
            Field.text("note"),
        )


class RiskCloseForm(_GdsForm):
    closed_on = date_field("Date the risk closed", help_text="Today or earlier, for example 27 3 2026")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.finish(Field("closed_on"))
