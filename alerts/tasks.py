"""Celery tasks of the alerts: thin, take values, safe to run twice (SPEC §8)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .actions import AlertDeliveryError


@shared_task(
    acks_late=True, autoretry_for=(AlertDeliveryError,), retry_backoff=60, retry_backoff_max=600, max_retries=3
)
def send_due_alerts() -> int:
    """Beat, every few minutes: send each confirmed subscriber one email with the
    publications new to them (each alerted once: alerts/actions.py batch_send), after
    deleting the subscribe requests whose confirmation link has expired."""
    from .actions import alerts_send_due, pending_subscriptions_purge

    now = timezone.now()
    pending_subscriptions_purge(now=now)
    return alerts_send_due(now=now)


@shared_task(acks_late=True)
def send_confirmation(pending_id: int) -> bool:
    """Email the confirmation link of a subscribe request (a PendingSubscription, so the
    queue carries no address) to the address itself. A request that has gone, or whose
    partnership or board has gone, sends nothing."""
    from django.core.exceptions import ValidationError

    from .actions import describe
    from .emails import confirmation_message
    from .queries import pending_subscription

    pending = pending_subscription(pending_id)
    if pending is None:
        return False
    try:
        description = describe(pending.request)
    except ValidationError:
        return False
    confirmation_message(pending, description).send()
    return True


@shared_task(acks_late=True)
def send_manage_link(email: str) -> bool:
    """Email a manage link to the address, when it has subscriptions; otherwise send
    nothing. The page that asked answers the same either way."""
    from .emails import manage_link_message
    from .models import Subscription, normalise_email

    subscription = (
        Subscription.objects.active()
        .filter(subscriber__email=normalise_email(email))
        .select_related("subscriber")
        .first()
    )
    if subscription is None:
        return False
    manage_link_message(subscription.subscriber_id, subscription.subscriber.email).send()
    return True
