"""Public pages of the partnership register and the officer pages that keep it current."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from governance.forms import apply_action
from meetings.health import meeting_figures

from . import actions
from .access import (
    can_edit_partnership,
    get_board_for_officer,
    get_membership_for_officer,
    get_partnership_for_officer,
    partnerships_for_officer,
    require_officer,
)
from .forms import (
    BoardForm,
    DelegationForm,
    EndMembershipForm,
    MembershipForm,
    MouForm,
    PartnershipForm,
    SignatureForm,
)
from .health import board_health
from .models import (
    Board,
    Delegation,
    Layer,
    Membership,
    MemorandumOfUnderstanding,
    MouSignature,
    Partnership,
    partnership_tree,
)

# ---------------------------------------------------------------------------
# Public pages


def _current_member_count() -> Count:
    today = timezone.localdate()
    return Count(
        "memberships",
        filter=Q(memberships__start_date__lte=today)
        & (Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)),
    )


def register(request: HttpRequest) -> HttpResponse:
    """The public partnership register (004 R5): the tree of all partnerships, inside
    and outside the LSP, with contacts and boards, filterable."""
    statutory = request.GET.get("statutory", "")
    lsp = request.GET.get("lsp", "")
    layer = request.GET.get("layer", "")
    boards = Board.objects.annotate(member_count=_current_member_count()).order_by("name")
    partnerships = list(
        Partnership.objects.select_related("lead_accountable_body").prefetch_related(
            Prefetch("boards", queryset=boards)
        )
    )

    def matches(p: Partnership) -> bool:
        if statutory in ("yes", "no") and p.statutory != (statutory == "yes"):
            return False
        if lsp in ("in", "out") and p.in_lsp != (lsp == "in"):
            return False
        if layer in Layer.values and not any(b.layer == layer for b in p.boards.all()):
            return False
        return True

    matching = {p.pk for p in partnerships if matches(p)}
    by_id = {p.pk: p for p in partnerships}
    shown = set(matching)
    for pk in matching:  # keep the ancestors of a match, greyed, so the tree still reads
        parent = by_id[pk].parent_id
        while parent is not None and parent not in shown:
            shown.add(parent)
            parent = by_id[parent].parent_id
    rows = [(p, depth, p.pk in matching) for p, depth in partnership_tree(p for p in partnerships if p.pk in shown)]
    context = {
        "rows": rows,
        "match_count": len(matching),
        "total_count": len(partnerships),
        "filters": {"statutory": statutory, "lsp": lsp, "layer": layer},
        "filtered": bool(statutory or lsp or layer),
        "layers": Layer.choices,
    }
    return render(request, "partnerships/register.html", context)


def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    boards = Board.objects.annotate(member_count=_current_member_count()).order_by("name")
    partnership = get_object_or_404(
        Partnership.objects.select_related("parent", "lead_accountable_body").prefetch_related(
            Prefetch("boards", queryset=boards), "children"
        ),
        slug=slug,
    )
    can_edit = can_edit_partnership(request.user, partnership)  # type: ignore[arg-type]
    return render(request, "partnerships/partnership.html", {"partnership": partnership, "can_edit": can_edit})


def board_detail(request: HttpRequest, partnership_slug: str, board_slug: str) -> HttpResponse:
    board = get_object_or_404(
        Board.objects.select_related("partnership", "partnership__lead_accountable_body"),
        partnership__slug=partnership_slug,
        slug=board_slug,
    )
    today = timezone.localdate()
    all_memberships = list(
        Membership.objects.filter(board=board)
        .select_related("person", "organisation", "deputy")
        .order_by("role", "organisation__name", "person__name")
    )
    current = [m for m in all_memberships if m.is_current(today)]
    former = [m for m in all_memberships if m.end_date is not None and m.end_date < today]
    delegations = (
        Delegation.objects.filter(board=board, valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("organisation", "person")
    )
    mous = (
        MemorandumOfUnderstanding.objects.filter(board=board)
        .select_related("board__partnership")
        .prefetch_related(
            "required_signatories", Prefetch("signatures", queryset=MouSignature.objects.select_related("organisation"))
        )
    )
    context = {
        "board": board,
        "partnership": board.partnership,
        "memberships": current,
        "former_memberships": former,
        "health": board_health(board, current, meetings=meeting_figures(board, today)),
        "delegations": list(delegations),
        "mous": list(mous),
        "can_edit": can_edit_partnership(request.user, board.partnership),  # type: ignore[arg-type]
    }
    return render(request, "partnerships/board.html", context)


def mou_detail(request: HttpRequest, partnership_slug: str, board_slug: str, version: int) -> HttpResponse:
    mou = get_object_or_404(
        MemorandumOfUnderstanding.objects.select_related(
            "board__partnership__lead_accountable_body", "rules_lead_accountable_body"
        ).prefetch_related(
            "required_signatories", Prefetch("signatures", queryset=MouSignature.objects.select_related("organisation"))
        ),
        board__partnership__slug=partnership_slug,
        board__slug=board_slug,
        version=version,
    )
    can_edit = can_edit_partnership(request.user, mou.board.partnership)  # type: ignore[arg-type]
    form = None
    if can_edit and mou.unsigned_organisations():
        form = SignatureForm(mou=mou)
    return render(
        request, "partnerships/mou.html", {"mou": mou, "board": mou.board, "can_edit": can_edit, "form": form}
    )


# ---------------------------------------------------------------------------
# Officer pages


def _render_form(request: HttpRequest, form: BaseForm, title: str, back: str, **extra: object) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "title": title, "back": back, **extra}
    return render(request, "partnerships/form.html", context, status=status)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    require_officer(request.user)  # type: ignore[arg-type]
    partnerships = (
        partnerships_for_officer(request.user)  # type: ignore[arg-type]
        .select_related("parent")
        .prefetch_related(Prefetch("boards", queryset=Board.objects.annotate(member_count=_current_member_count())))
        .order_by("name")
    )
    return render(request, "partnerships/dashboard.html", {"partnerships": partnerships})


@login_required
@require_http_methods(["GET", "POST"])
def partnership_new(request: HttpRequest) -> HttpResponse:
    require_officer(request.user)  # type: ignore[arg-type]
    parents = partnerships_for_officer(request.user)  # type: ignore[arg-type]
    initial = {}
    if parent_slug := request.GET.get("parent"):
        initial["parent"] = parents.filter(slug=parent_slug).first()
    form = PartnershipForm(request.POST or None, parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        partnership = form.save(commit=False)
        if apply_action(form, actions.partnership_create, partnership, by=request.user):
            messages.success(request, f"{partnership.name} has been added to the register.")
            return redirect(partnership)
    return _render_form(request, form, "Add a partnership", back="/manage/")


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership_for_officer(request.user, slug)  # type: ignore[arg-type]
    parents = partnerships_for_officer(request.user)  # type: ignore[arg-type]
    if partnership.parent_id:
        parents = parents | Partnership.objects.filter(pk=partnership.parent_id)
    form = PartnershipForm(request.POST or None, instance=partnership, parents=parents.distinct())
    if request.method == "POST" and form.is_valid():
        if apply_action(
            form, actions.partnership_update, form.save(commit=False), by=request.user, changed=form.changed_data
        ):
            messages.success(request, f"{partnership.name} has been updated.")
            return redirect(partnership)
    return _render_form(request, form, f"Edit {partnership.name}", back=partnership.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def board_new(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership_for_officer(request.user, slug)  # type: ignore[arg-type]
    form = BoardForm(request.POST or None, instance=Board(partnership=partnership))
    if request.method == "POST" and form.is_valid():
        board = form.save(commit=False)
        if apply_action(form, actions.board_save, board, by=request.user):
            messages.success(request, f"{board.name} has been added.")
            return redirect(board)
    return _render_form(request, form, f"Add a board to {partnership.name}", back=partnership.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def board_edit(request: HttpRequest, slug: str, board_slug: str) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)  # type: ignore[arg-type]
    form = BoardForm(request.POST or None, instance=board)
    if request.method == "POST" and form.is_valid():
        if apply_action(form, actions.board_save, form.save(commit=False), by=request.user, changed=form.changed_data):
            messages.success(request, f"{board.name} has been updated.")
            return redirect(board)
    return _render_form(request, form, f"Edit {board.name}", back=board.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def membership_new(request: HttpRequest, slug: str, board_slug: str) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)  # type: ignore[arg-type]
    form = MembershipForm(request.POST or None, instance=Membership(board=board))
    if request.method == "POST" and form.is_valid():
        membership = form.save(commit=False)
        if apply_action(form, actions.membership_save, membership, by=request.user):
            messages.success(request, f"{membership.person} has been added to {board.name}.")
            return redirect(board)
    return _render_form(request, form, f"Add a member to {board.name}", back=board.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, slug: str, board_slug: str, pk: int) -> HttpResponse:
    membership = get_membership_for_officer(request.user, slug, board_slug, pk)  # type: ignore[arg-type]
    board = membership.board
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        if apply_action(
            form, actions.membership_save, form.save(commit=False), by=request.user, changed=form.changed_data
        ):
            messages.success(request, f"The seat of {membership.person} has been updated.")
            return redirect(board)
    return _render_form(request, form, f"Edit the seat of {membership.person}", back=board.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, slug: str, board_slug: str, pk: int) -> HttpResponse:
    membership = get_membership_for_officer(request.user, slug, board_slug, pk)  # type: ignore[arg-type]
    board = membership.board
    form = EndMembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if apply_action(form, actions.membership_end, membership, on=form.cleaned_data["end_date"], by=request.user):
            messages.success(request, f"The seat of {membership.person} ends on {membership.end_date:%d %B %Y}.")
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
def delegation_new(request: HttpRequest, slug: str, board_slug: str) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)  # type: ignore[arg-type]
    form = DelegationForm(request.POST or None, request.FILES or None, instance=Delegation(board=board))
    if request.method == "POST" and form.is_valid():
        if apply_action(form, actions.delegation_save, form.save(commit=False), by=request.user):
            messages.success(request, "The delegation has been recorded.")
            return redirect(board)
    return _render_form(
        request, form, f"Record a delegation for {board.name}", back=board.get_absolute_url(), multipart=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def delegation_edit(request: HttpRequest, slug: str, board_slug: str, pk: int) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)  # type: ignore[arg-type]
    delegation = get_object_or_404(Delegation, board=board, pk=pk)
    form = DelegationForm(request.POST or None, request.FILES or None, instance=delegation)
    if request.method == "POST" and form.is_valid():
        if apply_action(form, actions.delegation_save, form.save(commit=False), by=request.user):
            messages.success(request, "The delegation has been updated.")
            return redirect(board)
    return _render_form(request, form, "Edit the delegation", back=board.get_absolute_url(), multipart=True)


@login_required
@require_http_methods(["GET", "POST"])
def mou_new(request: HttpRequest, slug: str, board_slug: str) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)  # type: ignore[arg-type]
    latest = board.mous.prefetch_related("required_signatories").first()
    initial = {"required_signatories": list(latest.required_signatories.all())} if latest else {}
    form = MouForm(
        request.POST or None, request.FILES or None, instance=MemorandumOfUnderstanding(board=board), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        mou = form.save(commit=False)
        if apply_action(
            form, actions.mou_create, mou, list(form.cleaned_data["required_signatories"]), by=request.user
        ):
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
def mou_sign(request: HttpRequest, slug: str, board_slug: str, version: int) -> HttpResponse:
    board = get_board_for_officer(request.user, slug, board_slug)  # type: ignore[arg-type]
    mou = get_object_or_404(MemorandumOfUnderstanding, board=board, version=version)
    form = SignatureForm(request.POST, mou=mou)
    if form.is_valid():
        signature = form.save(commit=False)
        if apply_action(form, actions.mou_signature_record, signature, by=request.user):
            messages.success(request, f"The signature of {signature.organisation} has been recorded.")
            return redirect(mou)
    mou = MemorandumOfUnderstanding.objects.prefetch_related("required_signatories", "signatures__organisation").get(
        pk=mou.pk
    )
    return render(
        request, "partnerships/mou.html", {"mou": mou, "board": board, "can_edit": True, "form": form}, status=400
    )
