"""Public meeting pages: lists, the calendar, the meeting page and paper downloads
(SPEC §4, §6). Nothing unpublished or exempt is shown to someone who may not see it:
the public sees a meeting only once its agenda is published, a paper only when it is
published on a public, non-exempt item, and minutes only once they are published.
Officers of the partnership see everything, marked as not published.
"""

from __future__ import annotations

import calendar as calendar_lib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max, Min, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from accounts.models import User
from decisions.queries import decisions_for_meeting
from governance.downloads import document_response, open_stored, signed_download
from governance.pagination import paginate
from governance.uploads import ALLOWED_TYPES
from partnerships.models import Board

from .. import feeds, queries
from ..access import can_see_meeting_internals, may_read_version
from ..models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
)
from ..pdf import PublicRows, public_documents

PAGE_SIZE = 20

# The extension each stored content type is served with (the type was read from the
# file's content at upload, governance/uploads.py), so the download name never comes
# from the uploader's own file name.
EXTENSION_FOR_TYPE = {content_type: extension for extension, content_type in ALLOWED_TYPES.items()}


# ---------------------------------------------------------------------------
# Helpers shared by the lists


def _signed_in(request: HttpRequest) -> User | None:
    """The visitor's account, or None for an anonymous visitor (these pages are public)."""
    return request.user if isinstance(request.user, User) else None


def _public_meetings(board: Board | None = None) -> QuerySet[Meeting]:
    meetings = Meeting.objects.public().select_related("board__partnership")
    return meetings.filter(board=board) if board is not None else meetings


def _get_board(partnership_slug: str, board_slug: str) -> Board:
    return get_object_or_404(
        Board.objects.select_related("partnership"), partnership__slug=partnership_slug, slug=board_slug
    )


@dataclass(frozen=True)
class MeetingRow:
    """A published meeting in a list, with the status the public may read."""

    meeting: Meeting
    status_label: str
    status_colour: str


def public_status(meeting: Meeting, now: dt.datetime) -> tuple[str, str]:
    """The status shown to the public and the GOV.UK tag colour for it. Internal
    steps (minutes in draft, approved but not published) read as "Minutes to follow"."""
    if meeting.status == MeetingStatus.CANCELLED:
        return "Cancelled", "red"
    if meeting.minutes_are_public:
        return "Minutes published", "green"
    if meeting.start > now:
        return "Agenda published", "blue"
    return "Minutes to follow", "grey"


def _rows(meetings: Iterable[Meeting], now: dt.datetime) -> list[MeetingRow]:
    return [MeetingRow(m, *public_status(m, now)) for m in meetings]


def _list_context(request: HttpRequest, board: Board | None) -> dict[str, object]:
    now = timezone.now()
    # A meeting later today still counts as upcoming until the day is over.
    today_start = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    meetings = _public_meetings(board)
    upcoming, upcoming_pagination = paginate(
        request,
        meetings.filter(start__gte=today_start).order_by("start", "pk"),
        per_page=PAGE_SIZE,
        param="upcoming_page",
        anchor="upcoming-meetings",
    )
    past, past_pagination = paginate(
        request,
        meetings.filter(start__lt=today_start).order_by("-start", "-pk"),
        per_page=PAGE_SIZE,
        param="past_page",
        anchor="past-meetings",
    )
    return {
        "board": board,
        "show_board": board is None,
        "upcoming": _rows(upcoming, now),
        "upcoming_page": upcoming,
        "upcoming_pagination": upcoming_pagination,
        "past": _rows(past, now),
        "past_page": past,
        "past_pagination": past_pagination,
    }


# ---------------------------------------------------------------------------
# Meeting lists


@require_safe
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Every published meeting: upcoming first, then the past (SPEC §6)."""
    return render(request, "meetings/public/list.html", _list_context(request, None))


@require_safe
def board_meeting_list(request: HttpRequest, partnership_slug: str, board_slug: str) -> HttpResponse:
    board = _get_board(partnership_slug, board_slug)
    return render(request, "meetings/public/list.html", _list_context(request, board))


# ---------------------------------------------------------------------------
# The calendar


@dataclass(frozen=True)
class CalendarDay:
    day: dt.date
    meetings: list[MeetingRow]


def _month_start(year: int, month: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, 1))


def _shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _calendar_url(board: Board | None, year: int, month: int) -> str:
    if board is None:
        return reverse("meetings:calendar", args=[year, month])
    return reverse("meetings:board_calendar", args=[board.partnership.slug, board.slug, year, month])


def _calendar(request: HttpRequest, board: Board | None, year: int, month: int) -> HttpResponse:
    if not 1 <= month <= 12 or not 1900 <= year <= 9000:
        raise Http404("There is no such month.")
    start = _month_start(year, month)
    end = _month_start(*_shift(year, month, 1))
    meetings = _public_meetings(board)
    now = timezone.now()
    by_day: dict[dt.date, list[MeetingRow]] = {}
    for meeting in meetings.filter(start__gte=start, start__lt=end).order_by("start", "pk"):
        by_day.setdefault(meeting.date, []).append(MeetingRow(meeting, *public_status(meeting, now)))
    # Previous and next links stay within the months that have published meetings
    # (and this month), so neither people nor crawlers page through empty years.
    today = timezone.localdate()
    bounds = meetings.aggregate(first=Min("start"), last=Max("start"))
    months = [today.year * 12 + today.month - 1]
    for key in ("first", "last"):
        if bounds[key] is not None:
            local = timezone.localtime(bounds[key])
            months.append(local.year * 12 + local.month - 1)
    shown = year * 12 + month - 1
    previous = _shift(year, month, -1)
    following = _shift(year, month, 1)
    context = {
        "board": board,
        "year": year,
        "month": month,
        "month_name": calendar_lib.month_name[month],
        "days": [CalendarDay(day, rows) for day, rows in by_day.items()],
        "previous": (
            {"url": _calendar_url(board, *previous), "label": f"{calendar_lib.month_name[previous[1]]} {previous[0]}"}
            if shown - 1 >= min(months)
            else None
        ),
        "next": (
            {
                "url": _calendar_url(board, *following),
                "label": f"{calendar_lib.month_name[following[1]]} {following[0]}",
            }
            if shown + 1 <= max(months)
            else None
        ),
        "this_month_url": _calendar_url(board, today.year, today.month),
        "is_this_month": (year, month) == (today.year, today.month),
    }
    return render(request, "meetings/public/calendar.html", context)


@require_safe
def calendar_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    return _calendar(request, None, year, month)


@require_safe
def board_calendar_month(
    request: HttpRequest, partnership_slug: str, board_slug: str, year: int, month: int
) -> HttpResponse:
    return _calendar(request, _get_board(partnership_slug, board_slug), year, month)


@require_safe
def calendar_this_month(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return redirect("meetings:calendar", today.year, today.month)


@require_safe
def board_calendar_this_month(request: HttpRequest, partnership_slug: str, board_slug: str) -> HttpResponse:
    board = _get_board(partnership_slug, board_slug)
    today = timezone.localdate()
    return redirect(_calendar_url(board, today.year, today.month))


# ---------------------------------------------------------------------------
# The meeting page


@dataclass(frozen=True)
class VersionRow:
    version: PaperVersion
    url: str
    file_type: str


@dataclass
class PaperRow:
    """A paper as the viewer may see it: the version to download and the earlier ones."""

    paper: Paper
    current: VersionRow | None
    earlier: list[VersionRow]
    supplement: bool  # replaced after publication: listed as a supplement (SPEC §4)
    published: bool


@dataclass
class ItemRow:
    """An agenda item. For a viewer who may not see an exempt item, `item` is None and
    only its number and exempt category are given to the template."""

    order: int
    item: AgendaItem | None
    exempt_label: str = ""
    papers: list[PaperRow] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)


def _version_row(meeting: Meeting, paper: Paper, version: PaperVersion) -> VersionRow:
    return VersionRow(
        version=version,
        url=reverse("meetings:paper_download", args=[meeting.pk, paper.pk, version.number]),
        file_type=EXTENSION_FOR_TYPE.get(version.content_type, "file").upper(),
    )


def _paper_row(meeting: Meeting, paper: Paper, versions: list[PaperVersion]) -> PaperRow:
    """A paper and the versions shown of it, oldest first: every version to an officer,
    the published ones to the public; more than one published is a supplement."""
    shown = [_version_row(meeting, paper, v) for v in versions]
    return PaperRow(
        paper=paper,
        current=shown[-1] if shown else None,
        earlier=list(reversed(shown[:-1])),
        supplement=sum(v.published_at is not None for v in versions) > 1,
        published=paper.published_at is not None,
    )


def _item_rows(meeting: Meeting, with_declarations: bool) -> list[ItemRow]:
    """Every item as an officer sees it: exempt ones, unpublished papers and versions."""
    return [
        ItemRow(
            order=item.order,
            item=item,
            exempt_label=item.get_exempt_category_display() if item.exempt else "",
            papers=[_paper_row(meeting, p, p.version_list) for p in item.paper_list],  # type: ignore[attr-defined]
            declarations=list(item.declarations.all()) if with_declarations else [],
        )
        for item in queries.agenda(meeting, with_declarations=with_declarations)
    ]


def _public_item_rows(meeting: Meeting, rows: PublicRows, with_declarations: bool) -> list[ItemRow]:
    """The items as the public sees them, from the rows the meeting's documents are made
    of (meetings/pdf.py PublicRows): never loaded are unpublished papers, papers of
    exempt items and unpublished versions; an exempt item shows its category only."""
    versions: dict[int, list[PaperVersion]] = {}  # paper id -> its public versions, oldest first
    papers: dict[int, list[Paper]] = {}  # item id -> its public papers, by id
    for version in rows.versions:  # by item and paper, the latest version first
        if version.paper_id not in versions:
            papers.setdefault(version.paper.item_id, []).append(version.paper)
        versions.setdefault(version.paper_id, []).insert(0, version)
    declarations: dict[int, list[Declaration]] = {}
    for declaration in rows.declarations if with_declarations else []:
        declarations.setdefault(declaration.item_id, []).append(declaration)
    item_rows = []
    for item in rows.items:
        if not item.is_public:  # item.meeting is this meeting: no query
            item_rows.append(ItemRow(order=item.order, item=None, exempt_label=item.get_exempt_category_display()))
            continue
        item_rows.append(
            ItemRow(
                order=item.order,
                item=item,
                papers=[_paper_row(meeting, paper, versions[paper.pk]) for paper in papers.get(item.pk, [])],
                declarations=declarations.get(item.pk, []),
            )
        )
    return item_rows


@dataclass
class AttendanceGroups:
    present: list[Attendance] = field(default_factory=list)
    deputies: list[Attendance] = field(default_factory=list)
    apologies: list[Attendance] = field(default_factory=list)
    absent: list[Attendance] = field(default_factory=list)
    invited: list[Attendance] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.present or self.deputies or self.apologies or self.absent or self.invited)


def _attendance(meeting: Meeting, rows: PublicRows | None = None) -> AttendanceGroups:
    """The attendance by organisation and name. ``rows``: the public page's, whose
    attendance (by name, as the minutes list it) is put in order of organisation here."""
    groups = AttendanceGroups()
    if rows is None:
        attendance: Iterable[Attendance] = meeting.attendance.select_related(
            "person", "organisation", "deputy"
        ).order_by("organisation__name", "person__name")
    else:
        attendance = sorted(rows.attendance, key=lambda row: (row.organisation is None, _organisation_name(row)))
    for row in attendance:
        if row.membership_id is None:
            groups.invited.append(row)
        elif row.status == AttendanceStatus.PRESENT:
            groups.present.append(row)
        elif row.status == AttendanceStatus.DEPUTY:
            groups.deputies.append(row)
        elif row.status == AttendanceStatus.APOLOGIES:
            groups.apologies.append(row)
        else:
            groups.absent.append(row)
    return groups


def _organisation_name(row: Attendance) -> str:
    return row.organisation.name if row.organisation is not None else ""


@require_safe
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting page: agenda, papers and, once published, the minutes (SPEC §6).
    404 until the agenda is published, except for the partnership's officers."""
    meeting = get_object_or_404(Meeting.objects.select_related("board__partnership", "minutes_approved_at"), pk=pk)
    user = _signed_in(request)
    internals = user is not None and can_see_meeting_internals(user, meeting)
    if not meeting.is_public and not internals:
        raise Http404("No published meeting here.")
    show_minutes = meeting.minutes_are_public or internals
    approved_at = meeting.minutes_approved_at
    if approved_at is not None and not (approved_at.is_public or internals):
        approved_at = None
    now = timezone.now()
    status_label, status_colour = public_status(meeting, now)
    context = {
        "meeting": meeting,
        "board": meeting.board,
        "partnership": meeting.board.partnership,
        "internals": internals,
        "status_label": status_label,
        "status_colour": status_colour,
        "show_minutes": show_minutes,
        "minutes_draft": show_minutes and not meeting.minutes_are_public,
        "approved_at": approved_at,
    }
    if internals:
        context.update(
            meeting_decisions=decisions_for_meeting(meeting, public=False),
            items=_item_rows(meeting, with_declarations=show_minutes),
            attendance=_attendance(meeting) if show_minutes else None,
            documents=public_documents(meeting) if meeting.is_public else {},
        )
    else:
        # The page shows the rows its agenda pack and minutes are made of, read once,
        # and offers each PDF only if it was made from exactly those (pdf.public_documents).
        rows = PublicRows(meeting)
        context.update(
            meeting_decisions=rows.decisions,
            items=_public_item_rows(meeting, rows, with_declarations=show_minutes),
            attendance=_attendance(meeting, rows) if show_minutes else None,
            # The agenda pack and minutes PDFs (templates/meetings/_documents.html): only
            # the documents the public may have (the meeting is published).
            documents=public_documents(meeting, rows),
        )
    return render(request, "meetings/public/meeting.html", context)


# ---------------------------------------------------------------------------
# Paper downloads


def download_name(version: PaperVersion) -> str:
    """An ASCII file name from the paper's title and the checked type; never the uploader's name."""
    extension = EXTENSION_FOR_TYPE.get(version.content_type, "bin")
    stem = slugify(version.paper.title)[:80].strip("-") or "paper"
    return f"{stem}-v{version.number}.{extension}"


@require_safe
def paper_download(request: HttpRequest, meeting_pk: int, paper_pk: int, number: int) -> HttpResponseBase:
    """Serve one version of a paper. 404 (not 403) when the viewer may not read it, so
    the response does not confirm that an unpublished or exempt paper exists."""
    version = (
        PaperVersion.objects.select_related("paper__item__meeting__board__partnership")
        .filter(paper_id=paper_pk, paper__item__meeting_id=meeting_pk, number=number)
        .first()
    )
    if version is None:
        raise Http404("No such paper.")
    public = version.is_public  # its paper, item and meeting are loaded above
    user = _signed_in(request)
    # Officers read every version; the board's members and deputies what members may
    # read, exempt papers included; the public only what is public (meetings/access.py).
    if not public and (user is None or not may_read_version(user, version)):
        raise Http404("No such paper.")
    handle = open_stored(version.file.storage, version.file.name, what="paper")
    content_type = version.content_type if version.content_type in EXTENSION_FOR_TYPE else "application/octet-stream"
    signed = signed_download(version.file, filename=download_name(version), content_type=content_type)
    if signed is not None:  # the object exists (opened above), and the viewer may read it
        handle.close()
        return signed
    # An item made exempt after publication vanishes at once; the ETag is the file's hash.
    return document_response(
        handle, filename=download_name(version), content_type=content_type, etag=version.sha256, public=public
    )


PARTNERSHIP = "partnerships/<slug:partnership_slug>/"
BOARD = PARTNERSHIP + "boards/<slug:board_slug>/"

urlpatterns = [
    path("meetings/", meeting_list, name="list"),
    path("meetings/calendar/", calendar_this_month, name="calendar_this_month"),
    path("meetings/calendar/<id:year>/<id:month>/", calendar_month, name="calendar"),
    path("meetings/calendar.ics", feeds.meetings_ics, name="ics"),
    path("meetings/<id:pk>/", meeting_detail, name="meeting"),
    path(
        "meetings/<id:meeting_pk>/papers/<id:paper_pk>/v<id:number>/",
        paper_download,
        name="paper_download",
    ),
    path("feeds/documents.rss", feeds.DocumentsRssFeed(), name="documents_rss"),
    path("feeds/documents.atom", feeds.DocumentsAtomFeed(), name="documents_atom"),
    path(PARTNERSHIP + "meetings.ics", feeds.partnership_meetings_ics, name="partnership_ics"),
    path(PARTNERSHIP + "feeds/documents.rss", feeds.DocumentsRssFeed(), name="partnership_documents_rss"),
    path(PARTNERSHIP + "feeds/documents.atom", feeds.DocumentsAtomFeed(), name="partnership_documents_atom"),
    path(BOARD + "meetings/", board_meeting_list, name="board_list"),
    path(BOARD + "meetings/calendar/", board_calendar_this_month, name="board_calendar_this_month"),
    path(BOARD + "meetings/calendar/<id:year>/<id:month>/", board_calendar_month, name="board_calendar"),
    path(BOARD + "meetings.ics", feeds.board_meetings_ics, name="board_ics"),
    path(BOARD + "feeds/documents.rss", feeds.DocumentsRssFeed(), name="board_documents_rss"),
    path(BOARD + "feeds/documents.atom", feeds.DocumentsAtomFeed(), name="board_documents_atom"),
]
