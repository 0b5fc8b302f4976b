"""Reading the search index (SPEC §6): which entries the public may see, which match
a query, and the page of results.

Publicity is decided here, when the index is read, by joining each entry to its source
with the one definition (meetings/models.py): a paper's text with ``public_version_q``,
an agenda item with ``public_item_q``, a minute with ``public_minutes_q`` and
``public_item_q``, a decision as ``ProposalQuerySet.public`` does (``public_item_q`` of
its item). The index stores no "public" flag of its own.

On PostgreSQL a query is read by ``websearch_to_tsquery`` (English): words, "quoted
phrases", ``OR`` and ``-exclusions``; results are ranked with ``ts_rank`` (the title
weighs more than the body) and their snippets come from ``ts_headline``. On SQLite the
fallback reads the query the same way (search/syntax.py) and matches each word or
phrase anywhere in the title or body.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString

from governance.pagination import Pagination, paginate
from meetings.models import public_item_q, public_minutes_q, public_version_q
from partnerships.models import Board, Partnership

from . import highlight
from .models import EntryKind, SearchEntry
from .syntax import MAX_QUERY_CHARS, ParsedQuery, Term, parse

PAGE_SIZE = 20
CONFIG = "english"
# The most results a search lists: a common word matches tens of thousands of entries,
# and no visitor reads past the first pages; when more match, the newest this many are
# ranked and shown, and the page asks for more words or a filter
# (scripts/benchmark_search.py measures why).
RESULTS_LIMIT = 500


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    CHOICES = ((RELEVANCE, "Best match"), (NEWEST, "Newest first"))


def public_entries_q() -> Q:
    """The entries the public may see: each kind joined to its source's publicity."""
    return (
        (Q(kind=EntryKind.PAPER) & public_version_q("paper_version__"))
        | (Q(kind=EntryKind.ITEM) & public_item_q("item__"))
        | (Q(kind=EntryKind.MINUTES) & public_minutes_q("item__meeting__") & public_item_q("item__"))
        | (Q(kind=EntryKind.DECISION) & public_item_q("proposal__item__"))
    )


def public_entries() -> QuerySet[SearchEntry]:
    return SearchEntry.objects.filter(public_entries_q())


def _is_postgresql(entries: QuerySet[Any]) -> bool:
    return connections[entries.db].vendor == "postgresql"


def tsquery(query: str) -> SearchQuery:
    """The query as PostgreSQL's websearch_to_tsquery reads it (English)."""
    return SearchQuery(query[:MAX_QUERY_CHARS], search_type="websearch", config=CONFIG)


def _term_q(term: Term) -> Q:
    return Q(title__icontains=term.text) | Q(body__icontains=term.text)


def fallback_q(parsed: ParsedQuery) -> Q:
    """The SQLite fallback: any alternative whose included words and phrases all
    appear (case-insensitively) in the title or body and whose excluded ones do not."""
    matches = Q(pk__in=[])
    for alternative in parsed.alternatives:
        condition = Q()
        for term in alternative.included:
            condition &= _term_q(term)
        for term in alternative.excluded:
            condition &= ~_term_q(term)
        matches |= condition
    return matches


def fallback_matches(entries: QuerySet[SearchEntry], query: str) -> QuerySet[SearchEntry]:
    """The fallback on any database (SQLite uses it; tests call it on both)."""
    parsed = parse(query)
    if parsed.is_empty:
        return entries.none()
    return entries.filter(fallback_q(parsed))


def matching(entries: QuerySet[SearchEntry], query: str) -> QuerySet[SearchEntry]:
    """The entries among ``entries`` that match ``query``: full-text search on
    PostgreSQL, the fallback elsewhere. Nothing for a query with no word to look for
    (empty, punctuation only, or exclusions only)."""
    if parse(query).is_empty:
        return entries.none()
    if _is_postgresql(entries):
        return entries.filter(search_vector=tsquery(query))
    return fallback_matches(entries, query)


def public_matches(query: str) -> QuerySet[SearchEntry]:
    """The entries the public may see that match ``query`` (the same engine and the
    same publicity as the search page). Filter it on ``paper_version_id``, ``item_id``
    or ``proposal_id`` to ask whether a publication matches a search term."""
    return matching(public_entries(), query)


# ---------------------------------------------------------------------------
# The results page


@dataclass(frozen=True)
class SearchFilters:
    partnership: Partnership | None = None
    board: Board | None = None
    kind: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = Sort.RELEVANCE

    @property
    def narrowing(self) -> bool:
        """Whether any filter narrows the results (the sort does not)."""
        return any((self.partnership, self.board, self.kind, self.date_from, self.date_to))

    def apply(self, entries: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
        if self.partnership is not None:
            entries = entries.filter(partnership=self.partnership)
        if self.board is not None:
            entries = entries.filter(board=self.board)
        if self.kind:
            entries = entries.filter(kind=self.kind)
        if self.date_from is not None:
            entries = entries.filter(on__gte=self.date_from)
        if self.date_to is not None:
            entries = entries.filter(on__lte=self.date_to)
        return entries


@dataclass(frozen=True)
class Result:
    entry: SearchEntry
    url: str
    snippet: SafeString

    @property
    def meeting_title(self) -> str:
        return self.entry.meeting.title or self.entry.board.name


@dataclass
class ResultsPage:
    query: str
    count: int
    results: list[Result] = field(default_factory=list)
    page: Any = None
    pagination: Pagination | None = None
    capped: bool = False  # more than RESULTS_LIMIT matched: these are the newest of them


def result_url(entry: SearchEntry) -> str:
    """Where a result leads: the paper's file, the item or its minute on the meeting
    page, the decision's page."""
    if entry.kind == EntryKind.PAPER and entry.paper_version is not None:
        version = entry.paper_version
        return reverse("meetings:paper_download", args=[entry.meeting_id, version.paper_id, version.number])
    if entry.kind == EntryKind.DECISION and entry.proposal_id is not None:
        return reverse("decisions:decision", args=[entry.proposal_id])
    anchor = "minute" if entry.kind == EntryKind.MINUTES else "item"
    return reverse("meetings:meeting", args=[entry.meeting_id]) + f"#{anchor}-{entry.item_id}"


def _ordered(entries: QuerySet[SearchEntry], query: str, sort: str) -> QuerySet[SearchEntry]:
    if sort == Sort.NEWEST:
        return entries.order_by("-on", "-pk")
    if _is_postgresql(entries):
        return entries.annotate(rank=SearchRank(F("search_vector"), tsquery(query))).order_by("-rank", "-on", "-pk")
    # The fallback's relevance: the title holds the first word typed, then the newest.
    words = parse(query).words
    in_title = (
        Case(When(title__icontains=words[0], then=Value(0)), default=Value(1), output_field=IntegerField())
        if words
        else Value(1)
    )
    return entries.annotate(rank=in_title).order_by("rank", "-on", "-pk")


def _snippets(entries: list[SearchEntry], query: str, postgresql: bool) -> dict[int, SafeString]:
    """The highlighted snippet of each entry shown (only those: ts_headline is costly)."""
    if not entries:
        return {}
    if postgresql:
        headlines = (
            SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries])
            .annotate(
                headline=SearchHeadline(
                    "body",
                    tsquery(query),
                    config=CONFIG,
                    start_sel=highlight.START,
                    stop_sel=highlight.STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=highlight.FRAGMENT_DELIMITER,
                )
            )
            .values_list("pk", "headline")
        )
        return {pk: highlight.from_headline(text or "") for pk, text in headlines}
    words = parse(query).words
    return {entry.pk: highlight.from_text(entry.body, words) for entry in entries}


def search_page(request: HttpRequest, query: str, filters: SearchFilters) -> ResultsPage:
    """The page of results the request asks for (``page``), with the total count.

    When more than RESULTS_LIMIT entries match, the results are the newest
    RESULTS_LIMIT of them (ranked among themselves) and the page says so: counting and
    ranking every match of a common word would read most of the index."""
    entries = filters.apply(public_matches(query))
    postgresql = _is_postgresql(entries)
    # One query finds the matches the public may see (the joins to every source's
    # publicity, once); counting, ranking and the page then read only those rows.
    newest = list(entries.order_by("-on", "-pk").values_list("pk", flat=True)[: RESULTS_LIMIT + 1])
    capped = len(newest) > RESULTS_LIMIT
    entries = SearchEntry.objects.filter(pk__in=newest[:RESULTS_LIMIT])
    ordered = _ordered(entries, query, filters.sort).select_related("meeting", "board", "partnership", "paper_version")
    if postgresql:
        ordered = ordered.defer("body", "search_vector")
    page, pagination = paginate(request, ordered, per_page=PAGE_SIZE, anchor="search-results")
    shown: list[SearchEntry] = list(page.object_list)
    snippets = _snippets(shown, query, postgresql)
    results = [Result(entry, result_url(entry), snippets.get(entry.pk, SafeString(""))) for entry in shown]
    return ResultsPage(
        query=query,
        count=page.paginator.count,
        results=results,
        page=page,
        pagination=pagination,
        capped=capped,
    )


def filter_choices() -> tuple[list[Partnership], list[Board]]:
    """The partnerships and boards the filters offer (every one; the register is public)."""
    partnerships = list(Partnership.objects.order_by("name"))
    boards = list(Board.objects.select_related("partnership").order_by("partnership__name", "name"))
    return partnerships, boards
