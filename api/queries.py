"""Reads of the open data API (SPEC §6): what the public may see, assembled in a fixed
number of queries per page however many rows it holds.

Publicity is the one definition of meetings/models.py: ``.public()`` querysets and the
``public_*_q`` conditions, and ``is_public`` on loaded rows. The rounds and the history
of a decision are those its public page shows (decisions.queries.proposal_context with
``public=True``): only rounds at meetings whose agenda is published, and only the events
that belong to no round or to one of those. Indicators are those reports.access gives a
visitor who is not signed in (``visible_indicators``: the ones marked public), rated by
reports.queries as the indicator's page rates them.

The lists are querysets filtered by ``Filters``; the views page them, and the ``*_rows``
functions turn one page of rows into the values the serializers write.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone

from decisions import rules as engine
from decisions.models import Position, Proposal, ProposalEvent, Ratification, Round, Route
from decisions.queries import (
    EVENT_TITLES,
    positions_prefetch,
    register_proposals,
    rules_for,
    rules_summary,
    voter_key,
    voter_names,
)
from decisions.states import VoterKey
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
    public_item_q,
    public_meeting_q,
)
from partnerships.models import (
    SEATED_ROLES,
    Board,
    Deputyship,
    Membership,
    MemorandumOfUnderstanding,
    Organisation,
    Partnership,
    Person,
    membership_current_q,
)
from reports.access import visible_indicators
from reports.models import Indicator, IndicatorTarget, IndicatorValue
from reports.periods import Period, PeriodKind
from reports.queries import Figure, FigureMap, latest_figures, rated_periods

# ---------------------------------------------------------------------------
# Identifiers: "<kind>-<database id>", stable for as long as the row exists.

BODY = "body"
PARTNERSHIP = "partnership"
BOARD = "board"
PERSON = "person"
MEMBERSHIP = "membership"
EVENT = "event"
VOTE_EVENT = "vote-event"
DECISION = "decision"
INDICATOR = "indicator"

CLASSIFICATIONS = {BODY: "partner body", PARTNERSHIP: "partnership", BOARD: "board"}
ORGANIZATION_ID = r"(body|partnership|board)-[0-9]{1,18}"


def api_id(kind: str, pk: int | None) -> str | None:
    return f"{kind}-{pk}" if pk is not None else None


def parse_id(kind: str, text: str) -> int | None:
    """The database id in ``<kind>-<id>``, or None when the text is not one."""
    match = re.fullmatch(rf"{re.escape(kind)}-([0-9]{{1,18}})", text)
    return int(match.group(1)) if match else None


def parse_organization_id(text: str) -> tuple[str, int] | None:
    match = re.fullmatch(ORGANIZATION_ID, text)
    if not match:
        return None
    kind, _, number = text.rpartition("-")
    return kind, int(number)


# ---------------------------------------------------------------------------
# Filters (validated by api.serializers; every value optional)


@dataclass(frozen=True)
class Filters:
    partnership: Partnership | None = None
    board: Board | None = None
    person: Person | None = None
    on_behalf_of: Organisation | None = None
    parent: tuple[str, int] | None = None
    classification: str = ""
    decision: Proposal | None = None
    status: str = ""
    route: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    updated_since: dt.datetime | None = None


def _by_board(rows: QuerySet[Any], filters: Filters, path: str) -> QuerySet[Any]:
    if filters.partnership is not None:
        rows = rows.filter(**{f"{path}partnership": filters.partnership})
    if filters.board is not None:
        rows = rows.filter(**{path.rstrip("_") or "board": filters.board})
    return rows


def _date_range(rows: QuerySet[Any], filters: Filters, lookup: str) -> QuerySet[Any]:
    if filters.since is not None:
        rows = rows.filter(**{f"{lookup}__gte": filters.since})
    if filters.until is not None:
        rows = rows.filter(**{f"{lookup}__lte": filters.until})
    return rows


# ---------------------------------------------------------------------------
# Organizations: partner bodies, partnerships and boards, in that order


class OrganizationSequence:
    """The three kinds of organization as one ordered sequence a paginator slices: a
    count and at most one query per kind for a page."""

    def __init__(self, parts: Sequence[QuerySet[Any]]) -> None:
        self.parts = parts
        self._counts: list[int] | None = None
        self.ordered = True

    def counts(self) -> list[int]:
        if self._counts is None:
            self._counts = [part.count() for part in self.parts]
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Any]:
        if not isinstance(index, slice):
            raise TypeError("OrganizationSequence is sliced, not indexed")
        start, stop, _ = index.indices(self.count())
        rows: list[Any] = []
        offset = 0
        for part, size in zip(self.parts, self.counts(), strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                rows.extend(part[low:high])
            offset += size
        return rows


def _bodies() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name", "pk")


def _partnerships() -> QuerySet[Partnership]:
    return Partnership.objects.order_by("name", "pk")


def _boards() -> QuerySet[Board]:
    return Board.objects.select_related("partnership").order_by("partnership__name", "name", "pk")


def organizations(filters: Filters) -> OrganizationSequence:
    bodies, partnerships, boards = _bodies(), _partnerships(), _boards()
    if filters.parent is not None:
        kind, pk = filters.parent
        # Only a partnership has children: its groups and its boards.
        bodies = bodies.none()
        partnerships = partnerships.filter(parent_id=pk) if kind == PARTNERSHIP else partnerships.none()
        boards = boards.filter(partnership_id=pk) if kind == PARTNERSHIP else boards.none()
    parts: dict[str, QuerySet[Any]] = {BODY: bodies, PARTNERSHIP: partnerships, BOARD: boards}
    if filters.classification:
        parts = {kind: rows if kind == filters.classification else rows.none() for kind, rows in parts.items()}
    return OrganizationSequence(list(parts.values()))


def organization(kind: str, pk: int) -> Organisation | Partnership | Board | None:
    rows: dict[str, QuerySet[Any]] = {BODY: _bodies(), PARTNERSHIP: _partnerships(), BOARD: _boards()}
    return rows[kind].filter(pk=pk).first()


@dataclass(frozen=True)
class Link:
    url: str
    note: str


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str


@dataclass(frozen=True)
class OrganizationRow:
    id: str
    name: str
    classification: str
    parent_id: str | None
    description: str
    kind: str | None
    kind_label: str | None
    executive_body: str | None
    statutory: bool | None
    in_lsp: bool | None
    status: str | None
    dissolution_date: dt.date | None
    lead_accountable_body_id: str | None
    contact: Contact | None
    website: str
    links: list[Link]


def _api_link(name: str, query: str, note: str) -> Link:
    return Link(f"{reverse(name)}?{query}", note)


def organization_row(row: Organisation | Partnership | Board) -> OrganizationRow:
    if isinstance(row, Organisation):
        oid = f"{BODY}-{row.pk}"
        return OrganizationRow(
            id=oid,
            name=row.name,
            classification=CLASSIFICATIONS[BODY],
            parent_id=None,
            description="",
            kind=row.kind,
            kind_label=row.get_kind_display(),
            executive_body=row.executive_body,
            statutory=None,
            in_lsp=None,
            status=None,
            dissolution_date=None,
            lead_accountable_body_id=None,
            contact=None,
            website=row.website,
            links=[_api_link("api:membership_list", f"on_behalf_of={oid}", "Seats held for this body")],
        )
    if isinstance(row, Partnership):
        oid = f"{PARTNERSHIP}-{row.pk}"
        return OrganizationRow(
            id=oid,
            name=row.name,
            classification=CLASSIFICATIONS[PARTNERSHIP],
            parent_id=api_id(PARTNERSHIP, row.parent_id),
            description=row.purpose,
            kind=None,
            kind_label=None,
            executive_body=None,
            statutory=row.statutory,
            in_lsp=row.in_lsp,
            status=row.status,
            dissolution_date=row.end_date,
            lead_accountable_body_id=api_id(BODY, row.lead_accountable_body_id),
            contact=Contact(row.contact_name, row.contact_email, row.contact_phone),
            website=row.website,
            links=[
                Link(row.get_absolute_url(), "The partnership's page"),
                _api_link("api:organization_list", f"parent={oid}", "Its boards and groups"),
                _api_link("api:event_list", f"partnership={oid}", "Meetings of its boards"),
            ],
        )
    oid = f"{BOARD}-{row.pk}"
    return OrganizationRow(
        id=oid,
        name=row.name,
        classification=CLASSIFICATIONS[BOARD],
        parent_id=api_id(PARTNERSHIP, row.partnership_id),
        description=row.terms_of_reference,
        kind=row.layer,
        kind_label=row.get_layer_display(),
        executive_body=None,
        statutory=None,
        in_lsp=None,
        status=None,
        dissolution_date=None,
        lead_accountable_body_id=None,
        contact=None,
        website="",
        links=[
            Link(row.get_absolute_url(), "The board's page"),
            _api_link("api:membership_list", f"board={oid}", "Its members"),
            _api_link("api:event_list", f"board={oid}", "Its meetings"),
            _api_link("api:decision_list", f"board={oid}", "Its decisions"),
        ],
    )


# ---------------------------------------------------------------------------
# People


def people(filters: Filters) -> QuerySet[Person]:
    rows = Person.objects.order_by("name", "pk")
    seats = Membership.objects.all()
    if filters.partnership is not None:
        seats = seats.filter(board__partnership=filters.partnership)
    if filters.board is not None:
        seats = seats.filter(board=filters.board)
    if filters.partnership is not None or filters.board is not None:
        deputies = Deputyship.objects.filter(membership__in=seats).values("person_id")
        rows = rows.filter(Q(pk__in=seats.values("person_id")) | Q(pk__in=deputies))
    return rows


def person(pk: int) -> Person | None:
    return people(Filters()).filter(pk=pk).first()


@dataclass(frozen=True)
class PersonRow:
    id: str
    name: str
    job_title: str
    organization_id: str | None
    memberships_url: str
    links: list[Link]


def person_row(row: Person) -> PersonRow:
    pid = f"{PERSON}-{row.pk}"
    return PersonRow(
        id=pid,
        name=row.name,
        job_title=row.job_title,
        organization_id=api_id(BODY, row.organisation_id),
        memberships_url=f"{reverse('api:membership_list')}?person={pid}",
        links=[Link(reverse("person", args=[row.pk]), "The person's page")],
    )


# ---------------------------------------------------------------------------
# Memberships (seats) with their deputies over time


def memberships(filters: Filters) -> QuerySet[Membership]:
    rows: QuerySet[Membership] = Membership.objects.select_related("person", "organisation", "board").prefetch_related(
        Prefetch("deputyships", queryset=Deputyship.objects.select_related("person").order_by("start_date", "pk"))
    )
    rows = _by_board(rows, filters, "board__")
    if filters.person is not None:
        rows = rows.filter(person=filters.person)
    if filters.on_behalf_of is not None:
        rows = rows.filter(organisation=filters.on_behalf_of)
    # Held at some time in the range: started by its end, not ended before its start.
    if filters.until is not None:
        rows = rows.filter(start_date__lte=filters.until)
    if filters.since is not None:
        rows = rows.filter(Q(end_date__isnull=True) | Q(end_date__gte=filters.since))
    return rows.order_by("board_id", "start_date", "pk")


def membership(pk: int) -> Membership | None:
    return memberships(Filters()).filter(pk=pk).first()


@dataclass(frozen=True)
class DeputyRow:
    person_id: str
    person_name: str
    start_date: dt.date
    end_date: dt.date | None


@dataclass(frozen=True)
class MembershipRow:
    id: str
    person_id: str
    person_name: str
    organization_id: str
    organization_name: str
    on_behalf_of_id: str
    on_behalf_of_name: str
    role: str
    role_label: str
    seated: bool
    voting: bool
    lead: bool
    start_date: dt.date
    end_date: dt.date | None
    deputies: list[DeputyRow]


def membership_row(row: Membership) -> MembershipRow:
    return MembershipRow(
        id=f"{MEMBERSHIP}-{row.pk}",
        person_id=f"{PERSON}-{row.person_id}",
        person_name=row.person.name,
        organization_id=f"{BOARD}-{row.board_id}",
        organization_name=row.board.name,
        on_behalf_of_id=f"{BODY}-{row.organisation_id}",
        on_behalf_of_name=row.organisation.name,
        role=row.role,
        role_label=row.get_role_display(),
        seated=row.is_seated,
        voting=row.voting,
        lead=row.lead,
        start_date=row.start_date,
        end_date=row.end_date,
        deputies=[
            DeputyRow(f"{PERSON}-{d.person_id}", d.person.name, d.start_date, d.end_date) for d in row.deputyships.all()
        ],
    )


# ---------------------------------------------------------------------------
# Events: published meetings with their public agenda and documents


def events(filters: Filters) -> QuerySet[Meeting]:
    rows: QuerySet[Meeting] = Meeting.objects.public().select_related("board__partnership")
    rows = _by_board(rows, filters, "board__")
    rows = _date_range(rows, filters, "start__date")
    if filters.updated_since is not None:
        published = PaperVersion.objects.public().filter(published_at__gte=filters.updated_since)
        rows = rows.filter(
            Q(updated_at__gte=filters.updated_since) | Q(pk__in=published.values("paper__item__meeting_id"))
        )
    return rows.order_by("start", "pk")


def event(pk: int) -> Meeting | None:
    return events(Filters()).filter(pk=pk).first()


@dataclass(frozen=True)
class DocumentRow:
    title: str
    url: str
    media_type: str
    file_type: str
    size: int
    version: int
    published_at: dt.datetime | None
    late: bool


@dataclass(frozen=True)
class AgendaItemRow:
    order: int
    title: str
    description: str
    purpose: str
    lead_officer: str
    late: bool
    minutes: str | None
    documents: list[DocumentRow]


@dataclass(frozen=True)
class EventRow:
    id: str
    name: str
    start_date: dt.datetime
    end_date: dt.datetime | None
    location: str
    online_url: str
    status: str
    status_label: str
    organization_id: str
    organization_name: str
    agenda_published_at: dt.datetime | None
    agenda_late: bool
    minutes_published_at: dt.datetime | None
    agenda_pack_url: str
    minutes_url: str | None
    updated_at: dt.datetime
    vote_event_ids: list[str]
    agenda: list[AgendaItemRow]
    links: list[Link]


# The status the public reads (as the meeting pages show it): the internal steps
# between the meeting and published minutes read as "Minutes to follow".
EVENT_STATUSES = {
    "cancelled": "Cancelled",
    "minutes_published": "Minutes published",
    "agenda_published": "Agenda published",
    "minutes_to_follow": "Minutes to follow",
}


def event_status(meeting: Meeting, now: dt.datetime) -> str:
    if meeting.status == MeetingStatus.CANCELLED:
        return "cancelled"
    if meeting.minutes_are_public:
        return "minutes_published"
    if meeting.start > now:
        return "agenda_published"
    return "minutes_to_follow"


def _public_items() -> Prefetch[Any]:
    versions = PaperVersion.objects.public().order_by("number", "pk")
    papers = Paper.objects.public().prefetch_related(Prefetch("versions", queryset=versions)).order_by("pk")
    return Prefetch(
        "items",
        queryset=AgendaItem.objects.public()
        .prefetch_related(Prefetch("papers", queryset=papers))
        .order_by("order", "pk"),
        to_attr="public_items",
    )


def _public_rounds_by_meeting(meeting_ids: Iterable[int]) -> dict[int, list[int]]:
    by_meeting: dict[int, list[int]] = defaultdict(list)
    for round_id, meeting_id in (
        Round.objects.filter(meeting_id__in=list(meeting_ids))
        .filter(public_item_q("proposal__item__"))
        .order_by("proposal_id", "number")
        .values_list("pk", "meeting_id")
    ):
        by_meeting[meeting_id].append(round_id)
    return by_meeting


def event_rows(meetings: Sequence[Meeting], now: dt.datetime | None = None) -> list[EventRow]:
    """A page of published meetings: three queries for the agendas and documents, one for
    the vote events held at them."""
    now = now or timezone.now()
    prefetch_related_objects(list(meetings), _public_items())
    rounds = _public_rounds_by_meeting(m.pk for m in meetings)
    rows = []
    for meeting in meetings:
        minutes_public = meeting.minutes_are_public
        agenda = []
        for item in getattr(meeting, "public_items", []):
            documents = [
                DocumentRow(
                    title=paper.title,
                    url=reverse("meetings:paper_download", args=[meeting.pk, paper.pk, version.number]),
                    media_type=version.content_type,
                    file_type=version.extension or "FILE",
                    size=version.size,
                    version=version.number,
                    published_at=version.published_at,
                    late=paper.late or version.late,
                )
                for paper in item.papers.all()
                for version in paper.versions.all()
            ]
            agenda.append(
                AgendaItemRow(
                    order=item.order,
                    title=item.title,
                    description=item.description,
                    purpose=item.purpose,
                    lead_officer=item.lead_officer,
                    late=item.late,
                    minutes=item.minutes if minutes_public else None,
                    documents=documents,
                )
            )
        status = event_status(meeting, now)
        rows.append(
            EventRow(
                id=f"{EVENT}-{meeting.pk}",
                name=meeting.display_title,
                start_date=meeting.start,
                end_date=meeting.end,
                location=meeting.venue,
                online_url=meeting.online_url,
                status=status,
                status_label=EVENT_STATUSES[status],
                organization_id=f"{BOARD}-{meeting.board_id}",
                organization_name=meeting.board.name,
                agenda_published_at=meeting.agenda_published_at,
                agenda_late=meeting.agenda_late,
                minutes_published_at=meeting.minutes_published_at if minutes_public else None,
                agenda_pack_url=reverse("meetings:agenda_pack", args=[meeting.pk]),
                minutes_url=reverse("meetings:minutes_pdf", args=[meeting.pk]) if minutes_public else None,
                updated_at=meeting.updated_at,
                vote_event_ids=[f"{VOTE_EVENT}-{pk}" for pk in rounds.get(meeting.pk, [])],
                agenda=agenda,
                links=[Link(meeting.get_absolute_url(), "The meeting's page")],
            )
        )
    return rows


# ---------------------------------------------------------------------------
# Vote events: one per round, at a published meeting, of a public decision


def _rules_related(prefix: str) -> list[str]:
    return [
        f"{prefix}mou__board__partnership__lead_accountable_body",
        f"{prefix}mou__rules_lead_accountable_body",
    ]


def vote_events(filters: Filters) -> QuerySet[Round]:
    rows = (
        Round.objects.filter(public_item_q("proposal__item__"), public_meeting_q("meeting__"))
        .select_related("meeting__board", "proposal__board", *_rules_related("proposal__"))
        .prefetch_related(positions_prefetch())
    )
    rows = _by_board(rows, filters, "proposal__board__")
    if filters.decision is not None:
        rows = rows.filter(proposal=filters.decision)
    rows = _date_range(rows, filters, "meeting__start__date")
    if filters.updated_since is not None:
        since = filters.updated_since
        recorded = Position.objects.filter(recorded_at__gte=since).values("round_id")
        rows = rows.filter(Q(opened_at__gte=since) | Q(closed_at__gte=since) | Q(pk__in=recorded))
    return rows.order_by("meeting__start", "proposal_id", "number", "pk")


def vote_event(pk: int) -> Round | None:
    return vote_events(Filters()).filter(pk=pk).first()


@dataclass(frozen=True)
class Memorandum:
    version: int
    title: str
    url: str


@dataclass(frozen=True)
class RuleLine:
    label: str
    text: str


@dataclass(frozen=True)
class RuleRow:
    """The decision rules applied (decisions.rules.DecisionRules) and where they come from."""

    active_consent: bool
    majority_fallback: bool
    fallback_from_round: int
    max_minority: int | None
    voting_unit: str
    escalation_required: bool
    escalation_body: str
    lead_accountable_body: str
    memorandum: Memorandum | None
    summary: list[RuleLine]


def rule_row(proposal: Proposal) -> RuleRow:
    rules = rules_for(proposal)
    mou: MemorandumOfUnderstanding | None = proposal.mou
    return RuleRow(
        active_consent=rules.active_consent,
        majority_fallback=rules.majority_fallback,
        fallback_from_round=rules.fallback_from_round,
        max_minority=rules.max_minority,
        voting_unit=rules.voting_unit,
        escalation_required=rules.escalation_required,
        escalation_body=rules.escalation_body,
        lead_accountable_body=rules.lead_accountable_body,
        memorandum=Memorandum(mou.version, mou.title, mou.get_absolute_url()) if mou is not None else None,
        summary=[RuleLine(label, text) for label, text in rules_summary(rules)],
    )


@dataclass(frozen=True)
class StatedBy:
    id: str
    name: str


@dataclass(frozen=True)
class VoteRow:
    voter_id: str
    voter_name: str
    on_behalf_of_id: str | None
    option: str
    stated_by: StatedBy | None
    capacity: str | None
    capacity_label: str | None
    comment: str
    recorded_at: dt.datetime | None
    changed: bool


@dataclass(frozen=True)
class CountRow:
    option: str
    value: int


@dataclass(frozen=True)
class VoteEventRow:
    id: str
    decision_id: str
    round: int
    attempt: int
    motion_text: str
    start_date: dt.datetime
    event_id: str
    organization_id: str
    result: str
    result_label: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    counts: list[CountRow]
    rule: RuleRow
    votes: list[VoteRow]
    advisory_views: list[VoteRow]
    links: list[Link]


ABSENT = "absent"
OPEN = "open"


def _attempts(rounds: Sequence[Round]) -> dict[int, int]:
    """round id -> the meeting attempt it is (decisions.queries.meeting_attempt), for a
    page of rounds in one query."""
    held: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for proposal_id, number, meeting_id in Round.objects.filter(
        proposal_id__in={r.proposal_id for r in rounds}
    ).values_list("proposal_id", "number", "meeting_id"):
        held[proposal_id].append((number, meeting_id))
    return {r.pk: len({meeting for number, meeting in held[r.proposal_id] if number <= r.number}) for r in rounds}


def _open_voters(rounds: Sequence[Round]) -> dict[int, list[Membership]]:
    """round id -> the seats holding a vote on its meeting's day (decisions.queries
    .voting_memberships), for the open rounds of a page in one query."""
    open_rounds = [r for r in rounds if r.is_open]
    if not open_rounds:
        return {}
    seats = list(
        Membership.objects.filter(
            board_id__in={r.proposal.board_id for r in open_rounds}, voting=True, role__in=SEATED_ROLES
        )
        .select_related("organisation", "person")
        .order_by("organisation__name", "person__name")
    )
    return {
        r.pk: [s for s in seats if s.board_id == r.proposal.board_id and s.is_current(r.meeting.date)]
        for r in open_rounds
    }


def _vote(key: str, name: str, positions: list[Position]) -> VoteRow:
    latest = positions[-1] if positions else None
    parsed = VoterKey.parse(key)
    if parsed.kind == "org":
        voter_id = f"{BODY}-{parsed.id}"
    elif latest is not None:
        voter_id = f"{PERSON}-{latest.membership.person_id}"
    else:
        voter_id = f"{MEMBERSHIP}-{parsed.id}"
    return VoteRow(
        voter_id=voter_id,
        voter_name=name,
        on_behalf_of_id=f"{BODY}-{latest.organisation_id}" if latest is not None else None,
        option=latest.value if latest is not None else ABSENT,
        stated_by=StatedBy(f"{PERSON}-{latest.person_id}", latest.person.name) if latest is not None else None,
        capacity=latest.capacity if latest is not None else None,
        capacity_label=latest.get_capacity_display() if latest is not None else None,
        comment=latest.comment if latest is not None else "",
        recorded_at=latest.recorded_at if latest is not None else None,
        changed=len(positions) > 1,
    )


def _name(position: Position) -> str:
    seat = position.membership
    if position.advisory:
        return f"{seat.person.name}, {seat.get_role_display().lower()} ({position.organisation.name})"
    if VoterKey.parse(position.voter).kind == "member":
        return f"{seat.person.name} ({position.organisation.name})"
    return position.organisation.name


def vote_event_rows(rounds: Sequence[Round]) -> list[VoteEventRow]:
    """A page of rounds (from vote_events(): positions prefetched): the voters are those
    the round was decided on, or for an open round those who hold a vote on its day; the
    latest position of each counts (decisions.queries.round_views). At most four more
    queries, whatever the number of rounds and voters."""
    attempts = _attempts(rounds)
    open_voters = _open_voters(rounds)
    grouped: list[dict[str, list[Position]]] = []
    voters_of: list[list[str]] = []
    names: dict[str, str] = {}
    for round in rounds:
        by_voter: dict[str, list[Position]] = {}
        for position in round.positions.all():  # oldest first: the last one counts
            by_voter.setdefault(position.voter, []).append(position)
            names.setdefault(position.voter, _name(position))
        grouped.append(by_voter)
        if round.is_open:
            unit = rules_for(round.proposal).voting_unit
            open_keys: set[str] = set()
            for seat in open_voters.get(round.pk, []):
                key = str(voter_key(seat, unit))
                open_keys.add(key)
                names.setdefault(
                    key,
                    seat.organisation.name
                    if unit != engine.VOTING_UNIT_MEMBER
                    else f"{seat.person.name} ({seat.organisation.name})",
                )
            voters_of.append(sorted(open_keys))
        else:
            voters_of.append(list(round.voters or []))
    missing = {key for keys in voters_of for key in keys} - names.keys()
    if missing:
        names.update(voter_names(missing))

    rows: list[VoteEventRow] = []
    for round, by_voter, keys in zip(rounds, grouped, voters_of, strict=True):
        counted_keys = set(keys) | {
            key for key, positions in by_voter.items() if not positions[-1].advisory
        }  # a position from a seat that did not count stays visible, as on the page
        votes = sorted(
            (_vote(key, names.get(key, key), by_voter.get(key, [])) for key in counted_keys),
            key=lambda vote: (vote.voter_name, vote.voter_id),
        )
        advisory = sorted(
            (
                _vote(key, names.get(key, key), positions)
                for key, positions in by_voter.items()
                if positions[-1].advisory
            ),
            key=lambda vote: (vote.voter_name, vote.voter_id),
        )
        latest = {key: positions[-1].value for key, positions in by_voter.items() if key in counted_keys}
        tally = engine.tally(keys, latest)
        result = round.outcome or (OPEN if round.is_open else engine.NOT_AGREED)
        rows.append(
            VoteEventRow(
                id=f"{VOTE_EVENT}-{round.pk}",
                decision_id=f"{DECISION}-{round.proposal_id}",
                round=round.number,
                attempt=attempts[round.pk],
                motion_text=round.text,
                start_date=round.meeting.start,
                event_id=f"{EVENT}-{round.meeting_id}",
                organization_id=f"{BOARD}-{round.proposal.board_id}",
                result=result,
                result_label=round.outcome_label or "Not agreed",
                opened_at=round.opened_at,
                closed_at=round.closed_at,
                counts=[
                    CountRow(engine.CONSENT, tally.consents),
                    CountRow(engine.OBJECT, tally.objections),
                    CountRow(engine.ABSTAIN, tally.abstentions),
                    CountRow(ABSENT, tally.absent),
                ],
                rule=rule_row(round.proposal),
                votes=votes,
                advisory_views=advisory,
                links=[Link(round.proposal.get_absolute_url(), "The decision's page")],
            )
        )
    return rows


# ---------------------------------------------------------------------------
# Decisions: public proposals, their route and history


def _public_rounds() -> Prefetch[Any]:
    return Prefetch("rounds", queryset=Round.objects.select_related("meeting").order_by("number"))


def decisions(filters: Filters) -> QuerySet[Proposal]:
    rows: QuerySet[Proposal] = (
        Proposal.objects.public()
        .select_related("board__partnership", "item__meeting", *_rules_related(""))
        .prefetch_related(
            _public_rounds(),
            Prefetch("events", queryset=ProposalEvent.objects.order_by("at", "pk")),
            Prefetch("ratifications", queryset=Ratification.objects.select_related("organisation")),
        )
    )
    rows = _by_board(rows, filters, "board__")
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.route:
        rows = rows.filter(route=filters.route)
    rows = _date_range(rows, filters, "decided_at__date")
    if filters.updated_since is not None:
        since = filters.updated_since
        rows = rows.filter(
            Q(created_at__gte=since)
            | Q(pk__in=ProposalEvent.objects.filter(at__gte=since).values("proposal_id"))
            | Q(pk__in=Ratification.objects.filter(recorded_at__gte=since).values("proposal_id"))
            | Q(pk__in=Position.objects.filter(recorded_at__gte=since).values("round__proposal_id"))
        )
    return rows.order_by("created_at", "pk")


def decision(pk: int) -> Proposal | None:
    return decisions(Filters()).filter(pk=pk).first()


@dataclass(frozen=True)
class HistoryRow:
    date: dt.datetime
    type: str
    title: str
    from_status: str
    to_status: str
    note: str
    vote_event_id: str | None


@dataclass(frozen=True)
class RatificationRow:
    organization_id: str
    organization_name: str
    ratified: bool
    body: str
    decided_on: dt.date
    reference: str


@dataclass(frozen=True)
class DecisionRow:
    id: str
    title: str
    text: str
    status: str
    status_label: str
    route: str | None
    route_label: str | None
    organization_id: str
    event_id: str
    agenda_item_order: int
    big_ticket: bool
    decided_at: dt.datetime | None
    takes_effect_at: dt.datetime | None
    escalation_result: str
    determination: str
    determination_agreed: bool | None
    rule: RuleRow
    vote_event_ids: list[str]
    events: list[HistoryRow]
    ratifications: list[RatificationRow]
    updated_at: dt.datetime
    links: list[Link]


def decision_rows(proposals: Sequence[Proposal]) -> list[DecisionRow]:
    """A page of proposals (from decisions(): rounds, events and ratifications
    prefetched). No further query."""
    rows = []
    for proposal in proposals:
        rounds = [r for r in proposal.rounds.all() if r.meeting.is_public]
        shown = {r.pk for r in rounds}
        history = [e for e in proposal.events.all() if e.round_id is None or e.round_id in shown]
        ratifications = list(proposal.ratifications.all())
        times = [proposal.created_at, *(e.at for e in history), *(r.recorded_at for r in ratifications)]
        rows.append(
            DecisionRow(
                id=f"{DECISION}-{proposal.pk}",
                title=proposal.title,
                text=proposal.text,
                status=proposal.status,
                status_label=proposal.get_status_display(),
                route=proposal.route or None,
                route_label=Route(proposal.route).label if proposal.route else None,
                organization_id=f"{BOARD}-{proposal.board_id}",
                event_id=f"{EVENT}-{proposal.item.meeting_id}",
                agenda_item_order=proposal.item.order,
                big_ticket=proposal.big_ticket,
                decided_at=proposal.decided_at,
                takes_effect_at=proposal.takes_effect_at,
                escalation_result=proposal.escalation_result,
                determination=proposal.determination,
                determination_agreed=proposal.determination_agreed,
                rule=rule_row(proposal),
                vote_event_ids=[f"{VOTE_EVENT}-{r.pk}" for r in rounds],
                events=[
                    HistoryRow(
                        date=e.at,
                        type=e.verb,
                        title=EVENT_TITLES.get(e.verb, e.verb.replace("_", " ").capitalize()),
                        from_status=e.from_status,
                        to_status=e.to_status,
                        note=e.note,
                        vote_event_id=api_id(VOTE_EVENT, e.round_id),
                    )
                    for e in history
                ],
                ratifications=[
                    RatificationRow(
                        f"{BODY}-{r.organisation_id}",
                        r.organisation.name,
                        r.ratified,
                        r.body,
                        r.decided_on,
                        r.reference,
                    )
                    for r in ratifications
                ],
                updated_at=max(times),
                links=[Link(proposal.get_absolute_url(), "The decision's page")],
            )
        )
    return rows


# ---------------------------------------------------------------------------
# Indicators: those a partnership publishes, with their figures and ratings per period


def _public_indicators() -> QuerySet[Indicator]:
    """What everyone may see: reports.access.visible_indicators for a visitor who is not
    signed in (the API is the same for everyone, a report reader included)."""
    return visible_indicators(AnonymousUser()).select_related("partnership", "theme", "owner")


def indicators(filters: Filters) -> QuerySet[Indicator]:
    rows = _public_indicators()
    if filters.partnership is not None:
        rows = rows.filter(partnership=filters.partnership)
    if filters.updated_since is not None:
        since = filters.updated_since
        rows = rows.filter(
            Q(created_at__gte=since)
            | Q(pk__in=IndicatorValue.objects.filter(recorded_at__gte=since).values("indicator_id"))
            | Q(pk__in=IndicatorTarget.objects.filter(recorded_at__gte=since).values("indicator_id"))
        )
    return rows.order_by("partnership__name", "partnership_id", "theme__position", "theme__name", "code", "pk")


def indicator(pk: int) -> Indicator | None:
    return indicators(Filters()).filter(pk=pk).first()


@dataclass(frozen=True)
class IndicatorPeriodRow:
    period: str
    period_slug: str
    start_date: dt.date
    end_date: dt.date
    actual: Decimal | None
    provisional: bool | None
    corrected: bool
    target: Decimal | None
    rating: str
    direction: str
    explanation: str


@dataclass(frozen=True)
class RecordedValueRow:
    period: str
    start_date: dt.date
    value: Decimal
    provisional: bool
    note: str
    recorded_at: dt.datetime
    counts: bool


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    code: str
    title: str
    description: str
    unit: str
    higher_is_better: bool
    period_kind: str
    period_kind_label: str
    baseline: Decimal | None
    baseline_period: str
    amber_tolerance: Decimal
    tolerance_set_by: str
    illustrative: bool
    organization_id: str
    organization_name: str
    owner_id: str | None
    owner_name: str | None
    theme: str | None
    updated_at: dt.datetime
    values: list[IndicatorPeriodRow]
    links: list[Link]
    recorded_values: list[RecordedValueRow] | None = None


def _periods(indicator: Indicator, values: FigureMap, targets: FigureMap) -> list[IndicatorPeriodRow]:
    """Every period with an actual or a target, oldest first, each rated by
    reports.queries.status_of over that period alone: the rating, direction and words of
    the indicator's page (reports.queries.indicator_history)."""
    own_values, own_targets = values.get(indicator.pk, {}), targets.get(indicator.pk, {})
    rows = []
    for period, status in rated_periods(indicator, values, targets):
        actual: Figure | None = own_values.get(period.start)
        target: Figure | None = own_targets.get(period.start)
        rows.append(
            IndicatorPeriodRow(
                period=period.label,
                period_slug=period.slug,
                start_date=period.start,
                end_date=period.end,
                actual=actual.value if actual else None,
                provisional=actual.provisional if actual else None,
                corrected=bool(actual and actual.replaced),
                target=target.value if target else None,
                rating=status.rating,
                direction=status.direction,
                explanation=status.explanation,
            )
        )
    return rows


def indicator_rows(indicators: Sequence[Indicator], *, recorded: bool = False) -> list[IndicatorRow]:
    """A page of indicators (from indicators(): partnership, theme and owner loaded): two
    queries for their actuals and targets, and with ``recorded`` a third for every actual
    as recorded, corrections included."""
    ids = [row.pk for row in indicators]
    values = latest_figures(IndicatorValue, ids, None, dt.date.max)
    targets = latest_figures(IndicatorTarget, ids, None, dt.date.max)
    history: dict[int, list[RecordedValueRow]] = {}
    if recorded:
        kinds: dict[int, PeriodKind] = {row.pk: row.period_kind for row in indicators}  # type: ignore[misc]
        recorded_rows: dict[int, list[IndicatorValue]] = defaultdict(list)
        for value in IndicatorValue.objects.filter(indicator_id__in=ids).order_by("recorded_at", "pk"):
            recorded_rows[value.indicator_id].append(value)
        for indicator_id, rows in recorded_rows.items():
            # The latest row of a period is the one that counts (reports/models.py), as
            # reports.queries.latest_figures picks it: the last by recorded_at, then pk.
            counted = {value.period_start: value.pk for value in rows}
            history[indicator_id] = [
                RecordedValueRow(
                    period=Period.containing(value.period_start, kinds[indicator_id]).label,
                    start_date=value.period_start,
                    value=value.value,
                    provisional=value.provisional,
                    note=value.note,
                    recorded_at=value.recorded_at,
                    counts=counted[value.period_start] == value.pk,
                )
                for value in rows
            ]
    result = []
    for row in indicators:
        figures = [
            *values.get(row.pk, {}).values(),
            *targets.get(row.pk, {}).values(),
        ]
        result.append(
            IndicatorRow(
                id=f"{INDICATOR}-{row.pk}",
                code=row.code,
                title=row.title,
                description=row.description,
                unit=row.unit,
                higher_is_better=row.higher_is_better,
                period_kind=row.period_kind,
                period_kind_label=row.get_period_kind_display(),
                baseline=row.baseline,
                baseline_period=row.baseline_period,
                amber_tolerance=row.amber_tolerance,
                tolerance_set_by=row.tolerance_set_by,
                illustrative=row.illustrative,
                organization_id=f"{PARTNERSHIP}-{row.partnership_id}",
                organization_name=row.partnership.name,
                owner_id=api_id(BODY, row.owner_id),
                owner_name=row.owner.name if row.owner else None,
                theme=row.theme.name if row.theme else None,
                updated_at=max([row.created_at, *(figure.recorded_at for figure in figures if figure.recorded_at)]),
                values=_periods(row, values, targets),
                links=[
                    Link(reverse("reports:indicator", args=[row.partnership.slug, row.slug]), "The indicator's page"),
                    Link(row.partnership.get_absolute_url(), "The partnership's page"),
                ],
                recorded_values=history.get(row.pk, []) if recorded else None,
            )
        )
    return result


# ---------------------------------------------------------------------------
# Bulk downloads (CSV): streamed rows, a fixed number of queries per chunk

CHUNK = 500


def register_csv(base: str) -> Iterator[list[object]]:
    """The partnership register (004 R5): every partnership, inside and outside the LSP.
    ``base``: the site's address, for the links."""
    yield [
        "id",
        "name",
        "parent_id",
        "parent",
        "statutory",
        "in_lsp",
        "status",
        "end_date",
        "lead_accountable_body",
        "contact_name",
        "contact_email",
        "contact_phone",
        "website",
        "boards",
        "url",
    ]
    partnerships = (
        Partnership.objects.select_related("parent", "lead_accountable_body")
        .prefetch_related(Prefetch("boards", queryset=Board.objects.order_by("name", "pk")))
        .order_by("name", "pk")
    )
    for p in partnerships.iterator(chunk_size=CHUNK):
        yield [
            f"{PARTNERSHIP}-{p.pk}",
            p.name,
            api_id(PARTNERSHIP, p.parent_id) or "",
            p.parent.name if p.parent else "",
            "yes" if p.statutory else "no",
            "yes" if p.in_lsp else "no",
            p.status,
            p.end_date.isoformat() if p.end_date else "",
            p.lead_accountable_body.name if p.lead_accountable_body else "",
            p.contact_name,
            p.contact_email,
            p.contact_phone,
            p.website,
            "; ".join(b.name for b in p.boards.all()),
            base + p.get_absolute_url(),
        ]


def memberships_csv(base: str, today: dt.date | None = None) -> Iterator[list[object]]:
    """Every seat on every board, current and former, with its deputy today."""
    today = today or timezone.localdate()
    yield [
        "id",
        "partnership",
        "board_id",
        "board",
        "person_id",
        "person",
        "on_behalf_of_id",
        "on_behalf_of",
        "role",
        "voting",
        "start_date",
        "end_date",
        "current",
        "deputy_today",
        "url",
    ]
    rows = (
        Membership.objects.select_related("person", "organisation", "board__partnership")
        .prefetch_related(Prefetch("deputyships", queryset=Deputyship.objects.select_related("person")))
        .order_by("board__partnership__name", "board__name", "start_date", "pk")
    )
    current = Membership.objects.filter(membership_current_q(today)).values_list("pk", flat=True)
    held_today = set(current)
    for m in rows.iterator(chunk_size=CHUNK):
        deputy = m.deputy_on(today) if m.pk in held_today else None
        yield [
            f"{MEMBERSHIP}-{m.pk}",
            m.board.partnership.name,
            f"{BOARD}-{m.board_id}",
            m.board.name,
            f"{PERSON}-{m.person_id}",
            m.person.name,
            f"{BODY}-{m.organisation_id}",
            m.organisation.name,
            m.get_role_display(),
            "yes" if m.voting else "no",
            m.start_date.isoformat(),
            m.end_date.isoformat() if m.end_date else "",
            "yes" if m.pk in held_today else "no",
            deputy.name if deputy else "",
            f"{base}{reverse('person', args=[m.person_id])}",
        ]


def decisions_csv(base: str) -> Iterator[list[object]]:
    """The decisions register (decisions.queries.register_proposals): settled decisions."""
    yield [
        "id",
        "title",
        "partnership",
        "board_id",
        "board",
        "status",
        "route",
        "decided_at",
        "takes_effect_at",
        "deciding_meeting",
        "deciding_meeting_date",
        "url",
    ]
    rows = (
        register_proposals()
        .select_related("board__partnership")
        .prefetch_related(_public_rounds())
        .order_by("-decided_at", "-pk")
    )
    for p in rows.iterator(chunk_size=CHUNK):
        rounds = [r for r in p.rounds.all() if r.meeting.is_public]
        meeting = rounds[-1].meeting if rounds else None
        yield [
            f"{DECISION}-{p.pk}",
            p.title,
            p.board.partnership.name,
            f"{BOARD}-{p.board_id}",
            p.board.name,
            p.get_status_display(),
            Route(p.route).label if p.route else "",
            timezone.localtime(p.decided_at).isoformat() if p.decided_at else "",
            timezone.localtime(p.takes_effect_at).isoformat() if p.takes_effect_at else "",
            f"{EVENT}-{meeting.pk}" if meeting else "",
            meeting.date.isoformat() if meeting else "",
            base + p.get_absolute_url(),
        ]


def _batches(rows: Iterable[Indicator], size: int) -> Iterator[list[Indicator]]:
    batch: list[Indicator] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def indicators_csv(base: str) -> Iterator[list[object]]:
    """The published indicators' figures: one row per indicator and period with an actual
    or a target, oldest period first, rated as on the indicator's page. Three queries for
    each CHUNK indicators."""
    yield [
        "id",
        "partnership_id",
        "partnership",
        "theme",
        "code",
        "title",
        "unit",
        "higher_is_better",
        "period",
        "period_start",
        "period_end",
        "actual",
        "provisional",
        "corrected",
        "target",
        "rating",
        "direction",
        "explanation",
        "amber_tolerance",
        "tolerance_set_by",
        "owner_id",
        "owner",
        "illustrative",
        "url",
    ]
    for batch in _batches(indicators(Filters()).iterator(chunk_size=CHUNK), CHUNK):
        for row in indicator_rows(batch):
            for period in row.values:
                yield [
                    row.id,
                    row.organization_id,
                    row.organization_name,
                    row.theme or "",
                    row.code,
                    row.title,
                    row.unit,
                    "yes" if row.higher_is_better else "no",
                    period.period,
                    period.start_date.isoformat(),
                    period.end_date.isoformat(),
                    period.actual,
                    "" if period.provisional is None else ("yes" if period.provisional else "no"),
                    "yes" if period.corrected else "no",
                    period.target,
                    period.rating,
                    period.direction,
                    period.explanation,
                    row.amber_tolerance,
                    row.tolerance_set_by,
                    row.owner_id or "",
                    row.owner_name or "",
                    "yes" if row.illustrative else "no",
                    base + row.links[0].url,
                ]
