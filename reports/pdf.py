"""A partnership's report to full council as a PDF (SPEC §7 "the report as PDF"; §8).

One ``ReportDocument`` row per partnership and span. A reader asks for it
(``report_pdf_request``, from the PDF page's button); the render runs on the ``pdf``
queue (``reports.tasks.render_report_pdf`` → ``render_report``) with WeasyPrint, from
the same reads as the HTML report (reports/queries.py, and the governance tables of
reports/governance.py), and the page says how it is going (``report_pdf_status``).

A ready PDF is given again, without a render, until something it shows may have
changed: a figure, a target or a risk review recorded, an indicator added, or any
audited change in the partnership (reports' own actions, and the meetings and decisions
that the governance tables count) after the time its content was read. Each render is
saved under a new name (partnership, span, time and a hash of the file): an old file is
never overwritten, so a link to it that someone has already opened keeps working.

WeasyPrint fetches nothing but the portal's own static files (meetings.pdf's fetcher).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import operator
from dataclasses import dataclass
from functools import reduce
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Exists, Q
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from governance.downloads import STORAGE_AWAY
from governance.queue import enqueue
from governance.site import site_url
from meetings.models import RenderStatus
from meetings.pdf import SVG_DATA_URI, few_collections, static_files_fetcher
from partnerships.models import AuditEvent, Partnership

from . import access, charts, queries
from .models import Indicator, IndicatorTarget, IndicatorValue, ReportDocument, RiskReview
from .periods import ReportSpan, parse_span
from .queries import ReportContent, report_content

logger = logging.getLogger(__name__)

TEMPLATE = "reports/pdf/report.html"
FILE_NAME_MAX = ReportDocument._meta.get_field("file").max_length or 100
ERROR_MAX = ReportDocument._meta.get_field("error").max_length or 500

# A figure recorded by an action whose transaction had not yet committed when the render
# read the figures carries a ``recorded_at`` (the action's ``now``) a little before the
# read began: anything recorded this long before the read counts as possibly missed. A
# few seconds cover an action's transaction; not a long CSV import committing just as a
# render starts (the page then offers a PDF without those figures as current).
CHANGE_MARGIN = dt.timedelta(seconds=5)

# What the page says while the PDF is being prepared (a partnership's report renders in
# a few seconds; the queue may hold agenda packs before it).
USUAL_WAIT = "It usually takes less than a minute."


def stale_after() -> dt.timedelta:
    """A render not finished in twice the task's hard limit was lost (worker killed)."""
    return dt.timedelta(seconds=2 * settings.PDF_TASK_TIME_LIMIT)


# ---------------------------------------------------------------------------
# What the PDF shows: the HTML report's reads


# ---------------------------------------------------------------------------
# Charts: drawn here, from the content (no queries)


@dataclass(frozen=True)
class ThemeSection:
    group: queries.ThemeGroup
    rows: list[tuple[queries.IndicatorStatus, str]]  # each indicator with its trend chart (a data: URI)


def theme_sections(content: ReportContent) -> list[ThemeSection]:
    return [
        ThemeSection(group, [(status, indicator_chart(status, content.trends)) for status in group.statuses])
        for group in content.groups
    ]


def indicator_chart(status: queries.IndicatorStatus, trends: dict[int, list[charts.Point]]) -> str:
    """The indicator's trend chart as a data: URI for an <img>: WeasyPrint reads an SVG
    image with its XML parser, much faster than its HTML parser reads the same SVG inline."""
    indicator = status.indicator
    svg = charts.trend_chart(
        trends.get(indicator.pk, []),
        title=f"{indicator.code} {indicator.title}",
        unit=indicator.unit,
        higher_is_better=indicator.higher_is_better,
        chart_id=f"trend-{indicator.pk}",
        amber_tolerance=float(indicator.amber_tolerance),
        printed=True,
    )
    return SVG_DATA_URI + base64.b64encode(svg.encode()).decode("ascii")


# ---------------------------------------------------------------------------
# Rendering


@dataclass(frozen=True)
class RenderedReport:
    pdf: bytes
    pages: int


def report_html(content: ReportContent) -> str:
    """The HTML WeasyPrint renders (no queries: the content holds every row)."""
    context = {
        "report": content,
        "sections": theme_sections(content),
        "rag_chart": charts.rag_bars(content.counts, title="Indicators by rating", chart_id="rag-summary"),
        "trend_quarters": queries.TREND_QUARTERS,
        "trend_years": queries.TREND_YEARS,
        "site": site_url(),
        "stylesheet": urlsplit(settings.STATIC_URL).path + "css/print.css",
    }
    return render_to_string(TEMPLATE, context)


def render_pdf(content: ReportContent) -> RenderedReport:
    """The PDF of ``content`` (no database reads or writes)."""
    from weasyprint import HTML  # heavy: imported when first needed

    html = report_html(content)
    document = HTML(string=html, base_url=site_url() + "/", url_fetcher=static_files_fetcher())
    with few_collections():
        rendered = document.render(pdf_tags=True)
        return RenderedReport(rendered.write_pdf(pdf_tags=True), len(rendered.pages))


def _storage() -> Storage:
    return ReportDocument._meta.get_field("file").storage


def file_name(partnership: Partnership, span_slug: str, at: dt.datetime, body: bytes) -> str:
    """'reports/2026/health-and-well-being-2025-26-q2-20261202162809-1a2b3c4d.pdf': a new
    name for each render, short enough for the file field with a suffix to spare."""
    slug = slugify(partnership.slug)[:32].strip("-") or "partnership"
    local = timezone.localtime(at)
    stamp = local.strftime("%Y%m%d%H%M%S")
    return f"reports/{local:%Y}/{slug}-{span_slug[:24]}-{stamp}-{hashlib.sha256(body).hexdigest()[:8]}.pdf"


def _short_error(error: BaseException) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(error, SoftTimeLimitExceeded):
        return f"It took longer than {settings.PDF_TASK_SOFT_TIME_LIMIT} seconds to prepare."
    text = " ".join(str(error).split())
    return (f"{type(error).__name__}: {text}" if text else type(error).__name__)[:ERROR_MAX]


# Worth another go: the database or the file storage was not there for a moment. A
# template or WeasyPrint error would fail the same way again.
DATABASE_AWAY = (OperationalError, InterfaceError)
RETRYABLE: tuple[type[Exception], ...] = (*DATABASE_AWAY, *STORAGE_AWAY)


def render_report(document_id: int) -> ReportDocument | None:
    """The task's body: render the document's PDF unless it is ready already (a task
    delivered twice), save it under a new name, and mark it ready; a failure is marked
    failed with its reason. Only a failure worth retrying (RETRYABLE, while saving or
    marking) is raised again, for the task to retry."""
    from weasyprint.urls import FatalURLFetchingError  # a BaseException: a refused fetch stops the render

    document = ReportDocument.objects.select_related("partnership").filter(pk=document_id).first()
    if document is None:
        logger.warning("Report document %s no longer exists; nothing to render", document_id)
        return None
    if document.status == RenderStatus.READY:
        return document
    # Only the request this render serves may finish it: if the row was asked for again
    # meanwhile (a lost render re-armed), that render owns it and this one's file goes.
    mine = ReportDocument.objects.filter(pk=document.pk, requested_at=document.requested_at)
    if document.status == RenderStatus.FAILED:  # a retry: being prepared again
        mine.update(status=RenderStatus.PENDING, error="")

    started = timezone.now()  # the content is as of this moment: see changed_since
    try:
        span = parse_span(document.span)
        rendered = render_pdf(report_content(document.partnership, span, now=started))
    except DATABASE_AWAY as error:
        _fail(mine, document, error)
        raise
    except (Exception, FatalURLFetchingError) as error:  # recorded, not raised: it would fail the same way
        _fail(mine, document, error)
        document.refresh_from_db()
        return document
    try:
        name = _storage().save(
            file_name(document.partnership, document.span, started, rendered.pdf),
            ContentFile(rendered.pdf),
            max_length=FILE_NAME_MAX,
        )
    except RETRYABLE as error:
        _fail(mine, document, error)
        raise
    if not mine.update(status=RenderStatus.READY, file=name, pages=rendered.pages, rendered_at=started, error=""):
        _storage().delete(name)
    document.refresh_from_db()
    return document


def _fail(mine: Any, document: ReportDocument, error: BaseException) -> None:
    logger.exception("Rendering the PDF of %s failed", document)
    try:
        mine.update(status=RenderStatus.FAILED, error=_short_error(error))
    except DATABASE_AWAY:  # the database is away: the task's retry will tell
        logger.exception("Could not record the failed render of %s", document)


# ---------------------------------------------------------------------------
# Asking for it, and what the page says


def changed_since(partnership: Partnership, moment: dt.datetime) -> bool:
    """Whether anything the partnership's report shows may have changed after
    ``moment`` (less CHANGE_MARGIN): a figure, a target or a risk review recorded, an
    indicator added, or an audited change in the partnership. One query of five EXISTS."""
    after = moment - CHANGE_MARGIN
    changes = (
        IndicatorValue.objects.filter(indicator__partnership=partnership, recorded_at__gt=after),
        IndicatorTarget.objects.filter(indicator__partnership=partnership, recorded_at__gt=after),
        RiskReview.objects.filter(risk__theme__partnership=partnership, recorded_at__gt=after),
        Indicator.objects.filter(partnership=partnership, created_at__gt=after),
        AuditEvent.objects.filter(partnership=partnership, at__gt=after),
    )
    any_change = reduce(operator.or_, (Q(Exists(rows)) for rows in changes))
    return Partnership.objects.filter(any_change, pk=partnership.pk).exists()


def _is_current(document: ReportDocument) -> bool:
    return (
        document.status == RenderStatus.READY
        and bool(document.file)
        and document.rendered_at is not None
        and not changed_since(document.partnership, document.rendered_at)
    )


def _queue_render(document_id: int) -> None:
    from .tasks import render_report_pdf

    enqueue(render_report_pdf, document_id)


def report_pdf_request(
    partnership: Partnership, span: ReportSpan, *, by: AbstractBaseUser | AnonymousUser, now: dt.datetime
) -> ReportDocument:
    """Ask for the PDF of the partnership's report for ``span`` (readers only). A ready
    one that nothing has changed since is given as it is; one being prepared (asked for
    less than ``stale_after()`` ago) is left to finish; otherwise the row is marked
    pending and its render queued when the transaction commits."""
    access.require_reader(by)
    requester = by if isinstance(by, User) else None
    with transaction.atomic():
        document, created = ReportDocument.objects.select_for_update().get_or_create(
            partnership=partnership,
            span=span.slug,
            defaults={"status": RenderStatus.PENDING, "requested_at": now, "requested_by": requester},
        )
        if created:
            _queue_render(document.pk)
            return document
        document.partnership = partnership
        if _is_current(document):
            return document
        if document.status == RenderStatus.PENDING and document.requested_at > now - stale_after():
            return document
        document.status = RenderStatus.PENDING
        document.error = ""
        document.requested_at = now
        document.requested_by = requester
        document.save(update_fields=["status", "error", "requested_at", "requested_by"])
        _queue_render(document.pk)
    return document


def report_pdf_sweep(*, now: dt.datetime) -> int:
    """Queue again the renders lost with their worker (pending for longer than
    ``stale_after()``); safe to run twice (a conditional update claims each row). The
    number queued. Beat runs it every ten minutes as reports.tasks.sweep_report_pdfs
    (migration reports 0004)."""
    claimed = 0
    lost = ReportDocument.objects.filter(status=RenderStatus.PENDING, requested_at__lt=now - stale_after())
    for pk, requested_at in lost.values_list("pk", "requested_at"):
        with transaction.atomic():
            if ReportDocument.objects.filter(pk=pk, requested_at=requested_at).update(requested_at=now):
                _queue_render(pk)
                claimed += 1
    return claimed


@dataclass(frozen=True)
class PdfStatus:
    """What the PDF page says. ``state``: "none" (never asked for), "pending", "lost"
    (pending for too long), "ready" or "failed"; ``out_of_date`` for a ready one that
    something has changed since."""

    document: ReportDocument | None
    state: str
    out_of_date: bool = False
    size: int | None = None

    @property
    def download_text(self) -> str:
        """'Download the report (PDF, 12 pages, 240 KB)'."""
        details = ["PDF"]
        pages = self.document.pages if self.document else None
        if pages:
            details.append(f"{pages} page{'s' if pages != 1 else ''}")
        if self.size is not None:
            details.append(filesizeformat(self.size).replace("\xa0", " "))
        return f"Download the report ({', '.join(details)})"


def report_pdf_status(partnership: Partnership, span: ReportSpan, *, now: dt.datetime) -> PdfStatus:
    """Where the PDF of the partnership's report for ``span`` is; reads only."""
    document = ReportDocument.objects.filter(partnership=partnership, span=span.slug).first()
    if document is None:
        return PdfStatus(None, "none")
    document.partnership = partnership
    if document.status == RenderStatus.PENDING:
        return PdfStatus(document, "lost" if document.requested_at <= now - stale_after() else "pending")
    if document.status == RenderStatus.FAILED or not document.file:
        return PdfStatus(document, "failed")
    return PdfStatus(
        document,
        "ready",
        out_of_date=document.rendered_at is None or changed_since(partnership, document.rendered_at),
        size=document_size(document),
    )


def document_size(document: ReportDocument) -> int | None:
    if not document.file:
        return None
    try:
        size: int = document.file.size
    except STORAGE_AWAY:  # missing, or the storage is away: the link shows no size
        return None
    return size


def download_name(document: ReportDocument) -> str:
    """'health-and-well-being-report-2025-26-q2.pdf'."""
    return f"{slugify(document.partnership.slug)[:60]}-report-{slugify(document.span)}.pdf"
