from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import slugify

from governance.forms import GdsFormMixin, date_field

from .models import (
    Board,
    Delegation,
    Membership,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    Partnership,
    Person,
)

if TYPE_CHECKING:  # the stubs' generic class; at run time Django's plain one
    _ModelForm = forms.ModelForm[Any]
else:
    _ModelForm = forms.ModelForm


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


class PartnershipForm(GdsFormMixin, _ModelForm):
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
        self.setup_helper()

    def clean_slug(self) -> str:
        return slug_from_name(self)


class BoardForm(GdsFormMixin, _ModelForm):
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
        ]
        labels = {
            "slug": "Web address name",
            "optimum_size_min": "Smallest optimum size",
            "optimum_size_max": "Largest optimum size",
            "paper_deadline_working_days": "Paper deadline in working days",
            "is_council_committee": "This board is a council committee",
        }
        error_messages = {
            "name": {"required": "Enter the name of the board"},
            "paper_deadline_working_days": {"required": "Enter the paper deadline in working days"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.setup_helper()

    def clean_slug(self) -> str:
        slug = slug_from_name(self)
        partnership = self.instance.partnership
        clash = Board.objects.filter(partnership=partnership, slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Another board of this partnership already uses this web address name")
        return slug


class MembershipForm(GdsFormMixin, _ModelForm):
    start_date = date_field("Start date")
    end_date = date_field(
        "End date", required=False, help_text="Leave blank while the seat is held, for example 31 3 2027"
    )

    class Meta:
        model = Membership
        fields = [
            "person",
            "organisation",
            "role",
            "seniority",
            "elected",
            "voting",
            "start_date",
            "end_date",
            "deputy",
        ]
        labels = {"person": "Member", "organisation": "Organisation represented", "deputy": "Designated deputy"}
        error_messages = {
            "person": {"required": "Choose the member"},
            "organisation": {"required": "Choose the organisation the member represents"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.select_related("organisation")
        person, deputy, organisation = (choice_field(self, name) for name in ("person", "deputy", "organisation"))
        person.queryset = deputy.queryset = people
        deputy.empty_label = "No deputy yet"
        person.empty_label = "Choose the member"
        organisation.empty_label = "Choose the organisation"
        organisation.help_text = ""
        self.setup_helper()


class EndMembershipForm(GdsFormMixin, forms.Form):
    end_date = date_field("Last day of the seat")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


class DelegationForm(GdsFormMixin, _ModelForm):
    valid_from = date_field("Valid from")
    valid_to = date_field(
        "Valid to", required=False, help_text="Leave blank if it has no end date, for example 31 3 2027"
    )

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
        labels = {"person": "Delegate", "organisation": "Delegating organisation"}
        error_messages = {
            "scope": {"required": "Enter what the delegate may agree"},
            "evidence_reference": {"required": "Enter the resolution or decision that grants the authority"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


class MouForm(GdsFormMixin, _ModelForm):
    effective_from = date_field(
        "Effective from", required=False, help_text="Once every partner has signed, for example 1 4 2010"
    )
    review_date = date_field("Review or expiry date", required=False)
    required_signatories = forms.ModelMultipleChoiceField(
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
            "fallback_from_round": "From which meeting attempt a majority may decide",
            "max_minority": "Most objections a majority decision may carry",
            "escalation_required": "Escalation must be tried before a majority decision",
        }
        error_messages = {"title": {"required": "Enter the title of the memorandum"}}

    # The rules between the decision-rule fields (a minority cap needs the fallback,
    # escalation needs a body) are MemorandumOfUnderstanding.clean's: the form shows them.

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The version number is allotted by mou_create; the form validates everything else.
        self.instance.version = self.instance.version or 1
        self.setup_helper()


class SignatureForm(GdsFormMixin, _ModelForm):
    signed_on = date_field("Date signed")
    submit_label = "Record signature"

    class Meta:
        model = MouSignature
        fields = ["organisation", "signed_by", "signed_on"]
        labels = {"organisation": "Partner", "signed_by": "Signed by (name and position)"}
        error_messages = {"signed_by": {"required": "Enter who signed for the partner"}}

    def __init__(self, *args: Any, mou: MemorandumOfUnderstanding, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.mou = mou
        choice_field(self, "organisation").queryset = mou.required_signatories.exclude(mou_signatures__mou=mou)
        self.fields["organisation"].error_messages["required"] = "Choose the partner who signed"
        self.setup_helper()
