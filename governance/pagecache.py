"""The public pages, served from the cache to anonymous visitors until something changes.

A published page changes only when something is published, edited or rendered, or when
the day turns (what is "upcoming" moves to "past"). So a page rendered for one anonymous
visitor is kept and served to the next, keyed on:

- the **content version** (`content_version`): one query of the newest row or time in
  each table that every change writes to. Every action appends an `AuditEvent` (or a
  decision history row, a figure, a risk review); the admin appends to its log; the
  workers stamp a rendered PDF and a search entry when they write them. So the key
  changes the moment a change commits, in every process, and a page from before it is
  never served again: the cache is invalidated by the actions themselves, with no list
  of keys to forget and nothing lost when Redis is flushed.
- the local date, and a lifetime of `PAGE_CACHE_SECONDS`, which bounds how stale a page
  can be about the clock (a meeting starting, a deadline passing) to that many seconds.
- the absolute address, query string included.

Only what is the same for everyone is kept: a view opts in with `@shared_page` (an app's
public routes with `shared_pages`), and a response is stored only for a GET or HEAD from a visitor with no session (never signed
in) and no messages waiting, with status 200, no cookie set and no CSRF token used (a
form's token is the visitor's own). A signed-in officer or member always gets the page
rendered for them.

The middleware sits near the top of MIDDLEWARE: a hit skips the session, CSRF,
authentication and template work, and the headers the inner middleware added (CSP,
framing, Vary) were stored with the page. ConditionalGetMiddleware sits outside it, so a
hit is answered 304 when the browser already has it.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar, cast

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import Resolver404, URLPattern, resolve
from django.utils import timezone
from django.utils.cache import set_response_etag

View = TypeVar("View", bound=Callable[..., HttpResponseBase])
T = TypeVar("T")

SHARED = "_accord_shared_page"
CACHEABLE_METHODS = frozenset({"GET", "HEAD"})
# How long a request waits for another process rendering the same page, and how often it looks.
RENDER_WAIT = 15
RENDER_POLL = 0.05


def shared_page(view: View) -> View:
    """Mark a public view as showing the same page to every anonymous visitor, so that
    `PageCacheMiddleware` may keep its responses. The view still decides what it shows a
    signed-in user: those requests are never served from, or stored in, the cache."""
    setattr(view, SHARED, True)
    return view


def shared_pages(patterns: list[URLPattern]) -> list[URLPattern]:
    """The URL patterns with each view marked `shared_page`: for an app's public routes."""
    for pattern in patterns:
        shared_page(pattern.callback)
    return patterns


# ---------------------------------------------------------------------------
# The content version


@lru_cache(maxsize=1)
def _version_sql() -> str:
    quote = connection.ops.quote_name
    parts = []
    for column in settings.CONTENT_VERSION_COLUMNS:
        label, field_name = column.rsplit(".", 1)
        model = apps.get_model(label)
        field = model._meta.get_field(field_name)
        parts.append(f"(SELECT MAX({quote(field.column)}) FROM {quote(model._meta.db_table)})")
    return "SELECT " + ", ".join(parts)


EPOCH_KEY = "content-epoch"


def content_changed() -> None:
    """Call inside the transaction of a change: when it commits, the content epoch is
    renewed, so no page from before it is served again. The newest id alone would miss a
    change that commits after a later one (ids are handed out in one order, commits land
    in another); the epoch moves with every commit that calls this (every action through
    audit_record, the decision history, the workers' renders and search entries)."""
    transaction.on_commit(_new_epoch)


def _new_epoch() -> None:
    cache.set(EPOCH_KEY, uuid.uuid4().hex, None)


def _epoch() -> str:
    """The current epoch; a new random one if the cache has none (flushed, evicted), so a
    key never falls back to one an earlier page may still be stored under."""
    epoch = cache.get(EPOCH_KEY)
    if epoch is None:
        cache.add(EPOCH_KEY, uuid.uuid4().hex, None)
        epoch = cache.get(EPOCH_KEY, "unknown")  # "unknown": the cache is down, nothing is kept anyway
    return str(epoch)


def content_version() -> str:
    """A value that changes whenever any content a page, feed or report shows changes:
    the content epoch (content_changed) and the newest id or time in each of
    CONTENT_VERSION_COLUMNS, read in one query on their indexes (primary keys, and
    indexed times for the rows workers update in place; the admin's log)."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql())
        row = cursor.fetchone()
    parts = [_epoch(), *(str(value) for value in row)]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()


def cached_until_changed(name: str, compute: Callable[[], T]) -> T:
    """What `compute` builds, kept under `name` until the content changes (the content
    version moves) or for PAGE_CACHE_SECONDS: for a value every visitor would compute
    alike, as whether a meeting's rendered PDFs match its public content, which a
    download checks before it streams the file. None is not kept."""
    return _kept(lambda: f"value:{content_version()}:{timezone.localdate().isoformat()}:{name}", compute)


def cached_for_address(request: HttpRequest, compute: Callable[[], T], *, variant: str = "") -> T:
    """What `compute` builds for this address, kept as the pages are (same key, same
    lifetime): for answers whose content is the same for everyone but whose response is
    made per request, as the open data API's, which throttles and negotiates the format
    of each request and keeps only the rendered body here (`variant`: its format).
    Whatever compute raises is not kept."""
    return _kept(lambda: f"data:{variant}:" + _key(request, content_version()), compute)


def _kept(key: Callable[[], str], compute: Callable[[], T]) -> T:
    lifetime = _lifetime()
    if lifetime <= 0:
        return compute()
    name = key()
    found = cache.get(name)
    if found is not None:
        return cast(T, found)
    value = compute()
    cache.set(name, value, lifetime)
    return value


# ---------------------------------------------------------------------------
# The middleware


def _lifetime() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def _anonymous(request: HttpRequest) -> bool:
    """No session (so not signed in, nothing kept for them) and no messages waiting."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _shared_route(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return getattr(match.func, SHARED, False)


def _key(request: HttpRequest, version: str) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{version}:{timezone.localdate().isoformat()}:{address}"


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    return (
        isinstance(response, HttpResponse)
        and not response.streaming
        and response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class PageCacheMiddleware:
    """Serve `@shared_page` pages to anonymous visitors from the cache (module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        lifetime = _lifetime()
        if lifetime <= 0 or request.method not in CACHEABLE_METHODS or not _anonymous(request):
            return self.get_response(request)
        if not _shared_route(request):
            return self.get_response(request)
        key = _key(request, content_version())
        cached = cache.get(key)
        if isinstance(cached, HttpResponse):
            return cached
        locked = cache.add(_lock(key), True, RENDER_WAIT)
        if not locked:
            cached = _rendered_meanwhile(key)
            if isinstance(cached, HttpResponse):
                return cached
        try:
            response = self.get_response(request)
            if _storable(request, response):
                assert isinstance(response, HttpResponse)
                # One piece: a feed writes its body in thousands of small pieces, which the
                # server would otherwise send one by one on every hit.
                response.content = response.content
                set_response_etag(response)  # once, stored with it: ConditionalGetMiddleware reuses it
                cache.set(key, response, lifetime)
        finally:
            if locked:  # only the lock this request took: another's stays until it is done
                cache.delete(_lock(key))
        return response


def _lock(key: str) -> str:
    return f"{key}:rendering"


def _rendered_meanwhile(key: str) -> object:
    """Another process is already rendering this page (a cold, slow page such as the
    calendar of every meeting, asked for by many visitors at once): wait for its result
    rather than render it again beside it, for up to RENDER_WAIT seconds; None if it
    does not come (the other gave up, failed, or the page was not storable; with the
    cache unreachable there is no lock to see), and the page is rendered here."""
    deadline = time.monotonic() + RENDER_WAIT
    while cache.get(_lock(key)) is not None and time.monotonic() < deadline:
        time.sleep(RENDER_POLL)
        cached = cache.get(key)
        if cached is not None:
            return cached
    return None
