"""The reminder sweep every hour of the working day, 07:00 to 18:00 UK time (issue 11
item 8), instead of once at 07:00.

Each reminder is due from its day until sent and is sent once (meetings/reminders.py), so
running the sweep more often sends nothing twice; what it buys is that a run lost with a
killed worker, a Redis restart or beat being down at 07:00 is made up within the hour, not
the next morning. 07:00 stays the first run of the day. Like 0002, the schedule lives in
the database; reversing this puts back the daily 07:00 crontab.
"""

from django.db import migrations
from django.utils import timezone

TASK_NAME = "Send due reminders"
HOURLY = "7-18"
DAILY = "7"


def _schedule(apps, hour: str, description: str) -> None:
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour=hour,
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/London",
    )
    PeriodicTask.objects.filter(name=TASK_NAME).update(crontab=crontab, description=description)
    # Tell a running DatabaseScheduler that its schedule changed (see 0002).
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def hourly(apps, schema_editor):
    _schedule(
        apps,
        HOURLY,
        "Every hour from 07:00 to 18:00 UK time: finds the reminders due (paper deadlines, missed deadlines, "
        "minutes not drafted, expiring delegations and memoranda, overdue actions, agenda published) and sends "
        "each once; a run that was lost is made up by the next.",
    )


def daily(apps, schema_editor):
    _schedule(
        apps,
        DAILY,
        "Finds the reminders due today (paper deadlines, missed deadlines, minutes not drafted, "
        "expiring delegations and memoranda, overdue actions) and sends each once.",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_late_agenda_and_kept_deadline_rule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(hourly, daily),
    ]
