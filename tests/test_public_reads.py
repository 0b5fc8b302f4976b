"""A GET never writes (issue 7): an anonymous visitor reading every public page,
feed, calendar, download and status changes no row, and the meeting page reads its
documents without claiming, creating or queuing anything."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings import pdf
from meetings.models import Meeting, RenderedDocument, RenderStatus
from tests.test_publicity import PUBLIC, public_site, public_urls, rich_site  # noqa: F401

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def rendered_state() -> set[tuple]:
    return set(RenderedDocument.objects.values_list("pk", "kind", "content_hash", "status", "file", "requested_at"))


@pytest.fixture
def stale_site(public_site) -> dict[str, object]:  # noqa: F811
    """Documents in every state a GET could be tempted to fix: one ready, one made stale
    by a change around the actions, one lost (pending for hours), one never created."""
    upcoming, drafted, minuted = (public_site[key] for key in ("upcoming", "drafted", "minuted"))
    assert isinstance(minuted, Meeting) and isinstance(drafted, Meeting) and isinstance(upcoming, Meeting)
    minuted.items.filter(exempt=False).update(title="Housing strategy (renamed around the actions)")
    RenderedDocument.objects.filter(meeting=drafted).update(
        status=RenderStatus.PENDING, requested_at=timezone.now() - dt.timedelta(hours=5)
    )
    RenderedDocument.objects.filter(meeting=upcoming).delete()
    return public_site


@pytest.mark.django_db
def test_an_anonymous_get_of_every_public_page_writes_nothing(client, stale_site, django_capture_on_commit_callbacks):
    urls = public_urls()
    assert set(urls) == PUBLIC
    before, documents_before = row_counts(), rendered_state()
    requested = 0
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as queued:
        for addresses in urls.values():
            for address in addresses:
                response = client.get(address)
                assert response.status_code < 500, address
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)
                requested += 1
    writes = [q["sql"] for q in queries.captured_queries if WRITE.match(q["sql"])]
    # Not even the session or axes tables: an anonymous GET writes none of them.
    assert not writes, writes
    assert not queued, "a GET queued a side effect"
    assert row_counts() == before
    assert rendered_state() == documents_before
    assert requested > 60


@pytest.mark.django_db
def test_the_meeting_page_only_reads_its_documents(client, stale_site, django_assert_max_num_queries):
    minuted = stale_site["minuted"]
    assert isinstance(minuted, Meeting)
    documents = pdf.public_documents(minuted)
    assert set(documents) == {"agenda_pack", "minutes"}
    assert documents["agenda_pack"] is None, "an out-of-date pack is never offered"
    # Pinned: the page, its documents and the public content they are checked against
    # (43 queries and 6 writes on a first view before issue 7, rendering inline; the
    # content is read from the rows the page shows, issue 11 item 13).
    with django_assert_max_num_queries(8):
        response = client.get(minuted.get_absolute_url())
    assert response.status_code == 200
    assert b"The agenda pack is being prepared" in response.content
    assert b"agenda-pack.pdf" not in response.content


@pytest.mark.django_db
def test_the_sweep_renders_what_the_pages_only_reported(client, stale_site):
    upcoming, drafted, minuted = (stale_site[key] for key in ("upcoming", "drafted", "minuted"))
    now = timezone.now()
    # The stale pack, the lost render and the missing documents; the failed pack of the
    # upcoming meeting (its papers fail their checksum) fails again.
    assert pdf.renders_sweep(now=now, eager=True) == 3
    for meeting in (drafted, minuted):
        assert isinstance(meeting, Meeting)
        assert all(document is not None for document in pdf.public_documents(meeting).values())
    assert pdf.renders_sweep(now=now) == 0
    assert pdf.public_documents(upcoming)["agenda_pack"].status == RenderStatus.FAILED  # type: ignore[union-attr]
