#!/usr/bin/env python
"""How long the agenda pack and minutes PDFs take to render, how much memory it takes,
and whether the packs keep their accessibility tags (SPEC §8: a benchmark in the repo,
not a timed test; issue 11 item 14).

Builds meetings in a throwaway SQLite database (migrated into a temporary directory,
with its own MEDIA_ROOT):

- the demo-like meeting: 9 agenda items, one of them exempt, with 8 PDF papers
  totalling 35 pages, plus attendance, declarations, late business, minutes and actions;
- long minutes: 54 items with full minutes, declarations and actions (41 pages);
- a large agenda pack: 25 items whose 25 PDF papers add 100 merged pages.

Each document's public content is rendered in a fresh child process (so its peak
resident memory, VmHWM, is that render's alone, imports included), several times; the
wall-clock and CPU times, the peak memory and the page counts are printed, and each
document is checked for tags (/MarkInfo /Marked true and a /StructTreeRoot, with
pikepdf; and what `pdfinfo` says, when it is installed). The targets (issue 11 item 14):
minutes of 40 pages under 3 s, a pack of 100 merged pages under 2 s, packs tagged.

    .venv/bin/python scripts/benchmark_pdf.py                   # throwaway SQLite
    .venv/bin/python scripts/benchmark_pdf.py --keep /tmp/pdfs  # also write the PDFs there
    .venv/bin/python scripts/benchmark_pdf.py --configured-db   # use DATABASE_URL as set

With --configured-db the rows are created inside a transaction that is rolled back (the
child processes render from the content gathered before the rollback and read no rows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# 8 papers: (item title, paper title, pages) = 35 pages in all.
PAPERS = [
    ("Minutes of the last meeting and matters arising", "Draft minutes of 12 December", 3),
    ("Joint Strategic Needs Assessment refresh", "JSNA 2026 summary report", 6),
    ("Health and Well-Being Strategy: annual review", "Strategy review and action plan", 5),
    ("Supporting People commissioning intentions", "Commissioning intentions 2026-29", 5),
    ("Older people's pooled budget", "Section 75 pooled budget outturn", 4),
    ("Performance against the Local Area Agreement", "LAA indicator report, quarter 3", 5),
    ("Risk register", "Strategic risk register", 3),
    ("Forward plan", "Forward plan of business", 4),
]
EXEMPT_ITEM = "Contract award: housing support provider (commercially confidential)"

# Long minutes: 54 items, each minuted at length (about 40 pages in all).
LONG_MINUTES_ITEMS = 54
# Large pack: 25 papers of 4 pages = 100 merged pages.
LARGE_PACK_PAPERS = 25
LARGE_PACK_PAPER_PAGES = 4

SENTENCES = (
    "The partnership has no executive powers of its own; it recommends to the partner organisations, "
    "which act within their own powers. Officers reviewed the indicators against the targets agreed "
    "in the Local Area Agreement and the delivery plans of the thematic partnerships. The board is "
    "asked to note the progress made, to agree the priorities for the coming year and to ask each "
    "partner to confirm its contribution through its own executive body. "
)
DISCUSSION = (
    "Members asked how the figures compared with those of neighbouring areas and whether the "
    "voluntary sector had been involved in setting the targets. The lead officer explained that "
    "the comparison would be circulated after the meeting and that the community and voluntary "
    "action forum had been consulted at each stage. "
)


def setup_django(args: argparse.Namespace, workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "governance.settings"
    os.environ["DEBUG"] = "true"
    os.environ.pop("REDIS_URL", None)  # render in-process; no broker
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    if not args.configured_db:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'benchmark.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if not args.configured_db:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


def paper_pdf(title: str, pages: int) -> bytes:
    """A report of exactly `pages` A4 pages, made with WeasyPrint."""
    from weasyprint import HTML

    body = "".join(
        f'<section class="p">{"<h1>" + title + "</h1>" if n == 1 else ""}<h2>Section {n}</h2>'
        + "".join(f"<p>{SENTENCES}</p>" for _ in range(5))
        + "</section>"
        for n in range(1, pages + 1)
    )
    html = (
        "<html><head><style>@page{size:A4;margin:25mm;@bottom-right{content:'Report page ' counter(page)}}"
        "body{font-family:'Liberation Serif',serif;font-size:11pt}.p{break-before:page;height:200mm;"
        "overflow:hidden}.p:first-child{break-before:auto}</style></head>"
        f"<body>{body}</body></html>"
    )
    document = HTML(string=html).render()
    assert len(document.pages) == pages, (title, len(document.pages))
    pdf: bytes = document.write_pdf()
    return pdf


class Board:
    """A partnership board with 12 seats (each with a designated deputy) and a guest."""

    def __init__(self) -> None:
        from partnerships.models import (
            Board,
            Deputyship,
            Membership,
            MembershipRole,
            Organisation,
            OrganisationKind,
            Partnership,
            Person,
        )

        self.organisations = [
            Organisation.objects.create(name=name, slug=name.lower().replace(" ", "-"), kind=kind)
            for name, kind in [
                ("Oxfordshire County Council", OrganisationKind.COUNTY_COUNCIL),
                ("Oxford City Council", OrganisationKind.CITY_COUNCIL),
                ("Cherwell District Council", OrganisationKind.DISTRICT_COUNCIL),
                ("Oxfordshire Primary Care Trust", OrganisationKind.NHS),
                ("Thames Valley Police", OrganisationKind.POLICE),
                ("Oxfordshire Community and Voluntary Action", OrganisationKind.VOLUNTARY),
            ]
        ]
        partnership = Partnership.objects.create(
            name="Health and Well-Being Partnership",
            slug="hwbp",
            purpose="Improves health and well-being across Oxfordshire.",
            lead_accountable_body=self.organisations[0],
        )
        self.board = Board.objects.create(
            partnership=partnership, name="Health and Well-Being Partnership Board", slug="board"
        )
        self.memberships = []
        self.deputies = {}
        for n in range(12):
            organisation = self.organisations[n % len(self.organisations)]
            person = Person.objects.create(name=f"Cllr Member {n + 1:02d}", organisation=organisation)
            deputy = Person.objects.create(name=f"Deputy {n + 1:02d}", organisation=organisation)
            membership = Membership.objects.create(
                board=self.board,
                person=person,
                organisation=organisation,
                role=MembershipRole.CHAIR if n == 0 else MembershipRole.MEMBER,
                start_date=dt.date(2024, 4, 1),
            )
            # The designated deputy, in the ledger from the seat's start (001 principle 5).
            Deputyship.objects.create(membership=membership, person=deputy, start_date=membership.start_date)
            self.memberships.append(membership)
            self.deputies[membership.pk] = deputy
        self.guest = Person.objects.create(name="Dr Jonathan Director", organisation=self.organisations[3])

    def meeting(self, start: dt.datetime) -> Any:
        """A held meeting whose agenda and minutes are published, with its attendance."""
        from meetings.models import Attendance, AttendanceStatus, Meeting, MeetingStatus

        meeting = Meeting.objects.create(
            board=self.board,
            start=start,
            end=start + dt.timedelta(hours=2, minutes=30),
            venue="County Hall, New Road, Oxford OX1 1ND",
            status=MeetingStatus.MINUTES_PUBLISHED,
            agenda_published_at=start - dt.timedelta(days=16),
            minutes_published_at=start + dt.timedelta(days=40),
        )
        statuses = [AttendanceStatus.PRESENT] * 8 + [AttendanceStatus.DEPUTY, AttendanceStatus.DEPUTY]
        statuses += [AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT]
        for membership, status in zip(self.memberships, statuses, strict=True):
            Attendance.objects.create(
                meeting=meeting,
                membership=membership,
                person=membership.person,
                organisation=membership.organisation,
                status=status,
                deputy=self.deputies[membership.pk] if status == AttendanceStatus.DEPUTY else None,
            )
        Attendance.objects.create(
            meeting=meeting,
            person=self.guest,
            organisation=self.organisations[3],
            invited_role="Director of Public Health",
        )
        return meeting


def add_paper(item: Any, title: str, body: bytes, *, late: bool = False) -> Any:
    """A published PDF paper of the item, stored in MEDIA_ROOT."""
    from django.core.files.base import ContentFile

    from meetings.models import Paper, PaperVersion

    published = item.meeting.agenda_published_at
    paper = Paper.objects.create(
        item=item,
        title=title,
        author_name="Olivia Officer",
        published_at=published,
        late=late,
        late_reason="The quarter 3 figures were released after the deadline." if late else "",
        chair_agreed_urgent=late,
        chair_agreed_by="Cllr Member 01" if late else "",
    )
    version = PaperVersion(
        paper=paper,
        number=1,
        original_name=f"{title}.pdf",
        content_type="application/pdf",
        size=len(body),
        sha256=hashlib.sha256(body).hexdigest(),
        published_at=published,
    )
    version.file.save(f"paper-{paper.pk}-v1.pdf", ContentFile(body), save=False)
    version.save()
    return paper


def build_demo_meeting(board: Board) -> int:
    """The demo-sized meeting: 9 items (one exempt), 8 PDF papers of 35 pages."""
    from django.utils import timezone

    from meetings.models import Action, AgendaItem, Declaration, ExemptCategory, Paper, Purpose

    meeting = board.meeting(timezone.make_aware(dt.datetime(2026, 1, 22, 14, 0)))
    for order, (item_title, paper_title, pages) in enumerate(PAPERS, start=1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            order=order,
            title=item_title,
            purpose=Purpose.DECISION if order % 2 else Purpose.DISCUSSION,
            lead_officer="Olivia Officer, Partnership Manager",
            description="The board is asked to consider the report and agree its recommendations.",
            minutes=("The board considered the report. " + SENTENCES) * 2
            + "\n\nRESOLVED: to agree the recommendations in the report.",
        )
        late = order == 6
        paper = add_paper(item, paper_title, paper_pdf(paper_title, pages), late=late)
        if late:
            item.urgent_reason = f"Late paper '{paper_title}': {paper.late_reason} (agreed by Cllr Member 01)"
            item.save(update_fields=["urgent_reason"])
        Action.objects.create(
            meeting=meeting,
            item=item,
            description=f"Report back on {item_title.lower()}",
            owner=board.memberships[order].person,
            due_date=dt.date(2026, 3, 31),
        )
    exempt = AgendaItem.objects.create(
        meeting=meeting,
        order=len(PAPERS) + 1,
        title=EXEMPT_ITEM,
        exempt=True,
        exempt_category=ExemptCategory.FINANCIAL,
        minutes="Confidential minute.",
    )
    Paper.objects.create(item=exempt, title="Tender evaluation (exempt)", published_at=meeting.agenda_published_at)
    items = list(meeting.items.order_by("order"))
    Declaration.objects.create(
        item=items[3], membership=board.memberships[5], nature="Trustee of a housing support provider", withdraws=True
    )
    Declaration.objects.create(item=items[1], membership=board.memberships[2], nature="Employed by the PCT")
    return int(meeting.pk)


def build_long_minutes(board: Board) -> int:
    """A long meeting: 54 items, each with several paragraphs of minute, one or two
    actions, and a declaration on every fifth item; two items exempt."""
    from django.utils import timezone

    from meetings.models import Action, Declaration, ExemptCategory

    meeting = board.meeting(timezone.make_aware(dt.datetime(2026, 2, 19, 10, 0)))
    for order in range(1, LONG_MINUTES_ITEMS + 1):
        exempt = order in (27, 53)
        theme, _, pages = PAPERS[order % len(PAPERS)]
        paragraphs = [f"The board considered the report on {theme.lower()} (item {order}). " + SENTENCES]
        paragraphs += [DISCUSSION + SENTENCES for _ in range(1 + (order % 3 > 0) + (order % 4 == 0))]
        paragraphs.append(f"RESOLVED: (1) to note the report; (2) to agree the {pages} recommendations in it.")
        item = agenda_item(
            meeting,
            order,
            theme,
            minutes="\n\n".join(paragraphs),
            exempt=exempt,
            exempt_category=ExemptCategory.FINANCIAL if exempt else "",
        )
        for n in range(1 + order % 2):
            Action.objects.create(
                meeting=meeting,
                item=item,
                description=f"Report back on {theme.lower()}, part {order}, to the next meeting (action {n + 1})",
                owner=board.memberships[(order + n) % 12].person,
                due_date=dt.date(2026, 3, 31) + dt.timedelta(days=order),
            )
        if order % 3 == 0 and not exempt:
            Declaration.objects.create(
                item=item, membership=board.memberships[order % 12], nature="Trustee of a local charity"
            )
    return int(meeting.pk)


def agenda_item(meeting: Any, order: int, theme: str, **extra: Any) -> Any:
    """Item `order` of a benchmark meeting, on `theme`."""
    from meetings.models import AgendaItem, Purpose

    return AgendaItem.objects.create(
        meeting=meeting,
        order=order,
        title=f"{theme}: part {order}",
        purpose=Purpose.DECISION if order % 2 else Purpose.DISCUSSION,
        lead_officer="Olivia Officer, Partnership Manager",
        description="The board is asked to consider the report and agree its recommendations.",
        **extra,
    )


def build_large_pack(board: Board) -> int:
    """An agenda of 25 items, each with one 4-page PDF paper: 100 merged pages."""
    from django.utils import timezone

    meeting = board.meeting(timezone.make_aware(dt.datetime(2026, 3, 19, 14, 0)))
    bodies = [paper_pdf(f"Report {n + 1}", LARGE_PACK_PAPER_PAGES) for n in range(3)]
    for order in range(1, LARGE_PACK_PAPERS + 1):
        theme, paper_title, _ = PAPERS[order % len(PAPERS)]
        item = agenda_item(meeting, order, theme)
        add_paper(item, f"{paper_title}, part {order}", bodies[order % len(bodies)])
    return int(meeting.pk)


def contents(meeting_ids: dict[str, int]) -> list[tuple[str, Any]]:
    """(label, DocumentContent) for each public document of the benchmark's meetings."""
    from meetings.models import DocumentKind, Meeting
    from meetings.pdf import content_for

    wanted = [
        ("demo agenda pack", "demo", DocumentKind.AGENDA_PACK),
        ("demo minutes", "demo", DocumentKind.MINUTES),
        (f"minutes, {LONG_MINUTES_ITEMS} items", "long", DocumentKind.MINUTES),
        (f"pack, {LARGE_PACK_PAPERS * LARGE_PACK_PAPER_PAGES} merged", "large", DocumentKind.AGENDA_PACK),
    ]
    result = []
    for label, key, kind in wanted:
        meeting = Meeting.objects.select_related("board__partnership", "minutes_approved_at").get(pk=meeting_ids[key])
        content = content_for(meeting, kind)
        assert content is not None, (label, "not public")
        result.append((label, content))
    return result


def peak_rss_kb() -> int:
    """This process's peak resident memory in KiB: VmHWM on Linux (ru_maxrss there also
    counts the parent's memory at fork, which exec does not reset), else ru_maxrss."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(content_path: Path, runs: int, out_path: Path) -> None:
    """Render one document `runs` times in this (fresh) process, after the warm-up a
    worker process does when it starts (meetings.tasks.warm_up_renderer); print a JSON
    line with the warm-up's and the renders' timings, the page counts and this process's
    peak resident memory."""
    from meetings.pdf import DocumentContent, render_pdf, warm_up

    raw = json.loads(content_path.read_text())
    content = DocumentContent(raw["kind"], raw["data"], raw["content_hash"])
    baseline = peak_rss_kb()
    started = time.perf_counter()
    warm_up()
    warm_up_s = time.perf_counter() - started
    timings = []
    cpu = []
    rendered = None
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        rendered = render_pdf(content)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    assert rendered is not None
    out_path.write_bytes(rendered.pdf)
    peak = peak_rss_kb()
    print(
        json.dumps(
            {
                "warm_up_s": warm_up_s,
                "timings": timings,
                "cpu": cpu,
                "pages": rendered.pages,
                "rendered_pages": rendered.rendered_pages,
                "baseline_kb": baseline,
                "peak_kb": peak,
            }
        )
    )


def tags(path: Path) -> dict[str, str]:
    """Whether the PDF is tagged: pikepdf's view of the catalog, and pdfinfo's."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        root = pdf.Root
        marked = "/MarkInfo" in root and bool(root.MarkInfo.get("/Marked", False))
        tree = "/StructTreeRoot" in root
        lang = str(root.get("/Lang", ""))
    result = {"pikepdf": "yes" if marked and tree else f"no (Marked={marked}, StructTreeRoot={tree})", "lang": lang}
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
        result["pdfinfo"] = next(
            (line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Tagged:")), "?"
        )
    return result


def measure(labelled: list[tuple[str, Any]], runs: int, workdir: Path, keep: Path | None) -> list[dict[str, Any]]:
    """Each document rendered in its own child process."""
    rows = []
    for n, (label, content) in enumerate(labelled):
        content_path = workdir / f"content-{n}.json"
        content_path.write_text(
            json.dumps({"kind": content.kind, "data": content.data, "content_hash": content.content_hash})
        )
        out_path = (keep or workdir) / f"{label.replace(' ', '-').replace(',', '')}.pdf"
        out_path.parent.mkdir(parents=True, exist_ok=True)
        completed = subprocess.run(
            [sys.executable, __file__, "--child", str(content_path), "--runs", str(runs), "--out", str(out_path)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ},
        )
        if completed.returncode:
            sys.exit(f"Rendering {label} failed:\n{completed.stderr}")
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        rows.append({"label": label, "kind": content.kind, **result, **tags(out_path)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the rendered PDFs to this directory")
    parser.add_argument("--configured-db", action="store_true", help="use DATABASE_URL instead of a temp SQLite")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        # The parent set DATABASE_URL and MEDIA_ROOT; the render reads files, no rows.
        os.environ["DJANGO_SETTINGS_MODULE"] = "governance.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        child(args.child, args.runs, args.out)
        return

    with tempfile.TemporaryDirectory(prefix="accord-pdf-bench-") as tmp:
        workdir = Path(tmp)
        setup_django(args, workdir)
        from django.db import transaction

        started = time.perf_counter()
        with transaction.atomic():
            board = Board()
            meeting_ids = {
                "demo": build_demo_meeting(board),
                "long": build_long_minutes(board),
                "large": build_large_pack(board),
            }
            labelled = contents(meeting_ids)
            if args.configured_db:
                transaction.set_rollback(True)
        built = time.perf_counter() - started
        rows = measure(labelled, args.runs, workdir, args.keep)

    print(f"Test data built in {built:.1f} s (PDF papers made with WeasyPrint)")
    print(f"Each document rendered {args.runs} times in a fresh process, after the warm-up a worker process does")
    print("when it starts ('warm s': a one-page render): wall clock (median, fastest), CPU time (median; what")
    print("other processes on a loaded machine take from the wall clock does not count), and the peak RSS")
    print("(VmHWM) of that process, imports included ('base': after importing Django).")
    print()
    print(
        f"{'document':<22} {'warm s':>6} {'median s':>8} {'min s':>6} {'cpu s':>6} {'peak MB':>8} {'base MB':>8} {'pages':>6} {'rendered':>9} {'merged':>7}"
        f"  tagged (pikepdf / pdfinfo), lang"
    )
    for row in rows:
        print(
            f"{row['label']:<22} {row['warm_up_s']:>6.2f} {statistics.median(row['timings']):>8.2f} {min(row['timings']):>6.2f} {statistics.median(row['cpu']):>6.2f} {row['peak_kb'] / 1024:>8.0f}"
            f" {row['baseline_kb'] / 1024:>8.0f} {row['pages']:>6} {row['rendered_pages']:>9}"
            f" {row['pages'] - row['rendered_pages']:>7}  {row['pikepdf']} / {row.get('pdfinfo', '-')}, {row['lang'] or '-'}"
        )
    if args.keep:
        print(f"\nPDFs written to {args.keep}")


if __name__ == "__main__":
    main()
