"""Who records a position for a seat (decisions/access.py): one pure rule on plain
values, used by position_record and the member's pages alike."""

from __future__ import annotations

import pytest

from decisions import actions
from decisions.access import SeatTie, seat_capacity
from decisions.models import Capacity

MEMBER, ORGANISATION = "Cllr Derek Hollins", "West Oxfordshire District Council"
PRESENT_MEMBER_REFUSAL = "only when Cllr Derek Hollins is absent or has withdrawn."

CASES = [
    # name, tie, capacity, refusal (a fragment; "" when allowed)
    ("the member", SeatTie(member=True, deputy=False, delegate=False, officer=False), Capacity.MEMBER, ""),
    (
        "the member who withdrew",
        SeatTie(member=True, deputy=False, delegate=False, officer=False, member_withdrew=True),
        Capacity.MEMBER,
        f"{MEMBER} declared an interest and withdrew",
    ),
    (
        "the deputy while the member is there",
        SeatTie(member=False, deputy=True, delegate=False, officer=False),
        Capacity.DEPUTY,
        "As deputy you can record a position " + PRESENT_MEMBER_REFUSAL,
    ),
    (
        "the deputy while the member is away",
        SeatTie(member=False, deputy=True, delegate=False, officer=False, member_away=True),
        Capacity.DEPUTY,
        "",
    ),
    (
        "the deputy when the member withdrew",
        SeatTie(member=False, deputy=True, delegate=False, officer=False, member_withdrew=True),
        Capacity.DEPUTY,
        "",
    ),
    (
        "a delegate while the member is there",
        SeatTie(member=False, deputy=False, delegate=True, officer=False),
        Capacity.DELEGATE,
        "As delegate you can record a position " + PRESENT_MEMBER_REFUSAL,
    ),
    (
        "a delegate while the member is away",
        SeatTie(member=False, deputy=False, delegate=True, officer=False, member_away=True),
        Capacity.DELEGATE,
        "",
    ),
    (
        "an officer of the partnership, for the member",
        SeatTie(member=False, deputy=False, delegate=False, officer=True),
        Capacity.OFFICER,
        "",
    ),
    (
        "the deputy who declared an interest of their own",
        SeatTie(member=False, deputy=True, delegate=False, officer=False, member_away=True, self_withdrew=True),
        Capacity.DEPUTY,
        "declared an interest of your own and withdrew",
    ),
    (
        "the member of a seat other than the organisation's lead seat",
        SeatTie(member=True, deputy=False, delegate=False, officer=False, lead_holder="Dr Ann Lead"),
        Capacity.MEMBER,
        "recorded through its lead seat, held by Dr Ann Lead",
    ),
    (
        "an officer for a seat other than the lead seat",
        SeatTie(member=False, deputy=False, delegate=False, officer=True, lead_holder="Dr Ann Lead"),
        None,
        "recorded through its lead seat",
    ),
    (
        "anyone else",
        SeatTie(member=False, deputy=False, delegate=False, officer=False),
        None,
        "You cannot record a position for West Oxfordshire District Council.",
    ),
]


@pytest.mark.parametrize(("tie", "capacity", "refusal"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_seat_capacity(tie: SeatTie, capacity: str | None, refusal: str) -> None:
    result = seat_capacity(tie, member_name=MEMBER, organisation_name=ORGANISATION)
    assert result.capacity == capacity
    assert (refusal in result.refusal) if refusal else result.refusal == ""
    assert result.allowed is (not refusal)


def test_the_member_outranks_an_officer_tie() -> None:
    tie = SeatTie(member=True, deputy=False, delegate=False, officer=True, member_withdrew=True)
    assert seat_capacity(tie, member_name=MEMBER, organisation_name=ORGANISATION).refusal


def test_an_officer_records_for_a_member_and_the_page_names_the_capacity(body) -> None:
    proposal = actions.proposal_create(body.item, title="Strategy", text="Approve.", by=body.officer)
    seat = next(iter(body.memberships.values()))
    position = actions.position_record(proposal.rounds.get(), seat, value="consent", by=body.officer)
    # Stated by the member at the meeting, recorded by the officer.
    assert (position.capacity, position.person_id, position.recorded_by) == (
        Capacity.MEMBER,
        seat.person_id,
        body.officer,
    )
