"""Recording positions concurrently loses none, and closing a round while positions
arrive gives a consistent outcome (SPEC §5 "Nothing lost"). Real threads, real
PostgreSQL row locks."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from decisions import actions, queries, rules
from decisions.models import Position, Round

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _needs_postgresql(postgresql_only):
    """Row locks under concurrency are tested on PostgreSQL (CI sets DATABASE_URL)."""


def _in_thread(function):
    def run(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return run


def test_concurrent_positions_are_all_recorded(body):
    proposal = actions.proposal_create(body.item, title="Strategy", text="Approve.", by=body.officer)
    round1 = proposal.rounds.get()
    start = threading.Barrier(len(body.memberships))

    @_in_thread
    def record(name):
        start.wait()
        for value in ("object", "abstain", "consent"):  # each changes their mind twice
            actions.position_record(round1, body.memberships[name], value=value, by=body.users[name])

    with ThreadPoolExecutor(max_workers=len(body.memberships)) as pool:
        list(pool.map(record, body.memberships))

    assert Position.objects.filter(round=round1).count() == 3 * len(body.memberships)
    assert set(queries.latest_positions(round1).values()) == {"consent"}
    assert actions.round_close(round1, by=body.officer) == "agreed_by_consensus"


def test_closing_a_round_while_positions_arrive_is_consistent(body):
    proposal = actions.proposal_create(body.item, title="Strategy", text="Approve.", by=body.officer)
    round1 = proposal.rounds.get()
    names = list(body.memberships)
    start = threading.Barrier(len(names) + 1)
    refused = []

    @_in_thread
    def record(name):
        start.wait()
        try:
            actions.position_record(round1, body.memberships[name], value="consent", by=body.users[name])
        except ValidationError:
            refused.append(name)

    @_in_thread
    def close():
        start.wait()
        return actions.round_close(round1, by=body.officer)

    with ThreadPoolExecutor(max_workers=len(names) + 1) as pool:
        closing = pool.submit(close)
        list(pool.map(record, names))
        outcome = closing.result()

    closed = Round.objects.get(pk=round1.pk)
    counted = Position.objects.filter(round=round1, recorded_at__lte=closed.closed_at)
    # Every position either made it in before the close or was refused: none is lost,
    # none slipped in after, and the stored outcome is the engine's verdict on them.
    assert counted.count() + len(refused) == len(names)
    assert Position.objects.filter(round=round1).count() == counted.count()
    recomputed = rules.evaluate(
        queries.rules_for(proposal), closed.voters, queries.latest_positions(closed), closed.number
    )
    assert outcome == closed.outcome == recomputed
