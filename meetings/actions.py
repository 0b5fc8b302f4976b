"""One write path per change to a meeting (STYLE.md): permission and rules checked,
writes in a transaction, an audit event appended, side effects queued on commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from accounts.models import User
from governance.queue import enqueue
from partnerships.access import can_edit_partnership
from partnerships.actions import audit_record
from partnerships.models import Membership

from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
    Purpose,
)
from .pdf import renders_request
from .uploads import check_upload


def _require_edit(by: User, meeting: Meeting) -> None:
    if not can_edit_partnership(by, meeting.board.partnership):
        raise PermissionDenied("You do not service this partnership, so you cannot change its meetings.")


def _touch(meeting: Meeting) -> None:
    """Every change raises the iCalendar SEQUENCE so calendars pick it up."""
    Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1, updated_at=timezone.now())
    meeting.refresh_from_db(fields=["sequence", "updated_at"])


# What a meeting's own edit form changes; status and publication move only by actions.
MEETING_DETAILS = ["title", "start", "end", "venue", "online_url"]
ITEM_DETAILS = ["title", "purpose", "lead_officer", "description", "exempt", "exempt_category"]


def _lock_meeting(meeting: Meeting) -> Meeting:
    """Re-read the meeting's state under a row lock, so that a status check and the
    change it allows cannot be overtaken by a concurrent action (STYLE.md)."""
    fresh = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    for name in ("status", "agenda_published_at", "minutes_published_at", "minutes_approved_at_id", "sequence"):
        setattr(meeting, name, getattr(fresh, name))
    return meeting


def _require_not_cancelled(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting has been cancelled.")


def _queue_renders(meeting: Meeting, now: dt.datetime | None = None) -> None:
    renders_request(meeting, now=now or timezone.now())


# ---------------------------------------------------------------------------
# Scheduling


def meeting_schedule(meeting: Meeting, *, by: User) -> Meeting:
    _require_edit(by, meeting)
    if meeting.end and meeting.end <= meeting.start:
        raise ValidationError({"end": "The meeting must end after it starts."})
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        audit_record(by, "meeting_schedule", meeting.board.partnership, f"Scheduled {meeting}", meeting=meeting.pk)
    return meeting


def meeting_update(meeting: Meeting, *, by: User, changed: list[str]) -> Meeting:
    _require_edit(by, meeting)
    _require_not_cancelled(meeting)
    if meeting.end and meeting.end <= meeting.start:
        raise ValidationError({"end": "The meeting must end after it starts."})
    meeting.full_clean()
    with transaction.atomic():
        _lock_meeting(meeting)
        _require_not_cancelled(meeting)
        meeting.save(update_fields=MEETING_DETAILS)
        _touch(meeting)
        audit_record(by, "meeting_update", meeting.board.partnership, f"Updated {meeting}", changed=changed)
        if meeting.is_public:
            _queue_renders(meeting)
    return meeting


def meeting_cancel(meeting: Meeting, *, reason: str, by: User) -> Meeting:
    _require_edit(by, meeting)
    if not reason.strip():
        raise ValidationError({"cancelled_reason": "Enter why the meeting is cancelled"})
    with transaction.atomic():
        _lock_meeting(meeting)
        if meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED):
            raise ValidationError("Only a meeting that has not yet been held can be cancelled.")
        meeting.status = MeetingStatus.CANCELLED
        meeting.cancelled_reason = reason.strip()
        meeting.save(update_fields=["status", "cancelled_reason"])
        _touch(meeting)
        audit_record(by, "meeting_cancel", meeting.board.partnership, f"Cancelled {meeting}: {reason}")
        if meeting.is_public:
            _queue_renders(meeting)
    return meeting


def meeting_mark_held(meeting: Meeting, *, by: User, now: dt.datetime | None = None) -> Meeting:
    _require_edit(by, meeting)
    now = now or timezone.now()
    if meeting.start > now:
        raise ValidationError("The meeting has not started yet.")
    with transaction.atomic():
        _lock_meeting(meeting)
        if meeting.status != MeetingStatus.AGENDA_PUBLISHED:
            raise ValidationError("Publish the agenda before recording the meeting as held.")
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])
        _touch(meeting)
        audit_record(by, "meeting_held", meeting.board.partnership, f"{meeting} was held")
    return meeting


# ---------------------------------------------------------------------------
# The agenda


def item_add(item: AgendaItem, *, by: User) -> AgendaItem:
    meeting = item.meeting
    _require_edit(by, meeting)
    _require_not_cancelled(meeting)
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        item.order = (meeting.items.aggregate(m=Max("order"))["m"] or 0) + 1
        item.full_clean()
        item.save()
        _touch(meeting)
        audit_record(by, "item_add", meeting.board.partnership, f"Added item {item} to {meeting}")
        if meeting.is_public:
            _queue_renders(meeting)
    return item


def item_update(item: AgendaItem, *, by: User, changed: list[str]) -> AgendaItem:
    meeting = item.meeting
    _require_edit(by, meeting)
    item.full_clean()
    with transaction.atomic():
        item.save(update_fields=ITEM_DETAILS)  # never the order: item_move owns it
        _touch(meeting)
        audit_record(by, "item_update", meeting.board.partnership, f"Updated item {item} of {meeting}", changed=changed)
        if meeting.is_public:
            _queue_renders(meeting)
    return item


def item_move(item: AgendaItem, *, up: bool, by: User) -> AgendaItem:
    """Swap an item with its neighbour above or below."""
    meeting = item.meeting
    _require_edit(by, meeting)
    with transaction.atomic():
        items = list(meeting.items.select_for_update().order_by("order", "pk"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        neighbour_index = index - 1 if up else index + 1
        if not 0 <= neighbour_index < len(items):
            raise ValidationError("This item is already at the " + ("top." if up else "bottom."))
        items[index], items[neighbour_index] = items[neighbour_index], items[index]
        for position, agenda_item in enumerate(items, start=1):
            if agenda_item.order != position:
                AgendaItem.objects.filter(pk=agenda_item.pk).update(order=position)
        _touch(meeting)
        audit_record(by, "item_move", meeting.board.partnership, f"Moved item {item.title} {'up' if up else 'down'}")
        if meeting.is_public:
            _queue_renders(meeting)
    item.refresh_from_db()
    return item


# ---------------------------------------------------------------------------
# Papers


def paper_add(paper: Paper, upload: UploadedFile, *, by: User, note: str = "", now: dt.datetime | None = None) -> Paper:
    """Create a paper with its first file."""
    meeting = paper.item.meeting
    _require_edit(by, meeting)
    _require_not_cancelled(meeting)
    checked = _check(upload)
    paper.full_clean()
    with transaction.atomic():
        if now is not None:
            paper.created_at = now
        paper.save()
        _store_version(paper, upload, checked, by=by, note=note, now=now)
        audit_record(by, "paper_add", meeting.board.partnership, f"Added paper {paper} to {paper.item}")
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
    meeting = paper.item.meeting
    _require_edit(by, meeting)
    _require_not_cancelled(meeting)
    now = now or timezone.now()
    checked = _check(upload)
    with transaction.atomic():
        paper.published_at = Paper.objects.select_for_update().values_list("published_at", flat=True).get(pk=paper.pk)
        late = paper.published_at is not None and paper_is_late(paper, now)
        if late:
            _require_late_reasons(late_reason, chair_agreed_by)
        version = _store_version(paper, upload, checked, by=by, note=note, now=now)
        audit_record(by, "paper_upload", meeting.board.partnership, f"Uploaded version {version.number} of {paper}")
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
            _touch(meeting)
            if meeting.is_public:
                _queue_renders(meeting)
    return version


def _require_late_reasons(late_reason: str, chair_agreed_by: str) -> None:
    errors = {}
    if not late_reason.strip():
        errors["late_reason"] = "Enter why the paper is late and why it cannot wait for the next meeting"
    if not chair_agreed_by.strip():
        errors["chair_agreed_by"] = "Enter the name of the chair who agreed to take it as urgent business"
    if errors:
        raise ValidationError(errors)


def _record_urgent_reason(item: AgendaItem, what: str, reason: str, chair: str) -> None:
    """The reason for late business appears in the minutes (s100B(4)(b))."""
    line = f"{what}: {reason.strip()} (agreed by {chair.strip()} as urgent business)"
    current = AgendaItem.objects.select_for_update().values_list("urgent_reason", flat=True).get(pk=item.pk)
    item.urgent_reason = f"{current}\n{line}".strip()
    item.save(update_fields=["urgent_reason"])


def _check(upload: UploadedFile) -> object:
    try:
        return check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error


def _store_version(  # noqa: ANN001
    paper: Paper, upload: UploadedFile, checked, *, by: User, note: str, now: dt.datetime | None = None
) -> PaperVersion:
    number = (paper.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = PaperVersion(
        paper=paper,
        number=number,
        original_name=upload.name[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
        uploaded_at=now or timezone.now(),
        change_note=note,
    )
    # A fresh name per version: storage never overwrites an earlier file.
    version.file.save(f"paper-{paper.pk}-v{number}.{checked.extension}", upload, save=False)
    version.save()
    return version


@dataclass(frozen=True)
class LateInfo:
    reason: str
    chair_agreed_by: str


def paper_is_late(paper: Paper, when: dt.datetime) -> bool:
    return timezone.localtime(when).date() > paper.item.meeting.governing_deadline


def paper_publish(
    paper: Paper, *, by: User, late_reason: str = "", chair_agreed_by: str = "", now: dt.datetime | None = None
) -> Paper:
    """Publish a paper. After the deadline it is accepted only with a recorded reason
    and the chair's agreement to take it as urgent business (SPEC §4, s100B(4)(b))."""
    meeting = paper.item.meeting
    _require_edit(by, meeting)
    _require_not_cancelled(meeting)
    now = now or timezone.now()
    late = paper_is_late(paper, now)
    if late:
        _require_late_reasons(late_reason, chair_agreed_by)
    with transaction.atomic():
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
        _touch(meeting)
        audit_record(
            by,
            "paper_publish",
            meeting.board.partnership,
            f"Published {paper}{' (late)' if late else ''}",
            paper=paper.pk,
            late=late,
        )
        if meeting.is_public:
            _queue_renders(meeting)
    return paper


class AgendaIncomplete(ValidationError):
    """Publishing would leave items without papers; the officer must confirm."""

    def __init__(self, items: list[AgendaItem]) -> None:
        self.items = items
        super().__init__("Some items have no published paper: " + "; ".join(str(i) for i in items))


def items_missing_papers(meeting: Meeting) -> list[AgendaItem]:
    """Items for decision or discussion with no published paper."""
    items = meeting.items.prefetch_related("papers")
    return [
        item
        for item in items
        if item.purpose != Purpose.INFORMATION and not any(p.published_at for p in item.papers.all())
    ]


def agenda_publish(
    meeting: Meeting, *, by: User, confirm_missing: bool = False, now: dt.datetime | None = None
) -> Meeting:
    """Publish the agenda with its papers: the public can see them and members are told."""
    _require_edit(by, meeting)
    now = now or timezone.now()
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",)).select_related("board__partnership").get(pk=meeting.pk)
        )
        if meeting.status != MeetingStatus.SCHEDULED:
            raise ValidationError(
                f"The agenda cannot be published: the meeting is {meeting.get_status_display().lower()}."
            )
        if not meeting.items.exists():
            raise ValidationError("Add at least one item to the agenda before publishing it.")
        missing = items_missing_papers(meeting)
        if missing and not confirm_missing:
            raise AgendaIncomplete(missing)
        meeting.status = MeetingStatus.AGENDA_PUBLISHED
        meeting.agenda_published_at = now
        meeting.save(update_fields=["status", "agenda_published_at"])
        _touch(meeting)
        audit_record(
            by,
            "agenda_publish",
            meeting.board.partnership,
            f"Published the agenda of {meeting}",
            missing_papers=[i.pk for i in missing],
        )
        from .tasks import send_agenda_published

        enqueue(send_agenda_published, meeting.pk)
        _queue_renders(meeting)
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
) -> None:
    """Record attendance for the board's members (replacing earlier entries for those seats)."""
    _require_edit(by, meeting)
    _require_not_cancelled(meeting)
    now = now or timezone.now()
    if meeting.start > now + dt.timedelta(hours=12):
        raise ValidationError("Attendance can be recorded only on or after the day of the meeting.")
    entries = list(entries)
    for entry in entries:
        if entry.membership.board_id != meeting.board_id:
            raise ValidationError(f"{entry.membership.person} is not a member of this board.")
        if entry.status == AttendanceStatus.DEPUTY and entry.deputy_id is None:
            raise ValidationError(f"Choose who represented {entry.membership.person}.")
        if entry.status == AttendanceStatus.DEPUTY and entry.deputy_id == entry.membership.person_id:
            raise ValidationError(f"{entry.membership.person} cannot be their own deputy.")
    with transaction.atomic():
        for entry in entries:
            Attendance.objects.update_or_create(
                meeting=meeting,
                membership=entry.membership,
                defaults={
                    "person_id": entry.membership.person_id,
                    "organisation_id": entry.membership.organisation_id,
                    "status": entry.status,
                    "deputy_id": entry.deputy_id if entry.status == AttendanceStatus.DEPUTY else None,
                },
            )
        if meeting.status == MeetingStatus.AGENDA_PUBLISHED and meeting.start <= now:
            meeting.status = MeetingStatus.HELD
            meeting.save(update_fields=["status"])
        _touch(meeting)
        audit_record(by, "attendance_record", meeting.board.partnership, f"Recorded attendance at {meeting}")
        if meeting.minutes_are_public:
            _queue_renders(meeting)


def invited_attendee_add(attendance: Attendance, *, by: User) -> Attendance:
    _require_edit(by, attendance.meeting)
    if not attendance.invited_role.strip():
        raise ValidationError({"invited_role": "Enter why the person was invited"})
    attendance.membership = None
    attendance.status = AttendanceStatus.PRESENT
    attendance.full_clean()
    with transaction.atomic():
        attendance.save()
        audit_record(
            by, "attendee_add", attendance.meeting.board.partnership, f"{attendance.person} attended by invitation"
        )
        if attendance.meeting.minutes_are_public:
            _queue_renders(attendance.meeting)
    return attendance


def declaration_record(declaration: Declaration, *, by: User) -> Declaration:
    """A member declares an interest on an item, or an officer records it for them."""
    item = declaration.item
    meeting = item.meeting
    own = getattr(by, "person", None) is not None and declaration.membership.person_id == by.person.pk
    if not own:
        _require_edit(by, meeting)
    if meeting.status not in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT):
        raise ValidationError(
            "Interests can be declared once the agenda is published and until the minutes are approved."
        )
    if declaration.membership.board_id != meeting.board_id:
        raise ValidationError({"membership": "Only a member of this board can declare an interest on its agenda."})
    if not declaration.nature.strip():
        raise ValidationError({"nature": "Enter the nature of the interest"})
    declaration.recorded_by = by
    declaration.full_clean(exclude=["recorded_by"])
    with transaction.atomic():
        declaration.save()
        audit_record(
            by,
            "declaration_record",
            meeting.board.partnership,
            f"{declaration.membership.person} declared an interest in {item}"
            + (" and withdrew" if declaration.withdraws else ""),
        )
        if meeting.minutes_are_public:
            _queue_renders(meeting)
    return declaration


# ---------------------------------------------------------------------------
# Minutes


def minutes_save(item: AgendaItem, text: str, *, by: User) -> AgendaItem:
    meeting = item.meeting
    _require_edit(by, meeting)
    with transaction.atomic():
        _lock_meeting(meeting)
        if meeting.status not in (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT):
            raise ValidationError("Minutes can be drafted once the meeting has been held, and until they are approved.")
        item.minutes = text.strip()
        item.save(update_fields=["minutes"])
        if meeting.status == MeetingStatus.HELD:
            meeting.status = MeetingStatus.MINUTES_DRAFT
            meeting.save(update_fields=["status"])
        audit_record(by, "minutes_save", meeting.board.partnership, f"Drafted the minute of {item}")
    return item


def minutes_approve(meeting: Meeting, *, at: Meeting, by: User, now: dt.datetime | None = None) -> Meeting:
    """Minutes are approved at the board's next meeting (SPEC §4)."""
    _require_edit(by, meeting)
    now = now or timezone.now()
    if at.board_id != meeting.board_id or at.start <= meeting.start:
        raise ValidationError({"at": "Minutes are approved at a later meeting of the same board."})
    if at.status in (MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED) or at.start > now:
        raise ValidationError({"at": "Choose a meeting that has been held."})
    with transaction.atomic():
        _lock_meeting(meeting)
        if meeting.status != MeetingStatus.MINUTES_DRAFT:
            raise ValidationError("Only draft minutes can be approved.")
        meeting.status = MeetingStatus.MINUTES_APPROVED
        meeting.minutes_approved_at = at
        meeting.save(update_fields=["status", "minutes_approved_at"])
        audit_record(by, "minutes_approve", meeting.board.partnership, f"Minutes of {meeting} approved at {at}")
    return meeting


def minutes_publish(meeting: Meeting, *, by: User, now: dt.datetime | None = None) -> Meeting:
    _require_edit(by, meeting)
    with transaction.atomic():
        _lock_meeting(meeting)
        if meeting.status != MeetingStatus.MINUTES_APPROVED:
            raise ValidationError("Only approved minutes can be published.")
        meeting.status = MeetingStatus.MINUTES_PUBLISHED
        meeting.minutes_published_at = now or timezone.now()
        meeting.save(update_fields=["status", "minutes_published_at"])
        _touch(meeting)
        audit_record(by, "minutes_publish", meeting.board.partnership, f"Published the minutes of {meeting}")
        _queue_renders(meeting)
    return meeting


# ---------------------------------------------------------------------------
# Actions arising


def action_save(action: Action, *, by: User) -> Action:
    _require_edit(by, action.meeting)
    if action.item_id and action.item.meeting_id != action.meeting_id:
        raise ValidationError({"item": "Choose an item of this meeting."})
    action.full_clean()
    with transaction.atomic():
        if action.status == ActionStatus.DONE and action.completed_at is None:
            action.completed_at = timezone.now()
        if action.status != ActionStatus.DONE:
            action.completed_at = None
        action.save()
        audit_record(by, "action_save", action.meeting.board.partnership, f"Action for {action.owner}: {action}")
        if action.meeting.minutes_are_public:
            _queue_renders(action.meeting)
    return action
