"""Public pages of the partnership register (004 R5): anyone may read them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .. import queries
from ..access import can_edit_partnership
from ..forms import SignatureForm


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
    return render(request, "partnerships/board.html", context)


def mou_detail(request: HttpRequest, partnership_slug: str, board_slug: str, version: int) -> HttpResponse:
    mou = queries.mou_page(partnership_slug, board_slug, version)
    can_edit = can_edit_partnership(request.user, mou.board.partnership)
    form = SignatureForm(mou=mou) if can_edit and mou.unsigned_organisations() else None
    return render(
        request, "partnerships/mou.html", {"mou": mou, "board": mou.board, "can_edit": can_edit, "form": form}
    )
