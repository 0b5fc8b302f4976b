"""Django's Redis cache, forgiving (issue 11 item 9): while Redis is down a read is a
miss and a write is skipped, with a warning logged, so that the pages reading the cache
(the page cache, sessions, the iCalendar feeds, the alerts' rate limits) keep serving
instead of failing with 500.

What the cache holds is all made again from the database (a page, a feed, a session's
database copy) or may be forgotten (a rate-limit count: while Redis is down the limit is
not applied, and the forms it guards cannot queue their email anyway,
governance/queue.py). django-redis has this as IGNORE_EXCEPTIONS; Django's built-in
backend has no such option.

A Redis that hangs rather than refuses (a frozen process, a network that drops
packets) would cost each operation its socket timeout, and a page makes several: after
one failure the cache counts as down for RETRY_AFTER seconds, in which every operation
answers at once as a miss, and then it is tried again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER = 5.0  # seconds the cache counts as down after a failure

T = TypeVar("T")


class ForgivingRedisCache(RedisCache):
    down_until = 0.0  # time.monotonic() before which Redis is not tried (per instance)

    def _forgiving(self, operation: str, call: Callable[[], T], fallback: T) -> T:
        if time.monotonic() < self.down_until:
            return fallback
        try:
            return call()
        except UNREACHABLE as error:
            self._went_down(operation, error)
            return fallback

    def _went_down(self, operation: str, error: Exception) -> None:
        self.down_until = time.monotonic() + RETRY_AFTER
        logger.warning("Cache unreachable (%s skipped; not tried for %.0f s): %s", operation, RETRY_AFTER, error)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._forgiving("add", lambda: super(ForgivingRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._forgiving("get", lambda: super(ForgivingRedisCache, self).get(key, default, version), default)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._forgiving("set", lambda: super(ForgivingRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._forgiving("touch", lambda: super(ForgivingRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._forgiving("delete", lambda: super(ForgivingRedisCache, self).delete(key, version), False)

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._forgiving("get_many", lambda: super(ForgivingRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._forgiving("has_key", lambda: super(ForgivingRedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        # As for a key that is not there (ValueError): callers already handle a miss.
        if time.monotonic() < self.down_until:
            raise ValueError(f"Key {key!r} not found (the cache is unreachable).")
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            self._went_down("incr", error)
            raise ValueError(f"Key {key!r} not found (the cache is unreachable).") from error

    def set_many(self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        return self._forgiving(
            "set_many", lambda: super(ForgivingRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._forgiving("delete_many", lambda: super(ForgivingRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        self._forgiving("clear", lambda: super(ForgivingRedisCache, self).clear(), None)
