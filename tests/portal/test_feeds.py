"""Feeds per partnership and per decision (issue 9 item 6): RSS/Atom of documents and
of decisions per partnership, the partnership's iCalendar, the decisions register feed
and one decision's history feed, each showing only what the public may see."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import Proposal, ProposalEvent, ProposalStatus, Round, Route
from meetings.models import ExemptCategory
from partnerships.models import Board
from tests.factories import make_item, make_meeting, make_paper

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def rss_titles(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return [item.findtext("title") or "" for item in ET.fromstring(response.content).iter("item")]


def atom_titles(response) -> list[str]:
    assert response.status_code == 200
    ns = {"a": "http://www.w3.org/2005/Atom"}
    return [
        entry.findtext("a:title", namespaces=ns) or ""
        for entry in ET.fromstring(response.content).iterfind("a:entry", ns)
    ]


def decided(board: Board, title: str, *, exempt: bool = False, days: int = -10) -> Proposal:
    meeting = make_meeting(board, days=days)
    extra = {"exempt_category": ExemptCategory.FINANCIAL} if exempt else {}
    item = make_item(meeting, f"Item for {title}", exempt=exempt, **extra)
    return Proposal.objects.create(
        board=board,
        item=item,
        title=title,
        text="Agree it.",
        status=ProposalStatus.IN_EFFECT,
        route=Route.CONSENSUS,
        decided_at=timezone.now() + dt.timedelta(days=days),
    )


def test_a_partnerships_document_feeds_hold_its_boards_documents_only(client, board, other_board):
    ours = make_paper(make_item(make_meeting(board, days=5), "Ours"), "Our paper", published=True)
    make_paper(make_item(make_meeting(other_board, days=6), "Theirs"), "Their paper", published=True)
    slug = board.partnership.slug

    rss = rss_titles(client.get(reverse("meetings:partnership_documents_rss", args=[slug])))
    atom = atom_titles(client.get(reverse("meetings:partnership_documents_atom", args=[slug])))

    assert any(ours.title in title for title in rss) and not any("Their paper" in title for title in rss)
    assert rss == atom


def test_a_partnerships_calendar_holds_its_published_meetings(client, board, other_board):
    make_meeting(board, days=5, title="Our meeting")
    make_meeting(other_board, days=6, title="Their meeting")
    make_meeting(board, days=7, published=False, title="Unpublished meeting")

    body = client.get(reverse("meetings:partnership_ics", args=[board.partnership.slug])).content.decode()

    assert "Our meeting" in body
    assert "Their meeting" not in body and "Unpublished meeting" not in body


def test_unknown_partnerships_feeds_are_404(client, db):
    for name in ("meetings:partnership_ics", "meetings:partnership_documents_rss", "decisions:partnership_rss"):
        assert client.get(reverse(name, args=["no-such-partnership"])).status_code == 404


def test_the_decisions_feeds_list_settled_public_decisions(client, board, other_board):
    decided(board, "Adopt the strategy")
    decided(other_board, "Fund the refuge")
    decided(board, "Secret land deal", exempt=True)
    open_one = decided(board, "Still open")
    open_one.status, open_one.route, open_one.decided_at = ProposalStatus.OPEN, "", None
    open_one.save()

    overall = rss_titles(client.get(reverse("decisions:register_rss")))
    ours = atom_titles(client.get(reverse("decisions:partnership_atom", args=[board.partnership.slug])))

    assert sorted(overall) == ["Adopt the strategy: In effect", "Fund the refuge: In effect"]
    assert ours == ["Adopt the strategy: In effect"]


def test_a_decisions_history_feed_hides_rounds_at_unpublished_meetings(client, board):
    proposal = decided(board, "Adopt the strategy")
    public_round = Round.objects.create(proposal=proposal, number=1, meeting=proposal.item.meeting, text="Agree it.")
    hidden_meeting = make_meeting(board, days=40, published=False)
    hidden_round = Round.objects.create(proposal=proposal, number=2, meeting=hidden_meeting, text="Agree it.")
    ProposalEvent.objects.create(proposal=proposal, verb="round_open", to_status="open", round=public_round)
    ProposalEvent.objects.create(
        proposal=proposal, verb="round_open", to_status="open", round=hidden_round, note="HIDDEN NOTE"
    )
    ProposalEvent.objects.create(proposal=proposal, verb="ratification_record", to_status="in_effect")

    response = client.get(reverse("decisions:decision_rss", args=[proposal.pk]))

    assert len(rss_titles(response)) == 2
    assert b"HIDDEN NOTE" not in response.content
    assert (
        reverse("decisions:decision_rss", args=[proposal.pk]).encode()
        in client.get(proposal.get_absolute_url()).content
    )


def test_an_exempt_decisions_history_feed_is_404(client, board):
    secret = decided(board, "Secret land deal", exempt=True)
    assert client.get(reverse("decisions:decision_rss", args=[secret.pk])).status_code == 404
    assert client.get(reverse("decisions:decision_atom", args=[secret.pk])).status_code == 404


@pytest.mark.parametrize("rows", [10, 200])
def test_the_decisions_feed_uses_a_bounded_number_of_queries(client, board, rows, django_assert_max_num_queries):
    for n in range(rows):
        decided(board, f"Decision {n}", days=-n - 1)
    with django_assert_max_num_queries(4):
        assert len(rss_titles(client.get(reverse("decisions:register_rss")))) == min(rows, 50)
