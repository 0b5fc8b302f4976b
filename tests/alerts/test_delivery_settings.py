"""GOV.UK Notify delivers the alerts when GOVUK_NOTIFY_API_KEY is set, Django's email
otherwise (settings, "Email alerts"); Notify is never called here. And the sweep is
a periodic task row that beat, and `make run`'s runner, read."""

from __future__ import annotations

import json

import pytest
from django.core.mail import EmailMessage
from django_celery_beat.models import PeriodicTask

from alerts import emails
from alerts.notify import NotifyAlertsBackend, one_click_url
from governance import periodic
from tests.test_settings import production_env, run

PRINT = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")
from django.conf import settings
print(json.dumps({"backend": settings.ALERTS_EMAIL_BACKEND, "email": settings.EMAIL_BACKEND,
                  "template": settings.GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID}))
"""
TEMPLATE = "43573f75-80e7-402f-b308-e5f1066fbd6f"


def alert_settings(**env: str) -> dict[str, str]:
    result = run(["-c", PRINT], production_env(**env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_notify_key_alerts_use_djangos_email() -> None:
    values = alert_settings()
    assert values["backend"] == ""


def test_with_a_notify_key_alerts_go_through_notify() -> None:
    values = alert_settings(GOVUK_NOTIFY_API_KEY="test-key", GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID=TEMPLATE)
    assert values["backend"] == "alerts.notify.NotifyAlertsBackend"
    assert values["template"] == TEMPLATE
    assert values["email"] != values["backend"]  # only the alerts switch


def test_a_notify_key_without_a_template_fails_loudly() -> None:
    result = run(["-c", PRINT], production_env(GOVUK_NOTIFY_API_KEY="test-key"))
    assert result.returncode != 0
    assert "GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID" in result.stderr


def test_the_alerts_connection_follows_the_switch(settings) -> None:
    settings.ALERTS_EMAIL_BACKEND = ""
    assert type(emails.connection()).__module__ == "django.core.mail.backends.locmem"
    settings.ALERTS_EMAIL_BACKEND = "alerts.notify.NotifyAlertsBackend"
    settings.GOVUK_NOTIFY_API_KEY = "test-key"
    assert isinstance(emails.connection(), NotifyAlertsBackend)


class FakeNotify:
    def __init__(self) -> None:
        self.posted: list[tuple[str, dict[str, object]]] = []

    def post(self, url: str, data: dict[str, object]) -> dict[str, str]:
        self.posted.append((url, data))
        return {"id": "sent"}


def test_the_notify_backend_passes_the_one_click_link_on(settings) -> None:
    settings.GOVUK_NOTIFY_API_KEY = "test-key"
    settings.GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = TEMPLATE
    backend = NotifyAlertsBackend()
    backend.client = FakeNotify()  # never the real service
    url = "https://accord.example/alerts/unsubscribe/abc/"
    alert = EmailMessage(
        "Agenda published",
        "Body",
        to=["reader@example.net"],
        headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    plain = EmailMessage("Confirm", "Body", to=["reader@example.net"])

    assert backend.send_messages([alert, plain]) == 2

    (path, first), (_, second) = backend.client.posted
    assert path == "/v2/notifications/email"
    assert first == {
        "email_address": "reader@example.net",
        "template_id": TEMPLATE,
        "personalisation": {"subject": "Agenda published", "body": "Body"},
        "one_click_unsubscribe_url": url,
    }
    assert "one_click_unsubscribe_url" not in second
    assert one_click_url(plain) == ""


@pytest.mark.django_db
def test_the_sweep_is_a_periodic_task_every_five_minutes(monkeypatch) -> None:
    task = PeriodicTask.objects.get(task="alerts.tasks.send_due_alerts")
    assert task.enabled and task.interval is not None
    assert (task.interval.every, task.interval.period) == (5, "minutes")

    swept: list[str] = []
    monkeypatch.setattr("alerts.actions.alerts_send_due", lambda **kwargs: swept.append("swept") or 0)
    runs = [run for run in periodic.run_due_tasks() if run.task == "alerts.tasks.send_due_alerts"]

    assert [r.ok for r in runs] == [True]
    assert swept == ["swept"]
