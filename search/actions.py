"""Writing the search index (SPEC §6): the only code that changes ``SearchEntry`` rows.

Each function takes ids, reads the source, and makes its entries say what the source
says now, so running one twice changes nothing. The tasks (search/tasks.py) call them
when a source changes (search/apps.py listens to the sources' saves), the periodic
sweep calls ``index_sweep`` for whatever no task indexed, and ``manage.py
search_reindex`` calls ``index_rebuild``. None of them decides what is public: that is
decided when the index is read (search/queries.py).

The index is derived data, not a record of anyone's action, so these writes add no
audit event.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import DataError, OperationalError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Left
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from decisions.models import Proposal
from governance.downloads import STORAGE_AWAY
from governance.pagecache import content_changed
from meetings.models import AgendaItem, Meeting, PaperVersion

from .extract import ExtractionError, clean, extract_text
from .models import EntryKind, Extraction, SearchEntry

logger = logging.getLogger(__name__)

CONFIG = "english"
# A body whose tsvector PostgreSQL refuses (over its 1 MB limit) is indexed from this
# much of its text instead.
FALLBACK_BODY_CHARS = 100_000
# "string is too long for tsvector" (SQLSTATE 54000, raised as OperationalError).
TOO_LARGE = (DataError, OperationalError)
TITLE_CHARS = 400
# What one sweep indexes at most, of each kind (the next sweep does the rest).
SWEEP_BATCH = 500
# A file still waiting this long after its upload lost its task: the sweep reads it.
PENDING_GRACE = dt.timedelta(minutes=15)


class Outcome:
    """What reading a version's file came to (returned to the task)."""

    DONE = "done"
    FAILED = "failed"
    RETRY = "retry"  # a passing failure: the task tries again
    GONE = "gone"  # the version no longer exists


def _text(value: str) -> str:
    return clean(value, settings.SEARCH_BODY_MAX_CHARS)


def _placing(meeting: Meeting) -> dict[str, object]:
    """The copied values every entry of a meeting carries."""
    return {
        "meeting_id": meeting.pk,
        "board_id": meeting.board_id,
        "partnership_id": meeting.board.partnership_id,
        "on": meeting.date,
    }


def refresh_vectors(entries: QuerySet[SearchEntry]) -> None:
    """On PostgreSQL, set each entry's tsvector: the title weighted A over the body's B
    (English). Nothing elsewhere (the fallback reads title and body)."""
    if connection.vendor != "postgresql":
        return
    vector = SearchVector("title", weight="A", config=CONFIG) + SearchVector("body", weight="B", config=CONFIG)
    try:
        with transaction.atomic():
            entries.update(search_vector=vector)
        return
    except TOO_LARGE:  # one of them is over the tsvector limit: do them one by one
        pass
    for pk in list(entries.values_list("pk", flat=True)):
        one = SearchEntry.objects.filter(pk=pk)
        try:
            with transaction.atomic():
                one.update(search_vector=vector)
        except TOO_LARGE:
            logger.warning("Search entry %s: text too large for a tsvector, indexed from its start", pk)
            short = SearchVector("title", weight="A", config=CONFIG) + SearchVector(
                Left("body", FALLBACK_BODY_CHARS), weight="B", config=CONFIG
            )
            with transaction.atomic():
                one.update(search_vector=short)


def _save(entry: SearchEntry, fields: list[str]) -> None:
    content_changed()  # search results show it: the page cache starts again on commit
    entry.indexed_at = timezone.now()
    entry.save(update_fields=[*fields, "indexed_at"])


# ---------------------------------------------------------------------------
# Paper versions: the text of the file


def _version(version_id: int) -> PaperVersion | None:
    return PaperVersion.objects.select_related("paper__item__meeting__board").filter(pk=version_id).first()


@transaction.atomic
def version_index(version: PaperVersion) -> SearchEntry:
    """The version's entry, made (waiting for its text) or brought up to date with its
    paper's title and its meeting."""
    meeting = version.paper.item.meeting
    values = {**_placing(meeting), "title": _text(version.paper.title)[:TITLE_CHARS]}
    entry, created = SearchEntry.objects.select_for_update().get_or_create(
        kind=EntryKind.PAPER,
        paper_version=version,
        defaults={**values, "extraction": Extraction.PENDING},
    )
    changed = [name for name, value in values.items() if getattr(entry, name) != value]
    if changed and not created:
        for name in changed:
            setattr(entry, name, values[name])
        _save(entry, changed)
    if created or "title" in changed:
        refresh_vectors(SearchEntry.objects.filter(pk=entry.pk))
    return entry


def _count_attempt(entry: SearchEntry) -> int:
    """Count this reading before it starts, so a worker killed mid-read (and the task
    redelivered) cannot try the same file for ever."""
    SearchEntry.objects.filter(pk=entry.pk).update(attempts=F("attempts") + 1)
    return SearchEntry.objects.values_list("attempts", flat=True).get(pk=entry.pk)


@transaction.atomic
def version_extract_failed(version_id: int, reason: str) -> None:
    """Record that the version's text could not be read, and why (its title stays found)."""
    SearchEntry.objects.filter(kind=EntryKind.PAPER, paper_version_id=version_id).update(
        extraction=Extraction.FAILED, extraction_error=reason[:500], indexed_at=timezone.now()
    )


@transaction.atomic
def _version_extracted(entry: SearchEntry, text: str) -> None:
    entry.body = text
    entry.extraction = Extraction.DONE
    entry.extraction_error = ""
    _save(entry, ["body", "extraction", "extraction_error"])
    refresh_vectors(SearchEntry.objects.filter(pk=entry.pk))


def version_extract(version_id: int, *, last_try: bool = True) -> str:
    """Read the text of a version's file into its entry, once (a version's file never
    changes). A file that cannot be read, is too large or keeps failing is recorded as
    failed with the reason; a passing failure (the storage could not be reached)
    answers RETRY unless ``last_try``. Never raises for a bad file."""
    version = _version(version_id)
    if version is None:
        return Outcome.GONE
    entry = version_index(version)
    if entry.extraction != Extraction.PENDING:
        return entry.extraction
    attempts = _count_attempt(entry)
    limit = settings.SEARCH_EXTRACT_MAX_BYTES
    if attempts > settings.SEARCH_EXTRACT_MAX_RETRIES + 1:
        version_extract_failed(version_id, f"Gave up after {attempts - 1} attempts to read the file.")
        return Outcome.FAILED
    if version.size > limit:
        version_extract_failed(version_id, f"The file is larger than {filesizeformat(limit)}, so it is not read.")
        return Outcome.FAILED
    try:
        with version.file.storage.open(version.file.name, "rb") as handle:
            data = handle.read(limit + 1)
    except STORAGE_AWAY as error:
        if not last_try:
            return Outcome.RETRY
        version_extract_failed(version_id, f"The file could not be opened: {type(error).__name__}")
        return Outcome.FAILED
    if len(data) > limit:
        version_extract_failed(version_id, f"The file is larger than {filesizeformat(limit)}, so it is not read.")
        return Outcome.FAILED
    try:
        text = extract_text(
            data,
            name=version.original_name,
            content_type=version.content_type,
            max_chars=settings.SEARCH_BODY_MAX_CHARS,
        )
    except ExtractionError as error:
        version_extract_failed(version_id, str(error))
        return Outcome.FAILED
    _version_extracted(entry, text)
    return Outcome.DONE


@transaction.atomic
def paper_reindex(paper_id: int) -> int:
    """Bring the entries of a paper's versions up to date (its title); the number."""
    versions = list(
        PaperVersion.objects.select_related("paper__item__meeting__board").filter(
            paper_id=paper_id, search_entries__isnull=False
        )
    )
    for version in versions:
        version_index(version)
    return len(versions)


# ---------------------------------------------------------------------------
# Agenda items and their minutes


@transaction.atomic
def _upsert(kind: str, source: dict[str, object], values: dict[str, object]) -> SearchEntry:
    """Make or update the entry of ``kind`` for ``source`` and refresh its vector when
    its words changed."""
    entry, created = SearchEntry.objects.select_for_update().get_or_create(kind=kind, **source, defaults=values)
    if created:
        content_changed()
    changed = [name for name, value in values.items() if getattr(entry, name) != value]
    if changed and not created:
        for name in changed:
            setattr(entry, name, values[name])
        _save(entry, changed)
    if created or {"title", "body"} & set(changed):
        refresh_vectors(SearchEntry.objects.filter(pk=entry.pk))
    return entry


@transaction.atomic
def item_index(item_id: int) -> int:
    """Index an agenda item (its title and description) and its minute when it has one
    (an emptied minute leaves the index). The number of entries it has now."""
    item = AgendaItem.objects.select_related("meeting__board").filter(pk=item_id).first()
    if item is None:
        return 0
    placing = _placing(item.meeting)
    title = _text(item.title)[:TITLE_CHARS]
    _upsert(EntryKind.ITEM, {"item": item}, {**placing, "title": title, "body": _text(item.description)})
    minutes = _text(item.minutes)
    if not minutes:
        SearchEntry.objects.filter(kind=EntryKind.MINUTES, item=item).delete()
        return 1
    _upsert(EntryKind.MINUTES, {"item": item}, {**placing, "title": title, "body": minutes})
    return 2


# ---------------------------------------------------------------------------
# Decisions


def _proposal_body(proposal: Proposal) -> str:
    return _text(
        "\n\n".join(part for part in (proposal.text, proposal.escalation_result, proposal.determination) if part)
    )


@transaction.atomic
def proposal_index(proposal_id: int) -> int:
    """Index a proposal: its title, its text, the escalation's result and the lead
    body's determination. The number of entries (0 if it no longer exists)."""
    proposal = Proposal.objects.select_related("item__meeting__board").filter(pk=proposal_id).first()
    if proposal is None:
        return 0
    values = {**_placing(proposal.item.meeting), "title": _text(proposal.title)[:TITLE_CHARS]}
    _upsert(EntryKind.DECISION, {"proposal": proposal}, {**values, "body": _proposal_body(proposal)})
    return 1


# ---------------------------------------------------------------------------
# Meetings: the copied date, board and partnership


@transaction.atomic
def meeting_reindex(meeting_id: int) -> int:
    """Copy a meeting's date, board and partnership onto its entries; the number changed."""
    meeting = Meeting.objects.select_related("board").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    placing = _placing(meeting)
    stale = ~Q(on=placing["on"]) | ~Q(board_id=placing["board_id"]) | ~Q(partnership_id=placing["partnership_id"])
    return (
        SearchEntry.objects.filter(meeting_id=meeting_id)
        .filter(stale)
        .update(
            on=placing["on"],
            board_id=placing["board_id"],
            partnership_id=placing["partnership_id"],
            indexed_at=timezone.now(),
        )
    )


# ---------------------------------------------------------------------------
# Everything: the sweep and the rebuild


@dataclass(frozen=True)
class IndexSummary:
    versions: int = 0
    read: int = 0
    failed: int = 0
    items: int = 0
    proposals: int = 0

    def __str__(self) -> str:
        return (
            f"{self.versions} paper versions ({self.read} files read, {self.failed} could not be read), "
            f"{self.items} agenda items, {self.proposals} decisions"
        )


def _extract_all(version_ids: list[int]) -> tuple[int, int]:
    read = failed = 0
    for version_id in version_ids:
        outcome = version_extract(version_id)
        read += outcome == Outcome.DONE
        failed += outcome == Outcome.FAILED
    return read, failed


def index_sweep(*, now: dt.datetime | None = None, batch: int = SWEEP_BATCH) -> IndexSummary:
    """Index what no task indexed: versions, items, minutes and proposals with no entry
    (made while side effects were paused, or whose task was lost), and files still
    waiting to be read well after their upload. At most ``batch`` of each."""
    now = now or timezone.now()
    entry = SearchEntry.objects.filter
    unindexed_versions = list(
        PaperVersion.objects.filter(~Exists(entry(kind=EntryKind.PAPER, paper_version=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", flat=True)[:batch]
    )
    waiting = list(
        entry(kind=EntryKind.PAPER, extraction=Extraction.PENDING, indexed_at__lt=now - PENDING_GRACE)
        .order_by("pk")
        .values_list("paper_version_id", flat=True)[:batch]
    )
    read, failed = _extract_all([*unindexed_versions, *(pk for pk in waiting if pk is not None)])
    items = list(
        AgendaItem.objects.filter(
            ~Exists(entry(kind=EntryKind.ITEM, item=OuterRef("pk")))
            | (~Q(minutes="") & ~Exists(entry(kind=EntryKind.MINUTES, item=OuterRef("pk"))))
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:batch]
    )
    for item_id in items:
        item_index(item_id)
    proposals = list(
        Proposal.objects.filter(~Exists(entry(kind=EntryKind.DECISION, proposal=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", flat=True)[:batch]
    )
    for proposal_id in proposals:
        proposal_index(proposal_id)
    return IndexSummary(len(unindexed_versions) + len(waiting), read, failed, len(items), len(proposals))


def index_rebuild(*, reread: bool = False) -> IndexSummary:
    """Index everything again: every version's entry (its title, meeting and date; its
    file read again only if it was never read or could not be, or with ``reread``),
    every item, minute and proposal; then every vector. Safe to run at any time; entries whose source is gone went with it."""
    if reread:
        SearchEntry.objects.filter(kind=EntryKind.PAPER).update(
            extraction=Extraction.PENDING, attempts=0, extraction_error=""
        )
    else:  # a failed reading is tried once more (the limits may have been raised)
        SearchEntry.objects.filter(kind=EntryKind.PAPER, extraction=Extraction.FAILED).update(
            extraction=Extraction.PENDING, attempts=0
        )
    version_ids = list(PaperVersion.objects.order_by("pk").values_list("pk", flat=True))
    read, failed = _extract_all(version_ids)
    item_ids = list(AgendaItem.objects.order_by("pk").values_list("pk", flat=True))
    for item_id in item_ids:
        item_index(item_id)
    proposal_ids = list(Proposal.objects.order_by("pk").values_list("pk", flat=True))
    for proposal_id in proposal_ids:
        proposal_index(proposal_id)
    refresh_vectors(SearchEntry.objects.all())
    return IndexSummary(len(version_ids), read, failed, len(item_ids), len(proposal_ids))
