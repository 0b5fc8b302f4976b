"""Positions and decision events are append-only in the database itself (SPEC §8)."""

import pytest
from django.db import DatabaseError, connection, transaction

from decisions import actions
from decisions.models import Position, ProposalEvent


@pytest.fixture
def recorded(body):
    proposal = actions.proposal_create(body.item, title="Strategy", text="Approve.", by=body.officer)
    name, membership = next(iter(body.memberships.items()))
    actions.position_record(proposal.rounds.get(), membership, value="consent", by=body.users[name])
    return proposal


@pytest.mark.parametrize("table", ["decisions_position", "decisions_proposalevent"])
@pytest.mark.parametrize("statement", ["UPDATE {table} SET recorded_at = recorded_at", "DELETE FROM {table}"])
def test_the_database_refuses_update_and_delete(recorded, table, statement):
    sql = statement.format(table=table)
    if table == "decisions_proposalevent":
        sql = sql.replace("recorded_at", "at")
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert Position.objects.count() == 1
    assert ProposalEvent.objects.count() == 1


def test_the_orm_cannot_change_a_position_either(recorded):
    position = Position.objects.get()
    position.value = "object"
    with pytest.raises(DatabaseError):
        with transaction.atomic():
            position.save()
    with pytest.raises(DatabaseError):
        with transaction.atomic():
            Position.objects.all().delete()
    assert Position.objects.get().value == "consent"
