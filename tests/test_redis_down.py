"""Redis down (issue 11 item 9): the web keeps serving. A change that queues a PDF or an
email is saved and the officer is told the side effect is delayed, never shown a 500
(governance/queue.py); the pages reading the cache serve with the cache unreachable
(governance/cache.py); and once Redis is back the periodic sweeps queue what was missed.

The broker is a closed port on this machine (nothing listens on port 1), with one quick
try to publish, so each test takes a second at most. No worker is involved: the tests of
a real worker under faults are in tests/worker/test_worker_faults.py.
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.cache import cache, caches
from django.urls import reverse
from django.utils import timezone

from governance import queue
from governance.celery import app as celery_app
from meetings import actions, pdf
from meetings.models import AgendaItem, Meeting, MeetingStatus, Purpose, RenderedDocument, SentReminder
from meetings.reminders import AGENDA_PUBLISHED
from meetings.tasks import send_due_reminders, sweep_renders

DEAD = "redis://127.0.0.1:1/0"


def _reset_producer_pool() -> None:
    """Celery keeps its producer connections: make the next publish connect to the
    broker_url now configured."""
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@pytest.fixture
def broker_down() -> Iterator[Callable[[], None]]:
    """Celery really sends (not eager), to a broker that refuses connections, trying once.
    Gives the function that brings the broker back (also run at the end)."""
    conf = celery_app.conf
    names = (
        "broker_url",
        "task_always_eager",
        "broker_connection_timeout",
        "broker_connection_max_retries",
        "broker_transport_options",
        "task_publish_retry_policy",
    )
    saved = {name: conf[name] for name in names}
    conf.broker_url = DEAD
    conf.task_always_eager = False
    conf.broker_connection_timeout = 0.5
    conf.broker_connection_max_retries = 0
    conf.broker_transport_options = {**(saved["broker_transport_options"] or {}), "socket_connect_timeout": 0.5}
    conf.task_publish_retry_policy = {"max_retries": 0}
    _reset_producer_pool()
    queue.broker_back()

    def back() -> None:
        for name, value in saved.items():
            conf[name] = value
        _reset_producer_pool()
        queue.broker_back()

    yield back
    back()


@pytest.fixture
def cache_down(settings: Any) -> Iterator[None]:
    """The default cache is the project's Redis cache, on Redis that is not there."""
    settings.CACHES = {
        "default": {
            "BACKEND": "governance.cache.ForgivingRedisCache",
            "LOCATION": DEAD,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    assert type(caches["default"]).__name__ == "ForgivingRedisCache"
    yield


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def meeting(board, officer, seat, member) -> Meeting:
    """A meeting five weeks ahead with one item (no paper yet) and a member's seat."""
    member.person.email = member.email
    member.person.save(update_fields=["email"])
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=35)
    meeting = Meeting.objects.create(board=board, start=start, venue="County Hall")
    actions.item_add(meeting, title="Budget", purpose=Purpose.DECISION, by=officer)
    return meeting


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# ---------------------------------------------------------------------------
# enqueue never raises


@pytest.mark.django_db
def test_enqueue_with_the_broker_down_logs_a_warning_and_says_the_task_is_delayed(
    broker_down, caplog, django_capture_on_commit_callbacks
) -> None:
    with caplog.at_level(logging.WARNING, logger="governance.queue"), queue.noting_delays() as delayed:
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):  # the commit: no exception out of it
            assert queue.enqueue(sweep_renders) is True
            # The next tries do not wait on the dead broker again (RETRY_AFTER).
            queue.enqueue(sweep_renders)
            queue.enqueue(send_due_reminders, "2027-02-25")
        elapsed = time.monotonic() - started

    assert delayed == [
        "meetings.tasks.sweep_renders",
        "meetings.tasks.sweep_renders",
        "meetings.tasks.send_due_reminders",
    ]
    assert [r.levelno for r in caplog.records] == [logging.WARNING] * 3
    assert "Could not queue meetings.tasks.sweep_renders" in caplog.records[0].getMessage()
    assert elapsed < 5, elapsed


@pytest.mark.django_db
def test_outside_noting_delays_a_failed_enqueue_is_only_logged(broker_down, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        queue.enqueue(sweep_renders)  # nothing raised, nothing noted anywhere


# ---------------------------------------------------------------------------
# The officer is told, the change is saved


@pytest.mark.django_db(transaction=True)
def test_an_officer_publishing_an_agenda_with_redis_down_is_told_its_pdf_and_emails_are_delayed(
    broker_down, officer_client, meeting, member
) -> None:
    response = officer_client.post(
        reverse("meetings:manage_agenda_publish", args=[meeting.pk]), {"confirm_missing": "yes"}
    )

    assert response.status_code == 302
    assert _messages(response) == [
        "The agenda has been published. Its PDF and the emails to members are delayed: "
        "they will follow when the background service is back."
    ]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert meeting.agenda_published_at is not None
    # The render is claimed in the database, for the sweep to find; no email has gone.
    assert RenderedDocument.objects.filter(meeting=meeting).exists()
    assert not SentReminder.objects.exists()
    assert mail.outbox == []
    # The meeting's page, where the redirect goes, is served too.
    assert officer_client.get(response["Location"]).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_an_officer_publishing_minutes_with_redis_down_is_told_their_pdf_is_delayed(
    broker_down, officer_client, meeting, officer
) -> None:
    with queue.side_effects_paused():
        actions.agenda_publish(meeting, by=officer, confirm_missing=True)
    item: AgendaItem = meeting.items.get()
    item.minutes = "Agreed."
    item.save()
    Meeting.objects.filter(pk=meeting.pk).update(
        start=timezone.now() - dt.timedelta(days=2), status=MeetingStatus.MINUTES_APPROVED
    )

    response = officer_client.post(reverse("meetings:manage_minutes_publish", args=[meeting.pk]), {})

    assert response.status_code == 302, response.content.decode()[:2000]
    assert _messages(response) == [
        "The minutes have been published. Their PDF is delayed: they will follow when the background service is back."
    ]
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is not None


@pytest.mark.django_db(transaction=True)
def test_once_redis_is_back_the_next_sweeps_render_the_pdf_and_send_the_emails(
    broker_down, officer_client, meeting, member, request
) -> None:
    officer_client.post(reverse("meetings:manage_agenda_publish", args=[meeting.pk]), {"confirm_missing": "yes"})
    assert not RenderedDocument.objects.filter(meeting=meeting, status="ready").exists()

    broker_down()  # Redis is back ...
    request.getfixturevalue("eager_tasks")  # ... and here the tasks run in this process

    # The next render sweep after the claim went stale queues the render again ...
    later = timezone.now() + pdf._stale_after() + dt.timedelta(minutes=1)
    assert pdf.renders_sweep(now=later) == 1
    assert set(RenderedDocument.objects.filter(meeting=meeting).values_list("status", flat=True)) == {"ready"}
    # ... and the next reminder sweep sends the agenda-published email, once.
    first = send_due_reminders(timezone.localdate().isoformat())
    again = send_due_reminders(timezone.localdate().isoformat())
    assert (first, again) == (1, 0)
    sent = SentReminder.objects.filter(kind=AGENDA_PUBLISHED)
    assert member.email in {row.recipient for row in sent}
    assert len([m for m in mail.outbox if member.email in m.to]) == 1


# ---------------------------------------------------------------------------
# Anonymous pages with the cache unreachable


@pytest.mark.django_db
def test_public_pages_and_the_calendar_feed_serve_with_the_cache_unreachable(cache_down, client, meeting) -> None:
    assert cache.get("anything") is None  # a miss, not an error
    cache.set("anything", 1)
    for name in ("home", "meetings:ics"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name


@pytest.mark.django_db(transaction=True)  # autocommit, as served: on_commit runs in the view
def test_subscribing_to_alerts_with_redis_down_answers_the_page_not_a_500(
    cache_down, broker_down, client, board
) -> None:
    """The rate limits cannot be counted and the confirmation email cannot be queued:
    the page still answers (the limits are not applied while the cache is away), and
    says to try again, since nothing would send that email later."""
    response = client.post(
        reverse("alerts:subscribe"), {"email": "reader@example.net", "follow": "board", "board": str(board.pk)}
    )
    manage = client.post(reverse("alerts:manage_request"), {"email": "reader@example.net"})
    for answer in (response, manage):
        assert answer.status_code == 503
        assert b"Sorry, we cannot send the email just now" in answer.content
        assert answer["Retry-After"] == "300"


@pytest.mark.django_db
def test_the_page_cache_with_redis_down_renders_every_page(client, cache_down, meeting, settings) -> None:
    """The public page cache is a miss, not a wait or a 500, while Redis is down."""
    settings.PAGE_CACHE_SECONDS = 60
    url = reverse("meetings:list")
    started = time.monotonic()
    for _ in range(2):
        assert client.get(url).status_code == 200
    assert time.monotonic() - started < 10  # two lookups that fail fast, no waiting on a lock


@pytest.fixture
def cache_hanging(settings: Any) -> Iterator[None]:
    """The default cache on a Redis that accepts connections and never answers (a frozen
    process): each operation would wait for its socket timeout."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)  # connections complete in the backlog; nothing ever reads them
        port = listener.getsockname()[1]
        settings.CACHES = {
            "default": {
                "BACKEND": "governance.cache.ForgivingRedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
        yield


@pytest.mark.django_db
def test_a_hanging_redis_costs_one_timeout_not_one_per_operation(client, cache_hanging, meeting, settings) -> None:
    """After the first timeout the cache is not tried for a few seconds: a page makes
    several cache operations (page cache, lock, session), and none waits again."""
    settings.PAGE_CACHE_SECONDS = 60
    url = reverse("meetings:list")
    started = time.monotonic()
    for _ in range(3):
        assert client.get(url).status_code == 200
    assert time.monotonic() - started < 2.5  # one 0.5 s timeout, not one for each of ~15 operations


def test_a_full_redis_refusing_writes_only_means_nothing_more_is_kept(caplog) -> None:
    from redis.exceptions import OutOfMemoryError

    from governance.cache import ForgivingRedisCache

    cache = ForgivingRedisCache("redis://127.0.0.1:1/0", {})

    class Full:
        def set(self, *args: object, **kwargs: object) -> None:
            raise OutOfMemoryError("command not allowed when used memory > 'maxmemory'")

        incr = add = set

    cache.__dict__["_cache"] = Full()  # the client Django would have made
    cache.set("page", b"kept?", 60)  # no 500: skipped, logged
    assert cache.add("page", b"kept?", 60) is False
    with pytest.raises(ValueError):
        cache.incr("page-cache-bytes", 10)
    assert cache.down_until == 0.0, "reads go on: Redis is up, only full"
    assert "refused a write" in caplog.text
