"""Meetings, agendas, papers, attendance, minutes, actions and reminders (SPEC §4)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from governance.uploads import ALLOWED_TYPES
from partnerships.models import Board, ClearDays, Membership, Organisation, Person

from . import working_days


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    HELD = "held", "Held"
    MINUTES_DRAFT = "minutes_draft", "Minutes in draft"
    MINUTES_APPROVED = "minutes_approved", "Minutes approved"
    MINUTES_PUBLISHED = "minutes_published", "Minutes published"
    CANCELLED = "cancelled", "Cancelled"


# Statuses in which the agenda (and its public papers) may be seen by the public.
AGENDA_PUBLIC_STATUSES = (
    MeetingStatus.AGENDA_PUBLISHED,
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_DRAFT,
    MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.MINUTES_PUBLISHED,
)


# ---------------------------------------------------------------------------
# What the public may see (SPEC §6): one condition per level, each built on the level
# above it. A meeting is public once its agenda is published (a cancelled meeting stays
# listed once published); an agenda item when its meeting is public and it is not
# exempt; a paper when it is published and its item is public; a paper version when it
# is published and its paper is public; minutes when the meeting is public and they are
# published. Querysets filter with these Q objects (``path`` leads from the model
# queried to the level named), instances answer with ``is_public``; nothing else
# decides publicity (tests/test_publicity.py holds the two forms to each other).


def public_meeting_q(path: str = "") -> Q:
    return Q(**{f"{path}agenda_published_at__isnull": False})


def public_minutes_q(path: str = "") -> Q:
    return public_meeting_q(path) & Q(**{f"{path}minutes_published_at__isnull": False})


def public_item_q(path: str = "") -> Q:
    return Q(**{f"{path}exempt": False}) & public_meeting_q(f"{path}meeting__")


def public_paper_q(path: str = "") -> Q:
    return Q(**{f"{path}published_at__isnull": False}) & public_item_q(f"{path}item__")


def public_version_q(path: str = "") -> Q:
    return Q(**{f"{path}published_at__isnull": False}) & public_paper_q(f"{path}paper__")


# A meeting scheduled but not yet published is announced (public notice of a meeting,
# SPEC §6 home and forward plan): the public may know its board, its date and time and
# its paper deadline, and nothing else (not its title, venue or items: those come with
# the agenda). A meeting cancelled before its agenda was published is not announced.


def announced_meeting_q(path: str = "") -> Q:
    return Q(**{f"{path}agenda_published_at__isnull": True, f"{path}status": MeetingStatus.SCHEDULED})


# What the members and deputies of a board may read beyond the public (SPEC §4
# "Publication", issue 8 item 15): every published paper of a published agenda, exempt
# ones included (the public never sees those), and papers the officer made available
# to members before publishing them. Who counts as a member or deputy is
# meetings/access.py is_member_of_board.


def members_paper_q(path: str = "") -> Q:
    published = Q(**{f"{path}published_at__isnull": False}) & public_meeting_q(f"{path}item__meeting__")
    return published | Q(**{f"{path}available_to_members": True})


def members_version_q(path: str = "") -> Q:
    published = Q(**{f"{path}published_at__isnull": False}) & members_paper_q(f"{path}paper__")
    return published | Q(**{f"{path}paper__available_to_members": True})


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def public(self) -> MeetingQuerySet:
        return self.filter(public_meeting_q())

    def with_public_minutes(self) -> MeetingQuerySet:
        return self.filter(public_minutes_q())

    def announced(self) -> MeetingQuerySet:
        """Scheduled meetings whose agenda is not yet published (announced_meeting_q)."""
        return self.filter(announced_meeting_q())


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    def public(self) -> AgendaItemQuerySet:
        return self.filter(public_item_q())


class PaperQuerySet(models.QuerySet["Paper"]):
    def public(self) -> PaperQuerySet:
        return self.filter(public_paper_q())


class PaperVersionQuerySet(models.QuerySet["PaperVersion"]):
    def public(self) -> PaperVersionQuerySet:
        return self.filter(public_version_q())


class Meeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200, blank=True, help_text="Leave blank to use the board's name.")
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, help_text="The address, or 'Online'.")
    online_url = models.URLField(blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, help_text="Raised on every change (iCalendar SEQUENCE).")
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_minutes_of",
        help_text="The meeting at which these minutes were approved.",
    )
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.CharField(max_length=300, blank=True)
    # An agenda published after the governing deadline is late business (SPEC §9,
    # s100B(3), (4)(b)): the reason and the chair's agreement, shown with the minutes.
    agenda_late = models.BooleanField(default=False, help_text="The agenda was published after the deadline.")
    agenda_late_reason = models.TextField(blank=True)
    agenda_chair_agreed_by = models.CharField(max_length=200, blank=True)
    # The deadline rule the agenda was published under, kept when the board's rule
    # changes later (blank until the agenda is published: the board's rule applies).
    rule_working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    rule_calendar = models.CharField(max_length=3, blank=True)
    rule_council_committee = models.BooleanField(null=True, blank=True)
    rule_clear_days = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        indexes = [
            models.Index(fields=["board", "start"]),
            models.Index(fields=["agenda_published_at", "start"]),
            # The public lists and feeds (scripts/benchmark_pages.py: 10 years, 50 partnerships).
            models.Index(
                fields=["start", "id"], name="meeting_public_start", condition=Q(agenda_published_at__isnull=False)
            ),
            models.Index(fields=["minutes_published_at", "id"], name="meeting_minutes_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(agenda_late=False) | (~Q(agenda_late_reason="") & ~Q(agenda_chair_agreed_by="")),
                name="late_agenda_needs_reason_and_chair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_title}, {timezone.localtime(self.start):%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.pk])

    @property
    def display_title(self) -> str:
        return self.title or self.board.name

    @property
    def date(self) -> dt.date:
        return timezone.localtime(self.start).date()

    @property
    def rule_kept(self) -> bool:
        """The deadline rule was kept when the agenda was published."""
        return self.rule_working_days is not None

    @property
    def deadline_rule(self) -> working_days.DeadlineRule:
        """The rule the meeting's deadlines follow: the one kept when its agenda was
        published, so a later change of the board's rule does not rewrite the deadline
        a meeting was held under; before that, the board's rule."""
        if self.rule_working_days is not None:
            return working_days.DeadlineRule(
                working_days=self.rule_working_days,
                calendar=self.rule_calendar or self.board.calendar,
                council_committee=bool(self.rule_council_committee),
                clear_days_working=self.rule_clear_days != ClearDays.CALENDAR,
            )
        return board_deadline_rule(self.board)

    def keep_deadline_rule(self) -> list[str]:
        """Copy the board's rule onto the meeting (for agenda_publish); the fields set."""
        rule = board_deadline_rule(self.board)
        self.rule_working_days = rule.working_days
        self.rule_calendar = rule.calendar
        self.rule_council_committee = rule.council_committee
        self.rule_clear_days = ClearDays.WORKING if rule.clear_days_working else ClearDays.CALENDAR
        return ["rule_working_days", "rule_calendar", "rule_council_committee", "rule_clear_days"]

    @property
    def paper_deadline(self) -> dt.date:
        """The partnership's own deadline: N working days before the meeting (000)."""
        return self.deadline_rule.paper_deadline(self.date)

    @property
    def statutory_deadline(self) -> dt.date | None:
        """For a council committee, the last day for 5 clear days' notice (LGA 1972
        Part VA), counted as the board counts clear days (SPEC §9)."""
        return self.deadline_rule.statutory_deadline(self.date)

    @property
    def governing_deadline(self) -> dt.date:
        """The stricter of the two deadlines."""
        return self.deadline_rule.governing_deadline(self.date)

    @property
    def is_public(self) -> bool:
        """See public_meeting_q."""
        return self.agenda_published_at is not None

    @property
    def minutes_are_public(self) -> bool:
        """See public_minutes_q."""
        return self.is_public and self.minutes_published_at is not None

    @property
    def is_announced(self) -> bool:
        """See announced_meeting_q."""
        return self.agenda_published_at is None and self.status == MeetingStatus.SCHEDULED


def board_deadline_rule(board: Board) -> working_days.DeadlineRule:
    """A board's deadline rule today, as the pure calendar takes it."""
    return working_days.DeadlineRule(
        working_days=board.paper_deadline_working_days,
        calendar=board.calendar,
        council_committee=board.is_council_committee,
        clear_days_working=board.clear_days != ClearDays.CALENDAR,
    )


class Purpose(models.TextChoices):
    DECISION = "decision", "For decision"
    DISCUSSION = "discussion", "For discussion"
    INFORMATION = "information", "For information"


class ExemptCategory(models.TextChoices):
    """LGA 1972 Schedule 12A, Part 1: descriptions of exempt information."""

    INDIVIDUAL = "1", "1. Information relating to any individual"
    IDENTITY = "2", "2. Information likely to reveal the identity of an individual"
    FINANCIAL = "3", "3. Financial or business affairs of any particular person"
    LABOUR_RELATIONS = "4", "4. Consultations or negotiations on labour relations"
    LEGAL_PRIVILEGE = "5", "5. Legal professional privilege"
    NOTICES = "6", "6. Notices, orders or directions under an enactment"
    CRIME = "7", "7. Prevention, investigation or prosecution of crime"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.DISCUSSION)
    lead_officer = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    exempt = models.BooleanField(
        default=False, help_text="Exempt items and their papers are never shown to the public or in public feeds."
    )
    exempt_category = models.CharField(max_length=2, choices=ExemptCategory.choices, blank=True)
    minutes = models.TextField(blank=True, help_text="The minute of this item: discussion, decisions and actions.")
    urgent_reason = models.TextField(
        blank=True, help_text="Why late business is taken as urgent (s100B(4)(b)); shown in the minutes."
    )
    # An item added to a published agenda after the deadline is late business (SPEC §9).
    late = models.BooleanField(default=False, help_text="Added to the published agenda after the deadline.")
    late_reason = models.TextField(blank=True)
    chair_agreed_by = models.CharField(max_length=200, blank=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        indexes = [models.Index(fields=["id", "meeting"], name="agendaitem_public", condition=Q(exempt=False))]
        constraints = [
            models.CheckConstraint(
                condition=Q(exempt=False) | ~Q(exempt_category=""), name="agenda_item_exempt_needs_category"
            ),
            models.CheckConstraint(
                condition=Q(late=False) | (~Q(late_reason="") & ~Q(chair_agreed_by="")),
                name="late_item_needs_reason_and_chair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    @property
    def is_public(self) -> bool:
        """See public_item_q."""
        return not self.exempt and self.meeting.is_public

    @property
    def papers_for_members_only(self) -> bool:
        """Its papers never reach the public; once published, the board's members and
        deputies read them (members_paper_q)."""
        return self.exempt


class Paper(models.Model):
    """A report or appendix for an agenda item. Its files are versions, never overwritten."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=300)
    author = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="papers")
    author_name = models.CharField(max_length=200, blank=True)
    author_email = models.EmailField(blank=True, help_text="Receives the paper deadline reminders.")
    available_to_members = models.BooleanField(default=False, help_text="Members may read it before publication.")
    published_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(default=False, help_text="Published after the paper deadline.")
    late_reason = models.TextField(blank=True)
    chair_agreed_urgent = models.BooleanField(default=False)
    chair_agreed_by = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["item", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(late=False) | (~Q(late_reason="") & Q(chair_agreed_urgent=True)),
                name="late_paper_needs_reason_and_chair",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def author_display(self) -> str:
        return self.author.name if self.author else self.author_name

    @property
    def is_public(self) -> bool:
        """See public_paper_q."""
        return self.published_at is not None and self.item.is_public

    @property
    def members_may_read(self) -> bool:
        """See members_paper_q."""
        return (self.published_at is not None and self.item.meeting.is_public) or self.available_to_members


# A paper's file type for people ("PDF", "DOCX"), by its checked content type.
FILE_TYPE_LABELS = {content_type: extension.upper() for extension, content_type in ALLOWED_TYPES.items()}


class PaperVersion(models.Model):
    """One uploaded file of a paper. A new upload is a new version; none is replaced."""

    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to="papers/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When this version became public; later ones are supplements."
    )
    change_note = models.CharField(max_length=300, blank=True)
    late = models.BooleanField(default=False, help_text="A supplement published after the paper deadline.")

    objects = PaperVersionQuerySet.as_manager()

    class Meta:
        ordering = ["paper", "number"]
        constraints = [models.UniqueConstraint(fields=["paper", "number"], name="paper_version_unique")]
        indexes = [models.Index(fields=["published_at", "id"], name="paperversion_published")]

    def __str__(self) -> str:
        return f"{self.paper} (version {self.number})"

    @property
    def is_public(self) -> bool:
        """See public_version_q."""
        return self.published_at is not None and self.paper.is_public

    @property
    def members_may_read(self) -> bool:
        """See members_version_q."""
        return (self.published_at is not None and self.paper.members_may_read) or self.paper.available_to_members

    @property
    def extension(self) -> str:
        """The file's type as its content was checked on upload (`uploads.check_upload`
        stores the content type), never the uploader's file name: a PDF named
        "report.html" is a PDF."""
        return FILE_TYPE_LABELS.get(self.content_type, "")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    DEPUTY = "deputy", "Represented by deputy"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    """Who attended: one row per membership, plus invited attendees (no membership)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="attendance"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT)
    deputy = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="deputised_attendance"
    )
    invited_role = models.CharField(max_length=200, blank=True, help_text="For invited attendees, why they attended.")

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=Q(membership__isnull=False),
                name="attendance_once_per_membership",
            ),
            models.CheckConstraint(
                condition=~Q(status="deputy") | Q(deputy__isnull=False), name="attendance_deputy_named"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


# The longest nature of an interest taken (a paragraph, not a document).
DECLARATION_NATURE_MAX = 2000


class Declaration(models.Model):
    """A declaration of interest on an agenda item (SPEC §4), by the member of a seat or
    by the deputy attending for it (``person``)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="declarations")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="declarations",
        help_text="Who declared: the member, or the deputy attending for the seat.",
    )
    nature = models.TextField()
    withdraws = models.BooleanField(
        default=False, help_text="The member leaves for this item; their deputy may act for the organisation."
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["item", "membership", "person"], name="declaration_once_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.item}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.person_id is None and self.membership_id is not None:
            self.person_id = self.membership.person_id  # the member's own declaration
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def by_deputy(self) -> bool:
        """Declared by someone other than the seat's member: the deputy attending for it."""
        return self.person_id != self.membership.person_id


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Action(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="actions")
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == ActionStatus.OPEN and self.due_date < today


class DocumentKind(models.TextChoices):
    AGENDA_PACK = "agenda_pack", "Agenda pack"
    MINUTES = "minutes", "Minutes"


class RenderStatus(models.TextChoices):
    PENDING = "pending", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class RenderedDocument(models.Model):
    """A PDF rendered from a meeting's public content; re-rendered only when that content changes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    content_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=RenderStatus.choices, default=RenderStatus.PENDING)
    file = models.FileField(upload_to="rendered/%Y/", blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    # Indexed: the newest of each is part of the content version (governance/pagecache.py).
    rendered_at = models.DateTimeField(null=True, blank=True, db_index=True)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "kind"], name="one_document_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.meeting}"


class SentReminder(models.Model):
    """Every reminder sent. Unique on (kind, key, recipient): a second run sends nothing."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200, help_text="What the reminder is about, e.g. 'paper:12:deadline-5'.")
    recipient = models.EmailField()
    subject = models.CharField(max_length=300)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders")
    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-claimed_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "recipient"], name="reminder_sent_once"),
        ]
        indexes = [models.Index(fields=["partnership", "-claimed_at"], name="sentreminder_partnership")]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient}: {self.subject}"
