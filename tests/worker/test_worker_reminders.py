"""Reminders through a real Celery worker on Redis (SPEC §8): the beat task run twice
sends one email, and a worker killed in the middle of sending gets the task back
from the broker and sends it — once.

The reminder due: a paper for a meeting on Thursday 18 March 2027 whose deadline,
Thursday 4 March, is 5 working days after Thursday 25 February.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from zoneinfo import ZoneInfo

import pytest

from meetings.models import AgendaItem, Meeting, Paper, Purpose, SentReminder
from meetings.tasks import send_due_reminders

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DAY = "2027-02-25"
AUTHOR = "author@example.org"


@pytest.fixture
def paper_due(board) -> Paper:
    """One reminder is due on DAY: the paper's author, 5 working days before the deadline."""
    meeting = Meeting.objects.create(
        board=board, start=dt.datetime(2027, 3, 18, 10, tzinfo=ZoneInfo("Europe/London")), venue="County Hall"
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="Joint strategy", purpose=Purpose.DECISION)
    return Paper.objects.create(item=item, title="Joint strategy 2027", author_email=AUTHOR)


def test_the_beat_task_run_twice_by_the_worker_sends_one_email(worker, paper_due) -> None:
    first = send_due_reminders.delay(DAY)
    second = send_due_reminders.delay(DAY)

    worker.wait_for(
        lambda: worker.task_result(first.id) is not None and worker.task_result(second.id) is not None,
        "both runs of send_due_reminders to finish",
    )
    worker.wait_for(lambda: SentReminder.objects.filter(sent_at__isnull=False).exists(), "the reminder to be recorded")

    assert sorted([worker.task_result(first.id), worker.task_result(second.id)]) == ["0", "1"]
    assert [message["To"] for message in worker.messages()] == [AUTHOR]
    reminder = SentReminder.objects.get()
    assert (reminder.key, reminder.recipient) == (f"paper:{paper_due.pk}:deadline-5", AUTHOR)


def test_a_worker_killed_while_sending_gets_the_task_back_and_sends_once(worker, paper_due) -> None:
    result = send_due_reminders.delay(DAY)
    worker.wait_for(worker.sending_pids, "the worker to start sending the email")
    (pid,) = worker.sending_pids()
    assert worker.is_pool_child(pid), "the email is sent by the prefork pool child"
    # Mid-send: the reminder's row is inserted but not committed, and no email is written.
    assert not SentReminder.objects.exists()
    assert worker.messages() == []

    os.kill(pid, signal.SIGKILL)

    # acks_late + reject_on_worker_lost: the parent rejects the message, Redis
    # redelivers it at once, and a fresh pool child runs the task again.
    worker.wait_for(lambda: worker.task_result(result.id) is not None, "the redelivered task to finish", timeout=45)
    log = worker.log_text()
    assert "WorkerLostError" in log, worker.tail()
    assert worker.task_result(result.id) == "1"
    assert [message["To"] for message in worker.messages()] == [AUTHOR]
    reminder = SentReminder.objects.get()
    assert reminder.sent_at is not None
    assert reminder.key == f"paper:{paper_due.pk}:deadline-5"
    attempts = worker.sending_pids()
    assert len(set(attempts)) == 2 and pid in attempts, "the second attempt ran in a new pool child"
