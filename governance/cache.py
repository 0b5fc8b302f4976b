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
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError as RedisResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER = 5.0  # seconds the cache counts as down after a failure

T = TypeVar("T")


class ReusedRedisClient(RedisCacheClient):
    """Django's client, keeping one redis-py client per connection pool rather than
    making one for each operation (each new one builds its table of some 170 response
    callbacks: a quarter of a millisecond, three or four times a request). A redis-py
    client is safe to share; its pool hands each command a connection."""

    def __init__(self, servers: Any, **options: Any) -> None:
        super().__init__(servers, **options)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own private helpers, which django-stubs does not declare.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class ForgivingRedisCache(RedisCache):
    down_until = 0.0  # time.monotonic() before which Redis is not tried (per instance)

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedRedisClient

    def validate_key(self, key: str) -> None:
        """Nothing to check: Redis takes any key (Django's check is memcached's rules,
        a loop over every character of every key)."""

    def _forgiving(self, operation: str, call: Callable[[], T], fallback: T) -> T:
        if time.monotonic() < self.down_until:
            return fallback
        try:
            return call()
        except UNREACHABLE as error:
            self._went_down(operation, error)
            return fallback

    def _writing(self, operation: str, call: Callable[[], T], fallback: T) -> T:
        """A write, forgiven as any operation, and also when Redis refuses it (full, with
        no eviction: OutOfMemoryError; read-only): the value is simply not kept, and
        reads go on."""
        try:
            return self._forgiving(operation, call, fallback)
        except RedisResponseError as error:
            logger.warning("Cache refused a write (%s skipped): %s", operation, error)
            return fallback

    def _went_down(self, operation: str, error: Exception) -> None:
        self.down_until = time.monotonic() + RETRY_AFTER
        logger.warning("Cache unreachable (%s skipped; not tried for %.0f s): %s", operation, RETRY_AFTER, error)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._writing("add", lambda: super(ForgivingRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._forgiving("get", lambda: super(ForgivingRedisCache, self).get(key, default, version), default)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._writing("set", lambda: super(ForgivingRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._writing("touch", lambda: super(ForgivingRedisCache, self).touch(key, timeout, version), False)

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
        except RedisResponseError as error:  # refused (full): as a key not there
            raise ValueError(f"Key {key!r} not incremented: {error}") from error
        except UNREACHABLE as error:
            self._went_down("incr", error)
            raise ValueError(f"Key {key!r} not found (the cache is unreachable).") from error

    def count_in_window(self, key: str, window: int) -> int:
        """Add one to the count under ``key``, which lasts ``window`` seconds from the
        first; the count so far. One round trip: SET NX with the expiry and INCR, in one
        MULTI/EXEC, so that no count is ever left without its expiry. While Redis cannot
        be reached, or refuses the write, the count reads as the first (nothing is
        refused: governance/ratelimit.py)."""

        def count() -> int:
            name = self.make_and_validate_key(key)
            client = self._cache.get_client(name, write=True)  # type: ignore[attr-defined]  # Django's own
            pipeline = client.pipeline(transaction=True)
            pipeline.set(name, 0, ex=window, nx=True)
            pipeline.incr(name)
            return int(pipeline.execute()[1])

        return self._writing("count_in_window", count, 1)

    def set_many(self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        return self._writing(
            "set_many", lambda: super(ForgivingRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._forgiving("delete_many", lambda: super(ForgivingRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        self._forgiving("clear", lambda: super(ForgivingRedisCache, self).clear(), None)
