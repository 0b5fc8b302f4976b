"""Nothing unpublished or exempt is reachable anonymously, by page, feed or file URL
(SPEC §6, §8 "Nothing lost, nothing leaked").

A rich data set hides a unique marker in everything the public must not see. A
crawler then walks the site as an anonymous visitor from "/" and the public meeting
pages and feeds, following every same-site link breadth-first, and also asks for
every URL an attacker could guess: each paper version's download, each meeting's
page, each file under MEDIA_URL and the back office. No response may contain a
marker, and no non-public file may be served.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    ExemptCategory,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
    Purpose,
)
from partnerships.models import Board, Membership

EXEMPT = "EXEMPT-MARKER-7f3a"
UNPUBLISHED = "UNPUBLISHED-MARKER-c41e"
UNPUBLISHED_MEETING = "UNPUBLISHED-MEETING-MARKER-09bd"
DRAFT_MINUTES = "DRAFT-MINUTES-MARKER-5a2c"
DRAFT_VERSION = "DRAFT-VERSION-MARKER-e6f1"
MARKERS = [EXEMPT, UNPUBLISHED, UNPUBLISHED_MEETING, DRAFT_MINUTES, DRAFT_VERSION]

# What the public may see, so the crawl can prove it really reached the content.
PUBLIC_PAPER_TEXT = "PUBLIC-PAPER-CONTENT-ok"
PUBLIC_MINUTE_TEXT = "PUBLIC-MINUTE-ok"

MAX_PAGES = 800


class LinkParser(HTMLParser):
    """Collects href of <a> and <link> (HTML pages and Atom feeds alike)."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "link"):
            for name, value in attrs:
                if name == "href" and value:
                    self.hrefs.append(value)

    handle_startendtag = handle_starttag


def write_version(paper: Paper, number: int, content: str, *, published: bool) -> PaperVersion:
    name = default_storage.save(f"papers/2030/05/paper-{paper.pk}-v{number}.pdf", ContentFile(f"%PDF-1.4\n{content}\n"))
    return PaperVersion.objects.create(
        paper=paper,
        number=number,
        file=name,
        original_name=f"{paper.title}.pdf",
        content_type="application/pdf",
        size=default_storage.size(name),
        sha256="0" * 64,
        published_at=timezone.now() - dt.timedelta(days=12 - number) if published else None,
    )


def item(meeting: Meeting, order: int, title: str, **extra) -> AgendaItem:
    return AgendaItem.objects.create(meeting=meeting, order=order, title=title, **extra)


def paper(agenda_item: AgendaItem, title: str, *, published: bool = True, **extra) -> Paper:
    return Paper.objects.create(
        item=agenda_item,
        title=title,
        published_at=timezone.now() - dt.timedelta(days=12) if published else None,
        **extra,
    )


def exempt_item(meeting: Meeting, order: int, seat: Membership) -> AgendaItem:
    """An exempt item with the marker in its title, description, lead officer, minute,
    a declaration, and a published paper whose title and file carry the marker."""
    secret = item(
        meeting,
        order,
        f"Acquisition of land {EXEMPT}",
        description=f"Price and vendor {EXEMPT}",
        lead_officer=f"Head of estates {EXEMPT}",
        exempt=True,
        exempt_category=ExemptCategory.FINANCIAL,
        minutes=f"Agreed the price {EXEMPT}",
        urgent_reason=f"Urgent {EXEMPT}",
        purpose=Purpose.DECISION,
    )
    Declaration.objects.create(item=secret, membership=seat, nature=f"Owns adjoining land {EXEMPT}", withdraws=True)
    valuation = paper(secret, f"Valuation {EXEMPT}", late=True, late_reason=f"Late {EXEMPT}", chair_agreed_urgent=True)
    write_version(valuation, 1, f"valuation content {EXEMPT}", published=True)
    write_version(valuation, 2, f"revised valuation {EXEMPT}", published=True)
    return secret


@pytest.fixture
def rich_site(db, settings, tmp_path, board: Board, other_board: Board, seat: Membership) -> dict[str, object]:
    """Everything created in the test's transaction; files under a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    now = timezone.now()

    # 1. An upcoming published meeting: a public item with a public paper (replaced
    #    once, both versions published), a published paper whose first draft version
    #    was never published, an unpublished paper made available to members, and an
    #    exempt item.
    upcoming = Meeting.objects.create(
        board=board,
        start=now + dt.timedelta(days=21),
        venue="County Hall",
        status=MeetingStatus.AGENDA_PUBLISHED,
        agenda_published_at=now - dt.timedelta(days=1),
        title="Upcoming public meeting",
    )
    plan_item = item(upcoming, 1, "Annual plan", purpose=Purpose.DECISION, lead_officer="Director of Public Health")
    plan = paper(plan_item, "Annual plan 2030")
    write_version(plan, 1, f"{PUBLIC_PAPER_TEXT} first", published=True)
    write_version(plan, 2, f"{PUBLIC_PAPER_TEXT} second", published=True)
    figures = paper(plan_item, "Budget figures")
    write_version(figures, 1, f"first draft {DRAFT_VERSION}", published=False)
    write_version(figures, 2, f"{PUBLIC_PAPER_TEXT} figures", published=True)
    appendix = paper(
        plan_item, f"Draft appendix {UNPUBLISHED}", published=False, available_to_members=True, author_name=UNPUBLISHED
    )
    write_version(appendix, 1, f"appendix {UNPUBLISHED}", published=False)
    exempt_item(upcoming, 2, seat)

    # 2. A held meeting with draft minutes (minutes written, not published).
    drafted = Meeting.objects.create(
        board=board,
        start=now - dt.timedelta(days=14),
        venue="County Hall",
        status=MeetingStatus.MINUTES_DRAFT,
        agenda_published_at=now - dt.timedelta(days=30),
        title="Meeting with draft minutes",
    )
    drafted_item = item(drafted, 1, "Performance report", minutes=f"The board noted {DRAFT_MINUTES}")
    Declaration.objects.create(item=drafted_item, membership=seat, nature=f"Trustee {DRAFT_MINUTES}")
    Attendance.objects.create(meeting=drafted, membership=seat, person=seat.person, status=AttendanceStatus.APOLOGIES)
    exempt_item(drafted, 2, seat)

    # 3. A meeting whose minutes are published, with an exempt item among them.
    minuted = Meeting.objects.create(
        board=board,
        start=now - dt.timedelta(days=60),
        venue="County Hall",
        status=MeetingStatus.MINUTES_PUBLISHED,
        agenda_published_at=now - dt.timedelta(days=75),
        minutes_published_at=now - dt.timedelta(days=3),
        title="Meeting with published minutes",
    )
    item(minuted, 1, "Housing strategy", minutes=f"The board agreed the strategy {PUBLIC_MINUTE_TEXT}")
    Attendance.objects.create(meeting=minuted, membership=seat, person=seat.person, status=AttendanceStatus.PRESENT)
    exempt_item(minuted, 2, seat)

    # 4. Unpublished meetings: one scheduled, one cancelled before publication, each
    #    with items and a paper that is itself marked published.
    for offset, status in ((35, MeetingStatus.SCHEDULED), (49, MeetingStatus.CANCELLED)):
        hidden = Meeting.objects.create(
            board=board if status == MeetingStatus.SCHEDULED else other_board,
            start=now + dt.timedelta(days=offset),
            venue=f"Secret venue {UNPUBLISHED_MEETING}",
            status=status,
            title=f"Planning {UNPUBLISHED_MEETING}",
            cancelled_reason=f"Reason {UNPUBLISHED_MEETING}" if status == MeetingStatus.CANCELLED else "",
        )
        hidden_item = item(hidden, 1, f"Item {UNPUBLISHED_MEETING}", description=UNPUBLISHED_MEETING)
        hidden_paper = paper(hidden_item, f"Paper {UNPUBLISHED_MEETING}", available_to_members=True)
        write_version(hidden_paper, 1, f"content {UNPUBLISHED_MEETING}", published=True)
        exempt_item(hidden, 2, seat)

    return {"upcoming": upcoming, "drafted": drafted, "minuted": minuted, "plan": plan, "figures": figures}


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def leaks(response, body: bytes) -> list[str]:
    """Markers found in the body or any header (download names come from titles)."""
    text = body.decode("utf-8", errors="replace").lower()
    headers = " ".join(f"{k}: {v}" for k, v in response.items()).lower()
    return [m for m in MARKERS if m.lower() in text or m.lower() in headers]


def normalise(base: str, href: str) -> str | None:
    """A same-site path (and query) to GET, or None for links we do not follow."""
    url = urlsplit(urljoin(base, href.strip()))
    if url.scheme not in ("http", "https", "") or url.netloc not in ("", "testserver"):
        return None
    path = url.path or "/"
    if path.startswith("/static/"):  # the stylesheet and scripts hold no data
        return None
    if path in ("/sign-out/",):  # a POST-only action; the crawler only reads
        return None
    if path == "/sign-in/":  # the same form whatever page it returns to
        return path
    return f"{path}?{url.query}" if url.query else path


def crawl(client, seeds: list[str]) -> dict[str, tuple[int, bytes, list[str]]]:
    """Breadth-first GET of every same-site link from the seeds."""
    seen: dict[str, tuple[int, bytes, list[str]]] = {}
    queue = deque(seeds)
    queued = set(seeds)
    while queue:
        url = queue.popleft()
        response = client.get(url)
        body = body_of(response)
        seen[url] = (response.status_code, body, leaks(response, body))
        assert len(seen) <= MAX_PAGES, "The crawl did not end: a page links to endless other pages"
        content_type = response.get("Content-Type", "")
        if response.status_code in (301, 302) and response.get("Location"):
            links = [response["Location"]]
        elif response.status_code == 200 and any(t in content_type for t in ("html", "xml")):
            parser = LinkParser()
            parser.feed(body.decode("utf-8", errors="replace"))
            links = parser.hrefs
        else:
            links = []
        for href in links:
            target = normalise(f"http://testserver{url}", href)
            if target is not None and target not in queued:
                queued.add(target)
                queue.append(target)
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", ["anonymous", "signed-in scrutiny councillor"])
def test_no_unpublished_or_exempt_material_is_reachable(client, rich_site, board, scrutiny, visitor):
    if visitor != "anonymous":
        client.force_login(scrutiny)  # signed in, but servicing nothing and sitting on no board
    board_args = [board.partnership.slug, board.slug]
    today = timezone.localdate()
    seeds = [
        "/",
        reverse("meetings:list"),
        reverse("meetings:board_list", args=board_args),
        reverse("meetings:calendar", args=[today.year, today.month]),
        reverse("meetings:board_calendar", args=[*board_args, today.year, today.month]),
        reverse("meetings:ics"),
        reverse("meetings:board_ics", args=board_args),
        reverse("meetings:documents_rss"),
        reverse("meetings:documents_atom"),
        reverse("meetings:board_documents_rss", args=board_args),
        reverse("meetings:board_documents_atom", args=board_args),
        board.get_absolute_url(),
    ]

    visited = crawl(client, seeds)

    leaked = {url: found for url, (_, _, found) in visited.items() if found}
    assert not leaked, f"Markers reachable by following links: {leaked}"
    assert not [url for url, (status, _, _) in visited.items() if status >= 500]

    # The crawl really reached the public content (the test would pass vacuously otherwise).
    upcoming, minuted = rich_site["upcoming"], rich_site["minuted"]
    assert visited[upcoming.get_absolute_url()][0] == 200
    assert PUBLIC_MINUTE_TEXT.encode() in visited[minuted.get_absolute_url()][1]
    served = [body for (status, body, _) in visited.values() if status == 200 and body.startswith(b"%PDF")]
    assert len(served) == 3  # two versions of the plan, the published version of the figures
    assert all(PUBLIC_PAPER_TEXT.encode() in body for body in served)

    # Every URL that could be guessed.
    public_ids = set(PaperVersion.objects.public().values_list("pk", flat=True))
    guessed_versions = 0
    for version in PaperVersion.objects.select_related("paper__item"):
        url = reverse("meetings:paper_download", args=[version.paper.item.meeting_id, version.paper_id, version.number])
        response = client.get(url)
        body = body_of(response)
        if version.pk in public_ids:
            assert response.status_code == 200, url
        else:
            guessed_versions += 1
            assert response.status_code == 404, url
            assert not body.startswith(b"%PDF"), url
        assert not leaks(response, body), url
        media = client.get(f"/media/{version.file.name}")
        assert media.status_code == 404
        assert not leaks(media, body_of(media))
    assert guessed_versions >= 10

    for meeting in Meeting.objects.all():
        response = client.get(meeting.get_absolute_url())
        assert response.status_code == (200 if meeting.agenda_published_at else 404)
        assert not leaks(response, body_of(response)), meeting.get_absolute_url()

    for url in ("/admin/", "/admin/meetings/paper/", "/admin/meetings/paperversion/", "/manage/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert not leaks(response, body_of(response)), url
