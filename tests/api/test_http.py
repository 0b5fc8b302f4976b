"""The API over HTTP (issue 9 item 7): ETags with 304s, CORS for GET,
the rate limit for anonymous clients, the licence, the OpenAPI description and its docs
page under the site's CSP, and the CSV bulk downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from api.views import safe_cell
from tests.factories import make_meeting

pytestmark = pytest.mark.django_db

LICENCE = '<https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/>; rel="license"'


def test_a_list_answers_its_etag_with_a_304_until_it_changes(client, board):
    meeting = make_meeting(board)
    url = reverse("api:event_list")
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('W/"') and first["Cache-Control"] == "no-cache"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    meeting.title = "Renamed"
    meeting.save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert client.head(url, headers={"If-None-Match": changed["ETag"]}).status_code == 304


def test_if_modified_since_alone_never_answers_304(client, board):
    """A body shows more than its own row (the board's name, say), so no row's time can
    say it is unchanged: only the ETag answers a 304 (found by the hostile review: a
    renamed board kept a 304)."""
    meeting = make_meeting(board, agenda_published_at=timezone.now() - dt.timedelta(days=3))
    url = reverse("api:event_detail", args=[f"event-{meeting.pk}"])
    first = client.get(url)
    assert "Last-Modified" not in first
    later = http_date(timezone.now().timestamp() + 3600)
    board.name = "Renamed board"
    board.save()
    again = client.get(url, headers={"If-Modified-Since": later})
    assert again.status_code == 200 and b"Renamed board" in again.content
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 200
    assert client.get(url, headers={"If-None-Match": again["ETag"]}).status_code == 304


def test_any_origin_may_read_the_api_without_credentials(client, board):
    origin = {"Origin": "https://data.example.org"}
    response = client.get(reverse("api:event_list"), headers=origin)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        reverse("api:event_list"),
        headers={**origin, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match"},
    )
    assert preflight.status_code == 200
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    # The rest of the site answers no other origin.
    assert "Access-Control-Allow-Origin" not in client.get(reverse("register"), headers=origin)


def test_an_anonymous_client_over_the_rate_gets_a_429_with_the_reason(client, settings):
    settings.API_ANON_RATE = "3/min"
    for _ in range(3):
        assert client.get(reverse("api:root")).status_code == 200
    response = client.get(reverse("api:organization_list"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "anonymous clients may make 3 requests a minute" in response.json()["detail"]
    other = client.get(reverse("api:root"), REMOTE_ADDR="192.0.2.7")  # another address has its own count
    assert other.status_code == 200


@pytest.mark.parametrize("name", ["api:root", "api:event_list", "api:register_csv"])
def test_every_response_states_its_licence(client, name):
    assert client.get(reverse(name))["Link"] == LICENCE


def test_the_api_only_reads(client):
    response = client.post(reverse("api:event_list"), {}, content_type="application/json")
    assert response.status_code == 405 and "not allowed" in response.json()["detail"]


@pytest.mark.parametrize(
    ("name", "args"),
    [("api:root", []), ("api:event_list", []), ("api:event_detail", ["event-1"]), ("api:openapi", [])],
)
@pytest.mark.parametrize("asked", ["xml", "yaml", "csv", "api"])
def test_a_format_not_offered_is_a_406_that_names_the_formats_offered(client, name, args, asked):
    """Hostile review F7: DRF answered ?format=xml with a bare 404 "Not found."."""
    response = client.get(reverse(name, args=args), {"format": asked})
    assert response.status_code == 406
    assert response["Content-Type"].startswith("application/")
    body = response.json()
    assert body["formats"] == ["json"]
    assert f'There is no format "{asked}" here. Formats offered: json (format=json, or no format;' in body["detail"]


def test_an_accept_header_not_offered_is_a_406_that_names_the_formats_offered(client):
    response = client.get(reverse("api:event_list"), headers={"Accept": "application/xml"})
    assert response.status_code == 406
    assert response.json() == {
        "detail": "Nothing here matches the Accept header. Formats offered: json (format=json, or no format; "
        "application/json).",
        "formats": ["json"],
    }
    assert client.get(reverse("api:event_list"), {"format": "json"}).status_code == 200


def test_the_openapi_description_is_openapi_3_with_the_licence(client):
    response = client.get(reverse("api:openapi"))
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["license"]["name"] == "Open Government Licence v3.0"
    assert {"/api/v1/vote_events/", "/api/v1/vote_events/{id}/", "/api/v1/decisions.csv"} <= set(schema["paths"])


def test_the_docs_page_loads_only_its_own_assets_and_runs_under_the_csp(client, settings):
    page = client.get(reverse("api:docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert "style-src 'self'" in page["Content-Security-Policy"]
    assert "<style" not in html and not re.search(r"<script>|<script [^>]*>[^<]", html)  # nothing inline
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources)  # nothing from another site
    for source in sources:
        if source.startswith(settings.STATIC_URL):
            assert finders.find(source.removeprefix(settings.STATIC_URL)), source
        else:
            assert client.get(source).status_code == 200, source
    script = client.get(reverse("api:docs") + "?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert reverse("api:openapi") in script.content.decode()


def _csv(client, name: str) -> list[dict[str, str]]:
    response = client.get(reverse(name))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_downloads_hold_the_register_the_memberships_and_the_decisions(client, api_site, seat, partnership):
    register = {row["id"]: row for row in _csv(client, "api:register_csv")}
    assert register[f"partnership-{partnership.pk}"]["boards"] == "Partnership Board"
    assert register[f"partnership-{partnership.pk}"]["url"].startswith("http://testserver/partnerships/")
    seats = {row["id"]: row for row in _csv(client, "api:memberships_csv")}
    assert seats[f"membership-{seat.pk}"]["deputy_today"] == "Cllr Dinah Deputy"
    assert seats[f"membership-{seat.pk}"]["on_behalf_of"] == "Shireshire County Council"
    (decision,) = _csv(client, "api:decisions_csv")
    assert decision["id"] == f"decision-{api_site['decided'].pk}" and decision["route"] == "Consensus"


def test_a_csv_cell_that_a_spreadsheet_would_run_is_written_as_text(client, partnership):
    partnership.contact_name = '=HYPERLINK("http://evil.example","Click")'
    partnership.save()
    row = next(r for r in _csv(client, "api:register_csv") if r["id"] == f"partnership-{partnership.pk}")
    assert row["contact_name"] == "'" + partnership.contact_name
    assert [safe_cell(v) for v in ("+1", "-2", "@SUM(A1)", "\tx", "plain", None, 3)] == [
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "plain",
        "",
        "3",
    ]
