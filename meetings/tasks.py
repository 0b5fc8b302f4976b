"""Celery tasks: thin, take ids, safe to run twice (SPEC §8)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from celery import shared_task
from celery.signals import worker_process_init
from django.conf import settings
from django.utils import timezone

from .reminders import ReminderDeliveryError

logger = logging.getLogger(__name__)


@worker_process_init.connect
def warm_up_renderer(**kwargs: Any) -> None:
    """Each worker process loads WeasyPrint and the fonts when it starts, not during the
    first render an officer waits for (issue 11 item 14). A failure here is only logged:
    a render that cannot run fails, and is reported, on its own."""
    from .pdf import warm_up

    try:
        warm_up()
    except Exception:
        logger.exception("The PDF renderer could not be warmed up")


@shared_task(
    acks_late=True,
    soft_time_limit=settings.PDF_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.PDF_TASK_TIME_LIMIT,
)
def render_meeting_documents(meeting_id: int) -> None:
    """Render the agenda pack and minutes PDFs of a meeting when their content changed."""
    from .pdf import render_meeting_documents as render

    render(meeting_id)


@shared_task(acks_late=True)
def sweep_renders() -> int:
    """Beat: queue the renders no action asked for (lost, failed, out of date)."""
    from .pdf import renders_sweep

    return renders_sweep(now=timezone.now())


# A mail server hiccup: the failed reminders were not recorded, so a retry sends
# exactly those (meetings/reminders.py, send_once).
RETRY_ON = (ReminderDeliveryError,)


@shared_task(acks_late=True, autoretry_for=RETRY_ON, retry_backoff=60, retry_backoff_max=600, max_retries=3)
def send_agenda_published(meeting_id: int) -> int:
    """Tell the board's members that the agenda is published (once per member)."""
    from .reminders import send_agenda_published as send

    return send(meeting_id)


@shared_task(acks_late=True, autoretry_for=RETRY_ON, retry_backoff=60, retry_backoff_max=600, max_retries=3)
def send_due_reminders(today: str | None = None) -> int:
    """Beat: find what is due today and send each reminder once."""
    from .reminders import send_due_reminders as send

    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return send(day)
