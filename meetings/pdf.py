"""The agenda pack and the minutes as PDFs (SPEC §4 "Minutes", §8 "Background work").

Both are rendered by a Celery task (meetings.tasks.render_meeting_documents) with
WeasyPrint from a Django template, stored under a fresh name each time, and rendered
again only when their public content changes: the content is gathered into one
JSON-able dict, its sha256 is the document's ``content_hash``, and the template renders
only that dict. So nothing reaches a PDF that is not hashed, and nothing is hashed that
the public may not see: exempt items appear as "Exempt item" with their category only,
unpublished papers and exempt items' papers never appear (meetings/access.py).

The agenda pack is the rendered agenda followed by the uploaded PDF papers, merged page
for page with pikepdf (qpdf; not re-rendered). While rendering, each PDF paper is stood in
for by blank placeholder pages, so the contents list and "Page X of Y" count the whole
pack; each placeholder page is then given the content of its paper's page. The pack is
the document WeasyPrint wrote, so it stays tagged (its structure tree, language and
title: issue 11 item 14); the papers' pages are the uploaders' own, untagged.

WeasyPrint fetches nothing but the portal's own static files (SPEC §8): see
StaticFilesFetcher.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import gc
import hashlib
import io
import json
import logging
import mimetypes
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify

from governance.downloads import STORAGE_AWAY
from governance.pagecache import cached_until_changed, content_changed
from governance.queue import enqueue
from governance.site import site_url
from partnerships.models import AuditEvent, MembershipRole

from .models import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    DocumentKind,
    ExemptCategory,
    Meeting,
    PaperVersion,
    RenderedDocument,
    RenderStatus,
    public_minutes_q,
)

if TYPE_CHECKING:
    from decisions.models import Proposal

logger = logging.getLogger(__name__)

# Part of every content hash: raise it when the PDF templates or print.css change in a
# way that should reach documents already rendered (the beat sweep, renders_sweep, finds
# them out of date and renders them again; until then the pages offer no stale file).
PDF_FORMAT = 4

PDF_CONTENT_TYPE = "application/pdf"

KIND_NAMES: dict[str, str] = {DocumentKind.AGENDA_PACK: "agenda pack", DocumentKind.MINUTES: "minutes"}


# ---------------------------------------------------------------------------
# What the public may see


def public_kinds(meeting: Meeting) -> list[str]:
    """The documents of a meeting the public may have: the agenda pack once the agenda
    is published, the minutes once they are published (SPEC §4, brief "Rules")."""
    kinds: list[str] = []
    if meeting.is_public:
        kinds.append(DocumentKind.AGENDA_PACK)
    if meeting.minutes_are_public:
        kinds.append(DocumentKind.MINUTES)
    return kinds


@dataclass(frozen=True)
class DocumentContent:
    """The public content of one document: ``data`` is all the template sees."""

    kind: str
    data: dict[str, Any]
    content_hash: str


class PublicRows:
    """The rows of a meeting that its public documents are made from, each read (one
    query) when first asked for and kept: the agenda pack and the minutes share them,
    and the public meeting page shows these same rows and checks its documents against
    them without reading anything twice (meetings/views/public.py)."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting

    @cached_property
    def items(self) -> list[AgendaItem]:
        """The meeting's items in order; each has ``meeting`` set to this instance (the
        related manager does that), so ``item.is_public`` costs no query."""
        return list(self.meeting.items.order_by("order", "pk"))

    @cached_property
    def public_item_ids(self) -> set[int]:
        return {item.pk for item in self.items if item.is_public}

    @cached_property
    def versions(self) -> list[PaperVersion]:
        """The published versions of the public papers, by item and paper, the latest first."""
        return list(
            PaperVersion.objects.public()
            .filter(paper__item__meeting=self.meeting)
            .select_related("paper__author")
            .order_by("paper__item_id", "paper_id", "-number")
        )

    @cached_property
    def attendance(self) -> list[Attendance]:
        rows = Attendance.objects.filter(meeting=self.meeting).select_related(
            "person", "organisation", "deputy", "membership"
        )
        return list(rows.order_by("person__name", "pk"))

    @cached_property
    def declarations(self) -> list[Declaration]:
        """The declarations on public items, in the order they were made."""
        return list(
            Declaration.objects.filter(item_id__in=self.public_item_ids)
            .select_related("person", "membership__person", "membership__organisation")
            .order_by("recorded_at", "pk")
        )

    @cached_property
    def actions(self) -> list[Action]:
        """The actions arising on public items, and those on none."""
        return list(
            Action.objects.filter(meeting=self.meeting)
            .filter(Q(item__isnull=True) | Q(item_id__in=self.public_item_ids))
            .select_related("owner")
            .order_by("due_date", "pk")
        )

    @cached_property
    def decisions(self) -> list[Proposal]:
        """The proposals on public items put to the meeting, each with ``rounds_at_meeting``."""
        from decisions.queries import decisions_for_meeting  # decisions builds on meetings

        return decisions_for_meeting(self.meeting, public=True)


def content_for(meeting: Meeting, kind: str, rows: PublicRows | None = None) -> DocumentContent | None:
    """The public content of the meeting's agenda pack or minutes and its sha256, or
    None when that document is not public (agenda or minutes unpublished). ``rows``:
    the meeting's rows when already read (PublicRows)."""
    if kind not in public_kinds(meeting):
        return None
    rows = rows if rows is not None else PublicRows(meeting)
    if kind == DocumentKind.AGENDA_PACK:
        data = _agenda_pack_data(meeting, rows)
    elif kind == DocumentKind.MINUTES:
        data = _minutes_data(meeting, rows)
    else:  # pragma: no cover - DocumentKind has two members
        raise ValueError(f"Unknown document kind {kind!r}")
    canonical = json.dumps(
        {"format": PDF_FORMAT, "kind": str(kind), "data": data}, sort_keys=True, separators=(",", ":")
    )
    return DocumentContent(str(kind), data, hashlib.sha256(canonical.encode()).hexdigest())


def _site_url(path: str) -> str:
    """An absolute address on the portal: links in a downloaded PDF must stand alone."""
    return site_url() + path


def _meeting_path(meeting: Meeting) -> str:
    try:
        return meeting.get_absolute_url()
    except NoReverseMatch:  # the public meeting page is another module's; never fail a render on it
        return f"/meetings/{meeting.pk}/"


def _paper_path(meeting: Meeting, version: PaperVersion) -> str:
    """The public download address of a paper's latest published version."""
    try:
        return reverse(
            "meetings:paper_download",
            kwargs={"meeting_pk": meeting.pk, "paper_pk": version.paper_id, "number": version.number},
        )
    except NoReverseMatch:
        return f"{_meeting_path(meeting)}#paper-{version.paper_id}"


def _day(value: dt.date | dt.datetime) -> str:
    """GOV.UK style dates: 'Thursday 27 March 2026'."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{value:%A} {value.day} {value:%B %Y}"


def _time(value: dt.datetime) -> str:
    """GOV.UK style times: '2pm', '10:30am', 'midday'."""
    local = timezone.localtime(value)
    if local.hour == 12 and local.minute == 0:
        return "midday"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def _exempt_category(value: str) -> str:
    """'Financial or business affairs of any particular person' for category '3'."""
    try:
        label = str(ExemptCategory(value).label)
    except ValueError:
        return ""
    return label.split(". ", 1)[-1]


def _meeting_facts(meeting: Meeting) -> dict[str, Any]:
    board = meeting.board
    return {
        "id": meeting.pk,
        "title": meeting.display_title,
        "board": board.name,
        "partnership": board.partnership.name,
        "date": _day(meeting.start),
        "time": _time(meeting.start) + (f" to {_time(meeting.end)}" if meeting.end else ""),
        "venue": meeting.venue,
        "online_url": meeting.online_url,
        "cancelled": meeting.status == "cancelled",
        "cancelled_reason": meeting.cancelled_reason,
        "url": _site_url(_meeting_path(meeting)),
        "agenda_published": _day(meeting.agenda_published_at) if meeting.agenda_published_at else "",
        # A late agenda is shown as late wherever it is shown (SPEC §9, s100B(4)(b)).
        "agenda_late": meeting.agenda_late,
        "agenda_late_reason": meeting.agenda_late_reason,
        "agenda_chair_agreed_by": meeting.agenda_chair_agreed_by,
    }


def _public_papers(meeting: Meeting, rows: PublicRows) -> dict[int, list[dict[str, Any]]]:
    """item id -> its public papers, each at its latest published version."""
    papers: dict[int, list[dict[str, Any]]] = {}
    seen: dict[int, dict[str, Any]] = {}
    for version in rows.versions:
        paper = version.paper
        if paper.pk in seen:
            # An earlier published version: the latest is a supplement (SPEC §4).
            seen[paper.pk]["supplement"] = True
            continue
        entry = {
            "id": paper.pk,
            "title": paper.title,
            "author": paper.author_display,
            "late": paper.late,
            "late_reason": paper.late_reason,
            "chair_agreed_by": paper.chair_agreed_by,
            "version": version.number,
            "supplement": False,
            "change_note": version.change_note,
            "published": _day(version.published_at) if version.published_at else "",
            "sha256": version.sha256,
            "format": version.extension or "File",
            "is_pdf": version.content_type == PDF_CONTENT_TYPE,
            "size": version.size,
            "size_label": filesizeformat(version.size),
            "file": version.file.name,
            "url": _site_url(_paper_path(meeting, version)),
        }
        seen[paper.pk] = entry
        papers.setdefault(paper.item_id, []).append(entry)
    return papers


def _agenda_pack_data(meeting: Meeting, rows: PublicRows) -> dict[str, Any]:
    papers = _public_papers(meeting, rows)
    items: list[dict[str, Any]] = []
    for number, item in enumerate(rows.items, start=1):
        if not item.is_public:
            # SPEC §4: an exempt item is never shown; the agenda may say that it exists.
            items.append({"number": number, "exempt": True, "category": _exempt_category(item.exempt_category)})
            continue
        items.append(
            {
                "number": number,
                "exempt": False,
                "title": item.title,
                "purpose": item.get_purpose_display(),
                "lead_officer": item.lead_officer,
                "description": item.description,
                "papers": papers.get(item.pk, []),
                "late": item.late,
                "late_reason": item.late_reason,
                "chair_agreed_by": item.chair_agreed_by,
            }
        )
    return {"meeting": _meeting_facts(meeting), "items": items}


def _person_entry(attendance: Attendance) -> dict[str, str]:
    role = ""
    if attendance.membership is not None and attendance.membership.role in (
        MembershipRole.CHAIR,
        MembershipRole.CO_CHAIR,
    ):
        role = attendance.membership.get_role_display()
    return {
        "name": attendance.person.name,
        "organisation": attendance.organisation.name if attendance.organisation else "",
        "role": role,
        "deputy": attendance.deputy.name if attendance.deputy else "",
        "invited_role": attendance.invited_role,
    }


def _minutes_data(meeting: Meeting, rows: PublicRows) -> dict[str, Any]:
    items = rows.items
    numbers = {item.pk: number for number, item in enumerate(items, start=1)}
    public_ids = rows.public_item_ids

    attendance: dict[str, list[dict[str, str]]] = {
        "present": [],
        "deputies": [],
        "invited": [],
        "apologies": [],
        "absent": [],
    }
    for row in rows.attendance:
        if row.membership_id is None:
            attendance["invited"].append(_person_entry(row))
        elif row.status == AttendanceStatus.PRESENT:
            attendance["present"].append(_person_entry(row))
        elif row.status == AttendanceStatus.DEPUTY:
            attendance["deputies"].append(_person_entry(row))
        elif row.status == AttendanceStatus.APOLOGIES:
            attendance["apologies"].append(_person_entry(row))
        else:
            attendance["absent"].append(_person_entry(row))

    declarations: dict[int, list[dict[str, Any]]] = {}
    for declaration in rows.declarations:
        declarations.setdefault(declaration.item_id, []).append(
            {
                "name": declaration.person.name,
                # A deputy attending for a seat declares their own interest.
                "deputy_for": declaration.membership.person.name if declaration.by_deputy else "",
                "organisation": declaration.membership.organisation.name,
                "nature": declaration.nature,
                "withdrew": declaration.withdraws,
            }
        )

    actions: dict[int | None, list[dict[str, str]]] = {}
    for action in rows.actions:
        # The action as agreed: its later status is not part of the minutes.
        actions.setdefault(action.item_id, []).append(
            {"description": action.description, "owner": action.owner.name, "due": _day(action.due_date)}
        )

    # Minutes list the decisions taken at the meeting (issue 4): each proposal put to a
    # public item here, with the outcome of its round at this meeting.
    decided: dict[int, list[dict[str, str]]] = {}
    for proposal in rows.decisions:
        for round in proposal.rounds_at_meeting:  # type: ignore[attr-defined]  # Prefetch(to_attr=...)
            decided.setdefault(proposal.item_id, []).append(
                {
                    "title": proposal.title,
                    "text": round.text,
                    "round": str(round.number),
                    "outcome": round.outcome_label,
                    "url": _site_url(proposal.get_absolute_url()),
                }
            )

    minute_items: list[dict[str, Any]] = []
    urgent: list[dict[str, Any]] = []
    if meeting.agenda_late:
        # s100B(4)(b): the agenda itself was late business; its reason is minuted too.
        urgent.append(
            {
                "number": "",
                "title": "The agenda",
                "reason": f"Published after the deadline: {meeting.agenda_late_reason} "
                f"(agreed by {meeting.agenda_chair_agreed_by} as urgent business)",
            }
        )
    for item in items:
        number = numbers[item.pk]
        if item.pk not in public_ids:
            minute_items.append({"number": number, "exempt": True, "category": _exempt_category(item.exempt_category)})
            continue
        minute_items.append(
            {
                "number": number,
                "exempt": False,
                "title": item.title,
                "minutes": item.minutes,
                "urgent_reason": item.urgent_reason,
                "declarations": declarations.get(item.pk, []),
                "actions": actions.get(item.pk, []),
                "decisions": decided.get(item.pk, []),
            }
        )
        if item.urgent_reason:
            # s100B(4)(b) LGA 1972: the reason late business was taken as urgent is minuted.
            urgent.append({"number": number, "title": item.title, "reason": item.urgent_reason})

    approved_at = meeting.minutes_approved_at
    return {
        "meeting": _meeting_facts(meeting),
        "minutes_published": _day(meeting.minutes_published_at) if meeting.minutes_published_at else "",
        "approved_at": _day(approved_at.start) if approved_at else "",
        "attendance": attendance,
        "has_declarations": any(declarations.values()),
        "items": minute_items,
        "urgent": urgent,
        "general_actions": actions.get(None, []),
    }


# ---------------------------------------------------------------------------
# WeasyPrint's only way out: the portal's own static files


def static_path(url: str) -> str | None:
    """The static file path ('css/print.css') a portal URL points at, or None."""
    static_prefix = urlsplit(settings.STATIC_URL).path
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        site = urlsplit(site_url())
        # The portal's own address (WeasyPrint joins '/static/...' to the base URL);
        # still read from disk below, never over the network.
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
    path = unquote(parts.path)
    if not path.startswith(static_prefix) or parts.query:
        return None
    relative = path[len(static_prefix) :]
    segments = relative.split("/")
    if not relative or any(segment in ("", ".", "..") for segment in segments) or "\\" in relative:
        return None
    return relative


def _read_static(relative: str) -> bytes:
    found = finders.find(relative)
    if isinstance(found, list):  # pragma: no cover - find(all=False) returns one path
        found = found[0] if found else None
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    # Production serves collected files (STATIC_ROOT) that the finders do not see.
    with staticfiles_storage.open(relative, "rb") as handle:
        body: bytes = handle.read()
    return body


SVG_DATA_URI = "data:image/svg+xml;base64,"


def _fetcher_class() -> type:
    from weasyprint import URLFetcher  # weasyprint is heavy: imported when first needed

    class StaticFilesFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
        """SPEC §8: no file://, no network; only /static/... served from the portal's files,
        and the SVG images a template writes inline as data: URIs (the report's charts).
        What an SVG refers to is fetched through here too, so it is refused alike."""

        def __init__(self) -> None:
            # Any refused or missing resource stops the render: a pack silently
            # missing its stylesheet is worse than one reported as failed.
            super().__init__(fail_on_errors=True)

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            from weasyprint.urls import URLFetcherResponse

            if url.startswith(SVG_DATA_URI):
                try:
                    body = base64.b64decode(url[len(SVG_DATA_URI) :], validate=True)
                except binascii.Error as error:
                    raise ValueError("An SVG data: URI that is not base64") from error
                return URLFetcherResponse(url, body, {"Content-Type": "image/svg+xml"})
            relative = static_path(url)
            if relative is None:
                raise ValueError(f"Refused to fetch {url!r}: only the portal's own static files may be used")
            try:
                body = _read_static(relative)
            except (OSError, SuspiciousFileOperation) as error:
                raise ValueError(f"No static file {relative!r}") from error
            content_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return StaticFilesFetcher


_FETCHER: type | None = None


def static_files_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses everything but the portal's static files."""
    global _FETCHER
    if _FETCHER is None:
        _FETCHER = _fetcher_class()
    return _FETCHER()


# ---------------------------------------------------------------------------
# Rendering

# WeasyPrint makes millions of short-lived objects for a long document (boxes, computed
# styles, text layouts). At Python's default threshold (700 allocations) the cyclic
# collector then runs thousands of times during one render, and its older generations
# walk every object the worker holds: a fifth to a quarter of a 40-page render's time
# (issue 11 item 14). During a render it runs after this many allocations instead.
RENDER_GC_THRESHOLD = 100_000


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while WeasyPrint renders; the
    thresholds are put back afterwards (what the render left is collected as usual)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(RENDER_GC_THRESHOLD, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


WARM_UP_HTML = """<!doctype html><html lang="en-GB"><head><title>Warm-up</title>
<link rel="stylesheet" href="{stylesheet}"></head><body><h1>Warm-up</h1>
<nav class="contents"><ol><li><a href="#a">Item</a></li></ol></nav>
<section class="section-start"><h2 id="a">Item</h2><p>Text in <strong>bold</strong>.</p>
<table><thead><tr><th scope="col">Name</th></tr></thead><tbody><tr><td>Cell</td></tr></tbody></table>
</section></body></html>"""


def warm_up() -> None:
    """Render a one-page document with the print stylesheet, so that a worker's first
    real render does not also pay for loading WeasyPrint, fontconfig's font list and the
    fonts (about half a second). Called when a worker process starts (meetings.tasks)."""
    from weasyprint import HTML

    html = WARM_UP_HTML.format(stylesheet=urlsplit(settings.STATIC_URL).path + "css/print.css")
    with few_collections():
        HTML(string=html, base_url=site_url() + "/", url_fetcher=static_files_fetcher()).write_pdf(pdf_tags=True)


@dataclass
class RenderedPdf:
    pdf: bytes
    pages: int  # the whole document
    rendered_pages: int  # pages rendered from the template (the agenda, or all of the minutes)
    merged: list[dict[str, Any]] = field(default_factory=list)  # the PDF papers appended


def _storage() -> Storage:
    return RenderedDocument._meta.get_field("file").storage


@dataclass(frozen=True)
class _PaperFile:
    """A PDF paper to append to the pack: a checked copy of its file in the render's
    temporary directory (read from there page by page while the pack is written)."""

    number: int  # its item's number
    paper: dict[str, Any]
    path: Path
    pages: int


COPY_CHUNK = 1024 * 1024


def _mergeable(number: int, paper: dict[str, Any], storage: Storage, workdir: Path) -> _PaperFile | None:
    """A checked copy of a paper's file that can be merged, or None when it cannot be
    (then the contents offers it to download separately). The file is copied to disk in
    chunks, not read into memory: a pack of many papers renders in bounded memory."""
    import pikepdf

    if not paper["is_pdf"]:
        return None
    path = workdir / f"paper-{paper['id']}.pdf"
    digest = hashlib.sha256()
    with storage.open(paper["file"], "rb") as handle, path.open("wb") as copy:
        while chunk := handle.read(COPY_CHUNK):
            digest.update(chunk)
            copy.write(chunk)
    if digest.hexdigest() != paper["sha256"]:
        # The stored file is not the one that was published: never put it in the pack.
        raise ValueError(f"The file of paper {paper['id']} does not match its published checksum")
    try:
        with pikepdf.open(path) as source:
            for page in source.pages:  # read every page now, so a broken one cannot fail the merge
                page.mediabox  # noqa: B018
                page.obj.get("/Resources")
            pages = len(source.pages)
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, KeyError, TypeError, AttributeError, RuntimeError):
        # PasswordError: a paper that does not open without a password.
        logger.warning("Paper %s is not a PDF qpdf can read; listed to download separately", paper["id"])
        return None
    return _PaperFile(number, paper, path, pages) if pages else None


def _template_context(content: DocumentContent, merged_pages: dict[int, int]) -> dict[str, Any]:
    data = content.data
    context: dict[str, Any] = {
        "doc": data,
        "meeting": data["meeting"],
        "stylesheet": urlsplit(settings.STATIC_URL).path + "css/print.css",
        "kind_name": KIND_NAMES[content.kind],
    }
    if content.kind == DocumentKind.AGENDA_PACK:
        items = []
        placeholders = []
        for item in data["items"]:
            papers = [{**paper, "merged_pages": merged_pages.get(paper["id"], 0)} for paper in item.get("papers", [])]
            items.append({**item, "papers": papers})
            for paper in papers:
                if paper["merged_pages"]:
                    placeholders.append({"id": paper["id"], "pages": range(paper["merged_pages"])})
        context["items"] = items
        context["placeholders"] = placeholders
        context["separate"] = [p for item in items for p in item["papers"] if not p["merged_pages"]]
    return context


def render_pdf(content: DocumentContent) -> RenderedPdf:
    """Render one document to PDF bytes (no database writes)."""
    from weasyprint import HTML

    storage = PaperVersion._meta.get_field("file").storage
    with tempfile.TemporaryDirectory(prefix="accord-pdf-") as workdir, few_collections():
        papers: list[_PaperFile] = []
        if content.kind == DocumentKind.AGENDA_PACK:
            for item in content.data["items"]:
                for paper in item.get("papers", []):
                    merged = _mergeable(item["number"], paper, storage, Path(workdir))
                    if merged is not None:
                        papers.append(merged)
        merged_pages = {merged.paper["id"]: merged.pages for merged in papers}

        html = render_to_string(f"meetings/pdf/{content.kind}.html", _template_context(content, merged_pages))
        document = HTML(string=html, base_url=site_url() + "/", url_fetcher=static_files_fetcher())
        rendered = document.render(pdf_tags=True)
        total = len(rendered.pages)
        own_pages = total - sum(merged_pages.values())

        # The placeholders must sit exactly where the papers go, or the contents would lie.
        start = own_pages
        for merged in papers:
            anchors = rendered.pages[start].anchors if start < total else {}
            if f"paper-{merged.paper['id']}" not in anchors:
                raise RuntimeError(f"Placeholder pages for paper {merged.paper['id']} are not at page {start + 1}")
            start += merged.pages

        pdf = rendered.write_pdf(pdf_tags=True)
        if not papers:
            return RenderedPdf(pdf, total, total)
        return RenderedPdf(
            _merge(pdf, own_pages, papers),
            total,
            own_pages,
            [{"id": merged.paper["id"], "title": merged.paper["title"], "pages": merged.pages} for merged in papers],
        )


# The keys of a paper's page that make what it shows. Its annotations and page actions
# (/Annots, /AA, /B) are left out: the original stays downloadable, and the pack carries
# no scripts or forms.
PAGE_KEYS = (
    *("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/UserUnit"),
    *("/Resources", "/Contents", "/Group"),
)


def _merge(pdf: bytes, own_pages: int, papers: list[_PaperFile]) -> bytes:
    """The rendered pack with each placeholder page showing its paper's page instead.

    The pack stays the document WeasyPrint wrote, so it keeps its structure tree
    (/StructTreeRoot, /MarkInfo: a tagged PDF), its /Lang, title and bookmarks. Each
    placeholder page object is kept and given the paper page's content, so the contents'
    links, the named destinations and the bookmarks that point at it stay right; the
    papers' pages are untagged content (they are the uploaders' files). qpdf (pikepdf)
    reads each paper from its file as the pack is written, so the papers are never all
    in memory; the sources stay open until then, as qpdf copies their streams lazily.
    """
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as pack, contextlib.ExitStack() as sources:
        bookmarks = []
        index = own_pages
        for merged in papers:
            source = sources.enter_context(pikepdf.open(merged.path))
            bookmarks.append(pikepdf.OutlineItem(f"{merged.number}. {merged.paper['title']}", index))
            for page in source.pages:
                # Appending copies the page (and all it uses) into the pack, with its
                # inherited attributes; its content then moves onto the placeholder.
                pack.pages.append(page)
                _show_on(pack.pages[index].obj, pack.pages[-1].obj)
                del pack.pages[-1]
                index += 1
        with pack.open_outline() as outline:
            outline.root.extend(bookmarks)  # after the agenda's own, as one per paper
        pack.save(out)
    return out.getvalue()


def _show_on(placeholder: Any, page: Any) -> None:
    """Make the placeholder page object show what ``page`` shows. Its /StructParents goes:
    the paper's marked content, if any, is not part of the pack's structure tree."""
    for key in (*PAGE_KEYS, "/StructParents"):
        if key in placeholder:
            del placeholder[key]
    for key in PAGE_KEYS:
        if key in page:
            placeholder[key] = page[key]


def _file_name(meeting: Meeting, kind: str, content_hash: str) -> str:
    return f"rendered/{meeting.pk}-{slugify(str(kind))}-{content_hash[:12]}.pdf"


def render_document(meeting: Meeting, content: DocumentContent) -> RenderedDocument:
    """Render one document unless a ready one has the same content hash."""
    kind = content.kind
    with transaction.atomic():
        document, _ = RenderedDocument.objects.select_for_update().get_or_create(
            meeting=meeting, kind=kind, defaults={"content_hash": content.content_hash}
        )
        if document.status == RenderStatus.READY and document.content_hash == content.content_hash and document.file:
            return document
        document.content_hash = content.content_hash
        document.status = RenderStatus.PENDING
        document.error = ""
        document.requested_at = timezone.now()
        document.save(update_fields=["content_hash", "status", "error", "requested_at"])

    # Only the row whose hash is still ours is finished: if the content changed while
    # rendering, the newer render owns the row and this file is not used.
    mine = RenderedDocument.objects.filter(pk=document.pk, content_hash=content.content_hash)
    from weasyprint.urls import FatalURLFetchingError  # a BaseException: a refused fetch stops the render

    try:
        rendered = render_pdf(content)
        # A fresh name each render; storage never overwrites (it adds a suffix if needed).
        name = _storage().save(_file_name(meeting, kind, content.content_hash), ContentFile(rendered.pdf))
    except (Exception, FatalURLFetchingError) as error:  # recorded, not raised: a retry would fail the same way
        logger.exception("Rendering the %s of meeting %s failed", KIND_NAMES.get(kind, kind), meeting.pk)
        cause = f" ({error.__cause__})" if error.__cause__ else ""
        mine.update(status=RenderStatus.FAILED, error=f"{type(error).__name__}: {error}{cause}"[:4000])
        content_changed()  # after the row is written: the meeting page says the document failed
        document.refresh_from_db()
        return document
    if mine.update(status=RenderStatus.READY, file=name, pages=rendered.pages, rendered_at=timezone.now(), error=""):
        content_changed()  # after the row is written: the meeting page offers the document
    else:
        _storage().delete(name)
    document.refresh_from_db()
    return document


def render_meeting_documents(meeting_id: int) -> None:
    """The Celery task's body: render each public document whose content changed."""
    meeting = Meeting.objects.select_related("board__partnership", "minutes_approved_at").filter(pk=meeting_id).first()
    if meeting is None:
        logger.warning("Meeting %s no longer exists; nothing to render", meeting_id)
        return
    rows = PublicRows(meeting)
    for kind in public_kinds(meeting):
        content = content_for(meeting, kind, rows)
        if content is not None:
            render_document(meeting, content)


# ---------------------------------------------------------------------------
# Asking for renders (actions, the beat sweep) and reading what is ready (public pages)
#
# Writes happen only here and in the render task: an action that changes a meeting's
# public content calls renders_request, the beat task renders_sweep catches what no
# action asked for (a render lost with its worker, a failed one, a PDF_FORMAT change,
# a change made around the actions). public_documents, which the public pages call,
# only reads: a GET never writes (issue 7).


def _stale_after() -> dt.timedelta:
    """A render not finished in twice the task's hard limit was lost (worker killed)."""
    return dt.timedelta(seconds=2 * settings.PDF_TASK_TIME_LIMIT)


def _is_current(document: RenderedDocument, content_hash: str) -> bool:
    """A ready file of exactly this content."""
    return document.status == RenderStatus.READY and document.content_hash == content_hash and bool(document.file)


def _claim_renders(
    meeting: Meeting, *, now: dt.datetime, grace: dt.timedelta, existing: Iterable[RenderedDocument] | None = None
) -> bool:
    """Mark each public document of the meeting that needs a render as pending with the
    hash of its current content: when it has no row, its content changed, or its render
    is unfinished (lost or failed) since more than ``grace``. A conditional update lets
    only one caller claim a row. True when a render should be queued."""
    documents = {
        document.kind: document
        for document in (existing if existing is not None else RenderedDocument.objects.filter(meeting=meeting))
    }
    claimed = False
    rows = PublicRows(meeting)
    for kind in public_kinds(meeting):
        content = content_for(meeting, kind, rows)
        assert content is not None  # kind is public
        document = documents.get(kind)
        if document is None:
            document, created = RenderedDocument.objects.get_or_create(
                meeting=meeting,
                kind=kind,
                defaults={"content_hash": content.content_hash, "status": RenderStatus.PENDING, "requested_at": now},
            )
            if created:
                claimed = True
                continue
        if _is_current(document, content.content_hash):
            continue
        if document.content_hash == content.content_hash and document.requested_at > now - grace:
            continue  # asked for recently: its render is still under way
        claimed |= bool(
            RenderedDocument.objects.filter(
                pk=document.pk, content_hash=document.content_hash, requested_at=document.requested_at
            ).update(content_hash=content.content_hash, status=RenderStatus.PENDING, error="", requested_at=now)
        )
    return claimed


def _queue_render(meeting_id: int) -> None:
    from .tasks import render_meeting_documents as task

    enqueue(task, meeting_id)


def renders_request(meeting: Meeting, *, now: dt.datetime) -> None:
    """Called by every action that changes what a meeting's public documents show
    (inside its transaction): store the new content hash of its agenda pack and minutes
    as pending, and queue their render after the transaction commits."""
    if _claim_renders(meeting, now=now, grace=_stale_after()):
        _queue_render(meeting.pk)


# Which public meetings a sweep reads the content of. Reading every one's content each
# time took two and a half minutes of a worker's CPU every ten minutes at ten-year scale
# (6,000 public meetings; issue 11). Every sweep reads the meetings whose documents are
# not all ready (missing, pending, lost, failed) and those held in the last RECENT_DAYS
# days or still to come, where the business is; the rest, whose content changes only
# through the actions (which ask for their renders; but see DETAILS_VERBS) or around
# them (the admin, a shell), a slice at a time, so that
# each is read at least once in SWEEP_SLICES sweeps: a day at the ten-minute schedule
# (meetings/migrations/0006), which is how long a PDF_FORMAT change takes to reach them.
SWEEP_SLICES = 144
SWEEP_SECONDS = 600
SWEEP_INTERVAL = dt.timedelta(seconds=SWEEP_SECONDS)
RECENT_DAYS = 90
# A partnership's or a board's details head every page of its PDFs, and the actions
# that change them (partnerships.actions) know nothing of meetings: the meetings of a
# partnership with such a change in the last hour are read by every sweep, so that a
# renamed board's old minutes are offered again after the next sweep, not the next day.
DETAILS_VERBS = ("partnership_update", "board_update")
DETAILS_LOOKBACK = dt.timedelta(hours=1)


def _sweep_slot(now: dt.datetime) -> int:
    return int(now.timestamp() // SWEEP_SECONDS) % SWEEP_SLICES


def sweep_candidates(now: dt.datetime, *, everything: bool = False) -> Any:
    """The public meetings a sweep at ``now`` reads (above); all of them with
    ``everything``. One query, whatever the number of meetings."""
    meetings = Meeting.objects.public()
    if everything:
        return meetings
    ready = RenderedDocument.objects.filter(meeting=OuterRef("pk"), status=RenderStatus.READY).exclude(file="")
    unfinished = ~Exists(ready.filter(kind=DocumentKind.AGENDA_PACK)) | (
        public_minutes_q() & ~Exists(ready.filter(kind=DocumentKind.MINUTES))
    )
    recent = Q(start__gte=now - dt.timedelta(days=RECENT_DAYS))
    details_changed = Exists(
        AuditEvent.objects.filter(
            partnership=OuterRef("board__partnership"), verb__in=DETAILS_VERBS, at__gte=now - DETAILS_LOOKBACK
        )
    )
    return meetings.alias(slot=F("pk") % SWEEP_SLICES).filter(
        # This slice and the one before it: a beat a few minutes late skips no slice.
        unfinished | recent | details_changed | Q(slot__in={_sweep_slot(now), _sweep_slot(now - SWEEP_INTERVAL)})
    )


def _all_under_way(meeting: Meeting, *, now: dt.datetime, grace: dt.timedelta) -> bool:
    """Whether every public document of the meeting was claimed for a render less than
    ``grace`` ago and is not finished: after a restore or an import, thousands of
    meetings wait for their renders, and a sweep should not read each one's content
    again every ten minutes. (A change through the actions asks for its own render.)"""
    documents = {document.kind: document for document in meeting.documents.all()}
    kinds = public_kinds(meeting)
    return bool(kinds) and all(
        (document := documents.get(kind)) is not None
        and document.status == RenderStatus.PENDING
        and document.requested_at > now - grace
        for kind in kinds
    )


def renders_sweep(
    *, now: dt.datetime, grace: dt.timedelta | None = None, eager: bool = False, everything: bool = False
) -> int:
    """The beat task's body: claim a render of every public document that is missing,
    out of date, or whose render was lost or failed more than ``grace`` ago (default:
    the staleness delay), and queue one render per meeting, for the meetings of
    ``sweep_candidates`` (all of them with ``everything``). Safe to run twice: a claimed
    render is not claimed again within ``grace``. ``eager=True`` renders here instead of
    queuing (the demo loader, ``grace=dt.timedelta(0)``). Returns the number of meetings
    whose documents were claimed."""
    grace = _stale_after() if grace is None else grace
    meetings = (
        sweep_candidates(now, everything=everything)
        .select_related("board__partnership", "minutes_approved_at")
        .prefetch_related("documents")
        .order_by("pk")
    )
    claimed = 0
    for meeting in meetings.iterator(chunk_size=100):
        if _all_under_way(meeting, now=now, grace=grace):
            continue  # claimed within grace: its content is not read again until then
        if _claim_renders(meeting, now=now, grace=grace, existing=meeting.documents.all()):
            claimed += 1
            if eager:
                render_meeting_documents(meeting.pk)
            else:
                _queue_render(meeting.pk)
    return claimed


def public_documents(meeting: Meeting, rows: PublicRows | None = None) -> dict[str, RenderedDocument | None]:
    """kind -> document, for each document of the meeting the public may see; reads only.

    A document is given only when its stored content hash is that of the meeting's
    current public content; otherwise (no row yet, or content changed since it was
    rendered) it is None, which the page shows as being prepared: an out-of-date file
    is never offered (an item made exempt after publication must not stay
    downloadable). Rendering it is for renders_request and renders_sweep.

    Kept until the content changes (governance/pagecache.py): every download of the
    pack or the minutes asks, and the answer changes only with the content or a render.
    ``rows``: the meeting's rows when the caller has read them (the meeting page shows
    them), so the check reads nothing again: only the documents, and the actions arising
    when there are ready minutes to check.
    """
    return cached_until_changed(f"public-documents:{meeting.pk}", lambda: _public_documents(meeting, rows))


def _public_documents(meeting: Meeting, rows: PublicRows | None) -> dict[str, RenderedDocument | None]:
    kinds = public_kinds(meeting)
    if not kinds:
        return {}
    existing = {
        document.kind: document for document in RenderedDocument.objects.filter(meeting=meeting, kind__in=kinds)
    }
    rows = rows if rows is not None else PublicRows(meeting)
    result: dict[str, RenderedDocument | None] = {}
    for kind in kinds:
        document = existing.get(kind)
        if document is not None and document.status != RenderStatus.PENDING:
            # A ready or failed render tells only about the content it was made from.
            content = content_for(meeting, kind, rows)
            assert content is not None  # kind is public
            if document.content_hash != content.content_hash:
                document = None
        result[kind] = document
    return result


def document_size(document: RenderedDocument) -> int | None:
    """The stored file's size in bytes, or None if it cannot be read."""
    if not document.file:
        return None
    try:
        size: int = document.file.size
    except STORAGE_AWAY:  # missing, or the storage is away: the link shows no size
        return None
    return size


def download_text(kind: str, document: RenderedDocument) -> str:
    """'Download the agenda pack (PDF, 40 pages, 1.2 MB)'."""
    details = ["PDF"]
    if document.pages:
        details.append(f"{document.pages} page{'s' if document.pages != 1 else ''}")
    size = document_size(document)
    if size is not None:
        details.append(filesizeformat(size).replace("\xa0", " "))
    return f"Download the {KIND_NAMES.get(kind, kind)} ({', '.join(details)})"


def download_name(meeting: Meeting, kind: str) -> str:
    """A safe file name: 'partnership-board-2026-03-27-agenda-pack.pdf'."""
    return f"{slugify(f'{meeting.board.name} {meeting.date:%Y-%m-%d} {KIND_NAMES.get(kind, kind)}')}.pdf"
