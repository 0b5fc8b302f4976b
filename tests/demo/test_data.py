"""The demo data holds together before anything is loaded: the data modules are
literals built from demo/specs.py, the choice values are the models' own, and every
board, person, organisation and agenda item the data names exists in it."""

from __future__ import annotations

import ast
import datetime as dt
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import models

from accounts.models import Role
from decisions.models import PositionValue
from demo import specs
from demo.data import decisions, meetings, partnerships
from demo.specs import (
    Defer,
    Determine,
    Escalate,
    EscalationResult,
    HistoricSeat,
    MeetingSpec,
    ProposalSpec,
    Ratify,
    Refer,
    Series,
)
from meetings.models import ActionStatus, AttendanceStatus, Purpose
from partnerships.models import Layer, MembershipRole, OrganisationKind, PartnershipStatus, Seniority

DEMO = Path(__file__).resolve().parents[2] / "demo"
DATA_MODULES = sorted((DEMO / "data").glob("*.py"))
PURE_MODULES = [DEMO / "specs.py", DEMO / "documents.py", DEMO / "content.py", *DATA_MODULES]

ALL_SERIES: tuple[Series, ...] = (*meetings.SERIES, decisions.HISTORIC_SERIES, decisions.HISTORIC_CSG_SERIES)
ORGANISATIONS = {row[0] for row in partnerships.ORGANISATIONS}
BOARDS = {row.key for row in partnerships.BOARDS}
HISTORIC: dict[str, tuple[HistoricSeat, ...]] = {
    partnerships.SP_COMMISSIONING_BODY: decisions.HISTORIC_SEATS,
    partnerships.SP_CORE_STRATEGY_GROUP: decisions.HISTORIC_CSG_SEATS,
}
PEOPLE = (
    set(partnerships.PEOPLE)
    | {seat.person for seats in HISTORIC.values() for seat in seats}
    | set(decisions.HISTORIC_PEOPLE)
)


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield "." * node.level + (node.module or "")


@pytest.mark.parametrize("path", DATA_MODULES, ids=lambda p: p.name)
def test_data_modules_import_nothing_but_the_specs_and_the_standard_library(path: Path) -> None:
    allowed = {"__future__", "datetime", "demo.specs"}
    for name in _imports(path):
        assert name in allowed or name.startswith("demo.data."), f"{path.name} imports {name}"


@pytest.mark.parametrize("path", DATA_MODULES, ids=lambda p: p.name)
def test_data_modules_hold_literals_and_no_code(path: Path) -> None:
    code = (
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.Lambda,
        ast.For,
        ast.While,
        ast.If,
        ast.IfExp,
        ast.ListComp,
        ast.SetComp,
        ast.DictComp,
        ast.GeneratorExp,
    )
    found = [type(node).__name__ for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, code)]
    assert found == [], f"{path.name} computes its data: {found}"


@pytest.mark.parametrize("path", PURE_MODULES, ids=lambda p: p.name)
def test_specs_documents_and_content_need_no_django(path: Path) -> None:
    for name in _imports(path):
        assert name.split(".")[0] not in {"django", "accounts", "partnerships", "meetings", "decisions"}, name


@pytest.mark.parametrize(
    ("choice", "enum"),
    [
        (specs.OrganisationKindChoice, OrganisationKind),
        (specs.PartnershipStatusChoice, PartnershipStatus),
        (specs.LayerChoice, Layer),
        (specs.MembershipRoleChoice, MembershipRole),
        (specs.SeniorityChoice, Seniority),
        (specs.UserRoleChoice, Role),
        (specs.PurposeChoice, Purpose),
        (specs.AttendanceChoice, AttendanceStatus),
        (specs.ActionStatusChoice, ActionStatus),
        (specs.PositionChoice, PositionValue),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_the_specs_choice_values_are_the_models_own(choice: object, enum: type[models.TextChoices]) -> None:
    assert list(typing.get_args(choice)) == list(enum.values)


# ---------------------------------------------------------------------------
# Partnerships
# ---------------------------------------------------------------------------


def test_partnerships_come_after_their_parents_and_are_led_by_demo_organisations() -> None:
    seen: set[str] = set()
    for row in partnerships.PARTNERSHIPS:
        assert row.parent is None or row.parent in seen, row.slug
        assert row.lead is None or row.lead in ORGANISATIONS, row.slug
        seen.add(row.slug)
    assert {row.partnership for row in partnerships.BOARDS} <= seen


def test_people_belong_to_demo_organisations() -> None:
    for name, (_, organisation) in {**partnerships.PEOPLE, **decisions.HISTORIC_PEOPLE}.items():
        assert organisation in ORGANISATIONS, name
    for seats in HISTORIC.values():
        for seat in seats:
            assert seat.organisation in ORGANISATIONS, seat.person


def test_every_seat_is_on_a_demo_board_and_names_demo_people() -> None:
    assert set(partnerships.MEMBERSHIPS) <= BOARDS
    for board, (usual_start, seats) in partnerships.MEMBERSHIPS.items():
        for seat in seats:
            assert seat.person in partnerships.PEOPLE, (board, seat.person)
            assert seat.deputy is None or seat.deputy in partnerships.PEOPLE, (board, seat.deputy)
            for deputy, start in seat.later_deputies:
                assert deputy in partnerships.PEOPLE and start > (seat.start or usual_start), (board, deputy)
            assert seat.organisation is None or seat.organisation in ORGANISATIONS, (board, seat.person)
            assert seat.end is None or seat.end >= (seat.start or usual_start), (board, seat.person)
    for earlier in meetings.EARLIER_SEATS:
        assert earlier.board in BOARDS
        assert earlier.person in partnerships.PEOPLE, earlier.person
        assert earlier.deputy is None or earlier.deputy in partnerships.PEOPLE, earlier.deputy
        assert earlier.start <= earlier.end, earlier.person


def test_delegations_mous_and_logins_name_what_the_data_holds() -> None:
    for organisation, person, board, valid_from, valid_to, _, _ in partnerships.DELEGATIONS:
        assert organisation in ORGANISATIONS and person in partnerships.PEOPLE and board in BOARDS
        assert valid_to is None or valid_to >= valid_from
    assert set(partnerships.COMMISSIONING_PARTNERS) <= ORGANISATIONS
    for mou in partnerships.MOUS:
        assert set(mou.signatures) <= set(partnerships.COMMISSIONING_PARTNERS), mou.version
    slugs = {row.slug for row in partnerships.PARTNERSHIPS}
    for user in partnerships.DEMO_USERS:
        assert user.person is None or user.person in partnerships.PEOPLE, user.username
        assert set(user.services) <= slugs, user.username
    # The command signs in as these two (meetings and decisions are replayed by them).
    assert {"officer", "admin"} <= {user.username for user in partnerships.DEMO_USERS}


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------


def _seated(board: str, day: dt.date) -> set[str]:
    """Who holds a seat on a board on a day, from every kind of seat in the data."""
    names: set[str] = set()
    usual_start, seats = partnerships.MEMBERSHIPS.get(board, (day, ()))
    for seat in seats:
        if (seat.start or usual_start) <= day and (seat.end is None or day <= seat.end):
            names.add(seat.person)
    for earlier in meetings.EARLIER_SEATS:
        if earlier.board == board and earlier.start <= day <= earlier.end:
            names.add(earlier.person)
    names |= {seat.person for seat in HISTORIC.get(board, ()) if seat.start <= day <= seat.end}
    return names


def _meetings() -> Iterator[tuple[Series, MeetingSpec]]:
    for series in ALL_SERIES:
        for meeting in series.meetings:
            yield series, meeting


def test_every_series_is_a_demo_board_with_its_meetings_in_date_order() -> None:
    for series in ALL_SERIES:
        assert series.board in BOARDS, series.board
        assert series.clerk in PEOPLE, series.board
        days = [meeting.day for meeting in series.meetings]
        assert days == sorted(days) and len(set(days)) == len(days), series.board


def test_meetings_held_by_the_demo_today_and_only_those() -> None:
    for series, meeting in _meetings():
        if meeting.state == specs.HELD:
            assert meeting.day <= meetings.DEMO_TODAY, (series.board, meeting.day)
        else:
            assert meeting.day > meetings.DEMO_TODAY, (series.board, meeting.day)


def test_everyone_a_meeting_names_is_a_demo_person() -> None:
    for series, meeting in _meetings():
        named = [name for name, _ in meeting.invited]
        for item in meeting.items:
            named.append(item.lead)
            named += [paper.author for paper in item.papers if paper.author]
            named += [action.owner for action in item.actions]
        for name in named:
            assert name in PEOPLE, (series.board, meeting.day, name)


def test_declarations_and_attendance_name_members_seated_that_day() -> None:
    for series, meeting in _meetings():
        seated = _seated(series.board, meeting.day)
        for item in meeting.items:
            for declaration in item.declarations:
                assert declaration.person in seated, (series.board, meeting.day, declaration.person)
        for name in meeting.attendance:
            assert name in seated, (series.board, meeting.day, name)


def test_item_titles_are_unique_in_a_meeting_and_papers_have_one_to_five_pages() -> None:
    # Decisions find their agenda item by board, day and title.
    for series, meeting in _meetings():
        titles = [item.title for item in meeting.items]
        assert len(set(titles)) == len(titles), (series.board, meeting.day)
        for item in meeting.items:
            for paper in item.papers:
                assert 1 <= paper.pages <= 5, paper.title


# ---------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------


def _item_titles(board: str, day: dt.date) -> set[str]:
    return {
        item.title
        for series in ALL_SERIES
        if series.board == board
        for meeting in series.meetings
        if meeting.day == day
        for item in meeting.items
    }


def test_every_round_is_taken_at_an_agenda_item_of_the_proposals_board() -> None:
    proposals: tuple[ProposalSpec, ...] = decisions.PROPOSALS
    for proposal in proposals:
        assert proposal.board in BOARDS, proposal.title
        assert proposal.proposer in PEOPLE, proposal.title
        for round_spec in proposal.rounds:
            assert round_spec.item in _item_titles(proposal.board, round_spec.day), (proposal.title, round_spec.day)


def test_positions_and_ratifications_are_given_by_demo_organisations() -> None:
    for proposal in decisions.PROPOSALS:
        for round_spec in proposal.rounds:
            assert set(round_spec.stands) <= ORGANISATIONS, proposal.title
            for step in round_spec.then:
                if isinstance(step, Ratify):
                    assert step.organisation in ORGANISATIONS, proposal.title


def test_proposal_titles_are_unique_per_board() -> None:
    # The loader skips a proposal whose title exists on its board, so two would collapse into one.
    keys = [(proposal.board, proposal.title) for proposal in decisions.PROPOSALS]
    assert len(set(keys)) == len(keys)


def test_every_advisory_view_is_given_by_a_seat_without_a_vote_on_that_day() -> None:
    for proposal in decisions.PROPOSALS:
        for round_spec in proposal.rounds:
            if not round_spec.advisory:
                continue
            seats = {
                seat.person: seat
                for seat in partnerships.MEMBERSHIPS[proposal.board][1]
                if seat.start and seat.start <= round_spec.day and (seat.end is None or round_spec.day <= seat.end)
            }
            for person in round_spec.advisory:
                assert person in seats and not seats[person].voting, (proposal.title, person)


def _seat_days(board: str) -> list[tuple[str, str, dt.date, dt.date | None, bool]]:
    """(organisation, person, start, end, lead) of every voting seat of the register on a board."""
    usual_start, seats = partnerships.MEMBERSHIPS[board]
    rows = []
    for seat in seats:
        if not seat.voting or seat.role in ("officer", "observer"):
            continue
        organisation = seat.organisation or partnerships.PEOPLE[seat.person][1]
        rows.append((organisation, seat.person, seat.start or usual_start, seat.end, seat.lead))
    return rows


def test_rule_5_the_hwbp_marks_one_lead_seat_for_each_organisation_with_several() -> None:
    rows = _seat_days(partnerships.HWBP_BOARD)
    for day in (dt.date(2024, 11, 1), dt.date(2025, 6, 26), meetings.DEMO_TODAY):
        current = [row for row in rows if row[2] <= day and (row[3] is None or day <= row[3])]
        for organisation in (partnerships.PCT, partnerships.OCC):
            leads = [person for org, person, _, _, lead in current if org == organisation and lead]
            assert len(leads) == 1, (organisation, day, leads)
    today = [row for row in rows if row[3] is None]
    assert sum(row[0] == partnerships.PCT for row in today) == 5  # 002 §6(a)-(b)
    assert sum(row[0] == partnerships.OCC for row in today) == 4  # 002 §6(c)


def test_rule_22_the_2008_dispute_is_one_vote_and_its_later_steps_are_marked_illustrative() -> None:
    (spec,) = [p for p in decisions.DISPUTES if p.title == decisions.STRATEGY_2008]
    (only,) = spec.rounds  # 003 §17: no second meeting
    assert only.day == dt.date(2008, 7, 11) and set(only.stands) == {partnerships.WODC}
    assert [type(step) for step in only.then] == [Escalate, EscalationResult, Refer, Determine]
    assert all(step.illustrative for step in only.then)  # 003 gives none of their dates
    days = [step.on for step in only.then if step.on is not None]
    assert len(days) == 4 and days == sorted(days) and days[0] > only.day
    assert not any(m.day == dt.date(2008, 10, 16) for m in decisions.HISTORIC_SERIES.meetings)


def test_rule_23_the_2009_positions_are_those_003_summarises() -> None:
    specs_by_title = {p.title: p for p in decisions.GOVERNANCE_2009}
    (cb,) = specs_by_title[decisions.CONFLICT_RESOLUTION_2009].rounds
    assert cb.day == dt.date(2009, 12, 11) and set(cb.stands) == set(partnerships.COMMISSIONING_PARTNERS)
    values = [stand.value for stand in cb.stands.values()]
    assert (values.count("consent"), values.count("object"), values.count("abstain")) == (4, 3, 1)  # 003 §23
    assert isinstance(cb.then[0], Defer)
    (csg,) = specs_by_title[decisions.SERVICE_USERS_2009].rounds
    assert set(csg.advisory) == set(decisions.CSG_SERVICE_USERS)
    assert partnerships.PROBATION not in csg.stands  # 003 §22 lists the seven partners present
