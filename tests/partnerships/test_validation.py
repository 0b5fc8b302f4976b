"""Every validation rule of the partnerships app (SPEC §3), with its message: on the
model (full_clean), in the database (check constraints, when validation is bypassed),
and through the officer forms (SPEC §8: a clear message, status 400, nothing saved)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape

from partnerships import actions
from partnerships.models import (
    DEPUTY_IS_MEMBER,
    AuditEvent,
    Board,
    Delegation,
    Deputyship,
    Layer,
    Membership,
    MemorandumOfUnderstanding,
    MouSignature,
    Partnership,
    PartnershipStatus,
    Person,
)

ENDS_BEFORE_START = "The membership cannot end before it starts."
OVERLAPPING_SEAT = "This person already holds a seat on this board for some of these dates."
ENDED_WITHOUT_DATE = "Enter the date the partnership ended."
OWN_ANCESTOR = "A partnership cannot sit under itself or one of its own groups."
OPTIMUM_RANGE = "The largest optimum size must be at least the smallest."
DEADLINE_RANGE = "Enter a number of working days from 1 to 60."
DELEGATION_ENDS_BEFORE_START = "The delegation cannot end before it starts."

D = dt.date
NOW = timezone.make_aware(dt.datetime(2024, 6, 3, 10, 0))


def errors_of(instance, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean(**kwargs)
    return caught.value.message_dict


def assert_refused(response, message: str) -> None:
    """The officer form answered 400 with the GOV.UK error summary and the message."""
    assert response.status_code == 400
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "There is a problem" in content
    assert escape(message) in content, f"{message!r} not shown"


def assert_integrity_error(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def stranger(county) -> Person:
    return Person.objects.create(name="Stan Stranger", organisation=county)


def seat_on(board, person, organisation, start, end=None) -> Membership:
    return Membership(board=board, person=person, organisation=organisation, start_date=start, end_date=end)


def membership_post(person, organisation, start, end=None, deputy=None, date_input=None) -> dict[str, str]:
    return {
        "person": str(person.pk),
        "organisation": str(organisation.pk),
        "role": "member",
        "seniority": "director",
        "voting": "on",
        "deputy": str(deputy.pk) if deputy else "",
        **date_input("start_date", start),
        **date_input("end_date", end),
    }


# ---------------------------------------------------------------------------
# Membership: deputy, dates, overlapping seats


def test_a_deputy_cannot_be_the_member_themselves(board, stranger, county, officer):
    with pytest.raises(ValidationError) as caught:
        actions.membership_create(
            by=officer,
            now=NOW,
            board=board,
            person=stranger,
            organisation=county,
            start_date=D(2024, 1, 1),
            deputy=stranger,
        )
    assert caught.value.message_dict == {"deputy": [DEPUTY_IS_MEMBER]}
    seat = Membership.objects.create(board=board, person=stranger, organisation=county, start_date=D(2024, 1, 1))
    assert errors_of(Deputyship(membership=seat, person=stranger, start_date=D(2024, 1, 1))) == {
        "person": [DEPUTY_IS_MEMBER]
    }


def test_a_membership_cannot_end_before_it_starts(board, stranger, county):
    errors = errors_of(seat_on(board, stranger, county, D(2024, 1, 1), end=D(2023, 12, 31)))
    assert errors == {"end_date": [ENDS_BEFORE_START]}


def test_a_membership_may_start_and_end_on_the_same_day(board, stranger, county):
    seat_on(board, stranger, county, D(2024, 1, 1), end=D(2024, 1, 1)).full_clean()


def test_a_person_cannot_hold_two_overlapping_seats_on_one_board(seat, board, member, county):
    errors = errors_of(seat_on(board, member.person, county, D(2024, 6, 1)))
    assert errors == {"person": [OVERLAPPING_SEAT]}


def test_a_seat_that_ends_on_the_day_the_next_starts_overlaps(board, stranger, county, district):
    Membership.objects.create(
        board=board, person=stranger, organisation=county, start_date=D(2020, 1, 1), end_date=D(2021, 12, 31)
    )
    errors = errors_of(seat_on(board, stranger, district, D(2021, 12, 31)))
    assert errors == {"person": [OVERLAPPING_SEAT]}


def test_a_closed_seat_inside_an_open_one_overlaps(seat, board, member, county):
    errors = errors_of(seat_on(board, member.person, county, D(2018, 1, 1), end=D(2020, 4, 1)))
    assert errors == {"person": [OVERLAPPING_SEAT]}


def test_a_person_can_hold_consecutive_seats_on_one_board(board, stranger, county, district):
    Membership.objects.create(
        board=board, person=stranger, organisation=county, start_date=D(2020, 1, 1), end_date=D(2021, 12, 31)
    )
    seat_on(board, stranger, district, D(2022, 1, 1)).full_clean()
    seat_on(board, stranger, district, D(2018, 1, 1), end=D(2019, 12, 31)).full_clean()


def test_a_person_can_hold_seats_on_two_different_boards(seat, member, county, other_board):
    seat_on(other_board, member.person, county, D(2024, 1, 1)).full_clean()


def test_changing_a_seat_does_not_clash_with_itself(seat):
    seat.end_date = D(2030, 3, 31)
    seat.full_clean()


# ---------------------------------------------------------------------------
# The database refuses the same, when validation is bypassed


def test_the_database_refuses_a_deputyship_ending_before_it_starts(seat, stranger):
    assert_integrity_error(
        lambda: Deputyship.objects.create(
            membership=seat, person=stranger, start_date=D(2024, 1, 1), end_date=D(2023, 12, 31)
        )
    )


def test_the_database_refuses_a_membership_ending_before_it_starts(board, stranger, county):
    assert_integrity_error(
        lambda: Membership.objects.create(
            board=board, person=stranger, organisation=county, start_date=D(2024, 1, 1), end_date=D(2023, 1, 1)
        )
    )


def test_the_database_refuses_two_open_seats_for_one_person_on_one_board(seat, board, member, district):
    assert_integrity_error(
        lambda: Membership.objects.create(
            board=board, person=member.person, organisation=district, start_date=D(2025, 1, 1)
        )
    )
    assert Membership.objects.filter(board=board, person=member.person).count() == 1


def test_the_database_refuses_an_inverted_optimum_range(partnership):
    assert_integrity_error(
        lambda: Board.objects.create(
            partnership=partnership, name="Upside down", slug="upside-down", optimum_size_min=10, optimum_size_max=8
        )
    )


def test_the_database_refuses_a_delegation_ending_before_it_starts(board, county, stranger):
    assert_integrity_error(
        lambda: Delegation.objects.create(
            organisation=county,
            person=stranger,
            board=board,
            scope="Everything",
            valid_from=D(2024, 1, 1),
            valid_to=D(2023, 1, 1),
            evidence_reference="Cabinet minute 1",
        )
    )


def test_the_database_refuses_a_second_signature_by_the_same_partner(board, county, officer):
    mou = actions.mou_create(by=officer, now=NOW, board=board, title="MoU", required_signatories=[county])
    MouSignature.objects.create(mou=mou, organisation=county, signed_by="Leader", signed_on=D(2024, 1, 1))
    assert_integrity_error(
        lambda: MouSignature.objects.create(mou=mou, organisation=county, signed_by="Leader", signed_on=D(2024, 2, 1))
    )


def test_the_database_refuses_two_memoranda_with_the_same_version(board):
    MemorandumOfUnderstanding.objects.create(board=board, version=1, title="First")
    assert_integrity_error(lambda: MemorandumOfUnderstanding.objects.create(board=board, version=1, title="Again"))


# ---------------------------------------------------------------------------
# Partnership


def test_an_ended_partnership_needs_an_end_date(partnership):
    partnership.status = PartnershipStatus.ENDED
    assert errors_of(partnership) == {"end_date": [ENDED_WITHOUT_DATE]}
    partnership.end_date = D(2025, 3, 31)
    partnership.full_clean()


def test_a_partnership_cannot_sit_under_itself(partnership):
    partnership.parent = partnership
    assert errors_of(partnership) == {"parent": [OWN_ANCESTOR]}


def test_a_partnership_cannot_sit_under_one_of_its_own_groups(lsp, partnership):
    group = Partnership.objects.create(name="Task group", slug="task-group", purpose="x", parent=partnership)
    lsp.parent = group
    assert errors_of(lsp) == {"parent": [OWN_ANCESTOR]}


def test_a_partnership_can_move_under_a_sibling(lsp, partnership, other_partnership):
    other_partnership.parent = partnership
    other_partnership.full_clean()


# ---------------------------------------------------------------------------
# Board


def test_the_smallest_optimum_size_cannot_exceed_the_largest(partnership):
    board = Board(partnership=partnership, name="B", slug="b", optimum_size_min=16, optimum_size_max=15)
    assert errors_of(board) == {"optimum_size_max": [OPTIMUM_RANGE]}


def test_an_optimum_range_of_one_size_is_allowed(partnership):
    Board(partnership=partnership, name="B", slug="b", optimum_size_min=9, optimum_size_max=9).full_clean()


@pytest.mark.parametrize("days", [0, 61])
def test_the_paper_deadline_is_between_1_and_60_working_days(partnership, days):
    board = Board(partnership=partnership, name="B", slug="b", paper_deadline_working_days=days)
    assert errors_of(board) == {"paper_deadline_working_days": [DEADLINE_RANGE]}


# ---------------------------------------------------------------------------
# Delegation


def test_a_delegation_cannot_end_before_it_starts(board, county, stranger):
    delegation = Delegation(
        organisation=county,
        person=stranger,
        board=board,
        scope="Agree the commissioning plan",
        valid_from=D(2024, 4, 1),
        valid_to=D(2024, 3, 31),
        evidence_reference="Cabinet, 19 March 2024, minute 12",
    )
    assert errors_of(delegation) == {"valid_to": [DELEGATION_ENDS_BEFORE_START]}
    delegation.valid_to = D(2024, 4, 1)
    delegation.full_clean()


# ---------------------------------------------------------------------------
# Memorandum of understanding


@pytest.fixture
def mou(board, county, district, officer) -> MemorandumOfUnderstanding:
    """Version 1, to be signed by the county and the district (not the PCT)."""
    return actions.mou_create(
        by=officer,
        now=NOW,
        board=board,
        title="Partnership agreement",
        text="We agree.",
        required_signatories=[county, district],
    )


SIGNED_ON = D(2024, 1, 10)


def sign(mou, organisation, by, on=SIGNED_ON) -> MouSignature:
    return actions.mou_signature_record(
        mou, by=by, now=NOW, organisation=organisation, signed_by="Chief executive", signed_on=on
    )


def test_a_partner_that_need_not_sign_cannot_sign(mou, pct, officer):
    with pytest.raises(ValidationError) as caught:
        sign(mou, pct, officer)
    assert caught.value.message_dict == {
        "organisation": ["Shireshire Primary Care Trust is not a required signatory of this version."]
    }
    assert not mou.signatures.exists()


def test_a_partner_cannot_sign_the_same_version_twice(mou, county, officer):
    sign(mou, county, officer)
    with pytest.raises(ValidationError) as caught:
        sign(mou, county, officer, on=D(2024, 2, 1))
    assert caught.value.message_dict == {"organisation": ["Shireshire County Council has already signed this version."]}
    assert mou.signatures.count() == 1


def test_a_memorandum_is_effective_only_when_every_required_partner_has_signed(mou, county, district, officer):
    assert not mou.fully_signed
    assert not mou.is_effective()
    sign(mou, county, officer)
    mou = MemorandumOfUnderstanding.objects.get(pk=mou.pk)
    assert mou.unsigned_organisations() == [district]
    assert not mou.fully_signed
    assert not mou.is_effective()
    sign(mou, district, officer)
    mou = MemorandumOfUnderstanding.objects.get(pk=mou.pk)
    assert mou.unsigned_organisations() == []
    assert mou.fully_signed
    assert mou.is_effective()


def test_a_signed_memorandum_is_not_effective_before_its_effective_date(mou, county, district, officer):
    sign(mou, county, officer)
    sign(mou, district, officer)
    mou.effective_from = timezone.localdate() + dt.timedelta(days=30)
    assert mou.fully_signed
    assert not mou.is_effective()
    assert mou.is_effective(on=mou.effective_from)


def test_a_memorandum_without_required_partners_is_never_effective(board):
    mou = MemorandumOfUnderstanding.objects.create(board=board, version=1, title="Nobody signs")
    assert not mou.fully_signed
    assert not mou.is_effective()


def test_a_memorandum_needs_partners_to_sign(board, officer):
    with pytest.raises(ValidationError) as caught:
        actions.mou_create(by=officer, now=NOW, board=board, title="Empty", required_signatories=[])
    assert caught.value.message_dict == {"required_signatories": ["Choose the partners who must sign."]}
    assert not MemorandumOfUnderstanding.objects.exists()


def test_a_new_version_is_numbered_after_the_latest_and_leaves_the_previous_unchanged(
    mou, county, district, pct, officer
):
    sign(mou, county, officer)
    before = MemorandumOfUnderstanding.objects.values().get(pk=mou.pk)
    second = actions.mou_create(
        by=officer,
        now=NOW,
        board=mou.board,
        title="Amended agreement",
        text="We agree again.",
        required_signatories=[county, district, pct],
    )
    third = actions.mou_create(by=officer, now=NOW, board=mou.board, title="Third", required_signatories=[pct])
    assert (mou.version, second.version, third.version) == (1, 2, 3)
    assert MemorandumOfUnderstanding.objects.values().get(pk=mou.pk) == before
    assert set(mou.required_signatories.all()) == {county, district}
    assert [s.organisation for s in mou.signatures.all()] == [county]
    assert set(second.required_signatories.all()) == {county, district, pct}
    assert not second.signatures.exists()


def test_versions_are_numbered_per_board(mou, other_board, county, administrator):
    other = actions.mou_create(
        by=administrator, now=NOW, board=other_board, title="Other", required_signatories=[county]
    )
    assert other.version == 1


# ---------------------------------------------------------------------------
# Ending a membership keeps its history


def test_ending_a_membership_keeps_the_row_and_it_is_no_longer_current(seat, board, officer):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    actions.membership_end(seat, by=officer, now=NOW, on=yesterday)
    seat.refresh_from_db()
    assert seat.end_date == yesterday
    assert Membership.objects.filter(pk=seat.pk).exists()
    assert not seat.is_current()
    assert seat not in Membership.objects.filter(board=board).current()
    assert seat in Membership.objects.filter(board=board).current(on=yesterday)


def test_a_membership_ending_today_is_current_until_the_end_of_the_day(seat, board, officer):
    actions.membership_end(seat, by=officer, now=NOW, on=timezone.localdate())
    assert seat in Membership.objects.current()


def test_a_membership_that_has_ended_cannot_be_ended_again(seat, officer):
    actions.membership_end(seat, by=officer, now=NOW, on=D(2023, 3, 31))
    with pytest.raises(ValidationError) as caught:
        actions.membership_end(seat, by=officer, now=NOW, on=D(2024, 3, 31))
    assert caught.value.messages == ["This membership has already ended."]
    seat.refresh_from_db()
    assert seat.end_date == D(2023, 3, 31)


def test_a_membership_cannot_be_ended_before_it_started(seat, officer):
    with pytest.raises(ValidationError) as caught:
        actions.membership_end(seat, by=officer, now=NOW, on=D(2019, 1, 1))
    assert caught.value.message_dict == {"end_date": [ENDS_BEFORE_START]}
    seat.refresh_from_db()
    assert seat.end_date is None


# ---------------------------------------------------------------------------
# Through the officer forms: 400, the GOV.UK error summary, the message, nothing saved


def members_url(board) -> str:
    return f"/manage/partnerships/{board.partnership.slug}/boards/{board.slug}/members/new/"


def test_the_membership_form_refuses_a_deputy_who_is_the_member(officer_client, board, stranger, county, date_input):
    data = membership_post(stranger, county, D(2024, 1, 1), deputy=stranger, date_input=date_input)
    assert_refused(officer_client.post(members_url(board), data), DEPUTY_IS_MEMBER)
    assert not Membership.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_membership_form_refuses_an_end_before_the_start(officer_client, board, stranger, county, date_input):
    data = membership_post(stranger, county, D(2024, 1, 1), end=D(2023, 1, 1), date_input=date_input)
    assert_refused(officer_client.post(members_url(board), data), ENDS_BEFORE_START)
    assert not Membership.objects.exists()


def test_the_membership_form_refuses_an_overlapping_seat(officer_client, seat, board, member, district, date_input):
    data = membership_post(member.person, district, D(2024, 1, 1), date_input=date_input)
    assert_refused(officer_client.post(members_url(board), data), OVERLAPPING_SEAT)
    assert Membership.objects.count() == 1


def test_the_membership_form_accepts_a_consecutive_seat(officer_client, board, stranger, county, date_input):
    Membership.objects.create(
        board=board, person=stranger, organisation=county, start_date=D(2020, 1, 1), end_date=D(2021, 12, 31)
    )
    data = membership_post(stranger, county, D(2022, 1, 1), date_input=date_input)
    response = officer_client.post(members_url(board), data)
    assert response.status_code == 302
    assert Membership.objects.filter(person=stranger).count() == 2


def test_editing_a_seat_into_an_overlap_is_refused(officer_client, seat, board, stranger, county, date_input):
    earlier = Membership.objects.create(
        board=board, person=stranger, organisation=county, start_date=D(2018, 1, 1), end_date=D(2019, 12, 31)
    )
    later = Membership.objects.create(board=board, person=stranger, organisation=county, start_date=D(2021, 1, 1))
    data = membership_post(stranger, county, D(2018, 1, 1), end=D(2021, 6, 30), date_input=date_input)
    url = f"/manage/partnerships/{board.partnership.slug}/boards/{board.slug}/members/{earlier.pk}/edit/"
    assert_refused(officer_client.post(url, data), OVERLAPPING_SEAT)
    earlier.refresh_from_db()
    assert earlier.end_date == D(2019, 12, 31)
    assert later.end_date is None


def test_the_end_membership_form_refuses_a_date_before_the_start(officer_client, seat, board, date_input):
    url = f"/manage/partnerships/{board.partnership.slug}/boards/{board.slug}/members/{seat.pk}/end/"
    response = officer_client.post(url, date_input("end_date", D(2019, 3, 31)))
    assert_refused(response, ENDS_BEFORE_START)
    seat.refresh_from_db()
    assert seat.end_date is None
    assert not AuditEvent.objects.exists()


def test_the_end_membership_form_refuses_an_impossible_date(officer_client, seat, board):
    url = f"/manage/partnerships/{board.partnership.slug}/boards/{board.slug}/members/{seat.pk}/end/"
    response = officer_client.post(url, {"end_date_0": "31", "end_date_1": "2", "end_date_2": "2025"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    seat.refresh_from_db()
    assert seat.end_date is None


@pytest.mark.parametrize(
    "date_fields",
    [
        {"end_date_0": "1", "end_date_1": "1", "end_date_2": "99999999999999999999"},
        {"end_date_0": "99999999999999999999", "end_date_1": "1", "end_date_2": "2025"},
    ],
    ids=["huge-year", "huge-day"],
)
def test_a_date_too_large_for_the_calendar_is_refused_with_a_message_not_a_500(
    officer_client, seat, board, date_fields
):
    """SPEC §8: every bad input is answered with a clear message, never a 500. Python's
    date() raises OverflowError (not ValueError) for such numbers."""
    officer_client.raise_request_exception = False
    url = f"/manage/partnerships/{board.partnership.slug}/boards/{board.slug}/members/{seat.pk}/end/"
    response = officer_client.post(url, date_fields)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    seat.refresh_from_db()
    assert seat.end_date is None


def partnership_post(p: Partnership, date_input, **changes) -> dict[str, str]:
    data = {
        "name": p.name,
        "slug": p.slug,
        "purpose": p.purpose,
        "parent": str(p.parent_id or ""),
        "lead_accountable_body": str(p.lead_accountable_body_id or ""),
        "status": p.status,
        "contact_name": p.contact_name,
        "contact_email": p.contact_email,
        "contact_phone": p.contact_phone,
        "website": p.website,
        **date_input("end_date", p.end_date),
    }
    if p.statutory:
        data["statutory"] = "on"
    if p.in_lsp:
        data["in_lsp"] = "on"
    data.update(changes)
    return data


def test_the_partnership_form_refuses_an_ended_partnership_without_an_end_date(officer_client, partnership, date_input):
    data = partnership_post(partnership, date_input, status="ended")
    assert_refused(officer_client.post(f"/manage/partnerships/{partnership.slug}/edit/", data), ENDED_WITHOUT_DATE)
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ACTIVE


def test_the_partnership_form_refuses_to_put_a_partnership_under_its_own_group(
    officer_client, officer, partnership, date_input
):
    group = Partnership.objects.create(name="Task group", slug="task-group", purpose="x", parent=partnership)
    group.officers.add(officer)
    data = partnership_post(partnership, date_input, parent=str(group.pk))
    assert_refused(officer_client.post(f"/manage/partnerships/{partnership.slug}/edit/", data), OWN_ANCESTOR)
    partnership.refresh_from_db()
    assert partnership.parent_id != group.pk


def test_the_partnership_form_refuses_a_web_address_name_already_in_use(
    officer_client, partnership, other_partnership, date_input
):
    data = partnership_post(partnership, date_input, slug=other_partnership.slug)
    response = officer_client.post(f"/manage/partnerships/{partnership.slug}/edit/", data)
    assert_refused(response, "Another partnership already uses this web address name")
    partnership.refresh_from_db()
    assert partnership.slug == "health-and-well-being"


def board_post(**changes) -> dict[str, str]:
    data = {
        "name": "Officer Group",
        "slug": "",
        "layer": Layer.THEMATIC_GROUP,
        "terms_of_reference": "",
        "optimum_size_min": "",
        "optimum_size_max": "",
        "expected_meetings_per_year": "",
        "calendar": "ENG",
        "paper_deadline_working_days": "10",
    }
    data.update(changes)
    return data


def test_the_board_form_refuses_an_inverted_optimum_range(officer_client, partnership):
    data = board_post(optimum_size_min="12", optimum_size_max="8")
    response = officer_client.post(f"/manage/partnerships/{partnership.slug}/boards/new/", data)
    assert_refused(response, OPTIMUM_RANGE)
    assert not Board.objects.exists()


def test_the_board_form_refuses_a_paper_deadline_of_zero_working_days(officer_client, partnership):
    data = board_post(paper_deadline_working_days="0")
    response = officer_client.post(f"/manage/partnerships/{partnership.slug}/boards/new/", data)
    assert_refused(response, "Paper deadline in working days must be between 1 and 60")
    assert not Board.objects.exists()


def test_the_delegation_form_refuses_an_end_before_the_start(officer_client, board, county, stranger, date_input):
    data = {
        "organisation": str(county.pk),
        "person": str(stranger.pk),
        "scope": "Agree the commissioning plan",
        "evidence_reference": "Cabinet, 19 March 2024, minute 12",
        **date_input("valid_from", D(2024, 4, 1)),
        **date_input("valid_to", D(2024, 3, 1)),
    }
    url = f"/manage/partnerships/{board.partnership.slug}/boards/{board.slug}/delegations/new/"
    assert_refused(officer_client.post(url, data), DELEGATION_ENDS_BEFORE_START)
    assert not Delegation.objects.exists()


def sign_url(mou) -> str:
    return f"/manage/partnerships/{mou.board.partnership.slug}/boards/{mou.board.slug}/mou/{mou.version}/sign/"


def signature_post(organisation, date_input) -> dict[str, str]:
    return {
        "organisation": str(organisation.pk),
        "signed_by": "Jo Bloggs, Leader",
        **date_input("signed_on", D(2024, 5, 1)),
    }


def test_the_signature_form_refuses_a_partner_that_need_not_sign(officer_client, mou, pct, date_input):
    response = officer_client.post(sign_url(mou), signature_post(pct, date_input))
    assert_refused(response, "Choose the partner from the list")
    assert not MouSignature.objects.exists()


def test_the_signature_form_refuses_a_second_signature_by_the_same_partner(
    officer_client, mou, county, officer, date_input
):
    sign(mou, county, officer)
    response = officer_client.post(sign_url(mou), signature_post(county, date_input))
    assert_refused(response, "Choose the partner from the list")
    assert mou.signatures.count() == 1


def test_the_signature_form_needs_the_date_signed(officer_client, mou, county, date_input):
    data = {"organisation": str(county.pk), "signed_by": "Jo Bloggs", **date_input("signed_on", None)}
    assert_refused(officer_client.post(sign_url(mou), data), "Enter the date signed")
    assert not MouSignature.objects.exists()


def test_the_memorandum_form_needs_partners_to_sign(officer_client, board):
    url = f"/manage/partnerships/{board.partnership.slug}/boards/{board.slug}/mou/new/"
    response = officer_client.post(url, {"title": "Agreement", "text": ""})
    assert_refused(response, "Choose the partners who must sign")
    assert not MemorandumOfUnderstanding.objects.exists()
