"""The periodic task that queues again the report PDFs whose render was lost with its
worker (reports.pdf.report_pdf_sweep), every ten minutes (SPEC §8: a killed worker or a
Redis restart loses a render for no longer than one beat interval).

As the meetings' 0006: the schedule lives in the database (django-celery-beat's
DatabaseScheduler; governance/periodic.py reads the same rows under `make run`).
Idempotent; reversing it removes the task (the interval row is shared and stays).
"""

from django.db import migrations
from django.utils import timezone

TASK_NAME = "Sweep report PDFs"
TASK = "reports.tasks.sweep_report_pdfs"


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
            "description": "Queues again each report PDF whose render has been pending for longer than it can take.",
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
        ("reports", "0003_report_document"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create_schedule, remove_schedule),
    ]
