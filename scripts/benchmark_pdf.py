#!/usr/bin/env python
"""How long the agenda pack and minutes PDFs take to render (SPEC §8: a benchmark in
the repo, not a timed test).

Builds a demo-like meeting in a throwaway SQLite database (migrated into a temporary
directory, with its own MEDIA_ROOT): 9 agenda items, one of them exempt, with 8 PDF
papers totalling 35 pages, plus attendance, declarations, late business, minutes and
actions. Then renders each document three times and prints the median wall-clock time
and the page counts.

    .venv/bin/python scripts/benchmark_pdf.py               # throwaway SQLite
    .venv/bin/python scripts/benchmark_pdf.py --keep /tmp/pdfs   # also write the PDFs there
    .venv/bin/python scripts/benchmark_pdf.py --configured-db    # use DATABASE_URL as set

With --configured-db the rows are created inside a transaction that is rolled back.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

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

SENTENCES = (
    "The partnership has no executive powers of its own; it recommends to the partner organisations, "
    "which act within their own powers. Officers reviewed the indicators against the targets agreed "
    "in the Local Area Agreement and the delivery plans of the thematic partnerships. The board is "
    "asked to note the progress made, to agree the priorities for the coming year and to ask each "
    "partner to confirm its contribution through its own executive body. "
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


def build_meeting() -> int:
    """A held meeting whose agenda and minutes are published, with demo-like content."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from meetings.models import (
        Action,
        AgendaItem,
        Attendance,
        AttendanceStatus,
        Declaration,
        ExemptCategory,
        Meeting,
        MeetingStatus,
        Paper,
        PaperVersion,
        Purpose,
    )
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

    organisations = [
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
        lead_accountable_body=organisations[0],
    )
    board = Board.objects.create(partnership=partnership, name="Health and Well-Being Partnership Board", slug="board")
    start = timezone.make_aware(dt.datetime(2026, 1, 22, 14, 0))
    meeting = Meeting.objects.create(
        board=board,
        start=start,
        end=start + dt.timedelta(hours=2, minutes=30),
        venue="County Hall, New Road, Oxford OX1 1ND",
        status=MeetingStatus.MINUTES_PUBLISHED,
        agenda_published_at=start - dt.timedelta(days=16),
        minutes_published_at=start + dt.timedelta(days=40),
    )
    memberships = []
    deputies = {}
    for n in range(12):
        organisation = organisations[n % len(organisations)]
        person = Person.objects.create(name=f"Cllr Member {n + 1:02d}", organisation=organisation)
        deputy = Person.objects.create(name=f"Deputy {n + 1:02d}", organisation=organisation)
        membership = Membership.objects.create(
            board=board,
            person=person,
            organisation=organisation,
            role=MembershipRole.CHAIR if n == 0 else MembershipRole.MEMBER,
            start_date=dt.date(2024, 4, 1),
        )
        # The designated deputy, in the ledger from the seat's start (001 principle 5).
        Deputyship.objects.create(membership=membership, person=deputy, start_date=membership.start_date)
        memberships.append(membership)
        deputies[membership.pk] = deputy
    statuses = [AttendanceStatus.PRESENT] * 8 + [AttendanceStatus.DEPUTY, AttendanceStatus.DEPUTY]
    statuses += [AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT]
    for membership, status in zip(memberships, statuses, strict=True):
        Attendance.objects.create(
            meeting=meeting,
            membership=membership,
            person=membership.person,
            organisation=membership.organisation,
            status=status,
            deputy=deputies[membership.pk] if status == AttendanceStatus.DEPUTY else None,
        )
    guest = Person.objects.create(name="Dr Jonathan Director", organisation=organisations[3])
    Attendance.objects.create(
        meeting=meeting, person=guest, organisation=organisations[3], invited_role="Director of Public Health"
    )

    published = meeting.agenda_published_at
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
        paper = Paper.objects.create(
            item=item,
            title=paper_title,
            author_name="Olivia Officer",
            published_at=published,
            late=late,
            late_reason="The quarter 3 figures were released after the deadline." if late else "",
            chair_agreed_urgent=late,
            chair_agreed_by="Cllr Member 01" if late else "",
        )
        if late:
            item.urgent_reason = f"Late paper '{paper_title}': {paper.late_reason} (agreed by Cllr Member 01)"
            item.save(update_fields=["urgent_reason"])
        body = paper_pdf(paper_title, pages)
        version = PaperVersion(
            paper=paper,
            number=1,
            original_name=f"{paper_title}.pdf",
            content_type="application/pdf",
            size=len(body),
            sha256=hashlib.sha256(body).hexdigest(),
            published_at=published,
        )
        version.file.save(f"paper-{paper.pk}-v1.pdf", ContentFile(body), save=False)
        version.save()
        Action.objects.create(
            meeting=meeting,
            item=item,
            description=f"Report back on {item_title.lower()}",
            owner=memberships[order].person,
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
    Paper.objects.create(item=exempt, title="Tender evaluation (exempt)", published_at=published)
    items = list(meeting.items.order_by("order"))
    Declaration.objects.create(
        item=items[3], membership=memberships[5], nature="Trustee of a housing support provider", withdraws=True
    )
    Declaration.objects.create(item=items[1], membership=memberships[2], nature="Employed by the PCT")
    return meeting.pk


def measure(meeting_id: int, runs: int, keep: Path | None) -> list[tuple[str, float, int, int]]:
    from meetings.models import Meeting
    from meetings.pdf import content_for, public_kinds, render_pdf

    meeting = Meeting.objects.select_related("board__partnership", "minutes_approved_at").get(pk=meeting_id)
    rows = []
    for kind in public_kinds(meeting):
        content = content_for(meeting, kind)
        assert content is not None
        timings = []
        rendered = None
        for _ in range(runs):
            started = time.perf_counter()
            rendered = render_pdf(content)
            timings.append(time.perf_counter() - started)
        assert rendered is not None
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"{kind}.pdf").write_bytes(rendered.pdf)
        rows.append((str(kind), statistics.median(timings), rendered.pages, rendered.rendered_pages))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the rendered PDFs to this directory")
    parser.add_argument("--configured-db", action="store_true", help="use DATABASE_URL instead of a temp SQLite")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="accord-pdf-bench-") as tmp:
        setup_django(args, Path(tmp))
        from django.db import transaction

        started = time.perf_counter()
        with transaction.atomic():
            meeting_id = build_meeting()
            built = time.perf_counter() - started
            rows = measure(meeting_id, args.runs, args.keep)
            if args.configured_db:
                transaction.set_rollback(True)

    print(f"Test data built in {built:.1f} s (8 PDF papers, 35 pages, made with WeasyPrint)")
    print(f"Median of {args.runs} runs, wall clock:")
    print()
    print(f"{'document':<12} {'seconds':>8} {'pages':>6} {'rendered':>9} {'merged':>7}")
    for kind, seconds, pages, rendered_pages in rows:
        print(f"{kind:<12} {seconds:>8.2f} {pages:>6} {rendered_pages:>9} {pages - rendered_pages:>7}")
    if args.keep:
        print(f"\nPDFs written to {args.keep}")


if __name__ == "__main__":
    main()
