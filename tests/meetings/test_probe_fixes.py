"""Issue 8, "the rules hold on every path", found by a hostile tester: a published
meeting moved earlier goes through the late path (F1), only whoever attended for a seat
declares for it (F4), an item made public after the deadline is late business (F6),
late reasons have a length (F7), and the messages are GOV.UK's (F9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import actions
from meetings.models import AgendaItem, Attendance, AttendanceStatus, Declaration, Meeting, MeetingStatus
from partnerships.models import AuditEvent
from tests.factories import make_item, make_meeting
from tests.pages import error_summary, text_of

D = dt.date

# Thursday 26 November 2026: ten working days back is Thursday 12 November.
MEETING_DAY = D(2026, 11, 26)
DEADLINE = D(2026, 11, 12)


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def url(name: str, *args: object) -> str:
    return reverse(f"meetings:{name}", args=args)


@pytest.fixture(autouse=True)
def media(settings, tmp_path, eager_tasks):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def published(board, officer) -> Meeting:
    """Published on 10 November, on time for 26 November."""
    meeting = Meeting.objects.create(board=board, start=at(MEETING_DAY), venue="County Hall")
    actions.item_add(meeting, title="Budget", purpose="information", by=officer, now=at(D(2026, 11, 2)))
    return actions.agenda_publish(meeting, by=officer, now=at(D(2026, 11, 10)))


def meeting_post(date_input, day: dt.date, **extra: str) -> dict[str, str]:
    return {**date_input("date", day), "start_time": "10:00", "venue": "County Hall", "title": "", **extra}


# ---------------------------------------------------------------------------
# F1: moving a published meeting earlier


def test_moving_a_published_meeting_earlier_makes_its_agenda_late_business(published, officer):
    now = at(D(2026, 11, 11))
    earlier = {"start": at(D(2026, 11, 19))}  # its deadline would be 5 November: the agenda went out on the 10th
    with pytest.raises(actions.LateMove) as refused:
        actions.meeting_update(published, by=officer, changes=earlier, now=now)
    assert set(refused.value.message_dict) == {"__all__", "late_reason", "chair_agreed_by"}
    assert "the deadline for the meeting's papers and agenda is 5 November 2026" in refused.value.message_text
    assert "the agenda would be late" in refused.value.message_text
    published.refresh_from_db()
    assert published.start == at(MEETING_DAY) and not published.agenda_late

    moved = actions.meeting_update(
        published,
        by=officer,
        changes=earlier,
        late_reason="The grant closes early",
        chair_agreed_by="Cllr Chair",
        now=now,
    )
    moved.refresh_from_db()
    assert moved.start == at(D(2026, 11, 19))
    assert (moved.agenda_late, moved.agenda_late_reason, moved.agenda_chair_agreed_by) == (
        True,
        "The grant closes early",
        "Cllr Chair",
    )
    event = AuditEvent.objects.filter(verb="meeting_update").get()
    assert event.details["late"]["agenda_late"] is True


def test_moving_it_later_or_within_its_deadline_asks_nothing(published, officer):
    now = at(D(2026, 11, 11))
    moved = actions.meeting_update(published, by=officer, changes={"start": at(D(2026, 12, 3))}, now=now)
    assert moved.start == at(D(2026, 12, 3)) and not moved.agenda_late


def test_a_paper_published_after_the_new_deadline_is_marked_late(published, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = published.items.get()
    paper = actions.paper_add(
        item, SimpleUploadedFile("r.pdf", b"%PDF-1.4\n%%EOF\n"), title="Report", author_name="Fred", by=officer
    )
    actions.paper_publish(paper, by=officer, now=at(D(2026, 11, 11)))
    # 24 November: deadline 10 November, so the agenda (10th) is on time but the paper (11th) is not.
    changes = {"start": at(D(2026, 11, 24))}
    with pytest.raises(actions.LateMove, match="the paper 'Report', published on 11 November 2026"):
        actions.meeting_update(published, by=officer, changes=changes, now=at(D(2026, 11, 11), 15))
    actions.meeting_update(
        published,
        by=officer,
        changes=changes,
        late_reason="Moved",
        chair_agreed_by="Cllr Chair",
        now=at(D(2026, 11, 11), 15),
    )
    paper.refresh_from_db()
    assert paper.late and paper.chair_agreed_urgent and paper.late_reason == "Moved"
    assert "Late paper 'Report'" in AgendaItem.objects.get(pk=item.pk).urgent_reason
    assert not Meeting.objects.get(pk=published.pk).agenda_late


def test_a_published_meeting_cannot_move_before_its_agenda_or_into_the_past(published, officer):
    now = at(D(2026, 11, 11), 12)
    with pytest.raises(ValidationError, match="cannot move before its agenda was published, on 10 November 2026"):
        actions.meeting_update(
            published, by=officer, changes={"start": at(D(2026, 11, 9))}, late_reason="x", chair_agreed_by="y", now=now
        )
    with pytest.raises(ValidationError, match="cannot move into the past: cancel it and schedule a new one"):
        actions.meeting_update(
            published,
            by=officer,
            changes={"start": at(D(2026, 11, 11), 9)},
            late_reason="x",
            chair_agreed_by="y",
            now=now,
        )
    assert Meeting.objects.get(pk=published.pk).start == at(MEETING_DAY)


def test_a_published_meeting_moved_past_its_deadline_still_asks_for_short_notice(board, officer):
    meeting = Meeting.objects.create(board=board, start=at(D(2027, 1, 28)), venue="Hall")
    actions.item_add(meeting, title="Budget", purpose="information", by=officer, now=at(D(2026, 11, 2)))
    actions.agenda_publish(meeting, by=officer, now=at(D(2026, 11, 2)))
    # 19 November: deadline 5 November, after the agenda (2 November) but already passed.
    now = at(D(2026, 11, 10))
    with pytest.raises(actions.ShortNotice):
        actions.meeting_update(meeting, by=officer, changes={"start": at(D(2026, 11, 19))}, now=now)
    actions.meeting_update(
        meeting, by=officer, changes={"start": at(D(2026, 11, 19))}, confirm_short_notice=True, now=now
    )


def test_the_edit_page_asks_for_the_late_reason_and_marks_the_agenda_late(officer_client, board, date_input):
    start = timezone.now() + dt.timedelta(days=60)
    meeting = make_meeting(board, start, agenda_published_at=timezone.now() - dt.timedelta(hours=1))
    make_item(meeting, "Budget")
    day = timezone.localdate() + dt.timedelta(days=3)
    response = officer_client.post(url("manage_meeting_edit", meeting.pk), meeting_post(date_input, day))
    assert response.status_code == 400
    summary = error_summary(response)
    assert "the agenda would be late" in summary
    assert 'name="late_reason"' in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).start == start

    done = officer_client.post(
        url("manage_meeting_edit", meeting.pk),
        meeting_post(date_input, day, late_reason="The grant closes early", chair_agreed_by="Cllr Chair"),
    )
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert meeting.date == day and meeting.agenda_late and meeting.agenda_late_reason == "The grant closes early"


def test_the_edit_page_refuses_moving_a_published_meeting_into_the_past(officer_client, board, date_input):
    meeting = make_meeting(board, days=30, agenda_published_at=timezone.now() - dt.timedelta(days=2))
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = officer_client.post(url("manage_meeting_edit", meeting.pk), meeting_post(date_input, yesterday))
    assert response.status_code == 400
    assert "cannot move into the past: cancel it and schedule a new one" in error_summary(response)


# ---------------------------------------------------------------------------
# F4: once attendance is recorded, only whoever attended for a seat declares for it


@pytest.fixture
def held(board, seat) -> AgendaItem:
    meeting = make_meeting(board, status=MeetingStatus.HELD, days=-1)
    return make_item(meeting, "Contract award")


def record(item: AgendaItem, seat, status: str, deputy=None) -> None:
    Attendance.objects.create(meeting=item.meeting, membership=seat, person=seat.person, status=status, deputy=deputy)


def test_the_deputy_cannot_declare_for_a_seat_whose_member_attended(held, seat, deputy, officer):
    record(held, seat, AttendanceStatus.PRESENT)
    with pytest.raises(ValidationError, match="attended the meeting on .* in person, so only they can declare"):
        actions.declaration_record(
            held, by=officer, membership=seat, person=deputy.person, nature="Employer bids", withdraws=False
        )
    actions.declaration_record(held, by=officer, membership=seat, nature="Spouse bids", withdraws=True)
    assert Declaration.objects.get().person == seat.person


@pytest.mark.parametrize("status", [AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT])
def test_a_member_who_was_not_there_cannot_declare(held, seat, member, deputy, officer, status):
    record(held, seat, status)
    for person in (member.person, deputy.person):
        with pytest.raises(ValidationError, match="no interest can be declared for it"):
            actions.declaration_record(held, by=officer, membership=seat, person=person, nature="x", withdraws=False)
    assert not Declaration.objects.exists()


def test_a_member_represented_by_the_deputy_cannot_declare_but_the_deputy_can(held, seat, member, deputy, officer):
    record(held, seat, AttendanceStatus.DEPUTY, deputy=deputy.person)
    with pytest.raises(ValidationError, match="attended the meeting on .* for Cllr"):
        actions.declaration_record(held, by=member, membership=seat, nature="x", withdraws=False)
    actions.declaration_record(held, by=deputy, membership=seat, person=deputy.person, nature="Own", withdraws=True)
    assert Declaration.objects.get().person == deputy.person


def test_the_officers_form_offers_only_whoever_attended(officer_client, held, seat, deputy):
    page = url("declaration_new", held.meeting_id, held.pk)
    offered = officer_client.get(page).content.decode()
    assert f'value="{seat.pk}:{seat.person_id}"' in offered and f'value="{seat.pk}:{deputy.person.pk}"' in offered
    record(held, seat, AttendanceStatus.APOLOGIES)
    html = officer_client.get(page).content.decode()
    assert f'value="{seat.pk}:{seat.person_id}"' not in html and f'value="{seat.pk}:{deputy.person.pk}"' not in html
    response = officer_client.post(page, {"declarer": f"{seat.pk}:{seat.person_id}", "nature": "x", "withdraws": "no"})
    assert response.status_code == 400
    assert not Declaration.objects.exists()


def test_before_attendance_the_member_and_deputy_may_both_declare(board, seat, member, deputy):
    meeting = make_meeting(board, days=10)
    item = make_item(meeting, "Budget")
    actions.declaration_record(item, by=member, membership=seat, nature="Own", withdraws=False)
    actions.declaration_record(item, by=deputy, membership=seat, person=deputy.person, nature="Own", withdraws=False)
    assert Declaration.objects.count() == 2


# ---------------------------------------------------------------------------
# F6: an exempt item made public after the deadline is late business


@pytest.fixture
def exempt_item(published, officer) -> AgendaItem:
    return make_item(published, "Contract award", exempt=True)


def test_unexempting_an_item_after_the_deadline_needs_the_late_path(exempt_item, officer):
    now = at(D(2026, 11, 20))
    public = {"exempt": False, "exempt_category": ""}
    with pytest.raises(ValidationError) as refused:
        actions.item_update(exempt_item, by=officer, changes=public, now=now)
    assert set(refused.value.message_dict) == {"late_reason", "chair_agreed_by"}
    assert AgendaItem.objects.get(pk=exempt_item.pk).exempt

    item = actions.item_update(
        exempt_item, by=officer, changes=public, late_reason="Sale agreed", chair_agreed_by="Cllr Chair", now=now
    )
    item.refresh_from_db()
    assert not item.exempt and item.late and item.late_reason == "Sale agreed" and item.chair_agreed_by == "Cllr Chair"
    assert "made public late: Sale agreed" in item.urgent_reason


def test_unexempting_before_the_deadline_is_not_late(exempt_item, officer):
    item = actions.item_update(
        exempt_item, by=officer, changes={"exempt": False, "exempt_category": ""}, now=at(D(2026, 11, 11))
    )
    assert not item.exempt and not item.late


def test_other_edits_of_an_exempt_item_after_the_deadline_ask_nothing(exempt_item, officer):
    item = actions.item_update(exempt_item, by=officer, changes={"title": "Contract"}, now=at(D(2026, 11, 20)))
    assert item.exempt and not item.late


def test_the_item_page_asks_for_the_reason_to_make_it_public_late(officer_client, board):
    meeting = make_meeting(board, days=3, agenda_published_at=timezone.now() - dt.timedelta(days=1))
    item = make_item(meeting, "Contract award", exempt=True)
    page = url("manage_item_edit", meeting.pk, item.pk)
    assert "If you make this item public" in text_of(officer_client.get(page))
    data = {"title": item.title, "purpose": item.purpose, "lead_officer": "", "description": ""}
    refused = officer_client.post(page, data)
    assert refused.status_code == 400
    assert "Enter why the item is made public late" in error_summary(refused)
    done = officer_client.post(page, {**data, "late_reason": "Sale agreed", "chair_agreed_by": "Cllr Chair"})
    assert done.status_code == 302
    item.refresh_from_db()
    assert not item.exempt and item.late


# ---------------------------------------------------------------------------
# F7: late reasons have a length


def test_a_late_reason_over_2000_characters_is_refused(published, officer):
    with pytest.raises(ValidationError) as refused:
        actions.item_add(
            published, by=officer, title="Late", late_reason="x" * 2001, chair_agreed_by="C", now=at(D(2026, 11, 20))
        )
    assert refused.value.message_dict == {"late_reason": ["Enter 2,000 characters or fewer (this has 2,001)"]}
    with pytest.raises(ValidationError, match="Enter 200 characters or fewer"):
        actions.item_add(
            published,
            by=officer,
            title="Late",
            late_reason="Urgent",
            chair_agreed_by="C" * 201,
            now=at(D(2026, 11, 20)),
        )
    assert published.items.count() == 1


def test_the_publish_page_gives_the_gov_uk_length_message(officer_client, board):
    meeting = make_meeting(board, days=3, published=False)
    make_item(meeting, "Budget")
    response = officer_client.post(
        url("manage_agenda_publish", meeting.pk), {"late_reason": "x" * 5000, "chair_agreed_by": "Cllr Chair"}
    )
    assert response.status_code == 400
    assert "Enter 2,000 characters or fewer (this has 5000)" in error_summary(response)
    assert not Meeting.objects.get(pk=meeting.pk).is_public


# ---------------------------------------------------------------------------
# F9: GOV.UK messages


def test_an_impossible_date_is_reported_once(officer_client, board):
    data = {"date_0": "30", "date_1": "2", "date_2": "2027", "start_time": "10:00", "venue": "Hall"}
    response = officer_client.post(url("manage_meeting_new", board.pk), data)
    assert response.status_code == 400
    assert error_summary(response).count("Date of the meeting must be a real date") == 1
    html = response.content.decode()
    assert html.count("govuk-input--error") == 3  # every part still highlighted


def test_a_part_of_a_date_at_fault_is_highlighted_alone(officer_client, board):
    data = {"date_0": "32", "date_1": "2", "date_2": "2027", "start_time": "10:00", "venue": "Hall"}
    response = officer_client.post(url("manage_meeting_new", board.pk), data)
    assert error_summary(response).count("Date of the meeting must be a real date") == 1
    assert response.content.decode().count("govuk-input--error") == 1


@pytest.mark.parametrize(
    ("field", "message"),
    [("title", "Title must be 200 characters or fewer"), ("venue", "Venue must be 300 characters or fewer")],
)
def test_too_long_a_title_or_venue_gets_a_gov_uk_message(officer_client, board, date_input, field, message):
    day = timezone.localdate() + dt.timedelta(days=60)
    response = officer_client.post(
        url("manage_meeting_new", board.pk), meeting_post(date_input, day, **{field: "T" * 5000})
    )
    assert response.status_code == 400
    summary = error_summary(response)
    assert message in summary and "Ensure this value" not in summary


def test_an_invalid_withdraws_answer_gets_a_gov_uk_message(officer_client, held, seat):
    response = officer_client.post(
        url("declaration_new", held.meeting_id, held.pk),
        {"declarer": f"{seat.pk}:{seat.person_id}", "nature": "x", "withdraws": "maybe"},
    )
    assert response.status_code == 400
    summary = error_summary(response)
    assert "Select yes if the member will withdraw for this item" in summary
    assert "Select a valid choice" not in summary
