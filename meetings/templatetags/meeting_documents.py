"""Tags for templates/meetings/_documents.html: the download link text and the
address of its polling script. No queries (the file size is read from storage)."""

from __future__ import annotations

from django import template
from django.templatetags.static import static

from ..models import RenderedDocument
from ..pdf import download_text

register = template.Library()


@register.simple_tag
def documents_script() -> str:
    """The address of static/js/documents.js (hashed in production)."""
    return static("js/documents.js")


@register.simple_tag
def document_link_text(kind: str, document: RenderedDocument) -> str:
    """'Download the agenda pack (PDF, 40 pages, 1.2 MB)'."""
    return download_text(kind, document)
