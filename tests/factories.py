"""Rows for tests, made directly (not through the actions) so a test can set up any
state in one line: a meeting with its agenda published, an exempt item, a paper with
three versions. Tests of the actions themselves call the actions.

- ``make_meeting(board, start=None, *, days=30, status=..., published=...)``: published
  by default (agenda out 14 days before the start); ``published=False`` or
  ``status=SCHEDULED`` gives an unpublished one.
- ``make_item(meeting, title, *, order=None, exempt=False)``: the next order by default;
  an exempt item gets an exempt category.
- ``make_paper(item, title, *, published=True, members=False, versions=1, content=...)``:
  each version a stored file (``media`` fixtures point MEDIA_ROOT at a temporary folder).
- ``add_version(paper, content, *, published=True, note="", original_name=None)``.
- ``make_deputyship(membership, person, *, start=None, end=None)``: a designated deputy
  of a seat in the ledger, from the seat's start by default.
- ``seat_position(round, seat, *, person=None, capacity=MEMBER, value=CONSENT)``: the
  position of a seat's organisation in a round, unsaved (for ``bulk_create`` or ``save``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from decisions.models import Capacity, Position, PositionValue
from meetings.models import AgendaItem, ExemptCategory, Meeting, MeetingStatus, Paper, PaperVersion
from partnerships.models import Board, Deputyship, Membership, Person

PDF = "application/pdf"


def make_meeting(
    board: Board,
    start: dt.datetime | None = None,
    *,
    days: int = 30,
    status: str | None = None,
    published: bool | None = None,
    **extra: Any,
) -> Meeting:
    start = start or timezone.now() + dt.timedelta(days=days)
    if published is None:
        published = status != MeetingStatus.SCHEDULED
    if status is None:
        status = MeetingStatus.AGENDA_PUBLISHED if published else MeetingStatus.SCHEDULED
    extra.setdefault("venue", "County Hall, Oxford")
    extra.setdefault("agenda_published_at", start - dt.timedelta(days=14) if published else None)
    return Meeting.objects.create(board=board, start=start, status=status, **extra)


def make_item(
    meeting: Meeting, title: str = "Item", *, order: int | None = None, exempt: bool = False, **extra: Any
) -> AgendaItem:
    if order is None:
        order = meeting.items.count() + 1
    if exempt:
        extra.setdefault("exempt_category", ExemptCategory.FINANCIAL)
    return AgendaItem.objects.create(meeting=meeting, order=order, title=title, exempt=exempt, **extra)


def add_version(
    paper: Paper,
    content: bytes,
    *,
    published: bool = True,
    note: str = "",
    original_name: str | None = None,
    published_at: dt.datetime | None = None,
) -> PaperVersion:
    number = paper.versions.count() + 1
    name = default_storage.save(f"papers/test/paper-{paper.pk}-v{number}.pdf", ContentFile(content))
    if published and published_at is None:
        published_at = paper.published_at or timezone.now() - dt.timedelta(days=10)
    return PaperVersion.objects.create(
        paper=paper,
        number=number,
        file=name,
        original_name=original_name or f"{paper.title}.pdf",
        content_type=PDF,
        size=len(content),
        sha256="0" * 64,
        published_at=published_at if published else None,
        change_note=note,
    )


def make_paper(
    item: AgendaItem,
    title: str,
    *,
    published: bool = True,
    members: bool = False,
    versions: int = 1,
    content: bytes | None = None,
    published_at: dt.datetime | None = None,
    **extra: Any,
) -> Paper:
    if published and published_at is None:
        published_at = timezone.now() - dt.timedelta(days=10)
    paper = Paper.objects.create(
        item=item,
        title=title,
        published_at=published_at if published else None,
        available_to_members=members,
        **extra,
    )
    for number in range(1, versions + 1):
        add_version(paper, content or f"%PDF-1.4 {title} {number}".encode(), published=published)
    return paper


def make_deputyship(
    membership: Membership, person: Person, *, start: dt.date | None = None, end: dt.date | None = None
) -> Deputyship:
    return Deputyship.objects.create(
        membership=membership, person=person, start_date=start or membership.start_date, end_date=end
    )


def seat_position(
    round: Any,
    seat: Membership,
    *,
    person: Person | None = None,
    capacity: str = Capacity.MEMBER,
    value: str = PositionValue.CONSENT,
) -> Position:
    """The position stated for a seat's organisation in ``round`` by its member (or
    ``person``, the deputy), unsaved."""
    return Position(
        round=round,
        voter=f"org:{seat.organisation_id}",
        organisation=seat.organisation,
        membership=seat,
        person=person or seat.person,
        capacity=capacity,
        value=value,
    )
