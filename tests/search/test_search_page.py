"""The public search page, /search/?q= (SPEC §6), on whichever database the suite runs
on: PostgreSQL full-text search, or the SQLite fallback. What these tests ask holds
for both: the words inside a published paper's PDF and DOCX are found; nothing exempt
or unpublished ever is; filters, pagination, counts, suggestions, bad input."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import Proposal
from meetings.models import MeetingStatus
from search.models import EntryKind, Extraction, SearchEntry
from search.queries import public_matches
from tests.factories import make_item, make_meeting, make_paper
from tests.pages import error_summary, text_of

from .conftest import docx_of, odt_of, pdf_of, upload, xlsx_of

URL = reverse("search:search")

PDF_PHRASE = "respite breaks for unpaid carers"
DOCX_PHRASE = "falls prevention in residential homes"
# Planted where the public must never find them.
IN_EXEMPT = "quarrymoor"
IN_UNPUBLISHED_PAPER = "brackenfield"
IN_UNPUBLISHED_VERSION = "wychwood"
IN_UNPUBLISHED_AGENDA = "shotover"
IN_DRAFT_MINUTES = "otmoor"
HIDDEN = [IN_EXEMPT, IN_UNPUBLISHED_PAPER, IN_UNPUBLISHED_VERSION, IN_UNPUBLISHED_AGENDA, IN_DRAFT_MINUTES]


def results(response) -> list[str]:
    """The titles of the results shown, in order."""
    html = response.content.decode()
    return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r'<h3 class="govuk-heading-s[^"]*">(.*?)</h3>', html)]


def without_echo(response, query: str) -> str:
    """The page without the places it repeats the query typed (title, box, heading)."""
    html = response.content.decode()
    for echo in (f"Search: {query} –", f'value="{query}"', f"&ldquo;{query}&rdquo;"):
        html = html.replace(echo, "")
    return html


def search(client, query: str, **params: str):
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    return response


@pytest.fixture
def site(db, media, board, other_board, seat):
    """A published meeting with a PDF paper and a DOCX paper, and beside them every
    kind of thing the public must not see, each with its own planted word."""
    now = timezone.now()
    meeting = make_meeting(board, now - dt.timedelta(days=20), status=MeetingStatus.HELD, title="Carers board")
    item = make_item(meeting, "Carers strategy", description="The refreshed strategy for carers.")
    carers = make_paper(item, "Carers strategy report", versions=0)
    upload(carers, pdf_of("Introduction.", f"The board is asked to fund {PDF_PHRASE} from April."), "pdf")
    falls = make_paper(item, "Falls report", versions=0)
    upload(falls, docx_of(f"A programme of {DOCX_PHRASE} across the county."), "docx")
    # A first version never published, replaced by a published one.
    figures = make_paper(item, "Budget figures", versions=0)
    upload(figures, docx_of(f"Early draft {IN_UNPUBLISHED_VERSION}"), "docx", published=False)
    upload(figures, xlsx_of(["Line", "Amount"], ["Respite", 125000]), "xlsx")
    # An unpublished paper (available to members beforehand).
    draft = make_paper(item, f"Draft appendix {IN_UNPUBLISHED_PAPER}", published=False, members=True, versions=0)
    upload(draft, odt_of(f"Appendix text {IN_UNPUBLISHED_PAPER}"), "odt", published=False)
    # An exempt item with a published paper, minutes and a decision.
    exempt = make_item(
        meeting,
        f"Acquisition {IN_EXEMPT}",
        exempt=True,
        description=f"Price {IN_EXEMPT}",
        minutes=f"Agreed {IN_EXEMPT}",
    )
    valuation = make_paper(exempt, f"Valuation {IN_EXEMPT}", versions=0)
    upload(valuation, pdf_of(f"Valuation of the site {IN_EXEMPT}"), "pdf")
    Proposal.objects.create(board=board, item=exempt, title=f"Buy {IN_EXEMPT}", text=f"Agree {IN_EXEMPT}")
    # Draft minutes on the public item.
    item.minutes = f"The board noted the carers strategy {IN_DRAFT_MINUTES}"
    item.save()
    # A meeting whose agenda is not published, with a published paper and a proposal.
    hidden = make_meeting(
        other_board, now + dt.timedelta(days=30), published=False, title=f"Plan {IN_UNPUBLISHED_AGENDA}"
    )
    hidden_item = make_item(hidden, f"Item {IN_UNPUBLISHED_AGENDA}", minutes=f"Minute {IN_UNPUBLISHED_AGENDA}")
    hidden_paper = make_paper(hidden_item, f"Paper {IN_UNPUBLISHED_AGENDA}", versions=0)
    upload(hidden_paper, docx_of(f"Body {IN_UNPUBLISHED_AGENDA}"), "docx")
    Proposal.objects.create(board=other_board, item=hidden_item, title="Plan", text=f"Agree {IN_UNPUBLISHED_AGENDA}")
    # A decision on the public item.
    Proposal.objects.create(board=board, item=item, title="Adopt the carers strategy", text="Agree the strategy.")
    return {"meeting": meeting, "item": item, "carers": carers, "falls": falls, "figures": figures}


def test_a_phrase_only_inside_a_published_pdf_is_found(client, site, indexed):
    indexed()
    response = search(client, f'"{PDF_PHRASE}"')
    assert results(response) == ["Carers strategy report"]
    version = site["carers"].versions.get()
    assert (
        reverse("meetings:paper_download", args=[site["meeting"].pk, site["carers"].pk, 1]) in response.content.decode()
    )
    assert version.is_public
    assert "1 result for" in text_of(response)
    assert "<mark>" in response.content.decode()


def test_a_phrase_only_inside_a_published_docx_is_found(client, site, indexed):
    indexed()
    assert results(search(client, f'"{DOCX_PHRASE}"')) == ["Falls report"]
    assert results(search(client, DOCX_PHRASE)) == ["Falls report"]


def test_the_cells_of_a_published_spreadsheet_are_found(client, site, indexed):
    indexed()
    assert "Budget figures" in results(search(client, "125000"))


@pytest.mark.parametrize("word", HIDDEN)
def test_a_word_planted_in_anything_not_public_is_never_found(client, site, indexed, word):
    summary = indexed()
    assert summary.failed == 0
    response = search(client, word)
    assert results(response) == []
    assert "No results for" in text_of(response)
    assert word not in without_echo(response, word)
    assert not public_matches(word).exists()
    # The word is in the index (the test would pass vacuously otherwise): only publicity hides it.
    assert (
        SearchEntry.objects.filter(body__icontains=word).exists()
        or SearchEntry.objects.filter(title__icontains=word).exists()
    )


def test_a_signed_in_officer_searches_what_the_public_sees(client, site, indexed, officer):
    indexed()
    client.force_login(officer)
    assert results(search(client, IN_EXEMPT)) == []


def test_an_item_made_exempt_after_indexing_is_gone_at_once(client, site, indexed):
    indexed()
    assert results(search(client, f'"{PDF_PHRASE}"')) == ["Carers strategy report"]
    site["item"].exempt = True
    site["item"].exempt_category = "3"
    site["item"].save()  # nothing reindexed: publicity is read when searching
    assert results(search(client, f'"{PDF_PHRASE}"')) == []


def test_published_minutes_and_the_agenda_and_decisions_are_found(client, site, indexed):
    meeting = site["meeting"]
    meeting.minutes_published_at = timezone.now()
    meeting.status = MeetingStatus.MINUTES_PUBLISHED
    meeting.save()
    indexed()
    titles = results(search(client, IN_DRAFT_MINUTES))
    assert titles == ["Minute: Carers strategy"]
    assert results(search(client, "refreshed", kind="item")) == ["Carers strategy"]
    assert results(search(client, "adopt", kind="decision")) == ["Adopt the carers strategy"]
    html = search(client, IN_DRAFT_MINUTES).content.decode()
    assert f"{reverse('meetings:meeting', args=[meeting.pk])}#minute-{site['item'].pk}" in html


def test_each_result_shows_its_kind_meeting_board_and_date(client, site, indexed, board):
    indexed()
    text = text_of(search(client, f'"{PDF_PHRASE}"'))
    meeting = site["meeting"]
    assert "Paper" in text
    assert f"Carers board, {meeting.date:%-d %B %Y}" in text
    assert f"{board.name}, {board.partnership.name}" in text


def test_a_snippet_cannot_inject_markup(client, site, indexed):
    paper = make_paper(site["item"], "Markup paper", versions=0)
    upload(paper, docx_of('<script>alert("x")</script> about the widdershins & <b>scheme</b>'), "docx")
    indexed()
    html = search(client, "widdershins").content.decode()
    assert "<script>alert" not in html and "<b>scheme" not in html
    assert (
        "<mark>widdershins</mark> &amp;" in html
    )  # PostgreSQL's ts_headline drops the tags; the fallback escapes them


# ---------------------------------------------------------------------------
# Filters, sort, pagination


def test_filters_narrow_by_partnership_board_kind_and_date(client, site, indexed, board, other_board):
    other = make_meeting(other_board, timezone.now() - dt.timedelta(days=400), status=MeetingStatus.HELD)
    make_item(other, "Carers strategy elsewhere")
    indexed()
    everything = results(search(client, "carers"))
    assert "Carers strategy elsewhere" in everything and "Carers strategy" in everything
    assert "Carers strategy elsewhere" not in results(search(client, "carers", partnership=board.partnership.slug))
    assert results(search(client, "carers", board=str(other_board.pk))) == ["Carers strategy elsewhere"]
    assert set(results(search(client, "carers", kind="paper"))) <= {"Carers strategy report"}
    old = (timezone.localdate() - dt.timedelta(days=400)).isoformat().split("-")
    until = {"date_to_0": old[2], "date_to_1": old[1], "date_to_2": old[0]}
    assert results(search(client, "carers", **until)) == ["Carers strategy elsewhere"]
    start = timezone.localdate() - dt.timedelta(days=30)
    since = {"date_from_0": str(start.day), "date_from_1": str(start.month), "date_from_2": str(start.year)}
    assert "Carers strategy elsewhere" not in results(search(client, "carers", **since))
    response = search(client, "carers", board=str(other_board.pk))
    assert "Clear filters" in text_of(response)


def test_newest_first_sorts_by_meeting_date(client, db, media, board, indexed):
    for days in (300, 10, 100):
        meeting = make_meeting(board, timezone.now() - dt.timedelta(days=days), status=MeetingStatus.HELD)
        make_item(meeting, f"Strategy {days}")
    indexed()
    assert results(search(client, "strategy", sort="newest")) == ["Strategy 10", "Strategy 100", "Strategy 300"]


def _many(board, count: int) -> None:
    meeting = make_meeting(board, timezone.now() - dt.timedelta(days=5), status=MeetingStatus.HELD)
    for n in range(count):
        item = make_item(meeting, f"Housing item {n}", description="Affordable housing.", order=n + 1)
        paper = make_paper(item, f"Housing paper {n}", versions=0)
        upload(paper, b"Plain text about affordable housing.", "txt", name=f"housing-{n}.txt")
        Proposal.objects.create(board=board, item=item, title=f"Housing decision {n}", text="Agree the housing plan.")


def test_results_are_paginated_with_a_count(client, db, media, board, indexed):
    _many(board, 9)  # 27 results
    indexed()
    first = search(client, "housing")
    assert "27 results for" in text_of(first)
    assert len(results(first)) == 20
    second = search(client, "housing", page="2")
    assert len(results(second)) == 7
    assert 'rel="prev"' in second.content.decode()
    assert not set(results(first)) & set(results(second))
    assert len(results(search(client, "housing", page="not-a-number"))) == 20  # the nearest page


@pytest.mark.parametrize("rows", [10, 200])
def test_the_page_takes_a_bounded_number_of_queries(
    client, db, media, board, indexed, rows, django_assert_max_num_queries
):
    _many(board, rows)  # `rows` items, papers and decisions
    indexed()
    assert SearchEntry.objects.count() == 3 * rows
    with django_assert_max_num_queries(6):
        response = search(client, "housing")
    assert len(results(response)) == 20


# ---------------------------------------------------------------------------
# Nothing found, bad input


def test_a_query_that_matches_nothing_suggests_what_to_try(client, site, indexed, board):
    indexed()
    response = search(client, '"carers unicorns" budget', board=str(board.pk))
    text = text_of(response)
    assert "No results for" in text
    assert "Check the spelling" in text
    assert "Use fewer words" in text
    assert "without quotation marks" in text
    assert "Put OR between the words" in text
    assert "Search without the filters" in text


def test_a_query_with_no_word_to_look_for_says_so(client, site, indexed):
    indexed()
    for query in ("-carers", "!!!", '""'):
        assert "There is no word to search for" in text_of(search(client, query))


def test_an_empty_search_asks_for_a_word(client, db):
    assert "Enter a word or phrase" in text_of(search(client, ""))
    page = client.get(URL)
    assert page.status_code == 200 and "Search the published agendas" in text_of(page)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"partnership": "no-such-partnership"}, "Select a partnership from the list"),
        ({"board": "999999"}, "Select a board from the list"),
        ({"board": "not-a-number"}, "Select a board from the list"),
        ({"kind": "secret"}, "Select what to show from the list"),
        ({"sort": "random"}, "Select how to sort from the list"),
        ({"date_from_0": "31", "date_from_1": "2", "date_from_2": "2024"}, "Meetings from must be a real date"),
        ({"date_from_0": "1", "date_from_1": "", "date_from_2": "2024"}, "Meetings from must include a month"),
        ({"date_to_0": "1", "date_to_1": "1", "date_to_2": "24"}, "The year must include 4 numbers"),
        (
            {
                **{"date_from_0": "1", "date_from_1": "6", "date_from_2": "2024"},
                **{"date_to_0": "1", "date_to_1": "1", "date_to_2": "2024"},
            },
            "Meetings up to must be the same as or after meetings from",
        ),
        ({"q": "x" * 501}, "must be 500 characters or fewer"),
    ],
    ids=["partnership", "board", "board-text", "kind", "sort", "date", "date-part", "year", "range", "long"],
)
def test_bad_filter_values_are_explained_not_a_500(client, site, params, message):
    response = client.get(URL, {"q": "carers", **params})
    assert response.status_code == 200
    assert message in error_summary(response)
    assert "Error:" in response.content.decode().split("</title>")[0]


def test_extraction_state_does_not_leak_into_results(client, site, indexed):
    indexed()
    failed = make_paper(site["item"], "Unreadable carers annex", versions=0)
    upload(failed, b"%PDF-1.4 broken", "pdf")
    summary = indexed()
    assert summary.failed == 1
    entry = SearchEntry.objects.get(paper_version__paper=failed)
    assert entry.extraction == Extraction.FAILED and entry.extraction_error
    assert "Unreadable carers annex" in results(search(client, "annex"))  # found by its title
    assert entry.extraction_error not in search(client, "annex").content.decode()


def test_kind_values_cover_every_entry_kind():
    assert {kind.value for kind in EntryKind} == {"paper", "item", "minutes", "decision"}


def test_more_matches_than_the_limit_show_the_newest_and_say_so(client, db, media, board, indexed, monkeypatch):
    monkeypatch.setattr("search.queries.RESULTS_LIMIT", 25)
    _many(board, 10)  # 30 matches
    indexed()
    response = search(client, "housing")
    text = text_of(response)
    assert "More than 25 results for" in text
    assert "These are the 25 most recent" in text
    assert len(results(search(client, "housing", page="2"))) == 5
