"""The public search page (SPEC §6): /search/?q= is a stable public address.

Anyone may search; the results are what the public may see (search/queries.py), so a
signed-in officer sees the same results as an anonymous visitor (their own pages show
the rest). A bad filter is answered on the page with a GOV.UK error summary.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from .. import queries
from ..forms import SearchForm
from ..syntax import parse


def suggestions(query: str) -> list[str]:
    """What to try when nothing matched."""
    parsed = parse(query)
    tips = ["Check the spelling of the words.", "Use fewer words, or more general ones."]
    if any(term.is_phrase for alternative in parsed.alternatives for term in alternative.included):
        tips.append("Search for the words without quotation marks, to find them anywhere in the text.")
    if any(alternative.excluded for alternative in parsed.alternatives):
        tips.append("Leave out the words with a minus sign before them.")
    if len(parsed.words) > 1 and len(parsed.alternatives) == 1:
        tips.append("Put OR between the words to find any of them, for example: housing OR homes.")
    return tips


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    partnerships, boards = queries.filter_choices()
    form = SearchForm(request.GET or None, partnerships=partnerships, boards=boards)
    results = None
    filters = None
    query = ""
    if form.is_bound and form.is_valid():
        query = form.query
        filters = form.filters()
        if query:
            results = queries.search_page(request, query, filters)
    plain = QueryDict(mutable=True)
    if query:
        plain["q"] = query
    without_filters = reverse("search:search") + (f"?{plain.urlencode()}" if plain else "")
    context = {
        "form": form,
        "query": query,
        "results": results,
        "filtered": bool(filters and filters.narrowing),
        "without_filters": without_filters,
        "searchable": bool(query) and not parse(query).is_empty,
        "suggestions": suggestions(query) if results is not None and not results.count else [],
    }
    return render(request, "search/search.html", context)


urlpatterns = [
    path("search/", search, name="search"),
]
