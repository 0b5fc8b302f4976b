"""Feed generators that cannot be broken by what a record holds (SPEC §8).

Django's feed writer refuses a control character with UnserializableContentError, so
one vertical tab pasted into a meeting's title turned every RSS and Atom feed that
lists it into a 500 until someone edited the title. Text coming in is cleaned
(governance.middleware.RequestTextMiddleware), and these generators drop what XML 1.0
cannot hold from every text of the feed and its items anyway, for rows stored before
or by other means. Feeds set ``feed_type`` to one of them.
"""

from __future__ import annotations

from typing import Any

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .text import xml_safe


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_safe(part) for part in value)
    return value


class _XmlSafe:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*(_safe(arg) for arg in args), **{key: _safe(value) for key, value in kwargs.items()})

    def add_item(self, *args: Any, **kwargs: Any) -> None:
        super().add_item(*(_safe(arg) for arg in args), **{key: _safe(value) for key, value in kwargs.items()})  # type: ignore[misc]


class XmlSafeRssFeed(_XmlSafe, Rss201rev2Feed):
    """RSS 2.0, as Django's default feed type, with nothing XML cannot hold."""


class XmlSafeAtomFeed(_XmlSafe, Atom1Feed):
    """Atom 1.0 with nothing XML cannot hold."""
