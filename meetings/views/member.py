"""The member's page and declarations of interest (SPEC §1 "board member / deputy", §4).

A member or deputy sees what is coming on the boards where they sit, the papers to read
for it, their open actions and their declarations of interest. A member declares an
interest on an item of their board's agenda; an officer of the partnership may record
a declaration for any member of the board. See meetings/urls.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import BooleanField, Case, Max, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.models import User
from partnerships.models import Membership, Person

from ..access import get_item_for_officer
from ..actions import declaration_record
from ..models import Action, ActionStatus, AgendaItem, Declaration, Meeting, MeetingStatus, Paper, public_paper_q

# Upcoming meetings shown on the member's page. A scheduled meeting shows only its date
# and paper deadline: its agenda is not settled until it is published.
UPCOMING_STATUSES = (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)

# Declarations are made once the agenda is published, at the meeting, and until the
# minutes that record them (SPEC §4) are approved.
DECLARABLE_STATUSES = (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT)

DUPLICATE_DECLARATION = "An interest has already been declared for this member on this item"


# ---------------------------------------------------------------------------
# Access


def _person_of(user: User) -> Person | None:
    """The Person linked to a signed-in user (Person.user, related_name "person")."""
    return getattr(user, "person", None)


def _start_of_today() -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))


def _require_declarable(meeting: Meeting) -> None:
    if meeting.status not in DECLARABLE_STATUSES:
        raise PermissionDenied(
            "Interests can be declared once the agenda is published and until the minutes are approved."
        )


def _get_item_for_declaration(meeting_pk: int, item_pk: int) -> AgendaItem:
    """The item, 404 if it is not on that meeting; 403 with a reason if the meeting is
    not open to declarations."""
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__board__partnership"), meeting_id=meeting_pk, pk=item_pk
    )
    _require_declarable(item.meeting)
    return item


def _get_own_seat(user: User, item: AgendaItem) -> Membership:
    """The user's own seat on the item's board on the day of the meeting, or 403."""
    person = _person_of(user)
    if person is None:
        raise PermissionDenied("Your account is not linked to a board seat, so you cannot declare an interest.")
    meeting = item.meeting
    seat = (
        meeting.board.memberships.current(meeting.date)
        .filter(person=person)
        .select_related("person", "organisation", "board")
        .first()
    )
    if seat is None:
        raise PermissionDenied("You do not hold a seat on this board, so you cannot declare an interest on its agenda.")
    return seat


# ---------------------------------------------------------------------------
# Forms


class DeclarationForm(forms.Form):
    """Nature of the interest and whether the member withdraws (SPEC §4). With
    ``memberships``, the officer's version: choose whose declaration it is."""

    membership = forms.ModelChoiceField(
        queryset=Membership.objects.none(),
        label="Member",
        help_text="The member who declares the interest.",
        error_messages={"required": "Choose the member who declares the interest"},
    )
    nature = forms.CharField(
        label="Nature of the interest",
        help_text="For example, 'My husband is a director of a provider bidding for this contract'.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the nature of the interest"},
    )
    withdraws = forms.TypedChoiceField(
        label="Will the member withdraw from the meeting for this item?",
        help_text="A member who withdraws records no position on the item; their deputy may act for the organisation.",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the member will withdraw for this item"},
    )

    def __init__(
        self,
        *args: Any,
        item: AgendaItem,
        seat: Membership | None = None,
        memberships: QuerySet[Membership] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        self.seat = seat
        if memberships is None:
            del self.fields["membership"]
            self.fields["withdraws"].label = "Will you withdraw from the meeting for this item?"
            self.fields["withdraws"].error_messages["required"] = "Select yes if you will withdraw for this item"
        else:
            self.fields["membership"].queryset = memberships
            self.fields["membership"].label_from_instance = lambda m: f"{m.person.name} ({m.organisation.name})"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page template has its own {% csrf_token %}
        self.helper.label_size = Size.SMALL
        fields = [Field.text("nature", label_size=Size.SMALL)]
        # Stacked, not inline: crispy-forms-gds renders inline radios without the
        # govuk-radios class, so they would lose their GOV.UK styling.
        fields.append(Field.radios("withdraws", legend_size=Size.SMALL))
        if memberships is not None:
            fields.insert(0, Field.select("membership", legend_size=Size.SMALL))
        self.helper.layout = Layout(*fields)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        membership = cleaned.get("membership", self.seat)
        # Friendly message before the action's unique check (declaration_once_per_item).
        if membership is not None and Declaration.objects.filter(item=self.item, membership=membership).exists():
            raise forms.ValidationError(
                "You have already declared an interest on this item" if self.seat else DUPLICATE_DECLARATION
            )
        return cleaned

    def declaration(self) -> Declaration:
        return Declaration(
            item=self.item,
            membership=self.cleaned_data.get("membership", self.seat),
            nature=self.cleaned_data["nature"].strip(),
            withdraws=self.cleaned_data["withdraws"],
        )


def _record(form: DeclarationForm, by: User) -> Declaration | None:
    """Run the action; a rule it refuses becomes a form error, never a 500."""
    declaration = form.declaration()
    try:
        return declaration_record(declaration, by=by)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                if field == NON_FIELD_ERRORS:
                    # full_clean's only whole-record rule here is declaration_once_per_item.
                    form.add_error(None, DUPLICATE_DECLARATION)
                else:
                    form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
    except IntegrityError:
        # Two submissions raced past the check: the unique constraint caught the second.
        form.add_error(None, DUPLICATE_DECLARATION)
    return None


# ---------------------------------------------------------------------------
# The member's page


@login_required
def member_home(request: HttpRequest) -> HttpResponse:
    """Upcoming meetings, papers to read, open actions and declarations of the member
    or deputy. A fixed number of queries whatever the number of rows."""
    person = _person_of(request.user)  # type: ignore[arg-type]
    if person is None:
        return render(request, "meetings/member/no_seat.html")
    today = timezone.localdate()

    seats = list(
        Membership.objects.current(today)
        .filter(Q(person=person) | Q(deputy=person))
        .select_related("board__partnership", "organisation", "person")
        .order_by("board__partnership__name", "board__name")
    )
    board_ids = {m.board_id for m in seats}
    own_board_ids = {m.board_id for m in seats if m.person_id == person.pk}

    upcoming = list(
        Meeting.objects.filter(board_id__in=board_ids, status__in=UPCOMING_STATUSES, start__gte=_start_of_today())
        .select_related("board__partnership")
        .prefetch_related("items")
        .order_by("start")
    )
    for meeting in upcoming:
        # Items are listed (with a link to declare) only once the agenda is published,
        # and only to a member who holds a seat, not to a deputy.
        meeting.can_declare = meeting.status == MeetingStatus.AGENDA_PUBLISHED and meeting.board_id in own_board_ids

    # Papers a member may read: those anyone may read (published, on a published
    # agenda, not exempt) and those made available to members before publication,
    # exempt ones included (SPEC §4 "Publication"). An exempt paper not made
    # available to members stays with the officers.
    papers = list(
        Paper.objects.filter(item__meeting__in=[m.pk for m in upcoming])
        .filter(public_paper_q() | Q(available_to_members=True))
        .annotate(latest_number=Max("versions__number"))
        .filter(latest_number__isnull=False)
        .select_related("item__meeting__board")
        .order_by("item__meeting__start", "item__order", "pk")
    )

    actions = list(
        Action.objects.filter(owner=person, status=ActionStatus.OPEN)
        .annotate(
            overdue=Case(When(due_date__lt=today, then=Value(True)), default=Value(False), output_field=BooleanField())
        )
        .select_related("meeting__board", "item")
        .order_by("due_date", "pk")
    )

    declarations = list(
        Declaration.objects.filter(membership__person=person)
        .select_related("item__meeting__board", "membership__organisation")
        .order_by("-item__meeting__start", "item__order")
    )

    context = {
        "person": person,
        "seats": seats,
        "upcoming": upcoming,
        "papers": papers,
        "actions": actions,
        "overdue_count": sum(1 for a in actions if a.overdue),
        "declarations": declarations,
    }
    return render(request, "meetings/member/home.html", context)


# ---------------------------------------------------------------------------
# Declarations of interest


def _render_declaration(
    request: HttpRequest, form: DeclarationForm, item: AgendaItem, back: str, **extra: Any
) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "item": item, "meeting": item.meeting, "back": back, **extra}
    return render(request, "meetings/member/declare.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest, meeting_pk: int, item_pk: int) -> HttpResponse:
    """A member declares their own interest on an item of their board's agenda."""
    item = _get_item_for_declaration(meeting_pk, item_pk)
    seat = _get_own_seat(request.user, item)  # type: ignore[arg-type]
    form = DeclarationForm(request.POST or None, item=item, seat=seat)
    if request.method == "POST" and form.is_valid():
        if _record(form, request.user):  # type: ignore[arg-type]
            messages.success(request, f"Your declaration of interest on item {item.order}, {item.title}, is recorded.")
            return redirect("meetings:member_home")
    return _render_declaration(
        request, form, item, back=reverse("meetings:member_home"), title="Declare an interest", seat=seat
    )


@login_required
@require_http_methods(["GET", "POST"])
def declaration_new(request: HttpRequest, meeting_pk: int, item_pk: int) -> HttpResponse:
    """An officer of the partnership records a declaration for a member of the board."""
    item = get_item_for_officer(request.user, meeting_pk, item_pk)  # type: ignore[arg-type]
    meeting = item.meeting
    _require_declarable(meeting)
    memberships = (
        meeting.board.memberships.current(meeting.date)
        .select_related("person", "organisation")
        .order_by("person__name")
    )
    form = DeclarationForm(request.POST or None, item=item, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        declaration = _record(form, request.user)  # type: ignore[arg-type]
        if declaration:
            messages.success(request, f"The declaration of {declaration.membership.person.name} is recorded.")
            return redirect("meetings:declaration_new", meeting_pk=meeting.pk, item_pk=item.pk)
    declared = list(item.declarations.select_related("membership__person", "membership__organisation"))
    return _render_declaration(
        request,
        form,
        item,
        back=reverse("manage:dashboard"),
        title="Record a declaration of interest",
        declared=declared,
        for_officer=True,
    )


urlpatterns = [
    path("my/", member_home, name="member_home"),
    path("my/meetings/<id:meeting_pk>/items/<id:item_pk>/declare/", declare, name="declare"),
    path(
        "manage/meetings/<id:meeting_pk>/items/<id:item_pk>/declarations/new/",
        declaration_new,
        name="declaration_new",
    ),
]
