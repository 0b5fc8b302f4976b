"""Reminders (SPEC §4 "Reminders", §8 "Background work that survives faults").

A beat task (`meetings.tasks.send_due_reminders`, every hour from 07:00 to 18:00
Europe/London, migrations 0002 and 0009: a run lost with a worker or with Redis is
made up within the hour) asks `due_reminders(day)` what is due on that day. Everything is
found from rows in the database — papers, meetings, delegations, memoranda,
actions — never from long broker ETAs (Redis would redeliver those after its
visibility timeout). Each reminder has a stable key, and `send_once` records it
as a unique SentReminder row in the same transaction as the email, so a second
run, or a redelivered task, sends nothing twice.

The kinds, each keyed so that it goes out once:

- paper deadline approaching (to the paper's author): 5 and 1 working days before
  the governing deadline (000 §3: papers 10 working days before every meeting);
- deadline missed (to the partnership's officers): the working day after the
  deadline, when items for decision or discussion still have no published paper;
- minutes not drafted (to the officers): 10 working days after a held meeting;
- delegation expiring (to the officers and the delegate): 30 days ahead;
- memorandum review due (to the officers): 60 days ahead;
- action overdue (to its owner): on the first working day it is overdue, then
  every 7 days while it stays open;
- agenda published (to members and their deputies): when the agenda is published
  (`send_agenda_published`, queued on commit by `actions.agenda_publish`).

Missed runs (SPEC §8). Beat may be down at 07:00, or Redis may lose the queued task:
no reminder may depend on the sweep running on one particular day. So each reminder
is due *from* its day *until* it has been sent or is no longer relevant, and the next
sweep that runs sends it, once (`send_once`):

- paper deadline: from its day until the end of the deadline day, while the paper is
  unpublished and its meeting scheduled or published (not cancelled, not held). A
  late reminder states the working days actually left, and only the most pressing
  one is sent: when the 5-day reminder was missed until the 1-day one is due, the
  author gets the 1-day one alone (two emails on one morning, the first already out
  of date, would only confuse). Otherwise a 5-day reminder sent late (say with 2
  working days left) says "2 working days", and the 1-day one still follows on its
  day: the author still needs the last call. On the deadline day itself the
  reminder says the deadline is today: a paper published that day is on time.
- deadline missed: from the first working day after the deadline until the meeting,
  while items still lack a paper (the email lists those missing when it is sent).
- minutes not drafted: from the 10th working day after the meeting for as long as
  the meeting is only marked held; it states how many working days have passed.
- delegation expiring and memorandum review: from 30 (60) days ahead until the end
  (review) date, stating the days actually left.
- action overdue: each weekly reminder is due until the next one is, and states the
  days overdue; a week missed altogether is not sent twice over.
- agenda published: besides the task queued on publication, every sweep sends it
  to those who have not had it, until the meeting (or its cancellation): a lost task
  is made good the next morning, whatever the day, and so is a member who joined
  after publication. It is an announcement, not a dated reminder.

Once-only is per (kind, key, recipient), as before; a catch-up does not weaken it,
because the keys are those the reminders always had (nothing sent under the old
rule is sent again), and the unique row is what stops a second send, whichever run
or worker gets there first. One consequence: an officer who joins a partnership
while a reminder is still due (a missed deadline, say) gets it too.

Reminders fall due on working days only (SPEC §9 "Rule readings"): one that would
fall due on a weekend or a bank holiday of the board's calendar goes on the working
day before (`falls_due_on`). On a day that is not a working day the dated kinds send
nothing; a run that was missed catches up on the next working day, because each kind
is found while it is due and keyed so that it goes out once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from governance.site import site_url
from partnerships.models import (
    Delegation,
    Deputyship,
    Membership,
    MemorandumOfUnderstanding,
    Partnership,
    PartnershipStatus,
)

from . import working_days
from .models import Action, ActionStatus, Meeting, MeetingStatus, Paper, SentReminder
from .queries import items_missing_papers

logger = logging.getLogger(__name__)

# SentReminder.kind values, with the label the officers' page shows.
PAPER_DEADLINE = "paper_deadline"
DEADLINE_MISSED = "deadline_missed"
MINUTES_NOT_DRAFTED = "minutes_not_drafted"
DELEGATION_EXPIRING = "delegation_expiring"
MOU_REVIEW = "mou_review"
ACTION_OVERDUE = "action_overdue"
AGENDA_PUBLISHED = "agenda_published"

KIND_LABELS: dict[str, str] = {
    PAPER_DEADLINE: "Paper deadline approaching",
    DEADLINE_MISSED: "Paper deadline missed",
    MINUTES_NOT_DRAFTED: "Minutes not drafted",
    DELEGATION_EXPIRING: "Delegation expiring",
    MOU_REVIEW: "Memorandum review due",
    ACTION_OVERDUE: "Action overdue",
    AGENDA_PUBLISHED: "Agenda published",
}

# SPEC §4: "e.g. 5 working days and 1 working day before the deadline".
PAPER_DEADLINE_WARNINGS = (5, 1)
# SPEC §4: "minutes not drafted N days after a meeting" — counted in working days.
MINUTES_DUE_WORKING_DAYS = 10
DELEGATION_WARNING_DAYS = 30
MOU_WARNING_DAYS = 60
ACTION_REMINDER_EVERY_DAYS = 7
# Moving a reminder back to the working day before crosses at most a long weekend
# with bank holidays (Christmas: four days); the database filters are widened by this
# much and the exact day is decided in Python with the board's calendar.
NON_WORKING_RUN_DAYS = 10


class ReminderDeliveryError(Exception):
    """Some reminders could not be sent. Nothing was recorded for them, so running
    the task again for the same day sends exactly those (and nothing twice)."""


@dataclass(frozen=True)
class Reminder:
    """One email that is due: what it is about (kind, key), to whom, and its text."""

    kind: str
    key: str
    recipient: str
    subject: str
    template: str
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    meeting: Meeting | None = field(default=None, hash=False, compare=False)
    partnership: Partnership | None = field(default=None, hash=False, compare=False)

    def render(self) -> str:
        return render_to_string(
            f"meetings/email/{self.template}.txt",
            {"site_url": site_url(), "recipient": self.recipient, **self.context},
        )


# ---------------------------------------------------------------------------
# Sending, exactly once


def send_once(
    kind: str,
    key: str,
    recipient: str,
    subject: str,
    body: str,
    meeting: Meeting | None = None,
    partnership: Partnership | None = None,
) -> bool:
    """Send one reminder unless it has been sent already. Returns whether it was sent.

    Why this is once-only:

    1. Inside one transaction we first INSERT the SentReminder row, whose
       (kind, key, recipient) is unique, then send the email, then set sent_at and
       COMMIT. The insert runs in its own savepoint so that a unique violation
       leaves the surrounding transaction usable.
    2. If the row already exists (committed by an earlier run), the insert fails
       with IntegrityError: the reminder was sent, so we return False.
    3. If another run is sending the same reminder right now, its row is inserted
       but not committed; our INSERT blocks on the unique index until that run
       ends. If it commits, our insert fails and we skip; if it rolls back (the
       email failed, the worker died), our insert succeeds and we send.
    4. If the worker dies before COMMIT — killed mid-send, say — the database
       rolls the row back. The task runs with acks_late and
       task_reject_on_worker_lost (settings), so the broker redelivers it and the
       next attempt sends the reminder. A failed email raises out of the block, so
       the row is rolled back and a later run tries again.

    The one window left is between the mail server accepting the message and the
    COMMIT: a crash exactly there re-sends the reminder later. That is the right
    side to err on — a reminder may, very rarely, arrive twice; it is never lost.
    """
    recipient = _normalise(recipient)
    subject = " ".join(subject.split())[:300]  # one header line
    with transaction.atomic():
        try:
            with transaction.atomic():  # savepoint: a duplicate must not poison the outer transaction
                reminder = SentReminder.objects.create(
                    kind=kind,
                    key=key,
                    recipient=recipient,
                    subject=subject,
                    meeting=meeting,
                    partnership=partnership or (meeting.board.partnership if meeting else None),
                )
        except IntegrityError:
            return False
        message = EmailMessage(
            subject=subject,
            body=body,
            to=[recipient],
            # RFC 3834: an automatic message; out-of-office replies should not answer it.
            headers={"Auto-Submitted": "auto-generated"},
        )
        message.send()
        SentReminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
    return True


def _send_all(reminders: Iterable[Reminder]) -> int:
    """Send each reminder once; one that fails does not stop the others."""
    sent = 0
    failed: list[str] = []
    for reminder in reminders:
        try:
            if send_once(
                reminder.kind,
                reminder.key,
                reminder.recipient,
                reminder.subject,
                reminder.render(),
                meeting=reminder.meeting,
                partnership=reminder.partnership,
            ):
                sent += 1
        except Exception:  # noqa: BLE001 — a bad address or a mail server hiccup must not block the rest
            logger.exception("Could not send reminder %s %s to %s", reminder.kind, reminder.key, reminder.recipient)
            failed.append(f"{reminder.kind} {reminder.key} to {reminder.recipient}")
    if failed:
        raise ReminderDeliveryError(
            f"Sent {sent} reminder(s); {len(failed)} could not be sent and were not recorded: " + "; ".join(failed)
        )
    return sent


def send_due_reminders(day: dt.date) -> int:
    """Send every reminder due on `day` that has not been sent. Returns how many were sent."""
    return _send_all(due_reminders(day))


def send_agenda_published(meeting_id: int) -> int:
    """Tell every member of the board, and each member's designated deputy, that the
    agenda of a meeting is published (SPEC §4 "Publication"). Once per meeting and person."""
    return _send_all(agenda_published_reminders(meeting_id))


# ---------------------------------------------------------------------------
# What is due


def due_reminders(day: dt.date) -> Iterator[Reminder]:
    """Every reminder due on `day`, of every kind: those whose day is today and those
    whose day has passed but which are still relevant (a missed run), the ones already
    sent included (`send_once` skips those)."""
    yield from paper_deadline_reminders(day)
    yield from deadline_missed_reminders(day)
    yield from minutes_not_drafted_reminders(day)
    yield from delegation_expiring_reminders(day)
    yield from mou_review_reminders(day)
    yield from action_overdue_reminders(day)
    yield from agenda_published_catch_up(day)


def _active_officers() -> Prefetch[Any]:
    return Prefetch(
        "board__partnership__officers",
        queryset=User.objects.filter(is_active=True).exclude(email="").order_by("pk"),
    )


def _officer_emails(partnership: Partnership) -> list[str]:
    """The partnership's officers (prefetched with `_active_officers`)."""
    return _unique(user.email for user in partnership.officers.all())


def _normalise(email: str) -> str:
    return email.strip().lower()


def _unique(emails: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for email in emails:
        email = _normalise(email or "")
        if email and email not in seen:
            seen.append(email)
    return seen


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _absolute(path: str) -> str:
    return site_url() + path


def falls_due_on(day: dt.date, calendar: str) -> dt.date:
    """The day a reminder nominally due on `day` goes out: that day when it is a
    working day of `calendar`, otherwise the working day before (SPEC §9)."""
    while not working_days.is_working_day(day, calendar):
        day -= dt.timedelta(days=1)
    return day


def _first_working_day_after(day: dt.date, calendar: str) -> dt.date:
    day += dt.timedelta(days=1)
    while not working_days.is_working_day(day, calendar):
        day += dt.timedelta(days=1)
    return day


def action_reminder_due(due_date: dt.date, day: dt.date, calendar: str) -> dt.date | None:
    """Which weekly overdue reminder of an action due on `due_date` is due on `day`,
    named by the date it nominally falls on; None when none is (not a working day, or
    not yet overdue).

    The first falls on the first working day the action is overdue: it cannot move to
    the working day before, when the action was not yet overdue. The next ones fall
    every 7 days after it, each on the working day before when it would fall on a
    weekend or bank holiday (SPEC §9).
    """
    if not working_days.is_working_day(day, calendar):
        return None
    first = _first_working_day_after(due_date, calendar)
    if day < first:
        return None
    n = (day - first).days // ACTION_REMINDER_EVERY_DAYS
    following = first + dt.timedelta(days=(n + 1) * ACTION_REMINDER_EVERY_DAYS)
    if falls_due_on(following, calendar) <= day:  # moved back onto today
        return following
    return first + dt.timedelta(days=n * ACTION_REMINDER_EVERY_DAYS)


def _upcoming_meetings(day: dt.date, statuses: Iterable[str]) -> list[Meeting]:
    """Meetings after `day` not yet held: naturally few (only future ones)."""
    return list(
        Meeting.objects.filter(status__in=list(statuses), start__date__gt=day)
        .select_related("board__partnership")
        .prefetch_related(_active_officers())
        .order_by("start", "pk")
    )


def paper_deadline_due(deadline: dt.date, day: dt.date, calendar: str) -> tuple[int, int] | None:
    """Which paper deadline reminder is due on `day` for a deadline, and the working
    days then left before it; None when none is (not a working day, too early, or the
    deadline has passed).

    The reminder "n working days before" falls on the working day from which n
    working days are left (the deadline not counted) and stays due until the end of
    the deadline day. Of those whose day has come, the one with the fewest days is the
    one due: a 5-day reminder missed until the 1-day one falls due is not sent at all.
    """
    if day > deadline or not working_days.is_working_day(day, calendar):
        return None
    if day < working_days.paper_deadline(deadline, max(PAPER_DEADLINE_WARNINGS), calendar):
        return None  # not yet: spares counting the days to far-off deadlines
    left = working_days.working_days_between(day, deadline, calendar)
    due = [n for n in PAPER_DEADLINE_WARNINGS if n >= left]
    return (min(due), left) if due else None


def paper_deadline_reminders(day: dt.date) -> Iterator[Reminder]:
    """To the author of each paper not yet published, 5 and 1 working days before
    the governing deadline of its meeting (`paper_deadline_due`). A deadline is N
    working days after `day` when stepping back N working days from it (the deadline
    not counted) lands on `day` — so the reminder goes out on a working day, whatever
    day the deadline is. A reminder missed stays due until the deadline day and then
    states the working days actually left."""
    due: dict[int, tuple[Meeting, int, int]] = {}
    for meeting in _upcoming_meetings(day, [MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED]):
        stage = paper_deadline_due(meeting.governing_deadline, day, meeting.board.calendar)
        if stage is not None:
            due[meeting.pk] = (meeting, *stage)
    if not due:
        return
    papers = (
        Paper.objects.filter(item__meeting__in=list(due), published_at__isnull=True)
        .exclude(author_email="")
        .select_related("item")
        .order_by("item__meeting_id", "item__order", "pk")
    )
    for paper in papers:
        meeting, n, left = due[paper.item.meeting_id]
        deadline = meeting.governing_deadline
        yield Reminder(
            kind=PAPER_DEADLINE,
            key=f"paper:{paper.pk}:deadline-{n}",
            recipient=_normalise(paper.author_email),
            subject=f"Paper due by {_long_date(deadline)}: {paper.title}",
            template="paper_deadline",
            context={
                "paper": paper,
                "item": paper.item,
                "meeting": meeting,
                "deadline": deadline,
                "working_days": left,
                "partnership": meeting.board.partnership,
                "partnership_url": _absolute(meeting.board.partnership.get_absolute_url()),
            },
            meeting=meeting,
        )


def deadline_missed_reminders(day: dt.date) -> Iterator[Reminder]:
    """To the partnership's officers, on the first working day after the deadline,
    when items for decision or discussion have no published paper (nothing silently
    slips past the deadline, SPEC §4). A deadline on a weekend or bank holiday is
    reported on the next working day. Missed, it stays due on every working day until
    the meeting, while papers are still missing; the email lists those missing then."""
    for meeting in _upcoming_meetings(day, [MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED]):
        calendar = meeting.board.calendar
        if not working_days.is_working_day(day, calendar):
            continue
        deadline = meeting.governing_deadline
        if deadline >= day:
            continue
        missing = items_missing_papers(meeting)
        if not missing:
            continue
        for recipient in _officer_emails(meeting.board.partnership):
            yield Reminder(
                kind=DEADLINE_MISSED,
                key=f"meeting:{meeting.pk}:deadline-missed",
                recipient=recipient,
                subject=f"Paper deadline missed: {meeting}",
                template="deadline_missed",
                context={
                    "meeting": meeting,
                    "deadline": deadline,
                    "missing": missing,
                    "meeting_url": _absolute(meeting.get_absolute_url()),
                },
                meeting=meeting,
            )


def minutes_due_on(meeting_date: dt.date, calendar: str) -> dt.date:
    """The 10th working day after a meeting (the meeting day not counted)."""
    day = meeting_date
    for _ in range(MINUTES_DUE_WORKING_DAYS):
        day = _first_working_day_after(day, calendar)
    return day


def minutes_not_drafted_reminders(day: dt.date) -> Iterator[Reminder]:
    """To the officers, on the 10th working day after a meeting (the meeting day not
    counted) that is still only marked held: no minute has been drafted. Missed, it
    stays due on every working day while the meeting is only marked held, and states
    the working days that have actually passed."""
    # 10 working days are at least 10 calendar days; the exact day is decided below.
    meetings = (
        Meeting.objects.filter(
            status=MeetingStatus.HELD,
            start__date__lte=day - dt.timedelta(days=MINUTES_DUE_WORKING_DAYS),
        )
        .select_related("board__partnership")
        .prefetch_related(_active_officers())
        .order_by("start", "pk")
    )
    for meeting in meetings:
        calendar = meeting.board.calendar
        if not working_days.is_working_day(day, calendar) or minutes_due_on(meeting.date, calendar) > day:
            continue
        after = working_days.working_days_between(meeting.date + dt.timedelta(days=1), day, calendar) + 1
        for recipient in _officer_emails(meeting.board.partnership):
            yield Reminder(
                kind=MINUTES_NOT_DRAFTED,
                key=f"meeting:{meeting.pk}:minutes-not-drafted",
                recipient=recipient,
                subject=f"Minutes not yet drafted: {meeting}",
                template="minutes_not_drafted",
                context={
                    "meeting": meeting,
                    "working_days": after,
                    "meeting_url": _absolute(meeting.get_absolute_url()),
                },
                meeting=meeting,
            )


def delegation_expiring_reminders(day: dt.date) -> Iterator[Reminder]:
    """To the officers and the delegate, once, 30 days before a delegation ends (the
    working day before when that is not a working day): the organisation's executive
    body needs time to renew the authority (000 §3b). Until the delegation ends, a
    later working day sends it if it has not gone out yet."""
    horizon = day + dt.timedelta(days=DELEGATION_WARNING_DAYS + NON_WORKING_RUN_DAYS)
    delegations = (
        Delegation.objects.filter(valid_to__gte=day, valid_to__lte=horizon)
        .exclude(board__partnership__status=PartnershipStatus.ENDED)
        .select_related("person", "organisation", "board__partnership")
        .prefetch_related(_active_officers())
        .order_by("valid_to", "pk")
    )
    for delegation in delegations:
        if delegation.valid_to is None:  # the filter keeps only delegations ending in the window
            continue
        calendar = delegation.board.calendar
        warning = delegation.valid_to - dt.timedelta(days=DELEGATION_WARNING_DAYS)
        if not working_days.is_working_day(day, calendar) or falls_due_on(warning, calendar) > day:
            continue
        partnership = delegation.board.partnership
        # The end date is part of the key: a delegation extended and expiring again
        # is a new reminder.
        key = f"delegation:{delegation.pk}:expiring:{delegation.valid_to.isoformat()}"
        context = {
            "delegation": delegation,
            "board": delegation.board,
            "days": (delegation.valid_to - day).days,
            "board_url": _absolute(reverse("board", args=[partnership.slug, delegation.board.slug])),
        }
        for recipient in _unique([*_officer_emails(partnership), delegation.person.email]):
            yield Reminder(
                kind=DELEGATION_EXPIRING,
                key=key,
                recipient=recipient,
                subject=f"Delegation ends on {_long_date(delegation.valid_to)}: {delegation}",
                template="delegation_expiring",
                context=context,
                partnership=partnership,
            )


def mou_review_reminders(day: dt.date) -> Iterator[Reminder]:
    """To the officers, once, 60 days before the latest memorandum of a board falls
    due for review (the working day before when that is not a working day), or on a
    later working day until the review date if it has not gone out yet. Superseded
    versions are not reviewed."""
    later = MemorandumOfUnderstanding.objects.filter(board=OuterRef("board"), version__gt=OuterRef("version"))
    horizon = day + dt.timedelta(days=MOU_WARNING_DAYS + NON_WORKING_RUN_DAYS)
    mous = (
        MemorandumOfUnderstanding.objects.filter(review_date__gte=day, review_date__lte=horizon)
        .exclude(Exists(later))
        .exclude(board__partnership__status=PartnershipStatus.ENDED)
        .select_related("board__partnership")
        .prefetch_related(_active_officers())
        .order_by("review_date", "pk")
    )
    for mou in mous:
        if mou.review_date is None:  # the filter keeps only memoranda due in the window
            continue
        calendar = mou.board.calendar
        warning = mou.review_date - dt.timedelta(days=MOU_WARNING_DAYS)
        if not working_days.is_working_day(day, calendar) or falls_due_on(warning, calendar) > day:
            continue
        context = {
            "mou": mou,
            "board": mou.board,
            "days": (mou.review_date - day).days,
            "mou_url": _absolute(mou.get_absolute_url()),
        }
        for recipient in _officer_emails(mou.board.partnership):
            yield Reminder(
                kind=MOU_REVIEW,
                key=f"mou:{mou.pk}:review:{mou.review_date.isoformat()}",
                recipient=recipient,
                subject=f"Memorandum due for review on {_long_date(mou.review_date)}: {mou.board}",
                template="mou_review",
                context=context,
                partnership=mou.board.partnership,
            )


def action_overdue_reminders(day: dt.date) -> Iterator[Reminder]:
    """To the owner of each open action past its due date, on working days only
    (`action_reminder_due`), once a week until it is done or dropped: the nominal
    date of each weekly reminder is part of its key."""
    actions = (
        Action.objects.filter(status=ActionStatus.OPEN, due_date__lt=day)
        .exclude(owner__email="")
        .select_related("owner", "meeting__board__partnership", "item")
        .order_by("due_date", "pk")
    )
    for action in actions:
        falls_on = action_reminder_due(action.due_date, day, action.meeting.board.calendar)
        if falls_on is None:
            continue
        yield Reminder(
            kind=ACTION_OVERDUE,
            key=f"action:{action.pk}:overdue:{falls_on.isoformat()}",
            recipient=_normalise(action.owner.email),
            subject=f"Action overdue since {_long_date(action.due_date)}: {str(action)[:120]}",
            template="action_overdue",
            context={
                "action": action,
                "meeting": action.meeting,
                "days_overdue": (day - action.due_date).days,
                "meeting_url": _absolute(action.meeting.get_absolute_url()),
            },
            meeting=action.meeting,
        )


def agenda_published_reminders(meeting_id: int) -> Iterator[Reminder]:
    """The 'agenda published' email for each member of the board on the day of the
    meeting and for each one's designated deputy on that day (the Deputyship ledger:
    they may have to attend instead, 001 principle 5). Nothing for a meeting whose agenda is not (or no longer) public."""
    meeting = Meeting.objects.select_related("board__partnership").filter(pk=meeting_id).first()
    if meeting is None or not meeting.is_public or meeting.status == MeetingStatus.CANCELLED:
        return
    yield from _agenda_published(meeting)


def agenda_published_catch_up(day: dt.date) -> Iterator[Reminder]:
    """The 'agenda published' email for every meeting whose agenda is published and
    which is still to come, to whoever has not had it: the task queued on publication
    may have been lost with the broker. Any day, not only working days: it is an
    announcement, sent on publication whatever the day, not a dated reminder. A
    meeting held or cancelled is no longer announced."""
    meetings = (
        Meeting.objects.public()
        .filter(status=MeetingStatus.AGENDA_PUBLISHED, start__date__gt=day, agenda_published_at__date__lte=day)
        .select_related("board__partnership")
        .order_by("start", "pk")
    )
    for meeting in meetings:
        yield from _agenda_published(meeting)


def _agenda_published(meeting: Meeting) -> Iterator[Reminder]:
    memberships = (
        Membership.objects.current(meeting.date)
        .filter(board=meeting.board)
        .select_related("person")
        .prefetch_related(Prefetch("deputyships", queryset=Deputyship.objects.select_related("person")))
        .order_by("pk")
    )
    deputies = {membership.pk: membership.deputy_on(meeting.date) for membership in memberships}
    recipients = _unique(
        email
        for membership in memberships
        for email in (membership.person.email, getattr(deputies[membership.pk], "email", ""))
    )
    if not recipients:
        return
    # The email may be forwarded: it lists only items the public may see.
    items = list(meeting.items.order_by("order", "pk"))
    context = {
        "meeting": meeting,
        "public_items": [item for item in items if item.is_public],
        "exempt_count": sum(1 for item in items if not item.is_public),
        "meeting_url": _absolute(meeting.get_absolute_url()),
    }
    for recipient in recipients:
        yield Reminder(
            kind=AGENDA_PUBLISHED,
            key=f"meeting:{meeting.pk}:agenda-published",
            recipient=recipient,
            subject=f"Agenda published: {meeting}",
            template="agenda_published",
            context=context,
            meeting=meeting,
        )
