"""The meeting's state machine (meetings/states.py): every step from every status,
the moves the table makes, and the officer's page offering exactly the steps allowed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import states
from meetings.models import MeetingStatus
from tests.factories import make_item, make_meeting, make_paper

S, P, H, D, A, M, C = (
    states.SCHEDULED,
    states.AGENDA_PUBLISHED,
    states.HELD,
    states.MINUTES_DRAFT,
    states.MINUTES_APPROVED,
    states.MINUTES_PUBLISHED,
    states.CANCELLED,
)
ALL = (S, P, H, D, A, M, C)
OPEN = (S, P, H, D, A, M)
# Once the minutes are approved the record the minutes rest on is closed.
RECORD_OPEN = (S, P, H, D)

# step -> (statuses it may start from, the status after it from each of them)
EXPECTED: dict[str, dict[str, str]] = {
    "meeting_update": {s: s for s in OPEN},
    "meeting_cancel": {S: C, P: C},
    "agenda_publish": {S: P},
    "meeting_mark_held": {P: H},
    "item_add": {s: s for s in RECORD_OPEN},
    "item_update": {s: s for s in RECORD_OPEN},
    "item_move": {s: s for s in RECORD_OPEN},
    "paper_add": {s: s for s in RECORD_OPEN},
    "paper_upload": {s: s for s in RECORD_OPEN},
    "paper_publish": {s: s for s in RECORD_OPEN},
    # Attendance once the agenda is published (and, with a clock, the meeting started).
    "attendance_record": {P: H, H: H, D: D},
    "attendee_add": {P: P, H: H, D: D},
    "declaration_record": {P: P, H: H, D: D},
    "minutes_update": {H: D, D: D},
    "minutes_approve": {D: A},
    "minutes_publish": {A: M},
    "action_create": {s: s for s in OPEN if s != S},
    "action_update": {s: s for s in ALL},
}

CASES = [(step, status) for step in EXPECTED for status in ALL]


def test_the_statuses_are_the_models() -> None:
    assert list(states.STATUSES) == list(MeetingStatus.values)
    assert dict(states.STATUS_LABELS) == dict(MeetingStatus.choices)


def test_the_table_has_every_step_and_no_other() -> None:
    assert set(states.MEETING_TRANSITIONS) == set(EXPECTED)


@pytest.mark.parametrize(("step", "status"), CASES)
def test_each_step_from_each_status(step: str, status: str) -> None:
    allowed = EXPECTED[step]
    if status in allowed:
        assert states.refusal(step, status) is None
        assert states.require_transition(step, status) == allowed[status]
        assert step in states.allowed_steps(status)
    else:
        reason = states.refusal(step, status)
        assert reason
        with pytest.raises(states.TransitionRefused, match=re.escape(reason)):
            states.require_transition(step, status)
        assert step not in states.allowed_steps(status)


def test_editing_a_cancelled_meeting_is_refused_for_items_papers_and_moves_alike() -> None:
    for step in ("item_add", "item_update", "item_move", "paper_add", "paper_upload", "paper_publish"):
        assert states.refusal(step, C) == "This meeting has been cancelled."


def test_once_the_minutes_are_approved_the_record_they_rest_on_is_closed() -> None:
    for step in (
        "item_add",
        "item_update",
        "item_move",
        "paper_add",
        "paper_upload",
        "paper_publish",
        "attendance_record",
    ):
        for status in (A, M):
            assert states.refusal(step, status) == states.RECORD_CLOSED_REFUSAL
            assert step not in states.allowed_steps(status)


def test_refusals_keep_their_wording() -> None:
    assert states.refusal("agenda_publish", P) == "The agenda has already been published."
    assert states.refusal("agenda_publish", H) == "The agenda cannot be published: the meeting has been held."
    assert states.refusal("agenda_publish", D) == "The agenda cannot be published: the minutes are in draft."
    assert states.refusal("attendance_record", S) == "Publish the agenda before recording attendance."
    assert states.refusal("meeting_cancel", H) == "Only a meeting that has not yet been held can be cancelled."
    assert states.refusal("minutes_publish", D) == "Only approved minutes can be published."
    assert states.refusal("minutes_approve", H) == "Only draft minutes can be approved."


START = dt.datetime(2027, 3, 4, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("now", "started"),
    [
        (START - dt.timedelta(days=1), False),
        (START - dt.timedelta(hours=2), False),  # the morning of the meeting: it has not started
        (START, True),
        (START + dt.timedelta(hours=3), True),
    ],
)
def test_rule_2_timing_decides_holding_and_attendance(now, started) -> None:
    steps = states.allowed_steps(P, start=START, now=now)
    assert ("meeting_mark_held" in steps) is started
    assert ("attendance_record" in steps) is started
    assert ("attendee_add" in steps) is started
    if started:
        assert states.require_transition("attendance_record", P, start=START, now=now) == H
    else:
        assert states.refusal("meeting_mark_held", P, start=START, now=now) == "The meeting has not started yet."
        assert (
            states.refusal("attendance_record", P, start=START, now=now)
            == "Attendance can be recorded once the meeting has started."
        )


def test_rule_2_no_attendance_before_the_agenda_is_published() -> None:
    assert "attendance_record" not in states.allowed_steps(S, start=START, now=START + dt.timedelta(hours=1))
    with pytest.raises(states.TransitionRefused, match="Publish the agenda before recording attendance"):
        states.require_transition("attendance_record", S, start=START, now=START)


def test_rule_2_an_empty_agenda_cannot_be_published() -> None:
    assert "agenda_publish" not in states.allowed_steps(S, has_items=False)
    assert "agenda_publish" in states.allowed_steps(S, has_items=True)
    assert states.refusal("agenda_publish", S, has_items=False) == states.EMPTY_AGENDA_REFUSAL


def test_no_refusal_glues_a_status_label_into_a_sentence() -> None:
    for step in states.MEETING_TRANSITIONS:
        for status in ALL:
            reason = states.refusal(step, status) or ""
            for label in states.STATUS_LABELS.values():
                assert f"is {label.lower()}" not in reason, (step, status, reason)


def test_the_main_step_is_the_first_allowed_in_order() -> None:
    before = START - dt.timedelta(days=1)
    assert states.main_step(states.allowed_steps(S, start=START, now=before)) == "item_add"
    assert states.main_step(states.allowed_steps(D)) == "minutes_approve"
    assert states.main_step(states.allowed_steps(C)) is None


# ---------------------------------------------------------------------------
# The officer's page offers exactly the allowed steps

# step -> the address its button or link uses on the meeting's page
STEP_LINKS = {
    "meeting_update": "manage_meeting_edit",
    "meeting_cancel": "manage_meeting_cancel",
    "agenda_publish": "manage_agenda_publish",
    "meeting_mark_held": "manage_meeting_held",
    "item_add": "manage_item_new",
    "attendance_record": "manage_attendance",
    "attendee_add": "manage_attendee_new",
    "minutes_update": "manage_minutes",
    "minutes_approve": "manage_minutes_approve",
    "minutes_publish": "manage_minutes_publish",
    "action_create": "manage_action_new",
}
ITEM_LINKS = {"item_update": "manage_item_edit", "paper_add": "manage_paper_new", "item_move": "manage_item_move"}
PAPER_LINKS = {"paper_upload": "manage_paper_upload", "paper_publish": "manage_paper_publish"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("status", ALL)
@pytest.mark.parametrize("started", [False, True], ids=["to-come", "started"])
def test_the_meeting_page_shows_exactly_the_allowed_steps(officer_client, board, status, started) -> None:
    start = timezone.now() + (dt.timedelta(hours=-1) if started else dt.timedelta(days=20))
    meeting = make_meeting(board, start, status=status, published=status != S)
    first, second = make_item(meeting, "Budget"), make_item(meeting, "Housing")
    paper = make_paper(first, "Budget report", published=False)
    response = officer_client.get(reverse("meetings:manage_meeting", args=[meeting.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    links = set(re.findall(r'(?:href|action)="([^"#]+)', content))
    allowed = states.allowed_steps(status, start=meeting.start, now=timezone.now())
    assert response.context["steps"] == allowed
    for step, name in STEP_LINKS.items():
        assert (reverse(f"meetings:{name}", args=[meeting.pk]) in links) is (step in allowed), step
    for step, name in ITEM_LINKS.items():
        assert (reverse(f"meetings:{name}", args=[meeting.pk, second.pk]) in links) is (step in allowed), step
    for step, name in PAPER_LINKS.items():
        assert (reverse(f"meetings:{name}", args=[meeting.pk, paper.pk]) in links) is (step in allowed), step
    assert ("This meeting was cancelled" in content) is (status == C)
