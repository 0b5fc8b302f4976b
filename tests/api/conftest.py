"""Fixtures of the open data API tests.

``api_site`` is the anonymous crawler's ``rich_site`` (a marker in everything the public
must not see) plus decisions: one on a public item decided at the meeting whose minutes
are published (a memorandum's rules, the county's position stated by the member, an
advisory view, a ratification), with a second round at a meeting whose agenda is not
published (hidden, like its event in the history); one on an exempt item. ``get_all``
pages through a list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.utils import timezone

from decisions.models import Position, Proposal, ProposalEvent, ProposalStatus, Ratification, Round, Route
from meetings.models import Meeting, MeetingStatus
from partnerships.models import Board, Membership, MembershipRole, MemorandumOfUnderstanding, Organisation, Person
from tests.meetings.test_anonymous_crawler import EXEMPT, UNPUBLISHED_MEETING, rich_site  # noqa: F401

HIDDEN_ROUND = UNPUBLISHED_MEETING  # a round at an unpublished meeting carries the meeting's marker


@pytest.fixture(autouse=True)
def api_rate(settings) -> None:
    """No test trips the rate limit by accident (the throttle's counts live in the cache)."""
    settings.API_ANON_RATE = "100000/min"
    cache.clear()


@pytest.fixture
def mou(board: Board, county: Organisation) -> MemorandumOfUnderstanding:
    mou = MemorandumOfUnderstanding.objects.create(
        board=board,
        version=1,
        title="Memorandum of understanding",
        active_consent=True,
        majority_fallback=True,
        fallback_from_round=2,
        max_minority=1,
        effective_from=dt.date(2024, 4, 1),
    )
    mou.required_signatories.add(county)
    return mou


@pytest.fixture
def api_site(rich_site, board, seat, county, district, mou) -> dict[str, object]:  # noqa: F811
    minuted = rich_site["minuted"]
    assert isinstance(minuted, Meeting)
    now = timezone.now()
    public_item = minuted.items.get(exempt=False)
    exempt_item = minuted.items.get(exempt=True)
    hidden = Meeting.objects.get(board=board, status=MeetingStatus.SCHEDULED, title__contains=UNPUBLISHED_MEETING)

    decided = Proposal.objects.create(
        board=board,
        item=public_item,
        title="Adopt the housing strategy",
        text='=HYPERLINK("http://example.org") Adopt the strategy.',
        mou=mou,
        status=ProposalStatus.AGREED_BY_CONSENSUS,
        route=Route.CONSENSUS,
        big_ticket=True,
        decided_at=minuted.start + dt.timedelta(hours=1),
        created_at=minuted.start - dt.timedelta(days=20),
    )
    first = Round.objects.create(
        proposal=decided,
        number=1,
        meeting=minuted,
        text=decided.text,
        opened_at=minuted.start,
        closed_at=minuted.start + dt.timedelta(hours=1),
        outcome="agreed_by_consensus",
        voters=[f"org:{county.pk}"],
    )
    Position.objects.create(
        round=first,
        voter=f"org:{county.pk}",
        organisation=county,
        membership=seat,
        person=seat.person,
        capacity="member",
        value="abstain",
        recorded_at=minuted.start + dt.timedelta(minutes=10),
    )
    Position.objects.create(
        round=first,
        voter=f"org:{county.pk}",
        organisation=county,
        membership=seat,
        person=seat.person,
        capacity="member",
        value="consent",
        comment="The county consents.",
        recorded_at=minuted.start + dt.timedelta(minutes=20),
    )
    observer = Membership.objects.create(
        board=board,
        person=Person.objects.create(name="Vera Voluntary", organisation=district),
        organisation=district,
        role=MembershipRole.OBSERVER,
        voting=False,
        start_date=dt.date(2020, 4, 1),
    )
    Position.objects.create(
        round=first,
        voter=f"advisory:{observer.pk}",
        organisation=district,
        membership=observer,
        person=observer.person,
        capacity="advisory",
        value="object",
        advisory=True,
        recorded_at=minuted.start + dt.timedelta(minutes=15),
    )
    hidden_round = Round.objects.create(
        proposal=decided, number=2, meeting=hidden, text=f"Amended {HIDDEN_ROUND}", opened_at=now
    )
    ProposalEvent.objects.create(proposal=decided, at=decided.created_at, verb="proposal_create", to_status="open")
    ProposalEvent.objects.create(
        proposal=decided,
        at=first.closed_at,
        verb="round_close",
        from_status="open",
        to_status="agreed_by_consensus",
        round=first,
        note="Agreed.",
    )
    ProposalEvent.objects.create(
        proposal=decided,
        at=now,
        verb="round_open",
        from_status="agreed_by_consensus",
        to_status="open",
        round=hidden_round,
        note=f"Put again {HIDDEN_ROUND}",
    )
    Ratification.objects.create(
        proposal=decided, organisation=county, ratified=True, body="Cabinet", decided_on=minuted.date
    )
    secret = Proposal.objects.create(
        board=board, item=exempt_item, title=f"Buy the land {EXEMPT}", text=f"Pay {EXEMPT}", mou=mou
    )
    Round.objects.create(proposal=secret, number=1, meeting=minuted, text=secret.text, opened_at=minuted.start)
    return {**rich_site, "decided": decided, "first": first, "hidden_round": hidden_round, "secret": secret}


def get_all(client, url: str, **params: object) -> list[dict]:
    """Every row of a list, page after page (200 a page)."""
    rows: list[dict] = []
    response = client.get(url, {"page_size": 200, **params})
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        rows += body["results"]
        if not body["next"]:
            return rows
        response = client.get(body["next"])


@pytest.fixture
def all_rows() -> Callable[..., list[dict]]:
    return get_all
