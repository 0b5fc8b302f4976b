"""The fixed-window counts behind the rate limits (governance/ratelimit.py) and the
open data API's throttle (api/throttling.py): on Redis, one round trip that always
leaves the count with its expiry; with Redis away, nothing refused."""

from __future__ import annotations

import os
import uuid
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from governance.cache import ForgivingRedisCache


@pytest.fixture
def redis_cache() -> ForgivingRedisCache:
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("REDIS_URL is not set (CI=true: the Redis tests must run)", pytrace=False)
        pytest.skip("REDIS_URL is not set: these tests need Redis")
    cache = ForgivingRedisCache(url, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    assert cache.add("reachable", 1, 5), f"Redis at {url} is not reachable"
    return cache


def test_a_window_counts_up_in_one_round_trip_and_always_expires(redis_cache) -> None:
    client = redis_cache._cache.get_client(write=True)
    sent: list[Any] = []
    execute = client.execute_command

    def counting(*args: Any, **kwargs: Any) -> Any:
        sent.append(args[0])
        return execute(*args, **kwargs)

    client.execute_command = counting
    try:
        assert [redis_cache.count_in_window("address", 60) for _ in range(3)] == [1, 2, 3]
    finally:
        client.execute_command = execute
    assert sent == [], "the counts went by pipeline (MULTI/EXEC), not one command at a time"
    name = redis_cache.make_key("address")
    assert 0 < client.ttl(name) <= 60  # the first count's expiry, kept by the later ones
    assert redis_cache.get("address") == 3  # Django reads the count as a number


def test_a_window_is_new_once_it_has_expired(redis_cache) -> None:
    client = redis_cache._cache.get_client(write=True)
    redis_cache.count_in_window("address", 60)
    client.delete(redis_cache.make_key("address"))  # as when the window ends
    assert redis_cache.count_in_window("address", 60) == 1
    assert client.ttl(redis_cache.make_key("address")) > 0


def test_with_redis_away_every_count_is_the_first() -> None:
    away = ForgivingRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    assert [away.count_in_window("address", 60) for _ in range(3)] == [1, 1, 1]


def test_the_api_refuses_past_the_rate_until_the_window_turns(db, client, settings) -> None:
    settings.API_ANON_RATE = "3/min"
    url = reverse("api:event_list")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    # Another address has a count of its own.
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_a_made_up_forwarded_address_is_no_fresh_count(db, client, settings) -> None:
    """Without the proxy the connection's address counts; behind it, the address the
    proxy added last, whatever the client put before it."""
    settings.API_ANON_RATE = "2/min"
    url = reverse("api:event_list")
    made_up = [client.get(url, HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code for i in range(4)]
    assert made_up == [200, 200, 429, 429]

    settings.BEHIND_PROXY = True
    behind = [
        client.get(url, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.9").status_code
        for i in range(4)
    ]
    assert behind == [200, 200, 429, 429]
    other = client.get(url, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.status_code == 200  # another client behind the same proxy
