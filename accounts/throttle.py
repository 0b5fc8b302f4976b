"""The client address sign-in throttling counts failures by (django-axes calls
``client_address`` as AXES_CLIENT_IP_CALLABLE).

Served directly, it is the connection's address. Behind the TLS proxy (BEHIND_PROXY, on
with HTTPS), every connection comes from the proxy, so axes would lock a username out
for everyone after five bad passwords: there the client is the last address in
X-Forwarded-For, the one the proxy added for the connection it received. Whatever a
client writes into that header itself comes before it, so it cannot choose the address
it is counted under; and people behind one council's own proxy are counted under that
proxy's address, as they would be on any site.
"""

from __future__ import annotations

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


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
