"""Officer pages: the dashboard and the forms that keep the register current. Each view:
decorators -> one access helper -> form -> one action -> redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from governance.forms import apply_action
from governance.http import AuthenticatedHttpRequest
from governance.pagecache import private_page

from .. import actions, queries
from ..access import (
    get_board_for_officer,
    get_membership_for_officer,
    get_partnership_for_officer,
    partnerships_for_officer,
    require_officer,
)
from ..forms import (
    BoardForm,
    DelegationForm,
    DeputyForm,
    EndDeputyForm,
    EndMembershipForm,
    MembershipForm,
    MouForm,
    PartnershipForm,
    SignatureForm,
)
from ..models import Board, Delegation, Deputyship, Membership, MemorandumOfUnderstanding, Partnership, long_date
from .public import mou_document_link


def _render_form(
    request: AuthenticatedHttpRequest, form: BaseForm, title: str, back: str, **extra: object
) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "title": title, "back": back, **extra}
    return render(request, "partnerships/form.html", context, status=status)


@private_page
@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_officer(request.user)
    partnerships = queries.dashboard(request.user, today=timezone.localdate())
    return render(request, "partnerships/dashboard.html", {"partnerships": partnerships})


@login_required
@require_http_methods(["GET", "POST"])
def partnership_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_officer(request.user)
    parents = partnerships_for_officer(request.user)
    initial = {}
    if parent_slug := request.GET.get("parent"):
        initial["parent"] = parents.filter(slug=parent_slug).first()
    form = PartnershipForm(request.POST or None, parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        if apply_action(form, actions.partnership_create, by=request.user, now=timezone.now(), **values):
            messages.success(request, f"{values['name']} has been added to the register.")
            return redirect(reverse("partnership", args=[values["slug"]]))
    return _render_form(request, form, "Add a partnership", back="/manage/")


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership_for_officer(request.user, slug)
    parents = partnerships_for_officer(request.user)
    if partnership.parent_id:
        parents = parents | Partnership.objects.filter(pk=partnership.parent_id)
    form = PartnershipForm(request.POST or None, instance=partnership, parents=parents.distinct())
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        if apply_action(form, actions.partnership_update, partnership, by=request.user, now=timezone.now(), **values):
            messages.success(request, f"{values['name']} has been updated.")
            return redirect(reverse("partnership", args=[values["slug"]]))
    return _render_form(request, form, f"Edit {partnership.name}", back=partnership.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def board_new(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership_for_officer(request.user, slug)
    form = BoardForm(request.POST or None, instance=Board(partnership=partnership))
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        if apply_action(
            form, actions.board_create, by=request.user, now=timezone.now(), partnership=partnership, **values
        ):
            messages.success(request, f"{values['name']} has been added.")
            return redirect(reverse("board", args=[partnership.slug, values["slug"]]))
    return _render_form(request, form, f"Add a board to {partnership.name}", back=partnership.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def board_edit(request: AuthenticatedHttpRequest, slug: str, board_slug: str) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)
    back = board.get_absolute_url()
    form = BoardForm(request.POST or None, instance=board)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        if apply_action(form, actions.board_update, board, by=request.user, now=timezone.now(), **values):
            messages.success(request, f"{values['name']} has been updated.")
            return redirect(reverse("board", args=[slug, values["slug"]]))
    return _render_form(request, form, f"Edit {board.name}", back=back)


@login_required
@require_http_methods(["GET", "POST"])
def membership_new(request: AuthenticatedHttpRequest, slug: str, board_slug: str) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)
    form = MembershipForm(request.POST or None, instance=Membership(board=board))
    if request.method == "POST" and form.is_valid():
        values = form.seat_values()
        if apply_action(form, actions.membership_create, by=request.user, now=timezone.now(), board=board, **values):
            messages.success(request, f"{values['person'].name} has been added to {board.name}.")
            return redirect(board)
    return _render_form(request, form, f"Add a member to {board.name}", back=board.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: AuthenticatedHttpRequest, slug: str, board_slug: str, pk: int) -> HttpResponse:
    membership = get_membership_for_officer(request.user, slug, board_slug, pk)
    board, person = membership.board, membership.person
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        values = form.seat_values()
        if apply_action(form, actions.membership_update, membership, by=request.user, now=timezone.now(), **values):
            messages.success(request, f"The seat of {values['person']} has been updated.")
            return redirect(board)
    return render(
        request,
        "partnerships/membership_form.html",
        {
            "form": form,
            "title": f"Edit the seat of {person}",
            "back": board.get_absolute_url(),
            "membership": membership,
            "deputyships": queries.seat_deputyships(membership),
            "today": timezone.localdate(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def deputy_change(request: AuthenticatedHttpRequest, slug: str, board_slug: str, pk: int) -> HttpResponse:
    """Change the deputy of a seat: the new deputy from a date (deputy_appoint)."""
    membership = get_membership_for_officer(request.user, slug, board_slug, pk)
    seat = queries.seat_for_deputies(membership)
    form = DeputyForm(request.POST or None, seat=seat)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        if apply_action(form, actions.deputy_appoint, seat, by=request.user, now=timezone.now(), **values):
            messages.success(
                request,
                f"{values['person'].name} is the deputy of {seat.person} from {long_date(values['start_date'])}.",
            )
            return redirect(reverse("manage:membership_edit", args=[slug, board_slug, pk]))
    return _render_deputies(request, form, seat, f"Change the deputy of {seat.person}")


@login_required
@require_http_methods(["GET", "POST"])
def deputy_end(
    request: AuthenticatedHttpRequest, slug: str, board_slug: str, pk: int, deputyship_pk: int
) -> HttpResponse:
    """End a seat's deputyship on a date (deputy_end)."""
    membership = get_membership_for_officer(request.user, slug, board_slug, pk)
    seat = queries.seat_for_deputies(membership)
    deputyship = get_object_or_404(
        Deputyship.objects.select_related("person", "membership__board__partnership"), membership=seat, pk=deputyship_pk
    )
    form = EndDeputyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data["end_date"]
        if apply_action(form, actions.deputy_end, deputyship, by=request.user, now=timezone.now(), on=on):
            messages.success(request, f"{deputyship.person} is deputy of {seat.person} until {long_date(on)}.")
            return redirect(reverse("manage:membership_edit", args=[slug, board_slug, pk]))
    return _render_deputies(request, form, seat, f"End the deputyship of {deputyship.person}")


def _render_deputies(request: AuthenticatedHttpRequest, form: BaseForm, seat: Membership, title: str) -> HttpResponse:
    board = seat.board
    back = reverse("manage:membership_edit", args=[board.partnership.slug, board.slug, seat.pk])
    context = {
        "form": form,
        "title": title,
        "back": back,
        "membership": seat,
        "deputyships": list(seat.deputyships.all()),
        "today": timezone.localdate(),
        "submit_label": getattr(form, "submit_label", "Save"),
    }
    return render(request, "partnerships/deputy_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request: AuthenticatedHttpRequest, slug: str, board_slug: str, pk: int) -> HttpResponse:
    membership = get_membership_for_officer(request.user, slug, board_slug, pk)
    board = membership.board
    form = EndMembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data["end_date"]
        if apply_action(form, actions.membership_end, membership, by=request.user, now=timezone.now(), on=on):
            messages.success(request, f"The seat of {membership.person} ends on {on:%d %B %Y}.")
            return redirect(board)
    return _render_form(
        request,
        form,
        f"End the seat of {membership.person}",
        back=board.get_absolute_url(),
        submit_label="End membership",
    )


@login_required
@require_http_methods(["GET", "POST"])
def delegation_new(request: AuthenticatedHttpRequest, slug: str, board_slug: str) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)
    form = DelegationForm(request.POST or None, request.FILES or None, instance=Delegation(board=board))
    if request.method == "POST" and form.is_valid():
        if apply_action(
            form, actions.delegation_create, by=request.user, now=timezone.now(), board=board, **form.cleaned_data
        ):
            messages.success(request, "The delegation has been recorded.")
            return redirect(board)
    return _render_form(
        request, form, f"Record a delegation for {board.name}", back=board.get_absolute_url(), multipart=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def delegation_edit(request: AuthenticatedHttpRequest, slug: str, board_slug: str, pk: int) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)
    delegation = get_object_or_404(Delegation.objects.select_related("board__partnership"), board=board, pk=pk)
    form = DelegationForm(request.POST or None, request.FILES or None, instance=delegation)
    if request.method == "POST" and form.is_valid():
        if apply_action(
            form, actions.delegation_update, delegation, by=request.user, now=timezone.now(), **form.cleaned_data
        ):
            messages.success(request, "The delegation has been updated.")
            return redirect(board)
    return _render_form(request, form, "Edit the delegation", back=board.get_absolute_url(), multipart=True)


@login_required
@require_http_methods(["GET", "POST"])
def mou_new(request: AuthenticatedHttpRequest, slug: str, board_slug: str) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)
    latest = board.mous.prefetch_related("required_signatories").first()
    initial = {"required_signatories": list(latest.required_signatories.all())} if latest else {}
    form = MouForm(
        request.POST or None, request.FILES or None, instance=MemorandumOfUnderstanding(board=board), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        if apply_action(
            form, actions.mou_create, by=request.user, now=timezone.now(), board=board, **form.cleaned_data
        ):
            mou = board.mous.select_related("board__partnership").latest("version")
            messages.success(
                request,
                f"Version {mou.version} of the memorandum has been added. It takes effect when every partner has signed.",
            )
            return redirect(mou)
    return _render_form(
        request, form, f"Add a memorandum version for {board.name}", back=board.get_absolute_url(), multipart=True
    )


@login_required
@require_http_methods(["POST"])
def mou_sign(request: AuthenticatedHttpRequest, slug: str, board_slug: str, version: int) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)
    mou = get_object_or_404(
        MemorandumOfUnderstanding.objects.select_related("board__partnership"), board=board, version=version
    )
    form = SignatureForm(request.POST, mou=mou)
    if form.is_valid():
        values = form.cleaned_data
        if apply_action(form, actions.mou_signature_record, mou, by=request.user, now=timezone.now(), **values):
            messages.success(request, f"The signature of {values['organisation']} has been recorded.")
            return redirect(mou)
    mou = queries.mou_with_signatures(mou)
    context = {"mou": mou, "board": board, "can_edit": True, "form": form, "document": mou_document_link(mou)}
    return render(request, "partnerships/mou.html", context, status=400)
