"""Reads assembled for the partnership pages (the only place reads are put together).

Each function returns what one page shows, with its relations loaded, so a template
never makes a query per row (tests/partnerships/test_queries.py counts them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Func, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from accounts.models import User
from meetings.health import meeting_figures

from .access import partnerships_for_officer
from .health import board_health
from .models import (
    Board,
    Delegation,
    Deputyship,
    Layer,
    Membership,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    Partnership,
    Person,
    membership_current_q,
    partnership_tree,
    seated_q,
)


def current_member_count(today: dt.date) -> Count:
    """Annotation for boards: its members on ``today``, as the board health counts them
    (SEATED_ROLES: officers and invited attendees are not members, 002 §8)."""
    return Count("memberships", filter=membership_current_q(today, "memberships__") & seated_q("memberships__"))


def boards_with_member_counts(today: dt.date) -> QuerySet[Board]:
    return Board.objects.annotate(member_count=current_member_count(today)).order_by("name")


@dataclass(frozen=True)
class RegisterFilters:
    """The register's filters as the page's query string gives them; unknown values are ignored."""

    statutory: str = ""  # "yes" / "no"
    lsp: str = ""  # "in" / "out"
    layer: str = ""  # a Layer value

    @property
    def active(self) -> bool:
        return bool(self.statutory or self.lsp or self.layer)

    def matches(self, partnership: Partnership) -> bool:
        if self.statutory in ("yes", "no") and partnership.statutory != (self.statutory == "yes"):
            return False
        if self.lsp in ("in", "out") and partnership.in_lsp != (self.lsp == "in"):
            return False
        if self.layer in Layer.values and not any(b.layer == self.layer for b in partnership.boards.all()):
            return False
        return True


def register(filters: RegisterFilters, *, today: dt.date) -> dict[str, Any]:
    """The public partnership register (004 R5): the tree of all partnerships, inside
    and outside the LSP, with contacts and boards; a match keeps its ancestors, greyed,
    so the tree still reads."""
    partnerships = list(
        Partnership.objects.select_related("lead_accountable_body").prefetch_related(
            Prefetch("boards", queryset=boards_with_member_counts(today))
        )
    )
    matching = {p.pk for p in partnerships if filters.matches(p)}
    by_id = {p.pk: p for p in partnerships}
    shown = set(matching)
    for pk in matching:
        parent = by_id[pk].parent_id
        while parent is not None and parent not in shown:
            shown.add(parent)
            parent = by_id[parent].parent_id
    rows = [(p, depth, p.pk in matching) for p, depth in partnership_tree(p for p in partnerships if p.pk in shown)]
    return {
        "rows": rows,
        "match_count": len(matching),
        "total_count": len(partnerships),
        "filters": {"statutory": filters.statutory, "lsp": filters.lsp, "layer": filters.layer},
        "filtered": filters.active,
        "layers": Layer.choices,
    }


def partnership_page(slug: str, *, today: dt.date) -> Partnership:
    """A partnership with its boards (and their member counts) and its groups; 404 if none."""
    return get_object_or_404(
        Partnership.objects.select_related("parent", "lead_accountable_body").prefetch_related(
            Prefetch("boards", queryset=boards_with_member_counts(today)), "children"
        ),
        slug=slug,
    )


def deputyships_prefetch() -> Prefetch[Any]:
    """A seat's deputyships, oldest first, with their people: ``Membership.deputy_on``
    and the deputy history then read them without a query per seat."""
    return Prefetch("deputyships", queryset=Deputyship.objects.select_related("person").order_by("start_date", "pk"))


@dataclass(frozen=True)
class Seat:
    """A seat as the board page shows it: the membership and its deputyship in force."""

    membership: Membership
    deputyship: Deputyship | None


def people_of_board(board: Board) -> set[int]:
    """The people who hold or held a seat on a board, or deputised for one: the first
    group of the board's person selects."""
    members = Membership.objects.filter(board=board).order_by().values_list("person_id", flat=True)
    deputies = Deputyship.objects.filter(membership__board=board).order_by().values_list("person_id", flat=True)
    return set(members.union(deputies))


def people_of_organisation(organisation: Organisation) -> set[int]:
    """The people of an organisation: the first group of a seat's deputy select."""
    return set(Person.objects.filter(organisation=organisation).values_list("pk", flat=True))


def _mous_with_signatures() -> QuerySet[MemorandumOfUnderstanding]:
    return MemorandumOfUnderstanding.objects.prefetch_related(
        "required_signatories", Prefetch("signatures", queryset=MouSignature.objects.select_related("organisation"))
    )


def _row_count(queryset: QuerySet[Any]) -> Coalesce:
    """The number of rows of a correlated queryset, as a subquery (0 when none)."""
    return Coalesce(Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]), 0)


def _mous_with_signature_counts() -> QuerySet[MemorandumOfUnderstanding]:
    """Memoranda with ``signature_count``, ``required_count`` and ``unsigned_count``
    (required partners that have not signed), counted in the memoranda's own query."""
    required = MemorandumOfUnderstanding.required_signatories.through.objects.filter(
        memorandumofunderstanding_id=OuterRef("pk")
    )
    signed = MouSignature.objects.filter(mou_id=OuterRef(OuterRef("pk"))).values("organisation_id")
    return MemorandumOfUnderstanding.objects.annotate(
        signature_count=_row_count(MouSignature.objects.filter(mou_id=OuterRef("pk"))),
        required_count=_row_count(required),
        unsigned_count=_row_count(required.exclude(organisation_id__in=signed)),
    )


def board_page(partnership_slug: str, board_slug: str, *, today: dt.date) -> dict[str, Any]:
    """A board with its current and former members, each seat's deputy on ``today`` and
    deputies over time, delegations in force, memoranda and health."""
    board = get_object_or_404(
        Board.objects.select_related("partnership", "partnership__lead_accountable_body"),
        partnership__slug=partnership_slug,
        slug=board_slug,
    )
    all_memberships = list(
        Membership.objects.filter(board=board)
        .select_related("person", "organisation")
        .prefetch_related(deputyships_prefetch())
        .order_by("role", "organisation__name", "person__name")
    )
    current = [m for m in all_memberships if m.is_current(today)]
    former = [m for m in all_memberships if m.end_date is not None and m.end_date < today]
    delegations = Delegation.objects.filter(board=board).valid_on(today).select_related("organisation", "person")
    mous = _mous_with_signature_counts().filter(board=board).select_related("board__partnership")
    # Every seat, current or former, that has had a deputy: its deputyships oldest first.
    history = [m for m in sorted(all_memberships, key=lambda m: (m.person.name, m.start_date)) if m.deputyships.all()]
    return {
        "board": board,
        "partnership": board.partnership,
        "memberships": current,
        "seats": [Seat(m, m.deputyship_on(today)) for m in current],
        "former_memberships": former,
        "deputy_history": history,
        "health": board_health(board, current, on=today, meetings=meeting_figures(board, today)),
        "delegations": list(delegations),
        "mous": list(mous),
    }


def person_page(pk: int) -> dict[str, Any]:
    """A person's seats over time (each with its deputies), the seats they deputised
    for and the delegations they held; 404 if there is no such person."""
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    seats = (
        Membership.objects.filter(person=person)
        .select_related("board__partnership", "organisation")
        .prefetch_related(deputyships_prefetch())
        .order_by("-start_date", "board__name")
    )
    deputised = (
        Deputyship.objects.filter(person=person)
        .select_related("membership__person", "membership__organisation", "membership__board__partnership")
        .order_by("-start_date", "pk")
    )
    delegations = (
        Delegation.objects.filter(person=person)
        .select_related("organisation", "board__partnership")
        .order_by("-valid_from", "pk")
    )
    return {"person": person, "seats": list(seats), "deputised": list(deputised), "delegations": list(delegations)}


def seat_deputyships(membership: Membership) -> list[Deputyship]:
    """A seat's deputies over time, oldest first, with their people."""
    return list(Deputyship.objects.filter(membership=membership).select_related("person").order_by("start_date", "pk"))


def seat_for_deputies(membership: Membership) -> Membership:
    """A seat reloaded for its deputy pages: its board, member, organisation and deputyships."""
    return (
        Membership.objects.select_related("board__partnership", "person", "organisation")
        .prefetch_related(deputyships_prefetch())
        .get(pk=membership.pk)
    )


def mou_page(partnership_slug: str, board_slug: str, version: int) -> MemorandumOfUnderstanding:
    """One memorandum version with its board, signatories and signatures; 404 if none."""
    return get_object_or_404(
        _mous_with_signatures().select_related(
            "board__partnership__lead_accountable_body", "rules_lead_accountable_body"
        ),
        board__partnership__slug=partnership_slug,
        board__slug=board_slug,
        version=version,
    )


def mou_with_signatures(mou: MemorandumOfUnderstanding) -> MemorandumOfUnderstanding:
    """The memorandum reloaded for its page after a refused signature."""
    return _mous_with_signatures().select_related("board__partnership").get(pk=mou.pk)


def dashboard(user: User, *, today: dt.date) -> QuerySet[Partnership]:
    """The partnerships an officer services, with their boards and member counts."""
    return (
        partnerships_for_officer(user)
        .select_related("parent")
        .prefetch_related(Prefetch("boards", queryset=boards_with_member_counts(today)))
        .order_by("name")
    )
