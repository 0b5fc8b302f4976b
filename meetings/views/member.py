"""The member's page and declarations of interest (SPEC §1 "board member / deputy", §4).

A member or deputy sees what is coming on the boards where they sit, the papers to read
for it, their open actions and their declarations of interest. A member declares an
interest on an item of their board's agenda, and so does a deputy attending for a
seat (their own interest, not the member's); an officer of the partnership may record
a declaration for any member or deputy of the meeting. See meetings/urls.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from accounts.models import User
from governance.forms import add_action_errors
from governance.http import AuthenticatedHttpRequest
from governance.pagecache import private_page

from .. import queries
from ..access import get_item_for_declaration, get_item_for_officer_declaration, get_own_seats, person_of
from ..actions import declaration_record
from ..forms import DUPLICATE_DECLARATION, DeclarationForm
from ..models import AgendaItem, Declaration


def _record(form: DeclarationForm, by: User) -> Declaration | None:
    """Run the action; a rule it refuses becomes a form error, never a 500."""
    try:
        return declaration_record(form.item, by=by, **form.values())
    except ValidationError as error:
        if hasattr(error, "error_dict") and NON_FIELD_ERRORS in error.error_dict:
            # full_clean's only whole-record rule here is declaration_once_per_item.
            error.error_dict[NON_FIELD_ERRORS] = [ValidationError(DUPLICATE_DECLARATION)]
        add_action_errors(form, error)
    except IntegrityError:
        # Two submissions raced past the check: the unique constraint caught the second.
        form.add_error(None, DUPLICATE_DECLARATION)
    return None


# ---------------------------------------------------------------------------
# The member's page


@private_page
@login_required
def member_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upcoming meetings, papers to read, open actions and declarations of the member
    or deputy. A fixed number of queries whatever the number of rows."""
    person = person_of(request.user)
    if person is None:
        return render(request, "meetings/member/no_seat.html")
    return render(request, "meetings/member/home.html", queries.member_home(person))


# ---------------------------------------------------------------------------
# Declarations of interest


def _render_declaration(
    request: AuthenticatedHttpRequest, form: DeclarationForm, item: AgendaItem, back: str, **extra: Any
) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "item": item, "meeting": item.meeting, "back": back, **extra}
    return render(request, "meetings/member/declare.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def declare(request: AuthenticatedHttpRequest, meeting_pk: int, item_pk: int) -> HttpResponse:
    """A member declares their own interest on an item of their board's agenda."""
    item = get_item_for_declaration(meeting_pk, item_pk)
    seats = get_own_seats(request.user, item)
    form = DeclarationForm(request.POST or None, item=item, seats=seats)
    if request.method == "POST" and form.is_valid():
        if _record(form, request.user):
            messages.success(request, f"Your declaration of interest on item {item.order}, {item.title}, is recorded.")
            return redirect("meetings:member_home")
    return _render_declaration(
        request, form, item, back=reverse("meetings:member_home"), title="Declare an interest", seat=form.seat
    )


@login_required
@require_http_methods(["GET", "POST"])
def declaration_new(request: AuthenticatedHttpRequest, meeting_pk: int, item_pk: int) -> HttpResponse:
    """An officer of the partnership records a declaration for a member of the board,
    or for a deputy attending for a seat."""
    item = get_item_for_officer_declaration(request.user, meeting_pk, item_pk)
    meeting = item.meeting
    form = DeclarationForm(request.POST or None, item=item, seats=queries.declarer_seats(meeting), for_officer=True)
    if request.method == "POST" and form.is_valid():
        declaration = _record(form, request.user)
        if declaration:
            messages.success(request, f"The declaration of {declaration.person.name} is recorded.")
            return redirect("meetings:declaration_new", meeting_pk=meeting.pk, item_pk=item.pk)
    return _render_declaration(
        request,
        form,
        item,
        back=reverse("meetings:manage_meeting", args=[meeting.pk]) + f"#item-{item.pk}",
        title="Record a declaration of interest",
        declared=queries.declarations_on(item),
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
