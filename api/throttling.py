# mypy: disallow-subclassing-any=False
"""The rate limit for anonymous clients (API_ANON_RATE). Its own module: DRF imports the
throttle classes while it defines APIView, so this imports no view."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

PERIODS = {"sec": "second", "min": "minute", "hour": "hour", "day": "day"}


class AnonymousRateThrottle(AnonRateThrottle):
    """At most API_ANON_RATE requests per client address (read on each request, so a
    change of the setting applies at once)."""

    def get_rate(self) -> str:
        return str(settings.API_ANON_RATE)


def rate_text() -> str:
    """120/min -> "120 requests a minute"."""
    requests, _, period = str(settings.API_ANON_RATE).partition("/")
    return f"{requests} requests a {PERIODS.get(period, period)}"
