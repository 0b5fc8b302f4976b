"""Nothing unpublished or exempt is reachable through the API or its downloads (SPEC §6;
issue 9 item 7 "the anonymous crawler test is extended to every API endpoint").

Over the crawler's data (a marker in everything the public must not see) and the
decisions of ``api_site``, every endpoint is paged through, every row the database
holds is asked for by its id (public or not), and every download is read: no marker
comes back, for an anonymous visitor nor for a signed-in officer (the API is the same
for everyone)."""

from __future__ import annotations

import json

import pytest
from django.urls import get_resolver, reverse

from decisions.models import Proposal, Round
from meetings.models import Meeting, PaperVersion
from partnerships.models import Board, Membership, Organisation, Partnership, Person
from reports.models import Indicator
from tests.meetings.test_anonymous_crawler import body_of, leaks

pytestmark = pytest.mark.django_db

LISTS = [
    "api:organization_list",
    "api:person_list",
    "api:membership_list",
    "api:event_list",
    "api:vote_event_list",
    "api:decision_list",
    "api:indicator_list",
]
OTHERS = [
    "api:root",
    "api:openapi",
    "api:docs",
    "api:register_csv",
    "api:memberships_csv",
    "api:decisions_csv",
    "api:indicators_csv",
]


def every_guessable_detail() -> dict[str, list[str]]:
    """Each detail address for every row of the database, public or not."""
    return {
        "api:organization_detail": [
            *(f"body-{pk}" for pk in Organisation.objects.values_list("pk", flat=True)),
            *(f"partnership-{pk}" for pk in Partnership.objects.values_list("pk", flat=True)),
            *(f"board-{pk}" for pk in Board.objects.values_list("pk", flat=True)),
        ],
        "api:person_detail": [f"person-{pk}" for pk in Person.objects.values_list("pk", flat=True)],
        "api:membership_detail": [f"membership-{pk}" for pk in Membership.objects.values_list("pk", flat=True)],
        "api:event_detail": [f"event-{pk}" for pk in Meeting.objects.values_list("pk", flat=True)],
        "api:vote_event_detail": [f"vote-event-{pk}" for pk in Round.objects.values_list("pk", flat=True)],
        "api:decision_detail": [f"decision-{pk}" for pk in Proposal.objects.values_list("pk", flat=True)],
        "api:indicator_detail": [f"indicator-{pk}" for pk in Indicator.objects.values_list("pk", flat=True)],
    }


def test_every_api_url_name_is_requested_here():
    names = {f"api:{name}" for name in get_resolver().namespace_dict["api"][1].reverse_dict if isinstance(name, str)}
    assert names == set(LISTS) | set(OTHERS) | set(every_guessable_detail())


@pytest.mark.parametrize("visitor", ["anonymous", "signed-in officer"])
def test_no_unpublished_or_exempt_material_is_reachable_through_the_api(client, api_site, officer, visitor):
    if visitor != "anonymous":
        client.force_login(officer)  # services the partnership: its pages show it more, the API does not
    leaked: dict[str, list[str]] = {}
    seen_ids: set[str] = set()

    def read(url: str, params: dict | None = None) -> object:
        response = client.get(url, params or {})
        assert response.status_code < 500, url
        body = body_of(response)
        if found := leaks(response, body):
            leaked[response.request["PATH_INFO"] + "?" + response.request.get("QUERY_STRING", "")] = found
        return response

    for name in LISTS:
        response = read(reverse(name), {"page_size": 2})
        pages = 1
        while True:
            body = response.json()
            seen_ids |= {row["id"] for row in body["results"]}
            if not body["next"]:
                break
            response = read(body["next"])
            pages += 1
        assert pages >= 1
    for name in OTHERS:
        assert read(reverse(name)).status_code == 200, name

    public_details = 0
    for name, ids in every_guessable_detail().items():
        for value in ids:
            response = read(reverse(name, args=[value]))
            if response.status_code == 200:
                public_details += 1
                assert value in seen_ids, f"{value} is served but not listed"
            else:
                assert response.status_code == 404
    assert not leaked, f"Not public, but served by the API: {leaked}"

    # The API really reached the public content (the test would pass vacuously otherwise),
    # and nothing of the round at the unpublished meeting nor of the exempt decision.
    assert public_details == len(seen_ids)
    decided, hidden, secret = api_site["decided"], api_site["hidden_round"], api_site["secret"]
    assert f"decision-{decided.pk}" in seen_ids and f"vote-event-{api_site['first'].pk}" in seen_ids
    assert f"vote-event-{hidden.pk}" not in seen_ids and f"decision-{secret.pk}" not in seen_ids
    assert not {f"event-{m.pk}" for m in Meeting.objects.all() if not m.is_public} & seen_ids
    documents = [
        d["url"]
        for m in Meeting.objects.all()
        if m.is_public
        for item in client.get(reverse("api:event_detail", args=[f"event-{m.pk}"])).json()["agenda"]
        for d in item["documents"]
    ]
    assert len(documents) == PaperVersion.objects.public().count() == 3
    assert json.dumps(documents).count("/papers/") == 3
