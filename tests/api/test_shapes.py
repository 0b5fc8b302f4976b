"""The open data API's shapes, after Open Civic Data / Popolo (SPEC §6; issue 9 item 7):
organizations with their parent, people, memberships on behalf of an organisation with
their deputies, events with agenda and documents, vote events with the rule applied and
the votes of the partner organisations, decisions with their route."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.models import PaperVersion
from tests.meetings.test_anonymous_crawler import PUBLIC_MINUTE_TEXT

pytestmark = pytest.mark.django_db


def test_the_root_lists_the_endpoints_the_licence_and_the_docs(client):
    body = client.get(reverse("api:root")).json()
    assert body["licence"] == {
        "name": "Open Government Licence v3.0",
        "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    }
    assert body["docs"] == "http://testserver/api/v1/docs/"
    assert body["openapi"] == "http://testserver/api/v1/openapi.json"
    names = {entry["name"]: entry["url"] for entry in body["endpoints"]}
    assert set(names) == {"organizations", "people", "memberships", "events", "vote_events", "decisions", "indicators"}
    for url in [*names.values(), *(entry["url"] for entry in body["downloads"])]:
        assert client.get(url).status_code == 200, url


def test_organizations_are_partner_bodies_partnerships_and_boards_with_their_parents(
    client, all_rows, board, lsp, partnership, county
):
    rows = {row["id"]: row for row in all_rows(client, reverse("api:organization_list"))}
    assert rows[f"body-{county.pk}"]["classification"] == "partner body"
    assert rows[f"body-{county.pk}"]["executive_body"] == "Cabinet"
    assert rows[f"partnership-{partnership.pk}"]["parent_id"] == f"partnership-{lsp.pk}"
    assert rows[f"partnership-{partnership.pk}"]["lead_accountable_body_id"] == f"body-{county.pk}"
    assert rows[f"partnership-{partnership.pk}"]["contact"]["email"] == "olivia@example.org"
    assert rows[f"partnership-{lsp.pk}"]["parent_id"] is None
    assert rows[f"board-{board.pk}"] | {"links": None} == rows[f"board-{board.pk}"] | {
        "classification": "board",
        "parent_id": f"partnership-{partnership.pk}",
        "kind": "board",
        "links": None,
    }
    assert "http://testserver" + board.get_absolute_url() in {
        link["url"] for link in rows[f"board-{board.pk}"]["links"]
    }
    detail = client.get(reverse("api:organization_detail", args=[f"board-{board.pk}"])).json()
    assert detail == rows[f"board-{board.pk}"]


def test_people_link_to_their_memberships(client, seat):
    person = client.get(reverse("api:person_detail", args=[f"person-{seat.person_id}"])).json()
    assert person["name"] == "Cllr Mary Member"
    assert person["organization_id"] == f"body-{seat.organisation_id}"
    memberships = client.get(person["memberships_url"]).json()["results"]
    assert [m["id"] for m in memberships] == [f"membership-{seat.pk}"]


def test_a_membership_is_on_a_board_on_behalf_of_an_organisation_with_its_deputies(client, seat, deputy):
    row = client.get(reverse("api:membership_detail", args=[f"membership-{seat.pk}"])).json()
    assert row == {
        "id": f"membership-{seat.pk}",
        "person_id": f"person-{seat.person_id}",
        "person_name": "Cllr Mary Member",
        "organization_id": f"board-{seat.board_id}",
        "organization_name": "Partnership Board",
        "on_behalf_of_id": f"body-{seat.organisation_id}",
        "on_behalf_of_name": "Shireshire County Council",
        "role": "chair",
        "role_label": "Chair",
        "seated": True,
        "voting": True,
        "lead": False,
        "start_date": "2020-04-01",
        "end_date": None,
        "deputies": [
            {
                "person_id": f"person-{deputy.person.pk}",
                "person_name": "Cllr Dinah Deputy",
                "start_date": "2020-04-01",
                "end_date": None,
            }
        ],
    }


def test_an_event_has_its_public_agenda_documents_and_minutes(client, api_site):
    upcoming, minuted = api_site["upcoming"], api_site["minuted"]
    event = client.get(reverse("api:event_detail", args=[f"event-{upcoming.pk}"])).json()
    assert event["name"] == "Upcoming public meeting"
    assert event["status"] == "agenda_published" and event["minutes_url"] is None
    assert event["organization_id"] == f"board-{upcoming.board_id}"
    assert [item["title"] for item in event["agenda"]] == ["Annual plan"]  # the exempt item is not listed
    documents = event["agenda"][0]["documents"]
    public = PaperVersion.objects.public().filter(paper__item__meeting=upcoming).select_related("paper")
    assert {(d["title"], d["version"]) for d in documents} == {(v.paper.title, v.number) for v in public}
    assert len(documents) == 3  # both versions of the plan, the published version of the figures
    for document in documents:
        assert document["media_type"] == "application/pdf"
        download = client.get(document["url"])
        assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")

    held = client.get(reverse("api:event_detail", args=[f"event-{minuted.pk}"])).json()
    assert held["status"] == "minutes_published"
    assert held["minutes_url"] == f"http://testserver/meetings/{minuted.pk}/minutes.pdf"
    assert PUBLIC_MINUTE_TEXT in held["agenda"][0]["minutes"]
    assert held["vote_event_ids"] == [f"vote-event-{api_site['first'].pk}"]


def test_a_vote_event_has_the_rule_applied_the_counts_and_the_organisations_votes(client, api_site, county, seat):
    first = api_site["first"]
    row = client.get(reverse("api:vote_event_detail", args=[f"vote-event-{first.pk}"])).json()
    assert row["decision_id"] == f"decision-{first.proposal_id}"
    assert row["motion_text"] == first.text
    assert row["result"] == "agreed_by_consensus" and row["attempt"] == 1
    assert row["counts"] == [
        {"option": "consent", "value": 1},
        {"option": "object", "value": 0},
        {"option": "abstain", "value": 0},
        {"option": "absent", "value": 0},
    ]
    rule = row["rule"]
    assert (rule["active_consent"], rule["majority_fallback"], rule["fallback_from_round"], rule["max_minority"]) == (
        True,
        True,
        2,
        1,
    )
    assert rule["memorandum"]["version"] == 1
    (vote,) = row["votes"]
    assert vote["voter_id"] == f"body-{county.pk}" and vote["voter_name"] == county.name
    assert vote["option"] == "consent" and vote["changed"] is True  # the abstention came first; the last counts
    assert vote["stated_by"] == {"id": f"person-{seat.person_id}", "name": "Cllr Mary Member"}
    assert vote["capacity"] == "member" and vote["comment"] == "The county consents."
    (advisory,) = row["advisory_views"]
    assert advisory["option"] == "object" and advisory["voter_name"].startswith("Vera Voluntary")


def test_a_decision_has_its_route_and_only_the_public_part_of_its_history(client, api_site, county):
    decided, first = api_site["decided"], api_site["first"]
    row = client.get(reverse("api:decision_detail", args=[f"decision-{decided.pk}"])).json()
    assert row["status"] == "agreed_by_consensus" and row["route"] == "consensus"
    assert row["vote_event_ids"] == [f"vote-event-{first.pk}"]  # not the round at the unpublished meeting
    assert [(e["type"], e["vote_event_id"]) for e in row["events"]] == [
        ("proposal_create", None),
        ("round_close", f"vote-event-{first.pk}"),
    ]
    assert row["ratifications"][0]["organization_id"] == f"body-{county.pk}"
    assert row["big_ticket"] is True and row["rule"]["memorandum"]["title"] == "Memorandum of understanding"
    secret = api_site["secret"]
    assert client.get(reverse("api:decision_detail", args=[f"decision-{secret.pk}"])).status_code == 404
