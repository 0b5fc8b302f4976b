"""The meetings part of the demo (SPEC §10): two years of the Oxfordshire boards'
business from demo/data/meetings.py, replayed through meetings/actions.py so the data
obeys the same rules as the portal — paper deadlines, late papers only with a reason
and the chair's agreement, minutes approved at the next meeting, and so on.

The history is replayed in chronological order, one board at a time, with the
actions' ``now=`` placing each change in the past. Papers are real PDF and DOCX files
written by demo/content.py (a few kilobytes each). Loading twice changes nothing: a
meeting that exists (board and start) is skipped whole.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from demo import content
from demo.data.meetings import EARLIER_SEATS, SERIES
from demo.specs import AGENDA_PUBLISHED, HELD, ONLINE, SCHEDULED, ItemSpec, MeetingSpec, PaperSpec, Series
from meetings import actions
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    ExemptCategory,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
    Purpose,
    public_item_q,
)
from partnerships import actions as partnership_actions
from partnerships.access import can_edit_partnership
from partnerships.models import SEATED_ROLES, Board, Deputyship, Membership, MembershipRole, Person

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
A = AttendanceStatus


def aware(day: dt.date, time: dt.time) -> dt.datetime:
    """A local (Europe/London) time on a day."""
    return timezone.make_aware(dt.datetime.combine(day, time))


@dataclass
class DemoContext:
    """Who acts, and lookups of the demo's boards and people by their natural keys."""

    officer: User
    administrator: User
    now: dt.datetime
    _boards: dict[str, Board] = field(default_factory=dict)
    _people: dict[str, Person] = field(default_factory=dict)

    @classmethod
    def create(cls, users: dict[str, User] | None = None) -> DemoContext:
        users = users or {u.username: u for u in User.objects.filter(username__in=("officer", "admin"))}
        return cls(officer=users["officer"], administrator=users["admin"], now=timezone.now())

    def board(self, key: str) -> Board:
        if key not in self._boards:
            partnership, slug = key.split("/")
            self._boards[key] = Board.objects.select_related("partnership").get(
                partnership__slug=partnership, slug=slug
            )
        return self._boards[key]

    def person(self, name: str) -> Person:
        if name not in self._people:
            self._people[name] = Person.objects.select_related("organisation", "user").get(name=name)
        return self._people[name]

    def actor(self, board: Board) -> User:
        """The demo officer where she services the partnership; the administrator elsewhere."""
        return self.officer if can_edit_partnership(self.officer, board.partnership) else self.administrator


def load_earlier_seats(ctx: DemoContext) -> None:
    """Seats of the previous term, keyed on board, person and start date."""
    for seat in EARLIER_SEATS:
        board, person = ctx.board(seat.board), ctx.person(seat.person)
        if Membership.objects.filter(board=board, person=person, start_date=seat.start).exists():
            continue
        if person.organisation is None:
            raise RuntimeError(f"{person.name}, seated on {board.name}, has no organisation")
        partnership_actions.membership_create(
            by=ctx.actor(board),
            now=aware(seat.start, dt.time(9)),
            board=board,
            person=person,
            organisation=person.organisation,
            role=seat.role,
            seniority=seat.seniority,
            elected=seat.person.startswith("Cllr "),
            start_date=seat.start,
            end_date=seat.end,
            deputy=ctx.person(seat.deputy) if seat.deputy else None,
        )


def chair_on(board: Board, day: dt.date) -> str:
    """Who chaired the board on a day (an elected co-chair before the other)."""
    seat = (
        board.memberships.current(day)
        .filter(role__in=(MembershipRole.CHAIR, MembershipRole.CO_CHAIR))
        .select_related("person")
        .order_by("role", "-elected", "pk")
        .first()
    )
    if seat is None:
        return "the chair"
    return f"{seat.person.name} ({seat.get_role_display().lower()})"


def _attendance(
    board: Board, spec: MeetingSpec, seed: str, deputy_share: float, absence: float
) -> list[actions.AttendanceEntry]:
    """Who came: chairs always, the others by a seeded chance (the same on every load),
    with apologies more likely where a member has no deputy to send (001 principle 5)."""
    rng = random.Random(seed)
    # Who declares an interest at the meeting was there to declare it: chance never
    # sends them apologies (only a member present may declare, SPEC §4).
    declarers = {declared.person for item in spec.items for declared in item.declarations}
    entries = []
    seats = (
        board.memberships.current(spec.day)
        .filter(role__in=SEATED_ROLES)
        .select_related("person")
        .prefetch_related(Prefetch("deputyships", queryset=Deputyship.objects.on(spec.day)))
        .order_by("pk")
    )
    for seat in seats:
        # The seat's designated deputy on the day, from the ledger (SPEC §3).
        deputyship = seat.deputyship_on(spec.day)
        deputy_id = deputyship.person_id if deputyship is not None else None
        status: str | None = spec.attendance.get(seat.person.name)
        if status is None:
            chance = rng.random()
            if seat.role in (MembershipRole.CHAIR, MembershipRole.CO_CHAIR):
                status = A.PRESENT
            elif deputy_id and chance < deputy_share:
                status = A.DEPUTY
            elif chance < deputy_share + absence * 0.8:
                status = A.APOLOGIES
            elif chance < deputy_share + absence:
                status = A.ABSENT
            else:
                status = A.PRESENT
            if seat.person.name in declarers:
                status = A.PRESENT
        entries.append(actions.AttendanceEntry(seat, status, deputy_id if status == A.DEPUTY else None))
    return entries


def _who(attendance: Attendance) -> str:
    organisation = f" ({attendance.organisation.name})" if attendance.organisation else ""
    return f"{attendance.person.name}{organisation}"


def _apologies_minute(meeting: Meeting) -> str:
    rows = list(meeting.attendance.select_related("person", "organisation", "deputy"))
    return content.apologies_minute(
        apologies=[_who(row) for row in rows if row.status == A.APOLOGIES],
        deputies=[f"{row.deputy.name} for {_who(row)}" for row in rows if row.status == A.DEPUTY and row.deputy],
        absent=[_who(row) for row in rows if row.status == A.ABSENT],
        invited=[f"{row.person.name} ({row.invited_role})" for row in rows if row.membership_id is None],
    )


def _declarations_minute(meeting: Meeting) -> str:
    # The declarations item's minute is public: declarations on an item the public may
    # not see stay out of it, as they do from the public minutes (meetings/views/public.py).
    declarations = (
        Declaration.objects.filter(item__meeting=meeting)
        .filter(public_item_q("item__"))
        .select_related("item", "membership__person")
    )
    return content.declarations_minute(
        [(d.membership.person.name, d.item.order, d.item.title, d.nature, d.withdraws) for d in declarations]
    )


def _upload(title: str, file: bytes, docx: bool) -> SimpleUploadedFile:
    extension, content_type = ("docx", DOCX_TYPE) if docx else ("pdf", PDF_TYPE)
    return SimpleUploadedFile(f"{slugify(title)[:80]}.{extension}", file, content_type=content_type)


def _paper_file(
    spec: PaperSpec, item: ItemSpec, *, board: Board, noun: str, day: dt.date, author: Person, revision: str = ""
) -> bytes:
    return content.paper_file(
        spec,
        item,
        board=board.name,
        noun=noun,
        day=day,
        author=author.name,
        job_title=author.job_title,
        revision=revision,
    )


def _minutes_file(board: Board, previous: Meeting, *, author: str) -> bytes:
    """The previous meeting's draft minutes, a public paper: an item the public may not
    see (``is_public``; the related manager sets ``item.meeting``, so no query) gives
    only its number and exempt category, as the public minutes do."""
    items: list[tuple[int, str, str] | content.ExemptMinute] = [
        (item.order, item.title, item.minutes or "")
        if item.is_public
        else content.ExemptMinute(item.order, item.get_exempt_category_display())
        for item in previous.items.order_by("order")
    ]
    return content.minutes_file(board.name, previous.date, items, author=author)


@dataclass
class _Planned:
    """An agenda item being built, with what it needs later."""

    item: AgendaItem
    spec: ItemSpec | None
    kind: str  # "apologies", "declarations", "minutes" or "business"


def build_meeting(
    ctx: DemoContext,
    board: Board,
    spec: MeetingSpec,
    *,
    previous: Meeting | None,
    noun: str,
    declarations_item: bool = False,
    deputy_share: float = 0.08,
    absence: float = 0.10,
    clerk: str = "",
) -> Meeting:
    """Replay one meeting's life through the actions, in order: schedule, agenda,
    papers, publication (late papers after it), attendance, declarations, minutes,
    actions arising, and the approval of the previous meeting's minutes. A meeting
    that exists (same board and start) is returned untouched."""
    start = aware(spec.day, spec.time)
    existing = Meeting.objects.filter(board=board, start=start).first()
    if existing is not None:
        return existing
    if spec.state == HELD and start > ctx.now:
        raise RuntimeError(f"The demo holds {board.name} on {spec.day} as held, but that date is still to come.")
    by = ctx.actor(board)
    meeting = actions.meeting_schedule(
        board,
        by=by,
        start=start,
        end=start + dt.timedelta(hours=2, minutes=30),
        venue=spec.venue,
        online_url="https://meet.oxfordshire.example/partnerships" if spec.venue == ONLINE else "",
        now=start - dt.timedelta(weeks=8),
    )
    deadline = meeting.governing_deadline
    prepared = min(ctx.now, aware(deadline - dt.timedelta(days=7), dt.time(9)))

    # The agenda: the standing items, then the business.
    planned: list[_Planned] = []

    def add(title: str, purpose: str, lead: str, kind: str, item_spec: ItemSpec | None = None) -> AgendaItem:
        exempt = bool(item_spec and item_spec.exempt)
        item = actions.item_add(
            meeting,
            by=by,
            title=title,
            purpose=purpose,
            lead_officer=lead,
            exempt=exempt,
            exempt_category=ExemptCategory.FINANCIAL if exempt else "",
            now=prepared,
        )
        planned.append(_Planned(item, item_spec, kind))
        return item

    add(content.APOLOGIES_TITLE, Purpose.INFORMATION, "", "apologies")
    if declarations_item:
        add(content.DECLARATIONS_TITLE, Purpose.INFORMATION, "", "declarations")
    papers: list[tuple[Paper, PaperSpec]] = []
    if previous is not None:
        title = content.minutes_title(previous.date)
        minutes_item = add(title, Purpose.DECISION, "", "minutes")
        writer = ctx.person(clerk) if clerk else None
        file = _minutes_file(board, previous, author=writer.name if writer else "Partnership officer")
        minutes_paper = actions.paper_add(
            minutes_item,
            _upload(title, file, docx=False),
            by=by,
            title=title,
            author=writer,
            author_name="" if writer else "Partnership officer",
            author_email=writer.email if writer else "",
            now=prepared,
        )
        papers.append((minutes_paper, PaperSpec(title, publish=spec.state != SCHEDULED)))
    for item_spec in spec.items:
        lead = ctx.person(item_spec.lead)
        item = add(item_spec.title, item_spec.purpose, f"{lead.name}, {lead.job_title}", "business", item_spec)
        for paper_spec in item_spec.papers:
            author = ctx.person(paper_spec.author or item_spec.lead)
            file = _paper_file(paper_spec, item_spec, board=board, noun=noun, day=spec.day, author=author)
            new_paper = actions.paper_add(
                item,
                _upload(paper_spec.title, file, paper_spec.docx),
                by=by,
                title=paper_spec.title,
                author=author,
                author_email=author.email,
                available_to_members=paper_spec.members_early,
                now=prepared,
            )
            papers.append((new_paper, paper_spec))
    # Direct write: paper_add takes no upload time, and the demo replays the past.
    PaperVersion.objects.filter(paper__item__meeting=meeting).update(uploaded_at=prepared)
    if spec.state == SCHEDULED:
        return _fresh(meeting)

    # Publication: papers by the deadline, then the agenda; late papers after it,
    # each with its reason and the chair's agreement (s100B(4)(b)).
    if spec.state == AGENDA_PUBLISHED:
        published = agenda_at = min(ctx.now, aware(deadline, dt.time(12)))
    else:
        published, agenda_at = aware(deadline, dt.time(11)), aware(deadline, dt.time(16))
    for paper_obj, paper_spec in papers:
        if paper_spec.publish and not paper_spec.late:
            actions.paper_publish(paper_obj, by=by, now=published)
    # Confirmed: items whose papers follow late are published with the agenda.
    meeting = actions.agenda_publish(meeting, by=by, confirm_missing=True, now=agenda_at)
    chair = chair_on(board, spec.day)
    for paper_obj, paper_spec in papers:
        if paper_spec.late:
            late_at = aware(spec.day - dt.timedelta(days=2), dt.time(11))
            actions.paper_publish(paper_obj, by=by, now=late_at, late_reason=paper_spec.late, chair_agreed_by=chair)
        if paper_spec.supplement:
            # A revised file for a published paper is published at once as a supplement (SPEC §4).
            revised_spec = next(e.spec for e in planned if e.item.pk == paper_obj.item_id)
            assert revised_spec is not None and paper_obj.author is not None
            revised = _paper_file(
                paper_spec,
                revised_spec,
                board=board,
                noun=noun,
                day=spec.day,
                author=paper_obj.author,
                revision=paper_spec.supplement,
            )
            revised_at = min(ctx.now, aware(deadline, dt.time(15)))
            actions.paper_upload(
                paper_obj,
                _upload(paper_spec.title, revised, paper_spec.docx),
                by=by,
                note=paper_spec.supplement,
                now=revised_at,
            )
    if spec.state == AGENDA_PUBLISHED:
        return _fresh(meeting)

    # The meeting itself.
    entries = _attendance(board, spec, f"{board.partnership.slug}/{board.slug}/{spec.day}", deputy_share, absence)
    ended = start + dt.timedelta(hours=2, minutes=30)
    actions.attendance_record(meeting, entries, by=by, now=ended)
    for name, why in spec.invited:
        guest = ctx.person(name)
        actions.attendee_add(meeting, by=by, person=guest, organisation=guest.organisation, invited_role=why, now=ended)
    for entry in planned:
        entry.item.meeting = meeting  # one instance, so each action sees the status the last one left
        for declared in entry.spec.declarations if entry.spec else ():
            seat = board.memberships.current(spec.day).get(person__name=declared.person)
            actions.declaration_record(
                entry.item,
                by=by,
                membership=seat,
                nature=declared.nature,
                withdraws=declared.withdraws,
                now=start + dt.timedelta(minutes=5),
            )

    # Minutes of every item, and the actions arising.
    for entry in planned:
        if entry.kind == "apologies":
            text = _apologies_minute(meeting)
        elif entry.kind == "declarations":
            text = _declarations_minute(meeting)
        elif entry.kind == "minutes":
            assert previous is not None
            text = content.minutes_approved_minute(previous.date)
        else:
            assert entry.spec is not None
            text = content.item_minute(entry.spec, noun)
        actions.minutes_update(meeting, minutes={entry.item.pk: text}, by=by, now=ended)
        for arising in entry.spec.actions if entry.spec else ():
            completed = (
                min(ctx.now, aware(arising.due - dt.timedelta(days=3), dt.time(12)))
                if arising.status == "done"
                else None
            )
            action = actions.action_create(
                meeting,
                by=by,
                item=entry.item,
                description=arising.description,
                owner=ctx.person(arising.owner),
                due_date=arising.due,
                now=ended,
            )
            if arising.status != "open":
                actions.action_update(action, by=by, changes={"status": arising.status}, now=completed or ended)

    # The previous meeting's minutes: approved at this one, then published.
    if previous is not None and previous.status == MeetingStatus.MINUTES_DRAFT:
        actions.minutes_approve(previous, at=meeting, by=by, now=ended)
        actions.minutes_publish(previous, by=by, now=min(ctx.now, aware(spec.day + dt.timedelta(days=2), dt.time(12))))
    return _fresh(meeting)


def _fresh(meeting: Meeting) -> Meeting:
    meeting.refresh_from_db()
    return meeting


def build_series(ctx: DemoContext, series: Series) -> list[Meeting]:
    """A board's meetings in date order; each approves the minutes of the one before."""
    board = ctx.board(series.board)
    first, last = series.deputy_share
    count = len(series.meetings)
    built: list[Meeting] = []
    previous: Meeting | None = None
    for index, spec in enumerate(series.meetings):
        share = first + (last - first) * index / max(count - 1, 1)
        previous = build_meeting(
            ctx,
            board,
            spec,
            previous=previous,
            noun=series.noun,
            declarations_item=series.declarations_item,
            deputy_share=share,
            absence=series.absence,
            clerk=series.clerk,
        )
        built.append(previous)
    return built


def find_item(board: Board, day: dt.date, title: str) -> AgendaItem:
    """An agenda item of a demo meeting, by the board, the meeting's date and the item's title."""
    return AgendaItem.objects.select_related("meeting__board__partnership").get(
        meeting__board=board, meeting__start__date=day, title=title
    )


def load(ctx: DemoContext) -> None:
    """Load (or leave as it is) two years of meetings of the four demo boards."""
    load_earlier_seats(ctx)
    for series in SERIES:
        build_series(ctx, series)
