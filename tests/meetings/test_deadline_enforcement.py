"""Nothing silently slips past the paper deadline (SPEC §4): a late paper needs a
recorded reason and the chair's agreement to take it as urgent business, is marked
late and its reason goes into the minutes (LGA 1972 s100B(4)(b)); a council committee
is held to the stricter of its own deadline and 5 clear days (LGA 1972 Part VA); an
agenda with items lacking papers is published only when the officer confirms."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings import actions
from meetings.models import AgendaItem, Meeting, MeetingStatus, Paper, Purpose
from partnerships.models import AuditEvent
from tests.pages import error_summary, text_of

D = dt.date
PDF = b"%PDF-1.4\n%%EOF\n"

# Thursday 26 November 2026: ten working days back is Thursday 12 November.
MEETING_DAY = D(2026, 11, 26)
DEADLINE = D(2026, 11, 12)


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def url(name: str, *args: object) -> str:
    return reverse(f"meetings:{name}", args=args)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def add_paper(meeting: Meeting, officer, *, purpose: str = Purpose.DECISION, title: str = "Budget") -> Paper:
    item = actions.item_add(meeting, title=title, purpose=purpose, by=officer)
    upload = SimpleUploadedFile("report.pdf", PDF)
    return actions.paper_add(item, upload, title=f"{title} report", author_name="Fred", by=officer)


@pytest.fixture
def meeting(board) -> Meeting:
    return Meeting.objects.create(board=board, start=at(MEETING_DAY), venue="County Hall")


@pytest.fixture
def paper(meeting, officer) -> Paper:
    return add_paper(meeting, officer)


# ---------------------------------------------------------------------------
# The deadline, through the action (with `now` given)


def test_the_meeting_knows_its_paper_deadline(meeting):
    assert meeting.paper_deadline == DEADLINE == meeting.governing_deadline
    assert meeting.statutory_deadline is None


def test_a_late_paper_cannot_be_published_without_a_reason_and_the_chairs_agreement(paper, officer):
    after = at(DEADLINE + dt.timedelta(days=1), 9)
    with pytest.raises(ValidationError) as refused:
        actions.paper_publish(paper, by=officer, now=after)
    assert set(refused.value.error_dict) == {"late_reason", "chair_agreed_by"}
    with pytest.raises(ValidationError) as refused:
        actions.paper_publish(paper, by=officer, now=after, late_reason="Audit figures arrived late")
    assert set(refused.value.error_dict) == {"chair_agreed_by"}
    with pytest.raises(ValidationError) as refused:
        actions.paper_publish(paper, by=officer, now=after, late_reason="  ", chair_agreed_by="Cllr Chair")
    assert set(refused.value.error_dict) == {"late_reason"}
    paper.refresh_from_db()
    assert paper.published_at is None and not paper.late


def test_a_late_paper_with_reason_and_agreement_is_marked_late_and_its_reason_goes_to_the_minutes(paper, officer):
    after = at(DEADLINE + dt.timedelta(days=3), 9)
    actions.paper_publish(
        paper, by=officer, now=after, late_reason="Audit figures arrived late", chair_agreed_by="Cllr Chair"
    )
    paper.refresh_from_db()
    assert paper.published_at == after
    assert paper.late and paper.chair_agreed_urgent
    assert (paper.late_reason, paper.chair_agreed_by) == ("Audit figures arrived late", "Cllr Chair")
    assert paper.versions.get().published_at == after
    urgent = AgendaItem.objects.get(pk=paper.item_id).urgent_reason
    assert "Audit figures arrived late" in urgent and "Cllr Chair" in urgent and "Budget report" in urgent


def test_reasons_for_two_late_papers_on_one_item_are_both_kept(paper, officer):
    second = actions.paper_add(
        paper.item, SimpleUploadedFile("a.pdf", PDF), title="Appendix", author_name="Fred", by=officer
    )
    after = at(DEADLINE + dt.timedelta(days=3))
    actions.paper_publish(paper, by=officer, now=after, late_reason="First reason", chair_agreed_by="Chair")
    second.item.refresh_from_db()
    actions.paper_publish(second, by=officer, now=after, late_reason="Second reason", chair_agreed_by="Chair")
    urgent = AgendaItem.objects.get(pk=paper.item_id).urgent_reason
    assert "First reason" in urgent and "Second reason" in urgent


@pytest.mark.parametrize(
    ("when", "late"),
    [
        (at(DEADLINE - dt.timedelta(days=20)), False),
        (at(DEADLINE, 0, 1), False),
        (at(DEADLINE, 23, 59), False),  # papers are due "on or before" the deadline day
        (at(DEADLINE + dt.timedelta(days=1), 0, 1), True),
        (at(MEETING_DAY, 9), True),
    ],
    ids=["weeks-before", "deadline-morning", "deadline-night", "day-after", "meeting-day"],
)
def test_a_paper_published_on_the_deadline_day_itself_is_not_late(paper, officer, when, late):
    kwargs = {"late_reason": "Reason", "chair_agreed_by": "Chair"} if late else {}
    actions.paper_publish(paper, by=officer, now=when, **kwargs)
    paper.refresh_from_db()
    assert paper.late is late
    assert paper.late_reason == ("Reason" if late else "")
    urgent = AgendaItem.objects.get(pk=paper.item_id).urgent_reason
    assert ("Reason" in urgent) if late else (urgent == "")


def test_a_paper_on_time_ignores_a_late_reason_given_anyway(paper, officer):
    actions.paper_publish(paper, by=officer, now=at(DEADLINE), late_reason="Just in case", chair_agreed_by="Chair")
    paper.refresh_from_db()
    assert not paper.late and paper.late_reason == "" and not paper.chair_agreed_urgent


# ---------------------------------------------------------------------------
# Council committees: the stricter deadline governs


@pytest.fixture
def committee_meeting(board) -> Meeting:
    """A council committee with a short 3-working-day rule: Thursday 19 March 2026.
    Its own deadline is Monday 16 March; 5 clear working days (the default reading,
    SPEC §9) means Wednesday 11 March (12, 13, 16, 17 and 18 March are clear)."""
    board.is_council_committee = True
    board.paper_deadline_working_days = 3
    board.save()
    return Meeting.objects.create(board=board, start=at(D(2026, 3, 19)), venue="County Hall")


def test_a_council_committee_is_held_to_five_clear_days_when_that_is_stricter(committee_meeting):
    assert committee_meeting.paper_deadline == D(2026, 3, 16)
    assert committee_meeting.statutory_deadline == D(2026, 3, 11)
    assert committee_meeting.governing_deadline == D(2026, 3, 11)


@pytest.mark.parametrize(("council_committee", "late"), [(True, True), (False, False)])
def test_a_paper_after_the_statutory_deadline_is_late_only_for_a_council_committee(
    committee_meeting, officer, council_committee, late
):
    board = committee_meeting.board
    board.is_council_committee = council_committee
    board.save()
    paper = add_paper(Meeting.objects.get(pk=committee_meeting.pk), officer)
    saturday = at(D(2026, 3, 14), 12)  # after the statutory deadline, before the board's own
    with pytest.raises(ValidationError) if late else nullcontext():
        actions.paper_publish(paper, by=officer, now=saturday)
    paper.refresh_from_db()
    assert (paper.published_at is not None) is (not late)


def test_the_meeting_page_shows_both_deadlines_and_which_governs(officer_client, committee_meeting):
    text = text_of(officer_client.get(url("manage_meeting", committee_meeting.pk)))
    assert "Paper deadline Monday 16 March 2026" in text
    assert "Statutory deadline Wednesday 11 March 2026" in text
    assert "Wednesday 11 March 2026: the statutory deadline governs" in text


def test_with_ten_working_days_the_partnerships_own_deadline_governs(officer_client, board):
    board.is_council_committee = True
    board.save()
    meeting = Meeting.objects.create(board=board, start=at(D(2026, 3, 19)), venue="County Hall")
    assert meeting.governing_deadline == meeting.paper_deadline == D(2026, 3, 5)
    text = text_of(officer_client.get(url("manage_meeting", meeting.pk)))
    assert "Statutory deadline Wednesday 11 March 2026" in text
    assert "Thursday 5 March 2026: the partnership's deadline governs" in text


def test_a_board_that_is_not_a_council_committee_shows_no_statutory_deadline(officer_client, meeting):
    text = text_of(officer_client.get(url("manage_meeting", meeting.pk)))
    assert "Paper deadline Thursday 12 November 2026" in text
    assert "Statutory deadline" not in text


# ---------------------------------------------------------------------------
# The deadline, through the page (the clock is real: the meeting is placed around today)


@pytest.fixture
def soon(board) -> Meeting:
    """A meeting in three days: its ten-working-day deadline has passed."""
    return Meeting.objects.create(board=board, start=timezone.now() + dt.timedelta(days=3), venue="County Hall")


def test_the_publish_page_warns_that_a_paper_past_the_deadline_will_be_marked_late(officer_client, soon, officer):
    paper = add_paper(soon, officer)
    response = officer_client.get(url("manage_paper_publish", soon.pk, paper.pk))
    assert response.status_code == 200
    text = text_of(response)
    assert "This paper will be marked late" in text
    assert "the reason will appear in the minutes" in text
    assert "Name of the chair who agreed to take it as urgent business" in text


def test_the_publish_page_refuses_a_late_paper_without_reason_and_chair(officer_client, soon, officer):
    paper = add_paper(soon, officer)
    response = officer_client.post(url("manage_paper_publish", soon.pk, paper.pk), {})
    assert response.status_code == 400
    summary = error_summary(response)
    assert "Enter why the paper is late" in summary
    assert "Enter the name of the chair" in summary
    response = officer_client.post(
        url("manage_paper_publish", soon.pk, paper.pk), {"late_reason": "Audit figures", "chair_agreed_by": ""}
    )
    assert response.status_code == 400
    assert "Enter the name of the chair" in error_summary(response)
    assert "Enter why the paper is late" not in error_summary(response)
    paper.refresh_from_db()
    assert paper.published_at is None


def test_the_publish_page_accepts_a_late_paper_with_reason_and_chair(officer_client, soon, officer):
    paper = add_paper(soon, officer)
    response = officer_client.post(
        url("manage_paper_publish", soon.pk, paper.pk),
        {"late_reason": "Audit figures arrived late", "chair_agreed_by": "Cllr Chair"},
    )
    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.late and paper.chair_agreed_by == "Cllr Chair"
    hub = officer_client.get(url("manage_meeting", soon.pk)).content.decode()
    assert '<strong class="govuk-tag app-tag-late">Late</strong>' in hub
    # The reason is shown where the officer drafts the minute of the item.
    minutes = text_of(officer_client.get(url("manage_minutes", soon.pk)))
    assert "Late business taken as urgent" in minutes and "Audit figures arrived late" in minutes


def test_the_publish_page_needs_no_reason_before_the_deadline(officer_client, board, officer):
    later = Meeting.objects.create(board=board, start=timezone.now() + dt.timedelta(days=40), venue="Hall")
    paper = add_paper(later, officer)
    page = text_of(officer_client.get(url("manage_paper_publish", later.pk, paper.pk)))
    assert "marked late" not in page
    response = officer_client.post(url("manage_paper_publish", later.pk, paper.pk), {})
    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.published_at is not None and not paper.late
    assert "app-tag-late" not in officer_client.get(url("manage_meeting", later.pk)).content.decode()


# ---------------------------------------------------------------------------
# Publishing an agenda with items that lack papers


@pytest.fixture
def later(board) -> Meeting:
    """A meeting in 40 days: its deadline is still to come (the clock is real)."""
    return Meeting.objects.create(board=board, start=timezone.now() + dt.timedelta(days=40), venue="County Hall")


@pytest.fixture
def uneven_agenda(later, officer) -> dict[str, AgendaItem]:
    """One item with a published paper, one with an unpublished paper, one with none,
    and an item for information (which needs no paper)."""
    published = add_paper(later, officer, title="Budget")
    actions.paper_publish(published, by=officer)
    draft = add_paper(later, officer, title="Housing", purpose=Purpose.DISCUSSION)
    bare = actions.item_add(later, title="Transport", by=officer)
    info = actions.item_add(later, title="Updates", purpose=Purpose.INFORMATION, by=officer)
    return {"published": published.item, "draft": draft.item, "bare": bare, "info": info}


def test_publishing_an_agenda_with_missing_papers_names_the_items_and_waits_for_confirmation(
    later, officer, uneven_agenda
):
    meeting = later
    with pytest.raises(actions.AgendaIncomplete) as incomplete:
        actions.agenda_publish(meeting, by=officer)
    assert [i.pk for i in incomplete.value.items] == [uneven_agenda["draft"].pk, uneven_agenda["bare"].pk]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED and meeting.agenda_published_at is None

    actions.agenda_publish(meeting, by=officer, confirm_missing=True)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED and meeting.agenda_published_at is not None
    event = AuditEvent.objects.get(verb="agenda_publish")
    assert event.details["missing_papers"] == [uneven_agenda["draft"].pk, uneven_agenda["bare"].pk]


def test_the_publish_page_lists_the_items_without_papers_and_offers_publish_anyway(
    officer_client, later, uneven_agenda
):
    meeting = later
    response = officer_client.post(url("manage_agenda_publish", meeting.pk), {})
    assert response.status_code == 200
    text = text_of(response)
    assert "2. Housing" in text and "3. Transport" in text
    assert "Budget" not in text.split("have no published paper")[1].split("Publish anyway")[0]
    assert "Updates" not in text
    assert 'name="confirm_missing" value="yes"' in response.content.decode()
    assert "Publish anyway" in text
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is None

    response = officer_client.post(url("manage_agenda_publish", meeting.pk), {"confirm_missing": "yes"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED


def test_a_complete_agenda_is_published_without_a_second_question(officer_client, later, officer):
    meeting = later
    paper = add_paper(meeting, officer)
    actions.paper_publish(paper, by=officer)
    actions.item_add(meeting, title="Any other business", purpose="information", by=officer)
    response = officer_client.post(url("manage_agenda_publish", meeting.pk), {})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED


# ---------------------------------------------------------------------------
# A supplement after the deadline is late business too


def test_a_new_version_of_a_published_paper_after_the_deadline_needs_reason_and_chair(paper, officer):
    actions.paper_publish(paper, by=officer, now=at(DEADLINE, 9))
    with pytest.raises(ValidationError) as refused:
        actions.paper_upload(
            paper, SimpleUploadedFile("v2.pdf", PDF), by=officer, now=at(DEADLINE + dt.timedelta(days=3))
        )
    assert set(refused.value.message_dict) == {"late_reason", "chair_agreed_by"}
    assert paper.versions.count() == 1

    version = actions.paper_upload(
        paper,
        SimpleUploadedFile("v2.pdf", PDF),
        by=officer,
        note="Corrected budget table",
        late_reason="The grant figures arrived on 16 November.",
        chair_agreed_by="Cllr Ellison",
        now=at(DEADLINE + dt.timedelta(days=3)),
    )
    assert version.number == 2 and version.late and version.published_at is not None
    paper.item.refresh_from_db()
    assert "Supplement to 'Budget report' (version 2): The grant figures arrived" in paper.item.urgent_reason


def test_a_new_version_before_the_deadline_is_not_late(paper, officer):
    actions.paper_publish(paper, by=officer, now=at(DEADLINE - dt.timedelta(days=2)))
    version = actions.paper_upload(paper, SimpleUploadedFile("v2.pdf", PDF), by=officer, now=at(DEADLINE, 17))
    assert version.published_at is not None and not version.late
