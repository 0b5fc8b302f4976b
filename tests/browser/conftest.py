"""Browser tests: Debian's Chromium driven headless through Playwright for Python,
every visited page checked with axe-core, full-page screenshots kept for review.

* ``browser`` (session): one headless Chromium for the whole run. It is the
  system /usr/bin/chromium, never a browser downloaded by ``playwright install``.
* ``page`` (per test): a page in a fresh browser context (own cookies and
  storage), closed after the test; a failing test leaves a screenshot.
* ``page_errors`` (per test): what went wrong in ``page`` without failing the test
  by itself: console errors (e.g. a script or style refused by the Content Security
  Policy), uncaught exceptions, subresources answered 4xx/5xx or not loaded.
* ``assert_no_axe_violations(page)``: axe-core with the WCAG 2.0, 2.1 and 2.2 A
  and AA rules; fails with one readable line per violation.
* ``save_screenshot(page, name)``: a full-page PNG in test-artifacts/screenshots/.
* ``assert_styled(page)``: the stylesheet (Arial) and the GOV.UK Frontend module loaded.
* Celery tasks run eagerly in every browser test (autouse ``_tasks_in_the_live_server``):
  a render or search-index task then finishes inside the request that queued it. Sent
  to the session's real worker (started by the worker tests, which exercise it), it
  would run concurrently with the test's database flush and could deadlock with it.

Django's ORM refuses to run in a thread with a running asyncio event loop, and
the Playwright sync API keeps its loop marked as running in the test thread for
as long as Playwright is started. The ``browser`` fixture therefore sets
DJANGO_ALLOW_ASYNC_UNSAFE while Playwright runs (the live server answers from its
own thread, unaffected), and the browser tests are moved to the end of the run
so that no other test shares the thread with that loop.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = PROJECT_ROOT / "test-artifacts" / "screenshots"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 15_000

# axe-core tags: WCAG 2.0, 2.1 and 2.2 at levels A and AA. (WCAG 2.2 added no
# level A rule to axe-core; "wcag22a" does not exist as a tag.)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_MAX_TARGETS = 3


# ---------------------------------------------------------------------------
# Collection: browser tests last


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests after every other test (keeping each group's order,
    including pytest-django's database ordering), so that Playwright's event loop,
    alive from the first browser test to the end of the session, is never running
    under a test that does not expect it."""
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if browser_items:
        others = [item for item in items if not item.get_closest_marker("browser")]
        items[:] = others + browser_items


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Remember each phase's report on the item, so that ``page`` can tell a failure."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# ---------------------------------------------------------------------------
# Browser and page


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (make system-deps)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    for stale in SCREENSHOT_DIR.glob("FAILED-*.png"):  # left by an earlier run
        stale.unlink(missing_ok=True)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _tasks_in_the_live_server(eager_tasks: None) -> None:
    """Every browser test runs its Celery tasks in the live server's thread."""


@pytest.fixture(autouse=True)
def _page_cache_as_in_production(settings: Any) -> None:
    """The walks go through the page cache as production's visitors do (public pages
    kept for anonymous visitors, signed-in pages for their browser): each step must
    still show what the step before it changed, and a banner once."""
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def page_errors() -> list[str]:
    """Console errors, uncaught exceptions and failed subresources of ``page``, in order."""
    return []


@pytest.fixture
def page(browser: Browser, page_errors: list[str], request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    new_page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        # A failed load is reported by on_response, which can tell a page deliberately
        # answered with an error status (a form with errors is a 400) from a subresource.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            page_errors.append(f"console: {message.text}")

    def on_response(response: Response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            page_errors.append(f"HTTP {response.status}: {response.request.resource_type} {response.url}")

    new_page.on("console", on_console)
    new_page.on("pageerror", lambda error: page_errors.append(f"uncaught: {error}"))
    new_page.on("response", on_response)

    def on_request_failed(request: Request) -> None:
        # A request the browser itself cancelled (the page navigated away while the
        # favicon was loading) says nothing about the portal; a refused one does.
        if request.failure != "net::ERR_ABORTED":
            page_errors.append(f"failed: {request.url} ({request.failure})")

    new_page.on("requestfailed", on_request_failed)
    try:
        yield new_page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed and not new_page.is_closed():
            try:
                save_screenshot(new_page, f"FAILED-{request.node.name}")
            except Exception:  # noqa: BLE001 - a failed screenshot must not hide the test failure
                pass
        context.close()


# ---------------------------------------------------------------------------
# Helpers


def save_screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG as test-artifacts/screenshots/<name>.png and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    filename = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "screenshot"
    path = SCREENSHOT_DIR / f"{filename}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
    assert path.stat().st_size > 0, f"empty screenshot {path}"
    return path


def assert_styled(page: Page) -> None:
    """The page got its stylesheet and ran GOV.UK Frontend's module under the Content
    Security Policy (``js-enabled`` and ``govuk-frontend-supported`` on <body>).

    GOV.UK Frontend sets no font on <body> itself (only on its classes, so body stays
    at the browser default), so the font is checked on the service name in the header.
    """
    state = page.evaluate(
        """() => {
            const sheet = Array.from(document.styleSheets)
                .find((s) => s.href && new URL(s.href).pathname === "/static/css/accord.css");
            const name = document.querySelector(".govuk-header__service-name");
            return {
                rules: sheet ? sheet.cssRules.length : 0,
                bodyMargin: getComputedStyle(document.body).marginTop,
                font: name ? getComputedStyle(name).fontFamily : "",
            };
        }"""
    )
    assert state["rules"] > 100, f"accord.css did not load: {state}"
    assert state["bodyMargin"] == "0px", f"accord.css is not applied: {state}"
    assert "arial" in state["font"].lower(), f"the text is not in Arial: {state}"
    page.wait_for_function("() => document.body.classList.contains('js-enabled')")
    assert "govuk-frontend-supported" in page.evaluate("document.body.className")


def assert_no_axe_violations(
    page: Page,
    *,
    context: str | list[Any] | dict[str, Any] | None = None,
    disable_rules: Sequence[str] = (),
) -> dict[str, Any]:
    """Run axe-core on the page (WCAG 2.0/2.1/2.2 A and AA) and fail with a readable
    list of violations. Returns axe's results (violations only).

    axe is injected with page.evaluate, which goes through the DevTools protocol and
    is not subject to the page's Content Security Policy (script-src 'self').
    """
    from axe_playwright_python.sync_playwright import Axe

    options: dict[str, Any] = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "resultTypes": ["violations"],
    }
    if disable_rules:
        options["rules"] = {rule: {"enabled": False} for rule in disable_rules}
    results = Axe().run(page, context=context, options=options).response
    assert results.get("testEngine", {}).get("name") == "axe-core", "axe-core did not run"

    violations = results["violations"]
    if violations:
        lines = [f"{len(violations)} axe violation(s) on {page.url} (tags: {', '.join(AXE_TAGS)}):"]
        for violation in violations:
            nodes = violation["nodes"]
            targets = [" ".join(map(str, node["target"])) for node in nodes[:AXE_MAX_TARGETS]]
            more = f" (+{len(nodes) - AXE_MAX_TARGETS} more)" if len(nodes) > AXE_MAX_TARGETS else ""
            lines.append(
                f"- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation['help']}\n"
                f"    at: {' | '.join(targets)}{more}\n"
                f"    see: {violation.get('helpUrl', '')}"
            )
        pytest.fail("\n".join(lines), pytrace=False)
    return results
