"""Only text is compressed (governance/middleware.py TextGZipMiddleware): pages, feeds,
calendars and JSON for clients that accept gzip; PDFs and office documents as they are."""

from __future__ import annotations

import gzip

import pytest
from django.http import FileResponse, HttpResponse

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
