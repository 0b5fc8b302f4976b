"""Public pages of the partnership register (004 R5): anyone may read them."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from governance.downloads import STORAGE_AWAY, document_response, open_stored, signed_download
from governance.uploads import ALLOWED_TYPES

from .. import queries
from ..access import can_edit_partnership
from ..forms import SignatureForm
from ..models import Board, Delegation, MemorandumOfUnderstanding

# What reading a stored document can raise: missing, unreadable, a name outside storage,
# or the storage away.
_UNREADABLE: tuple[type[Exception], ...] = (*STORAGE_AWAY, ValueError, SuspiciousFileOperation)


def register(request: HttpRequest) -> HttpResponse:
    """The tree of all partnerships, inside and outside the LSP, with contacts and boards, filterable."""
    filters = queries.RegisterFilters(
        statutory=request.GET.get("statutory", ""),
        lsp=request.GET.get("lsp", ""),
        layer=request.GET.get("layer", ""),
    )
    context = queries.register(filters, today=timezone.localdate())
    return render(request, "partnerships/register.html", context)


def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = queries.partnership_page(slug, today=timezone.localdate())
    can_edit = can_edit_partnership(request.user, partnership)
    return render(request, "partnerships/partnership.html", {"partnership": partnership, "can_edit": can_edit})


def board_detail(request: HttpRequest, partnership_slug: str, board_slug: str) -> HttpResponse:
    context = queries.board_page(partnership_slug, board_slug, today=timezone.localdate())
    context["can_edit"] = can_edit_partnership(request.user, context["partnership"])
    # Each delegation's evidence link (no query: the storage is asked for the size).
    context["evidence_links"] = [(d, evidence_link(d, context["board"])) for d in context["delegations"]]
    return render(request, "partnerships/board.html", context)


def mou_detail(request: HttpRequest, partnership_slug: str, board_slug: str, version: int) -> HttpResponse:
    mou = queries.mou_page(partnership_slug, board_slug, version)
    can_edit = can_edit_partnership(request.user, mou.board.partnership)
    form = SignatureForm(mou=mou) if can_edit and mou.unsigned_organisations() else None
    context = {"mou": mou, "board": mou.board, "can_edit": can_edit, "form": form, "document": mou_document_link(mou)}
    return render(request, "partnerships/mou.html", context)


# ---------------------------------------------------------------------------
# Delegation evidence and memorandum documents: public, as the pages listing them are.


@dataclass(frozen=True)
class DocumentLink:
    """A stored document as a page links it: its address and "PDF, 120 KB"."""

    url: str
    details: str


def _extension(document: FieldFile) -> str | None:
    """The checked type of a stored document, from the name it was stored under
    (actions build it from the checked type); None for a file of no allowed type."""
    extension = PurePosixPath(document.name or "").suffix.lstrip(".").lower()
    return extension if extension in ALLOWED_TYPES else None


def _document_link(document: FieldFile, url: str) -> DocumentLink | None:
    """None when there is no file, or it is missing from storage (no dead link)."""
    if not document.name:
        return None
    try:
        size = document.storage.size(document.name)
    except _UNREADABLE:
        return None
    extension = _extension(document)
    kind = extension.upper() if extension else "file"  # a file stored before uploads were checked
    return DocumentLink(url, f"{kind}, {filesizeformat(size).replace(chr(0xA0), ' ')}")


def evidence_link(delegation: Delegation, board: Board) -> DocumentLink | None:
    """The link to a delegation's evidence; ``board`` is its board, with its partnership."""
    url = reverse("delegation_evidence", args=[board.partnership.slug, board.slug, delegation.pk])
    return _document_link(delegation.evidence_document, url)


def mou_document_link(mou: MemorandumOfUnderstanding) -> DocumentLink | None:
    board = mou.board
    return _document_link(mou.document, reverse("mou_document", args=[board.partnership.slug, board.slug, mou.version]))


def _readable(name: str) -> str:
    """A download name people can read, without characters file systems refuse."""
    return re.sub(r"\s+", " ", re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]', " ", name)).strip()[:150]


def _serve(document: FieldFile, stem: str) -> HttpResponseBase:
    """Serve a stored document as paper_download serves a paper, typed from its checked
    extension."""
    if not document.name:
        raise Http404("No such document.")
    handle = open_stored(document.storage, document.name)
    extension = _extension(document)
    content_type = ALLOWED_TYPES[extension] if extension else "application/octet-stream"
    filename = f"{_readable(stem) or 'Document'}.{extension or 'bin'}"
    signed = signed_download(document, filename=filename, content_type=content_type)
    if signed is not None:  # the object exists (opened above); these documents are public
        handle.close()
        return signed
    # Stored names are fresh per upload and never overwritten: the name names the content.
    etag = hashlib.sha256(document.name.encode()).hexdigest()
    return document_response(handle, filename=filename, content_type=content_type, etag=etag)


@require_safe
def delegation_evidence(request: HttpRequest, partnership_slug: str, board_slug: str, pk: int) -> HttpResponseBase:
    """The evidence document of a delegation: public, as the board and person pages
    that list delegations are. 404 unless the delegation is of that board."""
    delegation = (
        Delegation.objects.select_related("organisation")
        .filter(pk=pk, board__slug=board_slug, board__partnership__slug=partnership_slug)
        .first()
    )
    if delegation is None:
        raise Http404("No such delegation.")
    return _serve(delegation.evidence_document, f"Delegation evidence - {delegation.organisation.name}")


@require_safe
def mou_document(request: HttpRequest, partnership_slug: str, board_slug: str, version: int) -> HttpResponseBase:
    """The document of a memorandum version: public, as its page is."""
    mou = (
        MemorandumOfUnderstanding.objects.select_related("board")
        .filter(version=version, board__slug=board_slug, board__partnership__slug=partnership_slug)
        .first()
    )
    if mou is None:
        raise Http404("No such memorandum.")
    return _serve(mou.document, f"Memorandum of understanding - {mou.board.name} - version {mou.version}")
