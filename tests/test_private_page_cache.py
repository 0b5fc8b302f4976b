"""Signed-in pages kept for one browser until the content changes (governance/pagecache.py
`private_page`): a member's page and an officer's meeting page are served again without
running the view, to that user in that browser only; a change, a banner waiting, a role
or an officer's partnerships moving, signing out: each is a page rendered afresh."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from tests.factories import make_item, make_meeting

pytestmark = pytest.mark.django_db

# A hit reads the session (from the cache, or its row when the cache has none) and the
# user, and nothing of the page.
HIT_QUERIES = 2


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def meeting(board):
    meeting = make_meeting(board, timezone.now() + dt.timedelta(days=30))
    make_item(meeting, "Budget monitoring")
    return meeting


def hub(meeting) -> str:
    return reverse("meetings:manage_meeting", args=[meeting.pk])


TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def tokens(html: bytes) -> list[bytes]:
    return TOKEN.findall(html)


def without_tokens(html: bytes) -> bytes:
    return TOKEN.sub(b"", html)


def signed_in(user) -> Client:
    """A browser signed in as ``user`` that has its CSRF cookie (from a first page)."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.get(reverse("meetings:member_home"))
    return browser


@pytest.fixture
def served() -> Callable[..., object]:
    """``with served(): ...`` asserts the block's one request was a hit; ``served(False)`` a render."""

    @contextmanager
    def check(hit: bool = True) -> Iterator[None]:
        with CaptureQueriesContext(connection) as queries:
            yield
        if hit:
            assert len(queries) <= HIT_QUERIES, [q["sql"][:80] for q in queries]
        else:
            assert len(queries) > HIT_QUERIES, "served from the cache"

    return check


def test_an_officers_meeting_page_is_served_again_without_the_view(officer, meeting, served) -> None:
    browser = signed_in(officer)
    first = browser.get(hub(meeting))
    assert first.status_code == 200
    with served():
        again = browser.get(hub(meeting))
    assert again.status_code == 200
    assert without_tokens(again.content) == without_tokens(first.content)
    assert tokens(again.content) != tokens(first.content), "each form's token is masked afresh"
    assert again["ETag"] == first["ETag"]
    assert "Budget monitoring" in again.content.decode()
    assert "private" in again["Cache-Control"] and "no-cache" in again["Cache-Control"]


def test_the_forms_of_a_kept_page_still_pass_the_csrf_check(officer, meeting, served) -> None:
    browser = signed_in(officer)
    browser.get(hub(meeting))
    with served():
        html = browser.get(hub(meeting)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    response = browser.post(
        reverse("meetings:manage_item_new", args=[meeting.pk]),
        {"title": "Capital programme", "purpose": "decision", "csrfmiddlewaretoken": token.group(1)},
    )
    assert response.status_code == 302, "the token of the kept page was refused"


def test_a_change_shows_at_once_and_its_banner_once(officer, meeting, served) -> None:
    browser = signed_in(officer)
    browser.get(hub(meeting))
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        reverse("meetings:manage_item_new", args=[meeting.pk]),
        {"title": "Capital programme", "purpose": "decision"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 302
    with served(False):  # a banner is waiting: rendered for this request, not kept
        after = browser.get(hub(meeting)).content.decode()
    assert "Capital programme" in after and "govuk-notification-banner--success" in after
    browser.get(hub(meeting))
    with served():
        later = browser.get(hub(meeting)).content.decode()
    assert "Capital programme" in later and "govuk-notification-banner--success" not in later


def test_each_user_and_each_browser_has_its_own(officer, partnership, meeting, served) -> None:
    from tests.conftest import _user

    colleague = _user("colin", "Colin", "Colleague", Role.OFFICER)
    partnership.officers.add(colleague)
    mine = signed_in(officer)
    mine.get(hub(meeting))
    with served(False):
        theirs = signed_in(colleague).get(hub(meeting))
    assert theirs.status_code == 200
    with served(False):  # the same officer in another browser: another CSRF cookie
        signed_in(officer).get(hub(meeting))


def test_an_officer_no_longer_of_the_partnership_is_refused_at_once(
    officer, partnership, meeting, django_capture_on_commit_callbacks
) -> None:
    browser = signed_in(officer)
    browser.get(hub(meeting))
    with django_capture_on_commit_callbacks(execute=True):  # committed: the content epoch moves
        partnership.officers.remove(officer)
    assert browser.get(hub(meeting)).status_code in (403, 404)


def test_a_role_changed_is_a_page_of_its_own(officer, meeting) -> None:
    browser = signed_in(officer)
    browser.get(hub(meeting))
    type(officer).objects.filter(pk=officer.pk).update(role=Role.MEMBER)  # no signal: the key holds the role
    assert browser.get(hub(meeting)).status_code in (403, 404)


def test_signed_out_the_page_is_not_served(officer, meeting) -> None:
    browser = signed_in(officer)
    browser.get(hub(meeting))
    browser.logout()
    response = browser.get(hub(meeting))
    assert response.status_code == 302 and reverse("sign-in") in response["Location"]


def test_a_browser_without_its_csrf_cookie_is_never_served_nor_stored(officer, meeting, served) -> None:
    browser = Client()
    browser.force_login(officer)
    with served(False):
        browser.get(hub(meeting))  # no cookie yet: the page made one, and is not kept
    browser.cookies.pop("csrftoken", None)
    with served(False):
        browser.get(hub(meeting))


def test_the_members_page_is_kept_until_her_seat_changes(
    member, seat, board, served, django_capture_on_commit_callbacks
) -> None:
    browser = signed_in(member)
    browser.get(reverse("meetings:member_home"))
    with served():
        page = browser.get(reverse("meetings:member_home")).content.decode()
    assert board.name in page
    seat.end_date = timezone.localdate() - dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        seat.save(update_fields=["end_date"])
    with served(False):
        browser.get(reverse("meetings:member_home"))
