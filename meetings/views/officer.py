"""The officer's pages for a board's meetings (SPEC §4): schedule, agenda, papers,
publication, attendance, minutes and actions arising.

Every view has one shape: decorators → an access helper (403 for an officer of another
partnership) → a form → one action from meetings/actions.py → redirect. A rule an
action refuses comes back as a form error with status 400, never a 500.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from governance.forms import add_action_errors, apply_action
from partnerships.access import can_edit_partnership
from partnerships.models import Board, Membership, Person

from .. import actions
from ..access import get_item_for_officer, get_meeting_for_officer, get_paper_for_officer
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
    PublishPaperForm,
    approval_candidates,
)
from ..models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
    Purpose,
)

# ---------------------------------------------------------------------------
# Helpers


def _board_for_officer(user: User, board_id: int) -> Board:
    """The board, or 404; 403 unless the user services its partnership (SPEC §1)."""
    board = get_object_or_404(Board.objects.select_related("partnership"), pk=board_id)
    if not can_edit_partnership(user, board.partnership):
        raise PermissionDenied("You do not service this partnership, so you cannot change its meetings.")
    return board


def _hub(meeting: Meeting, anchor: str = "") -> str:
    return reverse("meetings:manage_meeting", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def _bound(request: HttpRequest) -> Any:
    """POST data when posted (even if empty, so the form is bound), else None."""
    return request.POST if request.method == "POST" else None


def _render_form(
    request: HttpRequest, form: BaseForm, meeting: Meeting | None, title: str, back: str, **extra: Any
) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    template = extra.pop("template", "meetings/manage/form.html")
    context = {"form": form, "meeting": meeting, "title": title, "back": back, **extra}
    return render(request, template, context, status=status)


def _hub_items(meeting: Meeting) -> list[AgendaItem]:
    """The agenda with its papers and their versions in three queries, however long."""
    versions = PaperVersion.objects.order_by("number")
    papers = Paper.objects.select_related("author").prefetch_related(Prefetch("versions", queryset=versions))
    return list(meeting.items.order_by("order", "pk").prefetch_related(Prefetch("papers", queryset=papers)))


def _render_hub(request: HttpRequest, meeting: Meeting, errors: Sequence[str] = (), status: int = 200) -> HttpResponse:
    items = _hub_items(meeting)
    # As actions.items_missing_papers, but from the rows already loaded.
    missing = [
        item
        for item in items
        if item.purpose != Purpose.INFORMATION and not any(p.published_at for p in item.papers.all())
    ]
    attendance = list(meeting.attendance.select_related("person", "organisation", "deputy").order_by("pk"))
    arising = list(meeting.actions.select_related("owner", "item"))
    approved_at = (
        Meeting.objects.select_related("board").filter(pk=meeting.minutes_approved_at_id).first()
        if meeting.minutes_approved_at_id
        else None
    )
    statutory = meeting.statutory_deadline
    context = {
        "meeting": meeting,
        "board": meeting.board,
        "partnership": meeting.board.partnership,
        "items": items,
        "missing": missing,
        "attendance": attendance,
        "arising": arising,
        "approved_at": approved_at,
        "today": timezone.localdate(),
        "started": meeting.start <= timezone.now(),
        "paper_deadline": meeting.paper_deadline,
        "statutory_deadline": statutory,
        "governing_deadline": meeting.governing_deadline,
        "statutory_governs": statutory is not None and statutory < meeting.paper_deadline,
        "statuses": MeetingStatus,
        "errors": errors,
        "back": reverse("meetings:manage_board_meetings", args=[meeting.board_id]),
    }
    return render(request, "meetings/manage/meeting.html", context, status=status)


def _refused(request: HttpRequest, meeting: Meeting, error: ValidationError) -> HttpResponse:
    """A button on the hub asked for something a rule refuses: show why, status 400."""
    return _render_hub(request, meeting, errors=error.messages, status=400)


# ---------------------------------------------------------------------------
# A board's meetings


@login_required
def board_meetings(request: HttpRequest, board_id: int) -> HttpResponse:
    board = _board_for_officer(request.user, board_id)  # type: ignore[arg-type]
    meetings = list(board.meetings.select_related("board").order_by("-start"))
    now = timezone.now()
    context = {
        "board": board,
        "partnership": board.partnership,
        "upcoming": [m for m in reversed(meetings) if m.start >= now],
        "past": [m for m in meetings if m.start < now],
        "back": board.get_absolute_url(),
    }
    return render(request, "meetings/manage/board_meetings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, board_id: int) -> HttpResponse:
    board = _board_for_officer(request.user, board_id)  # type: ignore[arg-type]
    form = MeetingForm(_bound(request), instance=Meeting(board=board))
    if form.is_bound and form.is_valid():
        meeting = form.save(commit=False)
        if apply_action(form, actions.meeting_schedule, meeting, by=request.user):
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
        submit_label="Schedule meeting",
    )


# ---------------------------------------------------------------------------
# One meeting


@login_required
def meeting_manage(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    return _render_hub(request, meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    form = MeetingForm(_bound(request), instance=meeting)
    if form.is_bound and form.is_valid():
        changed = form.changed_data
        if apply_action(form, actions.meeting_update, form.save(commit=False), by=request.user, changed=changed):
            messages.success(request, "The meeting has been updated.")
            return redirect(_hub(meeting))
    return _render_form(
        request,
        form,
        meeting,
        "Edit the meeting",
        back=_hub(meeting),
        template="meetings/manage/meeting_form.html",
        board=meeting.board,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    form = CancelMeetingForm(_bound(request))
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["cancelled_reason"]
        if apply_action(form, actions.meeting_cancel, meeting, reason=reason, by=request.user):
            messages.success(request, "The meeting has been cancelled.")
            return redirect(_hub(meeting))
    return _render_form(request, form, meeting, "Cancel the meeting", back=_hub(meeting), submit_label="Cancel meeting")


@login_required
@require_POST
def meeting_held(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    try:
        actions.meeting_mark_held(meeting, by=request.user)
    except ValidationError as error:
        return _refused(request, meeting, error)
    messages.success(request, "The meeting is recorded as held.")
    return redirect(_hub(meeting))


# ---------------------------------------------------------------------------
# The agenda


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    form = AgendaItemForm(_bound(request), instance=AgendaItem(meeting=meeting, order=0))
    if form.is_bound and form.is_valid():
        item = form.save(commit=False)
        if apply_action(form, actions.item_add, item, by=request.user):
            messages.success(request, f"Item {item.order}, {item.title}, has been added to the agenda.")
            return redirect(_hub(meeting, f"item-{item.pk}"))
    return _render_form(request, form, meeting, "Add an agenda item", back=_hub(meeting), submit_label="Add item")


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_item_for_officer(request.user, pk, item_pk)  # type: ignore[arg-type]
    meeting = item.meeting
    form = AgendaItemForm(_bound(request), instance=item)
    if form.is_bound and form.is_valid():
        if apply_action(form, actions.item_update, form.save(commit=False), by=request.user, changed=form.changed_data):
            messages.success(request, f"Item {item.order}, {item.title}, has been updated.")
            return redirect(_hub(meeting, f"item-{item.pk}"))
    return _render_form(request, form, meeting, f"Edit item {item.order}", back=_hub(meeting, f"item-{item.pk}"))


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_item_for_officer(request.user, pk, item_pk)  # type: ignore[arg-type]
    meeting = item.meeting
    direction = request.POST.get("direction")
    try:
        if direction not in ("up", "down"):
            raise ValidationError("Choose whether to move the item up or down.")
        actions.item_move(item, up=direction == "up", by=request.user)
    except ValidationError as error:
        return _refused(request, meeting, error)
    return redirect(_hub(meeting, f"item-{item.pk}"))


# ---------------------------------------------------------------------------
# Papers


@login_required
@require_http_methods(["GET", "POST"])
def paper_new(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_item_for_officer(request.user, pk, item_pk)  # type: ignore[arg-type]
    meeting = item.meeting
    people = Person.objects.select_related("organisation").order_by("name")
    form = PaperForm(_bound(request), request.FILES or None, instance=Paper(item=item), people=people)
    if form.is_bound and form.is_valid():
        paper = form.save(commit=False)
        if apply_action(form, actions.paper_add, paper, form.cleaned_data["file"], by=request.user):
            messages.success(request, f"{paper.title} has been added. Publish it when it is final.")
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
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_upload(request: HttpRequest, pk: int, paper_pk: int) -> HttpResponse:
    paper = get_paper_for_officer(request.user, pk, paper_pk)  # type: ignore[arg-type]
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
def paper_publish(request: HttpRequest, pk: int, paper_pk: int) -> HttpResponse:
    paper = get_paper_for_officer(request.user, pk, paper_pk)  # type: ignore[arg-type]
    meeting = paper.item.meeting
    late = actions.paper_is_late(paper, timezone.now())
    form = PublishPaperForm(_bound(request), late=late)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if apply_action(
            form,
            actions.paper_publish,
            paper,
            by=request.user,
            late_reason=data["late_reason"],
            chair_agreed_by=data["chair_agreed_by"],
        ):
            messages.success(request, f"{paper.title} has been published{' as a late paper' if paper.late else ''}.")
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
def agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    form = ConfirmForm(_bound(request))
    missing: list[AgendaItem] = []
    if form.is_bound and form.is_valid():
        confirm = request.POST.get("confirm_missing") == "yes"
        try:
            actions.agenda_publish(meeting, by=request.user, confirm_missing=confirm)
        except actions.AgendaIncomplete as incomplete:
            # Not an error: the officer decides, having seen which items lack papers.
            missing = incomplete.items
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "The agenda has been published. Members are being told.")
            return redirect(_hub(meeting))
    return _render_form(
        request,
        form,
        meeting,
        "Items without papers" if missing else "Publish the agenda",
        back=_hub(meeting),
        template="meetings/manage/agenda_publish.html",
        missing=missing,
        submit_label="Publish anyway" if missing else "Publish agenda",
    )


# ---------------------------------------------------------------------------
# Attendance


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    memberships = list(
        Membership.objects.filter(board=meeting.board)
        .current(meeting.date)
        .select_related("person", "organisation", "deputy")
        .order_by("organisation__name", "person__name")
    )
    people_by_organisation: dict[int, list[Person]] = defaultdict(list)
    for person in Person.objects.filter(organisation_id__in={m.organisation_id for m in memberships}):
        people_by_organisation[person.organisation_id].append(person)  # type: ignore[index]
    recorded = {a.membership_id: a for a in meeting.attendance.filter(membership__isnull=False)}
    form = AttendanceForm(
        _bound(request), memberships=memberships, people_by_organisation=people_by_organisation, recorded=recorded
    )
    if form.is_bound and form.is_valid():
        if apply_action(form, actions.attendance_record, meeting, form.entries(), by=request.user):
            messages.success(request, "Attendance has been recorded.")
            return redirect(_hub(meeting, "attendance"))
    return _render_form(
        request,
        form,
        meeting,
        "Record attendance",
        back=_hub(meeting, "attendance"),
        template="meetings/manage/attendance.html",
        memberships=memberships,
        submit_label="Save attendance",
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendee_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    form = InvitedAttendeeForm(_bound(request), instance=Attendance(meeting=meeting))
    if form.is_bound and form.is_valid():
        attendee = form.save(commit=False)
        if apply_action(form, actions.invited_attendee_add, attendee, by=request.user):
            messages.success(request, f"{attendee.person} has been added as an invited attendee.")
            return redirect(_hub(meeting, "attendance"))
    return _render_form(
        request, form, meeting, "Add an invited attendee", back=_hub(meeting, "attendance"), submit_label="Add"
    )


# ---------------------------------------------------------------------------
# Minutes


@login_required
@require_http_methods(["GET", "POST"])
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    items = list(meeting.items.order_by("order", "pk"))
    form = MinutesForm(_bound(request), items=items)
    if form.is_bound and form.is_valid():
        changed = form.changed_minutes()
        try:
            # One minute per item, each through minutes_save; all or none are kept.
            with transaction.atomic():
                if not changed:
                    raise ValidationError("Write the minute of at least one item, or change one, before saving.")
                for item, text in changed:
                    actions.minutes_save(item, text, by=request.user)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "The draft minutes have been saved.")
            return redirect(_hub(meeting, "minutes"))
    return _render_form(
        request,
        form,
        meeting,
        "Draft the minutes",
        back=_hub(meeting, "minutes"),
        template="meetings/manage/minutes.html",
        can_draft=meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT),
        submit_label="Save draft minutes",
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    candidates = approval_candidates(meeting)
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
        submit_label="Record approval",
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    form = ConfirmForm(_bound(request))
    if form.is_bound and form.is_valid():
        if apply_action(form, actions.minutes_publish, meeting, by=request.user):
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
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    initial = {}
    if (item_pk := request.GET.get("item", "")).isdigit():
        initial["item"] = meeting.items.filter(pk=item_pk).first()
    form = ActionForm(_bound(request), instance=Action(meeting=meeting), items=meeting.items.all(), initial=initial)
    if form.is_bound and form.is_valid():
        if apply_action(form, actions.action_save, form.save(commit=False), by=request.user):
            messages.success(request, "The action has been added.")
            return redirect(_hub(meeting, "actions"))
    return _render_form(request, form, meeting, "Add an action", back=_hub(meeting, "actions"), submit_label="Add")


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    action = get_object_or_404(Action, meeting=meeting, pk=action_pk)
    form = ActionForm(_bound(request), instance=action, items=meeting.items.all())
    if form.is_bound and form.is_valid():
        if apply_action(form, actions.action_save, form.save(commit=False), by=request.user):
            messages.success(request, "The action has been updated.")
            return redirect(_hub(meeting, "actions"))
    return _render_form(request, form, meeting, "Edit the action", back=_hub(meeting, "actions"))


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    meeting = get_meeting_for_officer(request.user, pk)  # type: ignore[arg-type]
    action = get_object_or_404(Action.objects.select_related("owner"), meeting=meeting, pk=action_pk)
    action.status = ActionStatus.DONE
    try:
        actions.action_save(action, by=request.user)
    except ValidationError as error:
        return _refused(request, meeting, error)
    messages.success(request, f"The action for {action.owner} is marked done.")
    return redirect(_hub(meeting, "actions"))


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
