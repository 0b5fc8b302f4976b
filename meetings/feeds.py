"""Feeds of published meetings and documents (SPEC §4 "Feeds", §6).

- iCalendar of published meetings, overall and per board: each meeting keeps one UID
  for life, SEQUENCE is the meeting's counter (raised by every change in
  meetings/actions.py) and a cancelled meeting is sent as STATUS:CANCELLED so
  subscribed calendars strike it out rather than silently keep it.
- RSS and Atom of published documents, overall and per board: published agendas,
  published versions of public papers (never those of exempt items) and published
  minutes.

Only what the public may see is read: Meeting.objects.public(), .with_public_minutes()
and PaperVersion.objects.public() (meetings/models.py, the one definition).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.feedgenerator import SyndicationFeed
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from governance.feeds import XmlSafeAtomFeed, XmlSafeRssFeed
from governance.site import site_url
from partnerships.models import Board, Partnership

from .models import Meeting, MeetingStatus, PaperVersion

# A meeting with no end time is shown as two hours long: clients draw a zero-length
# event as a sliver that is easy to miss.
DEFAULT_MEETING_LENGTH = dt.timedelta(hours=2)
FEED_LENGTH = 50
# Revalidated every time: withdrawn material must leave the feeds at once.
PUBLIC_CACHE = "no-cache"


def _board(partnership_slug: str, board_slug: str) -> Board:
    return get_object_or_404(
        Board.objects.select_related("partnership"), partnership__slug=partnership_slug, slug=board_slug
    )


def _site(request: HttpRequest) -> str:
    """SITE_URL, or scheme://host of this request, for absolute links in feeds."""
    return site_url(request)


# ---------------------------------------------------------------------------
# iCalendar


def meeting_event(meeting: Meeting, site: str) -> Event:
    """One VEVENT for a published meeting."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = timezone.localtime(meeting.start, tz)
    end = timezone.localtime(meeting.end, tz) if meeting.end else start + DEFAULT_MEETING_LENGTH
    url = site + meeting.get_absolute_url()
    cancelled = meeting.status == MeetingStatus.CANCELLED
    board = meeting.board
    description = [f"{board.name}, {board.partnership.name}."]
    if cancelled and meeting.cancelled_reason:
        description.append(f"Cancelled: {meeting.cancelled_reason}")
    if meeting.online_url:
        description.append(f"Join online: {meeting.online_url}")
    if meeting.agenda_late:
        description.append(f"Late agenda, taken as urgent business: {meeting.agenda_late_reason}")
    description.append(f"Agenda and papers: {url}")

    event = Event()
    event.add("uid", f"{meeting.uid}@accord")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at.astimezone(dt.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(dt.UTC))
    event.add("created", meeting.created_at.astimezone(dt.UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"{meeting.display_title}{' (cancelled)' if cancelled else ''}")
    event.add("location", meeting.venue)
    event.add("url", url)
    event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def meetings_calendar(meetings: QuerySet[Meeting], name: str, site: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Accord//Partnership meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    first: dt.date | None = None
    last: dt.date | None = None
    for meeting in meetings.select_related("board__partnership").order_by("start", "pk"):
        cal.add_component(meeting_event(meeting, site))
        first = first or meeting.date
        last = meeting.date
    if first is not None and last is not None:
        # VTIMEZONE covering just the years the events need.
        cal.add_missing_timezones(first_date=first - dt.timedelta(days=366), last_date=last + dt.timedelta(days=366))
    return cal


# Building a calendar of thousands of meetings takes seconds (benchmark_pages.py):
# the finished file is cached under a key that changes whenever a meeting does
# (every action raises its SEQUENCE and updated_at) or a board or partnership is
# renamed (their names are in each event), and for at most 15 minutes.
ICS_CACHE_SECONDS = 15 * 60


def _calendar_bytes(meetings: QuerySet[Meeting], name: str, site: str) -> bytes:
    stamp = meetings.aggregate(n=Count("pk"), last=Max("pk"), changed=Max("updated_at"), sequences=Sum("sequence"))
    changed = stamp["changed"].timestamp() if stamp["changed"] else 0
    names = Board.objects.order_by("pk").values_list("pk", "name", "partnership__name")
    digest = hashlib.sha256(
        f"{name}|{site}|{stamp['n']}|{stamp['last']}|{changed}|{stamp['sequences']}|{list(names)}".encode()
    )
    key = f"ics:{digest.hexdigest()}"
    body: bytes | None = cache.get(key)
    if body is None:
        body = meetings_calendar(meetings, name, site).to_ical()
        cache.set(key, body, ICS_CACHE_SECONDS)
    return body


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = PUBLIC_CACHE
    return response


@require_safe
def meetings_ics(request: HttpRequest) -> HttpResponse:
    """All published meetings."""
    body = _calendar_bytes(Meeting.objects.public(), "Partnership meetings", _site(request))
    return _ics_response(body, "meetings.ics")


@require_safe
def board_meetings_ics(request: HttpRequest, partnership_slug: str, board_slug: str) -> HttpResponse:
    board = _board(partnership_slug, board_slug)
    body = _calendar_bytes(
        Meeting.objects.public().filter(board=board), f"{board.name} ({board.partnership.name})", _site(request)
    )
    return _ics_response(body, f"{board.partnership.slug}-{board.slug}.ics")


@require_safe
def partnership_meetings_ics(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """The published meetings of every board of one partnership."""
    partnership = get_object_or_404(Partnership, slug=partnership_slug)
    meetings = Meeting.objects.public().filter(board__partnership=partnership)
    body = _calendar_bytes(meetings, partnership.name, _site(request))
    return _ics_response(body, f"{partnership.slug}.ics")


# ---------------------------------------------------------------------------
# Published documents


@dataclass(frozen=True)
class PublishedDocument:
    kind: str  # "Agenda", "Paper", "Supplement" or "Minutes"
    title: str
    link: str
    guid: str
    published: dt.datetime
    description: str
    enclosure_url: str = ""
    enclosure_length: int = 0
    enclosure_type: str = ""


def _paper_document(version: PaperVersion, site: str) -> PublishedDocument:
    paper = version.paper
    item = paper.item
    meeting = item.meeting
    download = site + reverse("meetings:paper_download", args=[meeting.pk, paper.pk, version.number])
    supplement = bool(getattr(version, "is_supplement", False))
    kind = "Supplement" if supplement else "Paper"
    title = f"{'Supplement: ' if supplement else ''}{paper.title}, {meeting}"
    description = f"{kind} for item {item.order}, {item.title}, of {meeting} ({version.extension or 'file'}, {filesizeformat(version.size)})."
    if supplement and version.change_note:
        description += f" Changed: {version.change_note}."
    if paper.late:
        description += f" Late paper: {paper.late_reason}"
    elif version.late:
        description += " Late supplement, taken as urgent business."
    return PublishedDocument(
        kind=kind,
        title=title,
        link=f"{site}{meeting.get_absolute_url()}#paper-{paper.pk}",
        guid=download,
        published=_published(version.published_at),
        description=description,
        enclosure_url=download,
        enclosure_length=version.size,
        enclosure_type=version.content_type,
    )


def _published(at: dt.datetime | None) -> dt.datetime:
    """The publication time of a row that ``.public()`` returned: never missing there."""
    if at is None:
        raise ValueError("a public document has a publication time")
    return at


def published_documents(
    board: Board | None = None,
    *,
    partnership: Partnership | None = None,
    site: str = "",
    limit: int = FEED_LENGTH,
) -> list[PublishedDocument]:
    """The latest published agendas, public papers and minutes, newest first, in three
    queries: of one board, of one partnership's boards, or of all."""
    meetings = Meeting.objects.public().select_related("board__partnership")
    versions = PaperVersion.objects.public().select_related("paper__item__meeting__board__partnership")
    if board is not None:
        meetings = meetings.filter(board=board)
        versions = versions.filter(paper__item__meeting__board=board)
    if partnership is not None:
        meetings = meetings.filter(board__partnership=partnership)
        versions = versions.filter(paper__item__meeting__board__partnership=partnership)
    # A version with an earlier public version of the same paper is a supplement (SPEC §4).
    versions = versions.annotate(
        is_supplement=Exists(
            PaperVersion.objects.public().filter(paper=OuterRef("paper"), number__lt=OuterRef("number"))
        )
    )
    documents: list[PublishedDocument] = []
    for meeting in meetings.order_by("-agenda_published_at", "-pk")[:limit]:
        url = site + meeting.get_absolute_url()
        documents.append(
            PublishedDocument(
                kind="Agenda",
                title=f"Agenda: {meeting}",
                link=url,
                guid=f"{url}#agenda",
                published=_published(meeting.agenda_published_at),
                description=f"The agenda of {meeting.board.name} ({meeting.board.partnership.name}) for "
                f"{dateformat.format(timezone.localtime(meeting.start), 'l j F Y, H:i')}, {meeting.venue}."
                + (
                    f" Late agenda, taken as urgent business: {meeting.agenda_late_reason}"
                    if meeting.agenda_late
                    else ""
                ),
            )
        )
    for version in versions.order_by("-published_at", "-pk")[:limit]:
        documents.append(_paper_document(version, site))
    minutes = meetings.with_public_minutes().order_by("-minutes_published_at", "-pk")
    for meeting in minutes[:limit]:
        url = site + meeting.get_absolute_url()
        documents.append(
            PublishedDocument(
                kind="Minutes",
                title=f"Minutes: {meeting}",
                link=f"{url}#minutes",
                guid=f"{url}#minutes",
                published=_published(meeting.minutes_published_at),
                description=f"The minutes of {meeting.board.name} ({meeting.board.partnership.name}), {meeting}.",
            )
        )
    documents.sort(key=lambda d: d.published, reverse=True)
    return documents[:limit]


@dataclass(frozen=True)
class FeedScope:
    board: Board | None
    site: str
    partnership: Partnership | None = None

    @property
    def name(self) -> str:
        if self.board is not None:
            return f"{self.board.name} ({self.board.partnership.name})"
        if self.partnership is not None:
            return self.partnership.name
        return ""


if TYPE_CHECKING:  # Feed is generic only in django-stubs (no django_stubs_ext.monkeypatch here)
    FeedBase = Feed[PublishedDocument, FeedScope]
else:
    FeedBase = Feed


class DocumentsRssFeed(FeedBase):
    """RSS 2.0 of published documents; per board or per partnership when the URL names one."""

    feed_type: type[SyndicationFeed] = XmlSafeRssFeed
    item_guid_is_permalink = False

    def get_object(
        self, request: HttpRequest, partnership_slug: str | None = None, board_slug: str | None = None
    ) -> FeedScope:
        if partnership_slug and board_slug:
            return FeedScope(board=_board(partnership_slug, board_slug), site=_site(request))
        if partnership_slug:
            partnership = get_object_or_404(Partnership, slug=partnership_slug)
            return FeedScope(board=None, partnership=partnership, site=_site(request))
        return FeedScope(board=None, site=_site(request))

    def __call__(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = PUBLIC_CACHE
        return response

    def title(self, obj: FeedScope) -> str:
        if not obj.name:
            return "Accord: published partnership documents"
        return f"{obj.name}: published documents"

    def link(self, obj: FeedScope) -> str:
        if obj.board is not None:
            return reverse("meetings:board_list", args=[obj.board.partnership.slug, obj.board.slug])
        if obj.partnership is not None:
            return obj.partnership.get_absolute_url()
        return reverse("meetings:list")

    def description(self, obj: FeedScope) -> str:
        return f"Agendas, papers and minutes published for {obj.name or 'all partnerships'}."

    def items(self, obj: FeedScope) -> list[PublishedDocument]:
        return published_documents(obj.board, partnership=obj.partnership, site=obj.site)

    def item_title(self, item: PublishedDocument) -> str:
        return item.title

    def item_link(self, item: PublishedDocument) -> str:
        return item.link

    def item_guid(self, item: PublishedDocument) -> str:
        return item.guid

    def item_description(self, item: PublishedDocument) -> str:
        return item.description

    def item_pubdate(self, item: PublishedDocument) -> dt.datetime:
        return item.published

    def item_updateddate(self, item: PublishedDocument) -> dt.datetime:
        return item.published

    def item_categories(self, item: PublishedDocument) -> tuple[str, ...]:
        return (item.kind,)

    def item_enclosure_url(self, item: PublishedDocument) -> str | None:
        return item.enclosure_url or None

    def item_enclosure_length(self, item: PublishedDocument) -> int:
        return item.enclosure_length

    def item_enclosure_mime_type(self, item: PublishedDocument) -> str:
        return item.enclosure_type


class DocumentsAtomFeed(DocumentsRssFeed):
    feed_type = XmlSafeAtomFeed

    def subtitle(self, obj: FeedScope) -> str:
        return self.description(obj)
