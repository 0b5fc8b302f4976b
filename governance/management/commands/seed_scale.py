"""``manage.py seed_scale``: fill the configured database (DATABASE_URL) with the load
data of scripts/benchmark_pages.py: 50 partnerships x 10 years by default (about 350,000
rows), plus the search index built from it.

For benchmarking only (``make benchmark-load``, scripts/benchmark_load.py): the rows are
bulk-created straight past the action functions, their rules, audit trail and side
effects (scripts/benchmark_pages.py ``generate`` says why). Never run it on a database
that holds real data: it refuses one that has partnerships unless --force, and even
then the load data's fixed slugs clash with its own earlier run.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from types import ModuleType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, connection, transaction

from governance.pagecache import content_changed

BATCH = 2000


def benchmark_pages() -> ModuleType:
    """scripts/benchmark_pages.py, imported (its generation is the one definition of the
    load data); it is a script, not a package, so it is loaded from its file."""
    if "benchmark_pages" in sys.modules:
        return sys.modules["benchmark_pages"]
    path = Path(settings.BASE_DIR) / "scripts" / "benchmark_pages.py"
    if not path.exists():
        raise CommandError(f"{path} is missing: seed_scale runs from a checkout of the repository.")
    spec = importlib.util.spec_from_file_location("benchmark_pages", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["benchmark_pages"] = module
    spec.loader.exec_module(module)
    return module


def index_search() -> int:
    """The search index of the load data, as ``manage.py search_reindex`` would leave it
    (an entry per paper version, agenda item, minute and proposal; every vector), but
    bulk-created: the rebuild's one-by-one upserts and file readings would take an hour.
    The load data's papers are one small PDF with no text, so a paper's entry is its
    title. The number of entries."""
    from decisions.models import Proposal
    from meetings.models import AgendaItem, PaperVersion
    from search.actions import refresh_vectors
    from search.models import EntryKind, Extraction, SearchEntry

    def placing(meeting: Any) -> dict[str, Any]:
        return {
            "meeting_id": meeting.pk,
            "board_id": meeting.board_id,
            "partnership_id": meeting.board.partnership_id,
            "on": meeting.date,
        }

    entries: list[SearchEntry] = []
    made = 0

    def add(entry: SearchEntry) -> None:
        nonlocal entries, made
        entries.append(entry)
        if len(entries) >= BATCH:
            SearchEntry.objects.bulk_create(entries)
            made += len(entries)
            entries = []

    with transaction.atomic():
        for item in AgendaItem.objects.select_related("meeting__board").order_by("pk").iterator(chunk_size=BATCH):
            where = placing(item.meeting)
            add(SearchEntry(kind=EntryKind.ITEM, item=item, title=item.title[:400], body=item.description, **where))
            if item.minutes:
                add(SearchEntry(kind=EntryKind.MINUTES, item=item, title=item.title[:400], body=item.minutes, **where))
        versions = PaperVersion.objects.select_related("paper__item__meeting__board").order_by("pk")
        for version in versions.iterator(chunk_size=BATCH):
            add(
                SearchEntry(
                    kind=EntryKind.PAPER,
                    paper_version=version,
                    title=version.paper.title[:400],
                    body="",
                    extraction=Extraction.DONE,
                    attempts=1,
                    **placing(version.paper.item.meeting),
                )
            )
        for proposal in Proposal.objects.select_related("item__meeting__board").order_by("pk").iterator(BATCH):
            body = "\n\n".join(p for p in (proposal.text, proposal.escalation_result, proposal.determination) if p)
            add(
                SearchEntry(
                    kind=EntryKind.DECISION,
                    proposal=proposal,
                    title=proposal.title[:400],
                    body=body,
                    **placing(proposal.item.meeting),
                )
            )
        SearchEntry.objects.bulk_create(entries)
        made += len(entries)
    refresh_vectors(SearchEntry.objects.all())
    return made


class Command(BaseCommand):
    help = (
        "For benchmarking only: fill the configured database with load data (partnerships, boards, seats, "
        "10 years of meetings, papers, minutes and decisions; bulk-created past the actions and the audit "
        "trail) and its search index. Refuses a database that has partnerships unless --force."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--partnerships", type=int, default=50, help="how many partnerships (default 50)")
        parser.add_argument("--years", type=int, default=10, help="years of past meetings (default 10)")
        parser.add_argument(
            "--force", action="store_true", help="add the load data to a database that already has partnerships"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from partnerships.models import Partnership

        partnerships, years = options["partnerships"], options["years"]
        if partnerships < 1 or years < 1:
            raise CommandError("--partnerships and --years must be at least 1.")
        existing = Partnership.objects.count()
        if existing and not options["force"]:
            raise CommandError(
                f"The database {connection.settings_dict['NAME']} already has {existing} partnerships. "
                "seed_scale is for an empty benchmark database; --force to add to it anyway."
            )
        bench = benchmark_pages()
        bench.write_pdf(Path(settings.MEDIA_ROOT))  # the one PDF every paper version points at
        started = time.perf_counter()
        try:
            bench.generate(partnerships, years)
        except IntegrityError as error:
            raise CommandError(f"The load data clashes with rows already there (seeded before?): {error}") from error
        generated = time.perf_counter() - started
        content_changed()  # written in bulk, past the models' signals: no page kept before is served
        entries = index_search()
        indexed = time.perf_counter() - started - generated
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Statistics as autovacuum would have left them. VACUUM cannot run inside
                # a transaction (a test's), where ANALYZE alone does the part that matters.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        counts = bench.row_counts()
        self.stdout.write(
            f"Made {partnerships} partnerships x {years} years: {sum(counts.values()):,} rows in {generated:.0f} s, "
            f"{entries:,} search entries in {indexed:.0f} s, on {connection.vendor} "
            f"({connection.settings_dict['NAME']})."
        )
        for name, count in counts.items():
            if count:
                self.stdout.write(f"  {name:<40} {count:>9,}")
