#!/usr/bin/env python
"""How fast the public pages are with 10 years of data for 50 partnerships (SPEC §8
"Fast at real scale": a benchmark in the repo, not a timed test).

Builds a throwaway database, fills it with load data, then requests each public page
as an anonymous visitor with django.test.Client: once to warm up, then --runs times,
and prints the median and 95th percentile wall-clock time and the SQL query count of
each. It asserts nothing: it is a measurement. A page is marked OK when its median is
under --threshold-ms (300 ms), SLOW otherwise.

    .venv/bin/python scripts/benchmark_pages.py                      # temp SQLite, 50 x 10 years
    .venv/bin/python scripts/benchmark_pages.py --partnerships 10 --years 3   # a quick look
    .venv/bin/python scripts/benchmark_pages.py \\
        --database-url postgres://postgres@127.0.0.1:5432/accord_bench   # scratch PostgreSQL
    .venv/bin/python scripts/benchmark_pages.py --explain             # + the plan of each SLOW page's slowest query

The database named by --database-url must not exist yet: it is created (PostgreSQL:
CREATE DATABASE on the server's `postgres` database), migrated, filled, measured and
dropped at the end. --keep leaves it (and prints where it is); --reuse then measures a
kept database again without generating anything, e.g. after trying an index:

    .venv/bin/python scripts/benchmark_pages.py --database-url postgres://.../accord_bench --keep
    .venv/bin/python scripts/benchmark_pages.py --database-url postgres://.../accord_bench --reuse

At the default size (about 350,000 rows) generation takes under a minute and the whole
run about two on a 2-core machine; the all-meetings iCalendar dominates the run.

What the numbers include: URL resolution, middleware, the view, its queries and the
template, in one process, with DEBUG=true (so Django also records each query) and an
open database connection (no connection set-up per request, unlike production with
CONN_MAX_AGE=0). They exclude the network, TLS and the WSGI server.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent

BOARDS_PER_PARTNERSHIP = 2
MEMBERS_PER_BOARD = 15
PARTNERS_PER_PARTNERSHIP = 8  # organisations round each partnership's table; one vote each
MEETINGS_PER_YEAR = 6
ITEMS_PER_MEETING = 6
PAPERS_PER_ITEM = 2
BATCH = 2000

SENTENCES = (
    "The board considered the report and the questions raised by partners. Officers reviewed the "
    "indicators against the targets agreed in the Local Area Agreement and the delivery plans of the "
    "thematic partnerships. "
)


# ---------------------------------------------------------------------------
# The throwaway database


@dataclass
class Database:
    url: str
    postgres: bool
    name: str  # database name (PostgreSQL) or file path (SQLite)
    created: bool = False


def _maintenance_url(url: str) -> str:
    """The same server's `postgres` database, to create and drop the scratch one from."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))


def _postgres_exists(db: Database) -> bool:
    import psycopg

    with psycopg.connect(_maintenance_url(db.url), autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db.name]).fetchone() is not None


def prepare_database(args: argparse.Namespace, workdir: Path) -> Database:
    """Pick the database; create it when it does not exist. Refuses to fill one that
    exists already (it may hold someone's data) unless --reuse asks to measure it."""
    url = args.database_url or f"sqlite:///{workdir / 'benchmark.sqlite3'}"
    parts = urlsplit(url)
    postgres = parts.scheme.startswith("postgres")
    if postgres:
        db = Database(url, True, parts.path.lstrip("/"))
        exists = _postgres_exists(db)
    elif parts.scheme == "sqlite":
        db = Database(url, False, parts.path[1:] if parts.path.startswith("//") else parts.path.lstrip("/"))
        exists = Path(db.name).exists()
    else:
        sys.exit(f"Unsupported database URL {url!r}: use sqlite:///... or postgres://...")
    if args.reuse and not exists:
        sys.exit(f"--reuse: the database {db.name!r} does not exist; run once with --keep first.")
    if exists and not args.reuse:
        sys.exit(f"The database {db.name!r} already exists. Name a new one (it is created and dropped), or --reuse it.")
    if postgres and not exists:
        import psycopg
        from psycopg import sql

        with psycopg.connect(_maintenance_url(url), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db.name)))
        db.created = True
    elif not exists:
        db.created = True
    return db


def drop_database(db: Database) -> None:
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()
    if db.postgres:
        import psycopg
        from psycopg import sql

        with psycopg.connect(_maintenance_url(db.url), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db.name)))
    else:
        Path(db.name).unlink(missing_ok=True)


def setup_django(db: Database, media_root: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "governance.settings"
    os.environ["DEBUG"] = "true"
    os.environ.pop("REDIS_URL", None)  # locmem cache and eager Celery: nothing leaves the process
    os.environ["DATABASE_URL"] = db.url
    os.environ["MEDIA_ROOT"] = str(media_root)
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


# ---------------------------------------------------------------------------
# Load data


# One small PDF, written once under MEDIA_ROOT; every paper version points at it.
PDF_NAME = "papers/benchmark/paper.pdf"
PDF_BODY = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def write_pdf(media_root: Path) -> None:
    path = media_root / PDF_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PDF_BODY)


def _weekday(day: dt.date) -> dt.date:
    """Boards meet on weekdays: move a Saturday or Sunday to the Monday."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def generate(partnership_count: int, years: int) -> None:
    """Bulk-create the load data: `years` of past meetings and half a year to come.

    Per partnership (in a tree under one LSP): 2 boards of 15 seats (8 partner
    organisations, a deputy for each member, one signed memorandum); about 6 meetings a
    year per board with 6 agenda items (an exempt one in every fourth meeting), 2
    published papers per item with one version each, attendance, a declaration, 2
    actions and, once held, minutes (published after approval at the next meeting);
    a proposal at every other meeting held, with rounds, positions and events.

    This is load data, not a demo: rows are written with bulk_create, straight past the
    action functions (meetings/actions.py, decisions/actions.py), their rules, audit
    trail and on_commit side effects. That is the point: 300,000 rows through the
    actions would take hours. Positions and proposal events may be bulk-created too:
    the append-only triggers (decisions/migrations/0002) refuse only UPDATE and DELETE.
    Everything is deterministic, so two runs measure the same data.
    """
    from django.db import transaction
    from django.utils import timezone

    from decisions import rules as engine
    from decisions.models import (
        Position,
        PositionValue,
        Proposal,
        ProposalEvent,
        ProposalStatus,
        Round,
        Route,
    )
    from meetings.models import (
        Action,
        ActionStatus,
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
        Layer,
        Membership,
        MembershipRole,
        MemorandumOfUnderstanding,
        MouSignature,
        Organisation,
        OrganisationKind,
        Partnership,
        Person,
    )

    now = timezone.now()
    today = timezone.localdate()
    first_day = today - dt.timedelta(days=round(365.25 * years))
    last_day = today + dt.timedelta(days=180)  # half a year of meetings still to come
    every = dt.timedelta(days=round(365.25 / MEETINGS_PER_YEAR))
    pdf_sha = hashlib.sha256(PDF_BODY).hexdigest()

    with transaction.atomic():
        # Organisations: enough for each partnership to draw its partners from.
        kinds = list(OrganisationKind.values)
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Partner organisation {n:03d}",
                slug=f"partner-organisation-{n:03d}",
                kind=kinds[n % len(kinds)],
                executive_body="Cabinet" if n % 3 == 0 else "",
            )
            for n in range(max(PARTNERS_PER_PARTNERSHIP, partnership_count + PARTNERS_PER_PARTNERSHIP))
        )

        # Partnerships in a tree: an LSP at the top, four groups under each partnership.
        partnerships: list[Partnership] = []
        for n in range(partnership_count):
            parent = partnerships[(n - 1) // 4] if n else None
            partnership = Partnership(
                name="Local Strategic Partnership" if n == 0 else f"Partnership {n:02d}",
                slug="lsp" if n == 0 else f"partnership-{n:02d}",
                purpose="Brings the public services of the area together. " * 3,
                parent=parent,
                statutory=n % 5 == 1,
                in_lsp=n % 7 != 6,
                lead_accountable_body=organisations[n % len(organisations)],
                contact_name=f"Officer {n:02d}",
                contact_email=f"partnership{n:02d}@example.org",
            )
            partnership.save()  # one by one: each row's parent must exist first (50 rows)
            partnerships.append(partnership)

        layers = [Layer.BOARD, Layer.EXECUTIVE, Layer.THEMATIC_GROUP, Layer.DELIVERY_GROUP]
        boards = Board.objects.bulk_create(
            Board(
                partnership=p,
                name=f"{p.name} {'Board' if b == 0 else 'Executive'}",
                slug="board" if b == 0 else "executive",
                layer=layers[b] if n == 0 else layers[(n + b) % len(layers)],
                terms_of_reference="Sets the strategy and agrees the plans of the partnership.",
                is_council_committee=n % 6 == 0,
            )
            for n, p in enumerate(partnerships)
            for b in range(BOARDS_PER_PARTNERSHIP)
        )
        index_of = {p.pk: n for n, p in enumerate(partnerships)}
        partners = {  # neighbouring partnerships share some partners, as real ones do
            board.pk: [
                organisations[(index_of[board.partnership_id] + k) % len(organisations)]
                for k in range(PARTNERS_PER_PARTNERSHIP)
            ]
            for board in boards
        }

        # People and seats: each member has a designated deputy (001 principle 5).
        people = Person.objects.bulk_create(
            Person(
                name=f"{'Member' if k % 2 == 0 else 'Deputy'} {b:03d}-{k // 2:02d}",
                job_title="Director" if k % 2 == 0 else "Assistant director",
                organisation=partners[board.pk][(k // 2) % PARTNERS_PER_PARTNERSHIP],
            )
            for b, board in enumerate(boards)
            for k in range(2 * MEMBERS_PER_BOARD)
        )
        roles = [MembershipRole.CHAIR] + [MembershipRole.MEMBER] * (MEMBERS_PER_BOARD - 3)
        roles += [MembershipRole.OFFICER, MembershipRole.OBSERVER]
        seats_start = first_day - dt.timedelta(days=365)
        memberships = Membership.objects.bulk_create(
            Membership(
                board=board,
                person=people[(b * MEMBERS_PER_BOARD + k) * 2],
                organisation=partners[board.pk][k % PARTNERS_PER_PARTNERSHIP],
                role=roles[k],
                voting=roles[k] not in (MembershipRole.OFFICER, MembershipRole.OBSERVER),
                elected=k % 4 == 0,
                start_date=seats_start,
            )
            for b, board in enumerate(boards)
            for k in range(MEMBERS_PER_BOARD)
        )
        # The deputies, in the ledger from the seats' start.
        deputy_of = {seat.pk: people[n * 2 + 1].pk for n, seat in enumerate(memberships)}
        Deputyship.objects.bulk_create(
            (
                Deputyship(membership_id=seat_pk, person_id=person_pk, start_date=seats_start)
                for seat_pk, person_pk in deputy_of.items()
            ),
            batch_size=BATCH,
        )
        seats = {
            board.pk: memberships[b * MEMBERS_PER_BOARD : (b + 1) * MEMBERS_PER_BOARD] for b, board in enumerate(boards)
        }

        # One memorandum per board, signed by every partner, with a majority fallback.
        mous = MemorandumOfUnderstanding.objects.bulk_create(
            MemorandumOfUnderstanding(
                board=board,
                version=1,
                title=f"Memorandum of understanding of {board.name}",
                text="The partners agree to work together. " * 10,
                effective_from=seats_start,
                majority_fallback=True,
                fallback_from_round=2,
                max_minority=1,
            )
            for board in boards
        )
        Through = MemorandumOfUnderstanding.required_signatories.through
        Through.objects.bulk_create(
            Through(memorandumofunderstanding_id=mou.pk, organisation_id=org.pk)
            for mou in mous
            for org in partners[mou.board_id]
        )
        MouSignature.objects.bulk_create(
            MouSignature(mou=mou, organisation=org, signed_by=f"Chief executive of {org.name}", signed_on=seats_start)
            for mou in mous
            for org in partners[mou.board_id]
        )

        # Meetings: about six a year per board; each board on its own days.
        plans: list[Meeting] = []
        for b, board in enumerate(boards):
            day = first_day + dt.timedelta(days=(b * 7) % every.days)
            n = 0
            while day <= last_day:
                start = timezone.make_aware(dt.datetime.combine(_weekday(day), dt.time(14 if b % 2 else 10)))
                meeting = Meeting(
                    board=board,
                    start=start,
                    end=start + dt.timedelta(hours=2),
                    venue="Council Chamber, Town Hall" if n % 3 else "Online",
                    online_url="" if n % 3 else "https://meet.example.org/board",
                    created_at=start - dt.timedelta(days=60),
                    updated_at=start - dt.timedelta(days=16),
                )
                if start - dt.timedelta(days=16) <= now:  # agenda out 16 days before (000: 10 working days)
                    meeting.agenda_published_at = start - dt.timedelta(days=16)
                    meeting.status = MeetingStatus.AGENDA_PUBLISHED if start > now else MeetingStatus.MINUTES_DRAFT
                if n % 40 == 39:
                    meeting.status = MeetingStatus.CANCELLED
                    meeting.cancelled_reason = "Not quorate"
                plans.append(meeting)
                day += every
                n += 1
        meetings = Meeting.objects.bulk_create(plans, batch_size=BATCH)

        # Minutes are approved at the board's next meeting and published two days later.
        by_board: dict[int, list[Meeting]] = {}
        for meeting in meetings:
            by_board.setdefault(meeting.board_id, []).append(meeting)
        approved: list[Meeting] = []
        for board_meetings in by_board.values():
            held = [m for m in board_meetings if m.status == MeetingStatus.MINUTES_DRAFT]
            for meeting, following in zip(held, held[1:], strict=False):
                if following.start + dt.timedelta(days=2) <= now:
                    meeting.status = MeetingStatus.MINUTES_PUBLISHED
                    meeting.minutes_approved_at = following
                    meeting.minutes_published_at = following.start + dt.timedelta(days=2)
                    meeting.updated_at = meeting.minutes_published_at
                    approved.append(meeting)
        Meeting.objects.bulk_update(
            approved, ["status", "minutes_approved_at", "minutes_published_at", "updated_at"], batch_size=500
        )
        held_statuses = (MeetingStatus.MINUTES_DRAFT, MeetingStatus.MINUTES_PUBLISHED)

        # Agenda items: one exempt item in every fourth meeting (LGA 1972 Sch 12A).
        items = AgendaItem.objects.bulk_create(
            (
                AgendaItem(
                    meeting=meeting,
                    order=order,
                    title=f"Item {order}: {['Minutes of the last meeting', 'Performance report', 'Strategy', 'Budget', 'Risk register', 'Contract award'][order - 1]}",
                    purpose=Purpose.DECISION if order in (3, 4) else Purpose.DISCUSSION,
                    lead_officer="Partnership manager",
                    description="The board is asked to consider the report and agree its recommendations.",
                    exempt=order == ITEMS_PER_MEETING and m % 4 == 0,
                    exempt_category=ExemptCategory.FINANCIAL if order == ITEMS_PER_MEETING and m % 4 == 0 else "",
                    minutes=(SENTENCES * 3 + "\n\nRESOLVED: to agree the recommendations.")
                    if meeting.status in held_statuses
                    else "",
                )
                for m, meeting in enumerate(meetings)
                for order in range(1, ITEMS_PER_MEETING + 1)
            ),
            batch_size=BATCH,
        )
        meeting_of = {meeting.pk: meeting for meeting in meetings}

        papers = Paper.objects.bulk_create(
            (
                Paper(
                    item=item,
                    title=f"Report {p + 1} on {item.title.split(': ', 1)[-1].lower()}",
                    author_name="Partnership manager",
                    author_email="officer@example.org",
                    published_at=meeting_of[item.meeting_id].agenda_published_at,
                    created_at=meeting_of[item.meeting_id].created_at,
                )
                for item in items
                for p in range(PAPERS_PER_ITEM)
            ),
            batch_size=BATCH,
        )
        PaperVersion.objects.bulk_create(
            (
                PaperVersion(
                    paper=paper,
                    number=1,
                    file=PDF_NAME,
                    original_name="report.pdf",
                    content_type="application/pdf",
                    size=len(PDF_BODY),
                    sha256=pdf_sha,
                    uploaded_at=paper.created_at,
                    published_at=paper.published_at,
                )
                for paper in papers
            ),
            batch_size=BATCH,
        )

        # Attendance, a declaration and two actions at every meeting held.
        statuses = [AttendanceStatus.PRESENT] * 7 + [
            AttendanceStatus.DEPUTY,
            AttendanceStatus.APOLOGIES,
            AttendanceStatus.ABSENT,
        ]
        held = [m for m in meetings if m.status in held_statuses]
        attendance: list[Attendance] = []
        declarations: list[Declaration] = []
        actions: list[Action] = []
        items_of: dict[int, list[AgendaItem]] = {}
        for item in items:
            items_of.setdefault(item.meeting_id, []).append(item)
        for m, meeting in enumerate(held):
            board_seats = seats[meeting.board_id]
            for k, seat in enumerate(board_seats):
                status = statuses[(m + k) % len(statuses)]
                attendance.append(
                    Attendance(
                        meeting=meeting,
                        membership=seat,
                        person_id=seat.person_id,
                        organisation_id=seat.organisation_id,
                        status=status,
                        deputy_id=deputy_of[seat.pk] if status == AttendanceStatus.DEPUTY else None,
                    )
                )
            declarations.append(
                Declaration(
                    item=items_of[meeting.pk][2],
                    membership=board_seats[m % MEMBERS_PER_BOARD],
                    person_id=board_seats[m % MEMBERS_PER_BOARD].person_id,  # the member declared
                    nature="Trustee of a provider",
                    recorded_at=meeting.start,
                )
            )
            for a in range(2):
                actions.append(
                    Action(
                        meeting=meeting,
                        item=items_of[meeting.pk][a + 1],
                        description="Report back on progress at the next meeting",
                        owner_id=board_seats[a + 1].person_id,
                        due_date=meeting.date + dt.timedelta(days=60),
                        status=ActionStatus.DONE if meeting.start + dt.timedelta(days=60) < now else ActionStatus.OPEN,
                    )
                )
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        Declaration.objects.bulk_create(declarations, batch_size=BATCH)
        Action.objects.bulk_create(actions, batch_size=BATCH)

        # Proposals at every other meeting held (three a year per board). Every fifth
        # fails consensus in round 1 and is agreed by majority at the next meeting
        # (003 §19), one objector having changed position; every seventh is not
        # agreed; the one at the board's latest meeting held is still open.
        mou_of = {mou.board_id: mou for mou in mous}
        proposals: list[Proposal] = []
        # (proposal, round number, meeting, round outcome, status after it, objectors)
        plans_of_rounds: list[tuple[Proposal, int, Meeting, str, str, int]] = []
        for board_meetings in by_board.values():
            done = [m for m in board_meetings if m.status in held_statuses]
            for i in range(0, len(done), 2):
                meeting = done[i]
                proposal = Proposal(
                    board_id=meeting.board_id,
                    item=items_of[meeting.pk][2],
                    title=f"Agree the strategy of {meeting.start:%B %Y}",
                    text="That the board agrees the strategy and asks each partner to confirm its contribution.",
                    mou=mou_of[meeting.board_id],
                    created_at=meeting.start - dt.timedelta(days=20),
                )
                if i + 1 >= len(done):
                    proposal.status = ProposalStatus.OPEN
                    plans_of_rounds.append((proposal, 1, meeting, "", ProposalStatus.OPEN, 0))
                elif (i // 2) % 5 == 4:
                    deciding = done[i + 1]
                    proposal.status, proposal.route = ProposalStatus.AGREED_BY_MAJORITY, Route.MAJORITY
                    proposal.decided_at = deciding.start + dt.timedelta(hours=1)
                    plans_of_rounds.append((proposal, 1, meeting, engine.NOT_AGREED, ProposalStatus.NO_CONSENSUS, 1))
                    plans_of_rounds.append(
                        (proposal, 2, deciding, engine.AGREED_BY_MAJORITY, ProposalStatus.AGREED_BY_MAJORITY, 1)
                    )
                elif (i // 2) % 7 == 6:
                    proposal.status, proposal.route = ProposalStatus.NOT_AGREED, Route.NOT_AGREED
                    proposal.decided_at = meeting.start + dt.timedelta(hours=1)
                    plans_of_rounds.append((proposal, 1, meeting, engine.NOT_AGREED, ProposalStatus.NOT_AGREED, 5))
                else:
                    proposal.status, proposal.route = ProposalStatus.AGREED_BY_CONSENSUS, Route.CONSENSUS
                    proposal.decided_at = meeting.start + dt.timedelta(hours=1)
                    plans_of_rounds.append(
                        (proposal, 1, meeting, engine.AGREED_BY_CONSENSUS, ProposalStatus.AGREED_BY_CONSENSUS, 0)
                    )
                proposals.append(proposal)
        Proposal.objects.bulk_create(proposals, batch_size=BATCH)
        rounds = Round.objects.bulk_create(
            (
                Round(
                    proposal=proposal,
                    number=number,
                    meeting=meeting,
                    text=proposal.text if number == 1 else proposal.text + " (amended)",
                    opened_at=meeting.start,
                    closed_at=meeting.start + dt.timedelta(hours=1) if outcome else None,
                    outcome=outcome,
                    voters=[f"org:{org.pk}" for org in partners[proposal.board_id]] if outcome else [],
                )
                for proposal, number, meeting, outcome, _, _ in plans_of_rounds
            ),
            batch_size=BATCH,
        )
        positions: list[Position] = []
        events: list[ProposalEvent] = []
        for rnd, (proposal, number, meeting, outcome, after, objectors) in zip(rounds, plans_of_rounds, strict=True):
            recorded = meeting.start + dt.timedelta(minutes=30)
            for v, seat in enumerate(seats[proposal.board_id][:PARTNERS_PER_PARTNERSHIP]):  # a seat per partner
                if number == 2 and v < objectors:
                    # A changed position is a new row, never an update (SPEC §5).
                    positions.append(_position(rnd, seat, PositionValue.CONSENT, recorded - dt.timedelta(minutes=20)))
                value = PositionValue.OBJECT if v < objectors else PositionValue.CONSENT
                positions.append(_position(rnd, seat, value, recorded))
            if number == 1:
                events.append(
                    ProposalEvent(
                        proposal=proposal,
                        at=proposal.created_at,
                        verb="proposal_create",
                        to_status=ProposalStatus.OPEN,
                        note=f"Put to {meeting}",
                        round=rnd,
                    )
                )
            else:
                events.append(
                    ProposalEvent(
                        proposal=proposal,
                        at=meeting.start,
                        verb="round_open",
                        from_status=ProposalStatus.NO_CONSENSUS,
                        to_status=ProposalStatus.OPEN,
                        round=rnd,
                    )
                )
            if outcome:
                events.append(
                    ProposalEvent(
                        proposal=proposal,
                        at=rnd.closed_at or rnd.opened_at,
                        verb="round_close",
                        from_status=ProposalStatus.OPEN,
                        to_status=after,
                        note="Closed by the chair.",
                        round=rnd,
                    )
                )
        Position.objects.bulk_create(positions, batch_size=BATCH)
        ProposalEvent.objects.bulk_create(events, batch_size=BATCH)


def _position(rnd: Any, seat: Any, value: str, at: dt.datetime) -> Any:
    """A position of a partner organisation, recorded by its member (voting unit: organisation)."""
    from decisions.models import Capacity, Position

    return Position(
        round=rnd,
        voter=f"org:{seat.organisation_id}",
        organisation_id=seat.organisation_id,
        membership=seat,
        person_id=seat.person_id,
        capacity=Capacity.MEMBER,
        value=value,
        recorded_at=at,
    )


def row_counts() -> dict[str, int]:
    from django.apps import apps

    return {
        f"{model._meta.app_label}.{model.__name__}": model._default_manager.count()
        for app in ("partnerships", "meetings", "decisions")
        for model in apps.get_app_config(app).get_models()
    }


# ---------------------------------------------------------------------------
# The pages


def pages() -> tuple[list[tuple[str, str]], int]:
    """(label, URL) of each public page, picked from the data: a page with the most to
    show where there is a choice (the meeting with minutes, declarations and a decision;
    the proposal decided over two rounds); and the id of that meeting."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from decisions.models import Proposal, ProposalStatus
    from meetings.models import Meeting, MeetingStatus
    from meetings.views.public import PAGE_SIZE
    from partnerships.models import Board, Membership, Partnership

    partnership = Partnership.objects.filter(parent__isnull=False).order_by("pk").first() or Partnership.objects.first()
    board = Board.objects.filter(partnership=partnership).order_by("pk").first()
    assert partnership is not None and board is not None, "no data: was the database generated?"
    seat = Membership.objects.filter(board=board).order_by("pk").first()
    assert seat is not None
    board_args = [partnership.slug, board.slug]
    # Two years back: a month of ordinary past meetings across every board.
    month = timezone.localdate().replace(day=1) - dt.timedelta(days=730)
    meeting = (
        Meeting.objects.filter(board=board, status=MeetingStatus.MINUTES_PUBLISHED, rounds__isnull=False)
        .order_by("-start")
        .first()
    )
    decision = (
        Proposal.objects.filter(status=ProposalStatus.AGREED_BY_MAJORITY)
        .annotate(round_count=Count("rounds"))
        .order_by("-round_count", "-decided_at")
        .first()
    )
    assert meeting is not None and decision is not None
    past = Meeting.objects.public().filter(start__lt=timezone.now()).count()
    last_page = max(1, math.ceil(past / PAGE_SIZE))
    urls = [
        ("home", reverse("home")),
        ("partnership register", reverse("register")),
        ("partnership register", reverse("register")),
        ("partnership", reverse("partnership", args=[partnership.slug])),
        ("board", reverse("board", args=board_args)),
        ("person (a member: seats and deputies)", reverse("person", args=[seat.person_id])),
        ("meetings", reverse("meetings:list")),
        ("meetings, past page 50", reverse("meetings:list") + "?past_page=50"),
        (f"meetings, last past page ({last_page})", reverse("meetings:list") + f"?past_page={last_page}"),
        ("board's meetings", reverse("meetings:board_list", args=board_args)),
        (f"calendar {month:%B %Y}", reverse("meetings:calendar", args=[month.year, month.month])),
        ("meeting (agenda + minutes)", reverse("meetings:meeting", args=[meeting.pk])),
        ("meetings iCalendar", reverse("meetings:ics")),
        ("board's iCalendar", reverse("meetings:board_ics", args=board_args)),
        ("documents RSS", reverse("meetings:documents_rss")),
        ("decisions register", reverse("decisions:register")),
        ("decision", reverse("decisions:decision", args=[decision.pk])),
    ]
    return urls, meeting.pk


def ready_documents(meeting_id: int) -> None:
    """The measured meeting's agenda pack and minutes as already rendered, as they are
    on a live site: READY rows whose content hash matches, pointing at the small PDF.
    (meetings/pdf.py public_documents builds both contents and compares their hashes
    on every request, to offer no out-of-date file: that cost is measured.)"""
    from django.utils import timezone

    from meetings.models import Meeting, RenderedDocument, RenderStatus
    from meetings.pdf import content_for, public_kinds

    meeting = Meeting.objects.select_related("board__partnership", "minutes_approved_at").get(pk=meeting_id)
    for kind in public_kinds(meeting):
        content = content_for(meeting, kind)
        assert content is not None
        RenderedDocument.objects.update_or_create(
            meeting=meeting,
            kind=kind,
            defaults={
                "content_hash": content.content_hash,
                "status": RenderStatus.READY,
                "file": PDF_NAME,
                "pages": 1,
                "rendered_at": timezone.now(),
            },
        )


@dataclass
class Result:
    label: str
    url: str
    status: int
    median_ms: float
    p95_ms: float
    queries: int
    db_ms: float
    kilobytes: float
    slowest: list[dict[str, str]]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * fraction  # linear interpolation between neighbours
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class SqlTimer:
    """Time spent executing SQL (a database execute wrapper); finer than the 1 ms
    resolution of the times Django records for connection.queries."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def measure(label: str, url: str, runs: int, get: Callable[[str], Any]) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = get(url)  # warm-up: templates compiled, caches filled
    timings: list[float] = []
    db_times: list[float] = []
    captured: CaptureQueriesContext | None = None
    for _ in range(runs):
        timer = SqlTimer()
        captured = CaptureQueriesContext(connection)
        with captured, connection.execute_wrapper(timer):
            started = time.perf_counter()
            response = get(url)
            body = b"".join(response) if response.streaming else response.content
            timings.append((time.perf_counter() - started) * 1000)
        db_times.append(timer.seconds * 1000)
    assert captured is not None
    slowest = sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)[:3]
    return Result(
        label=label,
        url=url,
        status=response.status_code,
        median_ms=statistics.median(timings),
        p95_ms=_percentile(timings, 0.95),
        queries=len(captured.captured_queries),
        db_ms=statistics.median(db_times),
        kilobytes=len(body) / 1024,
        slowest=slowest,
    )


def explain(sql: str) -> str:
    from django.db import connection

    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return "\n".join("    " + " ".join(str(c) for c in row) for row in cursor.fetchall())


def print_table(results: list[Result], threshold: float, runs: int) -> None:
    width = max(len(r.url) for r in results)
    print(f"\nAnonymous GET, warm-up once then {runs} runs; times in ms (db = time inside SQL, median)")
    print(f"{'URL':<{width}} {'status':>6} {'median':>8} {'p95':>8} {'db':>7} {'queries':>7} {'KB':>7}")
    for r in results:
        verdict = "OK" if r.median_ms < threshold and r.status == 200 else "SLOW" if r.status == 200 else "ERROR"
        print(
            f"{r.url:<{width}} {r.status:>6} {r.median_ms:>8.1f} {r.p95_ms:>8.1f} {r.db_ms:>7.1f} "
            f"{r.queries:>7} {r.kilobytes:>7.0f}  {verdict}  {r.label}"
        )


# ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--partnerships", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=10, help="timed requests per page, after one warm-up")
    parser.add_argument("--threshold-ms", type=float, default=300.0, help="median under this is OK")
    parser.add_argument("--database-url", help="a database that does not exist yet (default: a temp SQLite file)")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="measure a database kept by --keep; generate nothing")
    parser.add_argument("--explain", action="store_true", help="print the plan of each SLOW page's slowest query")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="accord-pages-bench-"))
    media_root = workdir / "media"
    try:
        db = prepare_database(args, workdir)
    except BaseException:  # refused (sys.exit) or unreachable: leave nothing behind
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    try:
        setup_django(db, media_root)
        write_pdf(media_root)
        if args.reuse:
            print(f"Reusing {db.name}: nothing generated.")
            counts = row_counts()
        else:
            started = time.perf_counter()
            generate(args.partnerships, args.years)
            elapsed = time.perf_counter() - started
            counts = row_counts()
            print(
                f"Generated {args.partnerships} partnerships x {args.years} years in {elapsed:.1f} s "
                f"({sum(counts.values()):,} rows) on {db.url.split('://')[0]}"
            )
        for name, count in counts.items():
            if count:
                print(f"  {name:<40} {count:>9,}")
        if db.postgres:
            from django.db import connection

            with connection.cursor() as cursor:
                # Statistics and visibility map as autovacuum would have left them by now.
                cursor.execute("VACUUM ANALYZE")

        from django.test import Client

        client = Client(HTTP_HOST="localhost")  # anonymous; a host ALLOWED_HOSTS accepts
        targets, meeting_id = pages()
        ready_documents(meeting_id)
        # A GET never writes nor queues a render (meetings/pdf.py public_documents), so
        # nothing needs switching off while measuring.
        results = [measure(label, url, args.runs, client.get) for label, url in targets]
        print_table(results, args.threshold_ms, args.runs)
        if args.explain:
            for r in results:
                if r.median_ms >= args.threshold_ms and r.slowest:
                    query = r.slowest[0]
                    print(f"\n{r.url}: slowest query ({float(query['time']) * 1000:.1f} ms)\n  {query['sql']}")
                    print(explain(query["sql"]))
    finally:
        kept = args.keep or args.reuse
        if kept:
            where = db.url if db.postgres else f"sqlite:///{db.name}"
            print(f"\nKept the database: {where} (measure it again with --database-url {where} --reuse)")
        elif db.created:
            drop_database(db)
        if not (kept and Path(db.name).parent == workdir):
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
