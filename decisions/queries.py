"""Read-side queries of the decisions pages: what the public may see, and the rows a
page shows, loaded with a fixed number of queries however many rounds, positions and
events there are (SPEC §6, §8 "Fast at real scale").

Nothing here changes state; every write goes through decisions/actions.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from meetings.models import Meeting, MeetingStatus, announced_meeting_q, public_item_q, public_meeting_q
from partnerships.models import (
    SEATED_ROLES,
    Board,
    Delegation,
    Deputyship,
    Membership,
    Organisation,
    Partnership,
    Person,
)

from . import rules as engine
from . import states
from .access import CHAIRS, SeatFacts, SeatTie, lead_seat, seat_capacity, seat_counts, voting_unit
from .models import (
    SETTLED_STATUSES,
    Capacity,
    ForthcomingDecision,
    Position,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    Ratification,
    Round,
    Route,
)
from .states import VoterKey

# How each event of the append-only history reads in the timeline (SPEC §5).
EVENT_TITLES = {
    states.PROPOSAL_CREATE: "Proposal put to the board",
    states.ROUND_CLOSE: "Round closed",
    states.ROUND_OPEN: "New round opened",
    states.DEFER: "Deferred",
    states.ESCALATE: "Escalated",
    states.ESCALATION_RESULT: "Escalation result recorded",
    states.REFER: "Referred to the lead accountable body",
    states.DETERMINE: "Determination recorded",
    states.RATIFICATION_REQUESTED: "Ratification requested",
    states.RATIFY: "Ratification recorded",
}


# ---------------------------------------------------------------------------
# The rules, the voters and their positions


def rules_for(proposal: Proposal) -> engine.DecisionRules:
    """The rules of the memorandum in force when the proposal was made; without one,
    consensus by active consent of every voter (the partnerships' norm, 000)."""
    return proposal.mou.decision_rules() if proposal.mou is not None else engine.DecisionRules()


def voting_memberships(board_id: int, on: dt.date) -> list[Membership]:
    """The seats holding a vote on the board on a date."""
    return list(
        Membership.objects.current(on)
        .filter(board_id=board_id, voting=True, role__in=SEATED_ROLES)
        .select_related("organisation", "person")
        .order_by("organisation__name", "person__name")
    )


def voter_key(membership: Membership, voting_unit: str) -> VoterKey:
    """The voter a voting seat counts for under the memorandum's voting unit."""
    return VoterKey.for_seat(
        organisation_id=membership.organisation_id,
        membership_id=membership.pk,
        voting_unit=voting_unit,
        counted=True,
    )


def voters_for(round: Round, rules: engine.DecisionRules) -> list[str]:
    """Who holds a vote in the round, as stored on it when it closes."""
    seats = voting_memberships(round.proposal.board_id, round.meeting.date)
    return sorted({str(voter_key(seat, rules.voting_unit)) for seat in seats})


def latest_positions(round: Round) -> dict[str, str]:
    """The latest counted position of each voter in a round (advisory views excluded)."""
    latest: dict[str, str] = {}
    for voter, value in (
        Position.objects.filter(round=round, advisory=False).order_by("recorded_at", "pk").values_list("voter", "value")
    ):
        latest[voter] = value
    return latest


def meeting_attempt(round: Round) -> int:
    """Which attempt at deciding the proposal this round is: the number of distinct
    meetings at which it has been put, up to and including this round's (003 §19 "at
    a second meeting"; SPEC §9). A second round at the same meeting is the same attempt."""
    return (
        Round.objects.filter(proposal_id=round.proposal_id, number__lte=round.number)
        .values("meeting_id")
        .distinct()
        .count()
    )


def has_been_escalated(proposal: Proposal) -> bool:
    return proposal.events.filter(verb=states.ESCALATE).exists()


def voter_names(keys: Iterable[str]) -> dict[str, str]:
    """key -> the organisation's name, or the member's name and organisation; two queries."""
    parsed = [VoterKey.parse(key) for key in keys]
    names: dict[str, str] = {}
    org_ids = [key.id for key in parsed if key.kind == "org"]
    member_ids = [key.id for key in parsed if key.kind == "member"]
    if org_ids:
        for pk, name in Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name"):
            names[str(VoterKey.for_organisation(pk))] = name
    if member_ids:
        for seat in Membership.objects.filter(pk__in=member_ids).select_related("person", "organisation"):
            names[str(VoterKey.for_member(seat.pk))] = _member_name(seat)
    return names


def partners_to_ratify(proposal: Proposal) -> list[Organisation]:
    """The partner organisations that voted in the deciding round."""
    last = proposal.rounds.order_by("-number").select_related("meeting").first()
    if last is None:
        return []
    seen: dict[int, Organisation] = {}
    for membership in voting_memberships(proposal.board_id, last.meeting.date):
        seen.setdefault(membership.organisation_id, membership.organisation)
    return sorted(seen.values(), key=lambda org: org.name)


def partners_still_to_ratify(proposal: Proposal) -> list[Organisation]:
    recorded = set(proposal.ratifications.values_list("organisation_id", flat=True))
    return [org for org in partners_to_ratify(proposal) if org.pk not in recorded]


def ratification_choices(proposal: Proposal) -> QuerySet[Organisation]:
    """The partners whose ratification is still to be recorded, for the form's choices."""
    return Organisation.objects.filter(pk__in=[org.pk for org in partners_still_to_ratify(proposal)]).order_by("name")


def last_round(proposal: Proposal) -> Round | None:
    return proposal.rounds.select_related("meeting").order_by("-number").first()


def later_meetings(proposal: Proposal) -> QuerySet[Meeting]:
    """The meetings a new round may be held at: of the board, with the agenda published
    (a round is put on a published agenda, SPEC §9), not cancelled, at or after the last
    round's."""
    last = last_round(proposal)
    meetings = Meeting.objects.public().filter(board_id=proposal.board_id).exclude(status=MeetingStatus.CANCELLED)
    if last is not None:
        meetings = meetings.filter(start__gte=last.meeting.start)
    return meetings.select_related("board").order_by("start")


def proposers_for(meeting: Meeting) -> QuerySet[Person]:
    """Who may be named as proposer: the board's members on the day of the meeting."""
    return Person.objects.filter(
        pk__in=Membership.objects.current(meeting.date).filter(board_id=meeting.board_id).values("person_id")
    ).order_by("name")


# ---------------------------------------------------------------------------
# What the public may see


def register_proposals() -> QuerySet[Proposal]:
    """The decisions register: public proposals settled one way or the other."""
    return Proposal.objects.public().filter(status__in=SETTLED_STATUSES)


ROUNDS_AT_MEETING = "rounds_at_meeting"  # set below, so not on the model's type


def decisions_for_meeting(meeting: Meeting, *, public: bool = True) -> list[Proposal]:
    """The proposals put to a meeting (a round held there), for its minutes. Each has
    ``rounds_at_meeting`` (with ``outcome_label``) and its item and board loaded.
    ``public=False`` is for the partnership's officers: exempt items included. One
    query: the rounds held there, each with its proposal."""
    rounds = Round.objects.filter(meeting=meeting)
    if public:
        rounds = rounds.filter(public_item_q("proposal__item__"))
    proposals: dict[int, Proposal] = {}
    for round in rounds.select_related("proposal__item__meeting__board", "proposal__board").order_by(
        "proposal__item__meeting__start", "proposal__item__order", "proposal__created_at", "proposal_id", "number"
    ):
        proposal = proposals.get(round.proposal_id)
        if proposal is None:
            proposal = proposals[round.proposal_id] = round.proposal
            setattr(proposal, ROUNDS_AT_MEETING, [])
        round.proposal = proposal  # one instance per proposal, as a prefetch gives
        getattr(proposal, ROUNDS_AT_MEETING).append(round)
    return list(proposals.values())


# ---------------------------------------------------------------------------
# Positions, grouped by voter


@dataclass
class VoterRow:
    """A voter (an organisation, or a member with the per-member voting unit) in a
    round: the latest position counts; earlier ones are the history of changes."""

    key: str
    name: str
    latest: Position | None = None
    earlier: list[Position] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.earlier)


@dataclass
class RoundView:
    round: Round
    amended: bool
    outcome_label: str
    counted: list[VoterRow]
    advisory: list[VoterRow]
    tally: engine.Tally
    meeting_public: bool
    minutes_public: bool


def seat_voter(membership: Membership, unit: str) -> VoterKey:
    """The voter a seat records for (actions.position_record stores it)."""
    return VoterKey.for_seat(
        organisation_id=membership.organisation_id,
        membership_id=membership.pk,
        voting_unit=unit,
        counted=seat_counts(membership),
    )


def _member_name(membership: Membership) -> str:
    return f"{membership.person.name} ({membership.organisation.name})"


def _group(positions: Iterable[Position]) -> dict[str, VoterRow]:
    """Positions (oldest first) grouped by voter; the last one counts."""
    rows: dict[str, VoterRow] = {}
    for position in positions:
        if position.advisory:
            seat = position.membership
            name = f"{seat.person.name}, {seat.get_role_display().lower()} ({position.organisation.name})"
        elif VoterKey.parse(position.voter).kind == "member":
            name = _member_name(position.membership)
        else:
            name = position.organisation.name
        row = rows.setdefault(position.voter, VoterRow(key=position.voter, name=name))
        if row.latest is not None:
            row.earlier.append(row.latest)
        row.latest = position
    return rows


def positions_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "positions",
        # membership__organisation: a member voter is named with its seat's organisation.
        queryset=Position.objects.select_related(
            "organisation", "person", "membership__person", "membership__organisation"
        ).order_by("recorded_at", "pk"),
    )


def rounds_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "rounds",
        queryset=Round.objects.select_related("meeting__board")
        .prefetch_related(positions_prefetch())
        .order_by("number"),
    )


def round_views(proposal: Proposal, rounds: Sequence[Round]) -> list[RoundView]:
    """Rounds with their voters and positions. ``rounds`` come with ``meeting`` and
    ``positions`` (positions_prefetch) loaded. Voters of a closed round are those it
    was decided on; of the open round, those who hold a vote now. At most three
    queries, whatever the number of rounds and voters."""
    unit = voting_unit(proposal)
    grouped = [_group(r.positions.all()) for r in rounds]
    voters_of: list[list[str]] = []
    names: dict[str, str] = {}
    for round, rows in zip(rounds, grouped, strict=True):
        for key, row in rows.items():
            names.setdefault(key, row.name)
        if round.is_open:
            seats = voting_memberships(proposal.board_id, round.meeting.date)
            keys = sorted({str(voter_key(seat, unit)) for seat in seats})
            for seat in seats:
                names.setdefault(
                    str(voter_key(seat, unit)),
                    seat.organisation.name if unit != engine.VOTING_UNIT_MEMBER else _member_name(seat),
                )
        else:
            keys = list(round.voters or [])
        voters_of.append(keys)
    missing = {key for keys in voters_of for key in keys} - names.keys()
    if missing:
        names.update(voter_names(missing))

    views = []
    previous_text = proposal.text
    for round, rows, keys in zip(rounds, grouped, voters_of, strict=True):
        counted = {key: rows.get(key) or VoterRow(key=key, name=names.get(key, key)) for key in keys}
        for key, row in rows.items():  # a position from a seat that did not count stays visible
            if not row.latest or not row.latest.advisory:
                counted.setdefault(key, row)
        latest = {key: row.latest.value for key, row in counted.items() if row.latest is not None}
        views.append(
            RoundView(
                round=round,
                amended=round.text.strip() != previous_text.strip(),
                outcome_label=round.outcome_label,
                counted=sorted(counted.values(), key=lambda row: row.name),
                advisory=sorted(
                    (row for row in rows.values() if row.latest and row.latest.advisory), key=lambda row: row.name
                ),
                tally=engine.tally(keys, latest),
                meeting_public=round.meeting.is_public,
                minutes_public=round.meeting.minutes_are_public,
            )
        )
        previous_text = round.text
    return views


# ---------------------------------------------------------------------------
# The history and the rules


@dataclass(frozen=True)
class EventRow:
    event: ProposalEvent
    title: str
    from_label: str
    to_label: str


def _status_label(value: str) -> str:
    try:
        return ProposalStatus(value).label
    except ValueError:
        return value


def event_rows(events: Iterable[ProposalEvent]) -> list[EventRow]:
    return [
        EventRow(
            event=event,
            title=EVENT_TITLES.get(event.verb, event.verb.replace("_", " ").capitalize()),
            from_label=_status_label(event.from_status) if event.from_status else "",
            to_label=_status_label(event.to_status),
        )
        for event in events
    ]


ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def rules_summary(rules: engine.DecisionRules) -> list[tuple[str, str]]:
    """The decision rules of the memorandum, as a reader of the register needs them."""
    if rules.voting_unit == engine.VOTING_UNIT_MEMBER:
        who = "One vote per voting member"
    else:
        who = "One vote per partner organisation"
    if rules.active_consent:
        consensus = "Active consent of every voter: absence and abstention block consensus (003 §11)"
    else:
        consensus = "No objection, with more than half of all voters consenting"
        if rules.quorum:
            consensus += f", and at least {rules.quorum} voters taking part"
    if rules.majority_fallback:
        attempt = ORDINALS.get(rules.fallback_from_round, f"number {rules.fallback_from_round}")
        fallback = (
            f"Allowed from the {attempt} meeting at which the proposal is put (003 §19): "
            "more than half of all voters consent"
        )
        if rules.max_minority is not None:
            fallback += (
                f", with at most {rules.max_minority} objection{'s' if rules.max_minority != 1 else ''} (003 §22)"
            )
        if rules.escalation_required:
            fallback += ", only once the proposal has been escalated"
    else:
        fallback = "Not allowed: without consensus the proposal is escalated or referred"
    return [
        ("Who votes", who),
        ("Consensus", consensus),
        ("Majority fallback", fallback),
        ("Escalation body", rules.escalation_body or "Not named in the memorandum"),
        ("Lead accountable body", rules.lead_accountable_body or "Not named"),
    ]


def proposal_for_page(queryset: QuerySet[Proposal], pk: int) -> Proposal | None:
    """A proposal with everything its page shows: rounds, positions, events, ratifications."""
    return (
        queryset.select_related(
            "board__partnership__lead_accountable_body",
            "item__meeting__board",
            "proposer",
            "mou__board__partnership__lead_accountable_body",
            "mou__rules_lead_accountable_body",
        )
        .prefetch_related(
            rounds_prefetch(),
            Prefetch("events", queryset=ProposalEvent.objects.select_related("actor").order_by("at", "pk")),
            Prefetch("ratifications", queryset=Ratification.objects.select_related("organisation")),
        )
        .filter(pk=pk)
        .first()
    )


# ---------------------------------------------------------------------------
# The member's rounds awaiting a position


@dataclass
class SeatRow:
    seat: Membership
    capacity: str
    capacity_label: str
    position: Position | None  # the latest position for the seat's voter


@dataclass
class AwaitingRow:
    round: Round
    seats: list[SeatRow]

    @property
    def recorded(self) -> bool:
        return all(row.position is not None for row in self.seats)


def _delegated_on(delegations: Sequence[Delegation], seat: Membership, on: dt.date) -> bool:
    return any(
        delegation.board_id == seat.board_id
        and delegation.organisation_id == seat.organisation_id
        and delegation.is_valid_on(on)
        for delegation in delegations
    )


def awaiting_rows(person: Person) -> list[AwaitingRow]:
    """Open rounds on boards where the person holds a current seat, is a designated
    deputy or holds a delegation in force, with the position recorded for each seat so
    far. The capacity is the seat rule's (access.seat_capacity) before attendance is
    known. A fixed number of queries, however many boards and rounds."""
    delegations = list(Delegation.objects.filter(person=person))
    deputyships = list(Deputyship.objects.filter(person=person))
    connected = Q(person=person) | Q(pk__in=[d.membership_id for d in deputyships])
    for delegation in delegations:
        connected |= Q(board_id=delegation.board_id, organisation_id=delegation.organisation_id)
    seats = list(
        Membership.objects.filter(connected)
        .select_related("person", "organisation")
        .order_by("organisation__name", "person__name")
    )
    rounds = (
        Round.objects.filter(
            closed_at__isnull=True,
            proposal__status=ProposalStatus.OPEN,
            proposal__board_id__in={seat.board_id for seat in seats},
        )
        .select_related("proposal__board__partnership", "proposal__mou", "proposal__item", "meeting__board")
        .prefetch_related(positions_prefetch())
        .order_by("meeting__start", "proposal__title", "pk")
    )
    rows = []
    for round in rounds:
        on = round.meeting.date
        unit = voting_unit(round.proposal)
        latest = {position.voter: position for position in round.positions.all()}  # oldest first: the last counts
        seat_rows = []
        for seat in seats:
            if seat.board_id != round.proposal.board_id or not seat.is_current(on):
                continue
            tie = SeatTie(
                member=seat.person_id == person.pk,
                deputy=any(d.membership_id == seat.pk and d.is_current(on) for d in deputyships),
                delegate=_delegated_on(delegations, seat, on),
                officer=False,  # the member's page lists the seats the person holds or stands in for
            )
            capacity = seat_capacity(tie, member_name=str(seat.person), organisation_name=str(seat.organisation))
            if capacity.capacity is None:
                continue
            seat_rows.append(
                SeatRow(
                    seat=seat,
                    capacity=capacity.capacity,
                    capacity_label=Capacity(capacity.capacity).label,
                    position=latest.get(str(seat_voter(seat, unit))),
                )
            )
        if seat_rows:
            rows.append(AwaitingRow(round=round, seats=seat_rows))
    return rows


def position_round_view(proposal: Proposal, round: Round) -> RoundView:
    """The round as the position page shows it, positions included."""
    rounds = list(
        Round.objects.filter(pk=round.pk).select_related("meeting__board").prefetch_related(positions_prefetch())
    )
    return round_views(proposal, rounds)[0]


# ---------------------------------------------------------------------------
# The officer's pages


def officer_proposals(partnerships: QuerySet[Partnership]) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(board__partnership__in=partnerships)
        .select_related("board__partnership", "item__meeting__board")
        .order_by("-created_at", "-pk")
    )


def proposal_context(proposal: Proposal, *, public: bool) -> dict[str, Any]:
    """What the decision page and the officer's page both show, from prefetched rows.
    ``public``: only the rounds at meetings whose agenda is published, and only the
    events of the history that belong to no round or to one of those (SPEC §6)."""
    rounds = list(proposal.rounds.all())
    events = list(proposal.events.all())
    if public:
        rounds = [r for r in rounds if r.meeting.is_public]
        shown = {r.pk for r in rounds}
        events = [e for e in events if e.round_id is None or e.round_id in shown]
    return {
        "proposal": proposal,
        "board": proposal.board,
        "partnership": proposal.board.partnership,
        "rounds": round_views(proposal, rounds),
        "events": event_rows(events),
        "ratifications": list(proposal.ratifications.all()),
        "rules": rules_summary(rules_for(proposal)),
        "mou": proposal.mou,
        "deciding_round": rounds[-1] if rounds else None,
    }


# ---------------------------------------------------------------------------
# The public register


@dataclass(frozen=True)
class RegisterRow:
    proposal: Proposal
    meeting: Meeting | None
    minutes_public: bool


def register_filters(proposals: QuerySet[Proposal]) -> tuple[list[int], list[Partnership]]:
    """The years and partnerships the register can be filtered by."""
    years = [d.year for d in proposals.datetimes("decided_at", "year", order="DESC")]
    partnerships = list(
        Partnership.objects.filter(pk__in=proposals.values("board__partnership_id"))
        .only("name", "slug")
        .order_by("name")
    )
    return years, partnerships


def register_filtered(
    proposals: QuerySet[Proposal], *, partnership_slug: str, route: str, year: int | None
) -> QuerySet[Proposal]:
    if partnership_slug:
        proposals = proposals.filter(board__partnership__slug=partnership_slug)
    if route in Route.values:
        proposals = proposals.filter(route=route)
    if year:
        proposals = proposals.filter(decided_at__year=year)
    rounds = Round.objects.select_related("meeting__board").order_by("number")
    return (
        proposals.select_related("board__partnership", "item__meeting")
        .prefetch_related(Prefetch("rounds", queryset=rounds))
        .order_by("-decided_at", "-pk")
    )


def register_rows(proposals: Iterable[Proposal]) -> list[RegisterRow]:
    """Each proposal with the meeting that decided it, when the public may see it."""
    rows = []
    for proposal in proposals:
        rounds_of = list(proposal.rounds.all())
        meeting = rounds_of[-1].meeting if rounds_of else None
        if meeting is not None and not meeting.is_public:
            meeting = None  # never link to a meeting the public cannot see
        rows.append(RegisterRow(proposal, meeting, bool(meeting and meeting.minutes_are_public)))
    return rows


# ---------------------------------------------------------------------------
# The officer's page of the positions stated at a meeting


@dataclass
class StatedSeatRow:
    """A seat as the officer records the positions stated at the meeting: who could
    speak for it on the day (the member, the deputy on the ledger, delegates in force),
    the position that counts so far, and, for a seat whose organisation votes through
    its lead seat, that seat (nothing is recorded here)."""

    seat: Membership
    counted: bool
    speakers: list[tuple[Person, str]]  # (person, capacity label)
    latest: Position | None
    through_lead: Membership | None = None


def stated_seat_rows(round: Round) -> list[StatedSeatRow]:
    """Every seat on the board on the day of the round's meeting, counted seats first.
    A fixed number of queries, however many seats."""
    on = round.meeting.date
    board_id = round.proposal.board_id
    unit = voting_unit(round.proposal)
    seats = list(
        Membership.objects.current(on)
        .filter(board_id=board_id, role__in=SEATED_ROLES)
        .select_related("person", "organisation")
        .prefetch_related(
            Prefetch("deputyships", queryset=Deputyship.objects.on(on).select_related("person"), to_attr="on_day")
        )
        .order_by("organisation__name", "person__name")
    )
    delegations = list(Delegation.objects.valid_on(on).filter(board_id=board_id).select_related("person"))
    latest = {
        position.voter: position for position in round.positions.select_related("person").order_by("recorded_at", "pk")
    }
    leads: dict[int, Membership] = {}
    if unit == engine.VOTING_UNIT_ORGANISATION:
        by_organisation: dict[int, list[Membership]] = {}
        for seat in seats:
            if seat_counts(seat):
                by_organisation.setdefault(seat.organisation_id, []).append(seat)
        for organisation_id, held in by_organisation.items():
            facts = [SeatFacts(s.pk, s.lead, s.role in CHAIRS, s.start_date) for s in held]
            lead_id = lead_seat(facts)
            leads[organisation_id] = next(s for s in held if s.pk == lead_id)
    rows = []
    for seat in seats:
        counted = seat_counts(seat)
        speakers = [(seat.person, Capacity.MEMBER.label)]
        speakers += [(d.person, Capacity.DEPUTY.label) for d in getattr(seat, "on_day", [])]
        speakers += [
            (d.person, Capacity.DELEGATE.label)
            for d in delegations
            if d.organisation_id == seat.organisation_id and d.person_id != seat.person_id
        ]
        lead = leads.get(seat.organisation_id) if counted else None
        rows.append(
            StatedSeatRow(
                seat=seat,
                counted=counted,
                speakers=speakers,
                latest=latest.get(str(seat_voter(seat, unit))),
                through_lead=lead if lead is not None and lead.pk != seat.pk else None,
            )
        )
    rows.sort(key=lambda row: (not row.counted, row.through_lead is not None))
    return rows


# ---------------------------------------------------------------------------
# The forward plan (SPEC §6): decisions expected at future meetings


@dataclass(frozen=True)
class ForwardPlanRow:
    """A decision expected at a future meeting: a proposal tabled on a published agenda,
    or an officer's forward plan entry. ``meeting`` is the expected meeting, which the
    public may see in full only once its agenda is published (``meeting_public``)."""

    title: str
    summary: str
    board: Board
    meeting: Meeting
    meeting_public: bool
    ratification_by: list[Organisation]  # empty when no ratification is needed
    proposal: Proposal | None = None
    entry: ForthcomingDecision | None = None
    contact: str = ""

    @property
    def key(self) -> str:
        return f"proposal-{self.proposal.pk}" if self.proposal else f"entry-{self.entry.pk if self.entry else 0}"


def _voting_organisations(board_ids: set[int], on: dt.date) -> dict[int, list[Organisation]]:
    """Each board's voting partner organisations on a date, in one query."""
    seats = (
        Membership.objects.current(on)
        .filter(board_id__in=board_ids, voting=True, role__in=SEATED_ROLES)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    found: dict[int, dict[int, Organisation]] = {}
    for seat in seats:
        found.setdefault(seat.board_id, {}).setdefault(seat.organisation_id, seat.organisation)
    return {board_id: list(orgs.values()) for board_id, orgs in found.items()}


def forward_plan(now: dt.datetime, *, partnership: Partnership | None = None) -> list[ForwardPlanRow]:
    """Decisions expected at meetings from today on, soonest first, in three queries:
    open public proposals whose round is at such a meeting, and listed forward plan
    entries whose expected meeting is announced or public."""
    start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    proposals = (
        Proposal.objects.public()
        .filter(status=states.OPEN, item__meeting__start__gte=start_of_today)
        .exclude(item__meeting__status=MeetingStatus.CANCELLED)
        .select_related("board__partnership", "item__meeting")
    )
    entries = (
        ForthcomingDecision.objects.listed()
        .filter(expected_meeting__start__gte=start_of_today)
        .filter(public_meeting_q("expected_meeting__") | announced_meeting_q("expected_meeting__"))
        .exclude(expected_meeting__status=MeetingStatus.CANCELLED)
        .select_related("board__partnership", "expected_meeting")
    )
    if partnership is not None:
        proposals = proposals.filter(board__partnership=partnership)
        entries = entries.filter(board__partnership=partnership)
    proposal_list, entry_list = list(proposals), list(entries)
    ratifying = _voting_organisations(
        {p.board_id for p in proposal_list if p.big_ticket} | {e.board_id for e in entry_list if e.needs_ratification},
        timezone.localdate(now),
    )
    rows = [
        ForwardPlanRow(
            title=p.title,
            summary=p.text,
            board=p.board,
            meeting=p.item.meeting,
            meeting_public=True,
            ratification_by=ratifying.get(p.board_id, []) if p.big_ticket else [],
            proposal=p,
        )
        for p in proposal_list
    ]
    rows += [
        ForwardPlanRow(
            title=e.title,
            summary=e.summary,
            board=e.board,
            meeting=e.expected_meeting,
            meeting_public=e.expected_meeting.is_public,
            ratification_by=ratifying.get(e.board_id, []) if e.needs_ratification else [],
            entry=e,
            contact=e.contact,
        )
        for e in entry_list
    ]
    rows.sort(key=lambda row: (row.meeting.start, row.board.name, row.title))
    return rows


def officer_forward_plan(partnerships: QuerySet[Partnership]) -> QuerySet[ForthcomingDecision]:
    """The forward plan entries of the partnerships an officer services, newest meetings last."""
    return (
        ForthcomingDecision.objects.filter(board__partnership__in=partnerships)
        .select_related("board__partnership", "expected_meeting", "proposal")
        .order_by("-withdrawn_at", "expected_meeting__start", "pk")
    )


def forthcoming_meeting_choices(partnerships: QuerySet[Partnership], now: dt.datetime) -> QuerySet[Meeting]:
    """Meetings a forward plan entry may be expected at: not cancelled, not yet held."""
    return (
        Meeting.objects.filter(board__partnership__in=partnerships, start__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("board__partnership")
        .order_by("start", "pk")
    )
