"""The one way actions queue side effects (emails, PDF renders): after the transaction
commits, so a rolled-back change sends nothing (SPEC §8). ``side_effects_paused()`` turns
it off, for the demo replaying years of history and for tests that check only rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from celery import Task
from django.db import transaction

_paused: ContextVar[bool] = ContextVar("side_effects_paused", default=False)


def enqueue(task: Task[Any, Any], *args: Any, **kwargs: Any) -> bool:
    """Queue ``task`` once the current transaction commits (Celery's ``delay_on_commit``);
    False when paused."""
    if _paused.get():
        return False
    transaction.on_commit(lambda: task.delay(*args, **kwargs))
    return True


@contextmanager
def side_effects_paused() -> Iterator[None]:
    """Within the block, ``enqueue`` queues nothing."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)
