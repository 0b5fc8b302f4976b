"""Item 18, WCAG 2.2 1.4.10 Reflow: every page fits a 320 CSS px wide screen without
scrolling sideways (`document.documentElement.scrollWidth <= clientWidth`). Wide tables
scroll inside their own region; nothing else may be wider than the screen.

With the demo loaded, the officer signs in on a 320 px wide browser and the test walks
every page reachable from the dashboard and the register by following links: at most
two pages of each kind (URL name) and the public pages the officer passes through.
Each page is saved as a full-page screenshot under REFLOW_SCREENSHOTS (default
/tmp/accord-reflow), outside the repository, for a person to look at.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import User
from meetings import reminders
from meetings.models import Meeting, SentReminder

from .conftest import TIMEOUT_MS

SCREENSHOTS = Path(os.environ.get("REFLOW_SCREENSHOTS", "/tmp/accord-reflow"))
WIDTH = 320
PER_KIND = 2
MAX_PAGES = 200
DEMO_PASSWORD = "accord-demo-2026"

# Not pages: feeds, calendars, PDFs, downloads, JSON; the back office is Django's own.
NOT_PAGES = {
    "meetings:ics",
    "meetings:board_ics",
    "meetings:documents_rss",
    "meetings:documents_atom",
    "meetings:board_documents_rss",
    "meetings:board_documents_atom",
    "meetings:agenda_pack",
    "meetings:minutes_pdf",
    "meetings:documents_status",
    "meetings:paper_download",
    "meetings:partnership_ics",
    "meetings:partnership_documents_rss",
    "meetings:partnership_documents_atom",
    "decisions:register_rss",
    "decisions:register_atom",
    "decisions:partnership_rss",
    "decisions:partnership_atom",
    "decisions:decision_rss",
    "decisions:decision_atom",
    "decisions:forward_plan_rss",
    "decisions:forward_plan_ics",
    "reports:export",
    "reports:report_pdf_download",
    "reports:values_template",
    "sign-in",
    "sign-out",
}

# The officer pages the walk must reach (the brief of item 18), by URL name.
MUST_VISIT = {
    "manage:dashboard",
    "manage:partnership_edit",
    "manage:board_edit",
    "manage:membership_new",
    "manage:membership_edit",
    "meetings:manage_board_meetings",
    "meetings:manage_meeting",
    "meetings:manage_attendance",
    "meetings:manage_minutes",
    "meetings:reminders",
    "decisions:manage_list",
    "decisions:manage",
    "meetings:member_home",
    "decisions:awaiting",
}

# The widest elements that stick out of the screen, for the failure message. An element
# inside a region that scrolls on its own (an .app-table-container) does not count.
OVERFLOW_JS = """(width) => {
    const inScroller = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const style = getComputedStyle(p);
            if (["auto", "scroll"].includes(style.overflowX) && p.clientWidth < p.scrollWidth) return true;
        }
        return false;
    };
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 0.5 && box.width > 0 && !inScroller(el)) {
            const cls = typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "";
            out.push(`${el.tagName.toLowerCase()}${cls} (right edge ${Math.round(box.right)}px)`);
        }
    }
    return out.slice(-3);
}"""


def sent_reminders() -> None:
    """The reminders page as the officer sees it after some weeks of `make run`: the
    demo itself sends none (its history is replayed with side effects paused)."""
    officer = User.objects.get(username="officer")
    meetings = list(Meeting.objects.filter(board__partnership__officers=officer).select_related("board__partnership"))
    kinds = list(reminders.KIND_LABELS)
    SentReminder.objects.bulk_create(
        SentReminder(
            kind=kinds[n % len(kinds)],
            key=f"reflow:{n}",
            recipient=f"commissioning.officer.{n}@oxfordshire-primary-care-trust.example",
            subject=f"Paper due by 4 March 2027: {meeting.board.name} joint commissioning strategy 2027-2030",
            meeting=meeting,
            partnership=meeting.board.partnership,
            sent_at=timezone.now(),
        )
        for n, meeting in enumerate(meetings[:25])
    )


def url_name(path: str) -> str | None:
    """The kind of page: its URL name, with the step for the decision steps (each step
    is its own form)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    verb = match.kwargs.get("verb")
    return f"{match.view_name}:{verb}" if verb else match.view_name


def page_width(page: Page) -> tuple[int, int]:
    return page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")


def links(page: Page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("main a[href], header a[href], nav a[href]", "(as) => as.map((a) => a.href)")
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or parts.path.startswith(("/admin/", "/static/")):
            continue
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


@dataclass
class Walk:
    """The pages visited so far (at most PER_KIND of each kind) and those that scroll sideways."""

    origin: str
    visited: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    too_wide: list[str] = field(default_factory=list)

    def run(self, page: Page, start: list[str], allowed: Callable[[str], bool] = bool) -> None:
        """Visit the pages reachable from `start` by following links, measure each and
        save its screenshot."""
        queue = list(start)
        seen: set[str] = set()
        while queue and len(self.visited) < MAX_PAGES:
            path = queue.pop(0)
            name = url_name(urlsplit(path).path)
            if (
                path in seen
                or name is None
                or name in NOT_PAGES
                or name.startswith(("admin:", "api:"))
                or not allowed(name)
            ):
                continue
            seen.add(path)
            if self.kinds[name] >= PER_KIND:
                continue
            self.kinds[name] += 1
            self.measure(page, path, name)
            queue.extend(link for link in links(page, self.origin) if link not in seen)

    def measure(self, page: Page, path: str, name: str) -> None:
        response = page.goto(self.origin + path)
        assert response is not None and response.status < 500, f"{path} answered {response and response.status}"
        self.visited.append(f"{name} {path}")
        scroll_width, client_width = page_width(page)
        shot = f"{len(self.visited):03d}-{name.replace(':', '-')}.png"
        page.screenshot(path=str(SCREENSHOTS / shot), full_page=True, animations="disabled", caret="hide")
        if scroll_width > client_width:
            culprits = "; ".join(page.evaluate(OVERFLOW_JS, client_width))
            self.too_wide.append(f"{path} ({name}): {scroll_width}px wide > {client_width}px: {culprits}")


def sign_in(browser: Browser, origin: str, username: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": WIDTH, "height": 640}, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(origin + "/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("banner")).to_contain_text("Sign out")
    return context, page


MEMBER_PAGES = {"meetings:member_home", "meetings:declare", "decisions:awaiting", "decisions:position"}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_officer_page_fits_a_320_px_screen(live_server, browser: Browser, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load_demo", "--no-documents", stdout=StringIO())
    sent_reminders()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    walk = Walk(live_server.url)

    for username, start, allowed in [
        ("officer", ["/manage/", "/manage/reminders/", "/manage/decisions/", "/"], bool),
        # The member's own pages too: their meetings, declarations and positions.
        ("member", ["/my/", "/decisions/my/"], MEMBER_PAGES.__contains__),
    ]:
        context, page = sign_in(browser, walk.origin, username)
        try:
            walk.run(page, start, allowed)
        finally:
            context.close()

    (SCREENSHOTS / "visited.txt").write_text("\n".join(walk.visited) + "\n")
    missing = MUST_VISIT - set(walk.kinds)
    assert not missing, f"the walk did not reach {sorted(missing)}"
    assert not walk.too_wide, f"{len(walk.too_wide)} of {len(walk.visited)} pages scroll sideways at {WIDTH}px:\n" + (
        "\n".join(walk.too_wide)
    )
