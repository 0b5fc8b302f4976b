"""The alert emails, built (not sent): plain text, with the RFC 8058 headers on the
alerts themselves. Links are absolute (governance.site.site_url)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse

from governance.site import site_url

from . import tokens
from .models import PendingSubscription
from .queries import Batch

# RFC 3834: an automatic message; out-of-office replies should not answer it.
AUTOMATIC = {"Auto-Submitted": "auto-generated"}


def absolute(path: str) -> str:
    return site_url() + path


def connection() -> BaseEmailBackend:
    """GOV.UK Notify when its API key is set (ALERTS_EMAIL_BACKEND), Django's email otherwise."""
    backend: BaseEmailBackend = get_connection(settings.ALERTS_EMAIL_BACKEND or None)
    return backend


def _render(template: str, context: dict[str, Any]) -> str:
    return render_to_string(f"alerts/email/{template}.txt", {"site_url": site_url(), **context})


def _one_line(subject: str) -> str:
    return " ".join(subject.split())[:300]


def confirmation_message(pending: PendingSubscription, description: str) -> EmailMessage:
    """The link names the request by id and carries the time it was made (its issue
    time): never the address."""
    token = tokens.confirm_token(pending.pk, pending.created_at)
    body = _render(
        "confirm",
        {
            "description": description,
            "confirm_url": absolute(reverse("alerts:confirm", args=[token])),
            "hours": settings.ALERTS_CONFIRM_MAX_AGE // 3600,
            "subscribe_url": absolute(reverse("alerts:subscribe")),
        },
    )
    return EmailMessage(
        subject=_one_line(f"Confirm your email alerts: {description}"),
        body=body,
        to=[pending.email],
        headers=AUTOMATIC,
        connection=connection(),
    )


def manage_link_message(subscriber_id: int, email: str) -> EmailMessage:
    body = _render(
        "manage_link",
        {
            "manage_url": absolute(reverse("alerts:manage", args=[tokens.manage_token(subscriber_id)])),
            "days": settings.ALERTS_MANAGE_MAX_AGE // 86400,
        },
    )
    return EmailMessage(
        subject="Manage your email alerts",
        body=body,
        to=[email],
        headers=AUTOMATIC,
        connection=connection(),
    )


def alert_message(batch: Batch) -> EmailMessage:
    """One email listing everything new for one subscriber. Its List-Unsubscribe link
    stops the subscriptions it was sent for, in one click (RFC 8058)."""
    unsubscribe_url = absolute(
        reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token([s.pk for s in batch.subscriptions])])
    )
    sections = [
        {
            "subscription": subscription,
            "publications": publications,
            "unsubscribe_url": absolute(
                reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token([subscription.pk])])
            ),
        }
        for subscription, publications in batch.sections
    ]
    publications = batch.publications
    if len(publications) == 1:
        subject = publications[0].title
    else:
        subject = f"{len(publications)} new publications you follow"
    body = _render(
        "alert",
        {
            "sections": sections,
            "count": len(publications),
            "manage_url": absolute(reverse("alerts:manage", args=[tokens.manage_token(batch.subscriber.pk)])),
            "unsubscribe_url": unsubscribe_url,
        },
    )
    return EmailMessage(
        subject=_one_line(subject),
        body=body,
        to=[batch.subscriber.email],
        headers={
            **AUTOMATIC,
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        connection=connection(),
    )
