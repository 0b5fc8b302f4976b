"""Forms of the officer pages for meetings (SPEC §4). They validate input and shape it
for the actions in meetings/actions.py; the rules themselves live in the actions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db.models import QuerySet
from django.utils import dateformat, timezone
from django.utils.html import escape, format_html

from governance.forms import GdsFormMixin, IdChoiceField, date_field
from partnerships.models import Membership, Person

from .actions import CHAIR_NAME_MAX, LATE_REASON_MAX, NATURE_TOO_LONG, AttendanceEntry
from .models import (
    DECLARATION_NATURE_MAX,
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    ExemptCategory,
    Meeting,
    Paper,
    Purpose,
)
from .queries import DeclarerSeat, DeputyOption, PeopleChoice

# crispy-forms-gds renders labels and hints with |safe, so any label made from data
# (a member's name, an item's title) is escaped here before it reaches a template.


_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$", re.IGNORECASE)


def parse_time(text: str) -> dt.time | None:
    """Read a time as people write it: 10:00, 14.30, 2pm, 9:30am, 12pm (midday). None if unreadable."""
    match = _TIME.match(text or "")
    if not match:
        return None
    hour, minute, suffix = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match[2] is None:
        return None  # "10" alone is ambiguous: ask for 10:00, 10am or 10pm
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def _time_field(label: str, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=10,
        help_text="For example, 10:00, 14:30 or 2pm",
        error_messages={"required": f"Enter the {label.lower()}"},
    )


if TYPE_CHECKING:  # generic only in django-stubs (no django_stubs_ext.monkeypatch here)
    ModelForm = forms.ModelForm[Any]
    ModelChoiceField = forms.ModelChoiceField[Any]
else:
    ModelForm = forms.ModelForm
    ModelChoiceField = IdChoiceField


def _choice(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def _model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


def _person_label(person: Person) -> str:
    return f"{person.name} ({person.organisation.name})" if person.organisation else person.name


def group_people(field: forms.ModelChoiceField[Any], people: PeopleChoice, empty_label: str) -> None:
    """A select of people with the members and deputies of the board first, then
    everyone else (issue 8 item 17: not 108 names in one list). The queryset still
    validates the choice."""
    field.queryset = Person.objects.all()
    groups: list[Any] = [("", empty_label)]
    if people.on_board:
        groups.append(
            (f"Members and deputies of {people.board.name}", [(p.pk, _person_label(p)) for p in people.on_board])
        )
    if people.others:
        groups.append(("Everyone else", [(p.pk, _person_label(p)) for p in people.others]))
    field.choices = groups


class GdsForm(GdsFormMixin):
    """GdsFormMixin with a layout that may be given explicitly."""

    def setup_helper(self, *layout: Any) -> None:
        super().setup_helper()
        self.helper.disable_csrf = True  # the page template's <form> carries the token
        if layout:
            self.helper.layout = Layout(*layout)


class ConfirmForm(GdsForm, forms.Form):
    """A form with no fields: it carries a refusal from an action as an error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


# ---------------------------------------------------------------------------
# Late business: the reason and the chair's agreement (SPEC §4, LGA 1972 s100B(4)(b))

LATE_REASON_TOO_LONG = f"Enter {LATE_REASON_MAX:,} characters or fewer (this has %(show_value)d)"
CHAIR_TOO_LONG = f"Enter {CHAIR_NAME_MAX:,} characters or fewer (this has %(show_value)d)"
CHAIR_LABEL = "Name of the chair who agreed to take it as urgent business"


def late_reason_field(label: str, help_text: str, rows: int = 3) -> forms.CharField:
    """Why the business is late and cannot wait: optional here, the action decides
    whether it is late and refuses it without one."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=LATE_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": LATE_REASON_TOO_LONG},
    )


def chair_field(label: str = CHAIR_LABEL) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=CHAIR_NAME_MAX, error_messages={"max_length": CHAIR_TOO_LONG}
    )


# ---------------------------------------------------------------------------
# Scheduling


class MeetingForm(GdsForm, ModelForm):
    date = date_field("Date of the meeting")
    start_time = _time_field("Start time", required=True)
    end_time = _time_field("End time", required=False)
    online_url = forms.URLField(
        label="Link to join online",
        required=False,
        assume_scheme="https",
        # A GOV.UK text input typed as a URL (crispy-forms-gds styles TextInput only).
        widget=forms.TextInput(attrs={"input_type": "url", "spellcheck": "false", "autocomplete": "url"}),
        help_text="Only for a meeting held online or hybrid.",
        error_messages={"invalid": "Enter the link in the correct format, like https://meet.example.org/board"},
    )

    class Meta:
        model = Meeting
        fields = ["title", "venue", "online_url"]
        labels = {"title": "Title", "venue": "Venue"}
        help_texts = {"title": "Leave blank to use the board's name.", "venue": "The address, or 'Online'."}
        error_messages = {"venue": {"required": "Enter the venue, or 'Online'"}}

    DETAILS = ("title", "date", "start_time", "end_time", "venue", "online_url")
    LATE = ("late_reason", "chair_agreed_by")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            start = timezone.localtime(self.instance.start)
            self.initial.setdefault("date", start.date())
            self.initial.setdefault("start_time", f"{start:%H:%M}")
            if self.instance.end:
                self.initial.setdefault("end_time", f"{timezone.localtime(self.instance.end):%H:%M}")
        if self.instance.pk and self.instance.is_public:
            # Moving a published meeting earlier can make what it published late
            # business (actions.meeting_update, LateMove): its two answers, shown once
            # the action asks for them.
            self.fields["late_reason"] = late_reason_field(
                "Why is the meeting moved so that its agenda or papers are late, and why can it not wait?",
                "This reason is recorded in the minutes and shown with the agenda.",
            )
            self.fields["chair_agreed_by"] = chair_field()
        self.order_fields([*self.DETAILS, *self.LATE])
        self.setup_helper()
        self.show_late(bool(self.data.get("late_reason") or self.data.get("chair_agreed_by")))

    def show_late(self, show: bool) -> None:
        """Lay out the late-business answers too (when the action asked for them)."""
        self.late = show and "late_reason" in self.fields
        self.setup_helper(*self.DETAILS, *(self.LATE if self.late else ()))

    def _time(self, name: str) -> dt.time | None:
        text = self.cleaned_data.get(name, "")
        if not text:
            return None
        parsed = parse_time(text)
        if parsed is None:
            label = str(self.fields[name].label or name)
            self.add_error(name, f"Enter the {label.lower()} as a time, for example 10:00 or 2pm")
        return parsed

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start_time, end_time = self._time("start_time"), self._time("end_time")
        day = data.get("date")
        if day and start_time:
            # Times are entered in UK local time (settings.TIME_ZONE).
            self.instance.start = timezone.make_aware(dt.datetime.combine(day, start_time))
            self.instance.end = timezone.make_aware(dt.datetime.combine(day, end_time)) if end_time else None
            if end_time and end_time <= start_time:
                self.add_error("end_time", "The end time must be after the start time")
        return data

    def values(self) -> dict[str, Any]:
        """The meeting's details as meeting_schedule and meeting_update take them."""
        return {
            "title": self.cleaned_data["title"],
            "start": self.instance.start,
            "end": self.instance.end,
            "venue": self.cleaned_data["venue"],
            "online_url": self.cleaned_data["online_url"],
        }

    def late_values(self) -> dict[str, str]:
        """The late-business answers as meeting_update takes them ("" when not asked)."""
        return {name: self.cleaned_data.get(name, "") for name in self.LATE}


class CancelMeetingForm(GdsForm, forms.Form):
    cancelled_reason = forms.CharField(
        label="Why is the meeting cancelled?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="This is shown on the public meeting page and sent to calendars.",
        error_messages={"required": "Enter why the meeting is cancelled"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


# ---------------------------------------------------------------------------
# The agenda


class AgendaItemForm(GdsForm, ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "purpose", "lead_officer", "description", "exempt", "exempt_category"]
        labels = {
            "purpose": "Purpose of the item",
            "lead_officer": "Lead officer",
            "description": "Description",
            "exempt": "This item is exempt: it is taken in private",
            "exempt_category": "Category of exempt information",
        }
        help_texts = {
            "lead_officer": "The officer who presents the item.",
            "exempt": "Exempt items and their papers are never shown to the public or in public feeds.",
            "exempt_category": "Local Government Act 1972, Schedule 12A. Only for an exempt item.",
        }
        widgets = {"purpose": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"title": {"required": "Enter the title of the item"}}

    def __init__(self, *args: Any, late: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "purpose").choices = Purpose.choices
        self.fields["purpose"].error_messages["required"] = "Choose the purpose of the item"
        _choice(self, "exempt_category").choices = [("", "Not exempt"), *ExemptCategory.choices]
        self.late = late
        if late:
            # An item added to a published agenda after the deadline is late business
            # (SPEC §9): item_add refuses it without these, and its errors land here.
            # Editing an exempt item, the same answers make it public after the deadline
            # (item_update).
            if self.instance.pk:
                self.fields["late_reason"] = late_reason_field(
                    "If you make this item public: why is it late, and why can it not wait for the next meeting?",
                    "Needed only to untick 'This item is exempt' after the deadline. "
                    "The reason is recorded in the minutes of the meeting.",
                )
                self.fields["chair_agreed_by"] = chair_field(
                    f"If you make this item public: {CHAIR_LABEL[:1].lower()}{CHAIR_LABEL[1:]}"
                )
            else:
                self.fields["late_reason"] = late_reason_field(
                    "Why is the item added late, and why can it not wait for the next meeting?",
                    "This reason is recorded in the minutes of the meeting.",
                )
                self.fields["chair_agreed_by"] = chair_field()
        self.setup_helper()

    def late_values(self) -> dict[str, str]:
        """The late-business answers as item_add takes them ("" when not late)."""
        return {
            "late_reason": self.cleaned_data.get("late_reason", ""),
            "chair_agreed_by": self.cleaned_data.get("chair_agreed_by", ""),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The model's constraint agenda_item_exempt_needs_category would refuse this
        # too; say so against the field first (LGA 1972 s100A(4) needs the category).
        if data.get("exempt") and not data.get("exempt_category"):
            self.add_error(
                "exempt_category", "Choose the category of exempt information, or untick 'This item is exempt'"
            )
        if not data.get("exempt"):
            data["exempt_category"] = ""
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# ---------------------------------------------------------------------------
# Papers


def _file_field(label: str) -> forms.FileField:
    # Empty files reach governance/uploads.py, which refuses them with its own message:
    # one place decides what an acceptable paper is.
    return forms.FileField(
        label=label,
        allow_empty_file=True,
        help_text="PDF, DOCX, ODT or XLSX. The type is checked from the file's content, not its name.",
        error_messages={"required": "Select the file to upload", "invalid": "Select the file to upload"},
    )


class PaperForm(GdsForm, ModelForm):
    file = _file_field("The paper")

    class Meta:
        model = Paper
        fields = ["title", "author", "author_name", "author_email", "available_to_members"]
        labels = {
            "author": "Author",
            "author_name": "Or the author's name",
            "author_email": "Author's email address",
            "available_to_members": "Members may read it before it is published",
        }
        help_texts = {
            "author": "Choose the author if they are listed.",
            "author_name": "If the author is not listed.",
            "author_email": "Receives the paper deadline reminders.",
        }
        error_messages = {
            "title": {"required": "Enter the title of the paper"},
            "author_email": {"invalid": "Enter an email address in the correct format, like name@example.org"},
        }

    def __init__(self, *args: Any, people: PeopleChoice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_people(_model_choice(self, "author"), people, "Not listed")
        if self.instance.item.papers_for_members_only:
            # An exempt paper is never public: once published, the board's members and
            # deputies read it (members_paper_q), so "before publication" means nothing.
            del self.fields["available_to_members"]
        self.setup_helper()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A friendly pre-check: paper_add refuses it too.
        if not data.get("author") and not (data.get("author_name") or "").strip():
            self.add_error("author_name", "Choose the author or enter their name")
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


class LateBusinessForm(GdsForm, forms.Form):
    """The two answers late business needs (SPEC §4, LGA 1972 s100B(4)(b)): why it is
    late and cannot wait, and the chair who agreed to take it as urgent business. The
    action decides whether it is late and refuses it without them; its errors land on
    these fields. Subclasses word the questions."""

    late_reason_label = "Why is the paper late, and why can it not wait for the next meeting?"
    late_reason_help = "This reason is recorded in the minutes of the meeting."
    late_reason_rows = 4
    chair_label = "Name of the chair who agreed to take it as urgent business"

    late_reason = forms.CharField(
        required=False,
        max_length=LATE_REASON_MAX,
        widget=forms.Textarea,
        error_messages={"max_length": LATE_REASON_TOO_LONG},
    )
    chair_agreed_by = forms.CharField(
        required=False, max_length=CHAIR_NAME_MAX, error_messages={"max_length": CHAIR_TOO_LONG}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reason = self.fields["late_reason"]
        reason.label, reason.help_text = self.late_reason_label, self.late_reason_help
        reason.widget.attrs["rows"] = self.late_reason_rows
        self.fields["chair_agreed_by"].label = self.chair_label


class PaperVersionForm(LateBusinessForm):
    # A supplement to a published paper after the deadline is late business too.
    late_reason_label = "If the deadline has passed: why is the new version late, and why can it not wait?"
    late_reason_help = "Needed only after the paper deadline. The reason is recorded in the minutes."
    late_reason_rows = 3
    chair_label = "If the deadline has passed: the chair who agreed to take it as urgent business"

    file = _file_field("The new version")
    change_note = forms.CharField(
        label="What has changed?",
        max_length=300,
        help_text="Listed with the version; for a published paper it is shown as a supplement.",
        error_messages={"required": "Enter what has changed in this version"},
    )

    field_order = ["file", "change_note", "late_reason", "chair_agreed_by"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


class PublishPaperForm(LateBusinessForm):
    """After the deadline a paper needs a reason and the chair's agreement; before it,
    the form has no fields to show."""

    def __init__(self, *args: Any, late: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.late = late
        self.setup_helper(*(["late_reason", "chair_agreed_by"] if late else []))


class PublishAgendaForm(PublishPaperForm):
    """An agenda published after the governing deadline is late business like a late
    paper (SPEC §9 "Rule readings", s100B(3), (4)(b))."""

    late_reason_label = "Why is the agenda late, and why can the meeting not wait?"
    late_reason_help = "This reason is recorded with the minutes of the meeting and shown with the agenda."
    late_reason_rows = 3


# ---------------------------------------------------------------------------
# Attendance


@dataclass(frozen=True)
class AttendanceRow:
    """One seat in the attendance table: its status and, when someone may represent
    it, the deputy."""

    membership: Membership
    status: forms.BoundField
    deputy: forms.BoundField | None


def _gds_select(field: forms.BoundField) -> forms.BoundField:
    """GOV.UK classes on a select rendered by hand, with its error linked."""
    classes = "govuk-select"
    if field.errors:
        classes += " govuk-select--error"
        field.field.widget.attrs["aria-describedby"] = f"{field.auto_id}-error"
    field.field.widget.attrs["class"] = classes
    return field


class AttendanceForm(GdsForm, forms.Form):
    """A compact table, one row per seat on the board on the day (issue 8 item 19):
    a status and, where the seat has a deputy or a delegate on the day, who
    represented it. ``all_present`` starts every row at "Present"."""

    def __init__(
        self,
        *args: Any,
        memberships: Sequence[Membership],
        deputies: Mapping[int, Sequence[DeputyOption]],
        recorded: Mapping[int, Attendance],
        all_present: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.memberships = list(memberships)
        for membership in self.memberships:
            name = membership.person.name
            options = list(deputies.get(membership.pk, ()))
            status_name, deputy_name = f"status_{membership.pk}", f"deputy_{membership.pk}"
            statuses = [(v, label) for v, label in AttendanceStatus.choices if v != AttendanceStatus.DEPUTY or options]
            self.fields[status_name] = forms.ChoiceField(
                label=f"Attendance of {name}",
                choices=[("", "Choose"), *statuses],
                error_messages={
                    "required": f"Choose whether {name} attended",
                    "invalid_choice": f"Choose whether {name} attended",
                },
            )
            earlier = recorded.get(membership.pk)
            if earlier is not None and not all_present:
                self.initial[status_name] = earlier.status
            elif all_present:
                self.initial[status_name] = AttendanceStatus.PRESENT
            if options:
                self.fields[deputy_name] = forms.TypedChoiceField(
                    label=f"Deputy for {name}",
                    choices=[("", "No deputy"), *[(o.person.pk, o.label) for o in options]],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    error_messages={"invalid_choice": f"Choose the deputy for {name} from the list"},
                )
                known = {o.person.pk for o in options}
                if earlier is not None and earlier.deputy_id in known:
                    self.initial[deputy_name] = earlier.deputy_id
                else:
                    self.initial[deputy_name] = options[0].person.pk  # the designated deputy (001 principle 5)
        # The helper carries the error summary; the page renders the table itself.
        self.setup_helper()

    def rows(self) -> list[AttendanceRow]:
        """The table's rows, their selects classed for GOV.UK (errors included)."""
        rows = []
        for membership in self.memberships:
            deputy_name = f"deputy_{membership.pk}"
            rows.append(
                AttendanceRow(
                    membership,
                    _gds_select(self[f"status_{membership.pk}"]),
                    _gds_select(self[deputy_name]) if deputy_name in self.fields else None,
                )
            )
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for membership in self.memberships:
            status = data.get(f"status_{membership.pk}")
            deputy = data.get(f"deputy_{membership.pk}")
            if status == AttendanceStatus.DEPUTY and not deputy:
                self.add_error(f"deputy_{membership.pk}", f"Choose who represented {membership.person.name}")
        return data

    def entries(self) -> list[AttendanceEntry]:
        return [
            AttendanceEntry(
                membership=membership,
                status=self.cleaned_data[f"status_{membership.pk}"],
                deputy_id=self.cleaned_data.get(f"deputy_{membership.pk}"),
            )
            for membership in self.memberships
        ]


class InvitedAttendeeForm(GdsForm, ModelForm):
    class Meta:
        model = Attendance
        fields = ["person", "organisation", "invited_role"]
        labels = {
            "person": "Who attended?",
            "organisation": "Organisation they came from",
            "invited_role": "Why were they invited?",
        }
        help_texts = {"invited_role": "For example, 'to present item 4' or 'adviser to the board'."}
        error_messages = {
            "person": {"required": "Choose who attended"},
            "invited_role": {"required": "Enter why the person was invited"},
        }

    def __init__(self, *args: Any, people: PeopleChoice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_people(_model_choice(self, "person"), people, "Choose who attended")
        _model_choice(self, "organisation").empty_label = "No organisation"
        self.fields["invited_role"].required = True
        self.setup_helper()

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# ---------------------------------------------------------------------------
# Minutes


class MinutesForm(GdsForm, forms.Form):
    """A minute per agenda item (SPEC §4: drafted by the officer per agenda item)."""

    def __init__(self, *args: Any, items: Iterable[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            hint = "Record the discussion, the decision and any actions."
            if item.urgent_reason:
                # s100B(4)(b): the reason late business was taken is specified in the minutes.
                hint = format_html("Late business taken as urgent, shown with this minute: {}", item.urgent_reason)
            self.fields[f"minute_{item.pk}"] = forms.CharField(
                label=escape(f"{item.order}. {item.title}"),
                required=False,
                initial=item.minutes,
                widget=forms.Textarea,
                help_text=hint,
            )
        self.setup_helper(*[Field.textarea(name, label_size=Size.MEDIUM, rows=5) for name in self.fields])

    def changed_minutes(self) -> dict[int, str]:
        """item pk -> minute, for the minutes written or changed."""
        return {
            item.pk: self.cleaned_data[f"minute_{item.pk}"]
            for item in self.items
            if self.cleaned_data[f"minute_{item.pk}"].strip() != item.minutes
        }


class _MeetingChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_title}, {dateformat.format(obj.date, 'l j F Y')}"


class ApproveMinutesForm(GdsForm, forms.Form):
    at = _MeetingChoiceField(
        queryset=Meeting.objects.none(),
        label="At which meeting were the minutes approved?",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the meeting at which the minutes were approved"},
    )

    def __init__(self, *args: Any, candidates: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "at").queryset = candidates
        self.setup_helper()


# ---------------------------------------------------------------------------
# Actions arising


class ActionForm(GdsForm, ModelForm):
    due_date = date_field("Due date")

    class Meta:
        model = Action
        fields = ["description", "item", "owner", "due_date", "status"]
        labels = {"description": "What is to be done?", "item": "Agenda item", "owner": "Who owns it?"}
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "status": forms.RadioSelect}
        error_messages = {
            "description": {"required": "Enter what is to be done"},
            "owner": {"required": "Choose who owns the action"},
        }

    def __init__(self, *args: Any, items: QuerySet[AgendaItem], people: PeopleChoice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "item").queryset = items
        _model_choice(self, "item").empty_label = "Not linked to an item"
        group_people(_model_choice(self, "owner"), people, "Choose who owns the action")
        _choice(self, "status").choices = ActionStatus.choices
        if not self.instance.pk:
            del self.fields["status"]
        self.setup_helper()

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


# ---------------------------------------------------------------------------
# Declarations of interest

DUPLICATE_DECLARATION = "An interest has already been declared for this member on this item"
OWN_DUPLICATE = "You have already declared an interest on this item"


class DeclarationForm(forms.Form):
    """Nature of the interest and whether the declarer withdraws (SPEC §4). Who
    declares is one of ``seats`` (queries.declarer_seats): the member's own seat, or a
    seat they attend for as deputy; an officer (``for_officer``) chooses among every
    member and deputy of the meeting."""

    declarer = forms.ChoiceField(
        label="Who declares the interest?",
        help_text="The member of a seat, or the deputy attending for it.",
        error_messages={
            "required": "Choose who declares the interest",
            "invalid_choice": "Choose who declares the interest from the list",
        },
    )
    nature = forms.CharField(
        label="Nature of the interest",
        help_text="For example, 'My husband is a director of a provider bidding for this contract'.",
        max_length=DECLARATION_NATURE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the nature of the interest", "max_length": NATURE_TOO_LONG},
    )
    withdraws = forms.TypedChoiceField(
        label="Will the member withdraw from the meeting for this item?",
        help_text="Someone who withdraws records no position on the item; a member's deputy may act for the organisation.",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if the member will withdraw for this item",
            "invalid_choice": "Select yes if the member will withdraw for this item",
        },
    )

    def __init__(
        self,
        *args: Any,
        item: AgendaItem,
        seats: Sequence[DeclarerSeat],
        for_officer: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        self.seats = {seat.key: seat for seat in seats}
        self.for_officer = for_officer
        self.seat = seats[0] if len(seats) == 1 and not for_officer else None
        declarer = _choice(self, "declarer")
        fields: list[Any] = []
        if self.seat is not None:
            del self.fields["declarer"]
        elif for_officer:
            declarer.choices = [("", "Choose who declares"), *[(seat.key, seat.label) for seat in seats]]
            fields.append(Field.select("declarer"))
        else:
            # A member who also deputises for another seat says for which seat.
            declarer.label = "For which seat do you declare it?"
            declarer.help_text = ""
            declarer.widget = forms.RadioSelect()
            declarer.choices = [(seat.key, _own_seat_label(seat)) for seat in seats]
            declarer.error_messages["required"] = "Choose the seat you declare the interest for"
            fields.append(Field.radios("declarer", legend_size=Size.SMALL))
        if not for_officer:
            self.fields["withdraws"].label = "Will you withdraw from the meeting for this item?"
            withdraws = self.fields["withdraws"]
            withdraws.error_messages["required"] = "Select yes if you will withdraw for this item"
            withdraws.error_messages["invalid_choice"] = "Select yes if you will withdraw for this item"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page template has its own {% csrf_token %}
        self.helper.label_size = Size.SMALL
        fields.append(Field.textarea("nature", label_size=Size.SMALL, max_characters=DECLARATION_NATURE_MAX))
        # Stacked, not inline: crispy-forms-gds renders inline radios without the
        # govuk-radios class, so they would lose their GOV.UK styling.
        fields.append(Field.radios("withdraws", legend_size=Size.SMALL))
        self.helper.layout = Layout(*fields)

    def chosen(self) -> DeclarerSeat | None:
        if self.seat is not None:
            return self.seat
        return self.seats.get(self.cleaned_data.get("declarer") or "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        seat = self.chosen()
        # Friendly message before the action's unique check (declaration_once_per_item).
        if (
            seat is not None
            and Declaration.objects.filter(item=self.item, membership=seat.membership, person=seat.person).exists()
        ):
            raise forms.ValidationError(DUPLICATE_DECLARATION if self.for_officer else OWN_DUPLICATE)
        return cleaned

    def values(self) -> dict[str, Any]:
        """The declaration as declaration_record takes it."""
        seat = self.chosen()
        assert seat is not None  # is_valid() chose one
        return {
            "membership": seat.membership,
            "person": seat.person,
            "nature": self.cleaned_data["nature"].strip(),
            "withdraws": self.cleaned_data["withdraws"],
        }


def _own_seat_label(seat: DeclarerSeat) -> str:
    organisation = seat.membership.organisation.name
    if seat.as_deputy:
        return f"As deputy for {seat.membership.person.name} ({organisation})"
    return f"Your own seat for {organisation}"
