"""Actions decide on the current state, not on a row a request loaded earlier; bad
input in URLs and dates is answered with a 4xx, never a 500 (SPEC §8)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings import actions
from meetings.models import AgendaItem, Meeting, MeetingStatus, Paper, Purpose

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(board):
    return Meeting.objects.create(board=board, start=timezone.now() + dt.timedelta(days=40), venue="County Hall")


def test_a_stale_edit_does_not_unpublish_the_agenda(meeting, officer):
    stale = Meeting.objects.get(pk=meeting.pk)
    actions.item_add(meeting, title="Strategy", purpose=Purpose.INFORMATION, by=officer)
    actions.agenda_publish(meeting, by=officer)
    actions.meeting_update(stale, by=officer, changes={"venue": "Online"})
    meeting.refresh_from_db()
    assert meeting.venue == "Online"
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED and meeting.agenda_published_at is not None


def test_a_stale_cancel_cannot_cancel_a_held_meeting(meeting, officer):
    stale = Meeting.objects.get(pk=meeting.pk)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    with pytest.raises(ValidationError, match="not yet been held"):
        actions.meeting_cancel(stale, reason="Clash", by=officer)
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD


def test_minutes_cannot_be_rewritten_after_publication_by_a_stale_request(meeting, officer):
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="Strategy", minutes="Agreed.")
    stale_item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_PUBLISHED)
    with pytest.raises(ValidationError, match="until they are approved"):
        actions.minutes_update(stale_item.meeting, minutes={stale_item.pk: "Rewritten"}, by=officer)
    assert AgendaItem.objects.get(pk=item.pk).minutes == "Agreed."


def test_a_double_click_publishes_a_paper_once(meeting, officer):
    item = actions.item_add(meeting, title="Budget", purpose=Purpose.DECISION, by=officer)
    paper = actions.paper_add(
        item, SimpleUploadedFile("b.pdf", PDF), title="Budget report", author_name="Fred", by=officer
    )
    first, second = Paper.objects.get(pk=paper.pk), Paper.objects.get(pk=paper.pk)
    actions.paper_publish(first, by=officer)
    with pytest.raises(ValidationError, match="already been published"):
        actions.paper_publish(second, by=officer)


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/99999999999999999999999/",
        "/meetings/1/papers/999999999999999999999/v1/",
        "/meetings/1/papers/1/v999999999999999999999/",
        "/my/meetings/99999999999999999999/items/1/declare/",
        "/manage/meetings/99999999999999999999/",
    ],
)
def test_huge_ids_in_urls_are_not_found(client, officer, path):
    client.force_login(officer)
    assert client.get(path).status_code == 404


def test_a_two_digit_year_is_refused_with_a_message(client, officer, board, date_input):
    client.force_login(officer)
    data = {"venue": "County Hall", "start_time": "10:00", **date_input("date", dt.date(2027, 1, 14))}
    data["date_2"] = "27"
    response = client.post(f"/manage/boards/{board.pk}/meetings/new/", data)
    assert response.status_code == 400
    assert "The year must include 4 numbers" in response.content.decode()  # GOV.UK date pattern
    assert not Meeting.objects.exists()


def test_the_bad_request_page_does_not_echo_server_details(client, settings):
    settings.ALLOWED_HOSTS = ["accord.example"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "ALLOWED_HOSTS" not in response.content.decode()
