"""The one periodic task that sends reminders: daily at 07:00 UK time (SPEC §4, §8).

Schedules live in the database (django-celery-beat's DatabaseScheduler, one beat),
so this data migration puts the schedule there. It is idempotent, and reversing it
removes the task (the crontab row is shared and harmless, so it stays).
"""

from django.db import migrations
from django.utils import timezone

TASK_NAME = "Send due reminders"
TASK = "meetings.tasks.send_due_reminders"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="7",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/London",
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": TASK,
            "crontab": crontab,
            "interval": None,
            "solar": None,
            "clocked": None,
            "args": "[]",
            "kwargs": "{}",
            "enabled": True,
            "one_off": False,
            "description": (
                "Finds the reminders due today (paper deadlines, missed deadlines, minutes not drafted, "
                "expiring delegations and memoranda, overdue actions) and sends each once."
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
        ("meetings", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create_schedule, remove_schedule),
    ]
