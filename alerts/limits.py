"""Rate limits of the forms that send email (subscribe, manage link): per normalised
address and per client, counted in Django's cache over ALERTS_RATE_WINDOW seconds.

Every request counts, whatever the address: the limit an address reaches says nothing
about whether it is subscribed. Keys hold a hash, never the address itself.
"""

from __future__ import annotations

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _wait() -> str:
    minutes = max(1, settings.ALERTS_RATE_WINDOW // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _key(kind: str, value: str) -> str:
    return f"alerts:rate:{kind}:" + hashlib.sha256(value.encode()).hexdigest()


def _hit(key: str) -> int:
    window = settings.ALERTS_RATE_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def client_refused(request: HttpRequest) -> str:
    """Count a request from this client; the reason to refuse it, or ""."""
    client = get_client_ip_address(request) or "unknown"
    if _hit(_key("client", client)) > settings.ALERTS_RATE_PER_CLIENT:
        return f"You have sent this form too many times from this connection. Wait {_wait()} before you try again."
    return ""


def address_refused(email: str) -> str:
    """Count a request for this (normalised) address; the reason to refuse it, or ""."""
    if _hit(_key("address", email)) > settings.ALERTS_RATE_PER_ADDRESS:
        return (
            f"We have had too many requests for this email address. Wait {_wait()} before you try again: "
            "any email we have already sent to it is on its way."
        )
    return ""
