"""The public home page (SPEC §6, issue 9 item 1): upcoming meetings, scheduled ones
included with only their notice; the latest agendas, papers, minutes and decisions; late
papers flagged; when each board last published; a bounded number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import Proposal, ProposalStatus, Route
from meetings.models import MeetingStatus
from partnerships.models import Board
from tests.factories import add_version, make_item, make_meeting, make_paper
from tests.meetings.test_anonymous_crawler import leaks, rich_site  # noqa: F401
from tests.pages import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_scheduled_meeting_is_announced_with_its_paper_deadline_and_nothing_else(client, board):
    start = timezone.make_aware(dt.datetime(2030, 11, 28, 14))  # a Thursday
    make_meeting(board, start, published=False, title="Secret planning title", venue="Secret venue")

    page = text_of(client.get(reverse("home")))

    assert "Agenda not yet published" in page
    assert "Thu 28 Nov 2030, 14:00" in page
    assert "Papers due by 14 November 2030" in page  # ten working days before
    assert board.name in page
    assert "Secret planning title" not in page
    assert "Secret venue" not in page


def test_a_meeting_cancelled_before_its_agenda_was_published_is_not_announced(client, board):
    make_meeting(board, days=10, published=False, status=MeetingStatus.CANCELLED)
    assert "Agenda not yet published" not in text_of(client.get(reverse("home")))


def test_published_meetings_link_to_their_agenda_and_past_ones_are_not_upcoming(client, board):
    coming = make_meeting(board, days=12, title="Coming meeting")
    make_meeting(board, days=-40, title="Past meeting")

    response = client.get(reverse("home"))
    upcoming = [row.meeting for row in response.context["upcoming"]]

    assert upcoming == [coming]
    assert f'href="{coming.get_absolute_url()}"' in response.content.decode()


def test_latest_documents_flag_late_papers_with_their_reason(client, board):
    meeting = make_meeting(board, days=3)
    item = make_item(meeting, "Budget")
    paper = make_paper(item, "Revised budget", published=True)
    paper.late, paper.late_reason, paper.chair_agreed_urgent = True, "Figures arrived after the deadline.", True
    paper.save()

    page = text_of(client.get(reverse("home")))

    assert "Late papers" in page
    assert "Reason: Figures arrived after the deadline." in page
    assert "Revised budget Late" in page


def test_the_latest_decisions_are_the_registers(client, board):
    meeting = make_meeting(board, days=-5)
    item = make_item(meeting, "Strategy")
    Proposal.objects.create(
        board=board,
        item=item,
        title="Adopt the strategy",
        text="Adopt it.",
        status=ProposalStatus.IN_EFFECT,
        route=Route.CONSENSUS,
        decided_at=timezone.now() - dt.timedelta(days=5),
    )
    Proposal.objects.create(board=board, item=item, title="Still open", text="Think about it.")

    decisions = client.get(reverse("home")).context["decisions"]

    assert [p.title for p in decisions] == ["Adopt the strategy"]


def test_each_board_says_when_it_last_published(client, board, partnership):
    silent = Board.objects.create(partnership=partnership, name="Silent Group", slug="silent")
    meeting = make_meeting(board, days=-400)
    meeting.minutes_published_at = timezone.now() - dt.timedelta(days=2)
    meeting.save()
    old = Board.objects.create(partnership=partnership, name="Old Group", slug="old")
    make_meeting(old, days=-500)

    rows = {row.board: row for row in client.get(reverse("home")).context["boards"]}

    assert rows[board].last_published == meeting.minutes_published_at and not rows[board].stale
    assert rows[silent].last_published is None
    assert rows[old].stale
    assert "Over a year ago" in text_of(client.get(reverse("home")))


def test_the_home_page_shows_nothing_the_public_may_not_see(client, rich_site):  # noqa: F811
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert leaks(response, response.content) == []


def _fill(board, count: int) -> None:
    for n in range(count):
        meeting = make_meeting(board, days=n % 40 - 20, title=f"Meeting {n}")
        make_meeting(board, days=n % 30 + 1, published=False)
        paper = make_paper(make_item(meeting, f"Item {n}"), f"Paper {n}", published=True)
        add_version(paper, b"%PDF-1.4 two", published=True)
        Board.objects.create(partnership=board.partnership, name=f"Group {n}", slug=f"group-{n}")


@pytest.mark.parametrize("rows", [10, 200])
def test_the_home_page_uses_a_bounded_number_of_queries(client, board, rows, django_assert_max_num_queries):
    _fill(board, rows)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("home")).status_code == 200
