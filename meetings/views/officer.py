"""The officer's pages for a board's meetings (SPEC §4): schedule, agenda, papers,
publication, attendance, minutes and actions arising.

Every view has one shape: decorators → an access helper (403 for an officer of another
partnership) → a form → one action from meetings/actions.py → redirect. A rule an
action refuses comes back as a form error with status 400, never a 500. The meeting's
page offers only the steps meetings/states.py allows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.views.decorators.http import require_http_methods, require_POST

from decisions.queries import decisions_for_meeting
from governance.forms import add_action_errors, apply_action
from governance.http import AuthenticatedHttpRequest
from governance.pagecache import private_page
from governance.queue import noting_delays

from .. import actions, queries, states
from ..access import (
    get_action_for_officer,
    get_board_for_officer,
    get_item_for_officer,
    get_meeting_for_officer,
    get_paper_for_officer,
)
from ..forms import (
    ActionForm,
    AgendaItemForm,
    ApproveMinutesForm,
    AttendanceForm,
    CancelMeetingForm,
    ConfirmForm,
    InvitedAttendeeForm,
    MeetingForm,
    MinutesForm,
    PaperForm,
    PaperVersionForm,
    PublishAgendaForm,
    PublishPaperForm,
)
from ..models import Action, ActionStatus, AgendaItem, Attendance, Meeting, Paper

# ---------------------------------------------------------------------------
# Helpers


def _hub(meeting: Meeting, anchor: str = "") -> str:
    return reverse("meetings:manage_meeting", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def _bound(request: AuthenticatedHttpRequest) -> Any:
    """POST data when posted (even if empty, so the form is bound), else None."""
    return request.POST if request.method == "POST" else None


def _render_form(
    request: AuthenticatedHttpRequest, form: BaseForm, meeting: Meeting | None, title: str, back: str, **extra: Any
) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    template = extra.pop("template", "meetings/manage/form.html")
    context = {"form": form, "meeting": meeting, "title": title, "back": back, **extra}
    return render(request, template, context, status=status)


def _render_hub(
    request: AuthenticatedHttpRequest, meeting: Meeting, errors: Sequence[str] = (), status: int = 200
) -> HttpResponse:
    context = queries.meeting_hub(meeting)
    # The proposals put on the meeting's items (issue 8 item 14), exempt items included.
    proposals = decisions_for_meeting(meeting, public=False)
    by_item: dict[int, list[Any]] = {}
    for proposal in proposals:
        by_item.setdefault(proposal.item_id, []).append(proposal)
    for item in context["items"]:
        item.meeting_proposals = by_item.get(item.pk, [])
    context["proposals"] = proposals
    context["errors"] = errors
    context["back"] = reverse("meetings:manage_board_meetings", args=[meeting.board_id])
    return render(request, "meetings/manage/meeting.html", context, status=status)


# Said after the change when the background service (Redis) could not take its task: the
# change is saved, and the periodic sweeps queue the task once it is back (governance/queue.py).
DELAYED = "they will follow when the background service is back."
RENDER = "meetings.tasks.render_meeting_documents"


def _confirmed(request: AuthenticatedHttpRequest, name: str) -> bool:
    return request.method == "POST" and request.POST.get(name) == "yes"


def _button(
    request: AuthenticatedHttpRequest, meeting: Meeting, action: Callable[[], object], done: str, anchor: str = ""
) -> HttpResponse:
    """A button on the meeting's page: run the action; a refusal shows why there (400)."""
    try:
        action()
    except ValidationError as error:
        return _render_hub(request, meeting, errors=error.messages, status=400)
    if done:
        messages.success(request, done)
    return redirect(_hub(meeting, anchor))


# ---------------------------------------------------------------------------
# A board's meetings


@private_page
@login_required
def board_meetings(request: AuthenticatedHttpRequest, board_id: int) -> HttpResponse:
    board = get_board_for_officer(request.user, board_id)
    context = {
        "board": board,
        "partnership": board.partnership,
        **queries.board_meetings(board),
        "back": board.get_absolute_url(),
    }
    return render(request, "meetings/manage/board_meetings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: AuthenticatedHttpRequest, board_id: int) -> HttpResponse:
    board = get_board_for_officer(request.user, board_id)
    form = MeetingForm(_bound(request), instance=Meeting(board=board))
    notice: actions.ShortNotice | None = None
    if form.is_bound and form.is_valid():
        try:
            meeting = actions.meeting_schedule(
                board,
                by=request.user,
                confirm_short_notice=_confirmed(request, "confirm_short_notice"),
                **form.values(),
            )
        except actions.ShortNotice as short:
            # Not an error: the officer decides, having been told (issue 8 rule 3).
            notice = short
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request, f"The meeting on {dateformat.format(meeting.date, 'l j F Y')} has been scheduled."
            )
            return redirect(_hub(meeting))
    return _render_form(
        request,
        form,
        None,
        f"Schedule a meeting of {board.name}",
        back=reverse("meetings:manage_board_meetings", args=[board.pk]),
        template="meetings/manage/meeting_form.html",
        board=board,
        notice=notice,
        submit_label="Schedule the meeting anyway" if notice else "Schedule meeting",
    )


# ---------------------------------------------------------------------------
# One meeting


@private_page
@login_required
def meeting_manage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    return _render_hub(request, meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    form = MeetingForm(_bound(request), instance=meeting)
    notice: actions.ShortNotice | None = None
    if form.is_bound and form.is_valid():
        late = form.late_values()
        try:
            actions.meeting_update(
                meeting,
                by=request.user,
                changes=form.values(),
                confirm_short_notice=_confirmed(request, "confirm_short_notice"),
                late_reason=late["late_reason"],
                chair_agreed_by=late["chair_agreed_by"],
            )
        except actions.ShortNotice as short:
            notice = short
        except ValidationError as error:
            add_action_errors(form, error)
            if isinstance(error, actions.LateMove):
                form.show_late(True)  # the action asks for the late-business answers
        else:
            messages.success(request, "The meeting has been updated.")
            return redirect(_hub(meeting))
    submit_label = "Save the change anyway" if notice else "Save"
    return _render_form(
        request,
        form,
        meeting,
        "Edit the meeting",
        back=_hub(meeting),
        template="meetings/manage/meeting_form.html",
        board=meeting.board,
        notice=notice,
        submit_label="Save as late business" if getattr(form, "late", False) and not notice else submit_label,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    form = CancelMeetingForm(_bound(request))
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["cancelled_reason"]
        if apply_action(form, actions.meeting_cancel, meeting, reason=reason, by=request.user):
            messages.success(request, "The meeting has been cancelled.")
            return redirect(_hub(meeting))
    return _render_form(request, form, meeting, "Cancel the meeting", back=_hub(meeting), submit_label="Cancel meeting")


@login_required
@require_POST
def meeting_held(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    return _button(
        request,
        meeting,
        lambda: actions.meeting_mark_held(meeting, by=request.user),
        "The meeting is recorded as held.",
    )


# ---------------------------------------------------------------------------
# The agenda


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    late = queries.item_would_be_late(meeting, timezone.now())
    form = AgendaItemForm(_bound(request), instance=AgendaItem(meeting=meeting, order=0), late=late)
    if form.is_bound and form.is_valid():
        try:
            late_values = form.late_values()
            item = actions.item_add(
                meeting,
                by=request.user,
                late_reason=late_values["late_reason"],
                chair_agreed_by=late_values["chair_agreed_by"],
                **form.values(),
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            late_note = " as a late item" if item.late else ""
            messages.success(request, f"Item {item.order}, {item.title}, has been added to the agenda{late_note}.")
            return redirect(_hub(meeting, f"item-{item.pk}"))
    return _render_form(
        request,
        form,
        meeting,
        "Add an agenda item",
        back=_hub(meeting),
        template="meetings/manage/item_form.html",
        late=late,
        submit_label="Add as a late item" if late else "Add item",
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_item_for_officer(request.user, pk, item_pk)
    meeting = item.meeting
    # An exempt item made public after the deadline is late business (item_update).
    late = queries.item_public_late(item, timezone.now())
    form = AgendaItemForm(_bound(request), instance=item, late=late)
    if form.is_bound and form.is_valid():
        if apply_action(form, actions.item_update, item, by=request.user, changes=form.values(), **form.late_values()):
            messages.success(request, f"Item {item.order}, {item.title}, has been updated.")
            return redirect(_hub(meeting, f"item-{item.pk}"))
    return _render_form(request, form, meeting, f"Edit item {item.order}", back=_hub(meeting, f"item-{item.pk}"))


@login_required
@require_POST
def item_move(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_item_for_officer(request.user, pk, item_pk)
    direction = request.POST.get("direction")

    def move() -> None:
        if direction not in ("up", "down"):
            raise ValidationError("Choose whether to move the item up or down.")
        actions.item_move(item, up=direction == "up", by=request.user)

    return _button(request, item.meeting, move, "", anchor=f"item-{item.pk}")


# ---------------------------------------------------------------------------
# Papers


@login_required
@require_http_methods(["GET", "POST"])
def paper_new(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_item_for_officer(request.user, pk, item_pk)
    meeting = item.meeting
    people = queries.people_for_board(meeting.board)
    form = PaperForm(_bound(request), request.FILES or None, instance=Paper(item=item), people=people)
    if form.is_bound and form.is_valid():
        values = form.values()
        if apply_action(form, actions.paper_add, item, form.cleaned_data["file"], by=request.user, **values):
            messages.success(request, f"{values['title']} has been added. Publish it when it is final.")
            return redirect(_hub(meeting, f"item-{item.pk}"))
    return _render_form(
        request,
        form,
        meeting,
        f"Add a paper to item {item.order}",
        back=_hub(meeting, f"item-{item.pk}"),
        multipart=True,
        submit_label="Upload paper",
        caption=item.title,
        template="meetings/manage/paper_form.html",
        item=item,
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_upload(request: AuthenticatedHttpRequest, pk: int, paper_pk: int) -> HttpResponse:
    paper = get_paper_for_officer(request.user, pk, paper_pk)
    meeting = paper.item.meeting
    form = PaperVersionForm(_bound(request), request.FILES or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if apply_action(
            form,
            actions.paper_upload,
            paper,
            data["file"],
            by=request.user,
            note=data["change_note"],
            late_reason=data["late_reason"],
            chair_agreed_by=data["chair_agreed_by"],
        ):
            messages.success(request, f"A new version of {paper.title} has been uploaded. Earlier versions are kept.")
            return redirect(_hub(meeting, f"item-{paper.item_id}"))
    return _render_form(
        request,
        form,
        meeting,
        "Upload a new version",
        template="meetings/manage/paper_upload.html",
        paper=paper,
        past_deadline=timezone.localdate() > meeting.governing_deadline,
        back=_hub(meeting, f"item-{paper.item_id}"),
        multipart=True,
        submit_label="Upload version",
        caption=paper.title,
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_publish(request: AuthenticatedHttpRequest, pk: int, paper_pk: int) -> HttpResponse:
    paper = get_paper_for_officer(request.user, pk, paper_pk)
    meeting = paper.item.meeting
    late = queries.paper_is_late(paper, timezone.now())
    form = PublishPaperForm(_bound(request), late=late)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        with noting_delays() as delayed:
            done = apply_action(
                form,
                actions.paper_publish,
                paper,
                by=request.user,
                late_reason=data["late_reason"],
                chair_agreed_by=data["chair_agreed_by"],
            )
        if done:
            published = f"{paper.title} has been published{' as a late paper' if paper.late else ''}."
            if RENDER in delayed:
                published += " The agenda pack PDF is delayed: it will follow when the background service is back."
            messages.success(request, published)
            return redirect(_hub(meeting, f"item-{paper.item_id}"))
        if not late and ("late_reason" in form.errors or "chair_agreed_by" in form.errors):
            # The deadline passed between showing the page and posting it.
            late = True
            form.setup_helper("late_reason", "chair_agreed_by")
    return _render_form(
        request,
        form,
        meeting,
        f"Publish the paper ‘{paper.title}’",
        back=_hub(meeting, f"item-{paper.item_id}"),
        template="meetings/manage/paper_publish.html",
        paper=paper,
        latest=paper.versions.order_by("-number").first(),
        late=late,
        submit_label="Publish as a late paper" if late else "Publish paper",
    )


# ---------------------------------------------------------------------------
# Publishing the agenda


@login_required
@require_http_methods(["GET", "POST"])
def agenda_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    now = timezone.now()
    late = queries.agenda_is_late(meeting, now)
    form = PublishAgendaForm(_bound(request), late=late)
    missing: list[AgendaItem] = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            with noting_delays() as delayed:
                published = actions.agenda_publish(
                    meeting,
                    by=request.user,
                    confirm_missing=_confirmed(request, "confirm_missing"),
                    late_reason=data["late_reason"],
                    chair_agreed_by=data["chair_agreed_by"],
                )
        except actions.AgendaIncomplete as incomplete:
            # Not an error: the officer decides, having seen which items lack papers.
            missing = incomplete.items
        except ValidationError as error:
            add_action_errors(form, error)
            if not late and ("late_reason" in form.errors or "chair_agreed_by" in form.errors):
                # The deadline passed between showing the page and posting it.
                late = True
                form.setup_helper("late_reason", "chair_agreed_by")
        else:
            note = " as a late agenda" if published.agenda_late else ""
            if delayed:
                messages.success(
                    request,
                    f"The agenda has been published{note}. Its PDF and the emails to members are delayed: {DELAYED}",
                )
            else:
                messages.success(request, f"The agenda has been published{note}. Members are being told.")
            return redirect(_hub(meeting))
    title = "Items without papers" if missing else ("Publish a late agenda" if late else "Publish the agenda")
    return _render_form(
        request,
        form,
        meeting,
        title,
        back=_hub(meeting),
        template="meetings/manage/agenda_publish.html",
        missing=missing,
        late=late,
        started=meeting.start <= now,
        deadline=meeting.governing_deadline,
        empty=not meeting.items.exists(),
        submit_label="Publish anyway" if missing else ("Publish as a late agenda" if late else "Publish agenda"),
    )


# ---------------------------------------------------------------------------
# Attendance


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    sheet = queries.attendance_sheet(meeting)
    form = AttendanceForm(
        _bound(request),
        memberships=sheet.memberships,
        deputies=sheet.deputies,
        recorded=sheet.recorded,
        all_present=request.method == "GET" and request.GET.get("all") == "present",
    )
    if form.is_bound and form.is_valid():
        if apply_action(form, actions.attendance_record, meeting, form.entries(), by=request.user):
            messages.success(request, "Attendance has been recorded.")
            return redirect(_hub(meeting, "attendance"))
    refusal = states.refusal("attendance_record", meeting.status, start=meeting.start, now=timezone.now())
    return _render_form(
        request,
        form,
        meeting,
        "Record attendance",
        back=_hub(meeting, "attendance"),
        template="meetings/manage/attendance.html",
        memberships=sheet.memberships,
        refusal=refusal,
        submit_label="Save attendance",
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendee_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    people = queries.people_for_board(meeting.board, meeting.date)
    form = InvitedAttendeeForm(_bound(request), instance=Attendance(meeting=meeting), people=people)
    if form.is_bound and form.is_valid():
        values = form.values()
        if apply_action(form, actions.attendee_add, meeting, by=request.user, **values):
            messages.success(request, f"{values['person']} has been added as an invited attendee.")
            return redirect(_hub(meeting, "attendance"))
    return _render_form(
        request, form, meeting, "Add an invited attendee", back=_hub(meeting, "attendance"), submit_label="Add"
    )


# ---------------------------------------------------------------------------
# Minutes


@login_required
@require_http_methods(["GET", "POST"])
def minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    form = MinutesForm(_bound(request), items=meeting.items.order_by("order", "pk"))
    if form.is_bound and form.is_valid():
        if apply_action(form, actions.minutes_update, meeting, minutes=form.changed_minutes(), by=request.user):
            messages.success(request, "The draft minutes have been saved.")
            return redirect(_hub(meeting, "minutes"))
    return _render_form(
        request,
        form,
        meeting,
        "Draft the minutes",
        back=_hub(meeting, "minutes"),
        template="meetings/manage/minutes.html",
        can_draft="minutes_update" in queries.meeting_steps(meeting),
        status_phrase=states.STATUS_PHRASES.get(meeting.status, ""),
        submit_label="Save draft minutes",
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    candidates = queries.approval_candidates(meeting)
    form = ApproveMinutesForm(_bound(request), candidates=candidates)
    if form.is_bound and form.is_valid():
        at = form.cleaned_data["at"]
        if apply_action(form, actions.minutes_approve, meeting, at=at, by=request.user):
            messages.success(
                request,
                f"The minutes are recorded as approved at the meeting of {dateformat.format(at.date, 'j F Y')}.",
            )
            return redirect(_hub(meeting, "minutes"))
    return _render_form(
        request,
        form,
        meeting,
        "Record the approval of the minutes",
        back=_hub(meeting, "minutes"),
        template="meetings/manage/minutes_approve.html",
        has_candidates=candidates.exists(),
        next_meeting=queries.next_meeting_after(meeting),
        now=timezone.now(),
        submit_label="Record approval",
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    form = ConfirmForm(_bound(request))
    if form.is_bound and form.is_valid():
        with noting_delays() as delayed:
            done = apply_action(form, actions.minutes_publish, meeting, by=request.user)
        if done:
            if RENDER in delayed:
                messages.success(request, f"The minutes have been published. Their PDF is delayed: {DELAYED}")
            else:
                messages.success(request, "The minutes have been published.")
            return redirect(_hub(meeting, "minutes"))
    return _render_form(
        request,
        form,
        meeting,
        "Publish the minutes",
        back=_hub(meeting, "minutes"),
        template="meetings/manage/minutes_publish.html",
        submit_label="Publish minutes",
    )


# ---------------------------------------------------------------------------
# Actions arising


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)
    initial = {}
    if (item_pk := request.GET.get("item", "")).isdigit():
        initial["item"] = meeting.items.filter(pk=item_pk).first()
    people = queries.people_for_board(meeting.board)
    form = ActionForm(
        _bound(request),
        instance=Action(meeting=meeting),
        items=meeting.items.all(),
        people=people,
        initial=initial,
    )
    if form.is_bound and form.is_valid():
        if apply_action(form, actions.action_create, meeting, by=request.user, **form.values()):
            messages.success(request, "The action has been added.")
            return redirect(_hub(meeting, "actions"))
    return _render_form(request, form, meeting, "Add an action", back=_hub(meeting, "actions"), submit_label="Add")


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthenticatedHttpRequest, pk: int, action_pk: int) -> HttpResponse:
    action = get_action_for_officer(request.user, pk, action_pk)
    meeting = action.meeting
    people = queries.people_for_board(meeting.board)
    form = ActionForm(_bound(request), instance=action, items=meeting.items.all(), people=people)
    if form.is_bound and form.is_valid():
        if apply_action(form, actions.action_update, action, by=request.user, changes=form.values()):
            messages.success(request, "The action has been updated.")
            return redirect(_hub(meeting, "actions"))
    return _render_form(request, form, meeting, "Edit the action", back=_hub(meeting, "actions"))


@login_required
@require_POST
def action_done(request: AuthenticatedHttpRequest, pk: int, action_pk: int) -> HttpResponse:
    action = get_action_for_officer(request.user, pk, action_pk)
    return _button(
        request,
        action.meeting,
        lambda: actions.action_update(action, by=request.user, changes={"status": ActionStatus.DONE}),
        f"The action for {action.owner} is marked done.",
        anchor="actions",
    )


# ---------------------------------------------------------------------------

urlpatterns = [
    path("manage/boards/<id:board_id>/meetings/", board_meetings, name="manage_board_meetings"),
    path("manage/boards/<id:board_id>/meetings/new/", meeting_new, name="manage_meeting_new"),
    path("manage/meetings/<id:pk>/", meeting_manage, name="manage_meeting"),
    path("manage/meetings/<id:pk>/edit/", meeting_edit, name="manage_meeting_edit"),
    path("manage/meetings/<id:pk>/cancel/", meeting_cancel, name="manage_meeting_cancel"),
    path("manage/meetings/<id:pk>/held/", meeting_held, name="manage_meeting_held"),
    path("manage/meetings/<id:pk>/items/new/", item_new, name="manage_item_new"),
    path("manage/meetings/<id:pk>/items/<id:item_pk>/edit/", item_edit, name="manage_item_edit"),
    path("manage/meetings/<id:pk>/items/<id:item_pk>/move/", item_move, name="manage_item_move"),
    path("manage/meetings/<id:pk>/items/<id:item_pk>/papers/new/", paper_new, name="manage_paper_new"),
    path("manage/meetings/<id:pk>/papers/<id:paper_pk>/upload/", paper_upload, name="manage_paper_upload"),
    path("manage/meetings/<id:pk>/papers/<id:paper_pk>/publish/", paper_publish, name="manage_paper_publish"),
    path("manage/meetings/<id:pk>/publish/", agenda_publish, name="manage_agenda_publish"),
    path("manage/meetings/<id:pk>/attendance/", attendance, name="manage_attendance"),
    path("manage/meetings/<id:pk>/attendance/invited/", attendee_new, name="manage_attendee_new"),
    path("manage/meetings/<id:pk>/minutes/", minutes, name="manage_minutes"),
    path("manage/meetings/<id:pk>/minutes/approve/", minutes_approve, name="manage_minutes_approve"),
    path("manage/meetings/<id:pk>/minutes/publish/", minutes_publish, name="manage_minutes_publish"),
    path("manage/meetings/<id:pk>/actions/new/", action_new, name="manage_action_new"),
    path("manage/meetings/<id:pk>/actions/<id:action_pk>/edit/", action_edit, name="manage_action_edit"),
    path("manage/meetings/<id:pk>/actions/<id:action_pk>/done/", action_done, name="manage_action_done"),
]
