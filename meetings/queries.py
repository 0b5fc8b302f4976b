"""Reads assembled for the meeting pages, feeds and documents (the only place reads are put together)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from partnerships.models import AuditEvent, Board, Delegation, Deputyship, Membership, Person

from . import states
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
    members_paper_q,
)

# Upcoming meetings shown on the member's page. A scheduled meeting shows only its date
# and paper deadline: its agenda is not settled until it is published.
UPCOMING_STATUSES = (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)


def _missing(items: list[AgendaItem], papers: Callable[[AgendaItem], Iterable[Paper]]) -> list[AgendaItem]:
    """Items for decision or discussion with no published paper, from loaded rows."""
    return [
        item for item in items if item.purpose != Purpose.INFORMATION and not any(p.published_at for p in papers(item))
    ]


def items_missing_papers(meeting: Meeting) -> list[AgendaItem]:
    """Items for decision or discussion with no published paper."""
    return _missing(list(meeting.items.prefetch_related("papers")), lambda item: item.papers.all())


# Every column of a paper version, read beside its paper's (agenda below).
_VERSION_COLUMNS = [field.attname for field in PaperVersion._meta.concrete_fields]


def _papers_with_versions(meeting: Meeting, items: list[AgendaItem]) -> None:
    """Give each item ``paper_list``, its papers by id, and each paper ``version_list``,
    its versions oldest first, in one query: the papers joined to their versions, a row
    for each version (and one for a paper with none)."""
    by_id = {item.pk: item for item in items}
    for item in items:
        item.paper_list = []  # type: ignore[attr-defined]
    rows = (
        Paper.objects.filter(item__meeting=meeting)
        .select_related("author")
        .annotate(**{f"version_{name}": F(f"versions__{name}") for name in _VERSION_COLUMNS})
        .order_by("pk", "versions__number")
    )
    paper: Paper | None = None
    for row in rows:
        if paper is None or row.pk != paper.pk:
            paper = row
            paper.item = by_id[paper.item_id]
            paper.version_list = []  # type: ignore[attr-defined]
            paper.item.paper_list.append(paper)  # type: ignore[attr-defined]
        if row.version_id is not None:  # type: ignore[attr-defined]  # annotated above
            values = [getattr(row, f"version_{name}") for name in _VERSION_COLUMNS]
            version = PaperVersion.from_db(rows.db, _VERSION_COLUMNS, values)
            version.paper = paper
            paper.version_list.append(version)  # type: ignore[attr-defined]


def agenda(meeting: Meeting, *, with_declarations: bool = True) -> list[AgendaItem]:
    """The meeting's items in order, as its officers see them, exempt ones too: each with
    ``paper_list`` (every paper, unpublished ones too) whose papers have ``version_list``
    (every version), and ``item.declarations.all()`` in the order they were recorded.
    Three queries (two without the declarations), whatever the number of rows."""
    items = meeting.items.order_by("order", "pk")
    if with_declarations:
        declarations = Declaration.objects.select_related(
            "person", "membership__person", "membership__organisation"
        ).order_by("recorded_at", "pk")
        items = items.prefetch_related(Prefetch("declarations", queryset=declarations))
    loaded = list(items)
    _papers_with_versions(meeting, loaded)
    return loaded


def paper_is_late(paper: Paper, when: dt.datetime) -> bool:
    """Published on ``when``, the paper would be after its meeting's governing deadline."""
    return timezone.localtime(when).date() > paper.item.meeting.governing_deadline


def agenda_is_late(meeting: Meeting, when: dt.datetime) -> bool:
    """Published on ``when``, the agenda (or an item added to it) would be after the
    governing deadline (SPEC §9 "Rule readings")."""
    return timezone.localdate(when) > meeting.governing_deadline


def item_would_be_late(meeting: Meeting, when: dt.datetime) -> bool:
    """An item added on ``when`` is late business: the agenda is published and the
    governing deadline has passed (an item added before publication goes out with the
    agenda, on time or late with it)."""
    return meeting.is_public and agenda_is_late(meeting, when)


@dataclass(frozen=True)
class LateAfterMove:
    """What a published meeting moved to a new date would have published after its new
    governing deadline, and was on time before: the agenda, papers, supplements
    (later versions of a published paper) and items added to the published agenda."""

    deadline: dt.date
    agenda: bool
    papers: list[Paper]
    versions: list[PaperVersion]
    items: list[AgendaItem]

    def __bool__(self) -> bool:
        return self.agenda or bool(self.papers or self.versions or self.items)

    def described(self) -> list[str]:
        """Each record that would be late, as a phrase with the day it was published."""

        def day(when: dt.datetime) -> str:
            local = timezone.localdate(when)
            return f"{local.day} {local:%B %Y}"

        found = []
        if self.agenda:
            found.append("the agenda")
        found += [
            f"the paper '{paper.title}', published on {day(paper.published_at)}"
            for paper in self.papers
            if paper.published_at
        ]
        found += [
            f"version {version.number} of '{version.paper.title}', published on {day(version.published_at)}"
            for version in self.versions
            if version.published_at
        ]
        found += [f"the item '{item.title}'" for item in self.items]
        return found


def late_after_move(meeting: Meeting) -> LateAfterMove:
    """For a published meeting whose start has been changed in memory (not saved): what
    it published on time that its governing deadline, worked out from the new date under
    the rule kept at publication, would now make late. Four queries."""
    deadline = meeting.governing_deadline
    if not meeting.is_public:
        return LateAfterMove(deadline, False, [], [], [])
    # Published on a day after the deadline: from the first moment of the next day.
    after = timezone.make_aware(dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time.min))
    published = meeting.agenda_published_at
    agenda = not meeting.agenda_late and published is not None and published >= after
    papers = list(
        Paper.objects.filter(item__meeting=meeting, late=False, published_at__gte=after).order_by("item__order", "pk")
    )
    versions = [
        version
        for version in PaperVersion.objects.filter(
            paper__item__meeting=meeting, late=False, number__gt=1, published_at__gte=after
        )
        .select_related("paper")
        .order_by("paper__item__order", "paper_id", "number")
        if version.published_at != version.paper.published_at  # a supplement, not the paper's first publication
    ]
    # An item added to the published agenda has no date of its own: the audit trail's
    # item_add event is when it was added (one added before publication went out with
    # the agenda, on time or late with it).
    on_time = {item.pk: item for item in meeting.items.filter(late=False).order_by("order", "pk")}
    items: list[AgendaItem] = []
    if on_time and published is not None:
        added = AuditEvent.objects.filter(
            verb="item_add", details__item__in=list(on_time), at__gt=published, at__gte=after
        ).values_list("details", flat=True)
        late_ids = {details.get("item") for details in added}
        items = [item for pk, item in on_time.items() if pk in late_ids]
    return LateAfterMove(deadline, agenda, papers, versions, items)


def item_public_late(item: AgendaItem, when: dt.datetime) -> bool:
    """Made public on ``when`` (its exemption lifted), the item of a published agenda
    would reach the public after the governing deadline: late business, as an item
    added then is (item_would_be_late). An item already marked late has its reason."""
    meeting = item.meeting
    return meeting.is_public and not item.is_public and not item.late and agenda_is_late(meeting, when)


def meeting_steps(meeting: Meeting, now: dt.datetime | None = None, *, has_items: bool | None = None) -> frozenset[str]:
    """The steps the officer's page offers for the meeting now (meetings/states.py)."""
    return states.allowed_steps(meeting.status, start=meeting.start, now=now or timezone.now(), has_items=has_items)


def short_notice(start: dt.datetime, board: Board, now: dt.datetime) -> str:
    """Why scheduling a meeting at ``start`` needs the officer's confirmation, or "":
    it is in the past, or so soon that its deadline for papers has passed."""
    if start <= now:
        return "past"
    probe = Meeting(board=board, start=start)
    if timezone.localdate(now) > probe.governing_deadline:
        return "deadline_passed"
    return ""


# ---------------------------------------------------------------------------
# The officer's pages


def board_meetings(board: Board, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    meetings = list(board.meetings.select_related("board").order_by("-start"))
    return {
        "upcoming": [m for m in reversed(meetings) if m.start >= now],
        "past": [m for m in meetings if m.start < now],
    }


def meeting_hub(meeting: Meeting, now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything the officer's meeting page shows, in a fixed number of queries:
    the agenda with its papers and their versions, attendance, actions arising, and the
    steps the meeting may take."""
    now = now or timezone.now()
    items = agenda(meeting)
    approved_at = meeting.minutes_approved_at  # read with the meeting (access.get_meeting_for_officer)
    statutory = meeting.statutory_deadline
    steps = meeting_steps(meeting, now, has_items=bool(items))
    return {
        "meeting": meeting,
        "board": meeting.board,
        "partnership": meeting.board.partnership,
        "items": items,
        "missing": _missing(items, lambda item: item.paper_list),  # type: ignore[attr-defined]
        "attendance": list(meeting.attendance.select_related("person", "organisation", "deputy").order_by("pk")),
        "arising": list(meeting.actions.select_related("owner", "item")),
        "approved_at": approved_at,
        "today": timezone.localdate(now),
        "rule": meeting.deadline_rule,
        "paper_deadline": meeting.paper_deadline,
        "statutory_deadline": statutory,
        "governing_deadline": meeting.governing_deadline,
        "statutory_governs": statutory is not None and statutory < meeting.paper_deadline,
        "steps": steps,
        "main_step": states.main_step(steps),
        "empty_agenda": not items and states.refusal("agenda_publish", meeting.status) is None,
        "declarable": states.refusal("declaration_record", meeting.status) is None,
        "cancelled": states.is_cancelled(meeting.status),
        "minutes_in_draft": states.minutes_in_draft(meeting.status),
    }


@dataclass(frozen=True)
class DeputyOption:
    """Someone who may represent a seat at a meeting: the seat's deputy on the day
    (the deputyship ledger) or a delegate of its organisation in force on the day."""

    person: Person
    capacity: str  # "designated deputy" or "delegate"

    @property
    def label(self) -> str:
        return f"{self.person.name} ({self.capacity})"


@dataclass(frozen=True)
class AttendanceSheet:
    memberships: list[Membership]
    deputies: dict[int, list[DeputyOption]]  # membership id -> who may represent it
    recorded: dict[int, Attendance]


def _deputies_on_day(day: dt.date) -> Prefetch[Any, Any, Any]:
    return Prefetch(
        "deputyships", queryset=Deputyship.objects.on(day).select_related("person"), to_attr="deputies_on_day"
    )


def deputy_options(memberships: list[Membership], day: dt.date) -> dict[int, list[DeputyOption]]:
    """Who may represent each seat on ``day``: its deputy (from ``deputies_on_day``,
    prefetched by _deputies_on_day) first (001 principle 5), then the delegates of its
    organisation for the board (000 §3b). One query for the delegates."""
    boards = {m.board_id for m in memberships}
    organisations = {m.organisation_id for m in memberships}
    delegates: dict[tuple[int, int], list[Person]] = defaultdict(list)
    for delegation in (
        Delegation.objects.valid_on(day)
        .filter(board_id__in=boards, organisation_id__in=organisations)
        .select_related("person")
        .order_by("person__name", "pk")
    ):
        delegates[(delegation.board_id, delegation.organisation_id)].append(delegation.person)
    options: dict[int, list[DeputyOption]] = {}
    for membership in memberships:
        seen = {membership.person_id}
        found: list[DeputyOption] = []
        for deputyship in getattr(membership, "deputies_on_day", []):
            if deputyship.person_id not in seen:
                seen.add(deputyship.person_id)
                found.append(DeputyOption(deputyship.person, "designated deputy"))
        for person in delegates[(membership.board_id, membership.organisation_id)]:
            if person.pk not in seen:
                seen.add(person.pk)
                found.append(DeputyOption(person, "delegate"))
        options[membership.pk] = found
    return options


def attendance_sheet(meeting: Meeting) -> AttendanceSheet:
    """The seats on the board on the day, who may represent each (the ledger and the
    delegations in force on the day), and what was recorded before. Four queries
    whatever the number of seats."""
    day = meeting.date
    memberships = list(
        Membership.objects.filter(board=meeting.board)
        .current(day)
        .select_related("person", "organisation")
        .prefetch_related(_deputies_on_day(day))
        .order_by("organisation__name", "person__name")
    )
    recorded: dict[int, Attendance] = {}
    for attendance in meeting.attendance.filter(membership__isnull=False):
        if attendance.membership_id is not None:
            recorded[attendance.membership_id] = attendance
    return AttendanceSheet(memberships, deputy_options(memberships, day), recorded)


def approval_candidates(meeting: Meeting, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    """Later meetings of the same board that have started, with a published agenda,
    as minutes_approve accepts (SPEC §4: approved at the next meeting)."""
    return (
        Meeting.objects.filter(board_id=meeting.board_id, start__gt=meeting.start, start__lte=now or timezone.now())
        .exclude(status__in=[MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED])
        .select_related("board")
        .order_by("start")
    )


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    """The board's next meeting after this one that is not cancelled, if any."""
    return (
        Meeting.objects.filter(board_id=meeting.board_id, start__gt=meeting.start)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("board")
        .order_by("start", "pk")
        .first()
    )


# ---------------------------------------------------------------------------
# Declarations of interest


@dataclass(frozen=True)
class DeclarerSeat:
    """Someone who may declare an interest for a seat at a meeting: its member, or the
    deputy attending for it (its deputy on the day, or the one recorded as attending)."""

    membership: Membership
    person: Person
    as_deputy: bool

    @property
    def key(self) -> str:
        return f"{self.membership.pk}:{self.person.pk}"

    @property
    def label(self) -> str:
        organisation = self.membership.organisation.name
        if self.as_deputy:
            return f"{self.person.name}, deputy for {self.membership.person.name} ({organisation})"
        return f"{self.person.name} ({organisation})"


def declarer_seats(meeting: Meeting, *, person: Person | None = None) -> list[DeclarerSeat]:
    """Who may declare an interest at the meeting, for which seat: each seat's member
    and its deputies (SPEC §4; issue 8 item 6). Once attendance is recorded for a seat,
    only whoever attended for it: the member when present, the deputy recorded as
    attending when the member was represented, nobody when the member sent apologies
    or was absent (attendance_refusal says why). Only ``person``'s, when given. Three
    queries whatever the number of seats."""
    day = meeting.date
    recorded = Attendance.objects.filter(meeting=meeting, membership__isnull=False)
    seats = Membership.objects.current(day).filter(board_id=meeting.board_id)
    if person is not None:
        deputising = Deputyship.objects.on(day).filter(person=person).values("membership_id")
        attending = recorded.filter(status=AttendanceStatus.DEPUTY, deputy=person)
        seats = seats.filter(Q(person=person) | Q(pk__in=deputising) | Q(pk__in=attending.values("membership_id")))
    attendance: dict[int, Attendance] = {}
    for recorded_row in recorded.select_related("deputy"):
        if recorded_row.membership_id is not None:
            attendance[recorded_row.membership_id] = recorded_row
    found: list[DeclarerSeat] = []
    for seat in (
        seats.select_related("person", "organisation")
        .prefetch_related(_deputies_on_day(day))
        .order_by("organisation__name", "person__name", "pk")
    ):
        row = attendance.get(seat.pk)
        if row is not None:
            # Attendance is recorded: whoever was there for the seat, and nobody else.
            if row.status == AttendanceStatus.PRESENT and (person is None or seat.person_id == person.pk):
                found.append(DeclarerSeat(seat, seat.person, as_deputy=False))
            elif row.status == AttendanceStatus.DEPUTY and row.deputy is not None:
                if row.deputy_id != seat.person_id and (person is None or row.deputy_id == person.pk):
                    found.append(DeclarerSeat(seat, row.deputy, as_deputy=True))
            continue
        if person is None or seat.person_id == person.pk:
            found.append(DeclarerSeat(seat, seat.person, as_deputy=False))
        for deputy in [d.person for d in getattr(seat, "deputies_on_day", [])]:
            if deputy.pk != seat.person_id and (person is None or deputy.pk == person.pk):
                found.append(DeclarerSeat(seat, deputy, as_deputy=True))
    return found


def attendance_refusal(meeting: Meeting, membership: Membership, person: Person) -> str:
    """Why ``person`` cannot declare for the seat given the attendance recorded at the
    meeting ("" when none is recorded for the seat, or they attended for it)."""
    row = Attendance.objects.filter(meeting=meeting, membership=membership).select_related("deputy").first()
    if row is None:
        return ""
    day = f"{meeting.date.day} {meeting.date:%B %Y}"
    if row.status == AttendanceStatus.PRESENT:
        if person.pk == membership.person_id:
            return ""
        return (
            f"{membership.person} attended the meeting on {day} in person, so only they can declare an interest "
            "for this seat"
        )
    if row.status == AttendanceStatus.DEPUTY and row.deputy is not None:
        if person.pk == row.deputy_id:
            return ""
        return (
            f"{row.deputy} attended the meeting on {day} for {membership.person}, so only they can declare an "
            "interest for this seat"
        )
    status = "sent apologies" if row.status == AttendanceStatus.APOLOGIES else "was absent"
    return (
        f"{membership.person} {status} for the meeting on {day} and nobody attended for the seat, "
        "so no interest can be declared for it"
    )


def own_declaration_refusal(meeting: Meeting, person: Person) -> str:
    """Why ``person``, the member or the deputy on the day of a seat on the board, may
    not declare for it at the meeting given the attendance recorded ("" when none
    applies): for meetings/access.py to give the reason rather than "no seat"."""
    day = meeting.date
    deputising = Deputyship.objects.on(day).filter(person=person).values("membership_id")
    seats = (
        Membership.objects.current(day)
        .filter(board_id=meeting.board_id)
        .filter(Q(person=person) | Q(pk__in=deputising))
        .select_related("person")
        .order_by("pk")
    )
    for seat in seats:
        if refusal := attendance_refusal(meeting, seat, person):
            return refusal
    return ""


def declarations_on(item: AgendaItem) -> list[Declaration]:
    return list(
        item.declarations.select_related("person", "membership__person", "membership__organisation").order_by(
            "recorded_at", "pk"
        )
    )


def withdrawn(item_id: int) -> set[tuple[int, int]]:
    """(membership id, person id) of everyone who declared an interest on the item and
    withdrew for it: the member of a seat, or the deputy attending for it. A seat whose
    member withdrew may be represented by its deputy; a withdrawn person records no
    position on the item (SPEC §4)."""
    return set(Declaration.objects.filter(item_id=item_id, withdraws=True).values_list("membership_id", "person_id"))


# ---------------------------------------------------------------------------
# People to choose from on the officer's forms


@dataclass(frozen=True)
class PeopleChoice:
    """Everyone, the members and deputies of a board first (issue 8 item 17)."""

    board: Board
    on_board: list[Person]
    others: list[Person]


def people_for_board(board: Board, on: dt.date | None = None) -> PeopleChoice:
    """The people of the system, split into those who sit on the board or deputise
    for one of its seats on ``on`` (today by default) and everyone else; by name. Two
    queries."""
    on = on or timezone.localdate()
    seats = Membership.objects.current(on).filter(board_id=board.pk)
    deputies = Deputyship.objects.on(on).filter(membership__in=seats).values("person_id")
    ids = set(
        Person.objects.filter(Q(pk__in=seats.values("person_id")) | Q(pk__in=deputies)).values_list("pk", flat=True)
    )
    people = list(Person.objects.select_related("organisation").order_by("name", "pk"))
    return PeopleChoice(
        board=board,
        on_board=[p for p in people if p.pk in ids],
        others=[p for p in people if p.pk not in ids],
    )


# ---------------------------------------------------------------------------
# The member's page


def _start_of_today() -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))


def member_home(person: Person) -> dict[str, Any]:
    """Upcoming meetings, papers to read, open actions and declarations of the member
    or deputy. A fixed number of queries whatever the number of rows."""
    today = timezone.localdate()
    deputising = Deputyship.objects.on(today).filter(person=person).values("membership_id")
    seats = list(
        Membership.objects.current(today)
        .filter(Q(person=person) | Q(pk__in=deputising))
        .select_related("board__partnership", "organisation", "person")
        .order_by("board__partnership__name", "board__name")
    )
    board_ids = {m.board_id for m in seats}

    upcoming = list(
        Meeting.objects.filter(board_id__in=board_ids, status__in=UPCOMING_STATUSES, start__gte=_start_of_today())
        .select_related("board__partnership")
        .prefetch_related("items")
        .order_by("start")
    )
    # Items are listed (with a link to declare) once the agenda is published, to the
    # members and to the deputies (a deputy attending declares their own interest).
    declarable = {meeting.pk for meeting in upcoming if states.refusal("declaration_record", meeting.status) is None}

    # Papers a member or deputy may read (models.members_paper_q): every published
    # paper of a published agenda, exempt ones included, and those made available to
    # members before publication (SPEC §4 "Publication"; issue 8 item 15).
    papers = list(
        Paper.objects.filter(item__meeting__in=[m.pk for m in upcoming])
        .filter(members_paper_q())
        .annotate(latest_number=Max("versions__number"))
        .filter(latest_number__isnull=False)
        .select_related("item__meeting__board")
        .order_by("item__meeting__start", "item__order", "pk")
    )

    actions = list(
        Action.objects.filter(owner=person, status=ActionStatus.OPEN)
        .select_related("meeting__board", "item")
        .order_by("due_date", "pk")
    )
    overdue = {action.pk for action in actions if action.is_overdue(today)}

    declarations = list(
        Declaration.objects.filter(person=person)
        .select_related("item__meeting__board", "membership__organisation", "membership__person")
        .order_by("-item__meeting__start", "item__order")
    )
    return {
        "person": person,
        "seats": seats,
        "upcoming": upcoming,
        "papers": papers,
        "actions": actions,
        "overdue": overdue,
        "overdue_count": len(overdue),
        "declarable": declarable,
        "declarations": declarations,
    }
