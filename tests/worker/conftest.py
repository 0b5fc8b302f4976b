"""A real Celery worker on Redis for the worker tests (SPEC §8 "Background work that
survives faults").

* ``celery_worker`` (session): starts
  ``celery -A governance worker --pool=prefork --concurrency=1 -Q default,pdf ...``
  as a subprocess, after purging those queues. It uses the same Redis (REDIS_URL)
  as the test process and the *test* database that pytest-django created, so what
  a test commits (``django_db(transaction=True)``) the worker sees, and what the
  worker commits the test sees. Its emails are written to files (django-environ's
  ``filemail://`` scheme) by ``tests.worker.slow_backend.SlowFileBackend``, which
  takes a few seconds per email so that a test can kill the worker mid-send. The
  worker is stopped (and its pool with it) when the session ends, before the test
  database is dropped.
* ``worker`` (per test): the same worker with an empty mailbox.
* ``Worker.kill()`` / ``Worker.start()``: kill -9 the whole worker (its main process
  and its pool, as when its container is killed) and start it again with the same
  command, environment and log, for the fault tests (test_worker_faults.py).

The worker needs REDIS_URL and PostgreSQL: an in-memory SQLite test database cannot
be shared with another process. Without them the tests are skipped — or fail when
CI=true, because CI must always run them.
"""

from __future__ import annotations

import email
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import NoReturn
from urllib.parse import quote

import pytest
from django.db import connection

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
QUEUES = ("default", "pdf")
READY_TIMEOUT = 30.0
# Seconds SlowFileBackend sleeps before writing each email.
EMAIL_DELAY = 4.0
# What Django's file backend writes after each message.
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the worker tests must run)", pytrace=False)
    pytest.skip(reason)


def _test_database_url() -> str:
    """A DATABASE_URL for the test database pytest-django created (its NAME is the
    test name once django_db_setup has run)."""
    db = connection.settings_dict
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = quote(db.get("HOST") or "", safe="")  # a socket directory is URL-encoded
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(db['NAME'], safe='')}"


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])  # the field after "(comm) state"


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log: Path
    mail_dir: Path
    marker_dir: Path
    command: list[str]
    env: dict[str, str]

    def start(self) -> None:
        """Start the worker (again) and wait until it is ready to take tasks."""
        readies = len(re.findall(r"@\S+ ready\.", self.log_text()))
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                self.command,
                cwd=PROJECT_ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_for(
            lambda: len(re.findall(r"@\S+ ready\.", self.log_text())) > readies, "the worker to start", READY_TIMEOUT
        )

    def kill(self) -> None:
        """kill -9 of the worker's main process and of its pool children with it: no
        warm shutdown, no message given back to the broker."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def tail(self, lines: int = 60) -> str:
        return "--- worker log (tail) ---\n" + "\n".join(self.log_text().splitlines()[-lines:])

    def messages(self) -> list[Message]:
        """Every email the worker has written since the last reset."""
        found: list[Message] = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_bytes().split(SEPARATOR):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk))
        return found

    def sending_pids(self) -> list[int]:
        """Processes that have started sending an email (SlowFileBackend's markers)."""
        return sorted(int(path.read_text()) for path in self.marker_dir.glob("*.sending"))

    def is_pool_child(self, pid: int) -> bool:
        return _parent_of(pid) == self.process.pid

    def task_result(self, task_id: str) -> str | None:
        """The logged return value of a task that succeeded, or None while it has not."""
        match = re.search(rf"Task [\w.]+\[{re.escape(task_id)}\] succeeded in [\d.e-]+s: (.*)", self.log_text())
        return match.group(1).strip() if match else None

    def wait_for(self, condition: Callable[[], object], what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                pytest.fail(f"The worker exited ({self.process.returncode}) while waiting for {what}.\n{self.tail()}")
            time.sleep(0.2)
        pytest.fail(f"Timed out after {timeout:.0f} s waiting for {what}.\n{self.tail()}")

    def reset(self) -> None:
        for directory in (self.mail_dir, self.marker_dir):
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir()

    def stop(self) -> None:
        """Warm shutdown, then make sure nothing of it is left: the worker runs in its
        own process group, which holds its pool children."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _purge_queues() -> None:
    """Start from empty queues: a task left by an earlier run must not be counted."""
    from governance.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)
        channel = conn.default_channel
        for queue in QUEUES:
            channel.queue_purge(queue)


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        _unavailable("REDIS_URL is not set: the worker tests need Redis")
    if connection.vendor != "postgresql":
        _unavailable("The worker tests need PostgreSQL: the worker must share the test database")

    from governance.celery import app

    # The settings are eager only without REDIS_URL; here the test process must
    # really send to the broker.
    assert not app.conf.task_always_eager, "Celery is eager in the test process although REDIS_URL is set"
    try:
        _purge_queues()
    except Exception as error:  # noqa: BLE001 — any connection failure means the same thing here
        _unavailable(f"Redis at {redis_url} is not reachable: {error}")

    root = tmp_path_factory.mktemp("celery-worker")
    mail_dir, marker_dir, log = root / "mail", root / "sending", root / "worker.log"
    mail_dir.mkdir()
    marker_dir.mkdir()
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATABASE_URL": _test_database_url(),
        # No connection kept between tasks, so none is left open on the test database
        # when pytest drops it at the end of the run.
        "CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "governance.settings",
        "DEBUG": "true",
        "EMAIL_URL": f"filemail:///{mail_dir}",  # filemail:////tmp/... — the path after the third slash
        "EMAIL_BACKEND": "tests.worker.slow_backend.SlowFileBackend",
        "ACCORD_TEST_MARKER_DIR": str(marker_dir),
        "ACCORD_TEST_EMAIL_DELAY": str(EMAIL_DELAY),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        str(CELERY),
        "-A",
        "governance",
        "worker",
        "--pool=prefork",
        "--concurrency=1",
        "-Q",
        ",".join(QUEUES),
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "INFO",
        "-n",
        f"accord-test-{os.getpid()}@%h",
    ]
    log.touch()
    worker = Worker(
        process=None,  # type: ignore[arg-type]  # set by start()
        log=log,
        mail_dir=mail_dir,
        marker_dir=marker_dir,
        command=command,
        env=env,
    )
    try:
        worker.start()
        yield worker
    finally:
        worker.stop()


@pytest.fixture
def worker(celery_worker: Worker) -> Worker:
    """The session's worker, alive, with an empty mailbox."""
    assert celery_worker.process.poll() is None, "The worker has died.\n" + celery_worker.tail()
    celery_worker.reset()
    return celery_worker
