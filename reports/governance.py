"""Governance health across boards for a report's span (SPEC §7; 001 principle 3).

What scrutiny councillors ask of a board over a financial year, a quarter or the
rolling four quarters: its size against the optimum, the meetings it held against
those expected, who attended (in person, by deputy, with apologies, absent) and at what
seniority, whether its papers kept the deadline, how long its minutes took, and how its
decisions were reached and how long they took. The "talking shop" signs of 001 are
named in words, each against a threshold set out below.

These figures are for signed-in report readers, so they count every meeting held,
exempt business included; but an exempt paper's title and the reason given for it
never leave this module (``late_papers``).

Every function runs a fixed number of queries, whatever the number of boards, seats,
people, meetings or papers: a board's counts are subqueries of the query that reads
the boards (never two multi-valued joins counted in one query), the rows behind the
medians are one UNION of the meetings held and the decisions made (there is no
portable SQL median), and each table of rows is one query.

``board_health`` generalises meetings/health.py (the last 12 months of one board, for
the board page) to a span and many boards. It counts a seat as the register does
(``seated_q``: officers and invited attendees hold none), so its attendance figures
leave out the attendance rows of officers' memberships that meeting_figures counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone

from decisions.models import Proposal, Route
from meetings import working_days
from meetings.health import HELD_STATUSES
from meetings.models import Attendance, AttendanceStatus, Meeting, Paper
from partnerships.health import BoardHealth, percent
from partnerships.models import (
    Board,
    Membership,
    Organisation,
    Person,
    Seniority,
    membership_current_q,
    seated_q,
)

from .periods import ReportSpan
from .subqueries import count_of
from .tables import Column, Table

# ---------------------------------------------------------------------------
# The "talking shop" thresholds (001 principle 3: "Symptoms of this are low attendance
# rates and an increase in substitutes/ more junior-level representation at meetings").

# Attendance (seats filled in person or by deputy, of the seats at meetings held)
# below this is a sign.
LOW_ATTENDANCE_BELOW = Fraction(2, 3)
LOW_ATTENDANCE_WORDS = "two thirds"
# Deputies filling more than this share of the seats filled is a sign.
DEPUTY_SHARE_ABOVE = Fraction(1, 4)
# More than this share of the members attending in person at a junior level is a sign.
JUNIOR_SHARE_ABOVE = Fraction(1, 2)
JUNIOR_SENIORITIES = (Seniority.SENIOR_MANAGER, Seniority.OFFICER)
JUNIOR_WORDS = "senior managers or officers"
# A board meeting fewer times than expected over the span is a sign. The expectation is
# the board's meetings a year scaled to the span's quarters (4 a year over a quarter is
# 1); only whole meetings are due, so a board that meets twice a year is not short of
# half a meeting in a quarter without one.
QUARTERS_A_YEAR = 4

# What a late paper's row shows in place of what an exempt item keeps from the public
# (and from report readers, who are not the board's members: members_paper_q).
EXEMPT_TITLE = "Exempt item"
EXEMPT_REASON = "Not shown: the item is exempt"

SIZE_STATUS_LABELS = {
    "below": "Below the optimum",
    "within": "Within the optimum",
    "above": "Above the optimum",
    "no_norm": "No set size",
}
MEETINGS_STATUS_LABELS = {
    "below": "Fewer than expected",
    "met": "As expected",
    "not_recorded": "No meetings recorded",
    "no_norm": "No set number",
}

Boards = QuerySet[Board] | Sequence[Board]


# ---------------------------------------------------------------------------
# The values


@dataclass(frozen=True)
class AttendanceCounts:
    """Attendance rows of seats at the meetings held: each seat at each meeting once."""

    seats: int
    present: int
    by_deputy: int
    apologies: int
    absent: int

    @property
    def filled(self) -> int:
        return self.present + self.by_deputy

    @property
    def rate(self) -> float | None:
        """Seats filled (in person or by deputy) / seats; None when there were none."""
        return self.filled / self.seats if self.seats else None

    @property
    def deputy_share(self) -> float | None:
        """Share of the seats filled that a deputy filled; None when none was filled."""
        return self.by_deputy / self.filled if self.filled else None

    @property
    def rate_percent(self) -> str | None:
        return percent(self.rate)


NO_ATTENDANCE = AttendanceCounts(seats=0, present=0, by_deputy=0, apologies=0, absent=0)


@dataclass(frozen=True)
class PersonAttendance(AttendanceCounts):
    """A person's attendance for the seats they held (not as someone else's deputy)."""

    person: Person


@dataclass(frozen=True)
class OrganisationAttendance(AttendanceCounts):
    """An organisation's attendance for the seats it holds, whoever filled them."""

    organisation: Organisation


@dataclass(frozen=True)
class BoardGovernance:
    """The governance health of one board over a span."""

    board: Board
    span: ReportSpan
    size: int  # seats (SEATED_ROLES) held on the span's last day
    voting_size: int  # of which with a vote
    optimum_min: int | None
    optimum_max: int | None
    meetings_held: int
    # None: no norm for the layer and none set, or no meeting of the board recorded in
    # Accord by the span's end (its meetings are kept elsewhere: nothing to judge by).
    meetings_expected: Decimal | None
    meetings_recorded: bool  # a meeting of the board recorded in Accord by the span's end
    attendance: AttendanceCounts  # at the meetings held
    # Seniority value -> seats filled in person by a member of that seniority (a
    # deputy's seniority is not recorded: deputies are counted in attendance.by_deputy).
    seniority: dict[str, int]
    papers_on_time: int  # published for the meetings held, not marked late
    papers_late: int  # marked late (published after the governing deadline)
    minutes_published: int
    minutes_median_days: float | None  # from the meeting's day to the minutes' day
    minutes_unpublished: int  # meetings held whose minutes are not yet published
    decisions_by_route: dict[str, int]  # Route value -> proposals decided in the span
    decision_median_days: float | None  # from tabling the proposal to its decision
    talking_shop_signs: list[str]

    @property
    def _health(self) -> BoardHealth:
        return BoardHealth(size=self.size, optimum_min=self.optimum_min, optimum_max=self.optimum_max)

    @property
    def size_status(self) -> str:
        """'below', 'within', 'above' the optimum, or 'no_norm' (partnerships.health)."""
        return self._health.size_status

    @property
    def optimum_label(self) -> str:
        return self._health.optimum_label

    @property
    def meetings_status(self) -> str:
        """'below' when fewer whole meetings were held than expected, 'met', 'no_norm',
        or 'not_recorded' (no meeting of the board recorded in Accord by the span's end)."""
        if not self.meetings_recorded:
            return "not_recorded"
        if self.meetings_expected is None:
            return "no_norm"
        return "below" if self.meetings_held < int(self.meetings_expected) else "met"

    @property
    def attendance_rate(self) -> float | None:
        return self.attendance.rate

    @property
    def deputy_share(self) -> float | None:
        return self.attendance.deputy_share

    @property
    def junior_share(self) -> float | None:
        """Share of the seats filled in person by a member at a junior level."""
        junior = sum(self.seniority.get(level, 0) for level in JUNIOR_SENIORITIES)
        return junior / self.attendance.present if self.attendance.present else None

    @property
    def papers_published(self) -> int:
        return self.papers_on_time + self.papers_late

    @property
    def papers_on_time_share(self) -> float | None:
        return self.papers_on_time / self.papers_published if self.papers_published else None

    @property
    def decisions_total(self) -> int:
        return sum(self.decisions_by_route.values())


@dataclass(frozen=True)
class LatePaper:
    """A paper published after its meeting's deadline. Only the paper's id, and its
    title when the public may see it: an exempt paper is "Exempt item"."""

    paper_id: int
    title: str
    exempt: bool
    meeting: Meeting
    reason: str
    chair_agreed_by: str
    deadline: dt.date  # the governing deadline, as the meetings app works it out
    published_on: dt.date
    working_days_late: int


# ---------------------------------------------------------------------------
# The span and the boards


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def span_bounds(span: ReportSpan) -> tuple[dt.datetime, dt.datetime]:
    """The span as local times: from its first day's midnight up to (not including) the
    midnight after its last day."""
    return _midnight(span.start), _midnight(span.end + dt.timedelta(days=1))


def _board_keys(boards: Boards) -> Any:
    """What ``board_id__in`` takes: a subquery for a queryset, the ids for a list."""
    if isinstance(boards, QuerySet):
        return boards.values("pk")
    return [board.pk for board in boards]


def _held(keys: Any, span: ReportSpan) -> QuerySet[Meeting]:
    since, until = span_bounds(span)
    return Meeting.objects.filter(board_id__in=keys, status__in=HELD_STATUSES, start__gte=since, start__lt=until)


def held_meetings(boards: Boards, span: ReportSpan) -> QuerySet[Meeting]:
    """The meetings the boards held in the span (meetings.health.HELD_STATUSES: held,
    whatever stage their minutes are at), lazily, for use as a subquery."""
    return _held(_board_keys(boards), span)


def _seat_rows(keys: Any, span: ReportSpan) -> QuerySet[Attendance]:
    """Attendance rows of seats (not invited attendees, not officers' memberships) at
    the meetings held."""
    return Attendance.objects.filter(meeting__in=_held(keys, span)).filter(seated_q("membership__"))


def meetings_expected(board: Board, span: ReportSpan) -> Decimal | None:
    """The board's meetings a year scaled to the span: 4 a year over a quarter is 1."""
    per_year = board.meetings_expected_per_year
    if per_year is None:
        return None
    return Decimal(per_year * len(span.quarters())) / QUARTERS_A_YEAR


def _median(values: Iterable[int]) -> float | None:
    found = list(values)
    return float(statistics.median(found)) if found else None


def _days(start: dt.datetime, end: dt.datetime) -> int:
    return (timezone.localdate(end) - timezone.localdate(start)).days


# ---------------------------------------------------------------------------
# Board health


def _board_counts(span: ReportSpan) -> dict[str, Any]:
    """Each board's counts over the span, as annotations of the boards' query: its seats
    on the span's last day, its first meeting, the papers published for its meetings
    held and the attendance rows of seats at them, each a subquery (so no two joins
    multiply each other's rows)."""
    since, until = span_bounds(span)
    board = OuterRef("pk")
    seats = Membership.objects.filter(board=board).filter(seated_q(), membership_current_q(span.end))

    def held(path: str) -> Q:
        """A meeting of the board held in the span, ``path`` leading to it."""
        return Q(
            **{f"{path}board": board, f"{path}status__in": HELD_STATUSES},
            **{f"{path}start__gte": since, f"{path}start__lt": until},
        )

    papers = Paper.objects.filter(held("item__meeting__"), published_at__isnull=False)
    rows = Attendance.objects.filter(held("meeting__")).filter(seated_q("membership__"))
    return {
        "n_seats": count_of(seats),
        "n_voting": count_of(seats.filter(voting=True)),
        "first_meeting_at": Subquery(Meeting.objects.filter(board=board).order_by("start").values("start")[:1]),
        "n_papers": count_of(papers),
        "n_late_papers": count_of(papers.filter(late=True)),
        "n_seat_rows": count_of(rows),
        **{f"n_{status}": count_of(rows.filter(status=status)) for status in AttendanceStatus.values},
        **{
            f"n_present_{level}": count_of(rows.filter(status=AttendanceStatus.PRESENT, membership__seniority=level))
            for level in Seniority.values
        },
    }


def _durations(ids: list[int], span: ReportSpan) -> QuerySet[Any]:
    """The meetings the boards held in the span (from the meeting to its minutes, None
    until published) and the proposals they decided in it (from tabling to decision,
    with the route) as (board id, decision?, route, from, to): one UNION query."""
    since, until = span_bounds(span)
    meetings = (
        _held(ids, span)
        .annotate(decision=Value(False), route_taken=Value("", output_field=CharField()))
        .values_list("board_id", "decision", "route_taken", "start", "minutes_published_at")
    )
    decisions = (
        Proposal.objects.filter(board_id__in=ids, decided_at__gte=since, decided_at__lt=until)
        .annotate(decision=Value(True), route_taken=F("route"))
        .values_list("board_id", "decision", "route_taken", "created_at", "decided_at")
    )
    return meetings.order_by().union(decisions.order_by(), all=True)


def board_health(boards: Boards, span: ReportSpan) -> list[BoardGovernance]:
    """The governance health of each board over the span, in the boards' order. Two
    queries whatever the number of boards, seats, meetings, papers and decisions: the
    boards with their counts (a queryset is read with them, and its partnership; for a
    list, pass the boards with their partnership selected, and the counts are read in
    their place), and the meetings held and decisions made (``_durations``)."""
    annotations = _board_counts(span)
    if isinstance(boards, QuerySet):
        board_list = list(boards.select_related("partnership").annotate(**annotations))
        counts = {board.pk: {name: getattr(board, name) for name in annotations} for board in board_list}
    else:
        board_list = list(boards)
        counted = Board.objects.filter(pk__in=[board.pk for board in board_list]).order_by()
        counts = {row["pk"]: row for row in counted.annotate(**annotations).values("pk", *annotations)}
    _, until = span_bounds(span)

    meeting_days: dict[int, list[int]] = defaultdict(list)
    meetings_count: dict[int, int] = defaultdict(int)
    unpublished: dict[int, int] = defaultdict(int)
    routes: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    decision_days: dict[int, list[int]] = defaultdict(list)
    for board_id, decision, route, began, ended in _durations(list(counts), span):
        if decision:
            routes[board_id][route] += 1
            decision_days[board_id].append(_days(began, ended))
        elif ended is None:
            meetings_count[board_id] += 1
            unpublished[board_id] += 1
        else:
            meetings_count[board_id] += 1
            meeting_days[board_id].append(_days(began, ended))

    found = []
    for board in board_list:
        low, high = board.optimum_size
        own = counts[board.pk]
        by_route = {route: routes[board.pk].get(route, 0) for route in Route.values}
        by_route.update({route: n for route, n in routes[board.pk].items() if route not in by_route})
        first = own["first_meeting_at"]
        recorded = first is not None and first < until
        figures = BoardGovernance(
            board=board,
            span=span,
            size=own["n_seats"],
            voting_size=own["n_voting"],
            optimum_min=low,
            optimum_max=high,
            meetings_held=meetings_count[board.pk],
            meetings_expected=meetings_expected(board, span) if recorded else None,
            meetings_recorded=recorded,
            attendance=AttendanceCounts(
                seats=own["n_seat_rows"],
                present=own[f"n_{AttendanceStatus.PRESENT}"],
                by_deputy=own[f"n_{AttendanceStatus.DEPUTY}"],
                apologies=own[f"n_{AttendanceStatus.APOLOGIES}"],
                absent=own[f"n_{AttendanceStatus.ABSENT}"],
            ),
            seniority={level: own[f"n_present_{level}"] for level in Seniority.values},
            papers_on_time=own["n_papers"] - own["n_late_papers"],
            papers_late=own["n_late_papers"],
            minutes_published=len(meeting_days[board.pk]),
            minutes_median_days=_median(meeting_days[board.pk]),
            minutes_unpublished=unpublished[board.pk],
            decisions_by_route=by_route,
            decision_median_days=_median(decision_days[board.pk]),
            talking_shop_signs=[],
        )
        found.append(dataclasses.replace(figures, talking_shop_signs=talking_shop_signs(figures)))
    return found


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def talking_shop_signs(figures: BoardGovernance) -> list[str]:
    """The signs of 001 principle 3 the figures show, in plain English."""
    signs = []
    if figures.size_status == "above":
        low, high = figures.optimum_min, figures.optimum_max
        optimum = f"no more than {high}" if low is None else f"{low} to {high}" if low != high else str(high)
        signs.append(f"{figures.size} members: above the optimum of {optimum}")
    if figures.meetings_status == "below" and figures.meetings_expected is not None:
        held = figures.meetings_held
        signs.append(f"Met {held} time{'' if held == 1 else 's'} against {_number(figures.meetings_expected)} expected")
    counts = figures.attendance
    if counts.seats and Fraction(counts.filled, counts.seats) < LOW_ATTENDANCE_BELOW:
        signs.append(f"Attendance {percent(counts.rate)}: below {LOW_ATTENDANCE_WORDS}")
    if counts.filled and Fraction(counts.by_deputy, counts.filled) > DEPUTY_SHARE_ABOVE:
        signs.append(f"Deputies filled {percent(counts.deputy_share)} of seats")
    junior = sum(figures.seniority.get(level, 0) for level in JUNIOR_SENIORITIES)
    if counts.present and Fraction(junior, counts.present) > JUNIOR_SHARE_ABOVE:
        signs.append(f"{percent(figures.junior_share)} of members attending in person were {JUNIOR_WORDS}")
    return signs


# ---------------------------------------------------------------------------
# Attendance by person and by organisation


def _count(path: str, status: str | None = None) -> Count:
    if status is None:
        return Count(path)
    return Count(path, filter=Q(**{f"{path}__status": status}))


def _counts(row: Any) -> dict[str, int]:
    return {
        "seats": row.seats,
        "present": row.present,
        "by_deputy": row.by_deputy,
        "apologies": row.apologies,
        "absent": row.absent,
    }


def attendance_by_person(boards: Boards, span: ReportSpan) -> list[PersonAttendance]:
    """Each member's attendance for their own seats at the meetings held, by name. One
    query (the filter and the counts share the one join to attendance)."""
    people = (
        Person.objects.filter(attendance__in=_seat_rows(_board_keys(boards), span))
        .select_related("organisation")
        .annotate(
            seats=_count("attendance"),
            present=_count("attendance", AttendanceStatus.PRESENT),
            by_deputy=_count("attendance", AttendanceStatus.DEPUTY),
            apologies=_count("attendance", AttendanceStatus.APOLOGIES),
            absent=_count("attendance", AttendanceStatus.ABSENT),
        )
        .order_by("name", "pk")
    )
    return [PersonAttendance(person=person, **_counts(person)) for person in people]


def attendance_by_organisation(boards: Boards, span: ReportSpan) -> list[OrganisationAttendance]:
    """Each organisation's attendance for the seats it holds, by name. One query."""
    path = "memberships__attendance"
    organisations = (
        Organisation.objects.filter(memberships__attendance__in=_seat_rows(_board_keys(boards), span))
        .annotate(
            seats=_count(path),
            present=_count(path, AttendanceStatus.PRESENT),
            by_deputy=_count(path, AttendanceStatus.DEPUTY),
            apologies=_count(path, AttendanceStatus.APOLOGIES),
            absent=_count(path, AttendanceStatus.ABSENT),
        )
        .order_by("name", "pk")
    )
    return [
        OrganisationAttendance(organisation=organisation, **_counts(organisation)) for organisation in organisations
    ]


# ---------------------------------------------------------------------------
# Late papers


def late_papers(boards: Boards, span: ReportSpan) -> list[LatePaper]:
    """The papers marked late (published after the governing deadline, with the reason
    and the chair's agreement: meetings.actions.paper_publish) for the meetings held,
    by meeting, and how many working days after the deadline each was published (the
    meeting's own deadline rule and calendar). An exempt paper (not public:
    meetings.models.public_paper_q) shows neither its title nor its reason. One query."""
    rows = (
        Paper.objects.filter(item__meeting__in=held_meetings(boards, span), late=True, published_at__isnull=False)
        .select_related("item__meeting__board__partnership")
        .order_by("item__meeting__start", "item__meeting_id", "item__order", "item_id", "pk")
    )
    found = []
    for paper in rows:
        meeting = paper.item.meeting
        assert paper.published_at is not None  # filtered above
        published_on = timezone.localdate(paper.published_at)
        deadline = meeting.governing_deadline
        public = paper.is_public
        found.append(
            LatePaper(
                paper_id=paper.pk,
                title=paper.title if public else EXEMPT_TITLE,
                exempt=not public,
                meeting=meeting,
                reason=paper.late_reason if public else EXEMPT_REASON,
                chair_agreed_by=paper.chair_agreed_by,
                deadline=deadline,
                published_on=published_on,
                # From the deadline (counted) to publication (not): one working day
                # late when published the working day after the deadline, the same
                # as on the weekend before it.
                working_days_late=working_days.working_days_between(
                    deadline, published_on, meeting.deadline_rule.calendar
                ),
            )
        )
    return found


# ---------------------------------------------------------------------------
# Tables (the page, CSV, XLSX and PDF share them)

BOARD_COLUMNS = (Column("partnership", "Partnership"), Column("board", "Board"))


def _board_cells(figures: BoardGovernance) -> tuple[str, str]:
    return figures.board.partnership.name, figures.board.name


def _span_summary(figures: Sequence[BoardGovernance]) -> str:
    return figures[0].span.label if figures else ""


def health_tables(figures: Sequence[BoardGovernance]) -> tuple[Table, ...]:
    """Size and meetings, attendance, seniority, papers and minutes, decisions, and the
    talking shop signs, one row per board (one per sign for the signs)."""
    summary = _span_summary(figures)
    size = Table.build(
        "governance-size-meetings",
        "Size and meetings",
        [
            *BOARD_COLUMNS,
            Column("size", "Members", "number"),
            Column("voting_size", "Voting members", "number"),
            Column("optimum", "Optimum size"),
            Column("size_status", "Size"),
            Column("meetings_held", "Meetings held", "number"),
            Column("meetings_expected", "Meetings expected", "number"),
            Column("meetings_status", "Meetings"),
        ],
        [
            (
                *_board_cells(f),
                f.size,
                f.voting_size,
                f.optimum_label,
                SIZE_STATUS_LABELS[f.size_status],
                f.meetings_held,
                f.meetings_expected,
                MEETINGS_STATUS_LABELS[f.meetings_status],
            )
            for f in figures
        ],
        summary,
    )
    attendance = Table.build(
        "governance-attendance",
        "Attendance at the meetings held",
        [*BOARD_COLUMNS, *_ATTENDANCE_COLUMNS, Column("deputy_share", "Seats filled by deputies", "percent")],
        [(*_board_cells(f), *_attendance_cells(f.attendance), f.deputy_share) for f in figures],
        summary,
    )
    seniority = Table.build(
        "governance-seniority",
        "Seniority of the members attending in person",
        [*BOARD_COLUMNS, *(Column(value, str(label), "number") for value, label in Seniority.choices)],
        [(*_board_cells(f), *(f.seniority[value] for value in Seniority.values)) for f in figures],
        summary,
    )
    papers = Table.build(
        "governance-papers-minutes",
        "Paper deadlines and minutes",
        [
            *BOARD_COLUMNS,
            Column("papers_on_time", "Papers on time", "number"),
            Column("papers_late", "Late papers", "number"),
            Column("papers_on_time_share", "Share on time", "percent"),
            Column("minutes_published", "Minutes published", "number"),
            Column("minutes_median_days", "Median days to minutes", "number", places=1),
            Column("minutes_unpublished", "Minutes not yet published", "number"),
        ],
        [
            (
                *_board_cells(f),
                f.papers_on_time,
                f.papers_late,
                f.papers_on_time_share,
                f.minutes_published,
                f.minutes_median_days,
                f.minutes_unpublished,
            )
            for f in figures
        ],
        summary,
    )
    decisions = Table.build(
        "governance-decisions",
        "Decisions by route",
        [
            *BOARD_COLUMNS,
            *(Column(value, str(label), "number") for value, label in Route.choices),
            Column("decisions_total", "Decisions", "number"),
            Column("decision_median_days", "Median days from tabling to decision", "number", places=1),
        ],
        [
            (
                *_board_cells(f),
                *(f.decisions_by_route.get(value, 0) for value in Route.values),
                f.decisions_total,
                f.decision_median_days,
            )
            for f in figures
        ],
        summary,
    )
    sign_rows = [(*_board_cells(f), sign) for f in figures for sign in f.talking_shop_signs]
    signs = Table.build(
        "governance-talking-shop",
        "Talking shop signs",
        [*BOARD_COLUMNS, Column("sign", "Sign")],
        sign_rows,
        summary if sign_rows else f"{summary}: no board shows a sign".lstrip(": "),
    )
    return size, attendance, seniority, papers, decisions, signs


_ATTENDANCE_COLUMNS = (
    Column("seats", "Seats", "number"),
    Column("present", "Present", "number"),
    Column("by_deputy", "By deputy", "number"),
    Column("apologies", "Apologies", "number"),
    Column("absent", "Absent", "number"),
    Column("rate", "Attendance (in person or by deputy)", "percent"),
)


def _attendance_cells(counts: AttendanceCounts) -> tuple[Any, ...]:
    return counts.seats, counts.present, counts.by_deputy, counts.apologies, counts.absent, counts.rate


def attendance_by_person_table(rows: Sequence[PersonAttendance], span: ReportSpan) -> Table:
    return Table.build(
        "governance-attendance-by-person",
        "Attendance by person",
        [Column("person", "Person"), Column("organisation", "Organisation"), *_ATTENDANCE_COLUMNS],
        [
            (row.person.name, row.person.organisation.name if row.person.organisation else "", *_attendance_cells(row))
            for row in rows
        ],
        span.label,
    )


def attendance_by_organisation_table(rows: Sequence[OrganisationAttendance], span: ReportSpan) -> Table:
    return Table.build(
        "governance-attendance-by-organisation",
        "Attendance by organisation",
        [Column("organisation", "Organisation"), *_ATTENDANCE_COLUMNS],
        [(row.organisation.name, *_attendance_cells(row)) for row in rows],
        span.label,
    )


def late_papers_table(rows: Sequence[LatePaper], span: ReportSpan) -> Table:
    return Table.build(
        "governance-late-papers",
        "Late papers",
        [
            Column("board", "Board"),
            Column("meeting_date", "Meeting", "date"),
            Column("paper", "Paper"),
            Column("reason", "Reason given"),
            Column("deadline", "Deadline", "date"),
            Column("published_on", "Published", "date"),
            Column("working_days_late", "Working days late", "number"),
        ],
        [
            (
                str(row.meeting.board),
                row.meeting.date,
                row.title,
                row.reason,
                row.deadline,
                row.published_on,
                row.working_days_late,
            )
            for row in rows
        ],
        span.label,
    )


def as_tables(boards: Boards, span: ReportSpan, health: Sequence[BoardGovernance] | None = None) -> tuple[Table, ...]:
    """Every governance table for the boards over the span: the board health tables (of
    ``health`` when the caller has read it already), attendance by person and by
    organisation, and the late papers. Five queries (three given the health)."""
    figures = board_health(boards, span) if health is None else health
    read = [each.board for each in figures]
    return (
        *health_tables(figures),
        attendance_by_person_table(attendance_by_person(read, span), span),
        attendance_by_organisation_table(attendance_by_organisation(read, span), span),
        late_papers_table(late_papers(read, span), span),
    )
