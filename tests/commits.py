"""What a transaction left to do on commit, as tests capture it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from governance import pagecache


def tasks_queued(callbacks: Sequence[Callable[[], object]]) -> list[Callable[[], object]]:
    """The callbacks queued for the commit, but the page cache's content epoch renewal
    (every change renews it: governance/pagecache.py)."""
    return [callback for callback in callbacks if callback is not pagecache._new_epoch]
