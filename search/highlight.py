"""Snippets of the text a result matched, with the matched words marked, made safe:
the text is escaped first and only then are ``<mark>`` tags put round the matches, so
nothing in a paper's text can become markup on the results page.

PostgreSQL's ``ts_headline`` marks its matches with two sentinel characters (from the
Unicode private use area, which the indexer strips from every text it stores, so they
can only come from ts_headline); ``from_headline`` turns them into marks. The SQLite
fallback finds the first match itself (``from_text``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START = "\ue000"
STOP = "\ue001"
SENTINELS = re.compile(f"[{START}{STOP}]")
FRAGMENT_DELIMITER = " … "
# The snippet of the fallback: about this many characters round the first match.
WIDTH = 240


def strip_sentinels(text: str) -> str:
    """The text as it may be stored (no sentinel can be smuggled in by a document)."""
    return SENTINELS.sub("", text)


def _marked(segments: Iterable[tuple[str, bool]]) -> SafeString:
    html = "".join(f"<mark>{escape(text)}</mark>" if marked else str(escape(text)) for text, marked in segments)
    return mark_safe(html)  # every piece of text is escaped above; only <mark> is added


def from_headline(headline: str) -> SafeString:
    """ts_headline's output (matches between START and STOP) as safe HTML."""
    segments: list[tuple[str, bool]] = []
    marked = False
    for piece in re.split(f"([{START}{STOP}])", " ".join(headline.split())):
        if piece == START:
            marked = True
        elif piece == STOP:
            marked = False
        elif piece:
            segments.append((piece, marked))
    return _marked(segments)


def from_text(text: str, words: Iterable[str], width: int = WIDTH) -> SafeString:
    """About ``width`` characters of ``text`` round the first of ``words`` found
    (case-insensitively), every occurrence of each word there marked; the start of
    the text when none is found."""
    words = [word for word in words if word]
    if not text:
        return mark_safe("")
    pattern = (
        re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.I) if words else None
    )
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - width // 3) if first else 0
    end = min(len(text), start + width)
    if start > 0:  # begin at a word
        space = text.find(" ", start, end)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = " ".join(text[start:end].split())
    segments: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(window) if pattern else ():
        segments.append((window[position : match.start()], False))
        segments.append((match.group(0), True))
        position = match.end()
    segments.append((window[position:], False))
    prefix = [("… ", False)] if start > 0 else []
    suffix = [(" …", False)] if end < len(text) else []
    return _marked([*prefix, *segments, *suffix])
