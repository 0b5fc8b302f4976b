"""Text as people send it, made fit to store and to write into XML (SPEC §8: every bad
input gets a clear message, never a 500).

Word pastes a line break inside a paragraph as a vertical tab (\\x0b) and a page break as
a form feed (\\x0c); other C0 control characters come from copying out of old systems.
None of them can be written into XML 1.0 (RSS, Atom, XLSX, SVG), and PostgreSQL refuses
NUL in any text. So text coming in keeps its tabs and line ends, turns those two breaks
into line ends, and loses the other controls; NUL is refused outright (the request is
answered 400 by governance.middleware.RequestTextMiddleware), since no one types it.
Invisible characters that carry nothing in a name or a title (the zero-width space, the
word joiner and the byte-order mark, which come with text copied from web pages and
PDFs) go too, so a field holding only them is empty and is asked for again. The
zero-width joiner and non-joiner, which some scripts and emoji need, stay.
"""

from __future__ import annotations

import re

NUL = "\x00"
# C0 controls but tab, line feed and carriage return; DEL; and the two non-characters
# XML 1.0 forbids. (The line breaks Word uses are handled first.)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\u200b\u2060\ufeff]")
_BREAKS = re.compile("[\x0b\x0c]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` with Word's line and page breaks as line ends and the other control
    characters and the empty invisible ones removed; tabs and line ends kept."""
    if text.isprintable():  # the common case, fast: no control character at all
        return text
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))


def xml_safe(text: str) -> str:
    """``text`` with what XML 1.0 cannot hold removed (for output: feeds, spreadsheets)."""
    return _NOT_XML.sub("", text)
