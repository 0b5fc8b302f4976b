"""SPEC §8 "Fast at real scale": the busiest pages use a number of SQL queries that does
not grow with the rows they show (Zulip-style query-count assertions).

Each page is rendered with a small and a large estate; the same ceiling holds for both.
The ceilings are the counts measured with the small estate, so one extra query per
row (or even one extra query at all) fails the test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from partnerships.models import (
    Board,
    Delegation,
    Deputyship,
    Layer,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    OrganisationKind,
    Partnership,
    Person,
)

SIZES = [10, 200]

# Measured with the small estate; see the module docstring. A signed-in user costs one
# query on any page: the user, read with their Person and the partnerships they service
# (partnerships/backends.py); the session is in the cache.
SIGNED_IN = 1
REGISTER_QUERIES = 2  # partnerships, boards with member counts
PARTNERSHIP_QUERIES = 3  # partnership, boards with member counts, children
# board, memberships, their deputyships (the ledger, with the deputies), delegations,
# memoranda (their signatures and signatories counted in the same query), and the two
# meeting figures of board health (meetings held, attendance). The memoranda come with
# select_related("board__partnership") (each row's link would otherwise load mou.board
# and board.partnership).
BOARD_QUERIES = 7
BOARD_QUERIES_FOR_OFFICER = BOARD_QUERIES + SIGNED_IN  # "does she service it?" was read with her
MOU_QUERIES = 3  # memorandum with board and partnership, signatories, signatures
DASHBOARD_QUERIES = SIGNED_IN + 2  # serviced partnerships, boards with member counts


@pytest.fixture(params=SIZES, ids=lambda n: f"{n}-members")
def estate(request, lsp, partnership, board, officer, county, district, pct, add_members):
    """``n`` current members with deputies on ``board`` (plus former ones), and n/10 of
    everything else that a page lists: delegations, memoranda with signatures, boards,
    groups under the partnership (serviced by the officer) and their boards."""
    n: int = request.param
    k = n // 10
    add_members(board, n, organisation=county)
    add_members(board, k, organisation=district, start_date=dt.date(2010, 1, 1), prefix="former-")
    board.memberships.filter(person__name__startswith="Member former-").update(end_date=dt.date(2015, 1, 1))
    # k seats changed deputy on 1 January 2023: the ledger holds both deputies.
    changed = list(board.memberships.filter(person__name__startswith="Member board-").order_by("pk")[:k])
    Deputyship.objects.filter(membership__in=changed).update(end_date=dt.date(2022, 12, 31))
    newcomers = Person.objects.bulk_create([Person(name=f"New deputy {i:04d}", organisation=county) for i in range(k)])
    Deputyship.objects.bulk_create(
        Deputyship(membership=m, person=p, start_date=dt.date(2023, 1, 1))
        for m, p in zip(changed, newcomers, strict=True)
    )
    people = [m.person for m in board.memberships.select_related("person")[:k]]
    Delegation.objects.bulk_create(
        [
            Delegation(
                organisation=county,
                person=person,
                board=board,
                scope="Agree the plan",
                valid_from=dt.date(2020, 1, 1),
                evidence_reference=f"Cabinet minute {i}",
            )
            for i, person in enumerate(people)
        ]
    )
    for version in range(1, k + 1):
        mou = MemorandumOfUnderstanding.objects.create(board=board, version=version, title=f"Version {version}")
        mou.required_signatories.set([county, district, pct])
        MouSignature.objects.create(mou=mou, organisation=county, signed_by="Leader", signed_on=dt.date(2020, 1, 1))
    partners = Organisation.objects.bulk_create(
        [Organisation(name=f"Partner {i:03d}", slug=f"partner-{i}", kind=OrganisationKind.VOLUNTARY) for i in range(k)]
    )
    widest = MemorandumOfUnderstanding.objects.create(board=board, version=k + 1, title="Every partner signs")
    widest.required_signatories.set(partners)
    MouSignature.objects.bulk_create(
        [MouSignature(mou=widest, organisation=o, signed_by="Chair", signed_on=dt.date(2020, 1, 1)) for o in partners]
    )
    Board.objects.bulk_create(
        [Board(partnership=partnership, name=f"Group board {i:03d}", slug=f"group-board-{i}") for i in range(k)]
    )
    groups = Partnership.objects.bulk_create(
        [Partnership(name=f"Group {i:03d}", slug=f"group-{i}", purpose="x", parent=partnership) for i in range(k)]
    )
    officer.serviced_partnerships.add(*groups)
    delivery_boards = Board.objects.bulk_create(
        [Board(partnership=g, name="Delivery board", slug="delivery", layer=Layer.DELIVERY_GROUP) for g in groups]
    )
    for delivery_board in delivery_boards[:3]:
        add_members(delivery_board, 5, organisation=pct, prefix=f"{delivery_board.partnership.slug}-")
    return n


def test_the_register_uses_a_fixed_number_of_queries(client, estate, django_assert_max_num_queries):
    with django_assert_max_num_queries(REGISTER_QUERIES):
        response = client.get("/partnerships/")
    assert len(response.context["rows"]) == 2 + estate // 10  # the LSP, the partnership, its groups
    assert f"Partnership Board</a> (board, {estate} members)" in response.content.decode()


def test_the_filtered_register_uses_a_fixed_number_of_queries(client, estate, django_assert_max_num_queries):
    with django_assert_max_num_queries(REGISTER_QUERIES):
        response = client.get("/partnerships/?layer=delivery_group&statutory=no")
    assert len(response.context["rows"]) == 2 + estate // 10  # groups, with their ancestors for context


def test_the_partnership_page_uses_a_fixed_number_of_queries(
    client, estate, partnership, django_assert_max_num_queries
):
    with django_assert_max_num_queries(PARTNERSHIP_QUERIES):
        response = client.get(partnership.get_absolute_url())
    content = response.content.decode()
    assert content.count("/boards/") >= 1 + estate // 10
    assert f"Group {estate // 10 - 1:03d}" in content


def test_the_board_page_uses_a_fixed_number_of_queries(client, estate, board, django_assert_max_num_queries):
    with django_assert_max_num_queries(BOARD_QUERIES):
        response = client.get(board.get_absolute_url())
    assert len(response.context["memberships"]) == estate
    assert len(response.context["former_memberships"]) == estate // 10
    assert len(response.context["delegations"]) == estate // 10
    assert len(response.context["mous"]) == estate // 10 + 1
    content = response.content.decode()
    assert f"Deputy board-{estate - 1:04d}" in content
    # The deputy in force today, and the one before it in the deputies over time.
    assert f'New deputy {estate // 10 - 1:04d}</a><br><span class="govuk-body-s app-muted">since 1 Jan 2023' in content
    assert f"Deputy board-{estate // 10 - 1:04d}</a>, 1 Apr 2020 to 31 Dec 2022" in content


def test_the_board_page_for_its_officer_uses_a_fixed_number_of_queries(
    client: Client, estate, board, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    with django_assert_max_num_queries(BOARD_QUERIES_FOR_OFFICER):
        response = client.get(board.get_absolute_url())
    assert response.context["can_edit"]
    assert response.content.decode().count("/members/") >= 2 * estate  # edit and end links on every seat


def test_the_memorandum_page_uses_a_fixed_number_of_queries(client, estate, board, django_assert_max_num_queries):
    url = f"/partnerships/{board.partnership.slug}/boards/{board.slug}/mou/{estate // 10 + 1}/"
    with django_assert_max_num_queries(MOU_QUERIES):
        response = client.get(url)
    assert response.content.decode().count("Signed</strong>") == estate // 10
    assert "Signed by every required partner." in response.content.decode()


def test_the_officer_dashboard_uses_a_fixed_number_of_queries(
    client: Client, estate, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get("/manage/")
    assert len(response.context["partnerships"]) == 1 + estate // 10
    assert f"Partnership Board</a> ({estate})" in response.content.decode()
