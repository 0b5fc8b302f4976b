"""The periodic tasks of Celery beat, run in a plain process (for `make run`).

Under `make run` there is no broker: Celery tasks run eagerly in the process that
queues them, and no beat runs, so the daily reminders and the render sweep would
never run. `python manage.py run_periodic_tasks` (started beside runserver by
`make run`) calls `run_due_tasks` every minute: it reads the same schedule beat reads
(django-celery-beat's PeriodicTask rows, put there by the migrations) and runs each
task that is due, here and now. With a broker (REDIS_URL set) use the one real beat
instead (SPEC §8: one beat).

A task that has never run is due at once, so the demo shows its reminders as soon
as it is served (beat itself would wait for the next 07:00).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass

from celery import Celery
from django.db.models import F
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from .celery import app as celery_app

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TaskRun:
    """One periodic task run by a tick: its name in the schedule, and the error if it failed."""

    name: str
    task: str
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def is_due(periodic: PeriodicTask, now: dt.datetime) -> bool:
    """Whether beat would run this task now: enabled, started, not expired, and due by
    its schedule since it last ran (never run: due at once)."""
    if not periodic.enabled:
        return False
    if periodic.start_time is not None and periodic.start_time > now:
        return False
    if periodic.expires is not None and periodic.expires <= now:
        return False
    if periodic.last_run_at is None:
        return True
    due, _next_in_seconds = periodic.schedule.is_due(periodic.last_run_at)
    return bool(due)


def run_due_tasks(*, now: dt.datetime | None = None, app: Celery = celery_app) -> list[TaskRun]:
    """One tick: run, in this process, every periodic task that is due, and record when
    it ran (as beat does). A task that fails is logged and does not stop the others."""
    now = now or timezone.now()
    runs: list[TaskRun] = []
    schedule = PeriodicTask.objects.filter(enabled=True).select_related("interval", "crontab", "solar", "clocked")
    for periodic in schedule.order_by("name"):
        if not is_due(periodic, now):
            continue
        # Recorded before it runs, like beat: a task that fails waits for its next turn
        # (the reminders retry on their own, meetings/tasks.py).
        changes: dict[str, object] = {"last_run_at": now, "total_run_count": F("total_run_count") + 1}
        if periodic.one_off:
            changes["enabled"] = False
        PeriodicTask.objects.filter(pk=periodic.pk).update(**changes)
        runs.append(_run(app, periodic))
    return runs


def _run(app: Celery, periodic: PeriodicTask) -> TaskRun:
    # What a worker does at start: import every app's tasks.py (autodiscover_tasks), once.
    app.loader.import_default_modules()
    task = app.tasks.get(periodic.task)
    if task is None:
        logger.error("Periodic task %r names %r, which is not a registered task", periodic.name, periodic.task)
        return TaskRun(periodic.name, periodic.task, error="not a registered task")
    try:
        args = json.loads(periodic.args or "[]")
        kwargs = json.loads(periodic.kwargs or "{}")
        task.apply(args=args, kwargs=kwargs, throw=True)
    except Exception as error:  # noqa: BLE001 — one failing task must not stop the others or the loop
        logger.exception("Periodic task %r (%s) failed", periodic.name, periodic.task)
        return TaskRun(periodic.name, periodic.task, error=str(error) or type(error).__name__)
    return TaskRun(periodic.name, periodic.task)
