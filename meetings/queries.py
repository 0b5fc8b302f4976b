"""Reads assembled for the meeting pages, feeds and documents (the only place reads are put together)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from partnerships.models import Board, Membership, Person

from . import states
from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
    Purpose,
    public_paper_q,
)

# Upcoming meetings shown on the member's page. A scheduled meeting shows only its date
# and paper deadline: its agenda is not settled until it is published.
UPCOMING_STATUSES = (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)


def _missing(items: list[AgendaItem]) -> list[AgendaItem]:
    """Items for decision or discussion with no published paper, from loaded rows."""
    return [
        item
        for item in items
        if item.purpose != Purpose.INFORMATION and not any(p.published_at for p in item.papers.all())
    ]


def items_missing_papers(meeting: Meeting) -> list[AgendaItem]:
    """Items for decision or discussion with no published paper."""
    return _missing(list(meeting.items.prefetch_related("papers")))


def paper_is_late(paper: Paper, when: dt.datetime) -> bool:
    """Published on ``when``, the paper would be after its meeting's governing deadline."""
    return timezone.localtime(when).date() > paper.item.meeting.governing_deadline


def meeting_steps(meeting: Meeting, now: dt.datetime | None = None) -> frozenset[str]:
    """The steps the officer's page offers for the meeting now (meetings/states.py)."""
    return states.allowed_steps(meeting.status, start=meeting.start, now=now or timezone.now())


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
    versions = PaperVersion.objects.order_by("number")
    papers = Paper.objects.select_related("author").prefetch_related(Prefetch("versions", queryset=versions))
    items = list(meeting.items.order_by("order", "pk").prefetch_related(Prefetch("papers", queryset=papers)))
    approved_at = (
        Meeting.objects.select_related("board").filter(pk=meeting.minutes_approved_at_id).first()
        if meeting.minutes_approved_at_id
        else None
    )
    statutory = meeting.statutory_deadline
    steps = meeting_steps(meeting, now)
    return {
        "meeting": meeting,
        "board": meeting.board,
        "partnership": meeting.board.partnership,
        "items": items,
        "missing": _missing(items),
        "attendance": list(meeting.attendance.select_related("person", "organisation", "deputy").order_by("pk")),
        "arising": list(meeting.actions.select_related("owner", "item")),
        "approved_at": approved_at,
        "today": timezone.localdate(now),
        "paper_deadline": meeting.paper_deadline,
        "statutory_deadline": statutory,
        "governing_deadline": meeting.governing_deadline,
        "statutory_governs": statutory is not None and statutory < meeting.paper_deadline,
        "steps": steps,
        "main_step": states.main_step(steps),
        "cancelled": states.is_cancelled(meeting.status),
        "minutes_in_draft": states.minutes_in_draft(meeting.status),
    }


@dataclass(frozen=True)
class AttendanceSheet:
    memberships: list[Membership]
    people_by_organisation: dict[int, list[Person]]
    recorded: dict[int, Attendance]


def attendance_sheet(meeting: Meeting) -> AttendanceSheet:
    """The seats on the board on the day, the people who may deputise for each
    organisation, and what was recorded before."""
    memberships = list(
        Membership.objects.filter(board=meeting.board)
        .current(meeting.date)
        .select_related("person", "organisation", "deputy")
        .order_by("organisation__name", "person__name")
    )
    people_by_organisation: dict[int, list[Person]] = defaultdict(list)
    for person in Person.objects.filter(organisation_id__in={m.organisation_id for m in memberships}):
        if person.organisation_id is not None:
            people_by_organisation[person.organisation_id].append(person)
    recorded: dict[int, Attendance] = {}
    for attendance in meeting.attendance.filter(membership__isnull=False):
        if attendance.membership_id is not None:
            recorded[attendance.membership_id] = attendance
    return AttendanceSheet(memberships, people_by_organisation, recorded)


def approval_candidates(meeting: Meeting, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    """Later meetings of the same board that have started, with a published agenda,
    as minutes_approve accepts (SPEC §4: approved at the next meeting)."""
    return (
        Meeting.objects.filter(board_id=meeting.board_id, start__gt=meeting.start, start__lte=now or timezone.now())
        .exclude(status__in=[MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED])
        .select_related("board")
        .order_by("start")
    )


def board_seats_on_the_day(meeting: Meeting) -> QuerySet[Membership]:
    return (
        meeting.board.memberships.current(meeting.date)
        .select_related("person", "organisation")
        .order_by("person__name")
    )


def declarations_on(item: AgendaItem) -> list[Declaration]:
    return list(item.declarations.select_related("membership__person", "membership__organisation"))


# ---------------------------------------------------------------------------
# The member's page


def _start_of_today() -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))


def member_home(person: Person) -> dict[str, Any]:
    """Upcoming meetings, papers to read, open actions and declarations of the member
    or deputy. A fixed number of queries whatever the number of rows."""
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
    # Items are listed (with a link to declare) only once the agenda is published, and
    # only to a member who holds a seat, not to a deputy.
    declarable = {
        meeting.pk
        for meeting in upcoming
        if states.refusal("declaration_record", meeting.status) is None and meeting.board_id in own_board_ids
    }

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
        .select_related("meeting__board", "item")
        .order_by("due_date", "pk")
    )
    overdue = {action.pk for action in actions if action.is_overdue(today)}

    declarations = list(
        Declaration.objects.filter(membership__person=person)
        .select_related("item__meeting__board", "membership__organisation")
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
