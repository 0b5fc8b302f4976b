"""Feeds (SPEC §4 "Feeds", §6): iCalendar of published meetings with stable UIDs,
SEQUENCE and cancellations; RSS and Atom of published documents, never exempt or
unpublished ones."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.models import AgendaItem, ExemptCategory, Meeting, MeetingStatus, Paper, PaperVersion
from partnerships.models import Board

LONDON = zoneinfo.ZoneInfo("Europe/London")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_meeting(board: Board, start: dt.datetime, *, published: bool = True, **extra) -> Meeting:
    return Meeting.objects.create(
        board=board,
        start=start,
        venue=extra.pop("venue", "County Hall"),
        status=extra.pop("status", MeetingStatus.AGENDA_PUBLISHED if published else MeetingStatus.SCHEDULED),
        agenda_published_at=start - dt.timedelta(days=14) if published else None,
        **extra,
    )


def make_paper(meeting: Meeting, title: str, *, published: bool = True, exempt: bool = False, versions: int = 1):
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=meeting.items.count() + 1,
        title=f"Item for {title}",
        exempt=exempt,
        exempt_category=ExemptCategory.FINANCIAL if exempt else "",
    )
    when = meeting.start - dt.timedelta(days=13)
    paper = Paper.objects.create(item=item, title=title, published_at=when if published else None)
    for number in range(1, versions + 1):
        content = f"%PDF-1.4 {title} {number}".encode()
        name = default_storage.save(f"papers/feeds/{paper.pk}-{number}.pdf", ContentFile(content))
        PaperVersion.objects.create(
            paper=paper,
            number=number,
            file=name,
            original_name=f"{title}.pdf",
            content_type="application/pdf",
            size=len(content),
            sha256="0" * 64,
            published_at=when + dt.timedelta(days=number - 1) if published else None,
            change_note=f"Change {number}",
        )
    return paper


def ics(client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


# ---------------------------------------------------------------------------
# iCalendar


@pytest.mark.django_db
def test_the_calendar_lists_published_meetings_with_stable_uids(client, board):
    meeting = make_meeting(board, dt.datetime(2030, 5, 14, 10, tzinfo=LONDON), title="Spring board", sequence=4)
    Meeting.objects.filter(pk=meeting.pk).update(end=meeting.start + dt.timedelta(hours=3))
    hidden = make_meeting(board, dt.datetime(2030, 6, 14, 10, tzinfo=LONDON), published=False)

    cal = ics(client, reverse("meetings:ics"))

    assert str(cal["METHOD"]) == "PUBLISH"
    found = events(cal)
    assert set(found) == {f"{meeting.uid}@accord"}
    event = found[f"{meeting.uid}@accord"]
    assert event["SUMMARY"] == "Spring board"
    assert event["LOCATION"] == "County Hall"
    assert int(event["SEQUENCE"]) == 4
    assert str(event["URL"]).endswith(meeting.get_absolute_url())
    assert event.decoded("DTSTART") == meeting.start
    assert event.decoded("DTSTART").tzinfo is not None
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTEND") == meeting.start + dt.timedelta(hours=3)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(hidden.uid) not in client.get(reverse("meetings:ics")).content.decode()
    assert len(cal.walk("VTIMEZONE")) == 1


@pytest.mark.django_db
def test_a_cancelled_meeting_is_sent_as_cancelled_with_the_same_uid(client, board):
    meeting = make_meeting(board, dt.datetime(2030, 5, 14, 10, tzinfo=LONDON), sequence=2)
    uid = f"{meeting.uid}@accord"
    before = events(ics(client, reverse("meetings:ics")))[uid]

    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED, sequence=3)
    after = events(ics(client, reverse("meetings:ics")))[uid]

    assert str(before["STATUS"]) == "CONFIRMED"
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


@pytest.mark.django_db
def test_a_renamed_board_shows_in_the_calendar_of_every_meeting_at_once(client, board):
    """The whole calendar is kept between requests (it takes seconds to build at scale),
    but not past a rename: the board's and partnership's names are in every event."""
    meeting = make_meeting(board, dt.datetime(2030, 5, 14, 10, tzinfo=LONDON))
    uid = f"{meeting.uid}@accord"
    assert board.name in str(events(ics(client, reverse("meetings:ics")))[uid]["DESCRIPTION"])

    Board.objects.filter(pk=board.pk).update(name="Health and Wellbeing Board (renamed)")

    assert "(renamed)" in str(events(ics(client, reverse("meetings:ics")))[uid]["DESCRIPTION"])


@pytest.mark.django_db
def test_a_meeting_without_an_end_time_lasts_two_hours_in_calendars(client, board):
    meeting = make_meeting(board, dt.datetime(2030, 1, 14, 18, tzinfo=LONDON))
    event = events(ics(client, reverse("meetings:ics")))[f"{meeting.uid}@accord"]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(hours=2)


@pytest.mark.django_db
def test_the_board_calendar_has_only_that_boards_meetings(client, board, other_board):
    ours = make_meeting(board, dt.datetime(2030, 5, 14, 10, tzinfo=LONDON))
    make_meeting(other_board, dt.datetime(2030, 5, 15, 10, tzinfo=LONDON))

    cal = ics(client, reverse("meetings:board_ics", args=[board.partnership.slug, board.slug]))

    assert set(events(cal)) == {f"{ours.uid}@accord"}
    assert client.get(reverse("meetings:board_ics", args=["nope", board.slug])).status_code == 404


@pytest.mark.django_db
def test_an_empty_calendar_is_still_valid(client, board):
    cal = ics(client, reverse("meetings:ics"))
    assert cal.walk("VEVENT") == []


# ---------------------------------------------------------------------------
# RSS and Atom of published documents


def documents_board(board: Board) -> dict[str, object]:
    """A published meeting with a public paper (replaced once), an exempt paper, an
    unpublished paper; minutes published on an earlier meeting and draft on another;
    an unpublished meeting with a paper."""
    now = timezone.now()
    meeting = make_meeting(board, now + dt.timedelta(days=20), title="Upcoming board")
    public = make_paper(meeting, "Annual plan", versions=2)
    exempt = make_paper(meeting, "Secret valuation", exempt=True)
    unpublished = make_paper(meeting, "Draft appendix", published=False)
    held = make_meeting(
        board,
        now - dt.timedelta(days=60),
        title="Held board",
        status=MeetingStatus.MINUTES_PUBLISHED,
        minutes_published_at=now - dt.timedelta(days=5),
    )
    draft = make_meeting(board, now - dt.timedelta(days=30), title="Autumn board", status=MeetingStatus.MINUTES_DRAFT)
    hidden = make_meeting(board, now + dt.timedelta(days=40), published=False, title="Hidden board")
    hidden_paper = make_paper(hidden, "Hidden paper")
    return {
        "meeting": meeting,
        "public": public,
        "exempt": exempt,
        "unpublished": unpublished,
        "held": held,
        "draft": draft,
        "hidden": hidden,
        "hidden_paper": hidden_paper,
    }


@pytest.mark.django_db
def test_the_rss_feed_lists_published_agendas_public_papers_and_minutes(client, board):
    data = documents_board(board)

    response = client.get(reverse("meetings:documents_rss"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    titles = [i.findtext("title") for i in root.iter("item")]
    assert any(t.startswith("Agenda: Upcoming board") for t in titles)
    assert any(t.startswith("Annual plan") for t in titles)
    assert any(t.startswith("Supplement: Annual plan") for t in titles)
    assert any(t.startswith("Minutes: Held board") for t in titles)
    body = response.content.decode()
    for secret in ("Secret valuation", "Draft appendix", "Hidden", "Minutes: Autumn board"):
        assert secret not in body
    paper = data["public"]
    enclosures = [e.get("url") for e in root.iter("enclosure")]
    download = reverse("meetings:paper_download", args=[data["meeting"].pk, paper.pk, 2])
    assert f"http://testserver{download}" in enclosures


@pytest.mark.django_db
def test_the_atom_feed_has_the_same_documents(client, board):
    documents_board(board)

    response = client.get(reverse("meetings:documents_atom"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    # three published agendas, two versions of one paper, one set of minutes
    assert len(titles) == 6
    assert not any("Secret" in t or "Hidden" in t or "Draft" in t for t in titles)
    assert "Minutes: Autumn board" not in " ".join(titles)


@pytest.mark.django_db
def test_feed_entries_are_newest_first_with_unique_ids(client, board):
    documents_board(board)
    root = ET.fromstring(client.get(reverse("meetings:documents_atom")).content)
    entries = list(root.iter(f"{ATOM}entry"))
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert [dt.datetime.fromisoformat(u) for u in updated] == sorted(
        (dt.datetime.fromisoformat(u) for u in updated), reverse=True
    )
    assert len(set(ids)) == len(ids)


@pytest.mark.django_db
def test_the_board_feeds_have_only_that_boards_documents(client, board, other_board):
    documents_board(board)
    make_meeting(other_board, timezone.now() + dt.timedelta(days=3), title="Other body meeting")

    ours = client.get(reverse("meetings:board_documents_rss", args=[board.partnership.slug, board.slug]))
    theirs = client.get(reverse("meetings:board_documents_atom", args=[other_board.partnership.slug, other_board.slug]))

    assert "Upcoming board" in ours.content.decode() and "Other body meeting" not in ours.content.decode()
    assert "Other body meeting" in theirs.content.decode() and "Upcoming board" not in theirs.content.decode()
    assert client.get(reverse("meetings:board_documents_rss", args=["x", "y"])).status_code == 404


@pytest.mark.django_db
def test_an_unpublished_version_of_a_published_paper_is_not_in_the_feed(client, board):
    meeting = make_meeting(board, timezone.now() + dt.timedelta(days=20))
    paper = make_paper(meeting, "Annual plan", versions=2)
    paper.versions.filter(number=2).update(published_at=None)

    body = client.get(reverse("meetings:documents_rss")).content.decode()

    assert reverse("meetings:paper_download", args=[meeting.pk, paper.pk, 1]) in body
    assert reverse("meetings:paper_download", args=[meeting.pk, paper.pk, 2]) not in body
    assert "Supplement" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_feeds_use_a_bounded_number_of_queries(client, board, n, django_assert_max_num_queries):
    start = timezone.now() - dt.timedelta(days=400)
    for i in range(n):
        meeting = make_meeting(
            board,
            start + dt.timedelta(days=7 * i),
            title=f"Meeting {i}",
            minutes_published_at=timezone.now(),
            status=MeetingStatus.MINUTES_PUBLISHED,
        )
        make_paper(meeting, f"Paper {i}", versions=2)
    board_args = [board.partnership.slug, board.slug]
    bounds = {
        reverse("meetings:ics"): 3,  # the cache key (an aggregate, the boards' names), then the meetings
        reverse("meetings:board_ics", args=board_args): 4,
        reverse("meetings:documents_rss"): 3,  # agendas, paper versions, minutes
        reverse("meetings:documents_atom"): 3,
        reverse("meetings:board_documents_rss", args=board_args): 4,
        reverse("meetings:board_documents_atom", args=board_args): 4,
    }
    for url, bound in bounds.items():
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_cached_calendar_changes_as_soon_as_a_meeting_does(client, board, officer):
    """The all-meetings calendar is cached, but every change to a meeting is a new key."""
    from meetings import actions

    meeting = make_meeting(board, timezone.now() + dt.timedelta(days=30), title="Budget meeting")
    first = client.get(reverse("meetings:ics")).content
    assert b"Budget meeting" in first and client.get(reverse("meetings:ics")).content == first
    board.partnership.officers.add(officer)
    actions.meeting_cancel(meeting, reason="Clash with the budget", by=officer)
    after = client.get(reverse("meetings:ics")).content
    assert b"STATUS:CANCELLED" in after and after != first
