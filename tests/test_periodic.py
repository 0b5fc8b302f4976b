"""Item 16: under `make run` (no broker, eager tasks, no beat) the periodic tasks run
from `manage.py run_periodic_tasks`, which reads beat's schedule and runs what is due.
The loop body is tested one tick at a time; nothing sleeps."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from governance import periodic
from governance.management.commands.run_periodic_tasks import Command

REMINDERS = "meetings.tasks.send_due_reminders"
SWEEP = "meetings.tasks.sweep_renders"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the two periodic tasks did: their bodies are replaced by a note."""
    done: list[str] = []

    def sweep(*, now: dt.datetime) -> int:
        done.append("sweep")
        return 0

    def remind(day: dt.date) -> int:
        done.append(f"reminders {day.isoformat()}")
        return 0

    monkeypatch.setattr("meetings.pdf.renders_sweep", sweep)
    monkeypatch.setattr("meetings.reminders.send_due_reminders", remind)
    return done


def _ran(name_contains: str) -> PeriodicTask:
    return PeriodicTask.objects.get(task__contains=name_contains)


@pytest.mark.django_db
def test_one_tick_runs_the_reminders_and_the_render_sweep(calls) -> None:
    out = StringIO()

    Command(stdout=out, stderr=StringIO()).tick()

    assert sorted(calls) == sorted(["sweep", f"reminders {timezone.localdate().isoformat()}"])
    assert "Ran Send due reminders" in out.getvalue()
    assert "Ran Sweep PDF renders" in out.getvalue()
    for task in (REMINDERS, SWEEP):
        assert _ran(task).last_run_at is not None
        assert _ran(task).total_run_count == 1


@pytest.mark.django_db
def test_a_task_runs_again_only_when_its_schedule_says_so(calls) -> None:
    start = timezone.now()
    periodic.run_due_tasks(now=start)
    calls.clear()

    assert periodic.run_due_tasks(now=start) == []  # neither is due again yet

    # Ten minutes later the render sweep is due; the reminders wait for their next hour.
    PeriodicTask.objects.filter(task=SWEEP).update(last_run_at=start - dt.timedelta(minutes=11))
    assert [run.task for run in periodic.run_due_tasks()] == [SWEEP]
    assert calls == ["sweep"]

    # A day later the reminders are due again.
    calls.clear()
    PeriodicTask.objects.filter(task=REMINDERS).update(last_run_at=start - dt.timedelta(days=2))
    assert [run.task for run in periodic.run_due_tasks()] == [REMINDERS]


@pytest.mark.django_db
def test_disabled_expired_and_unknown_tasks_are_left_alone_and_a_failure_does_not_stop_the_others(
    calls, monkeypatch
) -> None:
    PeriodicTask.objects.filter(task=REMINDERS).update(enabled=False)
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.create(name="Expired", task=SWEEP, interval=every_minute, expires=timezone.now())
    PeriodicTask.objects.create(name="A typo", task="meetings.tasks.no_such_task", interval=every_minute)
    PeriodicTask.objects.create(
        name="Boom", task="meetings.tasks.send_agenda_published", interval=every_minute, args="[1]"
    )

    def fail(meeting_id: int) -> int:
        raise RuntimeError("the mail server is down")

    monkeypatch.setattr("meetings.reminders.send_agenda_published", fail)
    err = StringIO()

    Command(stdout=StringIO(), stderr=err).tick()

    assert calls == ["sweep"]
    assert "A typo (meetings.tasks.no_such_task) failed: not a registered task" in err.getvalue()
    assert "Boom (meetings.tasks.send_agenda_published) failed: the mail server is down" in err.getvalue()
    assert PeriodicTask.objects.get(name="Expired").last_run_at is None


@pytest.mark.django_db
def test_a_one_off_task_is_disabled_after_it_ran(calls) -> None:
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.create(name="Once", task=SWEEP, interval=every_minute, one_off=True)

    periodic.run_due_tasks()

    assert not PeriodicTask.objects.get(name="Once").enabled


@pytest.mark.django_db
def test_the_command_once_runs_what_is_due_and_stops(calls, monkeypatch, settings) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True  # as under make run: no broker (CI sets REDIS_URL)
    # Between ticks the command closes its database connection; the test's would end its transaction.
    monkeypatch.setattr("governance.management.commands.run_periodic_tasks.close_old_connections", lambda: None)
    out = StringIO()

    call_command("run_periodic_tasks", "--once", stdout=out)

    assert "sweep" in calls
    assert "Ran Sweep PDF renders (meetings.tasks.sweep_renders)" in out.getvalue()


def test_the_loop_stops_when_the_process_that_started_it_is_gone(monkeypatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr("time.sleep", slept.append)
    parents = iter([100, 100, 1])  # reparented to init: make run's shell has ended
    monkeypatch.setattr("os.getppid", lambda: next(parents))

    assert Command().wait(60, parent=100) is False
    assert slept == [1, 1]


def test_the_command_refuses_to_run_beside_a_real_broker(settings) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = False

    with pytest.raises(CommandError, match="run `celery -A governance beat`"):
        call_command("run_periodic_tasks", "--once")


def test_the_command_refuses_to_run_beside_a_broker(settings) -> None:
    from django.core.management.base import CommandError

    settings.CELERY_TASK_ALWAYS_EAGER = False
    with pytest.raises(CommandError, match="run `celery -A governance beat`"):
        call_command("run_periodic_tasks", "--once", stdout=StringIO())
