"""The two engines behind the search page.

PostgreSQL (tests marked with the ``postgresql_only`` fixture: skipped on SQLite
locally, run in CI): a stored, weighted tsvector with a GIN index, English stemming,
websearch_to_tsquery's phrases, OR and exclusions, ranking with the title above the
body, ts_headline snippets.

The fallback (search/queries.py ``fallback_matches``): called directly, so it is tested
on whichever database the suite runs on, PostgreSQL included.
"""

from __future__ import annotations

import datetime as dt
import random
import string

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from meetings.models import MeetingStatus
from search import actions
from search.models import EntryKind, SearchEntry
from search.queries import SearchFilters, fallback_matches, public_entries, public_matches, search_page
from tests.factories import make_item, make_meeting


@pytest.fixture
def meeting(db, board):
    return make_meeting(board, timezone.now() - dt.timedelta(days=3), status=MeetingStatus.HELD)


def item(meeting, title: str, description: str = ""):
    agenda_item = make_item(meeting, title, description=description)
    actions.item_index(agenda_item.pk)
    return agenda_item


def titles(entries) -> set[str]:
    return set(entries.values_list("title", flat=True))


# ---------------------------------------------------------------------------
# The fallback, on any database


@pytest.fixture
def texts(meeting):
    item(meeting, "Pooled budget", "The pooled budget for carers in Oxford.")
    item(meeting, "Budget pooled", "A budget that is pooled.")
    item(meeting, "Young carers", "Support for young carers.")
    item(meeting, "Housing", "Affordable homes.")
    return public_entries()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("carers", {"Pooled budget", "Young carers"}),
        ("CARERS", {"Pooled budget", "Young carers"}),
        ("carers budget", {"Pooled budget"}),
        ('"pooled budget"', {"Pooled budget"}),
        ('"budget that is pooled"', {"Budget pooled"}),
        ("carers -young", {"Pooled budget"}),
        ("housing OR young", {"Housing", "Young carers"}),
        ('"affordable homes" OR "pooled budget" -oxford', {"Housing"}),
        ("unicorns", set()),
        ("-carers", set()),
    ],
)
def test_the_fallback_reads_words_phrases_or_and_exclusions(texts, query, expected):
    assert titles(fallback_matches(texts, query)) == expected


def test_the_fallback_finds_words_inside_a_papers_text(meeting, media):
    from tests.factories import make_paper

    from .conftest import docx_of, upload

    paper = make_paper(make_item(meeting, "Report"), "Annual report", versions=0)
    version = upload(paper, docx_of("Within the text: cyclepaths."), "docx")
    actions.version_extract(version.pk)
    assert titles(fallback_matches(public_entries(), "cyclepaths")) == {"Annual report"}


# ---------------------------------------------------------------------------
# PostgreSQL full-text search


def test_the_vectors_have_a_gin_index(db, postgresql_only):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'search_searchentry' AND indexdef ILIKE '%gin%'"
        )
        (definition,) = cursor.fetchone()
    assert "search_vector" in definition


def test_every_entry_has_a_vector_with_the_title_weighted_above_the_body(texts, postgresql_only):
    assert not SearchEntry.objects.filter(search_vector__isnull=True).exists()
    entry = SearchEntry.objects.get(title="Housing")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM search_searchentry WHERE id = %s", [entry.pk])
        (vector,) = cursor.fetchone()
    assert "'hous':1A" in vector and "'afford':2B" in vector


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("carer", {"Pooled budget", "Young carers"}),  # English stemming
        ("pooling budgets", {"Pooled budget", "Budget pooled"}),
        ('"pooled budget"', {"Pooled budget"}),  # a phrase keeps its order
        ("carers -young", {"Pooled budget"}),
        ("housing OR young", {"Housing", "Young carers"}),
        ("the", set()),  # only a stop word
    ],
)
def test_postgresql_reads_web_search_syntax_with_english_stemming(texts, query, expected, postgresql_only):
    assert titles(public_matches(query)) == expected


def _results(query: str, filters: SearchFilters | None = None):
    request = RequestFactory().get("/search/", {"q": query})
    return search_page(request, query, filters or SearchFilters())


def test_a_match_in_the_title_ranks_above_one_in_the_body(meeting, postgresql_only):
    item(meeting, "Respite services", "Short breaks.")
    item(meeting, "Short breaks", "Respite for carers, and respite again.")
    page = _results("respite")
    assert [r.entry.title for r in page.results] == ["Respite services", "Short breaks"]


def test_the_snippet_marks_the_stemmed_matches_of_the_body(meeting, postgresql_only):
    item(meeting, "Report", "Intro. " * 50 + "The carers' strategy supports carer breaks. " + "Outro. " * 50)
    (result,) = _results("carer").results
    assert "<mark>carers</mark>" in result.snippet and "<mark>carer</mark>" in result.snippet
    assert len(result.snippet) < 600


def test_a_text_too_large_for_a_tsvector_is_indexed_from_its_start(meeting, settings, postgresql_only):
    settings.SEARCH_BODY_MAX_CHARS = 3_000_000
    rng = random.Random(5)
    words = ["".join(rng.choices(string.ascii_lowercase, k=12)) for _ in range(200_000)]
    agenda_item = make_item(meeting, "Huge", description="zebracrossing " + " ".join(words))
    actions.item_index(agenda_item.pk)  # PostgreSQL refuses a tsvector over 1 MB
    entry = SearchEntry.objects.get(item=agenda_item, kind=EntryKind.ITEM)
    assert entry.search_vector is not None
    assert titles(public_matches("zebracrossing")) == {"Huge"}
