"""The only writers of the alerts app: recording a subscribe request, confirming and
ending subscriptions, and sending the alerts due, each exactly once (SPEC §6, §8)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships.models import Board, Partnership

from . import emails
from .models import AlertDelivery, PendingSubscription, Scope, Subscriber, SubscribeRequest, Subscription
from .queries import Batch, TermMatcher, confirm_withdrawn, due_batches, term_matches

logger = logging.getLogger(__name__)


class AlertDeliveryError(Exception):
    """Some alerts could not be sent. Nothing was recorded for them, so the next sweep
    sends exactly those (and nothing twice)."""


# ---------------------------------------------------------------------------
# Subscriptions


def describe(request: SubscribeRequest) -> str:
    """What a request follows, in words; ValidationError when its partnership or board
    no longer exists."""
    if request.scope == Scope.PARTNERSHIP:
        partnership = Partnership.objects.filter(pk=request.partnership_id or 0).only("name").first()
        if partnership is None:
            raise ValidationError("The partnership in this link no longer exists.", code="gone")
        return partnership.name
    if request.scope == Scope.BOARD:
        board = Board.objects.filter(pk=request.board_id or 0).select_related("partnership").first()
        if board is None:
            raise ValidationError("The board in this link no longer exists.", code="gone")
        return f"{board.name}, {board.partnership.name}"
    if request.scope == Scope.TERM:
        if not request.term:
            raise ValidationError("This link has no search term.", code="invalid")
        return f"Search term “{request.term}”"
    return "The decisions register"


@transaction.atomic
def pending_subscription_create(*, request: SubscribeRequest, now: dt.datetime) -> PendingSubscription:
    """Keep what the subscribe form asked for until its link is confirmed or expires
    (the confirmation link names this row, never the address)."""
    return PendingSubscription.objects.create(
        email=request.email,
        scope=request.scope,
        partnership_id=request.partnership_id if request.scope == Scope.PARTNERSHIP else None,
        board_id=request.board_id if request.scope == Scope.BOARD else None,
        term=request.term if request.scope == Scope.TERM else "",
        created_at=now,
    )


@transaction.atomic
def pending_subscriptions_purge(*, now: dt.datetime) -> int:
    """Delete the requests whose confirmation link has expired: an address that never
    confirmed is not kept. Returns how many were deleted."""
    cutoff = now - dt.timedelta(seconds=max(0, settings.ALERTS_CONFIRM_MAX_AGE))
    deleted, _ = PendingSubscription.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@transaction.atomic
def subscription_confirm(
    *, request: SubscribeRequest, issued_at: dt.datetime, now: dt.datetime
) -> tuple[Subscription, bool]:
    """Confirm what the link asked for: the subscription, and whether it is new (an
    address already following the same thing keeps its subscription).

    A link issued before the address unsubscribed from the same thing is refused
    (ValidationError, code "withdrawn"): an old confirmation email must not undo an
    unsubscribe (hostile review F5). To follow it again, the address asks again."""
    describe(request)  # the partnership or board still exists
    if confirm_withdrawn(request, issued_at):
        raise ValidationError(
            "You stopped these alerts after this link was sent, so it no longer works.", code="withdrawn"
        )
    subscriber, _ = Subscriber.objects.get_or_create(email=request.email, defaults={"created_at": now})
    key = request.key
    existing = Subscription.objects.filter(subscriber=subscriber, key=key, unsubscribed_at__isnull=True).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():  # savepoint: the same link confirmed twice at once
            subscription = Subscription.objects.create(
                subscriber=subscriber,
                scope=request.scope,
                partnership_id=request.partnership_id if request.scope == Scope.PARTNERSHIP else None,
                board_id=request.board_id if request.scope == Scope.BOARD else None,
                term=request.term if request.scope == Scope.TERM else "",
                key=key,
                created_at=now,
                confirmed_at=now,
            )
    except IntegrityError:
        return Subscription.objects.get(subscriber=subscriber, key=key, unsubscribed_at__isnull=True), False
    return subscription, True


@transaction.atomic
def subscriptions_unsubscribe(*, subscription_ids: list[int], now: dt.datetime) -> int:
    """End these subscriptions (already ended ones stay as they were). The rows stay:
    history is never deleted. Returns how many were ended."""
    return Subscription.objects.filter(pk__in=subscription_ids, unsubscribed_at__isnull=True).update(
        unsubscribed_at=now
    )


@transaction.atomic
def subscriber_unsubscribe_all(*, subscriber_id: int, now: dt.datetime) -> int:
    return Subscription.objects.filter(subscriber_id=subscriber_id, unsubscribed_at__isnull=True).update(
        unsubscribed_at=now
    )


# ---------------------------------------------------------------------------
# Sending, exactly once


def batch_send(batch: Batch, *, now: dt.datetime) -> bool:
    """Send one subscriber's alert unless any of it has been sent already. Returns
    whether it was sent.

    As meetings/reminders.py send_once: inside one transaction the AlertDelivery rows,
    unique per (subscription, kind, object), are inserted first (in a savepoint), then
    the email is sent, then the rows are stamped and the transaction commits.

    - Rows committed by an earlier sweep make the insert fail: nothing is sent. (The
      sweep reads what was delivered first, so this happens only when two sweeps
      overlap; the next sweep sends what is still new.)
    - A sweep sending the same alert right now holds its rows uncommitted; our insert
      waits on the unique index until it ends, then fails (it committed) or succeeds
      (it rolled back) — so the alert goes once.
    - A worker killed before COMMIT leaves nothing: the database rolls the rows back,
      and the next sweep (every few minutes, or the redelivered task: acks_late)
      sends the alert. A failed email raises out of the block, rolling the rows back.

    The one window left is between the mail server accepting the message and the
    COMMIT: a crash exactly there sends the alert again later. Erring that way, an
    alert may very rarely arrive twice; it is never lost.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                rows = AlertDelivery.objects.bulk_create(
                    AlertDelivery(subscription=subscription, kind=p.kind, object_id=p.object_id, created_at=now)
                    for subscription, p in batch.deliveries
                )
        except IntegrityError:
            return False
        emails.alert_message(batch).send()
        AlertDelivery.objects.filter(pk__in=[row.pk for row in rows]).update(sent_at=timezone.now())
    return True


def alerts_send_due(*, now: dt.datetime, match_term: TermMatcher = term_matches) -> int:
    """The sweep: send each subscriber one email with everything new for them. One that
    fails does not stop the others; they are reported together. Returns how many
    emails were sent."""
    sent = 0
    failed: list[str] = []
    for batch in due_batches(now, match_term=match_term):
        try:
            if batch_send(batch, now=now):
                sent += 1
        except Exception:  # noqa: BLE001 — a bad address or a mail server hiccup must not block the rest
            logger.exception("Could not send an alert to subscriber %s", batch.subscriber.pk)
            failed.append(str(batch.subscriber.pk))
    if failed:
        raise AlertDeliveryError(
            f"Sent {sent} alert(s); {len(failed)} could not be sent and were not recorded "
            f"(subscribers {', '.join(failed)})"
        )
    return sent
