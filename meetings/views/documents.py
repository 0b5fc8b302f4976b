"""Public downloads of the agenda pack and minutes PDFs, and their status for the
meeting page to poll (SPEC §4, §6 "nothing unpublished ... by file URL", §8)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import FileResponse, Http404, HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from governance.downloads import open_stored
from governance.pagecache import cached_until_changed

from ..models import DocumentKind, Meeting, RenderedDocument, RenderStatus
from ..pdf import KIND_NAMES, document_size, download_name, download_text, public_documents

URL_NAMES: dict[str, str] = {
    DocumentKind.AGENDA_PACK: "meetings:agenda_pack",
    DocumentKind.MINUTES: "meetings:minutes_pdf",
}


def _public_meeting(pk: int) -> Meeting:
    """The public sees a meeting only once its agenda is published (meetings/models.py)."""
    return get_object_or_404(
        Meeting.objects.public().select_related("board__partnership", "minutes_approved_at"), pk=pk
    )


@dataclass(frozen=True)
class Servable:
    """What a download of a meeting's document serves: the stored file, its name for
    the reader and its ETag; or, when there is nothing to serve, the 404's reason."""

    stored: str = ""
    filename: str = ""
    etag: str = ""
    missing: str = ""


def _servable(pk: int, kind: str) -> Servable:
    meeting = _public_meeting(pk)
    documents = public_documents(meeting)
    if kind not in documents:
        return Servable(missing=f"The {KIND_NAMES[kind]} of this meeting have not been published.")
    document = documents[kind]
    if document is None or document.status != RenderStatus.READY or not document.file:
        return Servable(missing=f"The {KIND_NAMES[kind]} is being prepared. Try again in a minute.")
    return Servable(stored=document.file.name, filename=download_name(meeting, kind), etag=document.content_hash)


def _serve(pk: int, kind: str) -> HttpResponseBase:
    # Kept until the content changes (a publication, an edit, the render's own row), as
    # pages are: a download reads nothing from the database until then. A meeting that
    # is not public is a 404 read afresh each time (Http404 is not kept).
    servable = cached_until_changed(f"document-download:{pk}:{kind}", lambda: _servable(pk, kind))
    if servable.missing:
        raise Http404(servable.missing)
    handle = open_stored(RenderedDocument._meta.get_field("file").storage, servable.stored, what="document")
    response = FileResponse(handle, content_type="application/pdf", as_attachment=False, filename=servable.filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Revalidate every time: the same address serves a new file when the content changes.
    response["Cache-Control"] = "no-cache"
    response["ETag"] = f'"{servable.etag}"'
    return response


@require_safe
def agenda_pack(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _serve(pk, DocumentKind.AGENDA_PACK)


@require_safe
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _serve(pk, DocumentKind.MINUTES)


def _status(meeting: Meeting, kind: str, document: RenderedDocument | None) -> dict[str, object]:
    status = document.status if document is not None else RenderStatus.PENDING
    entry: dict[str, object] = {"status": str(status)}
    if document is not None and status == RenderStatus.READY:
        entry.update(
            url=reverse(URL_NAMES[kind], args=[meeting.pk]),
            pages=document.pages,
            size=document_size(document),
            link_text=download_text(kind, document),
        )
    return entry


@require_safe
def documents_status(request: HttpRequest, pk: int) -> JsonResponse:
    """{"documents": {"agenda_pack": {"status": "ready", "url": ..., "link_text": ...}}}."""
    meeting = _public_meeting(pk)
    documents = public_documents(meeting)
    response = JsonResponse(
        {
            "meeting": meeting.pk,
            "documents": {str(kind): _status(meeting, kind, document) for kind, document in documents.items()},
        }
    )
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("meetings/<id:pk>/agenda-pack.pdf", agenda_pack, name="agenda_pack"),
    path("meetings/<id:pk>/minutes.pdf", minutes_pdf, name="minutes_pdf"),
    path("meetings/<id:pk>/documents/status.json", documents_status, name="documents_status"),
]
