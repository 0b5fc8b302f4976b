"""Helpers of the alert tests: subscribe and confirm through the pages, publish rows,
and run the sweep. Celery runs eagerly here (CI sets REDIS_URL, but these tests need no
worker: tests/worker/test_worker_alerts.py has one) and the rate-limit counters start
at zero in every test, in a cache of their own."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts.actions import alerts_send_due
from alerts.models import Scope, Subscription

SITE = "https://accord.example"
LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def _alerts_setup(settings: Any, eager_tasks: None) -> Iterator[None]:
    settings.SITE_URL = SITE
    # The rate-limit counters in a cache of these tests' own: with REDIS_URL (CI) the
    # default cache is the Redis the broker uses, which must not be flushed.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "alerts"}}
    assert type(caches["default"]).__module__ == "django.core.cache.backends.locmem"
    cache.clear()
    yield
    cache.clear()


def links(body: str, path: str) -> list[str]:
    """The absolute links in an email body whose path starts with `path`."""
    return [url for url in LINK.findall(body) if url.startswith(SITE + path)]


def local(url: str) -> str:
    """An absolute link of an email as the test client requests it."""
    assert url.startswith(SITE), url
    return url[len(SITE) :]


def unsubscribe_header_url(message: mail.EmailMessage) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<") and header.endswith(">"), header
    return header[1:-1]


@pytest.fixture
def subscribe(client: Client, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Post the subscribe form (the confirmation email is sent on commit)."""

    def post(email: str, follow: str, **fields: Any) -> Any:
        data = {"email": email, "follow": follow, **{k: str(v) for k, v in fields.items()}}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("alerts:subscribe"), data)

    return post


@pytest.fixture
def confirm(client: Client) -> Callable[[mail.EmailMessage], Subscription]:
    """Open the confirmation link of an email and press Confirm."""

    def press(message: mail.EmailMessage) -> Subscription:
        (url,) = links(message.body, "/alerts/confirm/")
        assert client.get(local(url)).status_code == 200
        response = client.post(local(url))
        assert response.status_code == 302, response.content
        return Subscription.objects.latest("pk")

    return press


@pytest.fixture
def subscribed(subscribe: Callable[..., Any], confirm: Callable[..., Subscription]) -> Callable[..., Subscription]:
    """Subscribe and confirm through the pages; the outbox is emptied after."""

    def make(email: str, follow: str = Scope.BOARD, **fields: Any) -> Subscription:
        before = len(mail.outbox)
        assert subscribe(email, follow, **fields).status_code == 200
        subscription = confirm(mail.outbox[before])
        mail.outbox.clear()
        return subscription

    return make


@pytest.fixture
def sweep() -> Callable[[], int]:
    def run(now: dt.datetime | None = None) -> int:
        return alerts_send_due(now=now or timezone.now())

    return run


def later(seconds: float = 1) -> dt.datetime:
    return timezone.now() + dt.timedelta(seconds=seconds)
