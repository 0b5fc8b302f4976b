"""Only text is compressed (governance/middleware.py TextGZipMiddleware): pages, feeds,
calendars and JSON for clients that accept gzip; PDFs and office documents as they are."""

from __future__ import annotations

import gzip

import pytest
from django.http import FileResponse, HttpResponse

from governance.http import accepts_gzip
from governance.middleware import TextGZipMiddleware

BODY = b"<p>The board agreed the budget.</p>" * 40


@pytest.mark.parametrize(
    "content_type",
    ["text/html; charset=utf-8", "text/calendar", "text/csv", "application/json", "application/rss+xml"],
)
def test_text_is_compressed_for_clients_that_accept_gzip(rf, content_type) -> None:
    middleware = TextGZipMiddleware(lambda request: HttpResponse(BODY, content_type=content_type))
    response = middleware(rf.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br"))
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == BODY
    assert "Accept-Encoding" in response["Vary"]


def test_nothing_is_compressed_for_a_client_that_does_not_ask(rf) -> None:
    middleware = TextGZipMiddleware(lambda request: HttpResponse(BODY))
    assert not middleware(rf.get("/")).has_header("Content-Encoding")


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("gzip, deflate, br, zstd", True),
        ("gzip;q=0.5", True),
        ("deflate, gzip ; Q=1", True),
        ("x-gzip", True),
        ("gzip;q=0", False),
        ("gzip; q=0.000, deflate", False),
        ("gzip;q=0, *", False),  # named and refused: the * does not bring it back
        ("gzip;q=nonsense", False),
        ("*", False),  # as Django's own middleware: only a client naming gzip is sent it
        ("foo-gzip, gzip-foo", False),
        ("identity", False),
        ("", False),
    ],
)
def test_gzip_is_sent_only_where_the_accept_encoding_header_takes_it(rf, header, accepted) -> None:
    assert accepts_gzip(rf.get("/", HTTP_ACCEPT_ENCODING=header)) is accepted
    middleware = TextGZipMiddleware(lambda request: HttpResponse(BODY))
    response = middleware(rf.get("/", HTTP_ACCEPT_ENCODING=header))
    assert response.has_header("Content-Encoding") is accepted
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.django_db
def test_a_kept_page_and_an_api_answer_are_not_sent_compressed_to_a_client_refusing_gzip(client, settings) -> None:
    settings.PAGE_CACHE_SECONDS = 60
    for url in ("/", "/api/v1/events/"):
        for _ in range(2):  # rendered, then from the cache
            assert client.get(url, HTTP_ACCEPT_ENCODING="gzip").headers.get("Content-Encoding") == "gzip"
            refused = client.get(url, HTTP_ACCEPT_ENCODING="gzip;q=0, identity")
            assert refused.status_code == 200 and not refused.has_header("Content-Encoding"), url


@pytest.mark.parametrize(
    "content_type",
    ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "image/png"],
)
def test_a_file_compressed_already_is_sent_as_it_is(rf, tmp_path, content_type) -> None:
    stored = tmp_path / "paper"
    stored.write_bytes(BODY)
    with stored.open("rb") as handle:
        middleware = TextGZipMiddleware(lambda request: FileResponse(handle, content_type=content_type))
        response = middleware(rf.get("/", HTTP_ACCEPT_ENCODING="gzip"))
        assert not response.has_header("Content-Encoding")
        assert b"".join(response.streaming_content) == BODY
