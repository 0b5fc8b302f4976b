"""Celery tasks of the reports: thin, take ids, safe to run twice (SPEC §8).
``render_*`` run on the ``pdf`` queue (settings.CELERY_TASK_ROUTES)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .pdf import RETRYABLE


@shared_task(
    acks_late=True,
    soft_time_limit=settings.PDF_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.PDF_TASK_TIME_LIMIT,
    autoretry_for=RETRYABLE,
    retry_backoff=30,
    retry_backoff_max=300,
    max_retries=3,
)
def render_report_pdf(document_id: int) -> str:
    """Render the PDF of a partnership's report for one span (reports.pdf.render_report);
    the status it ends in."""
    from .pdf import render_report

    document = render_report(document_id)
    return str(document.status) if document is not None else "gone"


@shared_task(acks_late=True)
def sweep_report_pdfs() -> int:
    """Queue again the report PDFs whose render was lost with its worker."""
    from .pdf import report_pdf_sweep

    return report_pdf_sweep(now=timezone.now())
