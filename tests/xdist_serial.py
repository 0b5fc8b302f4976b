"""pytest-xdist's ``--dist loadgroup`` for this suite: one test at a time to whichever
process is free, except that the tests of some folders go together, and some groups have
a process to themselves.

The groups are made from the test's path (tests/conftest.py names the folders), not from
``xdist_group`` marks: pytest-xdist 3.8 cannot add a mark's group to a node id under
pytest 9.2 (the node id is no longer ``Node._nodeid``).

The *dedicated* groups (the browser tests, the worker tests) are slow mostly through
waiting: for Chromium and the live server, for a real Celery worker and a slow email
backend. Each runs one test after another in a process that is given nothing else (the
last processes: the last group, the worker tests, in the last one), while the other
processes share every other test. A process of their own, for two reasons: they are
transactional, so each flushes the test database after it and must not run before a
plain test that reads rows the migrations seeded (pytest-django runs transactional tests
last for that); and the session's Celery worker, started by the first worker test, must
not be sent tasks by tests of other processes (they queue on another Redis database,
tests/conftest.py). With fewer processes than dedicated groups and one more, the last
process takes the remaining dedicated groups together; with a single process, or once a
dedicated process is gone, its group is one unit like the others.

Each *grouped* folder (a package that loads the whole demo once for all its tests) is one
unit, given to one of the shared processes.

It overrides four methods of ``LoadScopeScheduling``: pin pytest-xdist below 4
(pyproject.toml).
"""

from __future__ import annotations

from typing import Any

import pytest
from xdist.scheduler import LoadScopeScheduling
from xdist.workermanage import WorkerController


def _number(node: WorkerController) -> int:
    return int(str(node.gateway.id).removeprefix("gw"))


class DedicatedProcessScheduling(LoadScopeScheduling):
    def __init__(
        self,
        config: pytest.Config,
        log: Any = None,
        *,
        dedicated: dict[str, tuple[str, ...]],
        grouped: tuple[str, ...],
    ) -> None:
        super().__init__(config, log)
        self.dedicated = dedicated
        self.grouped = grouped
        self.owners: dict[str, WorkerController] = {}

    def _split_scope(self, nodeid: str) -> str:
        """The work unit of a test: its dedicated group, its grouped folder, or itself."""
        for group, folders in self.dedicated.items():
            if nodeid.startswith(folders):
                return group
        return next((folder for folder in self.grouped if nodeid.startswith(folder)), nodeid)

    def schedule(self) -> None:
        if self.collection is None:
            nodes = sorted(self.nodes, key=_number)
            processes = min(len(self.dedicated), len(nodes) - 1)
            if processes > 0:
                owners = nodes[-processes:]
                for index, group in enumerate(self.dedicated):
                    self.owners[group] = owners[min(index, processes - 1)]
        super().schedule()

    def _units_for(self, node: WorkerController) -> list[str]:
        """The waiting work units this node may take: its dedicated groups for a dedicated
        process, every other unit for the others."""
        owners = {group: owner for group, owner in self.owners.items() if owner in self.assigned_work}
        mine = [group for group, owner in owners.items() if owner is node]
        if mine:
            return [scope for scope in self.workqueue if scope in mine]
        return [scope for scope in self.workqueue if scope not in owners]

    def _assign_work_unit(self, node: WorkerController) -> None:
        units = self._units_for(node)
        if not units:
            return
        scope = units[0]
        work_unit = self.workqueue.pop(scope)
        self.assigned_work.setdefault(node, {})[scope] = work_unit
        collection = self.registered_collections[node]
        node.send_runtest_some([collection.index(nodeid) for nodeid, done in work_unit.items() if not done])

    def _reschedule(self, node: WorkerController) -> None:
        if node.shutting_down:
            return
        if not self._units_for(node):
            node.shutdown()  # it finishes what it was sent first
            return
        if self._pending_of(self.assigned_work[node]) > 2:
            return
        self._assign_work_unit(node)
