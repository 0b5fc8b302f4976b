"""Rate limits of the forms that send email (subscribe, manage link): per normalised
address and per client, counted in Django's cache over ALERTS_RATE_WINDOW seconds.

Every request counts, whatever the address: the limit an address reaches says nothing
about whether it is subscribed. Keys hold a hash, never the address itself.
"""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest

from governance import ratelimit


def _wait() -> str:
    return ratelimit.wait_text(settings.ALERTS_RATE_WINDOW)


def _hit(kind: str, value: str) -> int:
    return ratelimit.hit(f"alerts:rate:{kind}", value, settings.ALERTS_RATE_WINDOW)


def client_refused(request: HttpRequest) -> str:
    """Count a request from this client; the reason to refuse it, or ""."""
    client = get_client_ip_address(request) or "unknown"
    if _hit("client", client) > settings.ALERTS_RATE_PER_CLIENT:
        return f"You have sent this form too many times from this connection. Wait {_wait()} before you try again."
    return ""


def address_refused(email: str) -> str:
    """Count a request for this (normalised) address; the reason to refuse it, or ""."""
    if _hit("address", email) > settings.ALERTS_RATE_PER_ADDRESS:
        return (
            f"We have had too many requests for this email address. Wait {_wait()} before you try again: "
            "any email we have already sent to it is on its way."
        )
    return ""
