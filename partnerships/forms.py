"""The officer forms of the partnership register. Each form shows the rules; the actions
enforce them (a rule that lives only in a form is a rule the action does not enforce).

Every field gets GOV.UK-style messages and inputs (``GdsFieldsMixin``): a sentence for
every error, never Django's "This field is required." or "Enter a valid URL.", text
inputs with the GOV.UK classes and widths for numbers, web addresses, emails and phone
numbers, and selects whose empty choice says what to choose."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.forms.utils import pretty_name
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify

from governance.forms import GdsDateField, GdsFormMixin, IdChoiceField, IdsChoiceField, date_field

from .actions import NewPerson
from .models import (
    Board,
    ClearDays,
    Delegation,
    Membership,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    Partnership,
    Person,
)
from .queries import people_of_board, people_of_organisation

if TYPE_CHECKING:  # the stubs' generic classes; at run time Django's plain ones
    _ModelForm = forms.ModelForm[Any]
    _PersonChoiceField = forms.ModelChoiceField[Person]
else:
    _ModelForm = forms.ModelForm
    _PersonChoiceField = IdChoiceField

DJANGO_REQUIRED = forms.Field.default_error_messages["required"]
CHOOSE_AN_ORGANISATION = "Choose an organisation"
CHOOSE_A_PERSON = "Choose a person"


def slug_from_name(form: forms.BaseForm) -> str:
    """The slug typed in, or one made from the name."""
    slug = form.cleaned_data.get("slug") or slugify(form.data.get(form.add_prefix("name"), ""))
    if not slug:
        raise forms.ValidationError("Enter a short name for the web address, using letters, numbers and hyphens")
    return str(slug)


def choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """A form's model choice field, typed as one (``form.fields`` holds plain ``Field``s)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    return field


# ---------------------------------------------------------------------------
# GOV.UK messages and inputs for every field


def _text_input(field: forms.Field, input_type: str, css_class: str, **attrs: str) -> forms.TextInput:
    """A GOV.UK text input (crispy-forms-gds gives a ``TextInput`` the ``govuk-input``
    class and its error state) of a given HTML type."""
    widget = forms.TextInput(attrs={"class": css_class, **attrs})
    widget.input_type = input_type
    widget.is_required = field.required
    widget.attrs.update(field.widget_attrs(widget))
    return widget


def gds_fields(fields: dict[str, forms.Field]) -> None:
    """Give every field a GOV.UK sentence for each error it can raise where the form
    has not written its own (governance.forms.gds_messages adds the format of emails,
    web addresses and numbers and their ranges), and the GOV.UK text input for its kind
    of value: numbers as numeric text (GOV.UK advises against ``type=number``), web
    addresses, emails and phone numbers with their widths and autocomplete."""
    for name, field in fields.items():
        label = str(field.label or pretty_name(name))
        lower = label[0].lower() + label[1:]
        messages = field.error_messages
        choosing = isinstance(field, forms.ChoiceField)
        if messages.get("required") == DJANGO_REQUIRED:
            messages["required"] = f"Choose the {lower}" if choosing else f"Enter the {lower}"
        if isinstance(field, GdsDateField):
            continue  # governance.forms writes the date input's own messages
        if choosing:
            for code in ("invalid_choice", "invalid_pk_value", "invalid_list"):
                if code not in messages or str(messages[code]).startswith(("Select a valid", "Enter a list", "“")):
                    messages[code] = f"Choose the {lower} from the list"
        elif isinstance(field, forms.IntegerField):
            field.widget = _text_input(field, "text", "govuk-input--width-4", inputmode="numeric", spellcheck="false")
        elif isinstance(field, forms.FileField):
            messages["empty"] = "The selected file is empty"
            messages["missing"] = "Choose a file"
            messages["invalid"] = "The selected file could not be uploaded: choose it again"
            messages["max_length"] = "The name of the file must be %(max)d characters or fewer"
            messages["contradiction"] = "Either choose a new file or remove the current one, not both"
        elif isinstance(field, forms.CharField):
            messages["max_length"] = f"{label} must be %(limit_value)d characters or fewer"
            if isinstance(field, forms.EmailField):
                field.widget = _text_input(
                    field, "email", "govuk-input--width-30", autocomplete="email", spellcheck="false"
                )
            elif isinstance(field, forms.URLField):
                field.widget = _text_input(
                    field, "url", "govuk-input--width-30", autocomplete="url", spellcheck="false"
                )
            elif name.endswith("phone"):
                field.widget = _text_input(field, "tel", "govuk-input--width-20", autocomplete="tel")


class GdsFieldsMixin(GdsFormMixin):
    """GdsFormMixin, with every field's messages and input made GOV.UK (gds_fields)."""

    def setup_helper(self) -> None:
        gds_fields(self.fields)
        super().setup_helper()


# ---------------------------------------------------------------------------
# People, grouped: the people of the board (or organisation) first


class GroupedPeopleIterator(ModelChoiceIterator):
    """The people of a ``PersonChoiceField`` in two option groups (its ``first_label``
    for ``first_ids``, then "Others"); one query, like the plain iterator."""

    field: PersonChoiceField

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        first: list[tuple[Any, str]] = []
        others: list[tuple[Any, str]] = []
        for person in self.queryset:
            (first if person.pk in self.field.first_ids else others).append(self.choice(person))
        if first and others:
            yield (self.field.first_label, first)
            yield ("Others", others)
        else:
            yield from first or others

    def __len__(self) -> int:
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


def people() -> QuerySet[Person]:
    """The people a person select offers, with the organisation each option names."""
    return Person.objects.select_related("organisation").order_by("name", "pk")


class PersonChoiceField(_PersonChoiceField):
    """A person select whose options name the organisation and put a group first."""

    iterator = GroupedPeopleIterator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", people())
        kwargs.setdefault("empty_label", CHOOSE_A_PERSON)
        super().__init__(*args, **kwargs)
        self.first_ids: set[int] = set()
        self.first_label = ""

    def group_first(self, label: str, ids: Iterable[int]) -> None:
        self.first_label, self.first_ids = label, set(ids)

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}, {obj.organisation}" if obj.organisation_id else obj.name


def limit(form: forms.BaseForm, name: str, low: int, high: int) -> None:
    """Sensible bounds for a number (the model field's own are the database's, up to
    2**63 - 1 on SQLite); governance.forms.gds_messages words them as one sentence."""
    form.fields[name].validators += [MinValueValidator(low), MaxValueValidator(high)]


def person_field(form: forms.BaseForm, name: str) -> PersonChoiceField:
    field = form.fields[name]
    if not isinstance(field, PersonChoiceField):
        raise TypeError(f"{name} is not a person choice field")
    return field


# ---------------------------------------------------------------------------
# The forms


class PartnershipForm(GdsFieldsMixin, _ModelForm):
    website = forms.URLField(required=False, assume_scheme="https")
    end_date = date_field(
        "End date", required=False, help_text="Only for a partnership that has ended, for example 31 3 2026"
    )

    class Meta:
        model = Partnership
        fields = [
            "name",
            "slug",
            "purpose",
            "parent",
            "statutory",
            "in_lsp",
            "lead_accountable_body",
            "status",
            "end_date",
            "contact_name",
            "contact_email",
            "contact_phone",
            "website",
        ]
        labels = {
            "slug": "Web address name",
            "parent": "Reports to",
            "in_lsp": "Inside the Local Strategic Partnership",
        }
        help_texts = {"slug": "Letters, numbers and hyphens. Left blank, it is made from the name."}
        error_messages = {
            "name": {"required": "Enter the name of the partnership"},
            "purpose": {"required": "Enter the purpose of the partnership"},
            "slug": {"unique": "Another partnership already uses this web address name"},
        }

    def __init__(self, *args: Any, parents: QuerySet[Partnership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        parent = choice_field(self, "parent")
        parent.queryset = parents
        parent.empty_label = "None: a top-level partnership"
        parent.error_messages["invalid_choice"] = "Choose the partnership it reports to from the list"
        choice_field(self, "lead_accountable_body").empty_label = "None recorded"
        self.setup_helper()

    def clean_slug(self) -> str:
        return slug_from_name(self)


class BoardForm(GdsFieldsMixin, _ModelForm):
    class Meta:
        model = Board
        fields = [
            "name",
            "slug",
            "layer",
            "terms_of_reference",
            "has_executive_powers",
            "optimum_size_min",
            "optimum_size_max",
            "expected_meetings_per_year",
            "calendar",
            "paper_deadline_working_days",
            "is_council_committee",
            "clear_days",
        ]
        labels = {
            "slug": "Web address name",
            "optimum_size_min": "Smallest optimum size",
            "optimum_size_max": "Largest optimum size",
            "paper_deadline_working_days": "Paper deadline in working days",
            "is_council_committee": "This board is a council committee",
            "clear_days": "How the 5 clear days are counted",
        }
        help_texts = {
            "clear_days": "For a council committee. Neither the day of publication nor the day of the meeting counts."
        }
        error_messages = {
            "name": {"required": "Enter the name of the board"},
            "paper_deadline_working_days": {"required": "Enter the paper deadline in working days"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        # Only council committees count clear days: left unanswered, the setting stays as it is.
        self.fields["clear_days"].required = False
        self.fields["clear_days"].widget = forms.RadioSelect(choices=ClearDays.choices)
        self.fields["clear_days"].error_messages["invalid_choice"] = "Choose how the 5 clear days are counted"
        limit(self, "optimum_size_min", 1, 1000)
        limit(self, "optimum_size_max", 1, 1000)
        limit(self, "expected_meetings_per_year", 0, 365)
        limit(self, "paper_deadline_working_days", 1, 60)
        self.setup_helper()

    def clean_clear_days(self) -> str:
        return str(self.cleaned_data.get("clear_days") or self.instance.clear_days or ClearDays.WORKING)

    def clean_slug(self) -> str:
        slug = slug_from_name(self)
        partnership = self.instance.partnership
        clash = Board.objects.filter(partnership=partnership, slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Another board of this partnership already uses this web address name")
        return slug


NEW_PERSON_FIELDS = ("new_person_name", "new_person_job_title", "new_person_organisation", "new_person_email")


class MembershipForm(GdsFieldsMixin, _ModelForm):
    """A seat on a board. Adding one, the officer chooses the member or adds a person not
    yet in the system, and may name the first designated deputy (from the seat's start).
    Editing one, the deputy is not here: "Change the deputy" is its own page."""

    person = PersonChoiceField(required=False, label="Member", empty_label="Choose the member")
    new_person_name = forms.CharField(required=False, max_length=200, label="Full name")
    new_person_job_title = forms.CharField(required=False, max_length=200, label="Job title")
    new_person_organisation = IdChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        label="Employer or council",
        empty_label=CHOOSE_AN_ORGANISATION,
        help_text="Leave this blank if it is the organisation represented.",
    )
    new_person_email = forms.EmailField(required=False, label="Email address")
    start_date = date_field("Start date")
    end_date = date_field(
        "End date", required=False, help_text="Leave blank while the seat is held, for example 31 3 2027"
    )
    deputy = PersonChoiceField(
        required=False,
        label="Designated deputy",
        empty_label="No deputy yet",
        help_text="Every member should have a designated deputy. They deputise from the start date.",
    )

    class Meta:
        model = Membership
        fields = [
            "person",
            "organisation",
            "role",
            "seniority",
            "elected",
            "lead",
            "voting",
            "start_date",
            "end_date",
        ]
        labels = {"organisation": "Organisation represented", "lead": "This is the lead seat of the organisation"}
        help_texts = {
            "lead": "Where the vote is by organisation and it holds several seats on this board, the member in its "
            "lead seat (or their deputy) records the organisation's position.",
        }
        error_messages = {"organisation": {"required": "Choose the organisation the member represents"}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.adding = self.instance.pk is None
        organisation = choice_field(self, "organisation")
        organisation.empty_label = CHOOSE_AN_ORGANISATION
        organisation.help_text = ""
        on_board = people_of_board(self.instance.board)
        person_field(self, "person").group_first("On this board", on_board)
        if self.adding:
            person_field(self, "deputy").group_first("On this board", on_board)
        else:
            self.fields["person"].required = True
            self.fields["person"].error_messages["required"] = "Choose the member"
            for name in (*NEW_PERSON_FIELDS, "deputy"):
                del self.fields[name]
        self.setup_helper()
        if self.adding:
            new_person = Fieldset(
                *(Field(name) for name in NEW_PERSON_FIELDS),
                legend="Or add a person not yet in the system",
                legend_size=Size.SMALL,
            )
            names = [name for name in self.fields if name not in NEW_PERSON_FIELDS and name != "person"]
            self.helper.layout = Layout(Field("person"), new_person, *(Field(name) for name in names))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.adding:
            return cleaned
        chosen = cleaned.get("person")
        typed = any(cleaned.get(name) for name in NEW_PERSON_FIELDS)
        failed = any(name in self.errors for name in NEW_PERSON_FIELDS)
        if chosen is not None and (typed or failed):
            self.add_error("person", "Choose a person from the list or add a new person, not both")
        elif chosen is None and not typed and not failed:
            self.add_error("person", "Choose the member, or add a person not yet in the system")
        elif chosen is None and typed and not cleaned.get("new_person_name"):
            self.add_error("new_person_name", "Enter the full name of the new person")
        return cleaned

    def seat_values(self) -> dict[str, Any]:
        """The keyword values of membership_create or membership_update: ``person`` is a
        ``NewPerson`` when the officer added someone not yet in the system."""
        values = {name: value for name, value in self.cleaned_data.items() if name not in NEW_PERSON_FIELDS}
        if self.adding and values.get("person") is None:
            values["person"] = NewPerson(
                name=self.cleaned_data["new_person_name"],
                job_title=self.cleaned_data["new_person_job_title"],
                organisation=self.cleaned_data["new_person_organisation"] or self.cleaned_data.get("organisation"),
                email=self.cleaned_data["new_person_email"],
            )
        return values


class EndMembershipForm(GdsFieldsMixin, forms.Form):
    end_date = date_field("Last day of the seat")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


class DeputyForm(GdsFieldsMixin, forms.Form):
    """Change the deputy of a seat: who, from when (deputy_appoint)."""

    person = PersonChoiceField(label="New designated deputy", empty_label="Choose the new deputy")
    start_date = date_field("Start date", help_text="The first day they deputise, for example 22 5 2026")
    submit_label = "Change the deputy"

    def __init__(self, *args: Any, seat: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = person_field(self, "person")
        # Not the member, nor anyone sitting on the board today: a member of the board
        # cannot deputise for another of its seats (deputy_appoint refuses it).
        sitting = Membership.objects.seated().current(timezone.localdate()).filter(board_id=seat.board_id)
        person.queryset = people().exclude(pk=seat.person_id).exclude(pk__in=sitting.values("person_id"))
        person.group_first(f"Of {seat.organisation}", people_of_organisation(seat.organisation))
        self.fields["person"].error_messages["required"] = "Choose the new deputy"
        self.setup_helper()


class EndDeputyForm(GdsFieldsMixin, forms.Form):
    """End the current deputyship of a seat (deputy_end)."""

    end_date = date_field("Last day as deputy")
    submit_label = "End the deputyship"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


class DelegationForm(GdsFieldsMixin, _ModelForm):
    valid_from = date_field("Valid from")
    valid_to = date_field(
        "Valid to", required=False, help_text="Leave blank if it has no end date, for example 31 3 2027"
    )
    person = PersonChoiceField(label="Delegate", empty_label="Choose the delegate")

    class Meta:
        model = Delegation
        fields = [
            "organisation",
            "person",
            "scope",
            "valid_from",
            "valid_to",
            "evidence_reference",
            "evidence_document",
        ]
        labels = {"organisation": "Delegating organisation"}
        error_messages = {
            "organisation": {"required": "Choose the delegating organisation"},
            "scope": {"required": "Enter what the delegate may agree"},
            "evidence_reference": {"required": "Enter the resolution or decision that grants the authority"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "organisation").empty_label = CHOOSE_AN_ORGANISATION
        person_field(self, "person").group_first("On this board", people_of_board(self.instance.board))
        self.fields["person"].error_messages["required"] = "Choose the delegate"
        # The action checks the file as papers are checked (governance.uploads).
        evidence = self.fields["evidence_document"]
        evidence.help_text = f"PDF, DOCX, ODT or XLSX, up to {filesizeformat(settings.UPLOAD_MAX_BYTES)}"
        self.setup_helper()


class MouForm(GdsFieldsMixin, _ModelForm):
    effective_from = date_field(
        "Effective from", required=False, help_text="Once every partner has signed, for example 1 4 2010"
    )
    review_date = date_field("Review or expiry date", required=False)
    required_signatories = IdsChoiceField(
        queryset=Organisation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label="Partners who must sign",
        error_messages={"required": "Choose the partners who must sign"},
    )

    class Meta:
        model = MemorandumOfUnderstanding
        fields = [
            "title",
            "text",
            "document",
            "effective_from",
            "review_date",
            "required_signatories",
            # The decision rules this version carries (SPEC §5, decisions/rules.py).
            "voting_unit",
            "active_consent",
            "majority_fallback",
            "fallback_from_round",
            "max_minority",
            "escalation_required",
            "escalation_body",
            "rules_lead_accountable_body",
        ]
        labels = {
            "active_consent": "Decisions need the active consent of every voter",
            "majority_fallback": "A majority may decide when consensus fails",
            "fallback_from_round": "Meeting attempt from which a majority may decide",
            "max_minority": "Most objections a majority decision may carry",
            "escalation_required": "Escalation must be tried before a majority decision",
        }
        error_messages = {
            "title": {"required": "Enter the title of the memorandum"},
            "fallback_from_round": {"required": "Enter the meeting attempt from which a majority may decide"},
        }

    # The rules between the decision-rule fields (a minority cap needs the fallback,
    # escalation needs a body) are decisions.rules.rule_errors, which the model's
    # clean() calls: the form shows them, mou_create enforces them.

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The version number is allotted by mou_create; the form validates everything else.
        self.instance.version = self.instance.version or 1
        choice_field(self, "rules_lead_accountable_body").empty_label = "The partnership's lead accountable body"
        limit(self, "fallback_from_round", 1, 20)
        limit(self, "max_minority", 0, 100)
        # The action checks the file as papers are checked (governance.uploads).
        self.fields["document"].help_text = f"PDF, DOCX, ODT or XLSX, up to {filesizeformat(settings.UPLOAD_MAX_BYTES)}"
        self.setup_helper()


class SignatureForm(GdsFieldsMixin, _ModelForm):
    signed_on = date_field("Date signed")
    submit_label = "Record signature"

    class Meta:
        model = MouSignature
        fields = ["organisation", "signed_by", "signed_on"]
        labels = {"organisation": "Partner", "signed_by": "Signed by (name and position)"}
        error_messages = {
            "organisation": {"required": "Choose the partner who signed"},
            "signed_by": {"required": "Enter who signed for the partner"},
        }

    def __init__(self, *args: Any, mou: MemorandumOfUnderstanding, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.mou = mou
        organisation = choice_field(self, "organisation")
        organisation.queryset = mou.required_signatories.exclude(mou_signatures__mou=mou)
        organisation.empty_label = "Choose the partner"
        self.setup_helper()
