"""The anonymous crawler, extended to search (SPEC §6, §8 "nothing leaked"): over the
crawler's rich site (tests/meetings/test_anonymous_crawler.py), with everything indexed
and the text of every file readable, a search for any MARKER word (or any part of one)
finds nothing, on any filter; and a crawl that starts from those searches and follows
every link reaches no marker either."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from meetings.models import PaperVersion
from search.actions import index_rebuild
from search.extract import DOCX
from search.models import EntryKind, Extraction, SearchEntry
from search.queries import public_matches
from tests.meetings.test_anonymous_crawler import (  # noqa: F401  (rich_site is a fixture)
    MARKERS,
    PUBLIC_MINUTE_TEXT,
    PUBLIC_PAPER_TEXT,
    crawl,
    rich_site,  # noqa: F401
)

from .conftest import docx_of

URL = reverse("search:search")


def readable_files() -> None:
    """The crawler's site stores stand-in PDFs; give each version a real DOCX with the
    same words, so its marker really is in the index's text."""
    for version in PaperVersion.objects.all():
        with default_storage.open(version.file.name, "rb") as handle:
            words = handle.read().decode().removeprefix("%PDF-1.4\n").strip()
        default_storage.delete(version.file.name)
        name = default_storage.save(version.file.name.replace(".pdf", ".docx"), ContentFile(docx_of(words)))
        PaperVersion.objects.filter(pk=version.pk).update(file=name, content_type=DOCX, size=default_storage.size(name))


def queries() -> list[str]:
    """Each marker, in quotes too, and its unique part (the others, such as "minutes",
    are words the public content rightly holds)."""
    found = []
    for marker in MARKERS:
        found += [marker, f'"{marker}"', marker.rsplit("-", 1)[-1]]
    return [*found, "marker"]


def shown(html: str) -> str:
    """The page without where it repeats what was typed: the title, the search box,
    the results heading, and links that carry the query (filters, pages)."""
    html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
    html = re.sub(r'value="[^"]*"', "", html)
    html = re.sub(r"&ldquo;.*?&rdquo;", "", html)
    return re.sub(r'href="[^"]*[?&]q=[^"]*"', "", html)


def leaked(html: str) -> list[str]:
    text = shown(html).lower()
    return [marker for marker in MARKERS if marker.lower() in text]


@pytest.mark.django_db
def test_no_search_finds_a_marker(client, rich_site, board):  # noqa: F811
    readable_files()
    summary = index_rebuild()
    assert summary.failed == 0 and summary.read == PaperVersion.objects.count()
    # Each marker really is in the index: only publicity keeps it from the results.
    for marker in MARKERS:
        assert (
            SearchEntry.objects.filter(body__icontains=marker).exists()
            or SearchEntry.objects.filter(title__icontains=marker).exists()
        ), marker

    for query in queries():
        assert not public_matches(query).exists(), query
        for params in (
            {},
            {"kind": "paper"},
            {"kind": "item"},
            {"kind": "minutes"},
            {"kind": "decision"},
            {"board": str(board.pk)},
            {"sort": "newest"},
        ):
            response = client.get(URL, {"q": query, **params})
            assert response.status_code == 200
            html = response.content.decode()
            assert "No results for" in html or "0 results" in html, (query, params)
            assert not leaked(html), (query, params)

    # The public content is found (the test would pass vacuously otherwise).
    assert public_matches(PUBLIC_PAPER_TEXT).filter(kind=EntryKind.PAPER).count() == 3
    assert public_matches(PUBLIC_MINUTE_TEXT).filter(kind=EntryKind.MINUTES).count() == 1
    assert not SearchEntry.objects.exclude(extraction=Extraction.DONE).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", ["anonymous", "signed-in scrutiny councillor"])
def test_a_crawl_from_the_searches_reaches_no_marker(client, rich_site, scrutiny, visitor):  # noqa: F811
    readable_files()
    index_rebuild()
    if visitor != "anonymous":
        client.force_login(scrutiny)
    seeds = [f"{URL}?{urlencode({'q': query})}" for query in queries()]
    seeds += [f"{URL}?{urlencode({'q': q})}" for q in (PUBLIC_PAPER_TEXT, PUBLIC_MINUTE_TEXT, "plan", "annual plan")]

    visited = crawl(client, seeds)

    problems = {}
    for url, (status, body, found) in visited.items():
        if status >= 500:
            problems[url] = f"status {status}"
        elif urlsplit(url).path == URL:
            if leaked(body.decode("utf-8", errors="replace")):
                problems[url] = "marker in the results"
        elif found:
            problems[url] = found
    assert not problems, problems

    # The crawl went through the public results to the papers themselves.
    downloads = [url for url, (status, _, _) in visited.items() if "/papers/" in url and status == 200]
    assert len(downloads) >= 3
    searched = [url for url in visited if urlsplit(url).path == URL]
    assert any(parse_qs(urlsplit(url).query).get("q") == [PUBLIC_PAPER_TEXT] for url in searched)
