"""The GIN index of the search vectors (PostgreSQL only) and the periodic task that
keeps the index complete: every 10 minutes (SPEC §6, §8).

SQLite has no tsvector and no GIN index: there the vectors stay null and the search
falls back to matching words (search/queries.py), so the index is created only when
the database is PostgreSQL.

Schedules live in the database (django-celery-beat's DatabaseScheduler, one beat;
governance/periodic.py reads the same rows under `make run`). The data migration is
idempotent, and reversing it removes the task (the interval row is shared and stays).
"""

from django.db import migrations
from django.utils import timezone

INDEX = "search_entry_vector_gin"
TASK_NAME = "Complete the search index"
TASK = "search.tasks.sweep_index"
EVERY_MINUTES = 10


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchentry USING gin (search_vector)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    interval, _ = IntervalSchedule.objects.get_or_create(every=EVERY_MINUTES, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": TASK,
            "interval": interval,
            "crontab": None,
            "solar": None,
            "clocked": None,
            "args": "[]",
            "kwargs": "{}",
            "enabled": True,
            "one_off": False,
            "description": (
                "Indexes for search what no task indexed (paper versions, agenda items, minutes and decisions "
                "with no entry) and reads the files whose text is still waiting after its task was lost."
            ),
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(create_schedule, remove_schedule),
    ]
