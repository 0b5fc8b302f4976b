"""The report as a PDF (SPEC §7): a page that asks for it and says how it is going, and
its download. Report readers only. A GET only reads; the button POSTs, and is
redirected back to the page (post/redirect/get)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from governance.http import AuthenticatedHttpRequest
from meetings.models import RenderStatus
from partnerships.models import Partnership

from .. import access, pdf
from ..models import ReportDocument
from .report import _span


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_pdf(request: AuthenticatedHttpRequest, partnership: str) -> HttpResponseBase:
    access.require_reader(request.user)
    chosen = get_object_or_404(Partnership, slug=partnership)
    now = timezone.now()
    span, choices, error = _span(request, timezone.localdate(now))
    if request.method == "POST" and not error:
        pdf.report_pdf_request(chosen, span, by=request.user, now=now)
        return redirect(f"{reverse('reports:report_pdf', args=[chosen.slug])}?period={span.slug}")
    context = {
        "partnership": chosen,
        "span": span,
        "choices": choices,
        "period_error": error,
        "status": pdf.report_pdf_status(chosen, span, now=now),
        "usual_wait": pdf.USUAL_WAIT,
    }
    return render(request, "reports/pdf/status.html", context, status=400 if error else 200)


@require_safe
@login_required
def report_pdf_download(request: AuthenticatedHttpRequest, partnership: str, pk: int) -> HttpResponseBase:
    access.require_reader(request.user)
    document = get_object_or_404(
        ReportDocument.objects.select_related("partnership"), pk=pk, partnership__slug=partnership
    )
    if document.status != RenderStatus.READY or not document.file:
        raise Http404("This PDF is not ready: the report's PDF page says how it is going.")
    try:
        handle = document.file.open("rb")
    except OSError as error:
        raise Http404("The file of this PDF is missing: prepare it again from the report's PDF page.") from error
    response = FileResponse(
        handle, content_type="application/pdf", as_attachment=True, filename=pdf.download_name(document)
    )
    response["X-Content-Type-Options"] = "nosniff"
    # For readers only; and the same address serves a new file once prepared again.
    response["Cache-Control"] = "private, no-cache"
    return response
