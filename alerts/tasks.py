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
    publications new to them (each alerted once: alerts/actions.py batch_send)."""
    from .actions import alerts_send_due

    return alerts_send_due(now=timezone.now())


@shared_task(acks_late=True)
def send_confirmation(email: str, scope: str, partnership_id: int | None, board_id: int | None, term: str) -> bool:
    """Email the confirmation link of a subscribe request to the address itself. A
    request whose partnership or board has gone sends nothing."""
    from django.core.exceptions import ValidationError

    from .actions import describe
    from .emails import confirmation_message
    from .tokens import SubscribeRequest

    request = SubscribeRequest(email=email, scope=scope, partnership_id=partnership_id, board_id=board_id, term=term)
    try:
        description = describe(request)
    except ValidationError:
        return False
    confirmation_message(request, description).send()
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
