"""The one way actions queue side effects (emails, PDF renders): after the transaction
commits, so a rolled-back change sends nothing (SPEC §8). ``side_effects_paused()`` turns
it off, for the demo replaying years of history and for tests that check only rows.

Redis down (issue 11 item 9). The change is committed before its task is queued, so a
broker that cannot be reached must not turn a saved change into a 500: ``enqueue`` logs a
warning and carries on. Nothing is lost for long, because every side effect is also found
from rows by a periodic sweep once Redis is back: renders (``sweep_renders``,
``sweep_report_pdfs``), the agenda-published emails and reminders (``send_due_reminders``),
alerts (``send_due_alerts``), the search index (``sweep_index``). A view that wants to tell
the officer so runs its action inside ``noting_delays()`` and looks at the list it gives.
After one failure, queuing is not tried again for ``RETRY_AFTER`` seconds, so that a
request queuing several tasks (or the next few requests) does not wait on a dead broker
each time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

_paused: ContextVar[bool] = ContextVar("side_effects_paused", default=False)
_delayed: ContextVar[list[str] | None] = ContextVar("side_effects_delayed", default=None)

# Seconds during which, after the broker could not be reached, enqueue does not try it.
RETRY_AFTER = 15.0
_broker_down_until = 0.0


def enqueue(task: Task[Any, Any], *args: Any, **kwargs: Any) -> bool:
    """Queue ``task`` once the current transaction commits (Celery's ``delay_on_commit``);
    False when paused. Never raises for an unreachable broker (see the module)."""
    if _paused.get():
        return False
    transaction.on_commit(lambda: _send(task, args, kwargs))
    return True


def _send(task: Task[Any, Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        _note_delayed(task, "the broker was unreachable a moment ago")
        return False
    try:
        task.delay(*args, **kwargs)
    except OperationalError as error:  # Celery's wrapping of every broker connection error
        _broker_down_until = time.monotonic() + RETRY_AFTER
        _note_delayed(task, str(error))
        return False
    return True


def _note_delayed(task: Task[Any, Any], reason: str) -> None:
    logger.warning(
        "Could not queue %s (%s): its periodic sweep will queue it when the broker is back", task.name, reason
    )
    delayed = _delayed.get()
    if delayed is not None:
        delayed.append(task.name)


def broker_back() -> None:
    """Forget the last failure: the next enqueue tries the broker at once (tests)."""
    global _broker_down_until
    _broker_down_until = 0.0


@contextmanager
def noting_delays() -> Iterator[list[str]]:
    """Within the block, the names of the tasks that could not be queued (the broker
    was unreachable) are appended to the list it gives; empty if all went."""
    delayed: list[str] = []
    token = _delayed.set(delayed)
    try:
        yield delayed
    finally:
        _delayed.reset(token)


@contextmanager
def side_effects_paused() -> Iterator[None]:
    """Within the block, ``enqueue`` queues nothing."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)
