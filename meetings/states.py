"""The meeting's state machine (SPEC §4), pure: no Django, statuses as plain strings.

Each step a meeting may take (every action that changes it) is a row of
``MEETING_TRANSITIONS``: the statuses it may start from, the status it moves to (None:
the meeting stays where it is), and a move that happens only from some statuses (recording
attendance at a meeting that has started records it as held; the first minute drafted
puts the minutes in draft). ``require_transition`` is the one check the actions make, and
``allowed_steps`` what the officer's page offers, so a page never re-decides a status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# The values of meetings.models.MeetingStatus (tests/meetings/test_states.py holds them equal).
SCHEDULED = "scheduled"
AGENDA_PUBLISHED = "agenda_published"
HELD = "held"
MINUTES_DRAFT = "minutes_draft"
MINUTES_APPROVED = "minutes_approved"
MINUTES_PUBLISHED = "minutes_published"
CANCELLED = "cancelled"

STATUSES: tuple[str, ...] = (
    SCHEDULED,
    AGENDA_PUBLISHED,
    HELD,
    MINUTES_DRAFT,
    MINUTES_APPROVED,
    MINUTES_PUBLISHED,
    CANCELLED,
)

STATUS_LABELS: Mapping[str, str] = {
    SCHEDULED: "Scheduled",
    AGENDA_PUBLISHED: "Agenda published",
    HELD: "Held",
    MINUTES_DRAFT: "Minutes in draft",
    MINUTES_APPROVED: "Minutes approved",
    MINUTES_PUBLISHED: "Minutes published",
    CANCELLED: "Cancelled",
}

# The status as the end of a sentence ("The agenda cannot be published: the minutes
# are in draft."), so a refusal never glues a label into a sentence.
STATUS_PHRASES: Mapping[str, str] = {
    SCHEDULED: "the meeting is scheduled and its agenda is not yet published",
    AGENDA_PUBLISHED: "the agenda is published and the meeting is not yet recorded as held",
    HELD: "the meeting has been held",
    MINUTES_DRAFT: "the minutes are in draft",
    MINUTES_APPROVED: "the minutes are approved",
    MINUTES_PUBLISHED: "the minutes are published",
    CANCELLED: "the meeting has been cancelled",
}

OPEN: frozenset[str] = frozenset(STATUSES) - {CANCELLED}
NOT_HELD: frozenset[str] = frozenset({SCHEDULED, AGENDA_PUBLISHED})
# Declarations are made once the agenda is published, at the meeting, and until the
# minutes that record them are approved (SPEC §4).
DECLARABLE: frozenset[str] = frozenset({AGENDA_PUBLISHED, HELD, MINUTES_DRAFT})

CANCELLED_REFUSAL = "This meeting has been cancelled."
# Once its minutes are approved a meeting's record is closed: the agenda, papers and
# attendance the approved minutes rest on no longer change.
RECORD_OPEN: frozenset[str] = OPEN - {MINUTES_APPROVED, MINUTES_PUBLISHED}
RECORD_CLOSED_REFUSAL = (
    "The minutes of this meeting have been approved: its agenda, papers and attendance can no longer change."
)
CLOSED_RECORD: Mapping[str, str] = {MINUTES_APPROVED: RECORD_CLOSED_REFUSAL, MINUTES_PUBLISHED: RECORD_CLOSED_REFUSAL}

# Timing a step needs beyond its status: the meeting has started (issue 8 rule 2:
# nothing is recorded as having happened at a meeting still to come).
STARTED = "started"
NOT_STARTED_REFUSAL = "The meeting has not started yet."
ATTENDANCE_NOT_STARTED = "Attendance can be recorded once the meeting has started."
ATTENDANCE_BEFORE_AGENDA = "Publish the agenda before recording attendance."
EMPTY_AGENDA_REFUSAL = "Add at least one item to the agenda before publishing it."


@dataclass(frozen=True)
class Step:
    """One row of the table. ``refusal`` may end on the current status as ``{status}``
    (a phrase of STATUS_PHRASES)."""

    starts_from: frozenset[str]
    to: str | None = None
    refusal: str = CANCELLED_REFUSAL
    needs: str | None = None
    # Why the timing refuses it (when ``needs`` is not met).
    timing_refusal: str = NOT_STARTED_REFUSAL
    # Refused on an agenda with no item (when the caller says whether it has any).
    needs_items: bool = False
    # Moves that happen only from some statuses.
    moves: Mapping[str, str] = field(default_factory=dict)
    # Where one status is refused for its own reason: status -> refusal.
    refusal_for: Mapping[str, str] = field(default_factory=dict)


MEETING_TRANSITIONS: Mapping[str, Step] = {
    # The meeting itself
    "meeting_update": Step(OPEN),
    "meeting_cancel": Step(NOT_HELD, CANCELLED, "Only a meeting that has not yet been held can be cancelled."),
    "agenda_publish": Step(
        frozenset({SCHEDULED}),
        AGENDA_PUBLISHED,
        "The agenda cannot be published: {status}.",
        needs_items=True,
        refusal_for={AGENDA_PUBLISHED: "The agenda has already been published.", CANCELLED: CANCELLED_REFUSAL},
    ),
    "meeting_mark_held": Step(
        frozenset({AGENDA_PUBLISHED}), HELD, "Publish the agenda before recording the meeting as held.", STARTED
    ),
    # The agenda and its papers
    "item_add": Step(RECORD_OPEN, refusal_for=CLOSED_RECORD),
    "item_update": Step(RECORD_OPEN, refusal_for=CLOSED_RECORD),
    "item_move": Step(RECORD_OPEN, refusal_for=CLOSED_RECORD),
    "paper_add": Step(RECORD_OPEN, refusal_for=CLOSED_RECORD),
    "paper_upload": Step(RECORD_OPEN, refusal_for=CLOSED_RECORD),
    "paper_publish": Step(RECORD_OPEN, refusal_for=CLOSED_RECORD),
    # At the meeting: once it has started, on a published agenda (a meeting held on an
    # agenda published late publishes it first, on the late-agenda path).
    "attendance_record": Step(
        RECORD_OPEN - {SCHEDULED},
        refusal_for={SCHEDULED: ATTENDANCE_BEFORE_AGENDA, **CLOSED_RECORD},
        needs=STARTED,
        timing_refusal=ATTENDANCE_NOT_STARTED,
        moves={AGENDA_PUBLISHED: HELD},
    ),
    "attendee_add": Step(
        RECORD_OPEN - {SCHEDULED},
        refusal_for={SCHEDULED: ATTENDANCE_BEFORE_AGENDA, **CLOSED_RECORD},
        needs=STARTED,
        timing_refusal=ATTENDANCE_NOT_STARTED,
    ),
    "declaration_record": Step(
        DECLARABLE, refusal="Interests can be declared once the agenda is published and until the minutes are approved."
    ),
    # The minutes
    "minutes_update": Step(
        frozenset({HELD, MINUTES_DRAFT}),
        refusal="Minutes can be drafted once the meeting has been held, and until they are approved.",
        moves={HELD: MINUTES_DRAFT},
    ),
    "minutes_approve": Step(frozenset({MINUTES_DRAFT}), MINUTES_APPROVED, "Only draft minutes can be approved."),
    "minutes_publish": Step(
        frozenset({MINUTES_APPROVED}), MINUTES_PUBLISHED, "Only approved minutes can be published."
    ),
    # Actions arising: from the published agenda on; an action already set can be
    # brought up to date whatever became of its meeting.
    "action_create": Step(OPEN - {SCHEDULED}, refusal="Actions can be added once the agenda is published."),
    "action_update": Step(frozenset(STATUSES)),
}

# The order in which the officer's page offers the steps; the first one allowed is the
# main one (GOV.UK: one primary button per page).
MAIN_STEP_ORDER: tuple[str, ...] = (
    "minutes_publish",
    "minutes_approve",
    "minutes_update",
    "attendance_record",
    "item_add",
    "agenda_publish",
)


class TransitionRefused(ValueError):
    """A step the meeting's status (or the time) does not allow; the message says why."""


def _timing_ok(needs: str | None, start: dt.datetime | None, now: dt.datetime | None) -> bool:
    if needs is None or start is None or now is None:
        return True
    return start <= now  # STARTED, the one timing there is


def refusal(
    step: str,
    status: str,
    *,
    start: dt.datetime | None = None,
    now: dt.datetime | None = None,
    has_items: bool | None = None,
) -> str | None:
    """Why ``step`` may not be taken from ``status`` (at ``now``, for a meeting starting
    at ``start``; on an agenda that ``has_items`` or not), or None when it may. Timing
    is checked only when both are given, the agenda only when ``has_items`` is."""
    row = MEETING_TRANSITIONS[step]
    if status not in row.starts_from and status in row.refusal_for:
        return row.refusal_for[status]
    if status not in row.starts_from:
        return row.refusal.format(status=STATUS_PHRASES.get(status, status))
    if not _timing_ok(row.needs, start, now):
        return row.timing_refusal
    if row.needs_items and has_items is False:
        return EMPTY_AGENDA_REFUSAL
    return None


def require_transition(
    step: str,
    status: str,
    *,
    start: dt.datetime | None = None,
    now: dt.datetime | None = None,
    has_items: bool | None = None,
) -> str:
    """The status the meeting is in after ``step``; raises TransitionRefused if refused."""
    reason = refusal(step, status, start=start, now=now, has_items=has_items)
    if reason is not None:
        raise TransitionRefused(reason)
    return next_status(step, status, start=start, now=now)


def next_status(step: str, status: str, *, start: dt.datetime | None = None, now: dt.datetime | None = None) -> str:
    row = MEETING_TRANSITIONS[step]
    if row.to is not None:
        return row.to
    if status in row.moves:
        return row.moves[status]
    return status


def allowed_steps(
    status: str,
    *,
    start: dt.datetime | None = None,
    now: dt.datetime | None = None,
    has_items: bool | None = None,
) -> frozenset[str]:
    """The steps a meeting in ``status`` may take (at ``now``, and with or without
    agenda items, when given)."""
    return frozenset(
        step for step in MEETING_TRANSITIONS if refusal(step, status, start=start, now=now, has_items=has_items) is None
    )


def main_step(steps: Iterable[str]) -> str | None:
    """The step the officer's page offers first, of those allowed."""
    allowed = set(steps)
    return next((step for step in MAIN_STEP_ORDER if step in allowed), None)


def can_approve_minutes_at(status: str) -> bool:
    """Minutes are approved at a meeting whose agenda was published and that was not cancelled."""
    return status in OPEN - {SCHEDULED}


def minutes_in_draft(status: str) -> bool:
    return status == MINUTES_DRAFT


def is_cancelled(status: str) -> bool:
    return status == CANCELLED
