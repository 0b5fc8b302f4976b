"""What the public portal's own pages show (SPEC §6): the home page, and the records
of people and organisations.

Everything is read through the one publicity definition (meetings/models.py
``.public()``, ``.with_public_minutes()``, ``.announced()`` and the decisions register),
and in a number of queries that does not grow with the rows shown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Exists, Max, OuterRef, Q, QuerySet, Subquery, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from decisions.models import Position, Proposal
from decisions.queries import register_proposals
from meetings.models import (
    Attendance,
    AttendanceStatus,
    Declaration,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
    announced_meeting_q,
    public_item_q,
    public_meeting_q,
    public_minutes_q,
)
from partnerships.models import Board, Membership, Organisation, Person

UPCOMING = 12
LATEST = 6
STALE_AFTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class UpcomingMeeting:
    """A meeting on the home page. ``meeting`` is set only when its agenda is public;
    an announced meeting shows its board, date and paper deadline, nothing more."""

    board: Board
    start: dt.datetime
    paper_deadline: dt.date
    meeting: Meeting | None
    cancelled: bool = False

    @property
    def agenda_published(self) -> bool:
        return self.meeting is not None


@dataclass(frozen=True)
class BoardUpdated:
    """A board and the last time it published anything the public may see."""

    board: Board
    last_published: dt.datetime | None
    stale: bool  # nothing published for over a year


def upcoming_meetings(now: dt.datetime, *, limit: int = UPCOMING) -> list[UpcomingMeeting]:
    """Meetings from the start of today: published ones and announced ones, soonest
    first (a published one before an announced one at the same time). One query."""
    start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    meetings = (
        Meeting.objects.filter(public_meeting_q() | announced_meeting_q(), start__gte=start_of_today)
        .select_related("board__partnership")
        .order_by("start", Case(When(public_meeting_q(), then=Value(0)), default=Value(1)), "pk")
    )
    return [
        UpcomingMeeting(
            board=meeting.board,
            start=meeting.start,
            paper_deadline=meeting.paper_deadline,
            meeting=meeting,
            cancelled=meeting.status == MeetingStatus.CANCELLED,
        )
        if meeting.is_public
        else UpcomingMeeting(
            board=meeting.board, start=meeting.start, paper_deadline=meeting.paper_deadline, meeting=None
        )
        for meeting in meetings[:limit]
    ]


def latest_agendas(*, limit: int = LATEST) -> list[Meeting]:
    return list(
        Meeting.objects.public().select_related("board__partnership").order_by("-agenda_published_at", "-pk")[:limit]
    )


def latest_papers(*, limit: int = LATEST) -> list[PaperVersion]:
    """The latest published versions of public papers; ``is_supplement`` marks a later version."""
    versions = PaperVersion.objects.public().annotate(
        is_supplement=Exists(
            PaperVersion.objects.public().filter(paper=OuterRef("paper"), number__lt=OuterRef("number"))
        )
    )
    return list(
        versions.select_related("paper__item__meeting__board__partnership").order_by("-published_at", "-pk")[:limit]
    )


def latest_minutes(*, limit: int = LATEST) -> list[Meeting]:
    return list(
        Meeting.objects.with_public_minutes()
        .select_related("board__partnership")
        .order_by("-minutes_published_at", "-pk")[:limit]
    )


def latest_decisions(*, limit: int = LATEST) -> list[Proposal]:
    return list(register_proposals().select_related("board__partnership").order_by("-decided_at", "-pk")[:limit])


def late_papers(now: dt.datetime, *, limit: int = LATEST) -> list[Paper]:
    """Public papers published late for meetings from the last 28 days on: the public
    should know which papers came after the deadline, and why."""
    since = now - dt.timedelta(days=28)
    return list(
        Paper.objects.public()
        .filter(late=True, item__meeting__start__gte=since)
        .select_related("item__meeting__board__partnership")
        .order_by("item__meeting__start", "pk")[:limit]
    )


def boards_last_updated(now: dt.datetime) -> list[BoardUpdated]:
    """Every board with the last time it published an agenda, a paper, minutes or a
    decision (SPEC §6: partnership websites left advertising events years old), by
    partnership and board. Two queries at most.

    The boards come with their latest agenda, minutes and decision (a subquery per board
    on the board's index). A public paper is on a published agenda, so a board with no
    agenda has no paper, and a paper changes a board's time only when it is later than
    the board's other three. So only the paper versions published after the earliest of
    those times are read, on the publication time's index, grouped by board: the latest
    few weeks' while every board is active, instead of every version for every board."""

    def latest(queryset: QuerySet[Any], field: str) -> Subquery:
        return Subquery(
            queryset.filter(board=OuterRef("pk"))
            .order_by()
            .values("board")
            .annotate(latest=Max(field))
            .values("latest")
        )

    boards = Board.objects.select_related("partnership").annotate(
        agenda_at=latest(Meeting.objects.public(), "agenda_published_at"),
        minutes_at=latest(Meeting.objects.with_public_minutes(), "minutes_published_at"),
        decision_at=latest(register_proposals(), "decided_at"),
    )
    last_by_board: dict[int, dt.datetime] = {}
    for board in boards:
        known = [stamp for stamp in (board.agenda_at, board.minutes_at, board.decision_at) if stamp is not None]
        if known:
            last_by_board[board.pk] = max(known)
    if last_by_board:
        board_path = "paper__item__meeting__board"
        papers = (
            PaperVersion.objects.public()
            .filter(published_at__gt=min(last_by_board.values()))
            .order_by()
            .values(board_path)
            .annotate(latest=Max("published_at"))
            .values_list(board_path, "latest")
        )
        for board_id, stamp in papers:
            # .get: an agenda published between the two queries brings a board of its own.
            last_by_board[board_id] = max(last_by_board.get(board_id, stamp), stamp)
    rows = []
    for board in boards:
        last = last_by_board.get(board.pk)
        rows.append(BoardUpdated(board, last, last is not None and now - last > STALE_AFTER))
    rows.sort(key=lambda row: (row.board.partnership.name, row.board.name))
    return rows


def home_page(now: dt.datetime) -> dict[str, Any]:
    return {
        "upcoming": upcoming_meetings(now),
        "agendas": latest_agendas(),
        "papers": latest_papers(),
        "minutes": latest_minutes(),
        "decisions": latest_decisions(),
        "late_papers": late_papers(now),
        "boards": boards_last_updated(now),
        "now": now,
    }


# ---------------------------------------------------------------------------
# Person and organisation records (SPEC §6): what the published minutes and decisions
# say about them. Attendance and declarations come from meetings whose minutes are
# public; positions from rounds at public meetings on public proposals.


@dataclass(frozen=True)
class AttendanceYear:
    year: int
    counts: dict[str, int]  # AttendanceStatus label -> meetings
    as_deputy: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _attendance_years(rows: Iterable[tuple[int, str]], deputised: Iterable[int] = ()) -> list[AttendanceYear]:
    """(year, status) of each attendance row, and the years of each meeting attended as
    deputy, as one line per year, the latest first."""
    labels = dict(AttendanceStatus.choices)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for year, status in rows:
        counts[year][labels.get(status, status)] += 1
    as_deputy = Counter(deputised)
    years = sorted(set(counts) | set(as_deputy), reverse=True)
    order = list(labels.values())
    return [
        AttendanceYear(
            year,
            {label: counts[year][label] for label in order if counts[year][label]},
            as_deputy[year],
        )
        for year in years
    ]


def _public_positions() -> QuerySet[Position]:
    return Position.objects.filter(
        public_item_q("round__proposal__item__") & public_meeting_q("round__meeting__")
    ).select_related("round__proposal", "round__meeting__board__partnership", "organisation", "person")


def person_record(person: Person, seats: Iterable[Membership]) -> dict[str, Any]:
    """A person's attendance by year, declarations published in minutes, and the
    positions they stated on public decisions, in three queries. ``seats``: every seat
    the person holds or held (partnerships.queries.person_page has them)."""
    # Their seats' attendance and the meetings they attended as a deputy: one query, on
    # the attendance's own indexes (seat and deputy).
    minuted = Attendance.objects.filter(public_minutes_q("meeting__")).filter(
        Q(membership_id__in=[seat.pk for seat in seats]) | Q(deputy=person)
    )
    own: list[tuple[dt.datetime, str]] = []
    deputised: list[dt.datetime] = []
    seat_ids = {seat.pk for seat in seats}
    for start, status, membership_id, deputy_id in minuted.values_list(
        "meeting__start", "status", "membership_id", "deputy_id"
    ):
        if membership_id in seat_ids:
            own.append((start, status))
        if deputy_id == person.pk:
            deputised.append(start)
    declarations = (
        Declaration.objects.filter(person=person)
        .filter(public_item_q("item__") & public_minutes_q("item__meeting__"))
        .select_related("item__meeting__board__partnership", "membership__organisation")
        .order_by("-item__meeting__start", "pk")
    )
    positions = _public_positions().filter(person=person).order_by("-round__meeting__start", "-recorded_at")
    return {
        "attendance_years": _attendance_years(
            [(timezone.localtime(start).year, status) for start, status in own],
            [timezone.localtime(start).year for start in deputised],
        ),
        "declarations": list(declarations),
        "positions": list(positions),
    }


def organisation_page(pk: int) -> dict[str, Any]:
    """A partner organisation's seats across all boards, its attendance by year and the
    positions recorded for it on public decisions (the latest in each round); 404 if none."""
    organisation = get_object_or_404(Organisation, pk=pk)
    seats = (
        Membership.objects.filter(organisation=organisation)
        .select_related("board__partnership", "person")
        .order_by("board__partnership__name", "board__name", "-start_date")
    )
    attendance = Attendance.objects.filter(public_minutes_q("meeting__"), membership__organisation=organisation)
    rows = attendance.values_list("meeting__start", "status")
    positions = list(
        _public_positions()
        .filter(organisation=organisation)
        .order_by("-round__meeting__start", "round", "-recorded_at")
    )
    latest: dict[tuple[int, str], Position] = {}
    for position in positions:
        latest.setdefault((position.round_id, position.voter), position)  # newest row first per round and voter
    return {
        "organisation": organisation,
        "seats": list(seats),
        "attendance_years": _attendance_years([(timezone.localtime(start).year, status) for start, status in rows]),
        "positions": list(latest.values()),
    }
