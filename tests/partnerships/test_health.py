"""Board health (001 principle 3) and the layer norms of 001: pure, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from partnerships.health import BoardHealth, board_health
from partnerships.models import LAYER_NORMS, Board, Deputyship, Layer, Membership, MembershipRole, Person

DAY = dt.date(2024, 6, 3)
SEATED_FROM = dt.date(2020, 4, 1)


def give_deputies(membership: Membership, *deputyships: Deputyship) -> None:
    """The seat's deputyships as a prefetch leaves them (no database: the seats are unsaved)."""
    membership._prefetched_objects_cache = {"deputyships": list(deputyships)}


def deputyship(start: dt.date = SEATED_FROM, end: dt.date | None = None) -> Deputyship:
    return Deputyship(person=Person(name="A deputy"), start_date=start, end_date=end)


def seats(*roles: str, deputy: bool = False) -> list[Membership]:
    """Unsaved memberships with the given roles, each with a deputy in force when ``deputy``."""
    memberships = [Membership(pk=1000 + i, role=role, start_date=SEATED_FROM) for i, role in enumerate(roles)]
    for membership in memberships:
        give_deputies(membership, *([deputyship()] if deputy else []))
    return memberships


# ---------------------------------------------------------------------------
# BoardHealth.size_status and optimum_label


@pytest.mark.parametrize(
    ("size", "low", "high", "status"),
    [
        (11, 12, 15, "below"),
        (12, 12, 15, "within"),
        (15, 12, 15, "within"),
        (16, 12, 15, "above"),
        (0, None, None, "no_norm"),
        (500, None, None, "no_norm"),
        (3, 4, None, "below"),
        (400, 4, None, "within"),
        (0, None, 10, "within"),
        (11, None, 10, "above"),
        (8, 8, 8, "within"),
    ],
)
def test_size_status_compares_the_size_with_the_optimum_range(size, low, high, status):
    assert BoardHealth(size=size, optimum_min=low, optimum_max=high).size_status == status


@pytest.mark.parametrize(
    ("low", "high", "label"),
    [
        (12, 15, "12 to 15"),
        (8, 8, "8"),
        (None, None, "no set size"),
        (None, 10, "up to 10"),
        (4, None, "at least 4"),
    ],
)
def test_optimum_label_reads_as_words(low, high, label):
    assert BoardHealth(size=0, optimum_min=low, optimum_max=high).optimum_label == label


# ---------------------------------------------------------------------------
# board_health


def test_board_health_counts_only_seated_roles():
    board = Board(layer=Layer.THEMATIC_GROUP)
    memberships = seats(
        MembershipRole.CHAIR,
        MembershipRole.CO_CHAIR,
        MembershipRole.MEMBER,
        MembershipRole.USER_REPRESENTATIVE,
        MembershipRole.PROVIDER_REPRESENTATIVE,
        MembershipRole.OFFICER,
        MembershipRole.OBSERVER,
        MembershipRole.OBSERVER,
    )
    health = board_health(board, memberships, on=DAY)
    assert health.size == 5
    assert health.size_status == "below"  # thematic group: 8 to 10


def test_officers_and_observers_without_a_deputy_are_not_listed_as_seats_without_a_deputy():
    chair, member, officer, observer = seats(
        MembershipRole.CHAIR, MembershipRole.MEMBER, MembershipRole.OFFICER, MembershipRole.OBSERVER
    )
    give_deputies(member, deputyship())
    health = board_health(Board(layer=Layer.BOARD), [chair, member, officer, observer], on=DAY)
    assert health.seats_without_deputy == [chair]


def test_a_seat_whose_deputy_has_ended_or_not_yet_started_has_no_deputy_on_the_day():
    ended, future, current = seats(MembershipRole.MEMBER, MembershipRole.MEMBER, MembershipRole.MEMBER)
    give_deputies(ended, deputyship(end=DAY - dt.timedelta(days=1)))
    give_deputies(future, deputyship(start=DAY + dt.timedelta(days=1)))
    give_deputies(current, deputyship(end=DAY - dt.timedelta(days=30)), deputyship(start=DAY - dt.timedelta(days=29)))
    health = board_health(Board(layer=Layer.BOARD), [ended, future, current], on=DAY)
    assert health.seats_without_deputy == [ended, future]


def test_board_health_takes_optimum_and_meetings_from_the_layer_norm():
    health = board_health(Board(layer=Layer.BOARD), seats(*[MembershipRole.MEMBER] * 16, deputy=True), on=DAY)
    assert (health.optimum_min, health.optimum_max) == (12, 15)
    assert health.meetings_expected_per_year == 2
    assert health.size == 16
    assert health.size_status == "above"
    assert health.seats_without_deputy == []


def test_board_health_uses_the_boards_own_optimum_when_set():
    board = Board(layer=Layer.BOARD, optimum_size_min=3, optimum_size_max=5, expected_meetings_per_year=12)
    health = board_health(board, seats(*[MembershipRole.MEMBER] * 4), on=DAY)
    assert (health.optimum_min, health.optimum_max, health.size_status) == (3, 5, "within")
    assert health.meetings_expected_per_year == 12
    assert health.optimum_label == "3 to 5"


def test_a_conference_has_no_size_norm():
    health = board_health(Board(layer=Layer.CONFERENCE), seats(*[MembershipRole.MEMBER] * 120), on=DAY)
    assert health.size_status == "no_norm"
    assert health.optimum_label == "no set size"
    assert health.meetings_expected_per_year == 1


def test_board_health_of_an_empty_board():
    health = board_health(Board(layer=Layer.EXECUTIVE), [])
    assert health.size == 0
    assert health.size_status == "below"
    assert health.seats_without_deputy == []


# ---------------------------------------------------------------------------
# Board.optimum_size and meetings_expected_per_year: the 001 table


@pytest.mark.parametrize(
    ("layer", "optimum", "meetings"),
    [
        (Layer.BOARD, (12, 15), 2),
        (Layer.EXECUTIVE, (8, 10), 6),
        (Layer.THEMATIC_GROUP, (8, 10), 4),
        (Layer.CONFERENCE, (None, None), 1),
        (Layer.DELIVERY_GROUP, (None, None), None),
        (Layer.TASK_AND_FINISH, (None, None), None),
    ],
)
def test_layer_defaults_follow_the_001_table(layer, optimum, meetings):
    board = Board(layer=layer)
    assert board.optimum_size == optimum
    assert board.meetings_expected_per_year == meetings


def test_every_layer_has_a_norm():
    assert set(LAYER_NORMS) == set(Layer.values)


def test_a_board_can_override_one_end_of_the_range_and_keep_the_other():
    assert Board(layer=Layer.BOARD, optimum_size_max=20).optimum_size == (12, 20)
    assert Board(layer=Layer.BOARD, optimum_size_min=10).optimum_size == (10, 15)


def test_an_explicit_zero_meetings_a_year_is_kept_not_replaced_by_the_norm():
    assert Board(layer=Layer.EXECUTIVE, expected_meetings_per_year=0).meetings_expected_per_year == 0
