"""The client address sign-in throttling counts failures by (django-axes calls
``client_address`` as AXES_CLIENT_IP_CALLABLE).

Served directly, it is the connection's address. Behind the TLS proxy (BEHIND_PROXY, on
with HTTPS), every connection comes from the proxy, so axes would lock a username out
for everyone after five bad passwords: there the client is the last address in
X-Forwarded-For, the one the proxy added for the connection it received. Whatever a
client writes into that header itself comes before it, so it cannot choose the address
it is counted under; and people behind one council's own proxy are counted under that
proxy's address, as they would be on any site.

The password reset form is limited too (``reset_client_refused``,
``reset_address_refused``): per client address and per normalised email address,
counted in Django's cache over PASSWORD_RESET_RATE_WINDOW seconds. Every request counts,
whether or not the address has an account, so the limit an address reaches says nothing
about it; keys hold a hash, never the address.
"""

from __future__ import annotations

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest

from governance import ratelimit


def client_address(request: HttpRequest) -> str | None:
    direct = request.META.get("REMOTE_ADDR") or None
    if not settings.BEHIND_PROXY:
        return direct
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    last = forwarded[-1] if forwarded else ""
    try:
        return str(ip_address(last))
    except ValueError:  # no header, or not an address: a proxy that forwards none
        return direct


def _hit(kind: str, value: str) -> int:
    return ratelimit.hit(f"accounts:reset:{kind}", value, settings.PASSWORD_RESET_RATE_WINDOW)


def _wait() -> str:
    return ratelimit.wait_text(settings.PASSWORD_RESET_RATE_WINDOW)


def reset_client_refused(request: HttpRequest) -> str:
    """Count a password reset request from this client; the reason to refuse it, or ""."""
    if _hit("client", client_address(request) or "unknown") > settings.PASSWORD_RESET_RATE_PER_CLIENT:
        return f"You have asked to reset a password too many times from this connection. Wait {_wait()} before you try again."
    return ""


def reset_address_refused(email: str) -> str:
    """Count a password reset request for this address; the reason to refuse it, or ""."""
    if _hit("address", email.strip().lower()) > settings.PASSWORD_RESET_RATE_PER_ADDRESS:
        return (
            f"We have had too many requests to reset the password for this email address. Wait {_wait()} "
            "before you try again: any email we have already sent is on its way."
        )
    return ""
