"""The decision rules engine (SPEC §5, §9). Pure Python: no Django, no database.

A round is one attempt at a meeting to decide a proposal. Its outcome follows from
the rules of the board's effective memorandum and the positions recorded:

- 003 §11: the 2004 Supporting People MoU requires the *active consent* of all
  eight commissioning partners, so absence and abstention block consensus;
- without active consent, consensus is the absence of objection with more than
  half of all voters consenting;
- 003 §19: a majority may decide if a *second* meeting again fails to agree;
- 003 §22: a variant limits the minority against to one vote.

Escalation and referral to the lead accountable body are routes taken around
`evaluate()`, not inputs to it (SPEC §9).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

CONSENT = "consent"
OBJECT = "object"
ABSTAIN = "abstain"
POSITIONS = (CONSENT, OBJECT, ABSTAIN)

AGREED_BY_CONSENSUS = "agreed_by_consensus"
AGREED_BY_MAJORITY = "agreed_by_majority"
NOT_AGREED = "not_agreed"
OUTCOMES = (AGREED_BY_CONSENSUS, AGREED_BY_MAJORITY, NOT_AGREED)

VOTING_UNIT_ORGANISATION = "organisation"
VOTING_UNIT_MEMBER = "member"


@dataclass(frozen=True)
class DecisionRules:
    active_consent: bool = True  # every voter must consent; absence/abstention blocks
    majority_fallback: bool = False
    fallback_from_round: int = 2  # the round (meeting attempt) from which a majority may decide
    max_minority: int | None = None  # with the fallback: at most this many objections
    # Further fields, each with a default that leaves evaluate() as specified.
    quorum: int | None = None  # without active consent: at least this many voters must take part
    voting_unit: str = VOTING_UNIT_ORGANISATION  # one vote per partner organisation, or per voting member
    escalation_required: bool = False  # escalation must be tried before the majority fallback
    escalation_body: str = ""  # e.g. "the Oxfordshire local authority Chief Executives" (003 §13)
    lead_accountable_body: str = ""  # decides when all else fails (003 §17)

    def __post_init__(self) -> None:
        if self.fallback_from_round < 1:
            raise ValueError("fallback_from_round must be 1 or more")
        if self.max_minority is not None and self.max_minority < 0:
            raise ValueError("max_minority must not be negative")
        if self.quorum is not None and self.quorum < 1:
            raise ValueError("quorum must be 1 or more")
        if self.voting_unit not in (VOTING_UNIT_ORGANISATION, VOTING_UNIT_MEMBER):
            raise ValueError(f"Unknown voting unit {self.voting_unit!r}")


@dataclass(frozen=True)
class Tally:
    voters: int
    consents: int
    objections: int
    abstentions: int

    @property
    def absent(self) -> int:
        return self.voters - self.consents - self.objections - self.abstentions

    @property
    def taking_part(self) -> int:
        return self.consents + self.objections + self.abstentions

    @property
    def consent_majority(self) -> bool:
        """More than half of all voters (not only of those present) consent."""
        return self.consents * 2 > self.voters


def tally(voters: Collection[str], positions: Mapping[str, str]) -> Tally:
    """Count the positions of those who hold a vote; advisory views are ignored."""
    voter_set = set(voters)
    counted = [position for voter, position in positions.items() if voter in voter_set]
    for position in counted:
        if position not in POSITIONS:
            raise ValueError(f"Unknown position {position!r}: use consent, object or abstain")
    return Tally(
        voters=len(voter_set),
        consents=counted.count(CONSENT),
        objections=counted.count(OBJECT),
        abstentions=counted.count(ABSTAIN),
    )


def evaluate(rules: DecisionRules, voters: Collection[str], positions: Mapping[str, str], round: int) -> str:
    """Outcome of one round. voters: who holds a vote; positions: voter -> "consent" |
    "object" | "abstain" (missing = absent; keys outside voters are advisory and ignored).
    Returns "agreed_by_consensus", "agreed_by_majority" or "not_agreed".
    Consensus with active_consent: every voter consents. Without it: no voter objects
    and more than half of all voters consent. Majority (only with majority_fallback,
    from fallback_from_round on, when consensus fails): more than half of all voters
    consent and, if max_minority is set, objections <= max_minority."""
    if round < 1:
        raise ValueError("round must be 1 or more")
    counts = tally(voters, positions)
    if counts.voters == 0:
        return NOT_AGREED  # nobody holds a vote, so nobody can agree
    if _consensus(rules, counts):
        return AGREED_BY_CONSENSUS
    if rules.majority_fallback and round >= rules.fallback_from_round and counts.consent_majority:
        if rules.max_minority is None or counts.objections <= rules.max_minority:
            return AGREED_BY_MAJORITY
    return NOT_AGREED


def _consensus(rules: DecisionRules, counts: Tally) -> bool:
    if rules.active_consent:
        return counts.consents == counts.voters
    if rules.quorum is not None and counts.taking_part < rules.quorum:
        return False
    return counts.objections == 0 and counts.consent_majority


def blocking_voters(rules: DecisionRules, voters: Collection[str], positions: Mapping[str, str]) -> list[str]:
    """Who stands in the way of consensus: objectors, and with active consent also
    those who abstained or were absent (003 §11). For explaining an outcome."""
    blockers = []
    for voter in sorted(set(voters)):
        position = positions.get(voter)
        if position == OBJECT or (rules.active_consent and position != CONSENT):
            blockers.append(voter)
    return blockers


def rule_errors(rules: DecisionRules) -> dict[str, str]:
    """What is wrong with a combination of rules, by field (the memorandum's field
    names), as sentences for the reader; empty when the rules hold together. The one
    rule: the memorandum's ``clean()`` calls it, so its form and ``mou_create`` refuse
    the same combinations. Single values out of range are refused by ``DecisionRules``
    itself."""
    errors: dict[str, str] = {}
    if rules.max_minority is not None and not rules.majority_fallback:
        # 003 §22: the cap limits the minority against a *majority* decision.
        errors["max_minority"] = "A limit on objections applies only when a majority may decide"
    if rules.escalation_required and not rules.escalation_body.strip():
        # 003 §13: escalation goes to a named body (the Chief Executives).
        errors["escalation_body"] = "Enter who the disagreement is escalated to"
    if rules.quorum is not None and rules.active_consent:
        # With active consent every voter must consent: a quorum has nothing to add.
        errors["quorum"] = "A quorum applies only when decisions do not need the active consent of every voter"
    return errors
