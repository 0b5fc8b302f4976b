"""Reading pages in tests: the visible text of a response and its GOV.UK error summary."""

from __future__ import annotations

import re

from django.http import HttpResponse


def _visible(html: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return re.sub(r" ([,.:;)])", r"\1", text)


def text_of(response: HttpResponse) -> str:
    """The page's visible text with tags dropped and whitespace collapsed (no space
    before punctuation, so a linked name reads "Fred Former, Vale")."""
    return _visible(response.content.decode())


def error_summary(response: HttpResponse) -> str:
    """The text of the page's GOV.UK error summary; fails when the page has none."""
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', response.content.decode(), re.S)
    assert match, "the page has no GOV.UK error summary"
    return _visible(match.group(0))
