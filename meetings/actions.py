"""One write path per change to a meeting (STYLE.md): permission and the meeting's
state checked (meetings/access.py, meetings/states.py), writes in a transaction, an
audit event whose verb is the action's name and whose details list what changed, side
effects queued on commit (governance.queue.enqueue).

Actions take the values to write as keywords, never an instance a form has already
changed: they read the row under a lock, compare, and save only the fields that changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from accounts.models import User
from governance.downloads import save_stored
from governance.queue import enqueue
from governance.uploads import CheckedUpload, check_upload
from partnerships.actions import apply_changes, audit_record, audit_value
from partnerships.models import Board, Delegation, Deputyship, Membership, Organisation, Person

from . import states
from .access import require_declaration_by, require_meeting_edit
from .models import (
    DECLARATION_NATURE_MAX,
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    Meeting,
    Paper,
    PaperVersion,
    Purpose,
)
from .pdf import renders_request
from .queries import (
    LateAfterMove,
    agenda_is_late,
    attendance_refusal,
    declarer_seats,
    item_public_late,
    item_would_be_late,
    items_missing_papers,
    late_after_move,
    paper_is_late,
    short_notice,
)

# What each edit form may change; status and publication move only by their own actions.
MEETING_DETAILS = ("title", "start", "end", "venue", "online_url")
ITEM_DETAILS = ("title", "purpose", "lead_officer", "description", "exempt", "exempt_category")
ACTION_DETAILS = ("description", "item", "owner", "due_date", "status")
# The deadline rule a meeting keeps once its agenda is published (Meeting.deadline_rule).
KEPT_RULE = ("rule_working_days", "rule_calendar", "rule_council_committee", "rule_clear_days")


# ---------------------------------------------------------------------------
# Helpers


def _long_date(day: dt.date) -> str:
    """4 March 2027: a date as GOV.UK writes it."""
    return f"{day.day} {day:%B %Y}"


def _require(step: str, meeting: Meeting, now: dt.datetime | None = None) -> str:
    """The meeting's status after ``step``; the table's refusal as a ValidationError."""
    try:
        return states.require_transition(step, meeting.status, start=meeting.start, now=now)
    except states.TransitionRefused as refused:
        raise ValidationError(str(refused)) from refused


def _lock_meeting(meeting: Meeting) -> Meeting:
    """Re-read the meeting under a row lock, so that a status check and the change it
    allows cannot be overtaken by a concurrent action (STYLE.md)."""
    fresh = Meeting.objects.select_for_update(of=("self",)).select_related("board__partnership").get(pk=meeting.pk)
    for name in (
        "status",
        "agenda_published_at",
        "minutes_published_at",
        "minutes_approved_at_id",
        "sequence",
        *KEPT_RULE,
    ):
        setattr(meeting, name, getattr(fresh, name))
    return fresh


def _touch(meeting: Meeting, now: dt.datetime) -> None:
    """Every change raises the iCalendar SEQUENCE so calendars pick it up."""
    Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1, updated_at=now)
    meeting.refresh_from_db(fields=["sequence", "updated_at"])


def _move(meeting: Meeting, status: str) -> list[str]:
    """Set the status the table decided; the fields to save ([] if it stays)."""
    if meeting.status == status:
        return []
    meeting.status = status
    return ["status"]


def _renders_if_public(meeting: Meeting, now: dt.datetime) -> None:
    if meeting.is_public:
        renders_request(meeting, now=now)


def _renders_if_minutes_public(meeting: Meeting, now: dt.datetime) -> None:
    if meeting.minutes_are_public:
        renders_request(meeting, now=now)


# ---------------------------------------------------------------------------
# Scheduling


def _check_times(start: dt.datetime, end: dt.datetime | None) -> None:
    if end and end <= start:
        raise ValidationError({"end": "The meeting must end after it starts."})


class ShortNotice(ValidationError):
    """The meeting would be in the past, or so soon that its deadline for papers has
    passed: not refused, but never silent (issue 8 rule 3). The officer confirms."""

    def __init__(self, reason: str, meeting: Meeting) -> None:
        self.reason = reason
        self.deadline = meeting.governing_deadline
        if reason == "past":
            message = "The date and time of the meeting are in the past."
        else:
            message = (
                f"The deadline for this meeting's papers and agenda was {_long_date(self.deadline)}: "
                "its agenda will be late and need the chair's agreement as urgent business."
            )
        super().__init__(message)


def _check_notice(meeting: Meeting, now: dt.datetime, confirmed: bool) -> str:
    """The short-notice reason ("past", "deadline_passed" or ""); raised unless confirmed."""
    reason = short_notice(meeting.start, meeting.board, now)
    if reason and not confirmed:
        raise ShortNotice(reason, meeting)
    return reason


def meeting_schedule(
    board: Board,
    *,
    by: User,
    start: dt.datetime,
    venue: str,
    title: str = "",
    end: dt.datetime | None = None,
    online_url: str = "",
    confirm_short_notice: bool = False,
    now: dt.datetime | None = None,
) -> Meeting:
    """Schedule a meeting. One in the past, or so soon that its deadline has passed,
    raises ShortNotice unless ``confirm_short_notice``."""
    now = now or timezone.now()
    meeting = Meeting(board=board, title=title, start=start, end=end, venue=venue, online_url=online_url)
    require_meeting_edit(by, meeting)
    _check_times(start, end)
    meeting.created_at = meeting.updated_at = now
    meeting.full_clean()
    notice = _check_notice(meeting, now, confirm_short_notice)
    with transaction.atomic():
        meeting.save()
        audit_record(
            by,
            "meeting_schedule",
            board.partnership,
            f"Scheduled {meeting}",
            at=now,
            meeting=meeting.pk,
            **({"short_notice": notice} if notice else {}),
        )
    return meeting


MOVE_BEFORE_AGENDA = (
    "A published meeting cannot move before its agenda was published, on {day}: cancel it and schedule a new one."
)
MOVE_INTO_PAST = "A published meeting cannot move into the past: cancel it and schedule a new one."


class LateMove(ValidationError):
    """Moving a published meeting earlier would put what it has published after its new
    governing deadline: late business, accepted only with the reason and the chair's
    agreement (as agenda_publish's late path). The officer is asked for them."""

    def __init__(self, late: LateAfterMove, errors: Mapping[str, str]) -> None:
        self.late = late
        what = "; ".join(late.described())
        self.message_text = (
            f"Moved to this date, the deadline for the meeting's papers and agenda is {_long_date(late.deadline)}: "
            f"{what} would be late. Give the reason and the chair who agreed to take it as urgent business, "
            "or choose a later date."
        )
        super().__init__({"__all__": [self.message_text], **{name: [text] for name, text in errors.items()}})


def _check_published_move(meeting: Meeting, was: dt.datetime, now: dt.datetime) -> None:
    """A published meeting keeps its history: it cannot move before the day its agenda
    was published, nor, while still to come, into the past (issue 8 rule 3)."""
    published = meeting.agenda_published_at
    if published is not None and timezone.localdate(meeting.start) < timezone.localdate(published):
        raise ValidationError({"start": MOVE_BEFORE_AGENDA.format(day=_long_date(timezone.localdate(published)))})
    if was > now and meeting.start <= now:
        raise ValidationError({"start": MOVE_INTO_PAST})


def _mark_late_after_move(
    meeting: Meeting, late: LateAfterMove, reason: str, chair: str, fields: list[str]
) -> dict[str, object]:
    """Mark what the move made late, as the late paths do: the agenda (agenda_late with
    the reason), each paper, supplement and item; the reason goes to the minutes."""
    reason, chair = reason.strip(), chair.strip()
    moved_to = _long_date(meeting.date)
    if late.agenda:
        meeting.agenda_late, meeting.agenda_late_reason, meeting.agenda_chair_agreed_by = True, reason, chair
        fields += ["agenda_late", "agenda_late_reason", "agenda_chair_agreed_by"]
    for paper in late.papers:
        paper.late, paper.late_reason, paper.chair_agreed_urgent, paper.chair_agreed_by = True, reason, True, chair
        paper.save(update_fields=["late", "late_reason", "chair_agreed_urgent", "chair_agreed_by"])
        _record_urgent_reason(paper.item, f"Late paper '{paper.title}' (meeting moved to {moved_to})", reason, chair)
    for version in late.versions:
        PaperVersion.objects.filter(pk=version.pk).update(late=True)
        _record_urgent_reason(
            version.paper.item,
            f"Supplement to '{version.paper.title}' (version {version.number}, meeting moved to {moved_to})",
            reason,
            chair,
        )
    for item in late.items:
        item.late, item.late_reason, item.chair_agreed_by = True, reason, chair
        item.save(update_fields=["late", "late_reason", "chair_agreed_by"])
        _record_urgent_reason(item, f"Late item '{item.title}' (meeting moved to {moved_to})", reason, chair)
    return {
        "agenda_late": late.agenda,
        "papers": [paper.pk for paper in late.papers],
        "versions": [version.pk for version in late.versions],
        "items": [item.pk for item in late.items],
        "deadline": late.deadline.isoformat(),
    }


def meeting_update(
    meeting: Meeting,
    *,
    by: User,
    changes: Mapping[str, Any],
    confirm_short_notice: bool = False,
    late_reason: str = "",
    chair_agreed_by: str = "",
    now: dt.datetime | None = None,
) -> Meeting:
    """Change the meeting's details (MEETING_DETAILS). Moving a meeting into the past,
    or so soon that its deadline has passed, raises ShortNotice unless
    ``confirm_short_notice``. A published meeting cannot move before its agenda was
    published nor, while still to come, into the past; moved earlier so that its agenda,
    a paper, a supplement or an item it published on time would now be after the
    governing deadline, it is late business: refused (LateMove) without the reason and
    the chair's agreement, and with them each is marked late, as agenda_publish's,
    paper_publish's and item_add's late paths do."""
    now = now or timezone.now()
    require_meeting_edit(by, meeting)
    with transaction.atomic():
        fresh = _lock_meeting(meeting)
        _require("meeting_update", fresh, now)
        was = fresh.start
        changed = apply_changes(fresh, changes, MEETING_DETAILS)
        _check_times(fresh.start, fresh.end)
        fresh.full_clean()
        notice = ""
        late_details: dict[str, object] = {}
        extra_fields: list[str] = []
        if "start" in changed and fresh.is_public:
            _check_published_move(fresh, was, now)
            late = late_after_move(fresh)
            if late:
                try:
                    _require_late_reasons(late_reason, chair_agreed_by, what="move")
                except ValidationError as missing:
                    raise LateMove(late, {k: v[0] for k, v in missing.message_dict.items()}) from missing
                late_details = _mark_late_after_move(fresh, late, late_reason, chair_agreed_by, extra_fields)
        if "start" in changed and not late_details:
            # Late business agreed by the chair needs no second confirmation.
            notice = _check_notice(fresh, now, confirm_short_notice)
        if changed:
            fresh.save(update_fields=[*changed, *extra_fields])
            _touch(fresh, now)
            audit_record(
                by,
                "meeting_update",
                fresh.board.partnership,
                f"Updated {fresh}" + (" (late)" if late_details else ""),
                at=now,
                changed=changed,
                **({"short_notice": notice} if notice else {}),
                **({"late": late_details} if late_details else {}),
            )
            _renders_if_public(fresh, now)
    return fresh


def meeting_cancel(meeting: Meeting, *, reason: str, by: User, now: dt.datetime | None = None) -> Meeting:
    now = now or timezone.now()
    require_meeting_edit(by, meeting)
    if not reason.strip():
        raise ValidationError({"cancelled_reason": "Enter why the meeting is cancelled"})
    with transaction.atomic():
        fresh = _lock_meeting(meeting)
        _move(fresh, _require("meeting_cancel", fresh, now))
        fresh.cancelled_reason = reason.strip()
        fresh.save(update_fields=["status", "cancelled_reason"])
        _touch(fresh, now)
        audit_record(
            by,
            "meeting_cancel",
            fresh.board.partnership,
            f"Cancelled {fresh}: {reason}",
            at=now,
            changed={"status": [meeting.status, fresh.status]},
        )
        _renders_if_public(fresh, now)
    meeting.status, meeting.cancelled_reason = fresh.status, fresh.cancelled_reason
    return fresh


def meeting_mark_held(meeting: Meeting, *, by: User, now: dt.datetime | None = None) -> Meeting:
    now = now or timezone.now()
    require_meeting_edit(by, meeting)
    with transaction.atomic():
        fresh = _lock_meeting(meeting)
        before = fresh.status
        fresh.save(update_fields=_move(fresh, _require("meeting_mark_held", fresh, now)))
        _touch(fresh, now)
        audit_record(
            by,
            "meeting_mark_held",
            fresh.board.partnership,
            f"{fresh} was held",
            at=now,
            changed={"status": [before, fresh.status]},
        )
    return fresh


# ---------------------------------------------------------------------------
# The agenda


def item_add(
    meeting: Meeting,
    *,
    by: User,
    title: str,
    purpose: str = Purpose.DISCUSSION,
    lead_officer: str = "",
    description: str = "",
    exempt: bool = False,
    exempt_category: str = "",
    late_reason: str = "",
    chair_agreed_by: str = "",
    now: dt.datetime | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda. Added to a published agenda after the
    governing deadline it is late business (SPEC §9): accepted only with the reason
    and the chair's agreement to take it as urgent, marked late, and the reason goes
    to the minutes (s100B(4)(b)). Otherwise a late reason given is ignored."""
    now = now or timezone.now()
    require_meeting_edit(by, meeting)
    with transaction.atomic():
        fresh = _lock_meeting(meeting)
        _require("item_add", fresh, now)
        late = item_would_be_late(fresh, now)
        if late:
            _require_late_reasons(late_reason, chair_agreed_by, what="item")
        item = AgendaItem(
            meeting=fresh,
            order=(fresh.items.aggregate(m=Max("order"))["m"] or 0) + 1,
            title=title,
            purpose=purpose,
            lead_officer=lead_officer,
            description=description,
            exempt=exempt,
            exempt_category=exempt_category if exempt else "",
            late=late,
            late_reason=late_reason.strip() if late else "",
            chair_agreed_by=chair_agreed_by.strip() if late else "",
        )
        item.full_clean()
        item.save()
        if late:
            _record_urgent_reason(item, f"Late item '{item.title}'", late_reason, chair_agreed_by)
        _touch(fresh, now)
        audit_record(
            by,
            "item_add",
            fresh.board.partnership,
            f"Added item {item} to {fresh}{' (late)' if late else ''}",
            at=now,
            item=item.pk,
            late=late,
        )
        _renders_if_public(fresh, now)
    return item


def item_update(
    item: AgendaItem,
    *,
    by: User,
    changes: Mapping[str, Any],
    late_reason: str = "",
    chair_agreed_by: str = "",
    now: dt.datetime | None = None,
) -> AgendaItem:
    """Change an item's details (ITEM_DETAILS); never its order, which item_move owns.
    An exempt item of a published agenda made public after the governing deadline
    reaches the public as late business, as an item added then does (item_add):
    accepted only with the reason and the chair's agreement, marked late, the reason
    in the minutes."""
    now = now or timezone.now()
    meeting = item.meeting
    require_meeting_edit(by, meeting)
    with transaction.atomic():
        fresh_meeting = _lock_meeting(meeting)
        _require("item_update", fresh_meeting, now)
        fresh = AgendaItem.objects.select_for_update().get(pk=item.pk)
        fresh.meeting = fresh_meeting
        late = item_public_late(fresh, now)
        changes = dict(changes)
        if not changes.get("exempt", fresh.exempt):
            changes["exempt_category"] = ""
        changed = apply_changes(fresh, changes, ITEM_DETAILS)
        late = late and fresh.is_public  # the exemption is lifted after the deadline
        if late:
            _require_late_reasons(late_reason, chair_agreed_by, what="public")
            fresh.late, fresh.late_reason, fresh.chair_agreed_by = True, late_reason.strip(), chair_agreed_by.strip()
            changed["late"] = [False, True]
        fresh.full_clean()
        if changed:
            fresh.save(update_fields=[*changed, *(["late_reason", "chair_agreed_by"] if late else [])])
            if late:
                _record_urgent_reason(fresh, f"Item '{fresh.title}' made public late", late_reason, chair_agreed_by)
            _touch(fresh_meeting, now)
            audit_record(
                by,
                "item_update",
                fresh_meeting.board.partnership,
                f"Updated item {fresh} of {fresh_meeting}",
                at=now,
                item=fresh.pk,
                changed=changed,
            )
            _renders_if_public(fresh_meeting, now)
    fresh.meeting = fresh_meeting
    return fresh


def item_move(item: AgendaItem, *, up: bool, by: User, now: dt.datetime | None = None) -> AgendaItem:
    """Swap an item with its neighbour above or below."""
    now = now or timezone.now()
    meeting = item.meeting
    require_meeting_edit(by, meeting)
    with transaction.atomic():
        fresh_meeting = _lock_meeting(meeting)
        _require("item_move", fresh_meeting, now)
        items = list(meeting.items.select_for_update().order_by("order", "pk"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        neighbour_index = index - 1 if up else index + 1
        if not 0 <= neighbour_index < len(items):
            raise ValidationError("This item is already at the " + ("top." if up else "bottom."))
        items[index], items[neighbour_index] = items[neighbour_index], items[index]
        moved = {}
        for position, agenda_item in enumerate(items, start=1):
            if agenda_item.order != position:
                AgendaItem.objects.filter(pk=agenda_item.pk).update(order=position)
                moved[agenda_item.pk] = [agenda_item.order, position]
        _touch(fresh_meeting, now)
        audit_record(
            by,
            "item_move",
            fresh_meeting.board.partnership,
            f"Moved item {item.title} {'up' if up else 'down'}",
            at=now,
            changed={"order": moved},
        )
        _renders_if_public(fresh_meeting, now)
    item.refresh_from_db()
    return item


# ---------------------------------------------------------------------------
# Papers


def paper_add(
    item: AgendaItem,
    upload: UploadedFile,
    *,
    by: User,
    title: str,
    author: Person | None = None,
    author_name: str = "",
    author_email: str = "",
    available_to_members: bool = False,
    note: str = "",
    now: dt.datetime | None = None,
) -> Paper:
    """Create a paper with its first file."""
    now = now or timezone.now()
    meeting = item.meeting
    require_meeting_edit(by, meeting)
    if author is None and not author_name.strip():
        raise ValidationError({"author_name": "Choose the author or enter their name"})
    checked = _check(upload)
    paper = Paper(
        item=item,
        title=title,
        author=author,
        author_name=author_name,
        author_email=author_email,
        available_to_members=available_to_members,
        created_at=now,
    )
    paper.full_clean()
    with transaction.atomic():
        _require("paper_add", _lock_meeting(meeting), now)
        paper.save()
        _store_version(paper, upload, checked, by=by, note=note, now=now)
        audit_record(
            by, "paper_add", meeting.board.partnership, f"Added paper {paper} to {item}", at=now, paper=paper.pk
        )
    return paper


def paper_upload(
    paper: Paper,
    upload: UploadedFile,
    *,
    by: User,
    note: str = "",
    late_reason: str = "",
    chair_agreed_by: str = "",
    now: dt.datetime | None = None,
) -> PaperVersion:
    """Add a new version of a paper; earlier versions are kept. A new version of a
    published paper is published at once as a supplement, under the same deadline
    rule as the paper: after the deadline it needs a reason and the chair's agreement."""
    now = now or timezone.now()
    meeting = paper.item.meeting
    require_meeting_edit(by, meeting)
    checked = _check(upload)
    with transaction.atomic():
        fresh_meeting = _lock_meeting(meeting)
        _require("paper_upload", fresh_meeting, now)
        paper.published_at = Paper.objects.select_for_update().values_list("published_at", flat=True).get(pk=paper.pk)
        late = paper.published_at is not None and paper_is_late(paper, now)
        if late:
            _require_late_reasons(late_reason, chair_agreed_by)
        version = _store_version(paper, upload, checked, by=by, note=note, now=now)
        if paper.published_at is not None:
            version.published_at = now
            version.late = late
            version.save(update_fields=["published_at", "late"])
            if late:
                _record_urgent_reason(
                    paper.item,
                    f"Supplement to '{paper.title}' (version {version.number})",
                    late_reason,
                    chair_agreed_by,
                )
            _touch(fresh_meeting, now)
            _renders_if_public(fresh_meeting, now)
        audit_record(
            by,
            "paper_upload",
            meeting.board.partnership,
            f"Uploaded version {version.number} of {paper}",
            at=now,
            paper=paper.pk,
            version=version.number,
            published=version.published_at is not None,
            late=late,
        )
    return version


LATE_REASON_MISSING = {
    "paper": "Enter why the paper is late and why it cannot wait for the next meeting",
    "agenda": "Enter why the agenda is late and why the meeting cannot wait",
    "item": "Enter why the item is added late and why it cannot wait for the next meeting",
    "move": "Enter why the meeting is moved so that its agenda or papers are late, and why it cannot wait",
    "public": "Enter why the item is made public late and why it cannot wait for the next meeting",
}
CHAIR_MISSING = "Enter the name of the chair who agreed to take it as urgent business"
# The longest reason for late business taken (a paragraph for the minutes), and the
# chair's name as the models store it (Meeting.agenda_chair_agreed_by, max_length 200).
LATE_REASON_MAX = 2000
CHAIR_NAME_MAX = 200


def too_long(text: str, limit: int) -> str:
    """The GOV.UK message for a text over ``limit`` characters ("" when it fits)."""
    length = len(text.strip())
    return f"Enter {limit:,} characters or fewer (this has {length:,})" if length > limit else ""


def _require_late_reasons(late_reason: str, chair_agreed_by: str, *, what: str = "paper") -> None:
    """Late business needs a reason and the chair's agreement (s100B(4)(b)), each of a
    length the minutes can carry."""
    errors = {}
    if not late_reason.strip():
        errors["late_reason"] = LATE_REASON_MISSING[what]
    elif message := too_long(late_reason, LATE_REASON_MAX):
        errors["late_reason"] = message
    if not chair_agreed_by.strip():
        errors["chair_agreed_by"] = CHAIR_MISSING
    elif message := too_long(chair_agreed_by, CHAIR_NAME_MAX):
        errors["chair_agreed_by"] = message
    if errors:
        raise ValidationError(errors)


def _record_urgent_reason(item: AgendaItem, what: str, reason: str, chair: str) -> None:
    """The reason for late business appears in the minutes (s100B(4)(b))."""
    line = f"{what}: {reason.strip()} (agreed by {chair.strip()} as urgent business)"
    current = AgendaItem.objects.select_for_update().values_list("urgent_reason", flat=True).get(pk=item.pk)
    item.urgent_reason = f"{current}\n{line}".strip()
    item.save(update_fields=["urgent_reason"])


def _check(upload: UploadedFile) -> CheckedUpload:
    try:
        return check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error


def _store_version(
    paper: Paper, upload: UploadedFile, checked: CheckedUpload, *, by: User, note: str, now: dt.datetime
) -> PaperVersion:
    number = (paper.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = PaperVersion(
        paper=paper,
        number=number,
        original_name=(upload.name or "")[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
        uploaded_at=now,
        change_note=note,
    )
    # A fresh name per version: storage never overwrites an earlier file.
    save_stored(version.file, f"paper-{paper.pk}-v{number}.{checked.extension}", upload)
    version.save()
    return version


def paper_publish(
    paper: Paper, *, by: User, late_reason: str = "", chair_agreed_by: str = "", now: dt.datetime | None = None
) -> Paper:
    """Publish a paper. After the deadline it is accepted only with a recorded reason
    and the chair's agreement to take it as urgent business (SPEC §4, s100B(4)(b))."""
    now = now or timezone.now()
    meeting = paper.item.meeting
    require_meeting_edit(by, meeting)
    late = paper_is_late(paper, now)
    if late:
        _require_late_reasons(late_reason, chair_agreed_by)
    with transaction.atomic():
        fresh_meeting = _lock_meeting(meeting)
        _require("paper_publish", fresh_meeting, now)
        # Under the lock: a double click publishes once.
        if Paper.objects.select_for_update().values_list("published_at", flat=True).get(pk=paper.pk) is not None:
            raise ValidationError("This paper has already been published. Upload a new version to replace it.")
        latest = paper.versions.order_by("-number").first()
        if latest is None:
            raise ValidationError({"file": "Upload the paper before publishing it"})
        paper.published_at = now
        paper.late = late
        paper.late_reason = late_reason.strip() if late else ""
        paper.chair_agreed_urgent = late
        paper.chair_agreed_by = chair_agreed_by.strip() if late else ""
        paper.save(update_fields=["published_at", "late", "late_reason", "chair_agreed_urgent", "chair_agreed_by"])
        PaperVersion.objects.filter(pk=latest.pk).update(published_at=now)
        if late:
            _record_urgent_reason(paper.item, f"Late paper '{paper.title}'", late_reason, chair_agreed_by)
        _touch(fresh_meeting, now)
        audit_record(
            by,
            "paper_publish",
            meeting.board.partnership,
            f"Published {paper}{' (late)' if late else ''}",
            at=now,
            paper=paper.pk,
            late=late,
        )
        _renders_if_public(fresh_meeting, now)
    return paper


# ---------------------------------------------------------------------------
# Publishing the agenda


class AgendaIncomplete(ValidationError):
    """Publishing would leave items without papers; the officer must confirm."""

    def __init__(self, items: list[AgendaItem]) -> None:
        self.items = items
        super().__init__("Some items have no published paper: " + "; ".join(str(i) for i in items))


def agenda_publish(
    meeting: Meeting,
    *,
    by: User,
    confirm_missing: bool = False,
    late_reason: str = "",
    chair_agreed_by: str = "",
    now: dt.datetime | None = None,
) -> Meeting:
    """Publish the agenda with its papers: the public can see them and members are
    told. The meeting keeps the board's deadline rule from now on. After the governing
    deadline (or once the meeting has started) the agenda is late business, as a late
    paper is (SPEC §9, s100B(3), (4)(b)): accepted only with the reason and the chair's
    agreement, marked late, the reason shown with the minutes."""
    now = now or timezone.now()
    require_meeting_edit(by, meeting)
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        before = meeting.status
        _move(meeting, _require("agenda_publish", meeting, now))
        if not meeting.items.exists():
            raise ValidationError(states.EMPTY_AGENDA_REFUSAL)
        kept = meeting.keep_deadline_rule()
        late = agenda_is_late(meeting, now)
        if late:
            _require_late_reasons(late_reason, chair_agreed_by, what="agenda")
        missing = items_missing_papers(meeting)
        if missing and not confirm_missing:
            raise AgendaIncomplete(missing)
        meeting.agenda_published_at = now
        meeting.agenda_late = late
        meeting.agenda_late_reason = late_reason.strip() if late else ""
        meeting.agenda_chair_agreed_by = chair_agreed_by.strip() if late else ""
        meeting.save(
            update_fields=[
                "status",
                "agenda_published_at",
                "agenda_late",
                "agenda_late_reason",
                "agenda_chair_agreed_by",
                *kept,
            ]
        )
        _touch(meeting, now)
        audit_record(
            by,
            "agenda_publish",
            meeting.board.partnership,
            f"Published the agenda of {meeting}{' (late)' if late else ''}",
            at=now,
            changed={"status": [before, meeting.status], **({"agenda_late": [False, True]} if late else {})},
            missing_papers=[i.pk for i in missing],
            late=late,
            deadline=meeting.governing_deadline.isoformat(),
        )
        from .tasks import send_agenda_published

        enqueue(send_agenda_published, meeting.pk)
        renders_request(meeting, now=now)
    return meeting


# ---------------------------------------------------------------------------
# Attendance and declarations


@dataclass(frozen=True)
class AttendanceEntry:
    membership: Membership
    status: str
    deputy_id: int | None = None


def attendance_record(
    meeting: Meeting, entries: Iterable[AttendanceEntry], *, by: User, now: dt.datetime | None = None
) -> Meeting:
    """Record attendance for the board's members (replacing earlier entries for those
    seats). At a meeting that has started, with its agenda published, this records the
    meeting as held (meetings/states.py)."""
    now = now or timezone.now()
    require_meeting_edit(by, meeting)
    entries = list(entries)
    with transaction.atomic():
        fresh = _lock_meeting(meeting)
        before = fresh.status
        after = _require("attendance_record", fresh, now)
        day = fresh.date
        for entry in entries:
            seat = entry.membership
            if seat.board_id != fresh.board_id or not seat.is_current(day):
                raise ValidationError(f"{seat.person} did not hold a seat on this board on {_long_date(day)}.")
            if entry.status == AttendanceStatus.DEPUTY and entry.deputy_id is None:
                raise ValidationError({f"deputy_{seat.pk}": f"Choose who represented {seat.person}"})
            if entry.status == AttendanceStatus.DEPUTY and entry.deputy_id == seat.person_id:
                raise ValidationError({f"deputy_{seat.pk}": f"{seat.person} cannot be their own deputy"})
        _check_deputies(entries, day)
        _write_attendance(fresh, entries)
        moved = _move(fresh, after)
        if moved:
            fresh.save(update_fields=moved)
        _touch(fresh, now)
        audit_record(
            by,
            "attendance_record",
            fresh.board.partnership,
            f"Recorded attendance at {fresh}",
            at=now,
            memberships=[entry.membership.pk for entry in entries],
            **({"changed": {"status": [before, fresh.status]}} if moved else {}),
        )
        _renders_if_minutes_public(fresh, now)
    meeting.status = fresh.status
    return fresh


def _write_attendance(meeting: Meeting, entries: list[AttendanceEntry]) -> None:
    """Replace the rows of the seats given, in three queries whatever their number
    (the meeting row is locked, so no concurrent recording interleaves)."""
    existing = {
        row.membership_id: row
        for row in Attendance.objects.select_for_update().filter(
            meeting=meeting, membership_id__in=[e.membership.pk for e in entries]
        )
    }
    changed: list[Attendance] = []
    created: list[Attendance] = []
    for entry in entries:
        seat = entry.membership
        values = {
            "person_id": seat.person_id,
            "organisation_id": seat.organisation_id,
            "status": entry.status,
            "deputy_id": entry.deputy_id if entry.status == AttendanceStatus.DEPUTY else None,
        }
        row = existing.get(seat.pk)
        if row is None:
            created.append(Attendance(meeting=meeting, membership=seat, **values))
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
    if changed:
        Attendance.objects.bulk_update(changed, ["person_id", "organisation_id", "status", "deputy_id"])
    if created:
        Attendance.objects.bulk_create(created)


def _check_deputies(entries: list[AttendanceEntry], day: dt.date) -> None:
    """A seat is represented by its deputy on the day (the deputyship ledger) or by a
    delegate of its organisation in force on the day (000 §3b; issue 8 item 6). Two
    queries whatever the number of seats."""
    represented = [e for e in entries if e.status == AttendanceStatus.DEPUTY and e.deputy_id is not None]
    if not represented:
        return
    seats = {e.membership.pk for e in represented}
    ledger = set(Deputyship.objects.on(day).filter(membership_id__in=seats).values_list("membership_id", "person_id"))
    delegated = set(
        Delegation.objects.valid_on(day)
        .filter(board_id__in={e.membership.board_id for e in represented})
        .values_list("board_id", "organisation_id", "person_id")
    )
    errors: dict[str, str] = {}
    refused = [
        e
        for e in represented
        if (e.membership.pk, e.deputy_id) not in ledger
        and (e.membership.board_id, e.membership.organisation_id, e.deputy_id) not in delegated
    ]
    names = dict(Person.objects.filter(pk__in={e.deputy_id for e in refused}).values_list("pk", "name"))
    for entry in refused:
        seat = entry.membership
        errors[f"deputy_{seat.pk}"] = (
            f"{names.get(entry.deputy_id or 0, 'The person chosen')} was not the deputy of {seat.person} on "
            f"{_long_date(day)} and held no delegation for {seat.organisation}: choose the seat's deputy or a delegate"
        )
    if errors:
        raise ValidationError(errors)


def attendee_add(
    meeting: Meeting,
    *,
    by: User,
    person: Person,
    invited_role: str,
    organisation: Organisation | None = None,
    now: dt.datetime | None = None,
) -> Attendance:
    """Record someone who attended by invitation (no seat on the board)."""
    now = now or timezone.now()
    require_meeting_edit(by, meeting)
    if not invited_role.strip():
        raise ValidationError({"invited_role": "Enter why the person was invited"})
    attendance = Attendance(
        meeting=meeting,
        membership=None,
        person=person,
        organisation=organisation,
        status=AttendanceStatus.PRESENT,
        invited_role=invited_role.strip(),
    )
    attendance.full_clean()
    with transaction.atomic():
        fresh = _lock_meeting(meeting)
        _require("attendee_add", fresh, now)
        attendance.save()
        audit_record(
            by,
            "attendee_add",
            fresh.board.partnership,
            f"{attendance.person} attended by invitation",
            at=now,
            person=person.pk,
        )
        _renders_if_minutes_public(fresh, now)
    return attendance


NATURE_TOO_LONG = f"The nature of the interest must be {DECLARATION_NATURE_MAX:,} characters or fewer"


def _counted_position(item: AgendaItem, membership: Membership, person: Person) -> Any:
    """The position ``person`` stated for the seat in a round still open on the item, if
    any (the decisions app's Position, read through the seat so that meetings does not
    import decisions, which builds on it)."""
    return (
        membership.positions.filter(person=person, round__proposal__item=item, round__closed_at__isnull=True)
        .select_related("round")
        .order_by("-recorded_at", "-pk")
        .first()
    )


def declaration_record(
    item: AgendaItem,
    *,
    by: User,
    membership: Membership,
    nature: str,
    withdraws: bool,
    person: Person | None = None,
    now: dt.datetime | None = None,
) -> Declaration:
    """An interest declared on an item for a seat: by its member, or by the deputy
    attending for it (``person``: the seat's deputy on the day of the meeting, or the
    deputy recorded as attending for it); or recorded by an officer for either."""
    now = now or timezone.now()
    meeting = item.meeting
    person = person or membership.person
    require_declaration_by(by, membership, person, meeting)
    _require("declaration_record", meeting, now)
    if membership.board_id != meeting.board_id:
        raise ValidationError({"membership": "Only a member of this board can declare an interest on its agenda."})
    if refusal := attendance_refusal(meeting, membership, person):
        raise ValidationError({"membership": refusal})
    if not any(s.membership.pk == membership.pk for s in declarer_seats(meeting, person=person)):
        raise ValidationError(
            {
                "membership": f"{person} was neither the member for this seat nor its deputy on "
                f"{_long_date(meeting.date)}, so cannot declare an interest for it"
            }
        )
    if not nature.strip():
        raise ValidationError({"nature": "Enter the nature of the interest"})
    if len(nature.strip()) > DECLARATION_NATURE_MAX:
        raise ValidationError({"nature": NATURE_TOO_LONG})
    if withdraws and (stated := _counted_position(item, membership, person)) is not None:
        raise ValidationError(
            {
                "withdraws": f"{person} has already stated a position in round {stated.round.number} on this "
                "item, and it counts. Someone who withdraws states no position: record the declaration "
                "before the position is stated, or record it without the withdrawal"
            }
        )
    declaration = Declaration(
        item=item,
        membership=membership,
        person=person,
        nature=nature.strip(),
        withdraws=withdraws,
        recorded_by=by,
        recorded_at=now,
    )
    declaration.full_clean(exclude=["recorded_by"])
    with transaction.atomic():
        declaration.save()
        audit_record(
            by,
            "declaration_record",
            meeting.board.partnership,
            f"{person} declared an interest in {item}"
            + (f" as deputy for {membership.person}" if person.pk != membership.person_id else "")
            + (" and withdrew" if withdraws else ""),
            at=now,
            item=item.pk,
            membership=membership.pk,
            person=person.pk,
            withdraws=withdraws,
        )
        _renders_if_minutes_public(meeting, now)
    return declaration


# ---------------------------------------------------------------------------
# Minutes


def minutes_update(
    meeting: Meeting, *, minutes: Mapping[int, str], by: User, now: dt.datetime | None = None
) -> Meeting:
    """Draft the minute of each item given (item pk -> text): all are kept or none. The
    first minute drafted puts the minutes in draft (meetings/states.py)."""
    now = now or timezone.now()
    require_meeting_edit(by, meeting)
    with transaction.atomic():
        fresh = _lock_meeting(meeting)
        before = fresh.status
        after = _require("minutes_update", fresh, now)
        items = {item.pk: item for item in fresh.items.select_for_update().filter(pk__in=list(minutes))}
        if len(items) != len(minutes):
            raise ValidationError("Choose an item of this meeting.")
        changed: dict[int, list[str]] = {}
        for pk, text in minutes.items():
            item = items[pk]
            if item.minutes != text.strip():
                changed[pk] = [item.minutes, text.strip()]
                item.minutes = text.strip()
                item.save(update_fields=["minutes"])
        if not changed:
            raise ValidationError("Write the minute of at least one item, or change one, before saving.")
        moved = _move(fresh, after)
        if moved:
            fresh.save(update_fields=moved)
        audit_record(
            by,
            "minutes_update",
            fresh.board.partnership,
            f"Drafted the minutes of {fresh}",
            at=now,
            changed={"minutes": list(changed), **({"status": [before, fresh.status]} if moved else {})},
        )
    meeting.status = fresh.status
    return fresh


APPROVAL_RULE = "Choose a later meeting of this board that has started, with its agenda published"


def minutes_approve(meeting: Meeting, *, at: Meeting, by: User, now: dt.datetime | None = None) -> Meeting:
    """Minutes are approved at the board's next meeting (SPEC §4)."""
    now = now or timezone.now()
    require_meeting_edit(by, meeting)
    if at.board_id != meeting.board_id or at.start <= meeting.start:
        raise ValidationError({"at": "Minutes are approved at a later meeting of the same board."})
    if not states.can_approve_minutes_at(at.status) or at.start > now:
        raise ValidationError({"at": APPROVAL_RULE})
    with transaction.atomic():
        fresh = _lock_meeting(meeting)
        before = fresh.status
        _move(fresh, _require("minutes_approve", fresh, now))
        fresh.minutes_approved_at = at
        fresh.save(update_fields=["status", "minutes_approved_at"])
        audit_record(
            by,
            "minutes_approve",
            fresh.board.partnership,
            f"Minutes of {fresh} approved at {at}",
            at=now,
            changed={"status": [before, fresh.status], "minutes_approved_at": [None, at.pk]},
        )
    meeting.status, meeting.minutes_approved_at = fresh.status, at
    return fresh


def minutes_publish(meeting: Meeting, *, by: User, now: dt.datetime | None = None) -> Meeting:
    now = now or timezone.now()
    require_meeting_edit(by, meeting)
    with transaction.atomic():
        fresh = _lock_meeting(meeting)
        before = fresh.status
        _move(fresh, _require("minutes_publish", fresh, now))
        fresh.minutes_published_at = now
        fresh.save(update_fields=["status", "minutes_published_at"])
        _touch(fresh, now)
        audit_record(
            by,
            "minutes_publish",
            fresh.board.partnership,
            f"Published the minutes of {fresh}",
            at=now,
            changed={"status": [before, fresh.status]},
        )
        renders_request(fresh, now=now)
    meeting.status, meeting.minutes_published_at = fresh.status, fresh.minutes_published_at
    return fresh


# ---------------------------------------------------------------------------
# Actions arising


def _check_action_item(meeting: Meeting, item: AgendaItem | None) -> None:
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": "Choose an item of this meeting."})


def action_create(
    meeting: Meeting,
    *,
    by: User,
    description: str,
    owner: Person,
    due_date: dt.date,
    item: AgendaItem | None = None,
    now: dt.datetime | None = None,
) -> Action:
    now = now or timezone.now()
    require_meeting_edit(by, meeting)
    _check_action_item(meeting, item)
    action = Action(meeting=meeting, item=item, description=description, owner=owner, due_date=due_date)
    action.full_clean()
    with transaction.atomic():
        fresh = _lock_meeting(meeting)
        _require("action_create", fresh, now)
        action.save()
        audit_record(
            by, "action_create", fresh.board.partnership, f"Action for {owner}: {action}", at=now, action=action.pk
        )
        _renders_if_minutes_public(fresh, now)
    return action


def action_update(action: Action, *, by: User, changes: Mapping[str, Any], now: dt.datetime | None = None) -> Action:
    """Change an action arising (ACTION_DETAILS); done records when it was completed."""
    now = now or timezone.now()
    meeting = action.meeting
    require_meeting_edit(by, meeting)
    if "item" in changes:
        _check_action_item(meeting, changes["item"])
    with transaction.atomic():
        fresh_meeting = _lock_meeting(meeting)
        _require("action_update", fresh_meeting, now)
        fresh = Action.objects.select_for_update().select_related("owner").get(pk=action.pk)
        changed = apply_changes(fresh, changes, ACTION_DETAILS)
        if "status" in changed:
            completed_at = now if fresh.status == ActionStatus.DONE else None
            changed["completed_at"] = [audit_value(fresh.completed_at), audit_value(completed_at)]
            fresh.completed_at = completed_at
        fresh.full_clean()
        if changed:
            fresh.save(update_fields=list(changed))
            audit_record(
                by,
                "action_update",
                fresh_meeting.board.partnership,
                f"Action for {fresh.owner}: {fresh}",
                at=now,
                action=fresh.pk,
                changed=changed,
            )
            _renders_if_minutes_public(fresh_meeting, now)
    return fresh
