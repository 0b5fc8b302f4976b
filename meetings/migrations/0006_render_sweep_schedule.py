"""The periodic task that re-queues lost, failed and out-of-date PDF renders, every ten
minutes (meetings.pdf.renders_sweep; issue 7: a public GET never queues a render).

Like 0002, the schedule lives in the database (django-celery-beat's DatabaseScheduler).
Idempotent; reversing it removes the task (the interval row is shared and stays).
"""

from django.db import migrations
from django.utils import timezone

TASK_NAME = "Sweep PDF renders"
TASK = "meetings.tasks.sweep_renders"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    interval, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
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
                "Queues a render of every public agenda pack and minutes PDF that is missing, out of date, "
                "or whose render was lost or failed longer ago than twice the render time limit."
            ),
        },
    )
    # Tell a running DatabaseScheduler that its schedule changed (see 0002).
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_public_list_indexes"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create_schedule, remove_schedule),
    ]
