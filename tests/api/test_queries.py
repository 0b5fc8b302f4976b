"""Every API list and download reads a bounded number of queries, however many rows it
holds (docs/architecture.md "Queries read"; issue 9: asserted with 10 and 200 rows)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import Position, Proposal, ProposalEvent, Ratification, Round
from meetings.models import AgendaItem, Meeting, MeetingStatus, Paper, PaperVersion
from partnerships.models import Board, Layer, Organisation, OrganisationKind, Partnership
from tests.conftest import make_memberships

pytestmark = pytest.mark.django_db

# The most queries a page may take: the count, the page, its prefetches and lookups.
LIMITS = {
    "api:organization_list": 7,
    "api:person_list": 2,
    "api:membership_list": 3,
    "api:event_list": 6,
    "api:vote_event_list": 7,
    "api:decision_list": 5,
    "api:register_csv": 3,
    "api:memberships_csv": 4,
    "api:decisions_csv": 3,
}


def build(n: int, board: Board, mou) -> None:
    """n of everything: bodies, partnerships with a board, seats with deputies, published
    meetings with an item, a paper and a version, and decisions with a closed round (the
    seats' positions) and an open one."""
    now = timezone.now()
    bodies = Organisation.objects.bulk_create(
        Organisation(name=f"Body {i:04d}", slug=f"body-{i:04d}", kind=OrganisationKind.OTHER) for i in range(n)
    )
    partnerships = Partnership.objects.bulk_create(
        Partnership(name=f"Partnership {i:04d}", slug=f"p-{i:04d}", purpose="Purpose", lead_accountable_body=bodies[i])
        for i in range(n)
    )
    Board.objects.bulk_create(Board(partnership=p, name="Board", slug="board", layer=Layer.BOARD) for p in partnerships)
    seats = make_memberships(board, n, organisation=bodies[0], start_date=dt.date(2020, 1, 1))
    meetings = Meeting.objects.bulk_create(
        Meeting(
            board=board,
            start=now - dt.timedelta(days=i + 1),
            venue="Hall",
            status=MeetingStatus.HELD,
            agenda_published_at=now - dt.timedelta(days=i + 20),
        )
        for i in range(n)
    )
    items = AgendaItem.objects.bulk_create(AgendaItem(meeting=m, order=1, title="Item") for m in meetings)
    papers = Paper.objects.bulk_create(Paper(item=item, title="Paper", published_at=now) for item in items)
    PaperVersion.objects.bulk_create(
        PaperVersion(
            paper=paper,
            number=1,
            file="papers/x.pdf",
            original_name="x.pdf",
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
            published_at=now,
        )
        for paper in papers
    )
    proposals = Proposal.objects.bulk_create(
        Proposal(board=board, item=item, title="Proposal", text="Agree it.", mou=mou, status="agreed_by_consensus")
        for item in items
    )
    closed = Round.objects.bulk_create(
        Round(
            proposal=p,
            number=1,
            meeting=m,
            text="Agree it.",
            closed_at=now,
            outcome="agreed_by_consensus",
            voters=[f"org:{bodies[0].pk}", f"org:{bodies[1].pk}"],
        )
        for p, m in zip(proposals, meetings, strict=True)
    )
    Round.objects.bulk_create(
        Round(proposal=p, number=2, meeting=m, text="Agree it again.") for p, m in zip(proposals, meetings, strict=True)
    )
    Position.objects.bulk_create(
        Position(
            round=r,
            voter=f"org:{bodies[0].pk}",
            organisation=bodies[0],
            membership=seat,
            person=seat.person,
            capacity="member",
            value="consent",
        )
        for r, seat in zip(closed, seats, strict=True)
    )
    ProposalEvent.objects.bulk_create(
        ProposalEvent(proposal=p, verb="round_close", from_status="open", to_status="agreed_by_consensus", round=r)
        for p, r in zip(proposals, closed, strict=True)
    )
    Ratification.objects.bulk_create(
        Ratification(proposal=p, organisation=bodies[0], ratified=True, body="Cabinet", decided_on=dt.date(2024, 1, 1))
        for p in proposals
    )


@pytest.mark.parametrize("rows", [10, 200])
@pytest.mark.parametrize("name", list(LIMITS))
def test_each_list_takes_a_fixed_number_of_queries(client, board, mou, rows, name, django_assert_max_num_queries):
    build(rows, board, mou)
    with django_assert_max_num_queries(LIMITS[name]):
        response = client.get(reverse(name), {"page_size": 200})
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    if not response.streaming:
        assert response.json()["count"] >= rows
        assert len(response.json()["results"]) >= min(rows, 200) - 1
    else:
        assert body.count(b"\n") > rows or name == "api:register_csv"
