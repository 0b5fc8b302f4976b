"""The public pages, served from the cache to anonymous visitors until something changes.

A published page changes only when something is published, edited or rendered, or when
the day turns (what is "upcoming" moves to "past"). So a page rendered for one anonymous
visitor is kept and served to the next, keyed on:

- the **content version** (`content_version`): a content epoch, renewed in the cache
  the moment a change commits (every action, the decision history, the workers' renders
  and search entries, and any save or delete of a content model, the admin's included),
  with the newest id or time in each table that every change writes to as a safeguard
  for writes made around all of those. So the key changes when a change commits, in
  every process, and a page from before it is never served again: the cache is
  invalidated by the changes themselves, with no list of keys to forget and nothing
  lost when Redis is flushed.
- the local date, and a lifetime of `PAGE_CACHE_SECONDS`, which bounds how stale a page
  can be about the clock (a meeting starting, a deadline passing) to that many seconds.
- the absolute address, query string included.

Only what is the same for everyone is kept: a view opts in with `@shared_page` (an app's
public routes with `shared_pages`), and a response is stored only for a GET or HEAD from a visitor with no session (never signed
in) and no messages waiting, with status 200, no cookie set and no CSRF token used (a
form's token is the visitor's own). A signed-in officer or member always gets the page
rendered for them.

The middleware sits near the top of MIDDLEWARE, above compression: a hit skips the
session, CSRF, authentication, template and gzip work, and the headers the inner
middleware added (CSP, framing, Vary, ETag) were stored with the page, compressed or not
as the client accepts (nothing stored holds a secret, so compressing it once is safe).
A hit is answered 304 when the browser already has it.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path
from typing import TypeVar, cast

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Model, signals
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.urls import Resolver404, URLPattern, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

from .http import accepts_gzip

logger = logging.getLogger(__name__)

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


def private_page(view: View) -> View:
    """Keep a signed-in view's page for the one browser it was rendered for, until the
    content changes (the same content version and lifetime as the shared pages): the
    member's page, an officer's meeting page. For a view whose page is made from the
    content, the signed-in user and the address alone, with any access check inside
    the view made from those too (a page stored for a user is served to that user only,
    and a change to a role, a seat or an officer's partnerships is a content change or
    part of the key).

    The key holds the user (id, role, active, staff, superuser, two-factor verified), the
    browser's CSRF cookie (the page's forms carry a token made from it, which stays good
    for as long as the cookie does), the address and the date. Nothing is served or
    stored for a request with messages waiting (a banner after an action is shown once),
    or without a CSRF cookie yet; only a 200 is stored. The view runs after every
    middleware, so a hit still passes the sign-in, two-factor and CSRF checks."""

    @wraps(view)
    def served(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        key = _private_key(request)
        if key is None:
            return view(request, *args, **kwargs)
        cached = cache.get(key)
        if isinstance(cached, HttpResponse):
            # Each form's token masked afresh, as a render masks it (BREACH: a secret is
            # never sent the same way twice); the same secret, so the ETag still holds.
            cached.content = CSRF_FIELD.sub(lambda _: _csrf_field(request), cached.content)
            return cached
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)  # for this browser only
        if _storable_private(request, response):
            assert isinstance(response, HttpResponse)
            response.content = response.content
            set_response_etag(response)
            _store(key, response, len(response.content))
        return response

    return cast(View, served)


CSRF_FIELD = re.compile(rb'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">')


def _csrf_field(request: HttpRequest) -> bytes:
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">'.encode()


def _private_key(request: HttpRequest) -> str | None:
    user = getattr(request, "user", None)
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    if (
        _lifetime() <= 0
        or request.method not in CACHEABLE_METHODS
        or user is None
        or not user.is_authenticated
        or not csrf_cookie
        or len(messages.get_messages(request))
    ):
        return None
    verified = getattr(user, "is_verified", lambda: False)()
    who = f"{user.pk}:{getattr(user, 'role', '')}:{user.is_active}:{user.is_staff}:{user.is_superuser}:{verified}"
    browser = hashlib.sha256(f"{who}|{csrf_cookie}|{request.build_absolute_uri()}".encode()).hexdigest()
    return f"private:{content_version()}:{timezone.localdate().isoformat()}:{browser}"


def _storable_private(request: HttpRequest, response: HttpResponseBase) -> bool:
    """A page whose forms use the secret of the CSRF cookie the browser sent (not one
    made or rotated for this response), and nothing set for this response alone."""
    secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    return (
        isinstance(response, HttpResponse)
        and not response.streaming
        and response.status_code == 200
        and not response.cookies
        and request.META.get("CSRF_COOKIE") == secret
        and "no-store" not in response.get("Cache-Control", "")
        and not len(messages.get_messages(request))
    )


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
# How long a process goes on using the newest ids it read (CONTENT_VERSION_COLUMNS)
# before it reads them again, unless it made a change itself meanwhile.
RECHECK_SECONDS = 1.0


@dataclass
class _Newest:
    """The newest ids this process read, when, and how many changes it had made by then."""

    value: str = ""
    read_at: float = -RECHECK_SECONDS
    changes: int = -1


_newest = _Newest()
_changes_made = 0


def content_changed() -> None:
    """Call inside the transaction of a change: when it commits, the content epoch is
    renewed, so no page from before it is served again, in any process. Called by every
    action (through audit_record), the decision history, the workers' renders and search
    entries, and for every save or delete of a content model (`watch_content_models`)."""
    global _changes_made
    _changes_made += 1  # this process reads the newest ids again at once (content_version)
    transaction.on_commit(_new_epoch)


def _new_epoch() -> None:
    global _renewal_pending
    epoch = uuid.uuid4().hex
    cache.set(EPOCH_KEY, epoch, None)
    # Redis missing the write (a blip) would leave the old pages served for their whole
    # lifetime: this process tries again on its next request until the epoch is written.
    _renewal_pending = cache.get(EPOCH_KEY) != epoch


_renewal_pending = False


def _epoch() -> str:
    """The current epoch; a new random one if the cache has none (flushed, evicted), so a
    key never falls back to one an earlier page may still be stored under."""
    if _renewal_pending:
        _new_epoch()
    epoch = cache.get(EPOCH_KEY)
    if epoch is None:
        cache.add(EPOCH_KEY, uuid.uuid4().hex, None)
        epoch = cache.get(EPOCH_KEY, "unknown")  # "unknown": the cache is down, nothing is kept anyway
    return str(epoch)


def _newest_ids() -> str:
    """The newest value of each of CONTENT_VERSION_COLUMNS, in one query on their indexes;
    read again after RECHECK_SECONDS, or at once after a change made in this process."""
    now = time.monotonic()
    if _newest.changes == _changes_made and now - _newest.read_at < RECHECK_SECONDS:
        return _newest.value
    changes = _changes_made
    try:
        with connection.cursor() as cursor:
            cursor.execute(_version_sql())
            row = cursor.fetchone()
    except DatabaseError:
        # The database is not answering: the pages already kept are still served (a
        # page not kept fails as it would have); the ids are read again next time.
        logger.warning("Content version: the newest ids could not be read", exc_info=True)
        return _newest.value
    _newest.value, _newest.read_at, _newest.changes = "|".join(str(value) for value in row), now, changes
    return _newest.value


def content_version() -> str:
    """A value that changes whenever any content a page, feed or report shows changes.

    The content epoch moves the moment a change commits, in every process: a hit reads
    it from the cache and nothing from the database. The newest ids are a second
    safeguard, read by each process at most once a second: a write that neither an
    action nor a model's save makes but that adds one of those rows shows within a
    second. Other writes around the models (an update() or SQL in a shell) show when the
    pages' lifetime ends, or at once after `manage.py content_changed`. The digest of
    the code is part of it too: after a deploy, nothing the old code made is served."""
    return hashlib.blake2b(f"{code_version()}|{_epoch()}|{_newest_ids()}".encode(), digest_size=12).hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """The code and templates this process runs, so that after a deploy no page made by
    the code before it is served: a digest of every Python and template file of the
    project, read once a process."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted([*root.glob("*/*.py"), *root.glob("*/*/*.py"), *root.glob("templates/**/*.html")]):
        if ".venv" not in path.parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()


def watch_content_models() -> None:
    """Renew the epoch whenever a model of CONTENT_APPS is saved or deleted, or a
    many-to-many of one changes (the admin's edits, a shell's, a factory's), and when a
    user account changes but for signing in; as well as through the actions: called
    once, from the governance app's ready()."""
    user = get_user_model()
    for model in apps.get_models():
        if model._meta.app_label in settings.CONTENT_APPS or model is user:
            # One receiver per model (no catch-all): other models keep their fast deletes.
            signals.post_save.connect(_on_model_change, sender=model)
            signals.post_delete.connect(_on_model_change, sender=model)
        if model._meta.app_label in settings.CONTENT_APPS:
            for many in model._meta.local_many_to_many:
                signals.m2m_changed.connect(_on_model_change, sender=many.remote_field.through)


# What a user's save may change without changing any page: signing in stamps the time.
UNSHOWN_USER_FIELDS = frozenset({"last_login", "password"})


def _on_model_change(
    sender: type[Model], action: str = "post_", update_fields: frozenset[str] | None = None, **kwargs: object
) -> None:
    if not action.startswith("post_"):  # m2m_changed's pre_add, pre_remove, pre_clear
        return
    if sender is get_user_model():
        if not (update_fields and update_fields <= UNSHOWN_USER_FIELDS):
            content_changed()  # a name on an officer's page, a role, an account switched off
    else:
        content_changed()


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
    _store(name, value, _size(value))
    return value


def _size(value: object) -> int:
    """About how many bytes a kept value takes: its bodies (a page, an API answer)."""
    if isinstance(value, (bytes, str)):
        return len(value)
    if isinstance(value, (tuple, list)):
        return sum(len(part) for part in value if isinstance(part, (bytes, str)))
    return 0


def _store(key: str, value: object, size: int) -> None:
    """Keep ``value`` for the page lifetime, within PAGE_CACHE_BYTES_PER_MINUTE: every
    address is a key of its own, and anyone may make up addresses (a query string the
    page ignores), so what is stored each minute is bounded; past the bound a page is
    rendered for each request until the next minute, and the cache never fills."""
    window = f"page-cache-bytes:{int(time.time() // 60)}"
    cache.add(window, 0, 120)
    try:
        stored = cache.incr(window, size)
    except ValueError:  # the cache is unreachable (governance/cache.py)
        return
    if stored <= settings.PAGE_CACHE_BYTES_PER_MINUTE:
        cache.set(key, value, _lifetime())


# ---------------------------------------------------------------------------
# The middleware


def _lifetime() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def _anonymous(request: HttpRequest) -> bool:
    """No session (so not signed in, nothing kept for them) and no messages waiting."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _shared_route(request: HttpRequest) -> bool:
    return _is_shared(request.path_info, getattr(request, "urlconf", None))


@lru_cache(maxsize=4096)
def _is_shared(path: str, urlconf: str | None) -> bool:
    """Whether the address is a shared page's: the routes do not change while a process
    runs, so each address is resolved once (Django resolves it again for the view)."""
    try:
        match = resolve(path, urlconf=urlconf)
    except Resolver404:
        return False
    return getattr(match.func, SHARED, False)


def _key(request: HttpRequest, version: str) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    # Kept compressed for the clients that accept gzip (GZipMiddleware is inside), as is.
    encoding = "gzip" if accepts_gzip(request) else "identity"
    return f"page:{version}:{timezone.localdate().isoformat()}:{encoding}:{address}"


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
            return _answer(request, cached)
        locked = cache.add(_lock(key), True, RENDER_WAIT)
        if not locked:
            cached = _rendered_meanwhile(key)
            if isinstance(cached, HttpResponse):
                return _answer(request, cached)
        try:
            response = self.get_response(request)
            if _storable(request, response):
                assert isinstance(response, HttpResponse)
                # One piece: a feed writes its body in thousands of small pieces, which the
                # server would otherwise send one by one on every hit.
                response.content = response.content
                if not response.has_header("ETag"):  # ConditionalGetMiddleware, inside, sets one
                    set_response_etag(response)
                _store(key, response, len(response.content))
        finally:
            if locked:  # only the lock this request took: another's stays until it is done
                cache.delete(_lock(key))
        return response


def _answer(request: HttpRequest, cached: HttpResponse) -> HttpResponseBase:
    """The stored page, or 304 Not Modified when the browser has it (its ETag)."""
    return get_conditional_response(request, etag=cached.get("ETag"), response=cached) or cached


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
