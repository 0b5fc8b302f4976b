"""The one way actions queue side effects (emails, PDF renders): after the transaction
commits, so a rolled-back change sends nothing (SPEC §8). ``side_effects_paused()`` turns
it off, for the demo replaying years of history and for tests that check only rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol


class QueueableTask(Protocol):
    def delay_on_commit(self, *args: Any, **kwargs: Any) -> None: ...


_paused: ContextVar[bool] = ContextVar("side_effects_paused", default=False)


def enqueue(task: QueueableTask, *args: Any, **kwargs: Any) -> bool:
    """Queue ``task`` once the current transaction commits; False when paused."""
    if _paused.get():
        return False
    task.delay_on_commit(*args, **kwargs)
    return True


@contextmanager
def side_effects_paused() -> Iterator[None]:
    """Within the block, ``enqueue`` queues nothing."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)
