"""A count of requests in a fixed window, kept in the cache: the rate limits of the
password reset (accounts/throttle.py), the email alerts (alerts/limits.py) and the
open data API (api/throttling.py). With
the cache unreachable a count reads as the first (governance.cache), so no one is
refused while Redis is away."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def hit(namespace: str, value: str, window: int) -> int:
    """Count one request for ``value`` (hashed: no address is kept in the cache) in the
    window of ``window`` seconds; the count so far, this one included. One round trip
    to Redis (governance.cache count_in_window); other caches add, then increment."""
    key = f"{namespace}:" + hashlib.sha256(value.encode()).hexdigest()
    count_in_window = getattr(cache, "count_in_window", None)
    if count_in_window is not None:
        return int(count_in_window(key, window))
    cache.add(key, 0, timeout=window)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def wait_text(window: int) -> str:
    """How long to wait, for a message: "60 minutes"."""
    minutes = max(1, window // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
