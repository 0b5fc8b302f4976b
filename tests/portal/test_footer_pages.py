"""The footer's pages (public sector duties): the open data page, the accessibility
statement (Public Sector Bodies Accessibility Regulations 2018, GOV.UK's model
statement) and the privacy notice (UK GDPR); every page's footer links to them and
states the Open Government Licence."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import make_meeting
from tests.pages import text_of

pytestmark = pytest.mark.django_db

OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
PAGES = {  # name: (title, heading)
    "portal:open_data": ("Open data", "Open data"),
    "portal:accessibility": ("Accessibility statement", "Accessibility statement for Accord"),
    "portal:privacy": ("Privacy notice", "Privacy notice"),
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1.append(data)


def parsed(response_or_html) -> _Links:
    parser = _Links()
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.content.decode()
    parser.feed(html)
    return parser


def footer_of(response) -> str:
    match = re.search(r'<footer class="govuk-footer">.*?</footer>', response.content.decode(), re.S)
    assert match, "the page has no GOV.UK footer"
    return match.group(0)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(("name", "title", "heading"), [(name, *texts) for name, texts in PAGES.items()])
def test_each_page_is_public_with_its_heading_and_reads_nothing(
    client, django_assert_num_queries, name, title, heading
):
    with django_assert_num_queries(0):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert "".join(parsed(response).h1).strip() == heading
    assert f"<title>{title} – Accord</title>" in response.content.decode()
    assert client.head(reverse(name)).status_code == 200
    assert client.post(reverse(name)).status_code == 405


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_footer_links_the_three_pages_and_states_the_licence(client, member, signed_in):
    if signed_in:
        client.force_login(member)
    footer = footer_of(client.get(reverse("home")))
    hrefs = {link.get("href"): link for link in parsed(footer).links}

    for name, label in (("portal:open_data", "Open data"), ("portal:accessibility", "Accessibility")):
        assert f'href="{reverse(name)}">{label}</a>' in footer
    assert f'href="{reverse("portal:privacy")}">Privacy</a>' in footer
    assert hrefs[OGL_URL].get("rel") == "license"
    assert 'class="govuk-footer__licence-description"' in footer
    licence = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", footer))
    assert "All content is available under the Open Government Licence v3.0, except where otherwise stated" in licence
    assert "<img" not in footer and "<svg" not in footer  # no crown, no logo image


def test_the_footer_is_on_the_pages_themselves(client):
    for name in PAGES:
        assert f'href="{reverse("portal:accessibility")}"' in footer_of(client.get(reverse(name)))


def test_the_open_data_page_links_the_api_downloads_feeds_and_indicators(client):
    response = client.get(reverse("portal:open_data"))
    hrefs = {link.get("href") for link in parsed(response).links}
    expected = [
        "api:root",
        "api:openapi",
        "api:docs",
        "api:organization_list",
        "api:person_list",
        "api:membership_list",
        "api:event_list",
        "api:vote_event_list",
        "api:decision_list",
        "api:register_csv",
        "api:memberships_csv",
        "api:decisions_csv",
        "meetings:documents_rss",
        "meetings:documents_atom",
        "meetings:ics",
        "decisions:register_rss",
        "decisions:register_atom",
        "decisions:forward_plan_rss",
        "decisions:forward_plan_ics",
        "reports:indicators",
    ]
    missing = [name for name in expected if reverse(name) not in hrefs]
    assert not missing
    assert OGL_URL in hrefs
    page = text_of(response)
    assert "Open Government Licence v3.0" in page
    assert "http://testserver/api/v1/" in page  # the API's address, to copy
    assert "120 requests a minute" in page  # API_ANON_RATE


def test_every_internal_link_of_the_open_data_page_answers(client, board, settings):
    """Each link on the page is requested: a page, a feed or a download, never an error."""
    make_meeting(board, days=10, title="Board meeting")
    settings.API_ANON_RATE = "100000/min"
    cache.clear()
    links = parsed(client.get(reverse("portal:open_data"))).links
    internal = sorted(
        {href for link in links if (href := link.get("href")) and href.startswith("/") and not href.startswith("//")}
    )
    assert len(internal) >= 20
    failures = []
    for href in internal:
        response = client.get(href)
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
            assert body, href
        if response.status_code != 200:
            failures.append(f"{href}: {response.status_code}")
    assert not failures
    for name in ("api:register_csv", "api:memberships_csv", "api:decisions_csv"):
        response = client.get(reverse(name))
        assert response["Content-Disposition"].startswith("attachment;"), name
        assert response["Content-Type"].startswith("text/csv")
    # Same-page anchors point at headings that exist.
    anchors = [href for link in links if (href := link.get("href")) and href.startswith("#")]
    body = client.get(reverse("portal:open_data")).content.decode()
    assert all(f'id="{anchor[1:]}"' in body for anchor in anchors)
    assert all(urlsplit(href).scheme in ("", "https") for link in links if (href := link.get("href")))


def test_the_accessibility_statement_follows_the_model_statement(client):
    response = client.get(reverse("portal:accessibility"))
    page = text_of(response)
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "Non-compliance with the accessibility regulations",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ):
        assert re.search(rf"<h[2-4][^>]*>{re.escape(heading)}</h[2-4]>", response.content.decode()), heading
    assert "This statement was prepared on 2 December 2026." in page
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard" in page
    assert "Equality and Human Rights Commission (EHRC)" in page
    assert "Equality Advisory and Support Service (EASS)" in page
    # What is not fully accessible, said plainly.
    assert "Swagger UI" in page and "colour contrast" in page and "2.5.8 (Target Size (Minimum))" in page
    assert "uploaded by the partner organisations" in page
    assert "text summary" in page and "table" in page
    assert "aria-expanded" in page
    # How it was tested.
    assert "axe-core" in page and "1280 pixels" in page and "320 pixels" in page and "keyboard" in page
    # Where to report a problem: each partnership's contacts, on the register.
    hrefs = {link.get("href") for link in parsed(response).links}
    assert reverse("register") in hrefs and reverse("api:docs") in hrefs


def test_the_privacy_notice_says_what_is_kept_and_for_how_long_from_the_settings(client, settings):
    page = text_of(client.get(reverse("portal:privacy")))
    assert "organisation that runs this portal" in page
    assert "after 72 hours" in page  # ALERTS_CONFIRM_MAX_AGE: 3 days
    assert "works for 90 days" in page  # ALERTS_MANAGE_MAX_AGE
    for cookie in ("sessionid", "csrftoken", "messages"):
        assert cookie in page
    assert "strictly necessary" in page
    assert "Server logs" in page
    assert "Information Commissioner's Office" in page
    assert "GOV.UK Notify" not in page  # not configured here

    settings.ALERTS_CONFIRM_MAX_AGE = 24 * 3600
    settings.SESSION_COOKIE_AGE = 8 * 3600
    settings.GOVUK_NOTIFY_API_KEY = "test-key"
    page = text_of(client.get(reverse("portal:privacy")))
    assert "after 24 hours" in page
    assert "After 8 hours, or when you sign out" in page
    assert "GOV.UK Notify" in page


def test_the_privacy_notice_links_to_unsubscribing_and_the_alerts(client):
    response = client.get(reverse("portal:privacy"))
    hrefs = {link.get("href") for link in parsed(response).links}
    assert {reverse("alerts:manage_request"), reverse("alerts:index"), reverse("register")} <= hrefs
    assert "link at the end of any alert email" in text_of(response)
