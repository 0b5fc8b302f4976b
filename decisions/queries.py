"""Read-side queries of the decisions pages: what the public may see, and the rows a
page shows, loaded with a fixed number of queries however many rounds, positions and
events there are (SPEC §6, §8 "Fast at real scale").

Nothing here changes state; every write goes through decisions/actions.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from meetings.models import Meeting
from partnerships.models import SEATED_ROLES, Membership, Organisation

from . import actions
from . import rules as engine
from .models import (
    SETTLED_STATUSES,
    Position,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    Ratification,
    Round,
)

OUTCOME_LABELS = {
    engine.AGREED_BY_CONSENSUS: "Agreed by consensus",
    engine.AGREED_BY_MAJORITY: "Agreed by majority",
    engine.NOT_AGREED: "Not agreed",
}

# How each event of the append-only history reads in the timeline (SPEC §5).
EVENT_TITLES = {
    "proposal_create": "Proposal put to the board",
    "round_close": "Round closed",
    "round_open": "New round opened",
    "defer": "Deferred",
    "escalate": "Escalated",
    "escalation_result": "Escalation result recorded",
    "refer": "Referred to the lead accountable body",
    "determine": "Determination recorded",
    "ratification_requested": "Ratification requested",
    "ratify": "Ratification recorded",
}


# ---------------------------------------------------------------------------
# What the public may see


def register_proposals() -> QuerySet[Proposal]:
    """The decisions register: public proposals settled one way or the other."""
    return Proposal.objects.public().filter(status__in=SETTLED_STATUSES)


def decisions_for_meeting(meeting: Meeting, *, public: bool = True) -> list[Proposal]:
    """The proposals put to a meeting (a round held there), for its minutes. Each has
    ``rounds_at_meeting`` (with ``outcome_label``) and its item and board loaded.
    ``public=False`` is for the partnership's officers: exempt items included."""
    proposals = Proposal.objects.filter(pk__in=Round.objects.filter(meeting=meeting).values("proposal_id"))
    if public:
        proposals = proposals.public()
    rounds_here = Round.objects.filter(meeting=meeting).order_by("number")
    result = list(
        proposals.select_related("item__meeting__board", "board")
        .prefetch_related(Prefetch("rounds", queryset=rounds_here, to_attr="rounds_at_meeting"))
        .order_by("item__meeting__start", "item__order", "created_at", "pk")
    )
    for proposal in result:
        for round in proposal.rounds_at_meeting:  # type: ignore[attr-defined]
            round.outcome_label = OUTCOME_LABELS.get(round.outcome, "Open for positions")
    return result


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


def voting_unit(proposal: Proposal) -> str:
    return proposal.mou.voting_unit if proposal.mou_id and proposal.mou else engine.VOTING_UNIT_ORGANISATION


def seat_voter(membership: Membership, unit: str) -> str:
    """The voter a seat records for, as actions.position_record decides it."""
    if not membership.voting or membership.role not in SEATED_ROLES:
        return f"advisory:{membership.pk}"
    return actions.voter_key(membership, unit)


def _member_name(membership: Membership) -> str:
    return f"{membership.person.name} ({membership.organisation.name})"


def _group(positions: Iterable[Position]) -> dict[str, VoterRow]:
    """Positions (oldest first) grouped by voter; the last one counts."""
    rows: dict[str, VoterRow] = {}
    for position in positions:
        if position.advisory:
            seat = position.membership
            name = f"{seat.person.name}, {seat.get_role_display().lower()} ({position.organisation.name})"
        elif position.voter.startswith("member:"):
            name = _member_name(position.membership)
        else:
            name = position.organisation.name
        row = rows.setdefault(position.voter, VoterRow(key=position.voter, name=name))
        if row.latest is not None:
            row.earlier.append(row.latest)
        row.latest = position
    return rows


def positions_prefetch() -> Prefetch:
    return Prefetch(
        "positions",
        queryset=Position.objects.select_related("organisation", "person", "membership__person").order_by(
            "recorded_at", "pk"
        ),
    )


def rounds_prefetch() -> Prefetch:
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
            seats = actions.voting_memberships(proposal.board_id, round.meeting.date)
            keys = sorted({actions.voter_key(m, unit) for m in seats})
            for seat in seats:
                names.setdefault(
                    actions.voter_key(seat, unit),
                    seat.organisation.name if unit != engine.VOTING_UNIT_MEMBER else _member_name(seat),
                )
        else:
            keys = list(round.voters or [])
        voters_of.append(keys)
    missing = {key for keys in voters_of for key in keys} - names.keys()
    org_ids = [int(k.split(":")[1]) for k in missing if k.startswith("org:")]
    member_ids = [int(k.split(":")[1]) for k in missing if k.startswith("member:")]
    if org_ids:
        for pk, name in Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name"):
            names[f"org:{pk}"] = name
    if member_ids:
        for seat in Membership.objects.filter(pk__in=member_ids).select_related("person", "organisation"):
            names[f"member:{seat.pk}"] = _member_name(seat)

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
                outcome_label=OUTCOME_LABELS.get(round.outcome, "Open for positions" if round.is_open else ""),
                counted=sorted(counted.values(), key=lambda row: row.name),
                advisory=sorted(
                    (row for row in rows.values() if row.latest and row.latest.advisory), key=lambda row: row.name
                ),
                tally=engine.tally(keys, latest),
                meeting_public=round.meeting.agenda_published_at is not None,
                minutes_public=round.meeting.minutes_published_at is not None,
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
        fallback = f"Allowed from round {rules.fallback_from_round} (003 §19): more than half of all voters consent"
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
