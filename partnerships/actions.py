"""One write path per state change (STYLE.md): each action checks permission and
rules, writes inside a transaction and appends an audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User

from .access import can_edit_partnership
from .models import (
    AuditEvent,
    Board,
    Delegation,
    Membership,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    Partnership,
)


def audit_record(
    by: User | None,
    verb: str,
    partnership: Partnership | None,
    summary: str,
    *,
    at: dt.datetime | None = None,
    **details: Any,
) -> AuditEvent:
    """Append an audit event. ``at`` is the action's ``now`` (the demo replays history)."""
    return AuditEvent.objects.create(
        at=at or timezone.now(),
        actor=by if by is not None and by.is_authenticated else None,
        verb=verb,
        partnership=partnership,
        summary=summary[:500],
        details=details,
    )


def _require_edit(by: User, partnership: Partnership) -> None:
    if not can_edit_partnership(by, partnership):
        raise PermissionDenied("You do not service this partnership, so you cannot change it.")


def partnership_create(partnership: Partnership, *, by: User) -> Partnership:
    """Create a partnership. Officers may add groups under a partnership they service;
    only administrators add new top-level partnerships."""
    if partnership.parent is None:
        if not by.is_administrator:
            raise PermissionDenied("Only administrators can add a partnership at the top of the tree.")
    else:
        _require_edit(by, partnership.parent)
    partnership.full_clean()
    with transaction.atomic():
        partnership.save()
        if by.is_officer and not by.is_administrator:
            partnership.officers.add(by)
        audit_record(by, "partnership_create", partnership, f"Created partnership {partnership.name}")
    return partnership


def partnership_update(partnership: Partnership, *, by: User, changed: list[str]) -> Partnership:
    _require_edit(by, partnership)
    if "parent" in changed:
        if partnership.parent is None:
            if not by.is_administrator:
                raise PermissionDenied("Only administrators can move a partnership to the top of the tree.")
        else:
            _require_edit(by, partnership.parent)
    partnership.full_clean()
    with transaction.atomic():
        partnership.save()
        audit_record(by, "partnership_update", partnership, f"Updated partnership {partnership.name}", changed=changed)
    return partnership


def board_save(board: Board, *, by: User, changed: list[str] | None = None) -> Board:
    _require_edit(by, board.partnership)
    creating = board.pk is None
    board.full_clean()
    with transaction.atomic():
        board.save()
        verb = "board_create" if creating else "board_update"
        audit_record(
            by,
            verb,
            board.partnership,
            f"{'Created' if creating else 'Updated'} board {board.name}",
            changed=changed or [],
        )
    return board


def membership_save(membership: Membership, *, by: User, changed: list[str] | None = None) -> Membership:
    """Add or change a seat. The overlap rule is checked again under a lock so two
    officers cannot seat the same person twice at once."""
    board = membership.board
    _require_edit(by, board.partnership)
    creating = membership.pk is None
    with transaction.atomic():
        Board.objects.select_for_update().filter(pk=board.pk).first()
        membership.full_clean()
        membership.save()
        verb = "membership_create" if creating else "membership_update"
        audit_record(
            by,
            verb,
            board.partnership,
            f"{'Added' if creating else 'Updated'} {membership.person} ({membership.organisation}) on {board.name}",
            membership=membership.pk,
            changed=changed or [],
        )
    return membership


def membership_end(membership: Membership, *, on: dt.date, by: User) -> Membership:
    """End a seat on a date. The row is kept: membership history is never deleted."""
    _require_edit(by, membership.board.partnership)
    if membership.end_date is not None and membership.end_date <= on:
        raise ValidationError("This membership has already ended.")
    membership.end_date = on
    membership.full_clean()
    with transaction.atomic():
        membership.save(update_fields=["end_date"])
        audit_record(
            by,
            "membership_end",
            membership.board.partnership,
            f"Ended the seat of {membership.person} on {membership.board.name} from {on:%d %B %Y}",
            membership=membership.pk,
        )
    return membership


def delegation_save(delegation: Delegation, *, by: User) -> Delegation:
    _require_edit(by, delegation.board.partnership)
    creating = delegation.pk is None
    delegation.full_clean()
    with transaction.atomic():
        delegation.save()
        audit_record(
            by,
            "delegation_create" if creating else "delegation_update",
            delegation.board.partnership,
            f"Recorded delegation from {delegation.organisation} to {delegation.person} for {delegation.board.name}",
            delegation=delegation.pk,
        )
    return delegation


def mou_create(
    mou: MemorandumOfUnderstanding, signatories: list[Organisation], *, by: User
) -> MemorandumOfUnderstanding:
    """Add a new version of a board's memorandum. Earlier versions are never changed."""
    board = mou.board
    _require_edit(by, board.partnership)
    if not signatories:
        raise ValidationError({"required_signatories": "Choose the partners who must sign."})
    with transaction.atomic():
        Board.objects.select_for_update().filter(pk=board.pk).first()
        latest = MemorandumOfUnderstanding.objects.filter(board=board).aggregate(v=Max("version"))["v"] or 0
        mou.version = latest + 1
        mou.full_clean()
        mou.save()
        mou.required_signatories.set(signatories)
        audit_record(by, "mou_create", board.partnership, f"Added {mou} for {board.name}", mou=mou.pk)
    return mou


def mou_signature_record(signature: MouSignature, *, by: User) -> MouSignature:
    """Record that a required partner has signed a memorandum version."""
    mou = signature.mou
    _require_edit(by, mou.board.partnership)
    with transaction.atomic():
        # Locked: two officers recording the same signature at once get one row and a message.
        MemorandumOfUnderstanding.objects.select_for_update().filter(pk=mou.pk).first()
        return _record_signature(signature, mou, by=by)


def _record_signature(signature: MouSignature, mou: MemorandumOfUnderstanding, *, by: User) -> MouSignature:
    if not mou.required_signatories.filter(pk=signature.organisation_id).exists():
        raise ValidationError(
            {"organisation": f"{signature.organisation} is not a required signatory of this version."}
        )
    if mou.signatures.filter(organisation_id=signature.organisation_id).exists():
        raise ValidationError({"organisation": f"{signature.organisation} has already signed this version."})
    signature.recorded_by = by
    signature.full_clean(exclude=["recorded_by"])
    with transaction.atomic():
        signature.save()
        audit_record(
            by,
            "mou_sign",
            mou.board.partnership,
            f"{signature.organisation} signed {mou} ({signature.signed_by}, {signature.signed_on:%d %B %Y})",
            mou=mou.pk,
        )
    return signature
