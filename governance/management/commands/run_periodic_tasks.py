"""`python manage.py run_periodic_tasks`: the periodic tasks (reminders, render sweep)
for `make run`, where Celery runs tasks eagerly and no beat runs (governance/periodic.py)."""

from __future__ import annotations

import os
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from governance.periodic import run_due_tasks


class Command(BaseCommand):
    help = (
        "Run the periodic tasks of the beat schedule (daily reminders, the render sweep) when they are due, "
        "in this process, every --every seconds until stopped or until the process that started it ends. "
        "For `make run` only: with a broker (REDIS_URL) run Celery beat and a worker instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=int, default=60, help="Seconds between two looks at the schedule (default 60)."
        )
        parser.add_argument("--once", action="store_true", help="Look once, run what is due, and stop.")

    def handle(self, *args: Any, every: int, once: bool, **options: Any) -> None:
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError(
                "Celery has a broker (REDIS_URL is set): run `celery -A governance beat` and a worker instead."
            )
        if every < 1:
            raise CommandError("--every must be at least 1 second.")
        parent = os.getppid()
        while True:
            close_old_connections()  # a long-running process: a fresh connection each tick
            self.tick()
            close_old_connections()
            if once or not self.wait(every, parent):
                return

    def tick(self) -> None:
        """The loop body: run what is due. A failure (a locked SQLite database, say) is
        reported and tried again at the next tick."""
        try:
            for run in run_due_tasks():
                if run.ok:
                    self.stdout.write(f"Ran {run.name} ({run.task})")
                else:
                    self.stderr.write(f"{run.name} ({run.task}) failed: {run.error}")
        except Exception as error:  # noqa: BLE001 — keep looping: the next tick tries again
            self.stderr.write(f"Could not run the periodic tasks: {error}")

    def wait(self, seconds: int, parent: int) -> bool:
        """Sleep for `seconds`; False as soon as the process that started this one has
        ended (runserver stopped: `make run`'s shell is gone), so it stops with it."""
        for _ in range(seconds):
            if os.getppid() != parent:
                return False
            time.sleep(1)
        return os.getppid() == parent
