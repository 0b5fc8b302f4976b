"""Forms of the officer pages for meetings (SPEC §4). They validate input and shape it
for the actions in meetings/actions.py; the rules themselves live in the actions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from crispy_forms_gds.layout import HTML, Field, Layout, Size
from django import forms
from django.db.models import QuerySet
from django.utils import dateformat, timezone
from django.utils.html import escape, format_html

from governance.forms import GdsFormMixin, date_field
from partnerships.models import Membership, Person

from .actions import AttendanceEntry
from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    ExemptCategory,
    Meeting,
    MeetingStatus,
    Paper,
    Purpose,
)

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
# Scheduling


class MeetingForm(GdsForm, forms.ModelForm):
    date = date_field("Date of the meeting")
    start_time = _time_field("Start time", required=True)
    end_time = _time_field("End time", required=False)
    online_url = forms.URLField(
        label="Link to join online",
        required=False,
        assume_scheme="https",
        help_text="Only for a meeting held online or hybrid.",
        error_messages={"invalid": "Enter the link in the correct format, like https://meet.example.org/board"},
    )

    class Meta:
        model = Meeting
        fields = ["title", "venue", "online_url"]
        labels = {"title": "Title", "venue": "Venue"}
        help_texts = {"title": "Leave blank to use the board's name.", "venue": "The address, or 'Online'."}
        error_messages = {"venue": {"required": "Enter the venue, or 'Online'"}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            start = timezone.localtime(self.instance.start)
            self.initial.setdefault("date", start.date())
            self.initial.setdefault("start_time", f"{start:%H:%M}")
            if self.instance.end:
                self.initial.setdefault("end_time", f"{timezone.localtime(self.instance.end):%H:%M}")
        self.order_fields(["title", "date", "start_time", "end_time", "venue", "online_url"])
        self.setup_helper()

    def _time(self, name: str) -> dt.time | None:
        text = self.cleaned_data.get(name, "")
        if not text:
            return None
        parsed = parse_time(text)
        if parsed is None:
            self.add_error(name, f"Enter the {self.fields[name].label.lower()} as a time, for example 10:00 or 2pm")
        return parsed

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start_time, end_time = self._time("start_time"), self._time("end_time")
        day = data.get("date")
        if day and start_time:
            # Times are entered in UK local time (settings.TIME_ZONE).
            self.instance.start = timezone.make_aware(dt.datetime.combine(day, start_time))
            self.instance.end = timezone.make_aware(dt.datetime.combine(day, end_time)) if end_time else None
            if end_time and end_time <= start_time:
                self.add_error("end_time", "The end time must be after the start time")
        return data


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


class AgendaItemForm(GdsForm, forms.ModelForm):
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = Purpose.choices
        self.fields["purpose"].error_messages["required"] = "Choose the purpose of the item"
        self.fields["exempt_category"].choices = [("", "Not exempt"), *ExemptCategory.choices]
        self.setup_helper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # The model's constraint agenda_item_exempt_needs_category would refuse this
        # too; say so against the field first (LGA 1972 s100A(4) needs the category).
        if data.get("exempt") and not data.get("exempt_category"):
            self.add_error(
                "exempt_category", "Choose the category of exempt information, or untick 'This item is exempt'"
            )
        if not data.get("exempt"):
            data["exempt_category"] = ""
        return data


# ---------------------------------------------------------------------------
# Papers


def _file_field(label: str) -> forms.FileField:
    # Empty files reach meetings/uploads.py, which refuses them with its own message:
    # one place decides what an acceptable paper is.
    return forms.FileField(
        label=label,
        allow_empty_file=True,
        help_text="PDF, DOCX, ODT or XLSX. The type is checked from the file's content, not its name.",
        error_messages={"required": "Select the file to upload", "invalid": "Select the file to upload"},
    )


class PaperForm(GdsForm, forms.ModelForm):
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

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = people
        self.fields["author"].empty_label = "Not listed"
        self.setup_helper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("author") and not (data.get("author_name") or "").strip():
            self.add_error("author_name", "Choose the author or enter their name")
        return data


class PaperVersionForm(GdsForm, forms.Form):
    file = _file_field("The new version")
    change_note = forms.CharField(
        label="What has changed?",
        max_length=300,
        help_text="Listed with the version; for a published paper it is shown as a supplement.",
        error_messages={"required": "Enter what has changed in this version"},
    )
    # A supplement to a published paper after the deadline is late business too.
    late_reason = forms.CharField(
        label="If the deadline has passed: why is the new version late, and why can it not wait?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed only after the paper deadline. The reason is recorded in the minutes.",
    )
    chair_agreed_by = forms.CharField(
        label="If the deadline has passed: the chair who agreed to take it as urgent business",
        required=False,
        max_length=200,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


class PublishPaperForm(GdsForm, forms.Form):
    """After the deadline a paper needs a reason and the chair's agreement (SPEC §4,
    LGA 1972 s100B(4)(b)). paper_publish decides whether it is late and refuses a late
    paper without them; its errors land on these fields."""

    late_reason = forms.CharField(
        label="Why is the paper late, and why can it not wait for the next meeting?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="This reason is recorded in the minutes of the meeting.",
    )
    chair_agreed_by = forms.CharField(
        label="Name of the chair who agreed to take it as urgent business",
        required=False,
        max_length=200,
    )

    def __init__(self, *args: Any, late: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.late = late
        self.setup_helper(*(["late_reason", "chair_agreed_by"] if late else []))


# ---------------------------------------------------------------------------
# Attendance


class AttendanceForm(GdsForm, forms.Form):
    """One status and one deputy per seat on the board on the day of the meeting."""

    def __init__(
        self,
        *args: Any,
        memberships: Sequence[Membership],
        people_by_organisation: Mapping[int, Sequence[Person]],
        recorded: Mapping[int, Attendance],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.memberships = list(memberships)
        layout: list[Any] = []
        for membership in self.memberships:
            person = membership.person
            status_name, deputy_name = f"status_{membership.pk}", f"deputy_{membership.pk}"
            self.fields[status_name] = forms.ChoiceField(
                label=format_html("{} <span class='govuk-caption-m'>{}</span>", person.name, membership.organisation),
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose whether {person.name} attended"},
            )
            self.fields[deputy_name] = forms.TypedChoiceField(
                label=f"Deputy for {escape(person.name)}",
                choices=self._deputy_choices(membership, people_by_organisation),
                coerce=int,
                empty_value=None,
                required=False,
                help_text="Only if represented by a deputy.",
            )
            earlier = recorded.get(membership.pk)
            if earlier is not None:
                self.initial[status_name] = earlier.status
                self.initial[deputy_name] = earlier.deputy_id or membership.deputy_id
            else:
                self.initial[deputy_name] = membership.deputy_id
            layout += [
                Field.radios(status_name, legend_size=Size.MEDIUM, small=True),
                Field.select(deputy_name),
                HTML('<hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible">'),
            ]
        self.setup_helper(*layout)

    @staticmethod
    def _deputy_choices(
        membership: Membership, people_by_organisation: Mapping[int, Sequence[Person]]
    ) -> list[tuple[Any, str]]:
        """The designated deputy first (001 principle 5), then others of the same organisation."""
        choices: list[tuple[Any, str]] = [("", "No deputy")]
        if membership.deputy is not None:
            choices.append((membership.deputy.pk, f"{membership.deputy.name} (designated deputy)"))
        for person in people_by_organisation.get(membership.organisation_id, ()):
            if person.pk not in (membership.person_id, membership.deputy_id):
                choices.append((person.pk, person.name))
        return choices

    def clean(self) -> dict[str, Any]:
        data = super().clean()
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


class InvitedAttendeeForm(GdsForm, forms.ModelForm):
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("name")
        self.fields["organisation"].empty_label = "None"
        self.fields["invited_role"].required = True
        self.setup_helper()


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

    def changed_minutes(self) -> list[tuple[AgendaItem, str]]:
        return [
            (item, self.cleaned_data[f"minute_{item.pk}"])
            for item in self.items
            if self.cleaned_data[f"minute_{item.pk}"].strip() != item.minutes
        ]


class _MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.display_title}, {dateformat.format(obj.date, 'l j F Y')} ({obj.get_status_display().lower()})"


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
        self.fields["at"].queryset = candidates
        self.setup_helper()


def approval_candidates(meeting: Meeting) -> QuerySet[Meeting]:
    """Later meetings of the same board that have started, with a published agenda,
    as minutes_approve accepts (SPEC §4: approved at the next meeting)."""
    return (
        Meeting.objects.filter(board_id=meeting.board_id, start__gt=meeting.start, start__lte=timezone.now())
        .exclude(status__in=[MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED])
        .select_related("board")
        .order_by("start")
    )


# ---------------------------------------------------------------------------
# Actions arising


class ActionForm(GdsForm, forms.ModelForm):
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

    def __init__(self, *args: Any, items: QuerySet[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].empty_label = "Not linked to an item"
        self.fields["owner"].queryset = Person.objects.order_by("name")
        self.fields["status"].choices = ActionStatus.choices
        if not self.instance.pk:
            del self.fields["status"]
        self.setup_helper()
