"""The public register, partnership and board pages, and the officer forms end to end
(SPEC §3, §6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import (
    Board,
    Delegation,
    Layer,
    Membership,
    MembershipRole,
    MemorandumOfUnderstanding,
    MouSignature,
    Partnership,
    PartnershipStatus,
    Person,
)
from tests.pages import text_of

D = dt.date


def rows(response) -> list[tuple[str, int, bool]]:
    """The register's rows as (slug, depth, matched), in page order."""
    return [(p.slug, depth, matched) for p, depth, matched in response.context["rows"]]


# ---------------------------------------------------------------------------
# The register


@pytest.fixture
def register_tree(lsp, partnership, board, other_partnership, other_board):
    """LSP → thematic partnership (statutory, has a board) and, outside the LSP, a
    second partnership with an executive."""


def test_the_register_shows_every_partnership_as_a_tree(client, register_tree):
    response = client.get("/partnerships/")
    assert response.status_code == 200
    assert rows(response) == [
        ("shireshire-partnership", 0, True),
        ("health-and-well-being", 1, True),
        ("supporting-people", 0, True),
    ]
    page = text_of(response)
    assert "3 partnerships" in page
    assert "(shown for context)" not in page
    assert "app-register__item--depth-1" in response.content.decode()
    assert "Outside the LSP" in page
    assert "Statutory" in page
    assert "Partnership Board (board, 0 members)" in page
    assert "Lead accountable body: Shireshire County Council." in page
    assert "Contact: Olivia Officer olivia@example.org" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("statutory=yes", [("shireshire-partnership", 0, False), ("health-and-well-being", 1, True)]),
        ("statutory=no", [("shireshire-partnership", 0, True), ("supporting-people", 0, True)]),
        ("lsp=in", [("shireshire-partnership", 0, True), ("health-and-well-being", 1, True)]),
        ("lsp=out", [("supporting-people", 0, True)]),
        ("layer=board", [("shireshire-partnership", 0, False), ("health-and-well-being", 1, True)]),
        ("layer=executive", [("supporting-people", 0, True)]),
        ("layer=conference", []),
        ("statutory=yes&lsp=out", []),
        ("statutory=no&lsp=in", [("shireshire-partnership", 0, True)]),
    ],
)
def test_register_filters_select_the_right_partnerships(client, register_tree, query, expected):
    response = client.get(f"/partnerships/?{query}")
    assert response.status_code == 200
    assert rows(response) == expected
    matches = sum(1 for _, _, matched in expected if matched)
    assert f"{matches} of 3 partnership" in text_of(response)


def test_a_non_matching_ancestor_is_shown_for_context(client, register_tree):
    page = text_of(client.get("/partnerships/?statutory=yes"))
    assert "Shireshire Partnership (shown for context)" in page
    assert "Health and Well-Being Partnership Statutory" in page
    assert "Supporting People" not in page


def test_context_reaches_up_through_every_ancestor(client, register_tree, partnership):
    group = Partnership.objects.create(
        name="Falls Group", slug="falls-group", purpose="x", parent=partnership, in_lsp=False
    )
    Board.objects.create(partnership=group, name="Falls Board", slug="falls", layer=Layer.TASK_AND_FINISH)
    response = client.get("/partnerships/?layer=task_and_finish")
    assert rows(response) == [
        ("shireshire-partnership", 0, False),
        ("health-and-well-being", 1, False),
        ("falls-group", 2, True),
    ]


def test_unknown_filter_values_are_ignored(client, register_tree):
    response = client.get("/partnerships/?statutory=maybe&lsp=sideways&layer=committee")
    assert response.status_code == 200
    assert len(rows(response)) == 3
    assert all(matched for _, _, matched in rows(response))


def test_the_register_says_when_no_partnership_matches(client, register_tree):
    assert "No partnership matches these filters." in text_of(client.get("/partnerships/?layer=conference"))


def test_the_register_counts_only_current_members(client, board, seat, county, add_members):
    add_members(board, 3, organisation=county)
    add_members(board, 2, organisation=county, start_date=timezone.localdate() + dt.timedelta(days=10), prefix="x")
    Membership.objects.filter(person__name__startswith="Member board-0000").update(end_date=D(2021, 1, 1))
    assert "Partnership Board (board, 3 members)" in text_of(client.get("/partnerships/"))


# ---------------------------------------------------------------------------
# The partnership page


def test_the_partnership_page_shows_its_boards_children_and_details(client, lsp, partnership, board, seat):
    Partnership.objects.create(
        name="Old Task Group", slug="old", purpose="x", parent=partnership, status="ended", end_date=D(2020, 1, 1)
    )
    response = client.get(partnership.get_absolute_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "Health and Well-Being Partnership" in page
    assert "Improves health and well-being across the county." in page
    assert "Partnership Board Board 1" in page
    assert "Old Task Group (ended)" in page
    assert "Reports to Shireshire Partnership" in page
    assert "Statutory Yes" in page
    assert "Lead accountable body Shireshire County Council" in page


# ---------------------------------------------------------------------------
# The board page


def test_the_board_page_shows_members_roles_organisations_and_deputies(client, board, seat, district):
    nobody = Person.objects.create(name="Nia No-Deputy", job_title="Director of Housing")
    Membership.objects.create(
        board=board,
        person=nobody,
        organisation=district,
        role=MembershipRole.USER_REPRESENTATIVE,
        voting=False,
        start_date=D(2023, 1, 1),
    )
    response = client.get(board.get_absolute_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "Cllr Mary Member Cabinet member Shireshire County Council Chair Councillor Cabinet member Voting" in page
    assert "Cllr Dinah Deputy" in page
    assert "Nia No-Deputy Director of Housing Vale District Council User representative Other No vote None" in page


def test_the_board_health_panel_shows_size_against_optimum_and_seats_without_a_deputy(
    client, board, seat, district, add_members
):
    add_members(board, 11, organisation=district)  # 12 seats: within 12 to 15
    Membership.objects.create(
        board=board,
        person=Person.objects.create(name="Otto Officer"),
        organisation=district,
        role=MembershipRole.OFFICER,
        start_date=D(2022, 1, 1),
    )
    page = text_of(client.get(board.get_absolute_url()))
    assert "Size 12 seats against an optimum of 12 to 15 Within optimum" in page
    assert "Seats without a deputy 0" in page
    assert "Meetings in the last 12 months 0 of 2 expected Fewer than expected" in page

    add_members(board, 4, organisation=district, with_deputies=False, prefix="nodep-")  # 16 seats
    page = text_of(client.get(board.get_absolute_url()))
    assert "Size 16 seats against an optimum of 12 to 15 Above optimum" in page
    assert "Seats without a deputy 4" in page
    for i in range(4):
        assert f"Member nodep-{i:04d} (Vale District Council)" in page
    assert "Otto Officer (Vale District Council)" not in page  # officers hold no seat


def test_the_board_page_shows_below_optimum(client, board, seat):
    page = text_of(client.get(board.get_absolute_url()))
    assert "Size 1 seat against an optimum of 12 to 15 Below optimum" in page


def test_the_board_page_lists_former_members_apart(client, board, seat, district):
    former = Person.objects.create(name="Fred Former")
    Membership.objects.create(
        board=board, person=former, organisation=district, start_date=D(2019, 1, 1), end_date=D(2020, 3, 31)
    )
    response = client.get(board.get_absolute_url())
    assert [m.person.name for m in response.context["memberships"]] == ["Cllr Mary Member"]
    assert "Former members (1)" in text_of(response)
    assert "Fred Former, Vale District Council, member: 1 Jan 2019 to 31 Mar 2020" in text_of(response)


# ---------------------------------------------------------------------------
# Officer forms, end to end


def test_date_inputs_post_as_day_month_year_fields(officer_client, board):
    content = officer_client.get(reverse("manage:membership_new", args=[board.partnership.slug, board.slug])).content
    for suffix in ("_0", "_1", "_2"):
        assert f'name="start_date{suffix}"'.encode() in content


def test_an_officer_edits_their_partnership(officer_client, partnership, pct, date_input):
    data = {
        "name": "Health and Wellbeing Partnership",
        "slug": partnership.slug,
        "purpose": "A new purpose.",
        "parent": str(partnership.parent_id),
        "lead_accountable_body": str(pct.pk),
        "status": PartnershipStatus.ENDED,
        "contact_name": "Olivia Officer",
        "contact_email": "olivia@example.org",
        "contact_phone": "01865 000000",
        "website": "https://hwb.example.org",
        **date_input("end_date", D(2025, 3, 31)),
    }
    response = officer_client.post(reverse("manage:partnership_edit", args=[partnership.slug]), data)
    assert response.status_code == 302
    assert response["Location"] == partnership.get_absolute_url()
    partnership.refresh_from_db()
    assert partnership.name == "Health and Wellbeing Partnership"
    assert partnership.lead_accountable_body == pct
    assert partnership.end_date == D(2025, 3, 31)
    assert not partnership.statutory and not partnership.in_lsp  # unticked boxes
    page = text_of(officer_client.get(response["Location"]))
    assert "Health and Wellbeing Partnership has been updated." in page
    assert "Status Ended (31 March 2025)" in page


def test_an_officer_adds_a_group_and_it_appears_in_the_register(officer_client, partnership):
    form = officer_client.get(f"/manage/partnerships/new/?parent={partnership.slug}")
    assert form.context["form"].initial["parent"] == partnership
    data = {"name": "Carers Group", "purpose": "Support for carers", "parent": partnership.pk, "status": "active"}
    response = officer_client.post("/manage/partnerships/new/", data)
    assert response.status_code == 302
    assert ("carers-group", 2, True) in rows(officer_client.get("/partnerships/"))


def test_an_officer_adds_and_edits_a_board(officer_client, partnership):
    data = {
        "name": "Officer Group",
        "slug": "",
        "layer": Layer.THEMATIC_GROUP,
        "terms_of_reference": "Prepares the board's business.",
        "calendar": "WLS",
        "paper_deadline_working_days": "7",
        "is_council_committee": "on",
    }
    response = officer_client.post(reverse("manage:board_new", args=[partnership.slug]), data)
    board = Board.objects.get(partnership=partnership, name="Officer Group")
    assert response.status_code == 302
    assert response["Location"] == board.get_absolute_url()
    assert (board.slug, board.layer, board.calendar, board.paper_deadline_working_days) == (
        "officer-group",
        Layer.THEMATIC_GROUP,
        "WLS",
        7,
    )
    assert board.is_council_committee
    assert board.optimum_size == (8, 10)

    data.update(slug="officer-group", optimum_size_min="5", optimum_size_max="7", expected_meetings_per_year="10")
    response = officer_client.post(reverse("manage:board_edit", args=[partnership.slug, board.slug]), data)
    assert response.status_code == 302
    page = text_of(officer_client.get(board.get_absolute_url()))
    assert "Officer Group has been updated." in page
    assert "against an optimum of 5 to 7" in page
    assert "Meetings in the last 12 months 0 of 10 expected" in page
    assert "at least 7 working days before each meeting (Wales bank holidays)" in page


def test_two_boards_of_one_partnership_cannot_share_a_web_address(officer_client, board):
    data = {
        "name": "Main Board",
        "slug": "board",
        "layer": "board",
        "calendar": "ENG",
        "paper_deadline_working_days": "10",
    }
    response = officer_client.post(reverse("manage:board_new", args=[board.partnership.slug]), data)
    assert response.status_code == 400
    assert "Another board of this partnership already uses this web address name" in response.content.decode()
    assert Board.objects.filter(partnership=board.partnership).count() == 1


def test_an_officer_seats_a_member_with_a_deputy_and_edits_then_ends_the_seat(
    officer_client, board, county, date_input
):
    person = Person.objects.create(name="Dr Priya Patel", organisation=county)
    stand_in = Person.objects.create(name="Sue Stand-In", organisation=county)
    data = {
        "person": person.pk,
        "organisation": county.pk,
        "role": MembershipRole.MEMBER,
        "seniority": "director",
        "voting": "on",
        "deputy": stand_in.pk,
        **date_input("start_date", D(2024, 4, 1)),
        **date_input("end_date", None),
    }
    p, b = board.partnership.slug, board.slug
    response = officer_client.post(reverse("manage:membership_new", args=[p, b]), data)
    assert response.status_code == 302
    assert response["Location"] == board.get_absolute_url()
    seat = Membership.objects.get(board=board, person=person)
    assert (seat.start_date, seat.end_date, seat.voting, seat.elected) == (D(2024, 4, 1), None, True, False)
    # The deputy is the first entry of the seat's ledger, from the seat's start.
    assert list(seat.deputyships.values_list("person", "start_date", "end_date")) == [
        (stand_in.pk, D(2024, 4, 1), None)
    ]
    page = text_of(officer_client.get(board.get_absolute_url()))
    assert "Dr Priya Patel has been added to Partnership Board." in page
    assert "Dr Priya Patel Shireshire County Council Member Director Voting Sue Stand-In" in page

    data.update(role=MembershipRole.CO_CHAIR)
    response = officer_client.post(reverse("manage:membership_edit", args=[p, b, seat.pk]), data)
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.role == MembershipRole.CO_CHAIR

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = officer_client.post(
        reverse("manage:membership_end", args=[p, b, seat.pk]), date_input("end_date", yesterday)
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.end_date == yesterday
    assert seat.deputyships.get().end_date == yesterday  # the deputyship ends with the seat
    response = officer_client.get(board.get_absolute_url())
    assert response.context["memberships"] == []
    assert "Former members (1)" in text_of(response)


def test_an_officer_records_and_edits_a_delegation(officer_client, board, county, seat, date_input):
    p, b = board.partnership.slug, board.slug
    data = {
        "organisation": county.pk,
        "person": seat.person_id,
        "scope": "Agree the joint commissioning plan",
        "evidence_reference": "Cabinet, 19 November 2009, minute 87",
        **date_input("valid_from", D(2024, 1, 1)),
        **date_input("valid_to", None),
    }
    response = officer_client.post(reverse("manage:delegation_new", args=[p, b]), data)
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.valid_from, delegation.valid_to) == (D(2024, 1, 1), None)
    page = text_of(officer_client.get(board.get_absolute_url()))
    assert "Cllr Mary Member for Shireshire County Council Agree the joint commissioning plan" in page
    assert "Cabinet, 19 November 2009, minute 87; from 1 January 2024" in page

    data.update(scope="Agree the budget", **date_input("valid_to", D(2020, 1, 1) + dt.timedelta(days=3650)))
    response = officer_client.post(reverse("manage:delegation_edit", args=[p, b, delegation.pk]), data)
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert (delegation.scope, delegation.valid_to) == ("Agree the budget", D(2029, 12, 29))


def test_a_lapsed_delegation_is_not_shown_as_in_force(client, board, county, seat):
    Delegation.objects.create(
        organisation=county,
        person=seat.person,
        board=board,
        scope="Old authority",
        valid_from=D(2020, 1, 1),
        valid_to=D(2021, 1, 1),
        evidence_reference="Cabinet minute 1",
    )
    page = text_of(client.get(board.get_absolute_url()))
    assert "Old authority" not in page
    assert "No formal delegations are recorded." in page


def test_an_officer_adds_a_memorandum_and_records_signatures_until_it_takes_effect(
    officer_client, board, county, district, pct, date_input
):
    p, b = board.partnership.slug, board.slug
    data = {
        "title": "Memorandum of Understanding 2024",
        "text": "The partners agree to work together.",
        "required_signatories": [county.pk, district.pk],
        **date_input("effective_from", D(2024, 4, 1)),
        **date_input("review_date", D(2027, 3, 31)),
        # 003 §19 and §22: a majority at the second meeting, at most one against.
        "voting_unit": "organisation",
        "active_consent": "on",
        "majority_fallback": "on",
        "fallback_from_round": "2",
        "max_minority": "1",
        "escalation_body": "the local authority Chief Executives",
    }
    response = officer_client.post(reverse("manage:mou_new", args=[p, b]), data)
    mou = MemorandumOfUnderstanding.objects.get(board=board)
    rules = mou.decision_rules()
    assert (rules.active_consent, rules.majority_fallback, rules.fallback_from_round, rules.max_minority) == (
        True,
        True,
        2,
        1,
    )
    assert response.status_code == 302
    assert response["Location"] == mou.get_absolute_url() == f"/partnerships/{p}/boards/{b}/mou/1/"
    assert set(mou.required_signatories.all()) == {county, district}
    page = text_of(officer_client.get(mou.get_absolute_url()))
    assert "Version 1 of the memorandum has been added." in page
    assert "Not in effect" in page
    assert "Shireshire County Council: Not signed" in page
    assert "Record a signature" in page

    sign_url = reverse("manage:mou_sign", args=[p, b, 1])
    signature = {
        "organisation": county.pk,
        "signed_by": "Leader of the Council",
        **date_input("signed_on", D(2024, 3, 1)),
    }
    response = officer_client.post(sign_url, signature)
    assert response.status_code == 302
    assert response["Location"] == mou.get_absolute_url()
    page = text_of(officer_client.get(mou.get_absolute_url()))
    assert "The signature of Shireshire County Council has been recorded." in page
    assert "Shireshire County Council: Signed Leader of the Council, 1 Mar 2024" in page
    assert "Not in effect" in page

    signature.update(organisation=district.pk, signed_by="Chief Executive")
    assert officer_client.post(sign_url, signature).status_code == 302
    page = text_of(officer_client.get(mou.get_absolute_url()))
    assert "Signed by every required partner. Effective from 1 April 2024." in page
    assert "Record a signature" not in page
    assert MouSignature.objects.filter(mou=mou).count() == 2
    assert "2 of 2 Signed by all" in text_of(officer_client.get(board.get_absolute_url()))

    # A new version starts from the latest version's partners and is numbered 2.
    form = officer_client.get(reverse("manage:mou_new", args=[p, b]))
    assert set(form.context["form"].initial["required_signatories"]) == {county, district}
    data.update(title="Amended memorandum", required_signatories=[county.pk, district.pk, pct.pk])
    response = officer_client.post(reverse("manage:mou_new", args=[p, b]), data)
    assert response["Location"] == f"/partnerships/{p}/boards/{b}/mou/2/"
    page = text_of(officer_client.get(board.get_absolute_url()))
    assert "2 Amended memorandum 0 of 3 Awaiting signatures" in page
    assert "1 Memorandum of Understanding 2024 2 of 2 Signed by all" in page
    assert officer_client.get(mou.get_absolute_url()).status_code == 200  # older versions stay readable


# ---------------------------------------------------------------------------
# Not found


@pytest.mark.parametrize(
    "url",
    [
        "/partnerships/no-such-partnership/",
        "/partnerships/health-and-well-being/boards/no-such-board/",
        "/partnerships/health-and-well-being/boards/board/mou/9/",
        "/partnerships/health-and-well-being/boards/board/mou/99999999999999999999999/",
        "/partnerships/supporting-people/boards/board/",  # a board of another partnership
        "/no-such-page/",
    ],
)
def test_missing_pages_render_the_govuk_404_page(client, board, other_partnership, url):
    response = client.get(url)
    assert response.status_code == 404
    page = text_of(response)
    assert "Page not found" in page
    assert "If you typed the web address, check it is correct." in page
    assert "govuk-template" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/manage/partnerships/no-such-partnership/edit/",
        "/manage/partnerships/health-and-well-being/boards/no-such-board/edit/",
        "/manage/partnerships/health-and-well-being/boards/board/members/999999/edit/",
        "/manage/partnerships/health-and-well-being/boards/board/delegations/999999/edit/",
        "/manage/partnerships/health-and-well-being/boards/board/members/99999999999999999999999/end/",
    ],
)
def test_missing_manage_pages_are_404_for_an_officer(officer_client, board, url):
    response = officer_client.get(url)
    assert response.status_code == 404
    assert "Page not found" in text_of(response)


def test_a_seat_on_another_board_cannot_be_edited_through_this_boards_address(
    client, administrator, board, other_board, district
):
    foreign = Membership.objects.create(
        board=other_board, person=Person.objects.create(name="X"), organisation=district, start_date=D(2022, 1, 1)
    )
    client.force_login(administrator)
    url = reverse("manage:membership_edit", args=[board.partnership.slug, board.slug, foreign.pk])
    assert client.get(url).status_code == 404


def test_a_minority_cap_without_a_majority_fallback_is_refused(officer_client, board, county, date_input):
    data = {
        "title": "Memorandum",
        "required_signatories": [county.pk],
        "voting_unit": "organisation",
        "active_consent": "on",
        "fallback_from_round": "2",
        "max_minority": "1",
    }
    response = officer_client.post(reverse("manage:mou_new", args=[board.partnership.slug, board.slug]), data)
    assert response.status_code == 400
    assert "A limit on objections applies only when a majority may decide" in response.content.decode()
    assert not MemorandumOfUnderstanding.objects.filter(board=board).exists()
