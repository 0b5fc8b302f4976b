"""What a visitor typed in the search box, read the way PostgreSQL's
``websearch_to_tsquery`` reads it: words are all required, "a quoted phrase" is one
term, ``OR`` between terms offers alternatives, and ``-word`` (or ``-"a phrase"``)
excludes. Pure: the SQLite fallback (search/queries.py) and the snippets of that
fallback (search/highlight.py) both read a query through ``parse``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A token: an optional minus, then a quoted phrase (the closing quote may be missing,
# as websearch_to_tsquery allows) or a run of anything but spaces and quotes.
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
# Punctuation round a word is not part of it ("plan," finds "plan").
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
# The longest query we read; the rest is ignored (a search box, not a document).
MAX_QUERY_CHARS = 500
MAX_TERMS = 32


@dataclass(frozen=True)
class Term:
    text: str  # a word or a phrase, single-spaced
    excluded: bool = False

    @property
    def is_phrase(self) -> bool:
        return " " in self.text


@dataclass(frozen=True)
class Alternative:
    """Terms that must all hold: each included one present, each excluded one absent."""

    terms: tuple[Term, ...]

    @property
    def included(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if not term.excluded)

    @property
    def excluded(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.excluded)


@dataclass(frozen=True)
class ParsedQuery:
    """Alternatives, any of which matches (``a b OR c`` is (a and b) or c)."""

    alternatives: tuple[Alternative, ...]

    @property
    def is_empty(self) -> bool:
        return not self.alternatives

    @property
    def words(self) -> tuple[str, ...]:
        """The included terms, in the order typed, each once (for the snippets)."""
        seen: dict[str, None] = {}
        for alternative in self.alternatives:
            for term in alternative.included:
                seen.setdefault(term.text, None)
        return tuple(seen)


def _clean(text: str) -> str:
    return " ".join(_EDGES.sub("", word) for word in text.split() if _EDGES.sub("", word))


def parse(query: str) -> ParsedQuery:
    """The alternatives of ``query``; empty when nothing searchable was typed."""
    groups: list[list[Term]] = [[]]
    count = 0
    for match in _TOKEN.finditer(query[:MAX_QUERY_CHARS]):
        phrase_minus, phrase, word_minus, word = match.groups()
        if word is not None and word == "OR" and not word_minus:
            if groups[-1]:
                groups.append([])
            continue
        text = _clean(phrase if phrase is not None else word)
        if not text or count >= MAX_TERMS:
            continue
        excluded = bool(phrase_minus if phrase is not None else word_minus)
        term = Term(text, excluded)
        if term not in groups[-1]:
            groups[-1].append(term)
            count += 1
    alternatives = tuple(Alternative(tuple(group)) for group in groups if any(not t.excluded for t in group))
    return ParsedQuery(alternatives)
