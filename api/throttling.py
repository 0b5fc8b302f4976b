# mypy: disallow-subclassing-any=False
"""The rate limit for anonymous clients (API_ANON_RATE). Its own module: DRF imports the
throttle classes while it defines APIView, so this imports no view."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle

from accounts.throttle import client_address
from governance import ratelimit

PERIODS = {"sec": "second", "min": "minute", "hour": "hour", "day": "day"}


class AnonymousRateThrottle(AnonRateThrottle):
    """At most API_ANON_RATE requests per client address in each period (read on each
    request, so a change of the setting applies at once).

    A count per address and fixed window (governance/ratelimit.py: one round trip to
    Redis), not DRF's log of every request's time, which is read and written whole on
    each request: at a high rate that list was most of an answer's cost. A client may so
    make up to twice the rate across the turn of a window, never more."""

    def get_rate(self) -> str:
        return str(settings.API_ANON_RATE)

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.num_requests is None or self.duration is None:
            return True
        limit, duration = int(self.num_requests), int(self.duration)
        now = time.time()
        self.left = duration - now % duration
        count = ratelimit.hit("api-throttle", f"{self.get_ident(request)}:{int(now // duration)}", duration)
        return count <= limit

    def get_ident(self, request: Request) -> str:
        """The client's address as every rate limit reads it (accounts/throttle.py): the
        connection's, or behind the proxy (BEHIND_PROXY) the one the proxy added last.
        DRF's own reading took any X-Forwarded-For the client sent, so a made-up header
        was a fresh count each time."""
        return client_address(request._request) or "unknown"

    def wait(self) -> float:
        """Seconds until the window turns (the Retry-After of a 429)."""
        return float(self.left)


def rate_text() -> str:
    """120/min -> "120 requests a minute"."""
    requests, _, period = str(settings.API_ANON_RATE).partition("/")
    return f"{requests} requests a {PERIODS.get(period, period)}"
