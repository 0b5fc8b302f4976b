"""Background work under faults, through a real Celery worker on Redis (SPEC §8; issue 11
items 8 and 9).

* kill -9 of the whole worker (main process and pool, as when its container is killed)
  in the middle of sending a reminder: the message is left unacknowledged in Redis until
  the visibility timeout, but the next beat's sweep, run by the restarted worker, sends
  the reminder — once; when Redis later hands the stranded message out again it sends
  nothing.
* Redis losing its queues mid-sweep (a restart without persistence; simulated by purging
  the queues of this test run's Redis database, since the Redis is shared): the render and
  the agenda email queued by publishing an agenda are lost, and the next beat's sweeps
  render the PDFs and send the email — once.

Run only with a Redis database and a PostgreSQL database of your own, e.g.
REDIS_URL=redis://127.0.0.1:6379/7 DATABASE_URL=postgres://postgres@127.0.0.1:5432/accord_faults.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from governance.celery import app
from meetings import actions
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    Paper,
    Purpose,
    RenderedDocument,
    RenderStatus,
    SentReminder,
)
from meetings.reminders import AGENDA_PUBLISHED, PAPER_DEADLINE
from meetings.tasks import send_due_reminders, sweep_renders

from .conftest import QUEUES, Worker

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DAY = "2027-02-25"  # the paper's 5-working-day reminder is due (test_worker_reminders.py)
AUTHOR = "author@example.org"
RENDER_TIMEOUT = 90.0  # the worker's first render imports WeasyPrint and loads its fonts
# The render sweep's beat interval (meetings/migrations/0006).
BEAT_INTERVAL = dt.timedelta(minutes=10)


@pytest.fixture
def paper_due(board) -> Paper:
    meeting = Meeting.objects.create(
        board=board, start=dt.datetime(2027, 3, 18, 10, tzinfo=ZoneInfo("Europe/London")), venue="County Hall"
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="Joint strategy", purpose=Purpose.DECISION)
    return Paper.objects.create(item=item, title="Joint strategy 2027", author_email=AUTHOR)


@pytest.fixture
def rendered_files() -> Iterator[None]:
    """The PDFs the worker saves (it shares MEDIA_ROOT), deleted after the test."""
    yield
    for document in RenderedDocument.objects.exclude(file=""):
        document.file.storage.delete(document.file.name)


def _unacked() -> dict[str, Any]:
    """Task id -> delivery tag of each message Redis has delivered and not had acknowledged."""
    with app.connection_for_write() as conn:
        channel: Any = conn.default_channel
        found = {}
        for tag, payload in channel.client.hgetall(channel.unacked_key).items():
            message = json.loads(payload)[0]
            found[message["headers"]["id"]] = tag.decode() if isinstance(tag, bytes) else tag
        return found


def _visibility_timeout_passes(task_id: str) -> None:
    """What Redis does with an unacknowledged message once the visibility timeout has
    passed (kombu's restore_visible): it goes back on its queue."""
    with app.connection_for_write() as conn:
        channel: Any = conn.default_channel
        channel.qos.restore_by_tag(_unacked()[task_id], client=channel.client)


def _redis_loses_the_queues() -> None:
    """A Redis restart without persistence: whatever waited in the queues is gone."""
    with app.connection_for_write() as conn:
        channel: Any = conn.default_channel
        for name in QUEUES:
            channel.queue_purge(name)


def _finished(worker: Worker, result: Any, timeout: float = 45.0) -> str:
    worker.wait_for(lambda: worker.task_result(result.id) is not None, f"task {result.id} to finish", timeout)
    value = worker.task_result(result.id)
    assert value is not None
    return value


def test_a_worker_killed_outright_mid_sweep_is_made_up_by_the_next_beat_once(worker, paper_due) -> None:
    lost = send_due_reminders.delay(DAY)
    worker.wait_for(worker.sending_pids, "the worker to start sending the reminder")
    assert not SentReminder.objects.exists()  # its row is not committed until the email is out

    worker.kill()  # kill -9: main process and pool

    assert worker.messages() == []
    assert not SentReminder.objects.exists()
    # Stranded: delivered, never acknowledged; Redis keeps it until the visibility timeout.
    assert lost.id in _unacked()

    worker.start()
    next_beat = send_due_reminders.delay(DAY)
    assert _finished(worker, next_beat) == "1"
    assert [message["To"] for message in worker.messages()] == [AUTHOR]
    reminder = SentReminder.objects.get()
    assert (reminder.kind, reminder.key, reminder.recipient) == (
        PAPER_DEADLINE,
        f"paper:{paper_due.pk}:deadline-5",
        AUTHOR,
    )

    # Half an hour later Redis hands the stranded message out again: it sends nothing.
    _visibility_timeout_passes(lost.id)
    assert _finished(worker, lost) == "0"
    assert [message["To"] for message in worker.messages()] == [AUTHOR]
    assert SentReminder.objects.count() == 1
    assert lost.id not in _unacked()


def test_queues_lost_mid_sweep_are_made_up_by_the_next_beat(
    worker, paper_due, board, officer, seat, member, rendered_files
) -> None:
    member.person.email = member.email
    member.person.save(update_fields=["email"])
    meeting = Meeting.objects.create(
        board=board, start=timezone.now().replace(microsecond=0) + dt.timedelta(days=35), venue="County Hall"
    )
    actions.item_add(meeting, title="Budget", purpose=Purpose.DECISION, by=officer)

    # The worker is in the middle of a sweep (sending a reminder, a few seconds)...
    sweep = send_due_reminders.delay(DAY)
    worker.wait_for(worker.sending_pids, "the worker to start sending the reminder")
    # ... when an officer publishes an agenda: its render and its email are queued ...
    actions.agenda_publish(meeting, by=officer, confirm_missing=True)
    # ... and Redis restarts, losing them.
    _redis_loses_the_queues()
    assert _finished(worker, sweep) == "1"

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    documents = RenderedDocument.objects.filter(meeting=meeting)
    assert set(documents.values_list("status", flat=True)) == {RenderStatus.PENDING}
    assert not SentReminder.objects.filter(kind=AGENDA_PUBLISHED).exists()

    # The next beat, ten minutes on: the render sweep finds the claim stale and queues
    # the render again; the reminder sweep sends the agenda email.
    documents.update(requested_at=timezone.now() - BEAT_INTERVAL)
    renders = sweep_renders.delay()
    reminders = send_due_reminders.delay()
    assert _finished(worker, renders) == "1"
    worker.wait_for(
        lambda: not documents.exclude(status=RenderStatus.READY).exists(), "the PDFs to be rendered", RENDER_TIMEOUT
    )
    assert _finished(worker, reminders) == "1"
    agenda_emails = [m for m in worker.messages() if m["To"] == member.email]
    assert len(agenda_emails) == 1 and "Agenda published" in agenda_emails[0]["Subject"]

    # A second beat finds nothing left to do.
    again = (sweep_renders.delay(), send_due_reminders.delay())
    assert [_finished(worker, result) for result in again] == ["0", "0"]
    assert len([m for m in worker.messages() if m["To"] == member.email]) == 1
    assert SentReminder.objects.filter(kind=AGENDA_PUBLISHED, recipient=member.email).count() == 1
