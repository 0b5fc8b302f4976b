"""The state machine of a proposal (SPEC §5). Pure Python: no Django, no database.

The table below is the only place that says which step may start from which status
and where it leads; ``after_round`` and ``after_ratification`` decide the statuses a
round's outcome and a partner's ratification lead to. decisions/actions.py applies
them (``require_transition``), and the officer's page offers ``allowed_steps`` only.

``VoterKey`` is the one way to build and read the voter of a position: a partner
organisation (``org:<id>``), a voting member (``member:<id>``) or an advisory seat
(``advisory:<membership id>``), whose view is shown but never counted (003 §22).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal, cast

from . import rules as engine

# ---------------------------------------------------------------------------
# Statuses and routes (mirrored by decisions.models.ProposalStatus and Route; a test
# keeps the two equal)

OPEN: Final = "open"
NO_CONSENSUS: Final = "no_consensus"
DEFERRED: Final = "deferred"
ESCALATED: Final = "escalated"
AGREED_BY_CONSENSUS: Final = "agreed_by_consensus"
AGREED_BY_MAJORITY: Final = "agreed_by_majority"
NOT_AGREED: Final = "not_agreed"
REFERRED: Final = "referred"
DETERMINED: Final = "determined"
AWAITING_RATIFICATION: Final = "awaiting_ratification"
IN_EFFECT: Final = "in_effect"
NOT_RATIFIED: Final = "not_ratified"

STATUSES: Final = (
    OPEN,
    NO_CONSENSUS,
    DEFERRED,
    ESCALATED,
    AGREED_BY_CONSENSUS,
    AGREED_BY_MAJORITY,
    NOT_AGREED,
    REFERRED,
    DETERMINED,
    AWAITING_RATIFICATION,
    IN_EFFECT,
    NOT_RATIFIED,
)
AGREED: Final = frozenset({AGREED_BY_CONSENSUS, AGREED_BY_MAJORITY})

ROUTE_CONSENSUS: Final = "consensus"
ROUTE_CONSENSUS_AFTER_ESCALATION: Final = "consensus_after_escalation"
ROUTE_MAJORITY: Final = "majority"
ROUTE_LEAD_BODY: Final = "lead_body"
ROUTE_NOT_AGREED: Final = "not_agreed"
ROUTES: Final = (
    ROUTE_CONSENSUS,
    ROUTE_CONSENSUS_AFTER_ESCALATION,
    ROUTE_MAJORITY,
    ROUTE_LEAD_BODY,
    ROUTE_NOT_AGREED,
)

# ---------------------------------------------------------------------------
# The steps an officer takes, and the table of transitions

ROUND_CLOSE: Final = "round_close"
ROUND_OPEN: Final = "round_open"
DEFER: Final = "defer"
ESCALATE: Final = "escalate"
ESCALATION_RESULT: Final = "escalation_result"
REFER: Final = "refer"
DETERMINE: Final = "determine"
RATIFY: Final = "ratify"

# The events of the history that are not officer steps.
PROPOSAL_CREATE: Final = "proposal_create"
RATIFICATION_REQUESTED: Final = "ratification_requested"


@dataclass(frozen=True)
class Transition:
    """A step, the statuses it may start from, and the status it leads to (None: decided
    by ``after_round`` or ``after_ratification``). ``label`` completes "You cannot ..."."""

    step: str
    sources: frozenset[str]
    target: str | None
    label: str


TRANSITIONS: Final[tuple[Transition, ...]] = (
    Transition(ROUND_CLOSE, frozenset({OPEN}), None, "close the round of"),
    # A further attempt at a later meeting (003 §19), after deferral or escalation too.
    Transition(ROUND_OPEN, frozenset({NO_CONSENSUS, DEFERRED, ESCALATED}), OPEN, "open a new round on"),
    # 000 §3: an option is always kept to defer a decision if more time is needed.
    Transition(DEFER, frozenset({NO_CONSENSUS}), DEFERRED, "defer"),
    # 003 §13: escalate to the escalation body named in the memorandum.
    Transition(ESCALATE, frozenset({NO_CONSENSUS, DEFERRED}), ESCALATED, "escalate"),
    Transition(ESCALATION_RESULT, frozenset({ESCALATED}), ESCALATED, "record the escalation result of"),
    # 003 §17: the lead accountable body keeps the final decision.
    Transition(REFER, frozenset({NO_CONSENSUS, ESCALATED, NOT_AGREED}), REFERRED, "refer"),
    Transition(DETERMINE, frozenset({REFERRED}), DETERMINED, "record a determination on"),
    # 000 §2A: a 'big ticket' decision is ratified by each partner's executive body.
    Transition(RATIFY, frozenset({AWAITING_RATIFICATION}), None, "record a ratification of"),
)
BY_STEP: Final[Mapping[str, Transition]] = {transition.step: transition for transition in TRANSITIONS}
STEPS: Final = tuple(BY_STEP)


def allowed_steps(status: str) -> list[str]:
    """The steps that may start from ``status``, in the order the officer's page offers them."""
    return [transition.step for transition in TRANSITIONS if status in transition.sources]


def missing_body(step: str, *, escalation_body: str, lead_accountable_body: str) -> str | None:
    """Why a step cannot be taken for want of the body it goes to, or None: escalation
    needs the escalation body the memorandum names (003 §13), referral the lead
    accountable body (003 §17)."""
    if step == ESCALATE and not escalation_body.strip():
        return "The memorandum names no escalation body, so the proposal cannot be escalated."
    if step == REFER and not lead_accountable_body.strip():
        return "No lead accountable body is named for this board, so the proposal cannot be referred."
    return None


def may(step: str, status: str) -> bool:
    return status in BY_STEP[step].sources


def refusal(step: str, status: str, status_label: str) -> str | None:
    """Why ``step`` cannot start from ``status`` (shown as ``status_label``), or None."""
    if may(step, status):
        return None
    return f"You cannot {BY_STEP[step].label} a proposal that is {status_label.lower()}."


def target(step: str) -> str:
    """The status a step with a fixed destination leads to."""
    destination = BY_STEP[step].target
    if destination is None:
        raise ValueError(f"The status after {step!r} depends on the outcome")
    return destination


# ---------------------------------------------------------------------------
# After a round closes, and after a ratification


def fallback_allowed(*, majority_fallback: bool, escalation_required: bool, escalated: bool) -> bool:
    """A memorandum may require escalation before the majority fallback (003 §13, §19)."""
    return majority_fallback and (escalated or not escalation_required)


@dataclass(frozen=True)
class RoundMove:
    """Where a round's outcome leaves the proposal. ``route`` None leaves the route as
    it is; ``then`` is a second move recorded straight after (awaiting ratification)."""

    status: str
    route: str | None
    decided: bool  # the proposal's decided_at becomes the time of closing
    takes_effect: bool  # its takes_effect_at too
    then: str | None = None


def after_round(
    outcome: str,
    *,
    fallback_allowed: bool,
    attempt: int,
    fallback_from_round: int,
    escalated: bool,
    big_ticket: bool,
) -> RoundMove:
    """The status, route and dates a round's outcome (rules.evaluate) leads to.
    ``attempt`` is the number of distinct meetings at which the proposal has been put
    (SPEC §9), which is what ``fallback_from_round`` counts."""
    if outcome not in engine.OUTCOMES:
        raise ValueError(f"Unknown outcome {outcome!r}")
    if attempt < 1:
        raise ValueError("attempt must be 1 or more")
    if outcome == engine.AGREED_BY_CONSENSUS or outcome == engine.AGREED_BY_MAJORITY:
        if outcome == engine.AGREED_BY_CONSENSUS:
            status, route = AGREED_BY_CONSENSUS, (ROUTE_CONSENSUS_AFTER_ESCALATION if escalated else ROUTE_CONSENSUS)
        else:
            status, route = AGREED_BY_MAJORITY, ROUTE_MAJORITY
        # 000 §2A: a 'big ticket' decision waits for every partner's executive body.
        return RoundMove(
            status, route, decided=True, takes_effect=not big_ticket, then=AWAITING_RATIFICATION if big_ticket else None
        )
    if fallback_allowed and attempt >= fallback_from_round:
        # Even the majority fallback failed: only referral remains (003 §17).
        return RoundMove(NOT_AGREED, ROUTE_NOT_AGREED, decided=True, takes_effect=False)
    return RoundMove(NO_CONSENSUS, None, decided=False, takes_effect=False)


def after_ratification(*, ratified: bool, all_ratified: bool) -> str:
    """A partner declining stops the decision; the last partner ratifying puts it in
    effect (000 §2A); otherwise it still awaits ratification."""
    if not ratified:
        return NOT_RATIFIED
    if all_ratified:
        return IN_EFFECT
    return AWAITING_RATIFICATION


# ---------------------------------------------------------------------------
# Voter keys

VoterKind = Literal["org", "member", "advisory"]
VOTER_KINDS: Final[tuple[VoterKind, ...]] = ("org", "member", "advisory")


@dataclass(frozen=True, order=True)
class VoterKey:
    """Who a position counts for: ``org:<organisation id>`` (one vote per partner),
    ``member:<membership id>`` (one vote per voting member) or ``advisory:<membership
    id>`` (a view shown, never counted)."""

    kind: VoterKind
    id: int

    def __post_init__(self) -> None:
        if self.kind not in VOTER_KINDS:
            raise ValueError(f"Unknown voter kind {self.kind!r}")
        if isinstance(self.id, bool) or not isinstance(self.id, int) or self.id < 1:
            raise ValueError(f"A voter id is a positive integer, not {self.id!r}")

    @classmethod
    def for_organisation(cls, organisation_id: int) -> VoterKey:
        return cls("org", organisation_id)

    @classmethod
    def for_member(cls, membership_id: int) -> VoterKey:
        return cls("member", membership_id)

    @classmethod
    def advisory(cls, membership_id: int) -> VoterKey:
        return cls("advisory", membership_id)

    @classmethod
    def for_seat(cls, *, organisation_id: int, membership_id: int, voting_unit: str, counted: bool) -> VoterKey:
        """The voter a seat records for: advisory unless it holds a counted vote, else
        its organisation or itself, as the memorandum's voting unit says."""
        if not counted:
            return cls.advisory(membership_id)
        if voting_unit == engine.VOTING_UNIT_MEMBER:
            return cls.for_member(membership_id)
        return cls.for_organisation(organisation_id)

    @classmethod
    def parse(cls, text: str) -> VoterKey:
        """``VoterKey.parse("org:12")``; ValueError for anything else."""
        kind, separator, number = text.partition(":")
        canonical = number.isascii() and number.isdigit() and str(int(number)) == number
        if not separator or kind not in VOTER_KINDS or not canonical:
            raise ValueError(f"Not a voter key: {text!r}")
        return cls(cast(VoterKind, kind), int(number))

    @property
    def is_advisory(self) -> bool:
        return self.kind == "advisory"

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"
