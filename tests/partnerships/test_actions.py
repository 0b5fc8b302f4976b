"""The partnership actions compute what changed themselves: they save only those fields
and audit exactly those, old -> new (issue 7: the paper deadline changed to 3 working
days while the audit row said only ``name`` changed must be impossible)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partnerships import actions
from partnerships.models import AuditEvent, Board, MemorandumOfUnderstanding

D = dt.date
NOW = timezone.make_aware(dt.datetime(2024, 6, 3, 10, 0))


def test_changing_the_paper_deadline_audits_the_paper_deadline(board, officer):
    assert board.paper_deadline_working_days == 10
    actions.board_update(board, by=officer, now=NOW, name=board.name, paper_deadline_working_days=3)
    board.refresh_from_db()
    assert board.paper_deadline_working_days == 3
    event = AuditEvent.objects.get()
    assert event.verb == "board_update"
    assert event.at == NOW
    assert event.details["changed"] == {"paper_deadline_working_days": [10, 3]}


def test_the_board_form_audits_the_fields_that_changed_not_those_it_was_told(officer_client, board):
    data = {
        "name": board.name,
        "slug": board.slug,
        "layer": board.layer,
        "calendar": board.calendar,
        "paper_deadline_working_days": "3",
    }
    response = officer_client.post(reverse("manage:board_edit", args=[board.partnership.slug, board.slug]), data)
    assert response.status_code == 302
    assert AuditEvent.objects.get().details["changed"] == {"paper_deadline_working_days": [10, 3]}


def test_an_update_saves_only_the_fields_it_changes(board, officer):
    """A change made elsewhere since the officer loaded the row is not overwritten."""
    stale = Board.objects.get(pk=board.pk)
    Board.objects.filter(pk=board.pk).update(terms_of_reference="Agreed elsewhere")
    actions.board_update(stale, by=officer, now=NOW, paper_deadline_working_days=5)
    board.refresh_from_db()
    assert (board.terms_of_reference, board.paper_deadline_working_days) == ("Agreed elsewhere", 5)


def test_an_update_that_changes_nothing_writes_nothing(board, officer):
    actions.board_update(board, by=officer, now=NOW, name=board.name, paper_deadline_working_days=10)
    assert not AuditEvent.objects.exists()


def test_an_update_refuses_a_field_it_does_not_own(board, officer, other_partnership):
    with pytest.raises(TypeError):
        actions.board_update(board, by=officer, now=NOW, partnership=other_partnership)
    assert not AuditEvent.objects.exists()


def test_a_membership_update_audits_old_and_new_values(seat, officer):
    deputyship = seat.deputyships.get()
    actions.membership_update(seat, by=officer, now=NOW, role="co_chair", end_date=D(2030, 3, 31))
    event = AuditEvent.objects.get()
    assert event.verb == "membership_update"
    assert event.details == {
        "membership": seat.pk,
        "changed": {"role": ["chair", "co_chair"], "end_date": [None, "2030-03-31"]},
        # The deputy in force ends with the seat.
        "deputyships_ended": {str(deputyship.pk): [None, "2030-03-31"]},
    }


def test_the_signature_is_audited_under_the_actions_name(board, county, officer):
    mou = actions.mou_create(by=officer, now=NOW, board=board, title="MoU", required_signatories=[county])
    signature = actions.mou_signature_record(
        mou, by=officer, now=NOW, organisation=county, signed_by="Leader", signed_on=D(2024, 5, 1)
    )
    assert (signature.recorded_by, signature.recorded_at) == (officer, NOW)
    assert mou.created_at == NOW
    assert list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True)) == [
        "mou_create",
        "mou_signature_record",
    ]


@pytest.mark.parametrize(
    ("rules", "errors"),
    [
        (
            {"max_minority": 1, "majority_fallback": False},
            {"max_minority": ["A limit on objections applies only when a majority may decide"]},
        ),
        (
            {"escalation_required": True, "escalation_body": ""},
            {"escalation_body": ["Enter who the disagreement is escalated to"]},
        ),
        ({"majority_fallback": True, "fallback_from_round": 0}, {"fallback_from_round": ["Enter 1 or more"]}),
    ],
    ids=["minority-cap-without-fallback", "escalation-without-body", "round-zero"],
)
def test_the_memorandum_action_refuses_what_the_form_refuses(board, county, officer, rules, errors):
    with pytest.raises(ValidationError) as caught:
        actions.mou_create(by=officer, now=NOW, board=board, title="MoU", required_signatories=[county], **rules)
    assert caught.value.message_dict == errors
    assert not MemorandumOfUnderstanding.objects.exists()
    assert not AuditEvent.objects.exists()
