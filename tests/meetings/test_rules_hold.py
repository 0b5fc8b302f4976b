"""Issue 8, the meetings' share of "the rules hold on every path": rule 2 (nothing is
recorded before it can have happened), rule 3 (late agendas and late items follow the
late-paper path; short notice is never silent; a meeting keeps the deadline it was held
under), rule 6 (a deputy at a meeting is the seat's deputy on the day, from the ledger,
or a delegate in force) and rule 9 (clear days read as working days unless the board
counts calendar days). SPEC §9 "Rule readings"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import actions
from meetings.actions import AttendanceEntry
from meetings.feeds import published_documents
from meetings.models import AgendaItem, Attendance, AttendanceStatus, DocumentKind, Meeting, MeetingStatus
from meetings.pdf import content_for
from partnerships.models import AuditEvent, ClearDays, Delegation, Deputyship, Person
from tests.factories import make_item, make_meeting
from tests.pages import error_summary, text_of

D = dt.date


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def url(name: str, *args: object) -> str:
    return reverse(f"meetings:{name}", args=args)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# Thursday 26 November 2026: ten working days back is Thursday 12 November.
MEETING_DAY = D(2026, 11, 26)
DEADLINE = D(2026, 11, 12)


@pytest.fixture
def meeting(board) -> Meeting:
    """A scheduled meeting on 26 November 2026 with one item (the clock is given)."""
    meeting = Meeting.objects.create(board=board, start=at(MEETING_DAY), venue="County Hall")
    make_item(meeting, "Budget", purpose="information")
    return meeting


# ---------------------------------------------------------------------------
# Rule 9: clear days, read from the board's setting


@pytest.mark.parametrize(
    ("reading", "statutory"), [(ClearDays.WORKING, D(2026, 11, 18)), (ClearDays.CALENDAR, D(2026, 11, 20))]
)
def test_rule_9_the_meeting_reads_the_boards_clear_days_setting(board, reading, statutory):
    board.is_council_committee = True
    board.paper_deadline_working_days = 2  # 24 November: the statutory deadline is stricter
    board.clear_days = reading
    board.save()
    meeting = Meeting.objects.create(board=board, start=at(MEETING_DAY), venue="County Hall")
    assert meeting.statutory_deadline == statutory
    assert meeting.governing_deadline == statutory


def test_rule_9_working_days_are_the_default_reading(board):
    board.is_council_committee = True
    board.save()
    board.refresh_from_db()
    assert board.clear_days == ClearDays.WORKING
    # Thursday 26 November: 25, 24, 23, 20 and 19 November are the clear days.
    assert Meeting(board=board, start=at(MEETING_DAY)).statutory_deadline == D(2026, 11, 18)


def test_rule_9_the_officer_page_says_how_clear_days_are_counted(officer_client, board):
    board.is_council_committee = True
    board.clear_days = ClearDays.CALENDAR
    board.save()
    meeting = Meeting.objects.create(board=board, start=at(MEETING_DAY), venue="County Hall")
    text = text_of(officer_client.get(url("manage_meeting", meeting.pk)))
    assert "Statutory deadline Friday 20 November 2026" in text
    assert "counting every calendar day" in text


# ---------------------------------------------------------------------------
# Rule 3: a late agenda follows the late-paper path


def test_rule_3_late_agenda_needs_reason_and_chair(meeting, officer):
    after = at(DEADLINE + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        actions.agenda_publish(meeting, by=officer, now=after)
    assert refused.value.message_dict == {
        "late_reason": ["Enter why the agenda is late and why the meeting cannot wait"],
        "chair_agreed_by": ["Enter the name of the chair who agreed to take it as urgent business"],
    }
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is None and meeting.status == MeetingStatus.SCHEDULED

    actions.agenda_publish(
        meeting, by=officer, now=after, late_reason="The budget figures came late", chair_agreed_by="Cllr Chair"
    )
    meeting.refresh_from_db()
    assert meeting.agenda_late
    assert meeting.agenda_late_reason == "The budget figures came late"
    assert meeting.agenda_chair_agreed_by == "Cllr Chair"
    event = AuditEvent.objects.get(verb="agenda_publish")
    assert event.details["late"] is True and event.details["deadline"] == "2026-11-12"


def test_rule_3_an_agenda_on_the_deadline_day_is_on_time_and_ignores_a_reason(meeting, officer):
    actions.agenda_publish(meeting, by=officer, now=at(DEADLINE, 17), late_reason="Not needed")
    meeting.refresh_from_db()
    assert not meeting.agenda_late and meeting.agenda_late_reason == ""


def test_rule_3_an_agenda_published_once_the_meeting_started_is_late(meeting, officer):
    with pytest.raises(ValidationError, match="Enter why the agenda is late"):
        actions.agenda_publish(meeting, by=officer, now=meeting.start + dt.timedelta(minutes=5))


def test_rule_3_the_late_agenda_goes_into_the_minutes_the_agenda_pack_and_the_feed(meeting, officer):
    late = meeting.start - dt.timedelta(days=2)
    actions.agenda_publish(meeting, by=officer, now=late, late_reason="Urgent budget", chair_agreed_by="Cllr Chair")
    meeting.refresh_from_db()
    pack = content_for(meeting, DocumentKind.AGENDA_PACK)
    assert pack is not None and pack.data["meeting"]["agenda_late"] is True
    assert pack.data["meeting"]["agenda_late_reason"] == "Urgent budget"
    feed = [d for d in published_documents() if d.kind == "Agenda"]
    assert "Late agenda, taken as urgent business: Urgent budget" in feed[0].description
    Meeting.objects.filter(pk=meeting.pk).update(
        status=MeetingStatus.MINUTES_PUBLISHED, minutes_published_at=timezone.now()
    )
    meeting.refresh_from_db()
    minutes = content_for(meeting, DocumentKind.MINUTES)
    assert minutes is not None
    # s100B(4)(b): the reason is minuted, with the chair who agreed.
    assert minutes.data["urgent"][0]["title"] == "The agenda"
    assert "Urgent budget (agreed by Cllr Chair as urgent business)" in minutes.data["urgent"][0]["reason"]


def test_rule_3_the_publish_page_asks_for_the_reason_and_shows_the_agenda_late_everywhere(
    officer_client, board, client
):
    soon = make_meeting(board, timezone.now() + dt.timedelta(days=3), status=MeetingStatus.SCHEDULED)
    make_item(soon, "Budget", purpose="information")
    page = officer_client.get(url("manage_agenda_publish", soon.pk))
    assert page.status_code == 200
    text = text_of(page)
    assert "The agenda will be marked late everywhere it is shown" in text
    assert "Why is the agenda late, and why can the meeting not wait?" in text

    refused = officer_client.post(url("manage_agenda_publish", soon.pk), {})
    assert refused.status_code == 400
    summary = error_summary(refused)
    assert "Enter why the agenda is late" in summary and "Enter the name of the chair" in summary
    invisible = officer_client.post(
        url("manage_agenda_publish", soon.pk), {"late_reason": "Urgent budget", "chair_agreed_by": "\u200b"}
    )
    assert invisible.status_code == 400  # a zero-width space is no chair's name
    assert "Enter the name of the chair" in error_summary(invisible)

    done = officer_client.post(
        url("manage_agenda_publish", soon.pk), {"late_reason": "Urgent budget", "chair_agreed_by": "Cllr Chair"}
    )
    assert done.status_code == 302
    hub = officer_client.get(url("manage_meeting", soon.pk)).content.decode()
    assert '<strong class="govuk-tag app-tag-late">Late</strong>' in hub
    public = client.get(soon.get_absolute_url())
    assert "Published after the deadline and taken as urgent business" in text_of(public)


def test_rule_3_an_item_added_to_a_published_agenda_after_the_deadline_is_late_business(meeting, officer):
    actions.agenda_publish(meeting, by=officer, now=at(DEADLINE - dt.timedelta(days=3)))
    after = at(DEADLINE + dt.timedelta(days=4))
    with pytest.raises(ValidationError) as refused:
        actions.item_add(meeting, by=officer, title="Emergency housing", now=after)
    assert set(refused.value.message_dict) == {"late_reason", "chair_agreed_by"}
    assert "Enter why the item is added late" in refused.value.message_dict["late_reason"][0]
    assert not AgendaItem.objects.filter(title="Emergency housing").exists()

    item = actions.item_add(
        meeting,
        by=officer,
        title="Emergency housing",
        late_reason="A provider failed last week",
        chair_agreed_by="Cllr Chair",
        now=after,
    )
    item.refresh_from_db()
    assert item.late and item.chair_agreed_by == "Cllr Chair"
    assert "Late item 'Emergency housing': A provider failed last week (agreed by Cllr Chair" in item.urgent_reason
    assert AuditEvent.objects.get(verb="item_add", details__item=item.pk).details["late"] is True


def test_rule_3_an_item_added_before_the_deadline_or_before_publication_is_not_late(meeting, officer):
    on_time = actions.item_add(meeting, by=officer, title="Early", now=at(DEADLINE - dt.timedelta(days=1)))
    # Unpublished, after the deadline: it goes out with the agenda, which is late itself.
    with_agenda = actions.item_add(
        meeting, by=officer, title="With the agenda", now=at(DEADLINE + dt.timedelta(days=1))
    )
    assert not on_time.late and not with_agenda.late


def test_rule_3_the_item_form_asks_the_late_questions_and_marks_the_item(officer_client, board, client):
    soon = make_meeting(board, timezone.now() + dt.timedelta(days=3))  # published, deadline passed
    make_item(soon, "Budget")
    page = text_of(officer_client.get(url("manage_item_new", soon.pk)))
    assert "A new item will be marked late" in page
    refused = officer_client.post(url("manage_item_new", soon.pk), {"title": "Emergency", "purpose": "decision"})
    assert refused.status_code == 400
    assert "Enter why the item is added late" in error_summary(refused)
    done = officer_client.post(
        url("manage_item_new", soon.pk),
        {"title": "Emergency", "purpose": "decision", "late_reason": "Provider failed", "chair_agreed_by": "Cllr C"},
    )
    assert done.status_code == 302
    assert "Late item" in officer_client.get(url("manage_meeting", soon.pk)).content.decode()
    assert "Late item" in client.get(soon.get_absolute_url()).content.decode()


def test_rule_3_scheduling_in_the_past_or_after_the_deadline_needs_confirmation(board, officer):
    now = at(D(2026, 11, 20))
    past = dict(start=at(D(2026, 11, 19)), venue="Hall")
    with pytest.raises(actions.ShortNotice) as notice:
        actions.meeting_schedule(board, by=officer, now=now, **past)
    assert notice.value.reason == "past"
    assert "in the past" in notice.value.messages[0]
    soon = dict(start=at(D(2026, 11, 26)), venue="Hall")  # deadline 12 November: passed
    with pytest.raises(actions.ShortNotice, match="12 November 2026") as notice:
        actions.meeting_schedule(board, by=officer, now=now, **soon)
    assert notice.value.reason == "deadline_passed"
    assert not Meeting.objects.exists()

    meeting = actions.meeting_schedule(board, by=officer, now=now, confirm_short_notice=True, **soon)
    event = AuditEvent.objects.get(verb="meeting_schedule")
    assert event.details == {"meeting": meeting.pk, "short_notice": "deadline_passed"}
    on_time = actions.meeting_schedule(board, by=officer, now=now, start=at(D(2027, 1, 28)), venue="Hall")
    assert on_time.pk  # in good time: no question asked


def test_rule_3_the_schedule_page_warns_and_asks_to_confirm(officer_client, board, date_input):
    data = {**date_input("date", timezone.localdate() + dt.timedelta(days=2)), "start_time": "10:00", "venue": "Hall"}
    page = officer_client.post(url("manage_meeting_new", board.pk), data)
    assert page.status_code == 200
    text = text_of(page)
    assert "its agenda will be late and need the chair's agreement" in text.replace("&#x27;", "'")
    assert 'name="confirm_short_notice" value="yes"' in page.content.decode()
    assert "Schedule the meeting anyway" in text
    assert not Meeting.objects.exists()
    done = officer_client.post(url("manage_meeting_new", board.pk), {**data, "confirm_short_notice": "yes"})
    assert done.status_code == 302
    assert Meeting.objects.count() == 1


def test_rule_3_moving_a_meeting_into_the_past_asks_too(board, officer):
    now = at(D(2026, 11, 1))
    meeting = actions.meeting_schedule(board, by=officer, now=now, start=at(D(2027, 1, 28)), venue="Hall")
    with pytest.raises(actions.ShortNotice):
        actions.meeting_update(meeting, by=officer, changes={"start": at(D(2026, 10, 30))}, now=now)
    actions.meeting_update(
        meeting, by=officer, changes={"start": at(D(2026, 10, 30))}, confirm_short_notice=True, now=now
    )


def test_rule_3_changing_the_boards_rule_keeps_the_deadline_a_meeting_was_published_under(board, meeting, officer):
    actions.agenda_publish(meeting, by=officer, now=at(DEADLINE - dt.timedelta(days=1)))
    upcoming = Meeting.objects.create(board=board, start=at(D(2027, 3, 18)), venue="Hall")
    board.paper_deadline_working_days = 3
    board.is_council_committee = True
    board.save()
    published = Meeting.objects.select_related("board").get(pk=meeting.pk)
    assert published.paper_deadline == DEADLINE  # still ten working days, as when it was published
    assert published.statutory_deadline is None  # it was not a council committee then
    assert published.governing_deadline == DEADLINE
    upcoming.refresh_from_db()
    assert upcoming.paper_deadline == D(2027, 3, 15)  # not yet published: the board's rule now


def test_rule_3_the_kept_rule_is_shown_on_the_meeting_page(officer_client, board, meeting, officer):
    actions.agenda_publish(meeting, by=officer, now=at(DEADLINE - dt.timedelta(days=1)))
    board.paper_deadline_working_days = 3
    board.save()
    text = text_of(officer_client.get(url("manage_meeting", meeting.pk)))
    assert "Paper deadline Thursday 12 November 2026" in text
    assert "10 working days before the meeting, as it stood when the agenda was published" in text


# ---------------------------------------------------------------------------
# Rule 2: nothing recorded before it can have happened; steps offered only when they can be taken


def test_rule_2_attendance_cannot_be_recorded_for_a_meeting_that_has_not_started(board, seat, officer):
    coming = make_meeting(board, timezone.now() + dt.timedelta(hours=3))  # published, later today
    entries = [AttendanceEntry(seat, AttendanceStatus.PRESENT)]
    with pytest.raises(ValidationError, match="Attendance can be recorded once the meeting has started."):
        actions.attendance_record(coming, entries, by=officer)
    with pytest.raises(ValidationError, match="once the meeting has started"):
        actions.attendee_add(coming, by=officer, person=seat.person, invited_role="Speaker")
    assert not Attendance.objects.exists()
    actions.attendance_record(coming, entries, by=officer, now=coming.start + dt.timedelta(minutes=1))
    assert Attendance.objects.get().status == AttendanceStatus.PRESENT


def test_rule_2_record_attendance_is_not_offered_before_the_agenda_is_published(officer_client, board):
    started = make_meeting(board, timezone.now() - dt.timedelta(hours=1), status=MeetingStatus.SCHEDULED)
    make_item(started, "Budget")
    page = officer_client.get(url("manage_meeting", started.pk)).content.decode()
    assert url("manage_attendance", started.pk) not in page
    assert url("manage_attendee_new", started.pk) not in page
    assert "Attendance can be recorded once the agenda is published and the meeting has started." in page
    published = make_meeting(board, timezone.now() - dt.timedelta(hours=1))
    assert (
        url("manage_attendance", published.pk)
        in officer_client.get(url("manage_meeting", published.pk)).content.decode()
    )


def test_rule_2_the_attendance_page_of_a_meeting_to_come_says_why_it_cannot_be_saved(officer_client, board, seat):
    coming = make_meeting(board, timezone.now() + dt.timedelta(days=2))
    text = text_of(officer_client.get(url("manage_attendance", coming.pk)))
    assert "Attendance can be recorded once the meeting has started." in text


def test_rule_2_publish_the_agenda_is_not_offered_with_no_items(officer_client, board):
    empty = make_meeting(board, timezone.now() + dt.timedelta(days=40), status=MeetingStatus.SCHEDULED)
    response = officer_client.get(url("manage_meeting", empty.pk))
    assert "agenda_publish" not in response.context["steps"]
    page = response.content.decode()
    assert url("manage_agenda_publish", empty.pk) not in page
    assert "Add at least one item to the agenda before publishing it." in page
    make_item(empty, "Budget")
    assert (
        url("manage_agenda_publish", empty.pk) in officer_client.get(url("manage_meeting", empty.pk)).content.decode()
    )


def test_rule_2_the_minutes_approval_page_explains_the_real_rule(officer_client, board):
    held = make_meeting(board, timezone.now() - dt.timedelta(days=30), status=MeetingStatus.MINUTES_DRAFT)
    next_one = make_meeting(board, timezone.now() + dt.timedelta(days=30))  # published, to come
    text = text_of(officer_client.get(url("manage_minutes_approve", held.pk)))
    assert "That meeting must have started, with its agenda published." in text
    assert f"The next meeting of the board is on {next_one.start:%A} {next_one.date.day} {next_one.start:%B %Y}" in text
    assert "It has not started yet." in text
    refused = officer_client.post(url("manage_minutes_approve", held.pk), {"at": next_one.pk})
    assert refused.status_code == 400


def test_rule_2_approving_at_a_meeting_to_come_gives_the_rule(board, officer):
    held = make_meeting(board, timezone.now() - dt.timedelta(days=30), status=MeetingStatus.MINUTES_DRAFT)
    coming = make_meeting(board, timezone.now() + dt.timedelta(days=30))
    with pytest.raises(ValidationError, match="a later meeting of this board that has started, with its agenda"):
        actions.minutes_approve(held, at=coming, by=officer)


# ---------------------------------------------------------------------------
# Rule 6: the deputy at a meeting, from the ledger


@pytest.fixture
def held(board) -> Meeting:
    """A meeting on 4 March 2027 whose agenda is published."""
    return make_meeting(board, at(D(2027, 3, 4)))


def test_rule_6_attendance_deputy_checked_against_the_ledger(
    officer_client, board, seat, deputy, county, held, officer
):
    # Dinah deputised until the end of 2026; Nina is the deputy from 1 January 2027.
    Deputyship.objects.filter(membership=seat).update(end_date=D(2026, 12, 31))
    nina = Person.objects.create(name="Cllr Nina New", organisation=county)
    Deputyship.objects.create(membership=seat, person=nina, start_date=D(2027, 1, 1))
    colleague = Person.objects.create(name="Cllr Colin Colleague", organisation=county)
    delegate = Person.objects.create(name="Della Delegate", organisation=county)
    Delegation.objects.create(
        organisation=county,
        person=delegate,
        board=board,
        scope="All",
        valid_from=D(2027, 1, 1),
        evidence_reference="Cabinet",
    )
    after = held.start + dt.timedelta(hours=1)

    for stranger in (deputy.person, colleague):
        with pytest.raises(ValidationError) as refused:
            actions.attendance_record(
                held, [AttendanceEntry(seat, AttendanceStatus.DEPUTY, stranger.pk)], by=officer, now=after
            )
        message = refused.value.message_dict[f"deputy_{seat.pk}"][0]
        assert f"{stranger.name} was not the deputy of Cllr Mary Member on 4 March 2027" in message
        assert "held no delegation for Shireshire County Council" in message
    assert not Attendance.objects.exists()

    actions.attendance_record(held, [AttendanceEntry(seat, AttendanceStatus.DEPUTY, nina.pk)], by=officer, now=after)
    assert Attendance.objects.get().deputy == nina
    actions.attendance_record(
        held, [AttendanceEntry(seat, AttendanceStatus.DEPUTY, delegate.pk)], by=officer, now=after
    )
    assert Attendance.objects.get().deputy == delegate

    # The page offers the ledger's deputy on the day first, then the delegate; nobody else.
    form = officer_client.get(url("manage_attendance", held.pk)).context["form"]
    choices = dict(form.fields[f"deputy_{seat.pk}"].choices)
    assert choices == {
        "": "No deputy",
        nina.pk: "Cllr Nina New (designated deputy)",
        delegate.pk: "Della Delegate (delegate)",
    }
    assert form.initial[f"deputy_{seat.pk}"] == delegate.pk  # what was recorded


def test_rule_6_a_seat_with_no_deputy_on_the_day_offers_no_deputy(officer_client, seat, held):
    Deputyship.objects.filter(membership=seat).delete()
    form = officer_client.get(url("manage_attendance", held.pk)).context["form"]
    assert f"deputy_{seat.pk}" not in form.fields
    assert AttendanceStatus.DEPUTY not in dict(form.fields[f"status_{seat.pk}"].choices)
