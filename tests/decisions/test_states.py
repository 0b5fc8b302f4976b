"""The proposal state machine (decisions/states.py): pure, table-driven, with hypothesis
properties; and its mirror in the models."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions import rules as engine
from decisions import states
from decisions.models import ProposalStatus, Route
from decisions.states import VoterKey


def test_the_status_constants_mirror_the_model_choices() -> None:
    assert list(states.STATUSES) == ProposalStatus.values
    assert list(states.ROUTES) == Route.values


def test_every_step_starts_and_ends_at_a_known_status() -> None:
    for transition in states.TRANSITIONS:
        assert transition.sources <= set(states.STATUSES)
        assert transition.target is None or transition.target in states.STATUSES
    assert len(states.BY_STEP) == len(states.TRANSITIONS)


def test_the_officer_pages_offer_one_page_per_step() -> None:
    from decisions.views.officer import STEP_PAGES

    assert set(STEP_PAGES) == set(states.STEPS)


# ---------------------------------------------------------------------------
# Which steps each status allows (SPEC §5)

ALLOWED = [
    ("open: only closing the round", states.OPEN, [states.ROUND_CLOSE]),
    (
        "no consensus: a new round, defer, escalate or refer",
        states.NO_CONSENSUS,
        [states.ROUND_OPEN, states.DEFER, states.ESCALATE, states.REFER],
    ),
    ("deferred: a new round or escalate", states.DEFERRED, [states.ROUND_OPEN, states.ESCALATE]),
    (
        "escalated: a new round, the result or refer",
        states.ESCALATED,
        [states.ROUND_OPEN, states.ESCALATION_RESULT, states.REFER],
    ),
    ("not agreed after the fallback: only referral (003 §17)", states.NOT_AGREED, [states.REFER]),
    ("referred: the determination", states.REFERRED, [states.DETERMINE]),
    ("awaiting ratification: ratify (000 §2A)", states.AWAITING_RATIFICATION, [states.RATIFY]),
    ("agreed by consensus: settled", states.AGREED_BY_CONSENSUS, []),
    ("agreed by majority: settled", states.AGREED_BY_MAJORITY, []),
    ("determined: settled", states.DETERMINED, []),
    ("in effect: settled", states.IN_EFFECT, []),
    ("not ratified: settled", states.NOT_RATIFIED, []),
]


@pytest.mark.parametrize(("status", "steps"), [row[1:] for row in ALLOWED], ids=[row[0] for row in ALLOWED])
def test_allowed_steps(status: str, steps: list[str]) -> None:
    assert states.allowed_steps(status) == steps


def test_every_status_is_in_the_table_of_allowed_steps() -> None:
    assert {row[1] for row in ALLOWED} == set(states.STATUSES)


def test_a_refused_step_says_what_and_from_which_status() -> None:
    assert states.refusal(states.REFER, states.OPEN, "Open for positions") == (
        "You cannot refer a proposal that is open for positions."
    )
    assert states.refusal(states.REFER, states.NO_CONSENSUS, "No consensus") is None


@given(st.sampled_from(states.STEPS), st.sampled_from(states.STATUSES))
def test_refusal_and_allowed_steps_agree(step: str, status: str) -> None:
    assert (states.refusal(step, status, status) is None) == (step in states.allowed_steps(status))


# ---------------------------------------------------------------------------
# After a round (003 §11-§22, 000 §2A)

AFTER_ROUND = [
    # name, outcome, fallback allowed, round, fallback from, escalated, big ticket -> status, route, decided, effect, then
    (
        "consensus",
        engine.AGREED_BY_CONSENSUS,
        False,
        1,
        2,
        False,
        False,
        (states.AGREED_BY_CONSENSUS, states.ROUTE_CONSENSUS, True, True, None),
    ),
    (
        "consensus after escalation (003 §13)",
        engine.AGREED_BY_CONSENSUS,
        False,
        2,
        2,
        True,
        False,
        (states.AGREED_BY_CONSENSUS, states.ROUTE_CONSENSUS_AFTER_ESCALATION, True, True, None),
    ),
    (
        "majority at the second meeting (003 §19)",
        engine.AGREED_BY_MAJORITY,
        True,
        2,
        2,
        False,
        False,
        (states.AGREED_BY_MAJORITY, states.ROUTE_MAJORITY, True, True, None),
    ),
    (
        "big ticket waits for ratification (000 §2A)",
        engine.AGREED_BY_CONSENSUS,
        False,
        1,
        2,
        False,
        True,
        (states.AGREED_BY_CONSENSUS, states.ROUTE_CONSENSUS, True, False, states.AWAITING_RATIFICATION),
    ),
    (
        "no consensus without a fallback (003 §11)",
        engine.NOT_AGREED,
        False,
        2,
        2,
        False,
        False,
        (states.NO_CONSENSUS, None, False, False, None),
    ),
    (
        "no consensus before the fallback's round",
        engine.NOT_AGREED,
        True,
        1,
        2,
        False,
        False,
        (states.NO_CONSENSUS, None, False, False, None),
    ),
    (
        "the fallback failed too: not agreed",
        engine.NOT_AGREED,
        True,
        2,
        2,
        False,
        False,
        (states.NOT_AGREED, states.ROUTE_NOT_AGREED, True, False, None),
    ),
]


@pytest.mark.parametrize(
    ("outcome", "fallback", "number", "from_round", "escalated", "big_ticket", "expected"),
    [row[1:] for row in AFTER_ROUND],
    ids=[row[0] for row in AFTER_ROUND],
)
def test_after_round(
    outcome: str, fallback: bool, number: int, from_round: int, escalated: bool, big_ticket: bool, expected: tuple
) -> None:
    move = states.after_round(
        outcome,
        fallback_allowed=fallback,
        attempt=number,
        fallback_from_round=from_round,
        escalated=escalated,
        big_ticket=big_ticket,
    )
    assert (move.status, move.route, move.decided, move.takes_effect, move.then) == expected


@pytest.mark.parametrize(
    ("majority_fallback", "escalation_required", "escalated", "allowed"),
    [
        (False, False, False, False),
        (False, True, True, False),
        (True, False, False, True),
        (True, True, False, False),  # escalation first
        (True, True, True, True),
    ],
)
def test_fallback_allowed(majority_fallback: bool, escalation_required: bool, escalated: bool, allowed: bool) -> None:
    assert (
        states.fallback_allowed(
            majority_fallback=majority_fallback, escalation_required=escalation_required, escalated=escalated
        )
        is allowed
    )


@given(
    st.sampled_from(engine.OUTCOMES),
    st.booleans(),
    st.integers(1, 10),
    st.integers(1, 10),
    st.booleans(),
    st.booleans(),
)
def test_after_round_properties(
    outcome: str, fallback: bool, number: int, from_round: int, escalated: bool, big_ticket: bool
) -> None:
    move = states.after_round(
        outcome,
        fallback_allowed=fallback,
        attempt=number,
        fallback_from_round=from_round,
        escalated=escalated,
        big_ticket=big_ticket,
    )
    # The closing step may lead there, and the next step starts from where it leads.
    assert move.status in states.STATUSES
    assert (move.status in states.AGREED) == (outcome != engine.NOT_AGREED)
    # Only an agreed big ticket waits for ratification, and it takes effect only then.
    assert (move.then == states.AWAITING_RATIFICATION) == (move.status in states.AGREED and big_ticket)
    assert move.takes_effect == (move.status in states.AGREED and not big_ticket)
    # A settled proposal has a route and a date; a proposal still in dispute has neither.
    assert move.decided == (move.status != states.NO_CONSENSUS) == (move.route is not None)
    if move.status == states.NO_CONSENSUS:
        assert states.allowed_steps(move.status)


@pytest.mark.parametrize(
    ("ratified", "all_ratified", "status"),
    [
        (False, False, states.NOT_RATIFIED),
        (False, True, states.NOT_RATIFIED),
        (True, False, states.AWAITING_RATIFICATION),
        (True, True, states.IN_EFFECT),
    ],
)
def test_after_ratification(ratified: bool, all_ratified: bool, status: str) -> None:
    assert states.after_ratification(ratified=ratified, all_ratified=all_ratified) == status


def test_a_step_whose_status_depends_on_the_outcome_has_no_fixed_target() -> None:
    assert states.target(states.DEFER) == states.DEFERRED
    with pytest.raises(ValueError):
        states.target(states.ROUND_CLOSE)
    with pytest.raises(ValueError):
        states.after_round(
            "maybe", fallback_allowed=False, attempt=1, fallback_from_round=2, escalated=False, big_ticket=False
        )


# ---------------------------------------------------------------------------
# Voter keys


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (VoterKey.for_organisation(12), "org:12"),
        (VoterKey.for_member(7), "member:7"),
        (VoterKey.advisory(3), "advisory:3"),
    ],
)
def test_voter_keys_read_and_write_one_way(key: VoterKey, text: str) -> None:
    assert str(key) == text
    assert VoterKey.parse(text) == key


@pytest.mark.parametrize(
    ("unit", "counted", "text"),
    [
        (engine.VOTING_UNIT_ORGANISATION, True, "org:5"),
        (engine.VOTING_UNIT_MEMBER, True, "member:9"),
        (engine.VOTING_UNIT_ORGANISATION, False, "advisory:9"),
        (engine.VOTING_UNIT_MEMBER, False, "advisory:9"),
    ],
)
def test_the_voter_of_a_seat(unit: str, counted: bool, text: str) -> None:
    key = VoterKey.for_seat(organisation_id=5, membership_id=9, voting_unit=unit, counted=counted)
    assert str(key) == text
    assert key.is_advisory is not counted


@pytest.mark.parametrize("text", ["", "org", "org:", "org:x", "org:-1", "org:0", "org:012", "team:1", "org:1:2", "1"])
def test_anything_else_is_not_a_voter_key(text: str) -> None:
    with pytest.raises(ValueError):
        VoterKey.parse(text)


@given(st.sampled_from(states.VOTER_KINDS), st.integers(min_value=1, max_value=10**12))
def test_voter_keys_round_trip(kind: states.VoterKind, number: int) -> None:
    key = VoterKey(kind, number)
    assert VoterKey.parse(str(key)) == key
    assert hash(VoterKey.parse(str(key))) == hash(key)


@given(st.text(max_size=20))
def test_parse_accepts_only_what_str_writes(text: str) -> None:
    try:
        key = VoterKey.parse(text)
    except ValueError:
        return
    assert str(key) == text
