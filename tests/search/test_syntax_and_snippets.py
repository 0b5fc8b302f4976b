"""Reading what was typed (search/syntax.py, as websearch_to_tsquery does) and making
snippets safe (search/highlight.py): pure, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.highlight import START, STOP, from_headline, from_text, strip_sentinels
from search.syntax import Term, parse


def read(query: str) -> list[list[tuple[str, bool]]]:
    return [[(t.text, t.excluded) for t in alternative.terms] for alternative in parse(query).alternatives]


@pytest.mark.parametrize(
    ("query", "alternatives"),
    [
        ("housing", [[("housing", False)]]),
        ("housing strategy", [[("housing", False), ("strategy", False)]]),
        ('"health and wellbeing" board', [[("health and wellbeing", False), ("board", False)]]),
        ("housing OR homes", [[("housing", False)], [("homes", False)]]),
        ("carers -young", [[("carers", False), ("young", True)]]),
        ('budget -"pooled fund"', [[("budget", False), ("pooled fund", True)]]),
        ('"unclosed phrase', [[("unclosed phrase", False)]]),
        ("plan, strategy.", [[("plan", False), ("strategy", False)]]),
        ("housing or homes", [[("housing", False), ("or", False), ("homes", False)]]),  # only OR in capitals
        ("OR housing OR", [[("housing", False)]]),
        ("housing housing", [[("housing", False)]]),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_query_reads_like_web_search(query, alternatives):
    assert read(query) == alternatives


@pytest.mark.parametrize("query", ["", "   ", "!!! ...", "-housing", '-"pooled fund"', "OR", '""'])
def test_a_query_with_nothing_to_look_for_is_empty(query):
    assert parse(query).is_empty


def test_words_are_the_included_terms_each_once():
    assert parse('housing "pooled fund" -young OR housing homes').words == ("housing", "pooled fund", "homes")


def test_a_phrase_is_a_term_with_a_space():
    assert Term("pooled fund").is_phrase and not Term("fund").is_phrase


@given(st.text(max_size=600))
def test_any_text_parses_without_error(query):
    parsed = parse(query)
    assert all(term.text and term.text == term.text.strip() for a in parsed.alternatives for term in a.terms)


def test_a_headline_is_escaped_and_only_the_marks_become_markup():
    headline = f"The <script>alert(1)</script> {START}pooled{STOP} &amp; {START}budget{STOP}"
    html = str(from_headline(headline))
    assert html == ("The &lt;script&gt;alert(1)&lt;/script&gt; <mark>pooled</mark> &amp;amp; <mark>budget</mark>")


def test_a_fallback_snippet_marks_each_word_round_the_first_match_and_escapes_the_rest():
    text = "Intro. " * 100 + "The <b>carers</b> strategy & the Carers' budget. " + "Outro. " * 100
    html = str(from_text(text, ["carers", "budget"]))
    assert "<mark>carers</mark>" in html and "<mark>Carers</mark>" in html and "<mark>budget</mark>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html and "&amp;" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html) < 500


def test_a_fallback_snippet_with_no_match_is_the_start_of_the_text():
    assert str(from_text("Short text <here>", ["absent"])) == "Short text &lt;here&gt;"
    assert str(from_text("", ["absent"])) == ""


def test_stored_text_cannot_carry_the_sentinels():
    assert strip_sentinels(f"a{START}b{STOP}c") == "abc"
