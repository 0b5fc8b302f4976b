"""The public page cache (governance/pagecache.py): an anonymous visitor is served a
stored page until the content changes, and the change shows at once; nobody signed in
is ever served, or has stored, a shared page; nothing exempt or unpublished leaks
through it."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance import pagecache
from governance.pagecache import content_version
from meetings import actions
from meetings.models import DocumentKind, RenderedDocument, RenderStatus
from search.models import SearchEntry
from tests.factories import make_item, make_meeting, make_paper
from tests.meetings.test_anonymous_crawler import MARKERS, UNPUBLISHED_MEETING, body_of, rich_site  # noqa: F401
from tests.test_publicity import marker_leaks, public_site, public_urls  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 60
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def rendered_again():
    """Asserts that the block renders its page (reads more than the content version)."""

    @contextmanager
    def check() -> Iterator[None]:
        with CaptureQueriesContext(connection) as queries:
            yield
        assert len(queries) > 1, "served from the cache"

    return check


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def meeting(board):
    meeting = make_meeting(board, timezone.now() + dt.timedelta(days=30))
    make_paper(make_item(meeting, "Budget monitoring"), "Quarter two budget report")
    return meeting


def page(meeting) -> str:
    return reverse("meetings:meeting", args=[meeting.pk])


def test_a_second_anonymous_visit_is_served_from_the_cache(client, meeting, django_assert_max_num_queries):
    first = client.get(page(meeting))
    assert first.status_code == 200
    with django_assert_max_num_queries(1):  # the content version; nothing else is read
        again = client.get(page(meeting))
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Frame-Options"] == "DENY"


def test_a_cached_page_answers_304_to_its_etag(client, meeting) -> None:
    first = client.get(page(meeting))
    again = client.get(page(meeting), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_page_is_kept_compressed_for_clients_that_accept_gzip(client, meeting) -> None:
    first = client.get(page(meeting), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert first["Content-Encoding"] == "gzip"
    again = client.get(page(meeting), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert again.content == first.content, "compressed once, when it was stored"
    assert gzip.decompress(again.content).decode().count("Quarter two budget report") >= 1
    plain = client.get(page(meeting))
    assert not plain.has_header("Content-Encoding")
    assert plain.content == gzip.decompress(again.content)
    unchanged = client.get(page(meeting), HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=again["ETag"])
    assert unchanged.status_code == 304


def test_publishing_shows_at_once(client, meeting, officer) -> None:
    item = make_item(meeting, "Community safety plan")
    paper = make_paper(item, "Draft community safety plan", published=False)
    assert "Draft community safety plan" not in client.get(page(meeting)).content.decode()
    assert "Draft community safety plan" not in client.get(page(meeting)).content.decode()  # from the cache

    actions.paper_publish(paper, by=officer)

    assert "Draft community safety plan" in client.get(page(meeting)).content.decode()


def test_an_item_made_exempt_leaves_the_cached_page_at_once(client, meeting, officer) -> None:
    item = make_item(meeting, "Contract award for the youth service")
    assert "Contract award for the youth service" in client.get(page(meeting)).content.decode()

    actions.item_update(item, by=officer, changes={"exempt": True, "exempt_category": "3"})

    for url in (page(meeting), reverse("home"), reverse("meetings:list")):
        assert "Contract award for the youth service" not in client.get(url).content.decode(), url


def test_a_pdf_rendered_by_the_worker_changes_the_version(client, meeting) -> None:
    """Workers write no audit event: saving the render's row moves the version."""
    before = content_version()
    document = RenderedDocument.objects.create(
        meeting=meeting, kind=DocumentKind.AGENDA_PACK, content_hash="a" * 64, requested_at=timezone.now()
    )
    requested = content_version()
    assert requested != before
    document.status, document.rendered_at = RenderStatus.READY, timezone.now() + dt.timedelta(seconds=1)
    document.save(update_fields=["status", "rendered_at"])
    assert content_version() != requested


def test_a_write_around_the_models_is_seen_within_a_second(meeting, monkeypatch) -> None:
    """An update() sends no signal: the newest times are read again a second later."""
    document = RenderedDocument.objects.create(
        meeting=meeting, kind=DocumentKind.AGENDA_PACK, content_hash="a" * 64, requested_at=timezone.now()
    )
    requested = content_version()
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=RenderStatus.READY, rendered_at=timezone.now() + dt.timedelta(seconds=1)
    )
    assert content_version() == requested, "read again only after RECHECK_SECONDS"
    later = time.monotonic() + pagecache.RECHECK_SECONDS
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: later)
    assert content_version() != requested


def test_a_hit_reads_nothing_from_the_database(client, meeting, django_assert_num_queries, monkeypatch) -> None:
    monkeypatch.setattr(pagecache, "RECHECK_SECONDS", 60)  # however slow the first render
    client.get(page(meeting))
    with django_assert_num_queries(0):
        assert client.get(page(meeting)).status_code == 200


def test_a_search_entry_written_by_the_worker_changes_the_version(meeting) -> None:
    from search import actions as search_actions

    before = content_version()
    search_actions.item_index(meeting.items.get().pk)
    assert SearchEntry.objects.filter(meeting=meeting).exists()
    assert content_version() != before


def test_the_day_turning_is_a_new_page(client, meeting, monkeypatch, rendered_again) -> None:
    """What is upcoming moves to past with the day: yesterday's page is not served today."""
    client.get(page(meeting))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(pagecache.timezone, "localdate", lambda: tomorrow)
    with rendered_again():
        client.get(page(meeting))


def test_a_signed_in_officer_is_never_served_the_shared_page(anonymous, officer_client, meeting) -> None:
    exempt = make_item(meeting, "Exempt: property disposal", exempt=True)
    make_paper(exempt, "Valuation of the depot site")
    shared = anonymous.get(page(meeting)).content.decode()
    assert "Valuation of the depot site" not in shared

    officer_page = officer_client.get(page(meeting)).content.decode()
    assert "Sign out" in officer_page  # rendered for the officer, not the anonymous copy
    assert "Valuation of the depot site" in officer_page

    # And the officer's page is not what the next anonymous visitor gets.
    assert anonymous.get(page(meeting)).content.decode() == shared


def test_a_page_rendered_for_a_signed_in_user_is_not_stored(anonymous, officer_client, meeting) -> None:
    officer_client.get(page(meeting))
    assert "Sign out" not in anonymous.get(page(meeting)).content.decode()


def test_a_visitor_with_messages_waiting_gets_a_page_of_their_own(client, meeting, rendered_again) -> None:
    client.get(page(meeting))
    client.cookies[CookieStorage.cookie_name] = "something"
    with rendered_again():
        assert client.get(page(meeting)).status_code == 200


@pytest.mark.parametrize(
    ("path", "shared"),
    [
        ("/", True),
        ("/meetings/", True),
        ("/decisions/feed.rss", True),
        ("/search/", True),
        ("/manage/", False),
        ("/sign-in/", False),
        ("/api/v1/events/", False),  # its data is kept, its response made per request
        ("/alerts/", False),
        ("/no-such-page/", False),
    ],
)
def test_only_the_public_routes_are_shared(rf, path, shared) -> None:
    assert pagecache._shared_route(rf.get(path)) is shared


def test_the_api_keeps_its_data_and_still_throttles(client, meeting, settings, django_assert_max_num_queries) -> None:
    settings.API_ANON_RATE = "3/min"
    first = client.get(reverse("api:event_list"))
    assert first.status_code == 200
    with django_assert_max_num_queries(1):
        again = client.get(reverse("api:event_list"))
    assert again.json() == first.json()
    assert again["ETag"] == first["ETag"]
    client.get(reverse("api:event_list"))
    assert client.get(reverse("api:event_list")).status_code == 429


def test_the_api_keeps_its_answer_compressed_for_gzip_clients(client, meeting) -> None:
    plain = client.get(reverse("api:event_list"))
    first = client.get(reverse("api:event_list"), HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip" and "Accept-Encoding" in first["Vary"]
    assert json.loads(gzip.decompress(first.content)) == plain.json()
    again = client.get(reverse("api:event_list"), HTTP_ACCEPT_ENCODING="gzip")
    assert again.content == first.content, "compressed once, when it was kept"
    assert again["ETag"] == plain["ETag"]
    assert client.get(reverse("api:event_list"), HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304


def test_the_api_shows_a_change_at_once(client, meeting, officer) -> None:
    before = client.get(reverse("api:event_list")).json()
    actions.item_add(meeting, title="Youth justice plan", purpose="decision", by=officer)
    after = client.get(reverse("api:event_list")).json()
    assert "Youth justice plan" not in str(before)
    assert "Youth justice plan" in str(after)


def test_the_query_string_is_part_of_the_key(client, meeting) -> None:
    budget = client.get(reverse("search:search"), {"q": "budget"}).content.decode()
    safety = client.get(reverse("search:search"), {"q": "safety"}).content.decode()
    assert 'value="budget"' in budget
    assert 'value="safety"' in safety


def test_nothing_is_kept_when_the_cache_is_off(client, meeting, settings, rendered_again) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    client.get(page(meeting))
    with rendered_again():
        client.get(page(meeting))


def test_no_public_entry_point_leaks_through_the_cache(client, public_site, settings) -> None:  # noqa: F811
    """The publicity crawl of tests/test_publicity.py, twice with the cache on: the second
    pass is served from the cache, and neither shows anything that is not public."""
    settings.API_ANON_RATE = "100000/min"
    leaked: dict[str, list[str]] = {}
    served_from_cache = 0
    for _ in range(2):
        for addresses in public_urls().values():
            for address in addresses:
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(address)
                assert response.status_code < 500, address
                served_from_cache += len(queries) <= 1 and response.status_code == 200
                if found := marker_leaks(response, body_of(response)):
                    leaked[address] = found
    assert not leaked, f"Not public, but shown: {leaked}"
    assert served_from_cache > 20, "the second pass should be served from the cache"


def test_a_download_checks_its_document_once_until_the_content_changes(
    client, board, officer, django_assert_max_num_queries
) -> None:
    """Whether the rendered pack still matches the public content is kept until the
    content changes: an item made exempt takes the pack away at once."""
    from meetings import pdf

    meeting = make_meeting(board, timezone.now() + dt.timedelta(days=30))
    item = make_item(meeting, "Contract award for the youth service")
    pdf.render_meeting_documents(meeting.pk)
    url = reverse("meetings:agenda_pack", args=[meeting.pk])
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(1):  # at most the content version's safeguard: what to serve is kept
        again = client.get(url)
    assert again.status_code == 200
    assert b"".join(again.streaming_content).startswith(b"%PDF")

    actions.item_update(item, by=officer, changes={"exempt": True, "exempt_category": "3"})

    assert client.get(url).status_code == 404  # being prepared again, never the old file
    pdf.render_meeting_documents(meeting.pk)
    fresh = client.get(url)
    assert fresh.status_code == 200 and fresh["ETag"] != again["ETag"]


def test_a_change_that_commits_after_a_later_one_is_shown_at_once(
    client, partnership, django_capture_on_commit_callbacks
) -> None:
    """Ids are handed out in one order and commits land in another: an action whose audit
    event has a lower id than one already committed adds no new newest id. Its commit
    renews the content epoch (content_changed, called by audit_record), which is part of
    the version, so the page is rendered again at once."""
    from partnerships.models import Partnership

    assert "Renamed in a slow transaction" not in client.get(reverse("register")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        # What the late action's commit changes, as the version sees it: rows, no new newest id.
        Partnership.objects.filter(pk=partnership.pk).update(name="Renamed in a slow transaction")
        pagecache.content_changed()
    assert "Renamed in a slow transaction" in client.get(reverse("register")).content.decode()


def test_every_action_renews_the_epoch_when_it_commits(
    officer, partnership, django_capture_on_commit_callbacks
) -> None:
    from partnerships.actions import audit_record

    before = pagecache._epoch()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        audit_record(officer, "partnership_update", partnership, "Renamed")
    assert callbacks, "audit_record queues the renewal for the commit"
    assert pagecache._epoch() != before


def test_an_account_changed_renews_the_epoch_but_signing_in_does_not(
    officer, django_capture_on_commit_callbacks
) -> None:
    from django.contrib.auth.models import update_last_login

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        update_last_login(None, officer)  # what signing in saves
    assert pagecache._new_epoch not in callbacks, "signing in changes no page"
    before = pagecache._epoch()
    officer.first_name = "Olive"
    with django_capture_on_commit_callbacks(execute=True):
        officer.save()  # as the back office saves it
    assert pagecache._epoch() != before


def test_an_epoch_lost_from_the_cache_is_never_an_earlier_one(settings) -> None:
    from django.core.cache import cache

    first = pagecache._epoch()
    cache.delete(pagecache.EPOCH_KEY)  # evicted, or Redis flushed
    assert pagecache._epoch() not in (first, "unknown")


def test_a_page_being_rendered_elsewhere_is_waited_for_and_its_lock_left_alone(client, meeting, rf) -> None:
    import threading

    from django.core.cache import cache
    from django.http import HttpResponse

    key = pagecache._key(rf.get(page(meeting)), content_version())
    assert cache.add(pagecache._lock(key), True, 30)  # another process is rendering it
    done = threading.Timer(0.3, lambda: cache.set(key, HttpResponse(b"rendered by the other process"), 60))
    done.start()

    response = client.get(page(meeting))

    done.join()
    assert response.content == b"rendered by the other process"
    assert cache.get(pagecache._lock(key)) is not None, "the lock is its holder's to remove"


# ---------------------------------------------------------------------------
# Faults and floods (hostile review of the caches)


def test_past_the_bytes_per_minute_pages_are_rendered_not_stored(client, meeting, settings, rendered_again) -> None:
    settings.PAGE_CACHE_BYTES_PER_MINUTE = 1  # as after a flood of made-up addresses
    client.get(page(meeting))
    with rendered_again():
        assert client.get(page(meeting)).status_code == 200


def test_a_kept_page_is_served_while_the_database_is_not_answering(client, meeting, monkeypatch) -> None:
    first = client.get(page(meeting))

    def refused(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(pagecache._newest, "read_at", -1e9)  # due to be read again
    monkeypatch.setattr(pagecache.connection, "cursor", refused)
    again = client.get(page(meeting))
    assert again.status_code == 200 and again.content == first.content


def test_an_epoch_renewal_the_cache_missed_is_made_on_the_next_request(monkeypatch) -> None:
    before = pagecache._epoch()
    with monkeypatch.context() as blip:
        blip.setattr(pagecache.cache, "set", lambda *args, **kwargs: None)  # Redis did not take it
        pagecache._new_epoch()
    assert pagecache._renewal_pending
    assert pagecache._epoch() != before
    assert not pagecache._renewal_pending


def test_the_content_changed_command_renews_the_epoch(django_capture_on_commit_callbacks) -> None:
    before = pagecache._epoch()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("content_changed", stdout=io.StringIO())
    assert pagecache._epoch() != before


def test_models_outside_the_content_keep_their_fast_deletes() -> None:
    from django.contrib.sessions.models import Session
    from django.db.models.deletion import Collector

    assert Collector(using="default").can_fast_delete(Session.objects.all())


def test_the_code_is_part_of_the_version(monkeypatch) -> None:
    before = content_version()
    monkeypatch.setattr(pagecache, "code_version", lambda: "another release")
    assert content_version() != before
