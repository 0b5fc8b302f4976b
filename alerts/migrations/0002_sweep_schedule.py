"""The periodic task that sends the email alerts: every 5 minutes (SPEC §6, §8).

Schedules live in the database (django-celery-beat's DatabaseScheduler, one beat;
governance/periodic.py reads the same rows under `make run`), so this data migration
puts the schedule there. It is idempotent, and reversing it removes the task (the
interval row is shared and harmless, so it stays).
"""

from django.db import migrations
from django.utils import timezone

TASK_NAME = "Send email alerts"
TASK = "alerts.tasks.send_due_alerts"
EVERY_MINUTES = 5


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
                "Finds what was published since each confirmed subscription (agendas, papers, supplements, "
                "minutes, decisions) and sends each subscriber one email with what is new to them, once."
            ),
        },
    )
    # Tell a running DatabaseScheduler that its schedule changed (the model's signal
    # does not fire for historical models).
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create_schedule, remove_schedule),
    ]
