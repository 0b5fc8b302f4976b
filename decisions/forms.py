"""Forms of the decisions pages (SPEC §5). They collect input only: every rule is
checked by the action in decisions/actions.py, whose refusals come back as form errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from governance.forms import IdChoiceField, date_field
from meetings.models import Meeting
from partnerships.models import Membership, Organisation, Person

from .models import Capacity, PositionValue

YES_NO = [("yes", "Yes"), ("no", "No")]
LONG_TEXT = 10_000  # characters in any text box: a page of minutes, not a paste of a whole report
TOO_LONG = {"max_length": "Enter 10,000 characters or fewer (this has %(show_value)d)"}


def _yes_no(label: str, required_message: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


def _model_choice(
    form: forms.BaseForm, name: str, queryset: QuerySet[Any], *, empty_label: str
) -> forms.ModelChoiceField[Any]:
    """Narrow a model choice field to ``queryset``."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    field.empty_label = empty_label
    return field


def _helper(*fields: Any) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the page template has its own {% csrf_token %}
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.layout = Layout(*fields)
    return helper


# ---------------------------------------------------------------------------
# Members


CAPACITY_HINTS: dict[str, str] = {
    Capacity.MEMBER: "As the member holding the seat",
    Capacity.DEPUTY: "As designated deputy, while the member is absent or has withdrawn",
    Capacity.DELEGATE: "As delegate, with documented authority from the organisation",
    Capacity.OFFICER: "As an officer of the partnership, for the member",
}

POSITION_CHOICES = [
    Choice(PositionValue.CONSENT, "Consent", hint="The organisation agrees to the proposal as put."),
    Choice(PositionValue.OBJECT, "Object", hint="The organisation does not agree. An objection blocks consensus."),
    Choice(
        PositionValue.ABSTAIN,
        "Abstain",
        hint="The organisation neither agrees nor objects. Where the memorandum requires the active "
        "consent of every partner, an abstention blocks consensus too (003 §11).",
    ),
]


class PositionForm(forms.Form):
    """Consent, object or abstain, for one of the seats the user may act for. With one
    seat there is nothing to choose and the field is left out."""

    membership = forms.ChoiceField(
        label="Which seat are you recording a position for?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the seat you are recording a position for",
            "invalid_choice": "Choose a seat you may record a position for",
        },
    )
    value = forms.ChoiceField(
        label="Position on the proposal",
        choices=POSITION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose consent, object or abstain",
            "invalid_choice": "Choose consent, object or abstain",
        },
    )
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        max_length=2000,
        help_text="For example, the reason for an objection. It is shown with the position.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Enter 2,000 characters or fewer (this has %(show_value)d)"},
    )

    def __init__(self, *args: Any, seats: list[tuple[Membership, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seats = {str(seat.pk): seat for seat, _ in seats}
        if len(seats) == 1:
            del self.fields["membership"]
        else:
            membership = self.fields["membership"]
            assert isinstance(membership, forms.ChoiceField)
            membership.choices = [
                Choice(
                    str(seat.pk),
                    f"{seat.organisation.name}: {seat.person.name}'s seat",
                    hint=CAPACITY_HINTS.get(capacity, "")
                    + ("" if seat.voting else ". Advisory view: shown but not counted"),
                )
                for seat, capacity in seats
            ]
        layout = [Field.radios("value", legend_size=Size.MEDIUM), Field.textarea("comment", rows=4)]
        if "membership" in self.fields:
            layout.insert(0, Field.radios("membership", legend_size=Size.MEDIUM))
        self.helper = _helper(*layout)

    def seat(self) -> Membership:
        if "membership" in self.fields:
            return self.seats[self.cleaned_data["membership"]]
        return next(iter(self.seats.values()))


# ---------------------------------------------------------------------------
# Officers


class ProposalForm(forms.Form):
    """What actions.proposal_create takes: the proposal as put to the first round."""

    title = forms.CharField(
        label="Title", max_length=300, error_messages={"required": "Enter the title of the proposal"}
    )
    text = forms.CharField(
        label="What the board is asked to agree",
        help_text="The proposal as put to the first round. An amended text can be put to a later round.",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={**TOO_LONG, "required": "Enter what the board is asked to agree"},
    )
    proposer = IdChoiceField(queryset=Person.objects.none(), label="Proposer (optional)", required=False)
    big_ticket = _yes_no(
        "Must each partner's executive body ratify it?",
        "Select yes if each partner's executive body must ratify the proposal",
        help_text="Yes for a 'big ticket' statutory strategy: the decision takes effect only once every "
        "partner has ratified it (000 §2A).",
    )

    def __init__(self, *args: Any, proposers: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "proposer", proposers, empty_label="No proposer named")
        self.helper = _helper(
            Field.text("title"), Field.textarea("text", rows=6), Field.select("proposer"), Field.radios("big_ticket")
        )


class ConfirmForm(forms.Form):
    """A button with nothing to fill in (close the round)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class DeferForm(forms.Form):
    reason = forms.CharField(
        label="Why is the decision deferred?",
        help_text="000 §3: a decision may be deferred when more time is needed, for example to consult.",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={**TOO_LONG, "required": "Enter why the decision is deferred"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("reason", rows=4))


class NoteForm(forms.Form):
    """An optional note (escalate, refer)."""

    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=TOO_LONG,
    )

    def __init__(self, *args: Any, help_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = help_text
        self.helper = _helper(Field.textarea("note", rows=4))


class EscalationResultForm(forms.Form):
    result = forms.CharField(
        label="What did the escalation body conclude?",
        help_text="For example, the compromise the Chief Executives found (003 §13).",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={**TOO_LONG, "required": "Enter the escalation body's result"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("result", rows=5))


if TYPE_CHECKING:  # the stubs' generic field; at run time Django's plain class
    _MeetingField = forms.ModelChoiceField[Meeting]
else:
    _MeetingField = IdChoiceField


class MeetingChoiceField(_MeetingField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.display_title}, {timezone.localtime(obj.start):%-d %B %Y}"


class RoundOpenForm(forms.Form):
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(),
        label="Meeting",
        help_text="A meeting of the same board, at or after the last round.",
        error_messages={
            "required": "Choose the meeting for the new round",
            "invalid_choice": "Choose a meeting of the board at or after the last round",
        },
    )
    text = forms.CharField(
        label="The proposal as put to this round",
        required=False,
        help_text="Change the text to put an amended proposal, for example the compromise the escalation body found. "
        "Left unchanged, the same proposal is put again.",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=TOO_LONG,
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "meeting", meetings, empty_label="Choose a meeting")
        self.helper = _helper(Field.select("meeting"), Field.textarea("text", rows=6))


class DeterminationForm(forms.Form):
    agreed = _yes_no(
        "Did the lead accountable body agree the proposal?",
        "Select yes if the lead accountable body agreed the proposal",
        help_text="003 §17: the lead accountable body keeps the final decision.",
    )
    text = forms.CharField(
        label="The determination",
        help_text="For example, 'The County Chief Executive approved the majority decision.'",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={**TOO_LONG, "required": "Enter the lead accountable body's determination"},
    )
    decided_on = date_field("Date of the determination", help_text="Today or earlier, for example 27 3 2008.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("agreed", inline=False), Field.textarea("text", rows=5), Field("decided_on"))


class RatificationForm(forms.Form):
    """The dates and the executive body are checked by actions.ratification_record: a
    decision today or earlier, not before the board agreed, the body named or known."""

    organisation = IdChoiceField(
        queryset=Organisation.objects.none(),
        label="Partner organisation",
        error_messages={
            "required": "Choose the partner organisation",
            "invalid_choice": "Choose a partner whose ratification is still to be recorded",
        },
    )
    ratified = _yes_no("Did its executive body ratify the proposal?", "Select yes if the proposal was ratified")
    body = forms.CharField(
        label="Executive body (optional)",
        required=False,
        max_length=200,
        help_text="For example, Cabinet. Left blank, the organisation's executive body is used.",
    )
    decided_on = date_field("Date of the decision")
    reference = forms.CharField(
        label="Minute or resolution reference (optional)",
        required=False,
        max_length=200,
        help_text="For example, 'Cabinet, 19 November 2009, minute 87'.",
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "organisation", organisations, empty_label="Choose a partner")
        self.helper = _helper(
            Field.select("organisation"),
            Field.radios("ratified"),
            Field.text("body"),
            Field("decided_on"),
            Field.text("reference"),
        )


# ---------------------------------------------------------------------------
# Officers: the positions stated at the meeting

NOT_STATED = ""
STATED_CHOICES = [(NOT_STATED, "No position recorded"), *PositionValue.choices]


class StatedPositionsForm(forms.Form):
    """One row per seat that records for itself: the position stated at the meeting,
    who stated it and a comment. Seats whose organisation votes through its lead seat
    have no fields. The template lays the fields out as a table."""

    def __init__(self, *args: Any, rows: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            if row.through_lead is not None:
                continue
            seat = row.seat
            name = f"{seat.person.name} ({seat.organisation.name})"
            self.fields[f"value_{seat.pk}"] = forms.ChoiceField(
                label=f"Position stated for {name}",
                choices=STATED_CHOICES,
                required=False,
                error_messages={"invalid_choice": f"Choose consent, object or abstain for {name}"},
                initial=row.latest.value if row.latest else NOT_STATED,
            )
            self.fields[f"stated_by_{seat.pk}"] = forms.TypedChoiceField(
                label=f"Who stated it for {name}",
                choices=[(person.pk, f"{person.name} ({label.lower()})") for person, label in row.speakers],
                coerce=int,
                required=False,
                empty_value=None,
                initial=row.latest.person_id if row.latest else seat.person_id,
                error_messages={"invalid_choice": f"Choose who stated the position for {name}"},
            )
            self.fields[f"comment_{seat.pk}"] = forms.CharField(
                label=f"Comment for {name} (optional)",
                required=False,
                max_length=1000,
                initial=row.latest.comment if row.latest else "",
                error_messages={"max_length": "The comment must be 1,000 characters or fewer"},
            )

    def bound_rows(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """Each row with its bound fields (none for a seat recorded through its lead seat)."""
        return [
            (
                row,
                []
                if row.through_lead is not None
                else [self[f"{prefix}_{row.seat.pk}"] for prefix in ("value", "stated_by", "comment")],
            )
            for row in self.rows
        ]

    def changed_rows(self) -> list[tuple[Any, str, int, str]]:
        """(row, value, stated_by id, comment) for each seat whose stated position differs
        from the one that counts so far: submitting the same page twice records nothing new."""
        changed = []
        for row in self.rows:
            if row.through_lead is not None:
                continue
            pk = row.seat.pk
            value = self.cleaned_data[f"value_{pk}"]
            stated_by = self.cleaned_data[f"stated_by_{pk}"] or row.seat.person_id
            comment = self.cleaned_data[f"comment_{pk}"].strip()
            if value == NOT_STATED:
                continue
            latest = row.latest
            if latest and (latest.value, latest.person_id, latest.comment) == (value, stated_by, comment):
                continue
            changed.append((row, value, stated_by, comment))
        return changed


# ---------------------------------------------------------------------------
# The forward plan


class ExpectedMeetingField(_MeetingField):
    def label_from_instance(self, obj: Meeting) -> str:
        status = "" if obj.is_public else " (agenda not yet published)"
        return (
            f"{obj.board.name}, {obj.board.partnership.name}: {timezone.localtime(obj.start):%-d %B %Y, %H:%M}{status}"
        )


class ForthcomingForm(forms.Form):
    """What actions.forthcoming_add and forthcoming_update take."""

    expected_meeting = ExpectedMeetingField(
        queryset=Meeting.objects.none(),
        label="Meeting at which the decision is expected",
        help_text="The board is the meeting's board. Only meetings not yet held are listed.",
        error_messages={
            "required": "Select the meeting at which the decision is expected",
            "invalid_choice": "Select one of the meetings listed",
        },
    )
    # Every message a GOV.UK one, never Django's ("Ensure this value has at most 300
    # characters (it has 301).", "Select a valid choice. maybe is not one of…").
    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={
            "required": "Enter the title of the decision expected",
            "max_length": "Title must be 300 characters or fewer",
        },
    )
    summary = forms.CharField(
        label="What the board will be asked to decide",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={**TOO_LONG, "required": "Enter what the board will be asked to decide"},
    )
    needs_ratification = _yes_no(
        "Must each partner's executive body ratify it?",
        "Select yes if each partner's executive body must ratify the decision",
        help_text="Yes for a 'big ticket' statutory strategy (000 §2A).",
    )
    needs_ratification.error_messages["invalid_choice"] = needs_ratification.error_messages["required"]
    contact = forms.CharField(
        label="Contact (optional)",
        max_length=200,
        required=False,
        error_messages={"max_length": "Contact must be 200 characters or fewer"},
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "expected_meeting", meetings, empty_label="Select a meeting")
        self.helper = _helper(
            Field.select("expected_meeting"),
            Field.text("title"),
            Field.textarea("summary", rows=5),
            Field.radios("needs_ratification"),
            Field.text("contact"),
        )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is the decision no longer expected?",
        max_length=300,
        error_messages={
            "required": "Enter why the decision is no longer expected",
            "max_length": "Enter 300 characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("reason"))
