"""Generated bad input never gives a 5xx (issue 11, "Must show"; SPEC §8).

Hypothesis posts generated values (C0 control characters, NUL, 10,000-character
strings, impossible dates, negative and huge numbers, unicode, real ids and slugs of
other rows, ids that do not exist) to every page's query parameters and every form's
fields, as each persona who may use them. Every response must be below 500; a view
that raises fails with the method, the URL, the data and the end of the traceback.

The surfaces are discovered, not listed:

- the routes are every named pattern of the URL resolver (``get_resolver()``);
- each persona crawls the site over a small rich data set (the anonymous crawler's
  ``rich_site`` plus a decision, a round, a memorandum, the forward plan, indicators, a
  theme, a risk, a target, an action and alert tokens), from every route without
  arguments and every route filled with real ids, following same-site links; each
  route's URLs are the ones the crawl found, plus the route filled with generated
  arguments (real ids of any table, so ids of other rows, and ids that cannot exist);
- the query parameter names are those the views read (``request.GET`` in the apps),
  the generic ones, the API's filter serializers' fields, and every field of every
  GET form the crawl found on that route's pages;
- the forms are every ``<form method="post">`` the crawl found, posted by the persona
  who was shown it with its own fields (hidden fields, the CSRF token and the submit
  button kept), some of them replaced by generated values.

Each request runs in a savepoint that is rolled back, so one generated POST (a
cancelled meeting, a deleted row) does not change the site for the next.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from accounts.models import User
from alerts import tokens as alert_tokens
from decisions.models import ForthcomingDecision, Proposal, Round
from meetings.models import Action, Meeting
from partnerships.models import Board, Membership, MemorandumOfUnderstanding, Organisation, Partnership
from reports.models import Indicator, IndicatorTarget, IndicatorValue, Risk, Target, Theme
from tests.meetings.test_anonymous_crawler import LinkParser, rich_site  # noqa: F401

pytestmark = pytest.mark.django_db

# Each surface first gets the nastiest values (below), then this many generated examples.
GET_EXAMPLES = 1  # per route and persona, for a route the persona reached by the crawl
POST_EXAMPLES = 1  # per form and persona
ADMIN_EXAMPLES = 1, 0  # GET and POST per route of the Django admin
URLS_PER_ROUTE = 2  # the crawl follows at most this many URLs of one route (the admin's: one)
MAX_CRAWL = 400  # pages per persona

FUZZ = settings(
    max_examples=GET_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
    report_multiple_bugs=False,
)

# What the views read (grep request.GET and query_params in the apps) and the generic
# names of pagination, filters and formats.
QUERY_NAMES = [
    "all",
    "item",
    "kind",
    "layer",
    "lsp",
    "parent",
    "partnership",
    "period",
    "route",
    "statutory",
    "theme",
    "year",
    "page",
    "page_size",
    "past_page",
    "upcoming_page",
    "q",
    "board",
    "sort",
    "from",
    "to",
    "format",
    "next",
    "decisions",
    "meetings",
    "month",
    "status",
    "organisation",
    "e",
    "o",
    "p",
]

# ---------------------------------------------------------------------------
# Generated values

IMPOSSIBLE_DATES = [
    "2026-02-30",
    "2026-02-29",
    "2025-13-01",
    "2025-00-10",
    "99999-01-01",
    "0000-00-00",
    "-1-01-01",
    "1-1-1",
    "30/02/2026",
    "2026-W99",
    "2026-02-30T25:61:61",
    "9999-12-31",
    "0001-01-01",
]
NUMBERS = [
    "-1",
    "0",
    "00",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "-inf",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "999999999999999999",
    "9" * 400,
    "0x10",
    " 1 ",
    "１２",
]
SLUG_SHAPED = ["no-such-slug", "-", "_", "a" * 300, "2025-26", "2025-26-q9", "rolling-2025-26-q0", "csv", "xlsx"]
# Sent to every parameter and field of every surface before anything generated (with the
# id of a row of the other partnership), after a request with a NUL: governance.middleware
# refuses any request holding one with a 400, so it cannot share a request with the others.
NASTIEST = ["\x0b", "x" * 10_000, "2026-02-30", "99999-01-01", "-1", str(2**63)]
CONTROLS = st.text(st.characters(max_codepoint=0x1F), min_size=1, max_size=8)


def nasty_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
        CONTROLS,
        st.builds(lambda a, c, b: a + c + b, st.text(max_size=5), CONTROLS, st.text(max_size=5)),
        st.sampled_from(["\x00", "a\x00b", "\x00" * 3, "\x0b\x0c\x1b[0m\x7f", "\ufeff\u200b\u202e", "\ufffe\uffff"]),
        st.sampled_from(["x" * 10_000, "é" * 10_000, "9" * 10_000, "\x01" * 10_000, "🙂" * 2_500]),
        st.sampled_from(IMPOSSIBLE_DATES),
        st.sampled_from(NUMBERS),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.sampled_from(SLUG_SHAPED),
        st.sampled_from(["", " ", "on", "true", "'; DROP TABLE x; --", "<script>alert(1)</script>", "%00", "../"]),
    )


def values(pool: list[str]) -> st.SearchStrategy[str]:
    """Generated text, or a real id or slug of some row (a foreign id)."""
    return st.one_of(nasty_text(), st.sampled_from(pool)) if pool else nasty_text()


# ---------------------------------------------------------------------------
# The data set


@pytest.fixture
def fuzz_site(rich_site, board, other_board, seat, officer, other_officer, member, deputy, scrutiny, administrator):  # noqa: F811
    """The anonymous crawler's data, plus a row of each kind its pages and forms name."""
    upcoming = rich_site["upcoming"]
    assert isinstance(upcoming, Meeting)
    public_item = upcoming.items.get(exempt=False)
    proposal = Proposal.objects.create(board=board, item=public_item, title="Adopt the annual plan", text="Adopt it.")
    Round.objects.create(proposal=proposal, number=1, meeting=upcoming, text=proposal.text)
    MemorandumOfUnderstanding.objects.create(
        board=board, version=1, title="Memorandum of understanding", effective_from=dt.date(2024, 4, 1)
    )
    ForthcomingDecision.objects.create(
        board=board,
        title="Adopt the carers' strategy",
        summary="To adopt it.",
        expected_meeting=upcoming,
        created_by=officer,
    )
    indicator = Indicator.objects.create(
        partnership=board.partnership, code="NI 8", slug="ni-8", title="Adults in sport", unit="%", public=True
    )
    IndicatorValue.objects.create(indicator=indicator, period_start=dt.date(2024, 4, 1), value=50)
    IndicatorTarget.objects.create(indicator=indicator, period_start=dt.date(2024, 4, 1), value=55)
    theme = Theme.objects.create(partnership=board.partnership, name="Healthier communities")
    Risk.objects.create(theme=theme, title="Funding ends", owner="Director", opened_on=dt.date(2024, 4, 1))
    target = Target.objects.create(partnership=board.partnership, code="LAA 1", title="More adults active")
    target.indicators.add(indicator)
    Action.objects.create(
        meeting=rich_site["minuted"],
        description="Publish the strategy",
        owner=seat.person,
        due_date=timezone.localdate() + dt.timedelta(days=30),
    )
    return rich_site


# ---------------------------------------------------------------------------
# Discovery


def named_routes() -> dict[str, URLPattern]:
    """Every named pattern of the resolver, by its namespaced name."""
    found: dict[str, URLPattern] = {}

    def walk(patterns: list, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.setdefault(f"{namespace}{pattern.name}", pattern)

    walk(get_resolver().url_patterns, "")
    return found


def route_params(pattern: URLPattern) -> list[str]:
    """The view's own query parameter names: an API list's filter serializer's fields."""
    view_class = getattr(pattern.callback, "view_class", None) or getattr(pattern.callback, "cls", None)
    filters = getattr(view_class, "filters_class", None)
    try:
        return list(filters().fields) if filters else []
    except Exception:  # a serializer that needs context: its names come from the forms
        return []


def id_pool() -> list[str]:
    """Every id of every row of the project's apps (so ids of other rows), and ids that
    cannot exist."""
    ids: set[int] = {0, 1, 13, 2147483647, 2147483648, 999999999999999999}
    for label in ("accounts", "partnerships", "meetings", "decisions", "reports", "alerts"):
        for model in apps.get_app_config(label).get_models():
            ids.update(model.objects.values_list("pk", flat=True)[:50])
            for f in model._meta.fields:
                if isinstance(f, models.PositiveIntegerField | models.PositiveSmallIntegerField | models.IntegerField):
                    ids.update(v for v in model.objects.values_list(f.name, flat=True)[:20] if isinstance(v, int))
    return sorted(str(i) for i in ids if i >= 0)


def slug_pool() -> list[str]:
    slugs: set[str] = set(SLUG_SHAPED)
    for label in ("partnerships", "meetings", "decisions", "reports"):
        for model in apps.get_app_config(label).get_models():
            for f in model._meta.fields:
                if isinstance(f, models.SlugField):
                    slugs.update(model.objects.values_list(f.name, flat=True)[:50])
    return sorted(s for s in slugs if s)


def str_pool() -> list[str]:
    """Values for <str:...> arguments: API ids of rows, alert tokens, and tokens of rows
    that do not exist."""
    found = ["not-a-token", "board-0", "person-999999999999999999", "decision-x", "event--1"]
    found += [f"board-{pk}" for pk in Board.objects.values_list("pk", flat=True)]
    found += [f"partnership-{pk}" for pk in Partnership.objects.values_list("pk", flat=True)]
    found += [f"body-{pk}" for pk in Organisation.objects.values_list("pk", flat=True)]
    found += [f"membership-{pk}" for pk in Membership.objects.values_list("pk", flat=True)]
    found += [f"event-{pk}" for pk in Meeting.objects.values_list("pk", flat=True)]
    found += [f"decision-{pk}" for pk in Proposal.objects.values_list("pk", flat=True)]
    found += [f"vote-event-{pk}" for pk in Round.objects.values_list("pk", flat=True)]
    found += [f"indicator-{pk}" for pk in Indicator.objects.values_list("pk", flat=True)]
    found += [alert_tokens.manage_token(n) for n in (1, 999999)]
    found += [alert_tokens.unsubscribe_token([n]) for n in (1, 999999)]
    found += [alert_tokens.confirm_token(n, timezone.now()) for n in (1, 999999)]
    return found


def filled(name: str, pattern: URLPattern, pools: dict[str, list[str]]) -> st.SearchStrategy[str] | None:
    """The route with generated arguments: real ids and slugs of any row, or values
    that match the converter but name nothing (None for a regex pattern, as the
    admin's: its URLs come from the crawl)."""
    if not isinstance(pattern.pattern, RoutePattern):
        return None
    converters = pattern.pattern.converters
    if not converters:
        return st.just(reverse(name))
    strategies: dict[str, st.SearchStrategy[str]] = {}
    for arg, converter in converters.items():
        kind = type(converter).__name__
        if kind in ("IdConverter", "IntConverter"):
            strategies[arg] = st.one_of(st.sampled_from(pools["id"]), st.integers(0, 10**18 - 1).map(str))
        elif kind == "SlugConverter":
            strategies[arg] = st.one_of(st.sampled_from(pools["slug"]), st.from_regex(r"\A[-a-zA-Z0-9_]{1,80}\Z"))
        else:
            strategies[arg] = st.one_of(
                st.sampled_from(pools["str"]),
                st.text(
                    st.characters(blacklist_categories=("Cs",), blacklist_characters="/"), min_size=1, max_size=300
                ),
            )

    def build(kwargs: dict[str, str]) -> str | None:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            return None

    return st.fixed_dictionaries(strategies).map(build).filter(bool)  # type: ignore[arg-type]


@dataclass
class Form:
    method: str
    action: str
    enctype: str = ""
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> the values it would send
    names: list[str] = field(default_factory=list)  # every field name, in order
    files: list[str] = field(default_factory=list)


class PageParser(LinkParser):
    """Links (LinkParser) and forms: each form's method, action and fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None

    def _add(self, name: str, value: str | None) -> None:
        assert self._form is not None
        if name not in self._form.names:
            self._form.names.append(name)
        if value is not None:
            self._form.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("method", "get").lower(), a.get("action", ""), a.get("enctype", ""))
            self.forms.append(self._form)
        if self._form is None or "name" not in a and tag != "option":
            return
        name = a.get("name", "")
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "file":
                self._form.files.append(name)
                self._add(name, None)
            elif kind in ("checkbox", "radio"):
                self._add(name, a.get("value", "on") if "checked" in a else None)
            elif kind in ("submit", "button", "image", "reset"):
                self._add(name, None)  # sent only by the button pressed
            else:
                self._add(name, a.get("value", ""))
        elif tag == "button":
            self._add(name, None)
        elif tag == "textarea":
            self._textarea = name
            self._add(name, None)
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = name, None, False
            self._add(name, None)
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._add(self._select, value)
                self._select_chosen = True

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select and self._form is not None:
            if not self._select_chosen and self._select_first is not None:
                self._add(self._select, self._select_first)
            self._select = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            self._form.fields.setdefault(self._textarea, [""])
            self._textarea = None


def view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def same_site(base: str, href: str) -> str | None:
    url = urlsplit(urljoin(f"http://testserver{base}", href.strip()))
    if (
        url.scheme not in ("http", "https")
        or url.netloc != "testserver"
        or url.path.startswith(("/static/", "/media/"))
    ):
        return None
    return f"{url.path}?{url.query}" if url.query else url.path


@dataclass
class Surfaces:
    urls: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # route -> URLs
    get_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # route -> GET form fields
    forms: dict[tuple[str, tuple[str, ...]], tuple[str, Form]] = field(default_factory=dict)
    keys: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # URL -> page_key of its page
    pages: int = 0


def discover(client: Client, seeds: list[str], skip: Callable[[str], bool]) -> Surfaces:
    """Breadth-first crawl from the seeds, at most URLS_PER_ROUTE URLs of each route."""
    found = Surfaces()
    queue, queued = list(seeds), set(seeds)
    while queue and found.pages < MAX_CRAWL:
        url = queue.pop(0)
        route = view_name(url)
        seen = found.urls[route] if route else []
        if (
            route is None
            or len(seen) >= (1 if route.startswith("admin:") else URLS_PER_ROUTE)
            or any(urlsplit(u).path == urlsplit(url).path for u in seen)  # another query: a GET form fuzzes it
        ):
            continue
        found.urls[route].append(url)
        response = send(client, "GET", url, {})
        found.keys[url] = page_key(response)
        found.pages += 1
        links: list[str] = []
        if response.status_code in (301, 302) and response.get("Location"):
            links = [response["Location"]]
        elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser = PageParser()
            parser.feed(response.content.decode("utf-8", errors="replace"))
            links = parser.hrefs
            for form in parser.forms:
                target = same_site(url, form.action or url)
                target_route = target and view_name(target)
                if not target or not target_route or skip(target_route):
                    continue
                if form.method == "get":
                    found.get_names[target_route].update(form.names)
                    links.append(target)
                else:
                    key = (target_route, tuple(sorted(form.names)))
                    found.forms.setdefault(key, (target, form))
        for href in links:
            target = same_site(url, href)
            if target and (name := view_name(target)) and not skip(name):  # a link's parameters: filters, sorting
                found.get_names[name].update(k for k, _ in parse_qsl(urlsplit(target).query, keep_blank_values=True))
            if target and target not in queued and name and not skip(name):
                queued.add(target)
                queue.append(target)
    return found


# ---------------------------------------------------------------------------
# Sending


def short(data: Any) -> str:
    text = repr(data)
    return text if len(text) <= 400 else f"{text[:400]}… ({len(text)} characters)"


def send(client: Client, method: str, url: str, data: dict[str, Any]) -> Any:
    """One request in a savepoint rolled back afterwards; a raised exception or a 5xx
    fails with the URL, the data and the end of the traceback."""
    try:
        with transaction.atomic():
            if method == "GET":
                path, _, query = url.partition("?")
                merged = dict(parse_qsl(query, keep_blank_values=True)) | data
                response = client.get(path, merged) if merged else client.get(path)
            else:
                response = client.post(url, data)
            if getattr(response, "streaming", False):
                response.content_bytes = b"".join(response.streaming_content)  # a generator's errors too
            transaction.set_rollback(True)
    except Exception as exc:
        frames = "".join(traceback.format_exception(exc)[-6:])
        raise AssertionError(f"{method} {url} with {short(data)} raised {type(exc).__name__}: {exc}\n{frames}") from exc
    assert response.status_code < 500, f"{method} {url} with {short(data)} answered {response.status_code}"
    return response


def run(examples: int, strategy: st.SearchStrategy[Any], test: Callable[[Any], None]) -> None:
    if not examples:
        return

    @settings(FUZZ, max_examples=examples)
    @given(strategy)
    def fuzz(example: Any) -> None:
        test(example)

    fuzz()


def upload() -> st.SearchStrategy[Any]:
    return st.builds(
        SimpleUploadedFile,
        st.sampled_from(["paper.pdf", "\x01\x1b.pdf", "a" * 300 + ".pdf", "figures.csv", "no-extension", "..pdf"]),
        st.sampled_from(
            [b"", b"%PDF-1.4 garbage", b"MZ\x90\x00", b"\x00" * 100, "a,b\n\x00,é\n".encode(), b"x" * 5000]
        ),
    )


# ---------------------------------------------------------------------------
# The personas and the test

PERSONAS = ["anonymous", "officer", "member", "scrutiny", "administrator"]
NEVER = {"sign-out"}  # a POST that ends the persona's session: the rest would run anonymously
# A route whose page a persona sees exactly as this other persona does is fuzzed by GET
# only as the other (its POST forms are still posted by both).
REFERENCE = {"administrator": "officer", "member": "anonymous", "scrutiny": "anonymous"}
# The Django admin is fuzzed for the project's own models only: each changelist (search,
# ordering, paging, filters) and one change page; the rest is Django's and third parties'.
PROJECT_APPS = ("accounts", "partnerships", "meetings", "decisions", "search", "alerts", "reports", "api", "portal")
ADMIN_FUZZED = re.compile(rf"admin:(?:{'|'.join(PROJECT_APPS)})_[a-z0-9]+_(?:changelist|change)\Z")
ADMIN_QUERY_NAMES = ["q", "o", "p", "all", "e", "_popup", "_to_field", "_changelist_filters"]
# What the admin answers someone who may not use it.
ADMIN_REFUSALS = {301, 302, 400, 403, 404, 405}


def persona_client(persona: str, request: pytest.FixtureRequest) -> Client:
    client = Client()
    if persona != "anonymous":
        user = request.getfixturevalue(persona)
        assert isinstance(user, User)
        client.force_login(user)
    return client


def nastiest(names: list[str], offset: int, foreign: str) -> dict[str, str]:
    """Every name given one of the nastiest values, in turn, so that one request sends all of them."""
    pool = [*NASTIEST, foreign]
    return {n: pool[(i + offset) % len(pool)] for i, n in enumerate(names)}


def fill_with(name: str, pattern: URLPattern, kind: str, foreign: dict[str, str]) -> str | None:
    """The route with every argument the most extreme value its converter takes, or the id
    or slug of a row of the other partnership."""
    if not isinstance(pattern.pattern, RoutePattern) or not pattern.pattern.converters:
        return None
    kwargs = {}
    for arg, converter in pattern.pattern.converters.items():
        converter_kind = type(converter).__name__
        if converter_kind in ("IdConverter", "IntConverter"):
            kwargs[arg] = str(2**63) if kind == "extreme" else foreign["id"]
        elif converter_kind == "SlugConverter":
            kwargs[arg] = "x" * 10_000 if kind == "extreme" else foreign["slug"]
        else:
            kwargs[arg] = "\x00\x0b" + "x" * 10_000 if kind == "extreme" else foreign["str"]
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def admin_url(name: str, pattern: URLPattern) -> str | None:
    """An admin route filled with a real-looking argument (an app label, an id)."""
    regex = pattern.pattern.regex
    for value in ("accounts", "1"):
        try:
            return reverse(name, kwargs={arg: value for arg in regex.groupindex})
        except NoReverseMatch:
            continue
    return None


def page_key(response: Any) -> tuple[int, str, str]:
    """What a persona is shown: the status, the redirect and the main content (the header
    names the user; CSRF tokens differ)."""
    body = getattr(response, "content_bytes", None)
    text = (body if body is not None else response.content).decode("utf-8", errors="replace")
    if "html" in response.get("Content-Type", ""):
        main = re.search(r"<main.*</main>", text, re.S)
        text = main.group(0) if main else text
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    return response.status_code, response.get("Location", ""), text


def refused(response: Any) -> bool:
    """A redirect to a sign-in page, or a 403: the view refused before reading any input."""
    if response.status_code == 403:
        return True
    location = response.get("Location", "") if response.status_code in (301, 302) else ""
    return location.startswith((reverse("sign-in"), reverse("admin:login")))


@pytest.mark.parametrize("persona", PERSONAS)
def test_generated_input_to_every_page_and_form_never_gives_a_5xx(persona, fuzz_site, other_board, request, settings):
    settings.API_ANON_RATE = "1000000/min"  # every API address is asked many times: no throttling here
    cache.clear()
    client = persona_client(persona, request)
    routes = named_routes()
    pools = {"id": id_pool(), "slug": slug_pool(), "str": str_pool()}
    foreign = {"id": str(other_board.pk), "slug": other_board.slug, "str": f"board-{other_board.pk}"}
    administrator = persona == "administrator"

    def skip(name: str) -> bool:
        return name in NEVER or (name.startswith("admin:") and not (administrator and ADMIN_FUZZED.match(name)))

    # Seeds: every route without arguments, and every route filled with real rows.
    seeds: list[str] = []
    for name, pattern in routes.items():
        if skip(name):
            continue
        if isinstance(pattern.pattern, RoutePattern) and not pattern.pattern.converters:
            seeds.append(reverse(name))
    seeds += [m.get_absolute_url() for m in Meeting.objects.all()]
    seeds += [reverse("meetings:manage_meeting", args=[m.pk]) for m in Meeting.objects.all()]
    seeds += [reverse("alerts:manage", args=[alert_tokens.manage_token(1)])]
    seeds += [
        reverse("alerts:subscribe") + "?decisions",
        reverse("alerts:subscribe") + "?partnership=health-and-well-being",
    ]
    found = discover(client, list(dict.fromkeys(seeds)), skip)

    failures: list[str] = []
    requests = {"GET": 0, "POST": 0}

    def attempt(what: str, check: Callable[[], None]) -> None:
        try:
            check()
        except Exception as exc:  # one surface's failure must not hide the others'
            failures.append(f"{what}: {exc}")

    def get(example: tuple[str, dict[str, str]]) -> Any:
        requests["GET"] += 1
        return send(client, "GET", *example)

    def refuse(name: str, url: str, data: dict[str, str]) -> None:
        response = get((url, data))
        if name != "admin:login":  # the admin's sign-in page is shown to anyone
            assert response.status_code in ADMIN_REFUSALS, (
                f"GET {url} with {short(data)} answered {response.status_code} to {persona}"
            )

    def fuzz_get(first: str, extreme: str | None, names: list[str], index: int, strategy: Any, examples: int) -> None:
        get((first, {names[index % len(names)]: "\x00"}))
        if refused(get((first, nastiest(names, index, foreign["id"])))):
            return
        if extreme:
            get((extreme, nastiest(names, index + 1, foreign["id"])))
        run(examples, strategy, get)

    def post(target: str, base: dict[str, Any], example: tuple[dict[str, Any], ...]) -> None:
        requests["POST"] += 1
        data = {**base, **example[2], **example[0], **example[1]}
        send(client, "POST", target, data)

    def fuzz_post(
        target: str, base: dict[str, Any], form: Form, texts: list[str], index: int, strategy: Any, examples: int
    ) -> None:
        hostile = {n: SimpleUploadedFile("\x01\x1b" + "a" * 300 + ".pdf", b"%PDF-1.4 \x00garbage") for n in form.files}
        if texts:
            post(target, base, ({texts[index % len(texts)]: "a\x00b"}, {}, {}))
        post(target, base, (nastiest(texts, index, foreign["id"]), hostile, {}))
        run(examples, strategy, partial(post, target, base))

    # The admin refuses whoever is not staff, whatever they send: one request per route.
    admin_checked = 0
    if persona in ("anonymous", "officer"):
        for name, pattern in sorted(routes.items()):
            url = admin_url(name, pattern) if name.startswith("admin:") else None
            if not url:
                continue
            admin_checked += 1

            attempt(
                f"GET {name}", partial(refuse, name, url, nastiest(ADMIN_QUERY_NAMES, admin_checked, foreign["id"]))
            )

    # Pages this persona sees as its reference persona does are fuzzed as that persona.
    same_as_reference: set[str] = set()
    if persona in REFERENCE:
        other = persona_client(REFERENCE[persona], request)
        for name, urls in found.urls.items():
            if (
                urls
                and not name.startswith("admin:")
                and page_key(send(other, "GET", urls[0], {})) == found.keys[urls[0]]
            ):
                same_as_reference.add(name)

    # GET: every route, its crawled URLs or generated arguments, and generated parameters:
    # first the nastiest values in every parameter (and in the path's arguments), then a
    # few generated ones, unless the view refused the persona outright.
    get_surfaces = 0
    for index, (name, pattern) in enumerate(sorted(routes.items())):
        if skip(name) or name in same_as_reference:
            continue
        urls = found.urls.get(name, [])
        if not urls and persona in ("member", "scrutiny", "administrator"):
            continue  # what they cannot reach is fuzzed anonymously and as the officer
        generated = filled(name, pattern, pools)
        first = urls[0] if urls else fill_with(name, pattern, "foreign", foreign)
        if first is None:
            continue
        extreme = fill_with(name, pattern, "extreme", foreign)
        choices = [st.sampled_from(urls)] if urls else []
        if generated is not None:
            choices.append(generated)
        names = sorted(set(QUERY_NAMES) | set(route_params(pattern)) | found.get_names.get(name, set()))
        if name.startswith("admin:"):
            names = sorted(set(names) | set(ADMIN_QUERY_NAMES))
        params = st.dictionaries(st.sampled_from(names), values(pools["id"] + pools["slug"]), max_size=4)
        get_surfaces += 1

        strategy = st.tuples(st.one_of(choices), params)
        examples = ADMIN_EXAMPLES[0] if name.startswith("admin:") else GET_EXAMPLES if urls else 0
        attempt(f"GET {name}", partial(fuzz_get, first, extreme, names, index, strategy, examples))

    # POST: every form the persona was shown: first every field the nastiest values, then
    # a few generated changes to some of its fields.
    for index, ((name, _), (target, form)) in enumerate(sorted(found.forms.items())):
        if not form.names:
            continue
        pool = pools["id"] + pools["slug"]
        base = {k: v if len(v) > 1 else v[0] for k, v in form.fields.items() if v}
        texts = [n for n in form.names if n not in form.files and n != "csrfmiddlewaretoken"]
        buttons = [n for n in form.names if n not in form.fields and n not in form.files]  # unchecked ones too
        changes = st.dictionaries(st.sampled_from(texts), values(pool), min_size=1) if texts else st.just({})
        uploads = st.fixed_dictionaries({n: upload() for n in form.files}) if form.files else st.just({})
        pressed = st.sampled_from(buttons).map(lambda b: {b: ""}) if buttons else st.just({})

        strategy = st.tuples(changes, uploads, pressed)
        examples = ADMIN_EXAMPLES[1] if name.startswith("admin:") else POST_EXAMPLES
        attempt(f"POST {name} {target}", partial(fuzz_post, target, base, form, texts, index, strategy, examples))

    print(
        f"\n{persona}: crawled {found.pages} pages; {len(same_as_reference)} routes as {REFERENCE.get(persona)} sees them; "
        f"fuzzed {get_surfaces} routes by GET and {len(found.forms)} forms by POST; {admin_checked} admin routes refused; "
        f"{requests['GET']} GET and {requests['POST']} POST requests"
    )
    assert len(found.urls) > 20, "the crawl found too few pages: the data set or the seeds are broken"
    if persona != "anonymous":
        assert found.forms, f"{persona} was shown no form: the crawl did not reach the forms"
    if administrator:
        assert sum(n.startswith("admin:") for n in found.urls) > 20, "the admin's changelists were not crawled"
    assert not failures, f"{len(failures)} surfaces gave a 5xx or raised:\n\n" + "\n\n".join(failures)


def test_anonymous_forms_are_among_the_surfaces(fuzz_site, request) -> None:
    """The sign-in and alert forms are reached by the anonymous crawl (the fuzz above
    would pass vacuously for them otherwise)."""
    client = persona_client("anonymous", request)
    seeds = [
        reverse("sign-in"),
        reverse("alerts:index"),
        reverse("alerts:subscribe"),
        reverse("alerts:manage_request"),
        reverse("alerts:manage", args=[alert_tokens.manage_token(1)]),
    ]
    found = discover(client, seeds, lambda name: name in NEVER or name.startswith("admin:"))
    posted = {name for name, _ in found.forms}
    assert {"sign-in", "alerts:subscribe", "alerts:manage_request"} <= posted, posted
