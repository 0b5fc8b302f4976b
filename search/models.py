"""The search index (SPEC §6 "full-text search"): one `SearchEntry` per searchable
thing, a paper version's text, an agenda item, an item's minute or a decision.

The index holds text and the values the filters and the sort need (partnership, board,
meeting, date), copied from the source so a search reads one table. It never holds
whether the thing is public: that is decided when the index is read, by joining each
entry to its source with the one definition in meetings/models.py (search/queries.py
``public_entries_q``). An item made exempt, or a paper withdrawn, is therefore gone from
the results at once, whatever the index says.

The stored ``search_vector`` is PostgreSQL's ``tsvector`` (English configuration, the
title weighted above the body) with a GIN index (migration 0002). On SQLite it stays
null and the search falls back to matching words in the title and body.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from decisions.models import Proposal
from meetings.models import AgendaItem, Meeting, PaperVersion
from partnerships.models import Board, Partnership


class EntryKind(models.TextChoices):
    PAPER = "paper", "Paper"
    ITEM = "item", "Agenda item"
    MINUTES = "minutes", "Minutes"
    DECISION = "decision", "Decision"


class Extraction(models.TextChoices):
    """Where the text of a paper's file stands. Entries of other kinds are always done."""

    PENDING = "pending", "Waiting to be read"
    DONE = "done", "Read"
    FAILED = "failed", "Could not be read"


class SearchEntry(models.Model):
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    # The source: exactly the one its kind names (the constraints below). Deleting the
    # source deletes its entry.
    paper_version = models.ForeignKey(
        PaperVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="search_entries"
    )
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="search_entries")
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="search_entries"
    )
    # Copied from the source for the filters, the sort and the result line.
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    on = models.DateField(help_text="The date of the meeting.")
    title = models.CharField(max_length=400)
    body = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # Reading a paper's file (search/tasks.py extract_version_text).
    extraction = models.CharField(max_length=10, choices=Extraction.choices, default=Extraction.DONE)
    extraction_error = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Times the file's text was read.")
    # Indexed: the newest is part of the content version (governance/pagecache.py).
    indexed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name_plural = "search entries"
        ordering = ["-on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["paper_version"], condition=Q(kind="paper"), name="search_entry_one_per_version"
            ),
            models.UniqueConstraint(
                fields=["kind", "item"], condition=Q(kind__in=["item", "minutes"]), name="search_entry_one_per_item"
            ),
            models.UniqueConstraint(
                fields=["proposal"], condition=Q(kind="decision"), name="search_entry_one_per_proposal"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="paper") & Q(paper_version__isnull=False) & Q(item__isnull=True) & Q(proposal__isnull=True)
                )
                | (
                    Q(kind__in=["item", "minutes"])
                    & Q(item__isnull=False)
                    & Q(paper_version__isnull=True)
                    & Q(proposal__isnull=True)
                )
                | (
                    Q(kind="decision")
                    & Q(proposal__isnull=False)
                    & Q(paper_version__isnull=True)
                    & Q(item__isnull=True)
                ),
                name="search_entry_source_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["on", "id"], name="search_entry_on"),
            models.Index(fields=["board", "on"], name="search_entry_board_on"),
            models.Index(fields=["partnership", "on"], name="search_entry_partnership_on"),
            models.Index(fields=["extraction", "indexed_at"], name="search_entry_extraction"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
