"""Email alerts through a real Celery worker on Redis (issue 9 item 3, SPEC §8):
subscribe → confirm → publish → exactly one email → one-click unsubscribe → publish →
no email, with the confirmation and the alerts sent by the worker; and a worker killed
while sending an alert gets the task back and sends it once.
"""

from __future__ import annotations

import os
import re
import signal
from email.message import Message
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts.models import AlertDelivery, Scope, Subscriber, Subscription
from alerts.tasks import send_due_alerts
from meetings.models import Meeting, MeetingStatus

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

READER = "reader@example.net"


def body_of(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def path_of(url: str) -> str:
    return urlsplit(url).path


def publish_agenda(board, title: str) -> Meeting:
    now = timezone.now()
    return Meeting.objects.create(
        board=board,
        title=title,
        start=now + timezone.timedelta(days=21),
        venue="County Hall",
        status=MeetingStatus.AGENDA_PUBLISHED,
        agenda_published_at=now,
    )


def test_subscribe_confirm_publish_one_email_unsubscribe_publish_no_email(worker, board, settings) -> None:
    settings.ALERTS_RATE_PER_ADDRESS = settings.ALERTS_RATE_PER_CLIENT = 1000  # the counters live in Redis
    client = Client()

    response = client.post(reverse("alerts:subscribe"), {"email": READER, "follow": Scope.BOARD, "board": board.pk})
    assert response.status_code == 200
    worker.wait_for(lambda: len(worker.messages()) == 1, "the worker to send the confirmation email")
    (confirmation,) = worker.messages()
    assert confirmation["To"] == READER
    (confirm_url,) = re.findall(r"https?://\S+/alerts/confirm/\S+", body_of(confirmation))
    assert client.post(path_of(confirm_url)).status_code == 302
    assert Subscription.objects.active().count() == 1

    meeting = publish_agenda(board, "Spring meeting")
    first = send_due_alerts.delay()
    worker.wait_for(lambda: worker.task_result(first.id) is not None, "the sweep to finish")
    assert worker.task_result(first.id) == "1"
    again = send_due_alerts.delay()
    worker.wait_for(lambda: worker.task_result(again.id) is not None, "the second sweep to finish")
    assert worker.task_result(again.id) == "0"

    confirmation, alert = worker.messages()
    assert alert["To"] == READER
    assert "Spring meeting" in alert["Subject"]
    assert meeting.get_absolute_url() in body_of(alert)
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = " ".join(str(alert["List-Unsubscribe"]).split())
    assert header.startswith("<") and header.endswith(">")

    # One click, as a mail client does it: a POST without a CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        path_of(header[1:-1]), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.active().exists()

    publish_agenda(board, "Summer meeting")
    last = send_due_alerts.delay()
    worker.wait_for(lambda: worker.task_result(last.id) is not None, "the last sweep to finish")
    assert worker.task_result(last.id) == "0"
    assert len(worker.messages()) == 2
    assert AlertDelivery.objects.count() == 1


def test_a_worker_killed_while_sending_an_alert_gets_the_task_back_and_sends_once(worker, board) -> None:
    subscriber = Subscriber.objects.create(email=READER)
    Subscription.objects.create(
        subscriber=subscriber, scope=Scope.BOARD, board=board, key=f"board:{board.pk}", confirmed_at=timezone.now()
    )
    publish_agenda(board, "Spring meeting")

    result = send_due_alerts.delay()
    worker.wait_for(worker.sending_pids, "the worker to start sending the alert")
    (pid,) = worker.sending_pids()
    assert worker.is_pool_child(pid)
    # Mid-send: the delivery row is inserted but not committed, and no email is written.
    assert not AlertDelivery.objects.exists()
    assert worker.messages() == []

    os.kill(pid, signal.SIGKILL)

    worker.wait_for(lambda: worker.task_result(result.id) is not None, "the redelivered sweep to finish", timeout=45)
    assert "WorkerLostError" in worker.log_text(), worker.tail()
    assert worker.task_result(result.id) == "1"
    assert [message["To"] for message in worker.messages()] == [READER]
    delivery = AlertDelivery.objects.get()
    assert delivery.sent_at is not None
