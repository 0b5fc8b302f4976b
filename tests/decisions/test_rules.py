"""The decision rules engine (SPEC §9) against the Supporting People disputes (003 §12-17)."""

from collections.abc import Mapping

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from decisions.rules import (
    AGREED_BY_CONSENSUS,
    AGREED_BY_MAJORITY,
    NOT_AGREED,
    DecisionRules,
    blocking_voters,
    evaluate,
    tally,
)

# The eight commissioning partners of the Supporting People MoU (003 §7, §22).
PARTNERS = (
    "Oxfordshire County Council",
    "Oxford City Council",
    "Cherwell District Council",
    "South Oxfordshire District Council",
    "Vale of White Horse District Council",
    "West Oxfordshire District Council",
    "Oxfordshire Primary Care Trust",
    "Thames Valley Probation",
)

# 003 §11: the 2004 MoU — all decisions need the active consent of all eight.
MOU_2004 = DecisionRules(active_consent=True)
# 003 §19: a majority decision at a second meeting if unanimity fails again.
PROPOSED_19 = DecisionRules(active_consent=True, majority_fallback=True, fallback_from_round=2)
# 003 §22 (County Council): majority voting, limiting the minority against to one vote.
PROPOSED_22 = DecisionRules(active_consent=True, majority_fallback=True, fallback_from_round=2, max_minority=1)


def all_but(objector: str, position: str = "object") -> Mapping[str, str]:
    return {p: (position if p == objector else "consent") for p in PARTNERS}


WODC = "West Oxfordshire District Council"
CHERWELL = "Cherwell District Council"


@pytest.mark.parametrize(
    ("scenario", "rules", "positions", "round", "outcome"),
    [
        # 24 November 2004: West Oxfordshire objects to the Strategy 2004-09 (resident wardens).
        ("2004 first meeting, 2004 MoU", MOU_2004, all_but(WODC), 1, NOT_AGREED),
        # 003 §14: a unanimous vote at a subsequent meeting on an amended proposal.
        ("2004 amended proposal, 2004 MoU", MOU_2004, all_but(WODC, "consent"), 2, AGREED_BY_CONSENSUS),
        # 6 October 2005: Cherwell objects; escalated to the Chief Executives, compromise (003 §13).
        ("2005 first meeting, 2004 MoU", MOU_2004, all_but(CHERWELL), 1, NOT_AGREED),
        ("2005 after compromise, 2004 MoU", MOU_2004, all_but(CHERWELL, "consent"), 2, AGREED_BY_CONSENSUS),
        # 11 July 2008: West Oxfordshire objects; escalation changes nothing (003 §16).
        ("2008 first meeting, 2004 MoU", MOU_2004, all_but(WODC), 1, NOT_AGREED),
        # Under the 2004 MoU a second meeting still cannot agree: the County Chief
        # Executive had to approve the majority decision (003 §17).
        ("2008 second meeting, 2004 MoU", MOU_2004, all_but(WODC), 2, NOT_AGREED),
        # Under 003 §19 the first meeting still needs unanimity ...
        ("2008 first meeting, §19 rules", PROPOSED_19, all_but(WODC), 1, NOT_AGREED),
        # ... and the second meeting decides by majority, 7 to 1.
        ("2008 second meeting, §19 rules", PROPOSED_19, all_but(WODC), 2, AGREED_BY_MAJORITY),
        # Under 003 §22 a minority of one does not block the majority.
        ("2008 second meeting, §22 rules", PROPOSED_22, all_but(WODC), 2, AGREED_BY_MAJORITY),
        # 2004 and 2005 under the amended rules: the compromise still gives consensus.
        ("2005 after compromise, §22 rules", PROPOSED_22, all_but(CHERWELL, "consent"), 2, AGREED_BY_CONSENSUS),
        # Active consent: an abstention or an absence blocks consensus (003 §11).
        ("abstention blocks, 2004 MoU", MOU_2004, all_but(WODC, "abstain"), 1, NOT_AGREED),
        ("absence blocks, 2004 MoU", MOU_2004, {p: "consent" for p in PARTNERS[:-1]}, 1, NOT_AGREED),
    ],
)
def test_supporting_people_disputes(scenario, rules, positions, round, outcome):
    assert evaluate(rules, PARTNERS, positions, round) == outcome, scenario


def test_two_objectors_exceed_the_minority_cap_of_003_22():
    positions = {**all_but(WODC), CHERWELL: "object"}
    assert evaluate(PROPOSED_22, PARTNERS, positions, 2) == NOT_AGREED
    assert evaluate(PROPOSED_19, PARTNERS, positions, 2) == AGREED_BY_MAJORITY  # 6 of 8


def test_majority_is_of_all_voters_not_of_those_present():
    # Four consents of eight is not more than half, however few attend.
    positions = {p: "consent" for p in PARTNERS[:4]}
    assert evaluate(PROPOSED_19, PARTNERS, positions, 2) == NOT_AGREED
    positions[PARTNERS[4]] = "consent"
    assert evaluate(PROPOSED_19, PARTNERS, positions, 2) == AGREED_BY_MAJORITY


def test_without_active_consent_silence_is_not_an_objection():
    rules = DecisionRules(active_consent=False)
    positions = {p: "consent" for p in PARTNERS[:5]}
    positions[PARTNERS[5]] = "abstain"
    assert evaluate(rules, PARTNERS, positions, 1) == AGREED_BY_CONSENSUS
    assert evaluate(rules, PARTNERS, {**positions, PARTNERS[6]: "object"}, 1) == NOT_AGREED


def test_quorum_applies_without_active_consent():
    rules = DecisionRules(active_consent=False, quorum=6)
    positions = {p: "consent" for p in PARTNERS[:5]}
    assert evaluate(rules, PARTNERS, positions, 1) == NOT_AGREED
    assert evaluate(rules, PARTNERS, {**positions, PARTNERS[5]: "abstain"}, 1) == AGREED_BY_CONSENSUS


def test_advisory_views_are_ignored():
    # 003 §22: service users take part on a no-vote basis.
    positions = {**all_but(WODC, "consent"), "Service user representative": "object"}
    assert evaluate(MOU_2004, PARTNERS, positions, 1) == AGREED_BY_CONSENSUS
    assert tally(PARTNERS, positions).objections == 0


def test_blocking_voters_explain_the_outcome():
    positions = {**all_but(WODC), CHERWELL: "abstain"}
    del positions["Thames Valley Probation"]
    assert blocking_voters(MOU_2004, PARTNERS, positions) == [CHERWELL, "Thames Valley Probation", WODC]
    assert blocking_voters(DecisionRules(active_consent=False), PARTNERS, positions) == [WODC]


@pytest.mark.parametrize(
    "bad",
    [
        lambda: evaluate(MOU_2004, PARTNERS, {WODC: "maybe"}, 1),
        lambda: evaluate(MOU_2004, PARTNERS, {}, 0),
        lambda: DecisionRules(fallback_from_round=0),
        lambda: DecisionRules(max_minority=-1),
        lambda: DecisionRules(voting_unit="parish"),
    ],
)
def test_bad_inputs_are_refused(bad):
    with pytest.raises(ValueError):
        bad()


def test_no_voters_means_nothing_is_agreed():
    assert evaluate(MOU_2004, [], {}, 1) == NOT_AGREED


# --- properties -------------------------------------------------------------

voter_names = st.lists(st.text(alphabet="ABCDEFGH", min_size=1, max_size=3), min_size=1, max_size=10, unique=True)
position_values = st.sampled_from(["consent", "object", "abstain", None])
rule_sets = st.builds(
    DecisionRules,
    active_consent=st.booleans(),
    majority_fallback=st.booleans(),
    fallback_from_round=st.integers(1, 4),
    max_minority=st.one_of(st.none(), st.integers(0, 4)),
    quorum=st.one_of(st.none(), st.integers(1, 10)),
)


@st.composite
def scenarios(draw):
    voters = draw(voter_names)
    positions = {}
    for voter in voters:
        value = draw(position_values)
        if value is not None:
            positions[voter] = value
    return draw(rule_sets), voters, positions, draw(st.integers(1, 5))


@given(scenarios(), st.data())
def test_one_objection_always_prevents_consensus(scenario, data):
    rules, voters, positions, round = scenario
    objector = data.draw(st.sampled_from(voters))
    positions = {**positions, objector: "object"}
    assert evaluate(rules, voters, positions, round) != AGREED_BY_CONSENSUS


@given(scenarios(), st.data())
def test_turning_an_objection_into_consent_never_loses_agreement(scenario, data):
    rules, voters, positions, round = scenario
    objectors = [v for v, p in positions.items() if p == "object"]
    assume(objectors)
    objector = data.draw(st.sampled_from(objectors))
    before = evaluate(rules, voters, positions, round)
    after = evaluate(rules, voters, {**positions, objector: "consent"}, round)
    if before != NOT_AGREED:
        assert after != NOT_AGREED


@given(scenarios(), st.dictionaries(st.text(alphabet="xyz", min_size=4, max_size=6), position_values.filter(bool)))
def test_advisory_views_never_change_the_outcome(scenario, advisory):
    rules, voters, positions, round = scenario
    assert evaluate(rules, voters, {**advisory, **positions}, round) == evaluate(rules, voters, positions, round)


@given(scenarios())
def test_the_minority_cap_is_respected(scenario):
    rules, voters, positions, round = scenario
    if evaluate(rules, voters, positions, round) == AGREED_BY_MAJORITY:
        objections = sum(1 for v, p in positions.items() if p == "object")
        assert rules.majority_fallback and round >= rules.fallback_from_round
        assert rules.max_minority is None or objections <= rules.max_minority
        assert sum(1 for p in positions.values() if p == "consent") * 2 > len(voters)


@given(scenarios())
def test_no_majority_before_the_fallback_round(scenario):
    rules, voters, positions, round = scenario
    if round < rules.fallback_from_round or not rules.majority_fallback:
        assert evaluate(rules, voters, positions, round) != AGREED_BY_MAJORITY
