"""The member's page (SPEC §1 "board member / deputy", §4): what is coming, papers to
read in time, open actions, declarations. Nothing unpublished or exempt reaches it
unless the officers made it available to members."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    Action,
    ActionStatus,
    Declaration,
    MeetingStatus,
    Paper,
)
from partnerships.models import Deputyship, Membership, MembershipRole
from tests.factories import make_item, make_meeting, make_paper

pytestmark = pytest.mark.django_db

URL = "/my/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def section(html: str, heading_id: str) -> str:
    """The part of the page under the heading with that id, up to the next heading."""
    return html.split(f'id="{heading_id}"', 1)[1].split("<h2", 1)[0]


def row_with(html: str, text: str) -> str:
    """The table row (<tr>...</tr>) of the page that contains ``text``."""
    rows = [row for row in re.findall(r"<tr\b.*?</tr>", html, flags=re.S) if text in row]
    assert len(rows) == 1, f"expected one row with {text!r}, found {len(rows)}"
    return rows[0]


@pytest.fixture
def picture(board, other_board, seat, member, deputy):
    """Meetings of the member's board and of a board she does not sit on, with papers
    in every state of publication."""
    published = make_meeting(board, days=20, title="Spring meeting")
    scheduled = make_meeting(board, days=60, status=MeetingStatus.SCHEDULED, title="Summer meeting")
    held = make_meeting(board, days=-30, status=MeetingStatus.HELD, title="Winter meeting")
    cancelled = make_meeting(board, days=25, status=MeetingStatus.CANCELLED, title="Cancelled meeting")
    elsewhere = make_meeting(other_board, days=10, title="Commissioning meeting")

    open_item = make_item(published, "Joint strategic needs assessment", order=1)
    exempt_item = make_item(published, "Provider contract award", order=2, exempt=True)
    draft_item = make_item(scheduled, "Draft item not yet on a published agenda")
    make_paper(open_item, "Needs assessment report", published=True)
    make_paper(open_item, "Unpublished draft appendix", published=False)
    make_paper(open_item, "Paper with no file yet", members=True, versions=0, published=False)
    make_paper(exempt_item, "Exempt tender evaluation", published=True)
    make_paper(exempt_item, "Exempt pricing schedule for members", members=True, published=False)
    make_paper(draft_item, "Early sight of the summer strategy", members=True, versions=2, published=False)
    make_paper(make_item(held, "Last winter's item"), "Winter report", published=True)
    make_paper(make_item(cancelled, "Cancelled item"), "Cancelled report", members=True, published=False)
    make_paper(make_item(elsewhere, "Housing support review"), "Paper of another board", members=True, published=False)
    return {"published": published, "scheduled": scheduled, "held": held, "open_item": open_item}


# ---------------------------------------------------------------------------
# Who sees the page


def test_signing_in_is_required(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("sign-in"))


def test_the_page_is_named_member_home():
    assert reverse("meetings:member_home") == URL


def test_a_user_with_no_linked_person_is_told_no_seat_is_linked(client, officer):
    client.force_login(officer)
    response = client.get(URL)
    assert response.status_code == 200
    assert "not linked to a seat" in response.content.decode()


def test_a_person_with_no_seat_sees_an_empty_page_not_someone_elses(client, member, picture, board):
    Deputyship.objects.filter(membership__board=board).delete()
    Membership.objects.filter(board=board).delete()
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert "You do not hold a current seat" in page
    assert "Spring meeting" not in page
    assert "Needs assessment report" not in page


# ---------------------------------------------------------------------------
# Upcoming meetings


def test_the_member_sees_upcoming_meetings_of_her_boards_only(client, member, picture):
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert "Spring meeting" in page
    assert "Summer meeting" in page
    assert "Winter meeting" not in page  # held: not upcoming
    assert "Cancelled meeting" not in page
    assert "Commissioning meeting" not in page  # a board she does not sit on


def test_a_scheduled_meeting_shows_its_date_and_paper_deadline_only(client, member, picture):
    client.force_login(member)
    page = client.get(URL).content.decode()
    scheduled = picture["scheduled"]
    row = row_with(section(page, "upcoming"), "Summer meeting")
    assert f"Paper deadline: {scheduled.governing_deadline:%-d %B %Y}" in row
    # The draft agenda is not listed (a paper made available to members may name its item).
    assert "Draft item not yet on a published agenda" not in section(page, "upcoming")
    assert "Declare an interest" not in row


def test_the_member_can_declare_on_the_items_of_a_published_agenda(client, member, picture):
    client.force_login(member)
    page = client.get(URL).content.decode()
    published, item = picture["published"], picture["open_item"]
    row = row_with(section(page, "upcoming"), "Spring meeting")
    assert "Agenda published" in row
    assert reverse("meetings:declare", args=[published.pk, item.pk]) in row
    assert "Provider contract award" in row  # exempt items are declared on too


def test_the_deputy_sees_the_meetings_of_the_board_she_deputises_on_and_may_declare(client, deputy, picture):
    client.force_login(deputy)
    page = client.get(URL).content.decode()
    assert "designated deputy for Cllr Mary Member" in page
    assert "Spring meeting" in page
    assert "Summer meeting" in page
    # A deputy attending for the seat declares her own interest (issue 8 item 6).
    assert "Declare an interest" in page


def test_an_ended_seat_no_longer_brings_its_meetings(client, member, seat, picture):
    seat.end_date = timezone.localdate() - dt.timedelta(days=1)
    seat.save()
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert "Spring meeting" not in page


# ---------------------------------------------------------------------------
# Papers to read


def test_papers_to_read_are_public_papers_and_papers_made_available_to_members(client, member, picture):
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert "Needs assessment report" in page
    assert "Exempt pricing schedule for members" in page
    assert "Early sight of the summer strategy" in page
    # Published on an exempt item: never public, but the board's members read it (item 15).
    assert "Exempt tender evaluation" in page


@pytest.mark.parametrize(
    "title",
    [
        "Unpublished draft appendix",  # not published, not available to members
        "Paper with no file yet",  # nothing to read
        "Winter report",  # a past meeting
        "Cancelled report",  # a cancelled meeting
        "Paper of another board",  # a board she does not sit on
    ],
)
def test_papers_the_member_may_not_or_need_not_read_are_not_listed(client, member, picture, title):
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert title not in page


def test_members_only_and_exempt_papers_are_tagged(client, member, picture):
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert "For members only" in row_with(page, "Early sight of the summer strategy")
    exempt = row_with(page, "Exempt pricing schedule for members")
    assert "For members only" in exempt and "Exempt" in exempt
    assert "Published" in row_with(page, "Needs assessment report")


def test_papers_link_to_the_download_of_their_latest_version(client, member, picture):
    paper = Paper.objects.get(title="Early sight of the summer strategy")
    url = reverse(
        "meetings:paper_download",
        kwargs={"meeting_pk": picture["scheduled"].pk, "paper_pk": paper.pk, "number": 2},
    )
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert f'href="{url}"' in row_with(page, "Early sight of the summer strategy")


# ---------------------------------------------------------------------------
# Actions and declarations


def test_open_actions_are_listed_and_overdue_ones_tagged_in_red(client, member, deputy, picture):
    today = timezone.localdate()
    meeting = picture["held"]
    Action.objects.create(meeting=meeting, description="Circulate the audit", owner=member.person, due_date=today)
    Action.objects.create(
        meeting=meeting,
        description="Report back on waiting times",
        owner=member.person,
        due_date=today - dt.timedelta(days=1),
    )
    Action.objects.create(
        meeting=meeting,
        description="Already finished task",
        owner=member.person,
        due_date=today - dt.timedelta(days=9),
        status=ActionStatus.DONE,
    )
    Action.objects.create(meeting=meeting, description="Dinah's own action", owner=deputy.person, due_date=today)
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert 'govuk-tag--red">Overdue' in row_with(page, "Report back on waiting times")
    assert "Overdue" not in row_with(page, "Circulate the audit")  # due today is not overdue
    assert "Already finished task" not in page
    assert "Dinah" not in section(page, "actions")
    assert page.count("govuk-tag--red") == 1


def test_the_members_declarations_are_listed(client, member, seat, picture):
    Declaration.objects.create(
        item=picture["open_item"], membership=seat, nature="My son works for the trust", withdraws=True
    )
    client.force_login(member)
    page = client.get(URL).content.decode()
    row = row_with(page, "My son works for the trust")
    assert "Joint strategic needs assessment" in row
    assert "Yes" in row


# ---------------------------------------------------------------------------
# Bounded queries


def _busy_board(board, member, n: int) -> None:
    today = timezone.localdate()
    for i in range(n):
        meeting = make_meeting(board, days=5 + i, title=f"Meeting {i}")
        item = make_item(meeting, f"Item {i}", exempt=i % 2 == 1)
        make_paper(item, f"Paper {i}", published=True, members=True)
        Action.objects.create(
            meeting=meeting, item=item, description=f"Action {i}", owner=member.person, due_date=today
        )
        Declaration.objects.create(item=item, membership=member.person.memberships.get(), nature=f"Interest {i}")


@pytest.mark.parametrize("n", [3, 30])
def test_the_page_takes_a_fixed_number_of_queries(client, member, seat, board, n, django_assert_max_num_queries):
    _busy_board(board, member, n)
    client.force_login(member)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    page = response.content.decode()
    assert page.count("Paper ") >= n
    assert f"Action {n - 1}" in page


def test_the_query_count_does_not_grow_with_the_number_of_rows(client, member, seat, board, other_board, county):
    client.force_login(member)
    _busy_board(board, member, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    Membership.objects.create(
        board=other_board,
        person=member.person,
        organisation=county,
        role=MembershipRole.MEMBER,
        start_date=seat.start_date,
    )
    for meeting in [make_meeting(other_board, days=3 + i, title=f"Other {i}") for i in range(27)]:
        make_paper(make_item(meeting, "Other item"), "Other paper", published=True)
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL).content.decode()
    assert page.count("Other paper") == 27
    assert len(many) == len(few)
