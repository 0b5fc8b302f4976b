"""Governance health across boards for a report's span (SPEC §7; 001 principle 3): every
figure against numbers worked out by hand, the edges (no meetings, no norm), exempt
papers kept out of the late papers, and a number of queries that does not grow with
the boards.

The span is Q1 2025/26: 1 April to 30 June 2025. Two boards hold meetings in it:

Board A, "Thematic group" of ``partnership`` (layer thematic group: optimum 8 to 10,
4 meetings a year, so 1 expected in a quarter). Seats on 30 June 2025: Mary (chair,
county, cabinet member, deputy Dinah), Pat (PCT, director, deputy Dev), Val (district,
senior manager), Uma (user representative, county, service user, no vote): 4, of whom
3 vote. Not counted in the size: Olly (an officer of the board, county), Ed (district,
officer level, seat ended 31 May 2025), Nell (seat from 1 July 2025).

  A1 Thu 15 May 2025: Mary present, Pat by deputy (Dev), Val apologies, Uma present,
     Ed present; Olly present (an officer: not a seat) and an invited speaker (no
     seat). Deadline Wed 30 April (10 working days back, skipping the 5 May bank
     holiday). "Annual plan" published Mon 28 April: on time. Minutes approved at A2
     and published Fri 13 June: 29 days after.
  A2 Tue 10 June 2025: Mary by deputy (Dinah), Pat present, Val absent, Uma apologies.
     Deadline Tue 27 May (skipping the 26 May bank holiday). "Budget" published Tue 20
     May: on time. "Joint commissioning plan" published Fri 30 May, late with a
     reason: 27, 28, 29 May = 3 working days late. On the exempt item "Tender
     evaluation", "Tender scores for the hostel contract" published Mon 2 June, late:
     27, 28, 29, 30 May = 4 working days. A draft paper never published. Minutes not
     published.
  Not counted: a meeting held on 31 March 2025 (every seat absent, a late paper), one
  held at 00:30 on 1 July 2025 (after the span in local time, though still 30 June in
  UTC), one cancelled on 20 June and one on 26 June whose agenda is out but which is
  not held (a late paper).

Board B, "Commissioning executive" of ``other_partnership`` (layer executive:
optimum 8 to 10; set to 8 meetings a year, so 2 expected in a quarter). Seats: Bea
(county, cabinet member, vote), Bob (district, senior manager, vote) and nine PCT seats
without a vote, the first at officer level: 11, of whom 2 vote.

  B1 Thu 12 June 2025: Bea, Bob and PCT seat 0 present; seat 1 by deputy; seats 2, 3
     and 7 apologies; seats 4, 5, 6 and 8 absent. Deadline Thu 29 May; "Strategy"
     published Wed 28 May, on time. Minutes approved at B2 (1 July) and published Mon
     7 July: 25 days after. Two proposals tabled on 12 June: "Agree the strategy",
     agreed by consensus that day (0 days); "Close the hostel", no consensus, referred
     and determined by the lead accountable body on 30 June (18 days). A third is
     still open.

Board C, "Hostels delivery group" (delivery group: no norm of size or meetings), 3
seats and no meeting.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from decisions import actions as decisions
from decisions.actions import PositionEntry
from decisions.models import Proposal, ProposalStatus, Route
from meetings import actions as meetings
from meetings.actions import AttendanceEntry
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    ExemptCategory,
    Meeting,
    MeetingStatus,
    Paper,
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
    Partnership,
    Person,
    Seniority,
)
from reports import governance
from reports.governance import (
    EXEMPT_REASON,
    EXEMPT_TITLE,
    attendance_by_organisation,
    attendance_by_person,
    board_health,
    late_papers,
    meetings_expected,
)
from reports.periods import Period, ReportSpan
from tests.conftest import make_memberships
from tests.factories import make_item, make_meeting, make_paper

D = dt.date
Q1 = ReportSpan.of(Period.quarter(2025, 1))  # 1 April to 30 June 2025
SEATS_FROM = D(2020, 4, 1)
P, DEP, APO, ABS = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.DEPUTY,
    AttendanceStatus.APOLOGIES,
    AttendanceStatus.ABSENT,
)


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def seat(board: Board, name: str, organisation: Organisation, **extra: object) -> Membership:
    person = Person.objects.create(name=name, organisation=organisation)
    extra.setdefault("start_date", SEATS_FROM)
    return Membership.objects.create(board=board, person=person, organisation=organisation, **extra)


def deputise(membership: Membership, name: str) -> Person:
    person = Person.objects.create(name=name, organisation=membership.organisation)
    Deputyship.objects.create(membership=membership, person=person, start_date=membership.start_date)
    return person


def publish(item: AgendaItem, title: str, when: dt.datetime, by, reason: str = "") -> Paper:
    """Publish a paper through the action, which decides whether it is late."""
    paper = make_paper(item, title, published=False)
    return meetings.paper_publish(
        paper, by=by, now=when, late_reason=reason, chair_agreed_by="Cllr Mary Member" if reason else ""
    )


def held_directly(board: Board, start: dt.datetime, seats: list[Membership], status: str) -> Meeting:
    """A meeting outside the span or the counts, made directly: every seat ``status``."""
    meeting = make_meeting(board, start, status=MeetingStatus.HELD, published=True)
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting, membership=s, person_id=s.person_id, organisation_id=s.organisation_id, status=status
        )
        for s in seats
    )
    return meeting


def late_directly(meeting: Meeting, title: str) -> Paper:
    item = make_item(meeting, "Late business")
    return make_paper(
        item,
        title,
        published_at=at(meeting.date - dt.timedelta(days=1)),
        late=True,
        late_reason="Not counted",
        chair_agreed_urgent=True,
        chair_agreed_by="The chair",
    )


@pytest.fixture
def world(db, eager_tasks, partnership, other_partnership, county, district, pct, member, deputy, administrator):
    by = administrator

    # Board A ------------------------------------------------------------------
    a = Board.objects.create(
        partnership=partnership, name="Thematic group", slug="thematic", layer=Layer.THEMATIC_GROUP
    )
    mary = Membership.objects.create(
        board=a,
        person=member.person,
        organisation=county,
        role=MembershipRole.CHAIR,
        seniority=Seniority.CABINET_MEMBER,
        elected=True,
        start_date=SEATS_FROM,
    )
    Deputyship.objects.create(membership=mary, person=deputy.person, start_date=SEATS_FROM)
    pat = seat(a, "Dr Pat Patel", pct, seniority=Seniority.DIRECTOR)
    dev = deputise(pat, "Dev Deputy")
    val = seat(a, "Val Vale", district, seniority=Seniority.SENIOR_MANAGER)
    uma = seat(
        a,
        "Uma User",
        county,
        role=MembershipRole.USER_REPRESENTATIVE,
        seniority=Seniority.SERVICE_USER,
        voting=False,
    )
    olly = seat(a, "Olly Officer", county, role=MembershipRole.OFFICER, seniority=Seniority.OFFICER)
    ed = seat(a, "Ed Ended", district, seniority=Seniority.OFFICER, end_date=D(2025, 5, 31))
    nell = seat(a, "Nell New", district, start_date=D(2025, 7, 1))

    a1 = make_meeting(a, at(D(2025, 5, 15)), published=True)
    a1_item = make_item(a1, "Annual plan", purpose=Purpose.DECISION)
    publish(a1_item, "Annual plan", at(D(2025, 4, 28)), by)
    a2 = make_meeting(a, at(D(2025, 6, 10)), published=True)
    a2_item = make_item(a2, "Budget and commissioning", purpose=Purpose.DECISION)
    tender = make_item(a2, "Tender evaluation", exempt=True)
    publish(a2_item, "Budget", at(D(2025, 5, 20)), by)
    joint = publish(a2_item, "Joint commissioning plan", at(D(2025, 5, 30)), by, "The PCT's figures came late")
    scores = publish(tender, "Tender scores for the hostel contract", at(D(2025, 6, 2)), by, "Legal advice awaited")
    make_paper(a2_item, "Draft never published", published=False)

    meetings.attendance_record(
        a1,
        [
            AttendanceEntry(mary, P),
            AttendanceEntry(pat, DEP, dev.pk),
            AttendanceEntry(val, APO),
            AttendanceEntry(uma, P),
            AttendanceEntry(ed, P),
            AttendanceEntry(olly, P),
        ],
        by=by,
        now=at(D(2025, 5, 15), 12),
    )
    speaker = Person.objects.create(name="Invited Speaker")
    meetings.attendee_add(a1, by=by, person=speaker, invited_role="Speaker", now=at(D(2025, 5, 15), 12))
    meetings.minutes_update(a1, minutes={a1_item.pk: "The plan was agreed."}, by=by, now=at(D(2025, 5, 16)))
    meetings.attendance_record(
        a2,
        [
            AttendanceEntry(mary, DEP, deputy.person.pk),
            AttendanceEntry(pat, P),
            AttendanceEntry(val, ABS),
            AttendanceEntry(uma, APO),
        ],
        by=by,
        now=at(D(2025, 6, 10), 12),
    )
    meetings.minutes_approve(a1, at=a2, by=by, now=at(D(2025, 6, 10), 13))
    meetings.minutes_publish(a1, by=by, now=at(D(2025, 6, 13), 9))

    before = held_directly(a, at(D(2025, 3, 31)), [mary, pat, val, uma], ABS)
    late_directly(before, "Late before the span")
    held_directly(a, at(D(2025, 7, 1), 0, 30), [mary, nell], ABS)
    make_meeting(a, at(D(2025, 6, 20)), status=MeetingStatus.CANCELLED, published=True)
    late_directly(make_meeting(a, at(D(2025, 6, 26)), published=True), "Late for a meeting not held")

    # Board B ------------------------------------------------------------------
    b = Board.objects.create(
        partnership=other_partnership,
        name="Commissioning executive",
        slug="executive",
        layer=Layer.EXECUTIVE,
        expected_meetings_per_year=8,
    )
    bea = seat(b, "Cllr Bea County", county, seniority=Seniority.CABINET_MEMBER, elected=True)
    bob = seat(b, "Bob District", district, seniority=Seniority.SENIOR_MANAGER)
    others = make_memberships(b, 9, organisation=pct, prefix="pct-")
    Membership.objects.filter(pk__in=[m.pk for m in others]).update(voting=False)
    Membership.objects.filter(pk=others[0].pk).update(seniority=Seniority.OFFICER)
    others_deputies = dict(Deputyship.objects.filter(membership__in=others).values_list("membership_id", "person_id"))
    mou = MemorandumOfUnderstanding.objects.create(board=b, version=1, title="MoU", effective_from=SEATS_FROM)
    mou.required_signatories.set([county, district])
    for organisation in (county, district):
        MouSignature.objects.create(
            mou=mou, organisation=organisation, signed_by="Chief Executive", signed_on=SEATS_FROM
        )

    b1 = make_meeting(b, at(D(2025, 6, 12)), published=True)
    strategy = make_item(b1, "Strategy", purpose=Purpose.DECISION)
    hostel = make_item(b1, "Hostel", purpose=Purpose.DECISION)
    publish(strategy, "Strategy", at(D(2025, 5, 28)), by)
    statuses = [P, DEP, APO, APO, ABS, ABS, ABS, APO, ABS]
    meetings.attendance_record(
        b1,
        [AttendanceEntry(bea, P), AttendanceEntry(bob, P)]
        + [
            AttendanceEntry(m, status, others_deputies[m.pk] if status == DEP else None)
            for m, status in zip(others, statuses, strict=True)
        ],
        by=by,
        now=at(D(2025, 6, 12), 10, 30),
    )
    agree = decisions.proposal_create(
        strategy, title="Agree the strategy", text="Agree it.", by=by, now=at(D(2025, 6, 12), 9)
    )
    close = decisions.proposal_create(
        hostel, title="Close the hostel", text="Close it.", by=by, now=at(D(2025, 6, 12), 9, 30)
    )
    decisions.proposal_create(strategy, title="Review in a year", text="Review it.", by=by, now=at(D(2025, 6, 12), 9))
    for proposal, bobs in ((agree, "consent"), (close, "object")):
        round_ = proposal.rounds.get(number=1)
        decisions.positions_record(
            round_,
            [PositionEntry(bea, "consent"), PositionEntry(bob, bobs)],
            by=by,
            now=at(D(2025, 6, 12), 11),
        )
        decisions.round_close(round_, by=by, now=at(D(2025, 6, 12), 12))
    decisions.proposal_refer(close, by=by, now=at(D(2025, 6, 13)))
    decisions.determination_record(
        close, agreed=True, text="The hostel closes.", decided_on=D(2025, 6, 30), by=by, now=at(D(2025, 7, 1))
    )
    meetings.minutes_update(b1, minutes={strategy.pk: "Agreed."}, by=by, now=at(D(2025, 6, 13)))
    b2 = make_meeting(b, at(D(2025, 7, 1)), published=True)
    meetings.minutes_approve(b1, at=b2, by=by, now=at(D(2025, 7, 1), 12))
    meetings.minutes_publish(b1, by=by, now=at(D(2025, 7, 7), 9))

    # Board C ------------------------------------------------------------------
    c = Board.objects.create(
        partnership=partnership, name="Hostels delivery group", slug="hostels", layer=Layer.DELIVERY_GROUP
    )
    make_memberships(c, 3, organisation=county)

    return SimpleNamespace(
        a=a, b=b, c=c, a1=a1, a2=a2, b1=b1, joint=joint, scores=scores, agree=agree, close=close, others=others
    )


def boards(world) -> list[Board]:
    return list(Board.objects.filter(pk__in=[world.a.pk, world.b.pk, world.c.pk]).order_by("slug"))


def test_the_fixture_went_through_the_actions_as_intended(world):
    world.a1.refresh_from_db()
    world.b1.refresh_from_db()
    assert world.a1.status == MeetingStatus.MINUTES_PUBLISHED
    assert world.b1.status == MeetingStatus.MINUTES_PUBLISHED
    assert Meeting.objects.get(pk=world.a2.pk).status == MeetingStatus.HELD
    assert Paper.objects.get(pk=world.joint.pk).late and Paper.objects.get(pk=world.scores.pk).late
    assert Proposal.objects.get(pk=world.agree.pk).route == Route.CONSENSUS
    close = Proposal.objects.get(pk=world.close.pk)
    assert (close.status, close.route) == (ProposalStatus.DETERMINED, Route.LEAD_BODY)


def test_board_health_gives_every_figure_worked_out_by_hand(world):
    by_slug = {f.board.slug: f for f in board_health(Board.objects.filter(pk__in=[world.a.pk, world.b.pk]), Q1)}
    a, b = by_slug["thematic"], by_slug["executive"]

    # Board A: Mary, Pat, Val and Uma sit on 30 June (Olly is an officer; Ed left on
    # 31 May; Nell starts on 1 July); Uma has no vote.
    assert (a.size, a.voting_size, a.optimum_min, a.optimum_max) == (4, 3, 8, 10)
    assert a.size_status == "below" and a.optimum_label == "8 to 10"
    # A1 and A2; not 31 March, 00:30 on 1 July, the cancelled or the unheld meeting.
    assert (a.meetings_held, a.meetings_expected, a.meetings_status) == (2, Decimal(1), "met")
    # A1: P D A P P (Ed), A2: D P X A. Olly's row and the speaker's are not seats.
    assert a.attendance == governance.AttendanceCounts(seats=9, present=4, by_deputy=2, apologies=2, absent=1)
    assert a.attendance_rate == pytest.approx(6 / 9)
    assert a.deputy_share == pytest.approx(2 / 6)
    # In person: Mary (cabinet member) Uma (service user) Ed (officer) at A1, Pat
    # (director) at A2.
    assert a.seniority == {
        Seniority.CABINET_MEMBER: 1,
        Seniority.CHIEF_EXECUTIVE: 0,
        Seniority.DIRECTOR: 1,
        Seniority.SENIOR_MANAGER: 0,
        Seniority.OFFICER: 1,
        Seniority.SERVICE_USER: 1,
        Seniority.OTHER: 0,
    }
    assert a.junior_share == pytest.approx(1 / 4)
    # On time: Annual plan, Budget. Late: Joint commissioning plan, Tender scores.
    assert (a.papers_on_time, a.papers_late, a.papers_on_time_share) == (2, 2, 0.5)
    # A1's minutes 29 days after (15 May to 13 June); A2's not yet published.
    assert (a.minutes_published, a.minutes_median_days, a.minutes_unpublished) == (1, 29.0, 1)
    assert a.decisions_total == 0 and a.decision_median_days is None
    assert set(a.decisions_by_route) == set(Route.values)
    # 6 of 9 is exactly two thirds: not below. 2 of 6 filled by deputies: over a quarter.
    assert a.talking_shop_signs == ["Deputies filled 33% of seats"]

    # Board B: Bea, Bob and nine PCT seats, two with a vote; 8 a year is 2 a quarter.
    assert (b.size, b.voting_size, b.size_status) == (11, 2, "above")
    assert (b.meetings_held, b.meetings_expected, b.meetings_status) == (1, Decimal(2), "below")
    # Bea P, Bob P, PCT: P D A A X X X A X.
    assert b.attendance == governance.AttendanceCounts(seats=11, present=3, by_deputy=1, apologies=3, absent=4)
    assert b.attendance_rate == pytest.approx(4 / 11)
    assert b.deputy_share == pytest.approx(1 / 4)  # exactly a quarter: not over it
    assert (b.seniority[Seniority.CABINET_MEMBER], b.seniority[Seniority.SENIOR_MANAGER]) == (1, 1)
    assert (b.seniority[Seniority.OFFICER], sum(b.seniority.values())) == (1, 3)
    assert b.junior_share == pytest.approx(2 / 3)
    assert (b.papers_on_time, b.papers_late, b.papers_on_time_share) == (1, 0, 1.0)
    # 12 June to 7 July.
    assert (b.minutes_published, b.minutes_median_days, b.minutes_unpublished) == (1, 25.0, 0)
    # Consensus the same day (0 days), the lead body on 30 June (18 days); the open
    # proposal is not decided.
    assert b.decisions_by_route == {
        Route.CONSENSUS: 1,
        Route.CONSENSUS_AFTER_ESCALATION: 0,
        Route.MAJORITY: 0,
        Route.LEAD_BODY: 1,
        Route.NOT_AGREED: 0,
    }
    assert (b.decisions_total, b.decision_median_days) == (2, 9.0)
    assert b.talking_shop_signs == [
        "11 members: above the optimum of 8 to 10",
        "Met 1 time against 2 expected",
        "Attendance 36%: below two thirds",
        "67% of members attending in person were senior managers or officers",
    ]


def test_a_board_with_no_norm_and_no_meetings_has_no_rates_and_no_signs(world):
    (c,) = board_health([Board.objects.select_related("partnership").get(pk=world.c.pk)], Q1)
    assert (c.size, c.optimum_min, c.optimum_max, c.size_status) == (3, None, None, "no_norm")
    assert (c.meetings_held, c.meetings_expected, c.meetings_status) == (0, None, "not_recorded")
    assert c.attendance == governance.NO_ATTENDANCE
    assert c.attendance_rate is None and c.deputy_share is None and c.junior_share is None
    assert c.papers_published == 0 and c.papers_on_time_share is None
    assert (c.minutes_median_days, c.minutes_unpublished) == (None, 0)
    assert c.decisions_total == 0 and c.decision_median_days is None
    assert c.talking_shop_signs == []


def test_a_board_with_a_norm_and_no_meetings_in_the_span_shows_only_that(world):
    # Q3 2025/26 (October to December): board A held no meeting. In Q2 it held the
    # one at 00:30 on 1 July (Mary and Nell absent).
    q3 = ReportSpan.of(Period.quarter(2025, 3))
    (a,) = board_health(Board.objects.filter(pk=world.a.pk), q3)
    assert (a.meetings_held, a.meetings_expected) == (0, Decimal(1))
    assert a.attendance_rate is None and a.deputy_share is None
    assert a.papers_on_time_share is None and a.minutes_median_days is None
    assert a.talking_shop_signs == ["Met 0 times against 1 expected"]
    (q2,) = board_health(Board.objects.filter(pk=world.a.pk), ReportSpan.of(Period.quarter(2025, 2)))
    assert q2.meetings_held == 1 and q2.attendance.seats == 2 and q2.attendance.absent == 2


def test_a_board_whose_meetings_accord_does_not_hold_yet_is_not_short_of_meetings(world):
    # Board A's meetings in Accord begin in 2025: in 2020 there is nothing to judge its
    # meetings by; in Q3 2025/26 its record shows it missed one.
    (q1,) = board_health(Board.objects.filter(pk=world.a.pk), ReportSpan.of(Period.quarter(2020, 1)))
    assert (q1.meetings_held, q1.meetings_expected, q1.meetings_status) == (0, None, "not_recorded")
    assert not any(sign.startswith("Met ") for sign in q1.talking_shop_signs)
    assert governance.MEETINGS_STATUS_LABELS[q1.meetings_status] == "No meetings recorded"
    (q3,) = board_health(Board.objects.filter(pk=world.a.pk), ReportSpan.of(Period.quarter(2025, 3)))
    assert q3.meetings_status == "below"


def test_meetings_expected_scale_to_the_quarters_of_the_span(partnership):
    group = Board(partnership=partnership, layer=Layer.THEMATIC_GROUP)  # 4 a year
    board = Board(partnership=partnership, layer=Layer.BOARD)  # 2 a year
    year, rolling = ReportSpan.of(Period.year(2025)), ReportSpan.rolling(Period.quarter(2025, 2))
    assert [meetings_expected(group, span) for span in (Q1, year, rolling)] == [1, 4, 4]
    assert meetings_expected(board, Q1) == Decimal("0.5")
    figures = governance.BoardGovernance(
        board=board,
        span=Q1,
        size=0,
        voting_size=0,
        optimum_min=12,
        optimum_max=15,
        meetings_held=0,
        meetings_expected=Decimal("0.5"),
        meetings_recorded=True,
        attendance=governance.NO_ATTENDANCE,
        seniority={},
        papers_on_time=0,
        papers_late=0,
        minutes_published=0,
        minutes_median_days=None,
        minutes_unpublished=0,
        decisions_by_route={},
        decision_median_days=None,
        talking_shop_signs=[],
    )
    # Half a meeting is not due: a board that meets twice a year may skip a quarter.
    assert figures.meetings_status == "met" and governance.talking_shop_signs(figures) == []


def test_attendance_by_person_counts_each_members_own_seats(world):
    rows = {row.person.name: row for row in attendance_by_person(boards(world), Q1)}
    # A: Mary, Pat, Val, Uma, Ed; B: Bea, Bob and the nine PCT seats. Not Olly (an
    # officer), the speaker, or the deputies who stood in (counted for the seat).
    assert len(rows) == 16
    assert "Olly Officer" not in rows and "Invited Speaker" not in rows and "Dev Deputy" not in rows

    def counts(name: str) -> tuple[int, int, int, int, int, float | None]:
        row = rows[name]
        return row.seats, row.present, row.by_deputy, row.apologies, row.absent, row.rate

    assert counts("Cllr Mary Member") == (2, 1, 1, 0, 0, 1.0)  # A1 present, A2 by deputy
    assert counts("Dr Pat Patel") == (2, 1, 1, 0, 0, 1.0)  # A1 by deputy, A2 present
    assert counts("Val Vale") == (2, 0, 0, 1, 1, 0.0)  # A1 apologies, A2 absent (31 March not counted)
    assert counts("Uma User") == (2, 1, 0, 1, 0, 0.5)
    assert counts("Ed Ended") == (1, 1, 0, 0, 0, 1.0)  # only A1: his seat ended before A2
    assert counts("Cllr Bea County") == (1, 1, 0, 0, 0, 1.0)
    assert counts("Member pct-0001") == (1, 0, 1, 0, 0, 1.0)
    assert counts("Member pct-0008") == (1, 0, 0, 0, 1, 0.0)
    assert list(rows) == sorted(rows)  # by name


def test_attendance_by_organisation_counts_the_seats_it_holds(world):
    rows = {row.organisation.name: row for row in attendance_by_organisation(boards(world), Q1)}
    # County: Mary (P, D), Uma (P, A), Bea (P). District: Val (A, X), Ed (P), Bob (P).
    # PCT: Pat (D, P) and the nine seats (P D A A X X X A X). Totals: A's 9 and B's 11.
    assert {name: (r.seats, r.present, r.by_deputy, r.apologies, r.absent) for name, r in rows.items()} == {
        "Shireshire County Council": (5, 3, 1, 1, 0),
        "Vale District Council": (4, 2, 0, 1, 1),
        "Shireshire Primary Care Trust": (11, 2, 2, 3, 4),
    }
    assert rows["Shireshire County Council"].rate == pytest.approx(0.8)
    assert rows["Vale District Council"].rate == pytest.approx(0.5)
    assert rows["Shireshire Primary Care Trust"].rate == pytest.approx(4 / 11)


def test_late_papers_give_the_reason_and_working_days_late_and_hide_exempt_titles(world):
    rows = late_papers(boards(world), Q1)
    # Only A2's two: not the late papers of 31 March or of the meeting not held.
    assert [(r.paper_id, r.title, r.exempt) for r in rows] == [
        (world.joint.pk, "Joint commissioning plan", False),
        (world.scores.pk, EXEMPT_TITLE, True),
    ]
    joint, scores = rows
    assert (joint.reason, joint.chair_agreed_by) == ("The PCT's figures came late", "Cllr Mary Member")
    # Deadline Tue 27 May: the meeting's own rule, as the meetings app works it out.
    assert joint.deadline == scores.deadline == D(2025, 5, 27) == world.a2.governing_deadline
    assert (joint.published_on, joint.working_days_late) == (D(2025, 5, 30), 3)
    assert (scores.published_on, scores.working_days_late) == (D(2025, 6, 2), 4)
    assert scores.reason == EXEMPT_REASON and scores.meeting.pk == world.a2.pk


def test_the_tables_carry_the_figures_and_never_an_exempt_title(world):
    tables = {
        table.slug: table
        for table in governance.as_tables(Board.objects.filter(pk__in=[world.a.pk, world.b.pk, world.c.pk]), Q1)
    }
    assert set(tables) == {
        "governance-size-meetings",
        "governance-attendance",
        "governance-seniority",
        "governance-papers-minutes",
        "governance-decisions",
        "governance-talking-shop",
        "governance-attendance-by-person",
        "governance-attendance-by-organisation",
        "governance-late-papers",
    }
    size = tables["governance-size-meetings"]
    # In the boards' order: by partnership, then name.
    assert size.column("board") == ["Hostels delivery group", "Thematic group", "Commissioning executive"]
    by_board = dict(zip(size.column("board"), size.rows, strict=True))
    assert by_board["Commissioning executive"][2:] == (
        11,
        2,
        "8 to 10",
        "Above the optimum",
        1,
        Decimal(2),
        "Fewer than expected",
    )
    assert by_board["Hostels delivery group"][4:] == ("no set size", "No set size", 0, None, "No meetings recorded")
    attendance = dict(
        zip(tables["governance-attendance"].column("board"), tables["governance-attendance"].rows, strict=True)
    )
    assert attendance["Hostels delivery group"][2:] == (0, 0, 0, 0, 0, None, None)
    assert len(tables["governance-talking-shop"].rows) == 5  # A's one and B's four
    assert tables["governance-late-papers"].column("working_days_late") == [3, 4]
    assert tables["governance-late-papers"].column("reason") == ["The PCT's figures came late", EXEMPT_REASON]
    assert len(tables["governance-attendance-by-person"].rows) == 16
    everything = repr([table.rows for table in tables.values()])
    assert "Tender scores" not in everything and "Legal advice awaited" not in everything


# ---------------------------------------------------------------------------
# Queries: the same bound for 10 boards as for 200


def many_boards(partnership: Partnership, organisation: Organisation, n: int) -> list[Board]:
    """n boards, each with three seats, a meeting held in the span with a seat present,
    one by deputy and one with apologies, a paper on time and one late, and a decision.
    Made in bulk."""
    boards = Board.objects.bulk_create(
        Board(partnership=partnership, name=f"Group {i:03d}", slug=f"group-{i:03d}", layer=Layer.THEMATIC_GROUP)
        for i in range(n)
    )
    people = Person.objects.bulk_create(
        Person(name=f"Person {i:03d}-{j}", organisation=organisation) for i in range(n) for j in range(4)
    )
    seats = Membership.objects.bulk_create(
        Membership(board=board, person=people[4 * i + j], organisation=organisation, start_date=SEATS_FROM)
        for i, board in enumerate(boards)
        for j in range(3)
    )
    held = Meeting.objects.bulk_create(
        Meeting(
            board=board,
            start=at(D(2025, 6, 10)),
            venue="Hall",
            status=MeetingStatus.HELD,
            agenda_published_at=at(D(2025, 5, 1)),
            minutes_published_at=at(D(2025, 6, 20)) if i % 2 else None,
        )
        for i, board in enumerate(boards)
    )
    Attendance.objects.bulk_create(
        Attendance(
            meeting=held[i],
            membership=seats[3 * i + j],
            person_id=seats[3 * i + j].person_id,
            organisation=organisation,
            status=(P, DEP, APO)[j],
            deputy=people[4 * i + 3] if j == 1 else None,
        )
        for i in range(n)
        for j in range(3)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            order=1,
            title="Item",
            exempt=bool(i % 2),
            exempt_category=ExemptCategory.FINANCIAL if i % 2 else "",
        )
        for i, meeting in enumerate(held)
    )
    Paper.objects.bulk_create(
        Paper(
            item=item,
            title=f"Paper {late}",
            published_at=at(D(2025, 5, 30) if late else D(2025, 5, 20)),
            late=late,
            late_reason="Late" if late else "",
            chair_agreed_urgent=late,
        )
        for item in items
        for late in (False, True)
    )
    Proposal.objects.bulk_create(
        Proposal(
            board=board,
            item=item,
            title="Agree",
            text="Agree.",
            status=ProposalStatus.AGREED_BY_CONSENSUS,
            route=Route.CONSENSUS,
            created_at=at(D(2025, 6, 10)),
            decided_at=at(D(2025, 6, 10), 12),
        )
        for board, item in zip(boards, items, strict=True)
    )
    return boards


# board_health: the boards with their counts, and their meetings and decisions (one UNION).
QUERIES = {"board_health": 2, "attendance_by_person": 1, "attendance_by_organisation": 1, "late_papers": 1}
ALL_TABLES = 5  # board_health's two and one for each of the three others


@pytest.mark.parametrize("n", [10, 200])
def test_the_number_of_queries_does_not_grow_with_the_boards(n, partnership, county, django_assert_max_num_queries):
    many_boards(partnership, county, n)
    boards = Board.objects.filter(partnership=partnership).order_by("slug")
    functions = {
        "board_health": board_health,
        "attendance_by_person": attendance_by_person,
        "attendance_by_organisation": attendance_by_organisation,
        "late_papers": late_papers,
    }
    results = {}
    for name, function in functions.items():
        with django_assert_max_num_queries(QUERIES[name]):
            results[name] = function(boards, Q1)
    with django_assert_max_num_queries(ALL_TABLES):
        tables = governance.as_tables(boards, Q1)

    health = results["board_health"]
    assert len(health) == n and all(f.attendance.seats == 3 and f.papers_late == 1 for f in health)
    assert all(f.decisions_by_route[Route.CONSENSUS] == 1 and f.decision_median_days == 0.0 for f in health)
    assert len(results["attendance_by_person"]) == 3 * n
    assert [(r.seats, r.present, r.by_deputy, r.apologies) for r in results["attendance_by_organisation"]] == [
        (3 * n, n, n, n)
    ]
    assert sum(r.exempt for r in results["late_papers"]) == n // 2
    assert len(tables[0].rows) == n
