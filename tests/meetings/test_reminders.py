"""Reminders (SPEC §4 "Reminders", §8): each kind goes out on its day and on no other,
each is sent once however often the beat task runs, and a failure half-way leaves
nothing recorded, so a later run sends it.

The dates are in 2027 (England and Wales calendar). The main meeting is on Thursday
18 March 2027; stepping back 10 working days gives its paper deadline, Thursday
4 March; 5 working days before that is Thursday 25 February and 1 working day before
is Wednesday 3 March; the first working day after it is Friday 5 March.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Callable, Collection
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from accounts.models import Role, User
from meetings import reminders, tasks
from meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Meeting,
    MeetingStatus,
    Paper,
    Purpose,
    SentReminder,
)
from partnerships.models import Board, Delegation, Membership, MemorandumOfUnderstanding, Person

D = dt.date
LONDON = ZoneInfo("Europe/London")
MEETING_DAY = D(2027, 3, 18)
DEADLINE = D(2027, 3, 4)
AUTHOR = "author@example.org"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every day from start to end, both included."""
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def run(
    start: dt.date, end: dt.date, kind: str | None = None, down: Collection[dt.date] = ()
) -> dict[dt.date, list[mail.EmailMessage]]:
    """Run the daily reminders for each day like beat would, except on the days it is
    `down`; the emails of `kind` sent on each day."""
    sent: dict[dt.date, list[mail.EmailMessage]] = {}
    for day in days(start, end):
        if day in down:
            continue
        before = len(mail.outbox)
        reminders.send_due_reminders(day)
        new = mail.outbox[before:]
        if kind is not None:
            keys = set(SentReminder.objects.filter(kind=kind).values_list("subject", flat=True))
            new = [message for message in new if message.subject in keys]
        if new:
            sent[day] = new
    return sent


def recipients(messages: list[mail.EmailMessage]) -> list[str]:
    return sorted(address for message in messages for address in message.to)


@pytest.fixture(autouse=True)
def locmem_email(settings, mailoutbox) -> None:
    """The in-memory backend (pytest-django's mailoutbox) and a known site address."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://accord.example.org"


@pytest.fixture
def meeting(board: Board) -> Meeting:
    return Meeting.objects.create(board=board, start=at(MEETING_DAY), venue="County Hall, Oxford")


@pytest.fixture
def item(meeting: Meeting) -> AgendaItem:
    return AgendaItem.objects.create(meeting=meeting, order=1, title="Joint health strategy", purpose=Purpose.DECISION)


@pytest.fixture
def paper(item: AgendaItem) -> Paper:
    return Paper.objects.create(item=item, title="Joint health strategy 2027-2030", author_email=AUTHOR)


@pytest.fixture
def owner(county) -> Person:
    return Person.objects.create(name="Alex Owner", organisation=county, email="alex@example.org")


# ---------------------------------------------------------------------------
# The schedule


@pytest.mark.django_db
def test_beat_runs_the_reminders_every_working_hour_from_seven_uk_time() -> None:
    """Issue 11 item 8: hourly from 07:00 to 18:00, so a run lost with a killed worker or a
    Redis restart is made up within the hour; 07:00 is still the first run of the day."""
    task = PeriodicTask.objects.select_related("crontab").get(task="meetings.tasks.send_due_reminders")
    assert task.enabled
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("0", "7-18", "*")
    assert str(task.crontab.timezone) == "Europe/London"
    schedule = task.crontab.schedule
    assert sorted(schedule.hour) == list(range(7, 19)) and schedule.minute == {0}


# ---------------------------------------------------------------------------
# Paper deadline approaching


@pytest.mark.django_db
def test_paper_author_is_reminded_five_and_one_working_days_before_the_deadline(meeting, paper, officer) -> None:
    assert meeting.governing_deadline == DEADLINE

    sent = run(D(2027, 2, 15), D(2027, 3, 17), kind=reminders.PAPER_DEADLINE)

    assert list(sent) == [D(2027, 2, 25), D(2027, 3, 3)]
    for messages in sent.values():
        assert recipients(messages) == [AUTHOR]
        assert paper.title in messages[0].subject
        assert "Thursday 4 March 2027" in messages[0].body
        assert "https://accord.example.org/partnerships/health-and-well-being/" in messages[0].body
    assert set(SentReminder.objects.filter(kind=reminders.PAPER_DEADLINE).values_list("key", flat=True)) == {
        f"paper:{paper.pk}:deadline-5",
        f"paper:{paper.pk}:deadline-1",
    }


@pytest.mark.django_db
def test_deadline_reminders_count_working_days_in_the_boards_calendar(board, item) -> None:
    """A deadline on Tuesday 30 March 2027, after Easter: one working day before it is
    Thursday 25 March (Good Friday and Easter Monday are bank holidays), and five are
    Friday 19 March."""
    easter_meeting = Meeting.objects.create(board=board, start=at(D(2027, 4, 13)), venue="Online")
    assert easter_meeting.governing_deadline == D(2027, 3, 30)
    easter_item = AgendaItem.objects.create(meeting=easter_meeting, order=1, title="Budget")
    Paper.objects.create(item=easter_item, title="Budget report", author_email=AUTHOR)

    sent = run(D(2027, 3, 15), D(2027, 3, 30), kind=reminders.PAPER_DEADLINE)

    assert list(sent) == [D(2027, 3, 19), D(2027, 3, 25)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("clear_days", "deadline", "reminded_on"),
    [
        # Five clear working days (the default reading, SPEC §9): 11, 12, 15, 16 and 17
        # March are clear, so the agenda is out by Wednesday 10 March.
        ("working", D(2027, 3, 10), [D(2027, 3, 3), D(2027, 3, 9)]),
        # Five clear calendar days: 13 to 17 March, so by Friday 12 March.
        ("calendar", D(2027, 3, 12), [D(2027, 3, 5), D(2027, 3, 11)]),
    ],
)
def test_a_council_committee_is_reminded_of_the_stricter_statutory_deadline(
    board, meeting, paper, clear_days, deadline, reminded_on
) -> None:
    """With a 2-working-day rule the partnership's deadline would be 16 March; five
    clear days (LGA 1972 Part VA) make it earlier, and the reminders follow it."""
    board.paper_deadline_working_days = 2
    board.is_council_committee = True
    board.clear_days = clear_days
    board.save()
    meeting.refresh_from_db()
    assert meeting.governing_deadline == deadline

    sent = run(D(2027, 3, 1), D(2027, 3, 17), kind=reminders.PAPER_DEADLINE)

    assert list(sent) == reminded_on


@pytest.mark.django_db
def test_published_papers_papers_without_an_author_email_and_cancelled_meetings_get_no_reminder(
    board, meeting, item, paper
) -> None:
    paper.published_at = at(D(2027, 2, 20))
    paper.save()
    Paper.objects.create(item=item, title="Appendix", author_name="Someone without email")
    cancelled = Meeting.objects.create(
        board=board, start=at(MEETING_DAY, 14), venue="Online", status=MeetingStatus.CANCELLED
    )
    cancelled_item = AgendaItem.objects.create(meeting=cancelled, order=1, title="Item")
    Paper.objects.create(item=cancelled_item, title="Report", author_email=AUTHOR)

    assert run(D(2027, 2, 25), D(2027, 3, 3), kind=reminders.PAPER_DEADLINE) == {}


# ---------------------------------------------------------------------------
# Deadline missed


@pytest.mark.django_db
def test_officers_hear_on_the_next_working_day_when_the_deadline_was_missed(
    meeting, item, paper, officer, other_officer
) -> None:
    AgendaItem.objects.create(meeting=meeting, order=2, title="Updates", purpose=Purpose.INFORMATION)

    sent = run(D(2027, 3, 1), D(2027, 3, 17), kind=reminders.DEADLINE_MISSED)

    assert list(sent) == [D(2027, 3, 5)]
    (message,) = sent[D(2027, 3, 5)]
    assert message.to == [officer.email]
    assert "1. Joint health strategy" in message.body
    assert "Updates" not in message.body  # items for information need no paper
    assert f"https://accord.example.org{meeting.get_absolute_url()}" in message.body


@pytest.mark.django_db
def test_a_deadline_on_friday_is_reported_on_monday_not_at_the_weekend(board, officer) -> None:
    """Meeting on Friday 19 March 2027: its deadline is Friday 5 March."""
    friday_meeting = Meeting.objects.create(board=board, start=at(D(2027, 3, 19)), venue="Online")
    assert friday_meeting.governing_deadline == D(2027, 3, 5)
    AgendaItem.objects.create(meeting=friday_meeting, order=1, title="Plan", purpose=Purpose.DISCUSSION)

    assert list(run(D(2027, 3, 5), D(2027, 3, 12), kind=reminders.DEADLINE_MISSED)) == [D(2027, 3, 8)]


@pytest.mark.django_db
def test_no_deadline_missed_reminder_when_every_paper_is_published(meeting, paper, officer) -> None:
    paper.published_at = at(D(2027, 3, 1))
    paper.save()

    assert run(D(2027, 3, 5), D(2027, 3, 5), kind=reminders.DEADLINE_MISSED) == {}


# ---------------------------------------------------------------------------
# Minutes not drafted


@pytest.mark.django_db
def test_officers_are_reminded_ten_working_days_after_a_meeting_without_minutes(board, officer) -> None:
    held = Meeting.objects.create(board=board, start=at(D(2027, 3, 4)), venue="Online", status=MeetingStatus.HELD)
    drafting = Meeting.objects.create(
        board=board, start=at(D(2027, 3, 4), 14), venue="Online", status=MeetingStatus.MINUTES_DRAFT
    )

    sent = run(D(2027, 3, 4), D(2027, 4, 1), kind=reminders.MINUTES_NOT_DRAFTED)

    assert list(sent) == [D(2027, 3, 18)]
    assert recipients(sent[D(2027, 3, 18)]) == [officer.email]
    keys = list(SentReminder.objects.filter(kind=reminders.MINUTES_NOT_DRAFTED).values_list("key", "meeting"))
    assert keys == [(f"meeting:{held.pk}:minutes-not-drafted", held.pk)]
    assert drafting.pk not in [meeting for _, meeting in keys]


# ---------------------------------------------------------------------------
# Delegations and memoranda


@pytest.mark.django_db
def test_delegation_expiring_reaches_the_officers_and_the_delegate_thirty_days_ahead(board, county, officer) -> None:
    delegate = Person.objects.create(name="Chris Delegate", organisation=county, email="Chris@Example.org")
    delegation = Delegation.objects.create(
        organisation=county,
        person=delegate,
        board=board,
        scope="Agree the joint commissioning plan",
        valid_from=D(2026, 7, 1),
        valid_to=D(2027, 6, 30),
        evidence_reference="Cabinet, 16 June 2026, minute 42",
    )

    sent = run(D(2027, 5, 26), D(2027, 6, 2), kind=reminders.DELEGATION_EXPIRING)
    later = run(D(2027, 6, 29), D(2027, 7, 1), kind=reminders.DELEGATION_EXPIRING)

    # 30 days ahead is Monday 31 May 2027, the spring bank holiday: the Friday before.
    assert list(sent) == [D(2027, 5, 28)]
    assert later == {}
    assert recipients(sent[D(2027, 5, 28)]) == ["chris@example.org", officer.email]
    assert "Cabinet, 16 June 2026, minute 42" in sent[D(2027, 5, 28)][0].body
    assert (
        SentReminder.objects.get(recipient="chris@example.org").key == f"delegation:{delegation.pk}:expiring:2027-06-30"
    )


@pytest.mark.django_db
def test_memorandum_review_is_due_sixty_days_ahead_for_the_latest_version_only(board, officer) -> None:
    MemorandumOfUnderstanding.objects.create(board=board, version=1, title="2004 MoU", review_date=D(2027, 9, 15))
    latest = MemorandumOfUnderstanding.objects.create(
        board=board, version=2, title="2027 MoU", review_date=D(2027, 9, 30)
    )

    sent = run(D(2027, 7, 15), D(2027, 8, 3), kind=reminders.MOU_REVIEW)
    later = run(D(2027, 9, 29), D(2027, 10, 1), kind=reminders.MOU_REVIEW)

    # 60 days ahead is Sunday 1 August 2027: the Friday before.
    assert list(sent) == [D(2027, 7, 30)]
    assert later == {}
    assert recipients(sent[D(2027, 7, 30)]) == [officer.email]
    assert f"https://accord.example.org{latest.get_absolute_url()}" in sent[D(2027, 7, 30)][0].body


# ---------------------------------------------------------------------------
# Actions overdue


@pytest.mark.django_db
def test_an_overdue_action_reminds_its_owner_once_a_week_until_done(meeting, owner) -> None:
    action = Action.objects.create(
        meeting=meeting, description="Circulate the draft strategy", owner=owner, due_date=D(2027, 3, 10)
    )
    done = Action.objects.create(
        meeting=meeting,
        description="Book the room",
        owner=owner,
        due_date=D(2027, 3, 1),
        status=ActionStatus.DONE,
    )

    sent = run(D(2027, 3, 1), D(2027, 3, 31), kind=reminders.ACTION_OVERDUE)

    # Wednesday 10 March is the due date; from Thursday on it is overdue: a reminder
    # that day and every 7 days after.
    assert list(sent) == [D(2027, 3, 11), D(2027, 3, 18), D(2027, 3, 25)]
    assert all(recipients(messages) == ["alex@example.org"] for messages in sent.values())
    assert not SentReminder.objects.filter(key__startswith=f"action:{done.pk}:").exists()

    action.status = ActionStatus.DONE
    action.save()
    assert run(D(2027, 4, 5), D(2027, 4, 5), kind=reminders.ACTION_OVERDUE) == {}


# ---------------------------------------------------------------------------
# Rule 8 (SPEC §9): reminders fall due on working days only; one due on a weekend or
# bank holiday goes on the working day before. In England, Christmas Day 2026 is a
# Friday and Boxing Day a Saturday, so Monday 28 December is the substitute bank holiday.

CHRISTMAS_2026 = [D(2026, 12, 25), D(2026, 12, 26), D(2026, 12, 27), D(2026, 12, 28)]


def _delegation(board: Board, person: Person, valid_to: dt.date, scope: str = "Agree the plan") -> Delegation:
    return Delegation.objects.create(
        organisation=person.organisation,
        person=person,
        board=board,
        scope=scope,
        valid_from=D(2026, 1, 1),
        valid_to=valid_to,
        evidence_reference="Cabinet minute 7",
    )


def _sent_on(sent: dict[dt.date, list[mail.EmailMessage]], text: str) -> list[dt.date]:
    """The days on which an email whose subject contains `text` went out."""
    return [day for day, messages in sent.items() if any(text in message.subject for message in messages)]


@pytest.mark.django_db
def test_rule_8_a_delegation_warning_due_on_a_saturday_goes_on_the_friday_before(board, owner, officer) -> None:
    """The delegation ends on Monday 2 November 2026; 30 days before is Saturday 3 October."""
    _delegation(board, owner, D(2026, 11, 2))

    sent = run(D(2026, 9, 28), D(2026, 11, 2), kind=reminders.DELEGATION_EXPIRING)

    assert list(sent) == [D(2026, 10, 2)]
    assert recipients(sent[D(2026, 10, 2)]) == ["alex@example.org", officer.email]


@pytest.mark.django_db
def test_rule_8_a_memorandum_review_due_on_a_saturday_goes_on_the_friday_before(board, officer) -> None:
    """Review on Wednesday 2 December 2026; 60 days before is Saturday 3 October."""
    MemorandumOfUnderstanding.objects.create(board=board, version=1, title="2026 MoU", review_date=D(2026, 12, 2))

    sent = run(D(2026, 9, 28), D(2026, 12, 2), kind=reminders.MOU_REVIEW)

    assert list(sent) == [D(2026, 10, 2)]


@pytest.mark.django_db
def test_rule_8_reminders_due_on_25_or_28_december_2026_go_on_thursday_24_december(
    board, other_board, owner, officer, other_officer
) -> None:
    _delegation(board, owner, D(2027, 1, 24), scope="Christmas Day")  # 30 days before: Friday 25 December
    _delegation(board, owner, D(2027, 1, 27), scope="Boxing Day")  # 30 days before: Monday 28 December
    MemorandumOfUnderstanding.objects.create(board=board, version=1, title="MoU", review_date=D(2027, 2, 23))
    MemorandumOfUnderstanding.objects.create(board=other_board, version=1, title="MoU", review_date=D(2027, 2, 26))
    assert D(2027, 2, 23) - dt.timedelta(days=60) == D(2026, 12, 25)
    assert D(2027, 2, 26) - dt.timedelta(days=60) == D(2026, 12, 28)

    sent = run(D(2026, 12, 14), D(2027, 1, 8))

    assert list(sent) == [D(2026, 12, 24)]
    kinds = SentReminder.objects.values_list("kind", flat=True)
    assert sorted(kinds) == [reminders.DELEGATION_EXPIRING] * 4 + [reminders.MOU_REVIEW] * 2
    assert recipients(sent[D(2026, 12, 24)]) == sorted(
        ["alex@example.org"] * 2 + [officer.email] * 3 + [other_officer.email]
    )


@pytest.mark.django_db
def test_rule_8_a_missed_run_sends_the_reminder_on_the_next_working_day_not_on_the_holiday(
    board, owner, officer
) -> None:
    """Beat did not run on Thursday 24 December: nothing on the four days off, then Tuesday."""
    _delegation(board, owner, D(2027, 1, 24))

    sent = run(D(2026, 12, 25), D(2026, 12, 31), kind=reminders.DELEGATION_EXPIRING)

    assert list(sent) == [D(2026, 12, 29)]


@pytest.mark.django_db
def test_rule_8_the_boards_calendar_decides_what_is_a_working_day(board, owner, officer) -> None:
    """30 days before 3 February 2027 is Monday 4 January: a working day in England, the
    substitute for 2 January in Scotland, where 1 January is a bank holiday too."""
    _delegation(board, owner, D(2027, 2, 3))
    assert list(run(D(2026, 12, 21), D(2027, 1, 8), kind=reminders.DELEGATION_EXPIRING)) == [D(2027, 1, 4)]

    SentReminder.objects.all().delete()
    board.calendar = "SCT"
    board.save()

    assert list(run(D(2026, 12, 21), D(2027, 1, 8), kind=reminders.DELEGATION_EXPIRING)) == [D(2026, 12, 31)]


@pytest.mark.django_db
def test_rule_8_an_action_overdue_from_a_saturday_is_first_reminded_on_monday(meeting, owner) -> None:
    """Due on Friday 2 October 2026, overdue from Saturday 3 October: not on the Saturday,
    and not on the Friday before either, when it was not yet overdue; then weekly."""
    Action.objects.create(meeting=meeting, description="Send the draft", owner=owner, due_date=D(2026, 10, 2))

    sent = run(D(2026, 9, 28), D(2026, 10, 25), kind=reminders.ACTION_OVERDUE)

    assert list(sent) == [D(2026, 10, 5), D(2026, 10, 12), D(2026, 10, 19)]


@pytest.mark.django_db
def test_rule_8_weekly_overdue_reminders_due_on_25_or_28_december_2026_go_on_24_december(meeting, owner) -> None:
    Action.objects.create(meeting=meeting, description="Due Thursday", owner=owner, due_date=D(2026, 12, 17))
    Action.objects.create(meeting=meeting, description="Due Friday", owner=owner, due_date=D(2026, 12, 18))

    sent = run(D(2026, 12, 14), D(2027, 1, 10), kind=reminders.ACTION_OVERDUE)

    # Fridays from 18 December: the 25th moves to the 24th, 1 January (New Year's Day) to 31 December.
    assert _sent_on(sent, "Due Thursday") == [D(2026, 12, 18), D(2026, 12, 24), D(2026, 12, 31), D(2027, 1, 8)]
    # Mondays from 21 December: the 28th (substitute Boxing Day) moves to the 24th.
    assert _sent_on(sent, "Due Friday") == [D(2026, 12, 21), D(2026, 12, 24), D(2027, 1, 4)]
    assert not set(sent) & {*CHRISTMAS_2026, D(2027, 1, 1)}
    assert all(day.weekday() < 5 for day in sent)


# ---------------------------------------------------------------------------
# Missed runs (SPEC §8): beat down at 07:00, or the queued sweep lost with Redis, must
# not lose a reminder. Each is due from its day until it is sent or no longer relevant.


@pytest.mark.django_db
def test_a_paper_reminder_missed_goes_on_the_next_run_and_says_the_days_left(meeting, paper, officer) -> None:
    sent = run(D(2027, 2, 15), D(2027, 3, 17), kind=reminders.PAPER_DEADLINE, down={D(2027, 2, 25)})

    assert list(sent) == [D(2027, 2, 26), D(2027, 3, 3)]  # the last call still follows on its day
    assert "Thursday 4 March 2027: 4 working days from today" in sent[D(2027, 2, 26)][0].body
    assert "Thursday 4 March 2027: 1 working day from today" in sent[D(2027, 3, 3)][0].body


@pytest.mark.django_db
def test_when_the_beat_is_down_until_the_last_call_only_the_last_call_goes(meeting, paper, officer) -> None:
    down = set(days(D(2027, 2, 25), D(2027, 3, 2)))

    sent = run(D(2027, 2, 15), D(2027, 3, 17), kind=reminders.PAPER_DEADLINE, down=down)

    assert list(sent) == [D(2027, 3, 3)]
    assert list(SentReminder.objects.filter(kind=reminders.PAPER_DEADLINE).values_list("key", flat=True)) == [
        f"paper:{paper.pk}:deadline-1"
    ]


@pytest.mark.django_db
def test_a_paper_reminder_missed_until_the_deadline_day_says_the_deadline_is_today(meeting, paper, officer) -> None:
    down = set(days(D(2027, 2, 25), D(2027, 3, 3)))

    sent = run(D(2027, 2, 15), D(2027, 3, 17), kind=reminders.PAPER_DEADLINE, down=down)

    assert list(sent) == [DEADLINE]
    assert "The deadline for papers is today, Thursday 4 March 2027" in sent[DEADLINE][0].body


@pytest.mark.django_db
def test_no_paper_reminder_after_the_deadline_has_passed(meeting, paper, officer) -> None:
    down = set(days(D(2027, 2, 25), DEADLINE))

    assert run(D(2027, 2, 15), D(2027, 3, 17), kind=reminders.PAPER_DEADLINE, down=down) == {}


@pytest.mark.django_db
def test_a_missed_deadline_reported_late_is_reported_once(meeting, item, paper, officer) -> None:
    sent = run(D(2027, 3, 1), D(2027, 3, 17), kind=reminders.DEADLINE_MISSED, down={D(2027, 3, 5)})

    assert list(sent) == [D(2027, 3, 8)]  # Friday missed: Monday, and no other day
    assert "1. Joint health strategy" in sent[D(2027, 3, 8)][0].body


@pytest.mark.django_db
def test_a_missed_deadline_is_not_reported_once_the_papers_are_out(meeting, item, paper, officer) -> None:
    paper.published_at = at(D(2027, 3, 6))
    paper.save()

    assert run(D(2027, 3, 1), D(2027, 3, 17), kind=reminders.DEADLINE_MISSED, down={D(2027, 3, 5)}) == {}


@pytest.mark.django_db
def test_minutes_not_drafted_missed_goes_the_next_working_day_with_the_days_passed(board, officer) -> None:
    Meeting.objects.create(board=board, start=at(D(2027, 3, 4)), venue="Online", status=MeetingStatus.HELD)

    sent = run(D(2027, 3, 4), D(2027, 4, 1), kind=reminders.MINUTES_NOT_DRAFTED, down={D(2027, 3, 18)})

    assert list(sent) == [D(2027, 3, 19)]
    assert "was held 11 working days ago" in sent[D(2027, 3, 19)][0].body


@pytest.mark.django_db
def test_an_agenda_email_lost_with_its_task_is_sent_by_the_next_sweep(published) -> None:
    """The task queued on publication never ran (Redis lost it): the next morning's
    sweep tells the members, whatever the day, and only once."""
    saturday = D(2027, 3, 6)

    reminders.send_due_reminders(saturday)
    reminders.send_due_reminders(saturday + dt.timedelta(days=1))

    agenda = SentReminder.objects.filter(kind=reminders.AGENDA_PUBLISHED)
    assert sorted(agenda.values_list("recipient", flat=True)) == ["dinah@example.org", "mary@example.org"]
    assert sorted(recipients([m for m in mail.outbox if "agenda" in m.subject.lower()])) == [
        "dinah@example.org",
        "mary@example.org",
    ]


@pytest.mark.django_db
def test_no_agenda_email_once_the_meeting_has_been_held(published) -> None:
    published.status = MeetingStatus.HELD
    published.save()

    reminders.send_due_reminders(MEETING_DAY + dt.timedelta(days=1))

    assert not SentReminder.objects.filter(kind=reminders.AGENDA_PUBLISHED).exists()


def _sent_keys(
    start: dt.date, end: dt.date, down: Collection[dt.date] = ()
) -> tuple[Counter[tuple[str, str, str]], list[dt.date]]:
    """Every reminder sent over the days, counted, and the days anything was sent; the
    database is rolled back after."""
    with transaction.atomic():
        sent_on = list(run(start, end, down=down))
        sent = Counter(SentReminder.objects.values_list("kind", "key", "recipient"))
        transaction.set_rollback(True)
    return sent, sent_on


@pytest.mark.django_db
def test_beat_down_on_any_one_day_still_sends_every_reminder_once(busy_day, item, officer) -> None:
    """A paper reminder (5 and 1 days), a missed deadline, an expiring delegation and an
    overdue action's weekly reminders: whichever day the beat misses, the same
    reminders go, each once."""
    start, end = D(2027, 2, 22), D(2027, 3, 17)
    every_day, sent_on = _sent_keys(start, end)
    assert {kind for kind, _, _ in every_day} >= {
        reminders.PAPER_DEADLINE,
        reminders.DEADLINE_MISSED,
        reminders.DELEGATION_EXPIRING,
        reminders.ACTION_OVERDUE,
    }
    assert set(every_day.values()) == {1}
    # Not the first day: it is the last chance of a weekly reminder due the week before,
    # and a week missed altogether is not sent twice over.
    assert len(sent_on) > 4

    for down in sent_on[1:]:
        assert _sent_keys(start, end, down={down})[0] == every_day, f"beat down on {down}"


# ---------------------------------------------------------------------------
# Once only


@pytest.fixture
def busy_day(meeting, paper, owner, board, county, officer) -> dt.date:
    """Thursday 25 February 2027: a paper reminder, an overdue action and an expiring delegation are due."""
    Action.objects.create(meeting=meeting, description="Report back", owner=owner, due_date=D(2027, 2, 1))
    Delegation.objects.create(
        organisation=county,
        person=owner,
        board=board,
        scope="Everything",
        valid_from=D(2026, 1, 1),
        valid_to=D(2027, 3, 20),
        evidence_reference="Cabinet minute 1",
    )
    return D(2027, 2, 25)


@pytest.mark.django_db
def test_running_the_reminders_twice_sends_each_one_once(busy_day) -> None:
    first = reminders.send_due_reminders(busy_day)
    outbox = [(message.subject, tuple(message.to)) for message in mail.outbox]

    second = reminders.send_due_reminders(busy_day)

    assert first == 4  # the author, the action's owner, and the delegation to the owner and the officer
    assert second == 0
    assert [(message.subject, tuple(message.to)) for message in mail.outbox] == outbox
    assert SentReminder.objects.count() == 4
    assert not SentReminder.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_beat_task_sends_the_days_reminders_once(busy_day) -> None:
    assert tasks.send_due_reminders.apply(args=[busy_day.isoformat()]).get() == 4
    assert tasks.send_due_reminders.apply(args=[busy_day.isoformat()]).get() == 0
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_send_once_skips_a_reminder_already_recorded() -> None:
    SentReminder.objects.create(kind="test", key="k", recipient="someone@example.org", subject="Earlier")

    assert reminders.send_once("test", "k", "Someone@Example.org ", "Again", "Body") is False
    assert reminders.send_once("test", "k2", "someone@example.org", "Other", "Body") is True
    assert [message.subject for message in mail.outbox] == ["Other"]
    assert mail.outbox[0].extra_headers["Auto-Submitted"] == "auto-generated"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sends_of_one_reminder_deliver_it_once(monkeypatch, postgresql_only) -> None:
    """The second INSERT waits on the unique index until the first run commits, then skips."""
    original = LocmemBackend.send_messages

    def slow_send(self, messages):  # noqa: ANN001, ANN202 — hold the first run's transaction open
        time.sleep(0.5)
        return original(self, messages)

    monkeypatch.setattr(LocmemBackend, "send_messages", slow_send)
    start = threading.Barrier(2)
    results: list[bool] = []

    def send() -> None:
        try:
            start.wait()
            results.append(reminders.send_once("test", "race", "someone@example.org", "Once", "Body"))
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results) == [False, True]
    assert len(mail.outbox) == 1
    assert SentReminder.objects.filter(key="race", sent_at__isnull=False).count() == 1


@pytest.fixture
def failing_for(monkeypatch) -> Callable[[str], None]:
    """Make the mail backend refuse messages to one address, as a mail server might."""

    def fail(address: str) -> None:
        original = LocmemBackend.send_messages

        def send_messages(self, messages):  # noqa: ANN001, ANN202
            if any(address in message.to for message in messages):
                raise ConnectionError(f"Mail server refused {address}")
            return original(self, messages)

        monkeypatch.setattr(LocmemBackend, "send_messages", send_messages)

    return fail


@pytest.mark.django_db
def test_a_failure_after_recording_rolls_back_so_a_later_run_sends_it(busy_day, failing_for, monkeypatch) -> None:
    failing_for(AUTHOR)

    with pytest.raises(reminders.ReminderDeliveryError, match=AUTHOR):
        reminders.send_due_reminders(busy_day)

    # The others went out; the failed one left no row behind.
    assert AUTHOR not in recipients(mail.outbox)
    assert len(mail.outbox) == 3
    assert not SentReminder.objects.filter(recipient=AUTHOR).exists()
    assert SentReminder.objects.count() == 3

    monkeypatch.undo()
    assert reminders.send_due_reminders(busy_day) == 1
    assert recipients(mail.outbox[3:]) == [AUTHOR]
    assert SentReminder.objects.filter(recipient=AUTHOR, sent_at__isnull=False).count() == 1


# ---------------------------------------------------------------------------
# Agenda published


@pytest.fixture
def published(meeting, item, seat, member, deputy, add_members, board, other_board, county) -> Meeting:
    """The agenda is published; Mary (chair) and her deputy Dinah have email addresses,
    a former member and a member of another board too."""
    member.person.email = "mary@example.org"
    member.person.save()
    deputy.person.email = "dinah@example.org"
    deputy.person.save()
    former = Person.objects.create(name="Former Member", organisation=county, email="former@example.org")
    Membership.objects.create(
        board=board, person=former, organisation=county, start_date=D(2020, 1, 1), end_date=D(2026, 12, 31)
    )
    elsewhere = Person.objects.create(name="Elsewhere", organisation=county, email="elsewhere@example.org")
    Membership.objects.create(board=other_board, person=elsewhere, organisation=county, start_date=D(2020, 1, 1))
    add_members(board, 3, organisation=county)  # people without email addresses
    AgendaItem.objects.create(meeting=meeting, order=2, title="Named tenant arrears", exempt=True, exempt_category="1")
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.agenda_published_at = at(D(2027, 3, 4), 16)
    meeting.save()
    return meeting


@pytest.mark.django_db
def test_publishing_the_agenda_tells_each_member_and_deputy_once(published) -> None:
    assert tasks.send_agenda_published.apply(args=[published.pk]).get() == 2
    assert reminders.send_agenda_published(published.pk) == 0

    assert recipients(mail.outbox) == ["dinah@example.org", "mary@example.org"]
    body = mail.outbox[0].body
    assert "Joint health strategy" in body
    assert "Named tenant arrears" not in body  # exempt items stay out of an email that may be forwarded
    assert "1 exempt item" in body
    assert f"https://accord.example.org{published.get_absolute_url()}" in body
    assert set(SentReminder.objects.values_list("kind", "meeting")) == {(reminders.AGENDA_PUBLISHED, published.pk)}


@pytest.mark.django_db
def test_no_agenda_email_for_an_unpublished_agenda(meeting, seat, member) -> None:
    member.person.email = "mary@example.org"
    member.person.save()

    assert reminders.send_agenda_published(meeting.pk) == 0
    assert reminders.send_agenda_published(999_999) == 0
    assert mail.outbox == []


# ---------------------------------------------------------------------------
# The officers' page


def _sent(meeting: Meeting | None, n: int, kind: str = reminders.DEADLINE_MISSED) -> None:
    SentReminder.objects.bulk_create(
        [
            SentReminder(
                kind=kind,
                key=f"{kind}:{meeting.pk if meeting else 'none'}:{i}",
                recipient=f"person{i}@example.org",
                subject=f"{kind} {i} about {meeting.pk if meeting else 'nothing'}",
                meeting=meeting,
                partnership=meeting.board.partnership if meeting else None,
                sent_at=at(D(2027, 3, 5)),
            )
            for i in range(n)
        ]
    )


@pytest.mark.django_db
def test_officers_see_the_reminders_of_their_partnerships_only(client, officer, meeting, other_board) -> None:
    other_meeting = Meeting.objects.create(board=other_board, start=at(MEETING_DAY), venue="Online")
    _sent(meeting, 2)
    _sent(other_meeting, 1)
    _sent(None, 1, kind=reminders.DELEGATION_EXPIRING)
    client.force_login(officer)

    response = client.get(reverse("meetings:reminders"))

    assert response.status_code == 200
    subjects = [reminder.subject for reminder, _ in response.context["rows"]]
    assert sorted(subjects) == [f"deadline_missed {i} about {meeting.pk}" for i in range(2)]
    assert b"Paper deadline missed" in response.content


@pytest.mark.django_db
def test_administrators_see_every_reminder_and_can_filter_by_kind(client, administrator, meeting) -> None:
    _sent(meeting, 2)
    _sent(None, 1, kind=reminders.DELEGATION_EXPIRING)
    client.force_login(administrator)

    everything = client.get(reverse("meetings:reminders"))
    delegations = client.get(reverse("meetings:reminders"), {"kind": reminders.DELEGATION_EXPIRING})
    nonsense = client.get(reverse("meetings:reminders"), {"kind": "nonsense", "page": "many"})

    assert everything.context["page"].paginator.count == 3
    assert [r.kind for r, _ in delegations.context["rows"]] == [reminders.DELEGATION_EXPIRING]
    assert nonsense.status_code == 200
    assert nonsense.context["page"].paginator.count == 3


@pytest.mark.django_db
def test_the_reminders_page_is_paginated_with_a_fixed_number_of_queries(
    client, officer, meeting, django_assert_max_num_queries
) -> None:
    _sent(meeting, 120)
    client.force_login(officer)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("meetings:reminders"), {"page": 3})

    assert response.status_code == 200
    assert len(response.context["rows"]) == 20
    assert b'rel="prev"' in response.content and b'rel="next"' not in response.content


@pytest.mark.django_db
def test_only_officers_may_see_the_reminders_page(client, member) -> None:
    url = reverse("meetings:reminders")
    assert client.get(url).status_code == 302  # to sign in

    client.force_login(member)
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_reminder_emails_link_to_the_configured_site(meeting, paper) -> None:
    assert settings.SITE_URL == "https://accord.example.org"
    reminders.send_due_reminders(D(2027, 2, 25))
    (message,) = mail.outbox
    assert "https://accord.example.org/" in message.body
    assert "http://127.0.0.1" not in message.body


@pytest.mark.django_db
def test_an_inactive_officer_gets_no_reminders(meeting, item, officer, partnership) -> None:
    retired = User.objects.create_user(username="rita", email="rita@example.org", role=Role.OFFICER, is_active=False)
    partnership.officers.add(retired)

    sent = run(D(2027, 3, 5), D(2027, 3, 5), kind=reminders.DEADLINE_MISSED)

    assert recipients(sent[D(2027, 3, 5)]) == [officer.email]
