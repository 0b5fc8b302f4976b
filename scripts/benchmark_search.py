#!/usr/bin/env python
"""How fast full-text search is at real scale (SPEC §6, §8: a benchmark, not a timed test).

Builds a scratch PostgreSQL database, fills it with 50 partnerships × 10 years of
meetings whose papers hold at least 200,000 paragraphs of text (plus the agenda items
and minutes), indexes it, then runs the search page's reading (search/queries.py
``search_page``: the count, the ranked page of 20 and its ts_headline snippets) for a
rare word, a common word and a phrase, --runs times each, and prints the median and the
95th percentile. The target is a p95 under 100 ms. It asserts nothing.

    .venv/bin/python scripts/benchmark_search.py \\
        --database-url postgres://postgres@127.0.0.1:5432/accord_search_bench
    .venv/bin/python scripts/benchmark_search.py --database-url ... --keep    # leave it
    .venv/bin/python scripts/benchmark_search.py --database-url ... --reuse   # measure it again

The database must not exist yet (it is created and dropped), unless --reuse. Only
PostgreSQL: the SQLite fallback is for development and is not measured.

The rows are bulk-created, past the actions and the tasks (load data, not a demo), and
the index is built by one UPDATE of every vector, as ``manage.py search_reindex`` would
leave it. Times include the ORM and the queries on an open connection, not the template.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BOARDS_PER_PARTNERSHIP = 1
MEETINGS_PER_YEAR = 6
ITEMS_PER_MEETING = 6
PARAGRAPHS_PER_PAPER = 12
BATCH = 2000

RARE = "zanzibarite"  # in a handful of paragraphs
COMMON = "partnership"  # in nearly every paper
PHRASE = '"pooled budget"'  # both words common, together in a few percent of papers

DOMAIN_WORDS = (
    "partnership board council health care carers housing strategy plan budget pooled fund "
    "children young people adults older services community safety crime reduction delivery "
    "targets indicators performance report review agreement local area district county "
    "primary trust commissioning contract provider respite breaks support transport economy "
    "skills employment education schools learning environment waste recycling climate energy "
    "transport roads planning development regeneration voluntary sector faith groups members "
    "officers chair deputy minutes agenda decision consent objection ratification cabinet"
).split()


def _benchmark_pages() -> Any:
    """The scratch-database helpers of scripts/benchmark_pages.py (create, set up, drop)."""
    spec = importlib.util.spec_from_file_location("benchmark_pages", ROOT / "scripts" / "benchmark_pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["benchmark_pages"] = module
    spec.loader.exec_module(module)
    return module


STOP_WORDS = "the of and to in a is that for on with as by be this are at from it an will".split()


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Words by frequency (Zipf): English stop words first, as in real text (the index
    drops them), then made-up words with the domain's words spread among them, so a
    domain word is about as common as it is in real papers ("budget" near rank 60,
    "pooled" near 900)."""
    syllables = ["ka", "lo", "ven", "dra", "mi", "tor", "sel", "pa", "rin", "gu", "bes", "no", "ath", "ul", "ric"]
    domain = [w for w in DOMAIN_WORDS if w not in ("budget", "pooled", COMMON)]
    tail: list[str] = []
    seen = set(DOMAIN_WORDS) | set(STOP_WORDS) | {RARE}
    while len(tail) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            tail.append(word)
    for n, word in enumerate(domain):
        tail.insert(20 + (n * 53) % 2500, word)
    tail.insert(60, "budget")
    tail.insert(900, "pooled")
    return STOP_WORDS + tail


def paragraph(rng: random.Random, words: list[str], weights: list[float]) -> str:
    chosen = rng.choices(words, weights=weights, k=rng.randint(35, 60))
    return " ".join(chosen).capitalize() + "."


def generate(partnership_count: int, years: int) -> int:
    """Bulk-create the meetings, items, papers and their index entries; the paragraphs."""
    from django.db import connection, transaction
    from django.utils import timezone

    from meetings.models import AgendaItem, ExemptCategory, Meeting, MeetingStatus, Paper, PaperVersion
    from partnerships.models import Board, Organisation, Partnership
    from search.actions import CONFIG
    from search.models import EntryKind, SearchEntry

    rng = random.Random(20240401)
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf
    now = timezone.now()
    first = now - dt.timedelta(days=round(365.25 * years))
    every = dt.timedelta(days=round(365.25 / MEETINGS_PER_YEAR))
    paragraphs = 0
    with transaction.atomic():
        lead = Organisation.objects.create(name="County Council", slug="county-council", kind="county_council")
        partnerships = [
            Partnership(
                name=f"Partnership {n:02d}",
                slug=f"partnership-{n:02d}",
                purpose="Brings the public services of the area together.",
                lead_accountable_body=lead,
                contact_name="Officer",
                contact_email="officer@example.org",
            )
            for n in range(partnership_count)
        ]
        Partnership.objects.bulk_create(partnerships)
        partnerships = list(Partnership.objects.order_by("pk"))
        boards = Board.objects.bulk_create(
            Board(partnership=p, name=f"{p.name} Board {b}", slug=f"board-{b}")
            for p in partnerships
            for b in range(BOARDS_PER_PARTNERSHIP)
        )
        meetings = []
        for board in boards:
            start = first + dt.timedelta(days=rng.randint(0, 30))
            while start < now + dt.timedelta(days=90):
                published = start < now + dt.timedelta(days=20)
                meetings.append(
                    Meeting(
                        board=board,
                        start=start,
                        venue="County Hall",
                        status=MeetingStatus.MINUTES_PUBLISHED if start < now else MeetingStatus.SCHEDULED,
                        agenda_published_at=start - dt.timedelta(days=10) if published else None,
                        minutes_published_at=start + dt.timedelta(days=30) if start < now else None,
                    )
                )
                start += every
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        items = AgendaItem.objects.bulk_create(
            (
                AgendaItem(
                    meeting=meeting,
                    order=k + 1,
                    title=" ".join(rng.choices(words[:300], k=5)).capitalize(),
                    description=paragraph(rng, words, weights),
                    minutes=paragraph(rng, words, weights),
                    exempt=k == 5 and n % 4 == 0,
                    exempt_category=ExemptCategory.FINANCIAL if k == 5 and n % 4 == 0 else "",
                )
                for n, meeting in enumerate(meetings)
                for k in range(ITEMS_PER_MEETING)
            ),
            batch_size=BATCH,
        )
        papers = Paper.objects.bulk_create(
            (Paper(item=item, title=f"Report: {item.title}", published_at=now) for item in items), batch_size=BATCH
        )
        versions = PaperVersion.objects.bulk_create(
            (
                PaperVersion(
                    paper=paper,
                    number=1,
                    file="papers/benchmark/paper.pdf",
                    original_name="paper.pdf",
                    content_type="application/pdf",
                    size=1000,
                    sha256="0" * 64,
                    published_at=now,
                )
                for paper in papers
            ),
            batch_size=BATCH,
        )
        meeting_of = {m.pk: m for m in meetings}
        board_of = {b.pk: b for b in boards}
        rare_left = 20
        entries: list[SearchEntry] = []

        def placing(meeting_id: int) -> dict[str, Any]:
            meeting = meeting_of[meeting_id]
            board = board_of[meeting.board_id]
            return {
                "meeting_id": meeting.pk,
                "board_id": board.pk,
                "partnership_id": board.partnership_id,
                "on": timezone.localtime(meeting.start).date(),
            }

        for item, paper, version in zip(items, papers, versions, strict=True):
            texts = [paragraph(rng, words, weights) for _ in range(PARAGRAPHS_PER_PAPER)]
            if rng.random() < 0.9:
                texts[0] = f"The {COMMON} agreed. " + texts[0]
            if rng.random() < 0.03:
                texts[1] = "The pooled budget grows. " + texts[1]
            if rare_left and rng.random() < 0.002:
                texts[2] = f"Found {RARE} deposits. " + texts[2]
                rare_left -= 1
            paragraphs += len(texts)
            where = placing(item.meeting_id)
            entries.append(
                SearchEntry(
                    kind=EntryKind.PAPER, paper_version=version, title=paper.title, body="\n\n".join(texts), **where
                )
            )
            entries.append(
                SearchEntry(kind=EntryKind.ITEM, item=item, title=item.title, body=item.description, **where)
            )
            entries.append(SearchEntry(kind=EntryKind.MINUTES, item=item, title=item.title, body=item.minutes, **where))
            if len(entries) >= BATCH:
                SearchEntry.objects.bulk_create(entries)
                entries = []
        SearchEntry.objects.bulk_create(entries)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_searchentry SET search_vector = "
                "setweight(to_tsvector(%s, title), 'A') || setweight(to_tsvector(%s, body), 'B')",
                [CONFIG, CONFIG],
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return paragraphs


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(query: str, runs: int) -> tuple[float, float, int, int]:
    from django.test import RequestFactory

    from search.queries import SearchFilters, search_page

    request = RequestFactory().get("/search/", {"q": query})
    page = search_page(request, query, SearchFilters())  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        page = search_page(request, query, SearchFilters())
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 0.95), page.count, len(page.results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database that does not exist yet")
    parser.add_argument("--partnerships", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database without generating")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        sys.exit("benchmark_search.py measures PostgreSQL full-text search: give a postgres:// URL")

    helpers = _benchmark_pages()
    workdir = Path(tempfile.mkdtemp(prefix="accord-search-bench-"))
    db = helpers.prepare_database(args, workdir)
    try:
        helpers.setup_django(db, workdir / "media")
        if not args.reuse:
            started = time.perf_counter()
            paragraphs = generate(args.partnerships, args.years)
            print(f"Generated {paragraphs:,} paragraphs of paper text in {time.perf_counter() - started:.0f} s")
        from search.models import SearchEntry

        print(f"{SearchEntry.objects.count():,} search entries\n")
        print(f"{'query':<22} {'p50 ms':>8} {'p95 ms':>8} {'matches':>9} {'shown':>6}  target p95 < 100 ms")
        for label, query in (("rare word", RARE), ("common word", COMMON), ("phrase", PHRASE)):
            p50, p95, count, shown = measure(query, args.runs)
            verdict = "OK" if p95 < 100 else "SLOW"
            print(f"{label + ' ' + query:<22.22} {p50:>8.1f} {p95:>8.1f} {count:>9,} {shown:>6}  {verdict}")
    finally:
        if args.keep:
            print(f"\nKept the database {db.name!r} (--reuse to measure it again).")
        else:
            helpers.drop_database(db)


if __name__ == "__main__":
    main()
