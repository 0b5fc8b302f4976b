"""Conditional GET (RFC 9110 §13): a feed reader or crawler that already has the
current version gets 304 Not Modified, not the whole body again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_item, make_meeting, make_paper


@pytest.fixture
def published(settings, tmp_path, board):
    settings.MEDIA_ROOT = tmp_path
    from django.utils import timezone

    meeting = make_meeting(board, timezone.now())
    return make_paper(make_item(meeting, "Finance"), "Budget monitoring", published=True)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["meetings:documents_rss", "meetings:documents_atom", "home"])
def test_a_client_with_the_current_version_gets_304(client, published, name) -> None:
    first = client.get(reverse(name))
    assert first.status_code == 200
    validators = {}
    if first.has_header("ETag"):
        validators["HTTP_IF_NONE_MATCH"] = first["ETag"]
    if first.has_header("Last-Modified"):
        validators["HTTP_IF_MODIFIED_SINCE"] = first["Last-Modified"]
    assert validators, f"{name} sends neither an ETag nor Last-Modified"
    again = client.get(reverse(name), **validators)
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.django_db
def test_a_paper_download_answers_304_to_its_own_etag(client, published) -> None:
    version = published.versions.get()
    url = reverse("meetings:paper_download", args=[published.item.meeting_id, published.pk, version.number])
    first = client.get(url)
    assert first.status_code == 200 and first.has_header("ETag")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
