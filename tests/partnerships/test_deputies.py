"""Deputies are a dated ledger (issue 8, rule 6; 001 principle 5): who deputised for a
seat, from when to when, so history answers "who could speak for Cherwell on
6 October 2005?". Changed only by deputy_appoint and deputy_end; shown on the board
page and on the public person page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from partnerships import actions
from partnerships.models import (
    DEPUTY_IS_MEMBER,
    AuditEvent,
    Board,
    Deputyship,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Person,
)
from tests.conftest import SEAT_START
from tests.pages import text_of

D = dt.date
NOW = timezone.make_aware(dt.datetime(2024, 6, 3, 10, 0))


@pytest.fixture
def cherwell(db) -> Organisation:
    return Organisation.objects.create(
        name="Cherwell District Council", slug="cherwell", kind=OrganisationKind.DISTRICT_COUNCIL
    )


@pytest.fixture
def cherwell_seat(board, cherwell, officer) -> Membership:
    """Cherwell's seat from 20 May 2004, with its first deputy from the start."""
    return actions.membership_create(
        by=officer,
        now=NOW,
        board=board,
        person=Person.objects.create(name="Cllr Carol Cherwell", organisation=cherwell),
        organisation=cherwell,
        start_date=D(2004, 5, 20),
        deputy=Person.objects.create(name="Cllr Alan First", organisation=cherwell),
    )


def person(name: str, organisation: Organisation | None = None) -> Person:
    return Person.objects.create(name=name, organisation=organisation)


# ---------------------------------------------------------------------------
# The ledger through the actions


def test_rule_6_history_answers_who_could_speak_for_cherwell_on_a_day(cherwell_seat, cherwell, officer):
    first = cherwell_seat.deputyships.get()
    assert (first.person.name, first.start_date, first.end_date) == ("Cllr Alan First", D(2004, 5, 20), None)

    second = actions.deputy_appoint(
        cherwell_seat, person=person("Cllr Beth Second", cherwell), start_date=D(2005, 9, 1), by=officer, now=NOW
    )
    first.refresh_from_db()
    assert first.end_date == D(2005, 8, 31)  # the deputy in force stops the day before
    assert (second.start_date, second.end_date) == (D(2005, 9, 1), None)

    def deputy_on(day: dt.date) -> str | None:
        deputyship = Deputyship.objects.on(day).filter(membership=cherwell_seat).select_related("person").first()
        return deputyship.person.name if deputyship else None

    assert deputy_on(D(2005, 10, 6)) == "Cllr Beth Second"
    assert deputy_on(D(2005, 8, 31)) == "Cllr Alan First"
    assert deputy_on(D(2004, 5, 19)) is None  # before the seat
    seat = Membership.objects.prefetch_related("deputyships__person").get(pk=cherwell_seat.pk)
    assert seat.deputy_on(D(2005, 10, 6)) == second.person
    assert seat.deputy_on(D(2004, 6, 1)) == first.person


def test_appointing_a_deputy_is_audited_with_the_deputyship_it_ended(cherwell_seat, officer):
    first = cherwell_seat.deputyships.get()
    newcomer = person("Cllr Beth Second")
    deputyship = actions.deputy_appoint(cherwell_seat, person=newcomer, start_date=D(2005, 9, 1), by=officer, now=NOW)
    event = AuditEvent.objects.filter(verb="deputy_appoint").get()
    assert event.at == NOW and event.actor == officer
    assert event.details == {
        "deputyship": deputyship.pk,
        "membership": cherwell_seat.pk,
        "person": newcomer.pk,
        "start_date": "2005-09-01",
        "ended": {"deputyship": first.pk, "end_date": [None, "2005-08-31"]},
    }
    assert "Cllr Beth Second is the deputy of Cllr Carol Cherwell" in event.summary


def test_one_person_cannot_deputise_for_two_organisations_of_a_board_at_once(board, cherwell_seat, cherwell, officer):
    wodc = Organisation.objects.create(name="West Oxfordshire District Council", slug="wodc")
    wodc_seat = actions.membership_create(
        by=officer,
        now=NOW,
        board=board,
        person=person("Cllr Wendy West", wodc),
        organisation=wodc,
        start_date=D(2004, 5, 20),
    )
    alan = cherwell_seat.deputyships.get().person

    with pytest.raises(ValidationError) as refused:
        actions.deputy_appoint(wodc_seat, person=alan, start_date=D(2005, 1, 1), by=officer, now=NOW)
    assert refused.value.message_dict["person"] == [
        "Cllr Alan First is the deputy for Cherwell District Council on "
        f"{board.name} (from 20 May 2004), so cannot also deputise for West Oxfordshire District Council "
        "on those dates"
    ]
    with pytest.raises(ValidationError, match="cannot also deputise for West Oxfordshire"):
        actions.membership_create(
            by=officer,
            now=NOW,
            board=board,
            person=person("Cllr Will West", wodc),
            organisation=wodc,
            start_date=D(2004, 6, 1),
            deputy=alan,
        )

    # Once Cherwell has another deputy, Alan is free to deputise for West Oxfordshire.
    actions.deputy_appoint(
        cherwell_seat, person=person("Cllr Beth Second", cherwell), start_date=D(2005, 9, 1), by=officer, now=NOW
    )
    actions.deputy_appoint(wodc_seat, person=alan, start_date=D(2005, 9, 1), by=officer, now=NOW)
    assert wodc_seat.deputyships.get().person == alan


def test_a_first_deputy_needs_no_deputyship_to_end(board, county, officer):
    seat = actions.membership_create(
        by=officer, now=NOW, board=board, person=person("Nia"), organisation=county, start_date=D(2020, 1, 1)
    )
    assert not seat.deputyships.exists()
    actions.deputy_appoint(seat, person=person("Dee"), start_date=D(2021, 1, 1), by=officer, now=NOW)
    assert list(seat.deputyships.values_list("start_date", "end_date")) == [(D(2021, 1, 1), None)]


@pytest.mark.parametrize(
    ("who", "start", "field", "message"),
    [
        ("member", D(2006, 1, 1), "person", DEPUTY_IS_MEMBER),
        ("newcomer", D(2004, 5, 19), "start_date", "The deputy cannot start before the seat starts on 20 May 2004"),
        ("newcomer", D(2004, 5, 20), "start_date", "Cllr Alan First is already the deputy from 20 May 2004"),
        ("first", D(2006, 1, 1), "person", "Cllr Alan First is already the deputy of this seat, since 20 May 2004"),
    ],
    ids=["the-member-themself", "before-the-seat", "on-the-day-of-another", "the-same-deputy-again"],
)
def test_deputy_appoint_refuses(cherwell_seat, officer, who, start, field, message):
    candidates = {
        "member": cherwell_seat.person,
        "newcomer": person("Cllr Beth Second"),
        "first": cherwell_seat.deputyships.get().person,
    }
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        actions.deputy_appoint(cherwell_seat, person=candidates[who], start_date=start, by=officer, now=NOW)
    assert message in caught.value.message_dict[field][0]
    assert cherwell_seat.deputyships.get().end_date is None  # nothing changed
    assert AuditEvent.objects.count() == events


def test_deputy_appoint_refuses_a_date_after_the_seat_ends_and_before_a_later_deputy(cherwell_seat, officer):
    actions.membership_end(cherwell_seat, by=officer, now=NOW, on=D(2008, 5, 21))
    with pytest.raises(ValidationError) as caught:
        actions.deputy_appoint(cherwell_seat, person=person("Late"), start_date=D(2008, 5, 22), by=officer, now=NOW)
    assert caught.value.message_dict == {"start_date": ["The deputy cannot start after the seat ends on 21 May 2008"]}
    actions.deputy_appoint(cherwell_seat, person=person("Beth"), start_date=D(2007, 1, 1), by=officer, now=NOW)
    with pytest.raises(ValidationError) as caught:  # would overlap Beth's deputyship
        actions.deputy_appoint(cherwell_seat, person=person("Carl"), start_date=D(2006, 1, 1), by=officer, now=NOW)
    assert caught.value.message_dict["start_date"] == [
        "Beth is already the deputy from 1 January 2007: enter a date after that"
    ]


def test_a_deputy_appointed_to_an_ended_seat_stops_with_the_seat(cherwell_seat, officer):
    actions.membership_end(cherwell_seat, by=officer, now=NOW, on=D(2008, 5, 21))
    deputyship = actions.deputy_appoint(
        cherwell_seat, person=person("Beth"), start_date=D(2007, 1, 1), by=officer, now=NOW
    )
    assert deputyship.end_date == D(2008, 5, 21)


def test_deputy_end_ends_a_deputyship_and_refuses_nonsense(cherwell_seat, officer):
    first = cherwell_seat.deputyships.get()
    with pytest.raises(ValidationError) as caught:
        actions.deputy_end(first, on=D(2004, 5, 19), by=officer, now=NOW)
    assert caught.value.message_dict == {"end_date": ["The deputyship cannot end before it starts on 20 May 2004"]}
    actions.deputy_end(first, on=D(2005, 3, 31), by=officer, now=NOW)
    first.refresh_from_db()
    assert first.end_date == D(2005, 3, 31)
    event = AuditEvent.objects.filter(verb="deputy_end").get()
    assert event.details == {
        "deputyship": first.pk,
        "membership": cherwell_seat.pk,
        "changed": {"end_date": [None, "2005-03-31"]},
    }
    with pytest.raises(ValidationError) as caught:
        actions.deputy_end(first, on=D(2005, 6, 30), by=officer, now=NOW)
    assert caught.value.message_dict == {"end_date": ["This deputyship has already ended, on 31 March 2005"]}
    assert not Deputyship.objects.on(D(2005, 4, 1)).filter(membership=cherwell_seat).exists()


def test_an_end_date_not_yet_come_may_be_put_right(cherwell_seat, cherwell, officer):
    """A last day mistyped as 31 December 2100 is not stuck for good: until it comes,
    it may be moved, and each move is audited."""
    first = cherwell_seat.deputyships.get()
    actions.deputy_end(first, on=D(2100, 12, 31), by=officer, now=NOW)

    actions.deputy_end(first, on=D(2026, 12, 31), by=officer, now=NOW)

    first.refresh_from_db()
    assert first.end_date == D(2026, 12, 31)
    moves = [event.details["changed"] for event in AuditEvent.objects.filter(verb="deputy_end").order_by("pk")]
    assert moves == [{"end_date": [None, "2100-12-31"]}, {"end_date": ["2100-12-31", "2026-12-31"]}]
    with pytest.raises(ValidationError, match="already ends on 31 December 2026"):
        actions.deputy_end(first, on=D(2026, 12, 31), by=officer, now=NOW)
    second = actions.deputy_appoint(
        cherwell_seat, person=person("Cllr Beth Second", cherwell), start_date=D(2027, 1, 1), by=officer, now=NOW
    )
    first.refresh_from_db()
    with pytest.raises(ValidationError, match="Cllr Beth Second is the deputy from 1 January 2027"):
        actions.deputy_end(first, on=D(2027, 6, 30), by=officer, now=NOW)
    assert second.start_date == D(2027, 1, 1)


def test_only_an_officer_of_the_partnership_changes_a_deputy(cherwell_seat, other_officer, member):
    first = cherwell_seat.deputyships.get()
    for user in (other_officer, member):
        with pytest.raises(PermissionDenied):
            actions.deputy_appoint(cherwell_seat, person=person("X"), start_date=D(2006, 1, 1), by=user, now=NOW)
        with pytest.raises(PermissionDenied):
            actions.deputy_end(first, on=D(2006, 1, 1), by=user, now=NOW)


# ---------------------------------------------------------------------------
# Seats and their deputies


def test_membership_create_records_the_first_deputy_from_the_seats_start(board, county, officer):
    seat = actions.membership_create(
        by=officer,
        now=NOW,
        board=board,
        person=person("Member"),
        organisation=county,
        start_date=D(2020, 4, 1),
        end_date=D(2024, 3, 31),
        deputy=person("Deputy"),
    )
    deputyship = seat.deputyships.select_related("person").get()
    assert (deputyship.person.name, deputyship.start_date, deputyship.end_date) == (
        "Deputy",
        D(2020, 4, 1),
        D(2024, 3, 31),
    )
    assert AuditEvent.objects.get().details == {
        "membership": seat.pk,
        "deputy": deputyship.person_id,
        "deputyship": deputyship.pk,
    }


def test_membership_update_no_longer_changes_a_deputy(seat, officer):
    with pytest.raises(TypeError):
        actions.membership_update(seat, by=officer, now=NOW, deputy=person("Someone"))
    assert seat.deputyships.count() == 1


def test_ending_or_shortening_a_seat_ends_its_deputy_with_it(seat, officer):
    actions.membership_end(seat, by=officer, now=NOW, on=D(2024, 5, 31))
    assert seat.deputyships.get().end_date == D(2024, 5, 31)
    event = AuditEvent.objects.get(verb="membership_end")
    assert event.details["deputyships_ended"] == {str(seat.deputyships.get().pk): [None, "2024-05-31"]}


def test_a_seat_cannot_be_moved_past_its_deputies(seat, officer):
    with pytest.raises(ValidationError) as caught:
        actions.membership_update(seat, by=officer, now=NOW, start_date=D(2021, 1, 1))
    assert caught.value.message_dict == {
        "start_date": ["Cllr Dinah Deputy is the deputy from 1 April 2020: the seat must start on or before that date"]
    }
    seat.refresh_from_db()
    assert seat.start_date == SEAT_START


def test_the_member_of_a_seat_cannot_become_its_own_deputy_by_an_edit(seat, deputy, officer):
    with pytest.raises(ValidationError) as caught:
        actions.membership_update(seat, by=officer, now=NOW, person=deputy.person)
    assert "is a deputy of this seat" in caught.value.message_dict["person"][0]


# ---------------------------------------------------------------------------
# The board page


def test_the_board_page_shows_the_deputy_in_force_and_the_deputies_over_time(client, board, seat, officer):
    later = person("Cllr Eve Later")
    actions.deputy_appoint(seat, person=later, start_date=D(2023, 1, 1), by=officer, now=NOW)
    response = client.get(board.get_absolute_url())
    page = text_of(response)
    assert "Voting Cllr Eve Later since 1 Jan 2023" in page
    assert "Designated deputies over time" in page
    assert "Cllr Dinah Deputy, 1 Apr 2020 to 31 Dec 2022" in page
    assert "Cllr Eve Later, from 1 Jan 2023" in page
    content = response.content.decode()
    # People's names lead to their page.
    for who in (seat.person, later):
        assert f'href="{reverse("person", args=[who.pk])}"' in content


def test_seats_without_a_deputy_are_counted_from_the_ledger_on_the_day(client, board, seat, officer):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    page = text_of(client.get(board.get_absolute_url()))
    assert "Seats without a deputy 0" in page
    actions.deputy_end(seat.deputyships.get(), on=yesterday, by=officer, now=NOW)
    page = text_of(client.get(board.get_absolute_url()))
    assert "Seats without a deputy 1 Cllr Mary Member (Shireshire County Council)" in page
    assert "Designated deputy" in page and "None" in page


def test_a_deputy_appointed_from_tomorrow_is_not_yet_in_force(client, board, seat, officer):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    actions.deputy_appoint(seat, person=person("Cllr Tom Orrow"), start_date=tomorrow, by=officer, now=NOW)
    page = text_of(client.get(board.get_absolute_url()))
    assert "Voting Cllr Dinah Deputy since 1 Apr 2020" in page


# ---------------------------------------------------------------------------
# The public person page


def test_the_person_page_lists_seats_their_deputies_and_seats_deputised_for(
    client, board, other_board, seat, member, deputy, district, officer, administrator
):
    actions.deputy_appoint(seat, person=person("Cllr Eve Later"), start_date=D(2023, 1, 1), by=officer, now=NOW)
    Membership.objects.create(
        board=other_board,
        person=member.person,
        organisation=district,
        role=MembershipRole.MEMBER,
        start_date=D(2015, 1, 1),
        end_date=D(2019, 12, 31),
    )
    response = client.get(reverse("person", args=[member.person.pk]))
    assert response.status_code == 200
    page = text_of(response)
    assert "Cllr Mary Member" in page and "Cabinet member" in page
    assert "Partnership Board, Health and Well-Being Partnership" in page
    assert "For Shireshire County Council Role Chair, councillor Dates From 1 April 2020" in page
    assert "Cllr Dinah Deputy: 1 April 2020 to 31 December 2022" in page
    assert "Cllr Eve Later: from 1 January 2023" in page
    assert "Commissioning Body, Supporting People Partnership" in page
    assert "Dates 1 January 2015 to 31 December 2019 Designated deputies None" in page
    assert page.index("Partnership Board,") < page.index("Commissioning Body,")  # latest seat first

    page = text_of(client.get(reverse("person", args=[deputy.person.pk])))
    assert "Deputy for" in page
    assert "Cllr Mary Member Partnership Board, Health and Well-Being Partnership Shireshire County Council" in page
    assert "1 April 2020 to 31 December 2022" in page
    assert "has held no seat on a board" in page


def test_a_person_page_for_nobody_is_a_404(client, db):
    assert client.get("/people/999999/").status_code == 404


# the person with their organisation, their seats with boards, those seats' deputyships,
# the seats they deputised for, the delegations they held; then their record in the
# published minutes and decisions: attendance (their own and as deputy, one query),
# declarations, positions
PERSON_QUERIES = 8


@pytest.mark.parametrize("n", [3, 60])
def test_the_person_page_uses_a_fixed_number_of_queries(client, partnership, county, n, django_assert_max_num_queries):
    busy = person("Busy Person", county)
    boards = Board.objects.bulk_create(
        Board(partnership=partnership, name=f"Board {i:03d}", slug=f"board-{i}") for i in range(n)
    )
    seats = Membership.objects.bulk_create(
        Membership(board=b, person=busy, organisation=county, start_date=D(2020, 1, 1)) for b in boards
    )
    deputies = Person.objects.bulk_create(Person(name=f"Deputy {i:03d}", organisation=county) for i in range(2 * n))
    Deputyship.objects.bulk_create(
        [
            Deputyship(membership=s, person=deputies[2 * i], start_date=D(2020, 1, 1), end_date=D(2021, 12, 31))
            for i, s in enumerate(seats)
        ]
        + [Deputyship(membership=s, person=deputies[2 * i + 1], start_date=D(2022, 1, 1)) for i, s in enumerate(seats)]
    )
    others = Person.objects.bulk_create(Person(name=f"Member {i:03d}", organisation=county) for i in range(n))
    their_seats = Membership.objects.bulk_create(
        Membership(board=b, person=p, organisation=county, start_date=D(2020, 1, 1))
        for b, p in zip(boards, others, strict=True)
    )
    Deputyship.objects.bulk_create(Deputyship(membership=s, person=busy, start_date=D(2020, 1, 1)) for s in their_seats)
    with django_assert_max_num_queries(PERSON_QUERIES):
        response = client.get(reverse("person", args=[busy.pk]))
    page = text_of(response)
    assert page.count("Designated deputies") == n
    assert f"Deputy {2 * n - 1:03d}: from 1 January 2022" in page
    assert f"Member {n - 1:03d} Board {n - 1:03d}" in page


# ---------------------------------------------------------------------------
# The officer's pages: change the deputy, end a deputyship


def deputy_url(seat: Membership) -> str:
    board = seat.board
    return reverse("manage:deputy_change", args=[board.partnership.slug, board.slug, seat.pk])


def test_the_edit_page_offers_change_the_deputy_with_the_history(officer_client, seat):
    board = seat.board
    response = officer_client.get(reverse("manage:membership_edit", args=[board.partnership.slug, board.slug, seat.pk]))
    page = text_of(response)
    assert "Change the deputy" in page
    assert (
        "Deputies of this seat over time Deputy From To Cllr Dinah Deputy Current 1 April 2020 While the seat is held"
        in page
    )
    assert 'name="deputy"' not in response.content.decode()  # not a field of the edit form any more
    assert deputy_url(seat) in response.content.decode()


def test_an_officer_changes_the_deputy_from_a_date(officer_client, seat, county, district, date_input):
    newcomer = person("Cllr Nora New", county)
    person("Vince Vale", district)
    response = officer_client.get(deputy_url(seat))
    assert response.status_code == 200
    content = response.content.decode()
    # The people of the seat's organisation first, then the others; never the member.
    assert content.index('optgroup label="Of Shireshire County Council"') < content.index("Cllr Nora New")
    assert content.index("Cllr Nora New") < content.index('optgroup label="Others"') < content.index("Vince Vale")
    assert f'value="{seat.person_id}"' not in content
    response = officer_client.post(deputy_url(seat), {"person": newcomer.pk, **date_input("start_date", D(2024, 9, 1))})
    assert response.status_code == 302
    assert [(d.person.name, d.start_date, d.end_date) for d in seat.deputyships.select_related("person")] == [
        ("Cllr Dinah Deputy", SEAT_START, D(2024, 8, 31)),
        ("Cllr Nora New", D(2024, 9, 1), None),
    ]
    page = text_of(officer_client.get(response["Location"]))
    assert "Cllr Nora New is the deputy of Cllr Mary Member from 1 September 2024." in page


def test_a_refused_change_of_deputy_says_why(officer_client, seat, date_input):
    response = officer_client.post(
        deputy_url(seat), {"person": seat.person.pk, **date_input("start_date", D(2024, 9, 1))}
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    assert "Choose the new designated deputy from the list" in page  # the member is not offered
    response = officer_client.post(deputy_url(seat), {"person": "", **date_input("start_date", D(2019, 9, 1))})
    assert response.status_code == 400
    assert "Choose the new deputy" in text_of(response)
    assert seat.deputyships.count() == 1


def test_an_officer_ends_a_deputyship(officer_client, seat, date_input):
    deputyship = seat.deputyships.get()
    board = seat.board
    url = reverse("manage:deputy_end", args=[board.partnership.slug, board.slug, seat.pk, deputyship.pk])
    assert url in officer_client.get(deputy_url(seat)).content.decode()
    response = officer_client.post(url, date_input("end_date", D(2019, 1, 1)))
    assert response.status_code == 400
    assert "The deputyship cannot end before it starts on 1 April 2020" in text_of(response)
    response = officer_client.post(url, date_input("end_date", D(2024, 1, 31)))
    assert response.status_code == 302
    deputyship.refresh_from_db()
    assert deputyship.end_date == D(2024, 1, 31)


def test_another_officer_cannot_open_the_deputy_pages(client, other_officer, seat):
    client.force_login(other_officer)
    assert client.get(deputy_url(seat)).status_code == 403
    board = seat.board
    url = reverse("manage:deputy_end", args=[board.partnership.slug, board.slug, seat.pk, seat.deputyships.get().pk])
    assert client.post(url, {}).status_code == 403
