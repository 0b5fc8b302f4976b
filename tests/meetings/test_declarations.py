"""Declarations of interest (SPEC §4): a member declares on an item of their board's
agenda (nature, whether they withdraw); an officer of the partnership may record one for
any member of the board; nobody else may; a second declaration on the same item is a
form error, never a 500."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from meetings.forms import DeclarationForm
from meetings.models import AgendaItem, Declaration, ExemptCategory, Meeting, MeetingStatus
from partnerships.models import AuditEvent, Deputyship, Membership, MembershipRole, Person
from tests.factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(board) -> Meeting:
    return make_meeting(board, days=14)


@pytest.fixture
def item(meeting) -> AgendaItem:
    return AgendaItem.objects.create(meeting=meeting, order=1, title="Award of the home care contract")


@pytest.fixture
def exempt_item(meeting) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting, order=2, title="Tender prices", exempt=True, exempt_category=ExemptCategory.FINANCIAL
    )


@pytest.fixture
def district_seat(board, district, add_members) -> Membership:
    """Another member of the same board, for the district council."""
    return add_members(board, 1, organisation=district, role=MembershipRole.MEMBER, prefix="district-")[0]


def declare_url(item: AgendaItem) -> str:
    return reverse("meetings:declare", args=[item.meeting_id, item.pk])


def officer_url(item: AgendaItem) -> str:
    return reverse("meetings:declaration_new", args=[item.meeting_id, item.pk])


def who(seat: Membership, person=None) -> str:
    """The officer form's choice of declarer: the seat and the person declaring."""
    return f"{seat.pk}:{(person or seat.person).pk}"


DECLARATION = {"nature": "My husband is a director of a home care provider", "withdraws": "yes"}


# ---------------------------------------------------------------------------
# A member declares her own interest


def test_the_routes_have_the_agreed_addresses(item):
    assert declare_url(item) == f"/my/meetings/{item.meeting_id}/items/{item.pk}/declare/"
    assert officer_url(item) == f"/manage/meetings/{item.meeting_id}/items/{item.pk}/declarations/new/"


def test_the_declaration_form_asks_the_nature_and_whether_she_withdraws(client, member, seat, item):
    client.force_login(member)
    response = client.get(declare_url(item))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Award of the home care contract" in page
    assert '<label for="id_nature" class="govuk-label govuk-label--s">' in page
    assert '<div class="govuk-radios">' in page
    assert re.search(
        r'value="yes"\s*>\s*<label class="govuk-label govuk-radios__label" for="id_withdraws_1">\s*Yes', page
    )
    assert re.search(
        r'value="no"\s*>\s*<label class="govuk-label govuk-radios__label" for="id_withdraws_2">\s*No', page
    )
    assert page.count('name="csrfmiddlewaretoken"') == 2  # the sign-out form and this one
    assert "Will you withdraw from the meeting for this item?" in page


def test_a_member_declares_an_interest_and_withdraws(client, member, seat, item):
    client.force_login(member)
    response = client.post(declare_url(item), DECLARATION)
    assert response.status_code == 302
    assert response.url == reverse("meetings:member_home")
    declaration = Declaration.objects.get()
    assert declaration.membership == seat
    assert declaration.item == item
    assert declaration.nature == DECLARATION["nature"]
    assert declaration.withdraws is True
    assert declaration.recorded_by == member
    assert AuditEvent.objects.filter(verb="declaration_record").count() == 1
    page = client.get(response.url).content.decode()
    assert "My husband is a director of a home care provider" in page


def test_a_member_declares_on_an_exempt_item_without_withdrawing(client, member, seat, exempt_item):
    client.force_login(member)
    response = client.post(declare_url(exempt_item), {**DECLARATION, "withdraws": "no"})
    assert response.status_code == 302
    assert Declaration.objects.get().withdraws is False


def test_a_member_declares_at_a_meeting_that_has_been_held(client, member, seat, board):
    held = make_meeting(board, status=MeetingStatus.HELD, days=-1)
    item = AgendaItem.objects.create(meeting=held, order=1, title="Minutes of the last meeting")
    client.force_login(member)
    assert client.post(declare_url(item), DECLARATION).status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"withdraws": "yes"}, "Enter the nature of the interest"),
        ({"nature": "   ", "withdraws": "yes"}, "Enter the nature of the interest"),
        ({"nature": "A shareholding"}, "Select yes if you will withdraw for this item"),
        ({"nature": "A shareholding", "withdraws": "maybe"}, "Select yes if you will withdraw for this item"),
    ],
)
def test_missing_answers_are_form_errors(client, member, seat, item, data, message):
    client.force_login(member)
    response = client.post(declare_url(item), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    assert not Declaration.objects.exists()


def test_a_second_declaration_on_the_same_item_is_a_form_error(client, member, seat, item):
    client.force_login(member)
    client.post(declare_url(item), DECLARATION)
    response = client.post(declare_url(item), {**DECLARATION, "nature": "Something else"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "You have already declared an interest on this item" in page
    assert Declaration.objects.count() == 1


def test_the_unique_rule_of_the_action_is_a_form_error_too(client, member, seat, item, monkeypatch):
    """If two submissions race past the form's check, the action's unique check
    (declaration_once_per_item) answers, and the view turns it into a form error."""
    Declaration.objects.create(item=item, membership=seat, nature="First")
    monkeypatch.setattr(DeclarationForm, "clean", lambda form: form.cleaned_data)
    client.force_login(member)
    response = client.post(declare_url(item), DECLARATION)
    assert response.status_code == 400
    assert "An interest has already been declared for this member on this item" in response.content.decode()
    assert Declaration.objects.count() == 1


# ---------------------------------------------------------------------------
# Who may not declare, and when not


def test_declaring_needs_signing_in(client, item):
    response = client.get(declare_url(item))
    assert response.status_code == 302
    assert response.url.startswith(reverse("sign-in"))


def test_someone_who_neither_sits_nor_deputises_cannot_declare(client, deputy, seat, item):
    Deputyship.objects.filter(membership=seat).update(end_date=dt.date(2021, 3, 31))  # no longer her deputy
    client.force_login(deputy)
    response = client.post(declare_url(item), DECLARATION)
    assert response.status_code == 403
    assert "deputy at this meeting, so you cannot declare an interest" in response.content.decode()
    assert not Declaration.objects.exists()


def test_a_user_with_no_linked_person_cannot_declare(client, scrutiny, seat, item):
    client.force_login(scrutiny)
    response = client.post(declare_url(item), DECLARATION)
    assert response.status_code == 403
    assert "not linked to a board seat" in response.content.decode()


def test_a_member_of_another_board_cannot_declare(client, member, other_board, county):
    Membership.objects.create(
        board=other_board, person=member.person, organisation=county, start_date=dt.date(2020, 1, 1)
    )
    item = AgendaItem.objects.create(meeting=make_meeting(other_board), order=1, title="Something")
    foreign = AgendaItem.objects.create(meeting=make_meeting(other_board), order=1, title="Elsewhere")
    client.force_login(member)
    assert client.post(declare_url(item), DECLARATION).status_code == 302  # her own seat there
    Membership.objects.filter(board=other_board).update(end_date=dt.date(2020, 12, 31))
    assert client.post(declare_url(foreign), DECLARATION).status_code == 403


@pytest.mark.parametrize("status", [MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED, MeetingStatus.MINUTES_APPROVED])
def test_no_declarations_before_the_agenda_is_published_or_after_the_minutes_are_approved(
    client, member, seat, board, status
):
    item = AgendaItem.objects.create(meeting=make_meeting(board, status=status), order=1, title="Not open")
    client.force_login(member)
    response = client.post(declare_url(item), DECLARATION)
    assert response.status_code == 403
    assert "once the agenda is published" in response.content.decode()
    assert not Declaration.objects.exists()


def test_an_item_of_another_meeting_is_not_found(client, member, seat, board, item):
    other = make_meeting(board, days=30)
    client.force_login(member)
    response = client.get(reverse("meetings:declare", args=[other.pk, item.pk]))
    assert response.status_code == 404


# ---------------------------------------------------------------------------
# An officer records a declaration for a member


def test_an_officer_records_a_declaration_for_a_member(client, officer, seat, district_seat, item):
    client.force_login(officer)
    page = client.get(officer_url(item)).content.decode()
    assert "Cllr Mary Member (Shireshire County Council)" in page
    assert "Member district-0000 (Vale District Council)" in page
    response = client.post(officer_url(item), {**DECLARATION, "declarer": who(district_seat), "withdraws": "no"})
    assert response.status_code == 302
    assert response.url == officer_url(item)
    declaration = Declaration.objects.get()
    assert declaration.membership == district_seat
    assert declaration.recorded_by == officer
    assert declaration.withdraws is False
    page = client.get(response.url).content.decode()
    assert "The declaration of Member district-0000 is recorded." in page
    assert "My husband is a director" in page  # listed under the declarations already recorded


def test_an_officer_must_choose_the_member(client, officer, seat, item):
    client.force_login(officer)
    response = client.post(officer_url(item), DECLARATION)
    assert response.status_code == 400
    assert "Choose who declares the interest" in response.content.decode()


def test_an_officer_can_choose_only_a_current_member_of_this_board(client, officer, seat, item, other_board, county):
    stranger = Membership.objects.create(
        board=other_board, person=seat.person, organisation=county, start_date=dt.date(2020, 1, 1)
    )
    client.force_login(officer)
    response = client.post(officer_url(item), {**DECLARATION, "declarer": who(stranger)})
    assert response.status_code == 400
    assert "Choose who declares the interest from the list" in response.content.decode()
    assert not Declaration.objects.exists()


def test_a_duplicate_recorded_by_an_officer_is_a_form_error(client, officer, seat, item):
    Declaration.objects.create(item=item, membership=seat, nature="Already declared")
    client.force_login(officer)
    response = client.post(officer_url(item), {**DECLARATION, "declarer": who(seat)})
    assert response.status_code == 400
    assert "An interest has already been declared for this member on this item" in response.content.decode()
    assert Declaration.objects.count() == 1


def test_an_officer_of_another_partnership_cannot_record_a_declaration(client, other_officer, seat, item):
    client.force_login(other_officer)
    response = client.post(officer_url(item), {**DECLARATION, "declarer": who(seat)})
    assert response.status_code == 403
    assert not Declaration.objects.exists()


def test_a_member_cannot_record_someone_elses_declaration(client, member, seat, district_seat, item):
    client.force_login(member)
    response = client.post(officer_url(item), {**DECLARATION, "declarer": who(district_seat)})
    assert response.status_code == 403
    response = client.post(officer_url(item), {**DECLARATION, "declarer": who(seat)})
    assert response.status_code == 403
    assert not Declaration.objects.exists()


# ---------------------------------------------------------------------------
# A deputy attending for a seat declares her own interest (issue 8 items 4 and 6)


def test_a_deputy_declares_her_own_interest_for_the_seat_she_deputises_for(client, deputy, seat, item):
    client.force_login(deputy)
    page = client.get(declare_url(item))
    assert page.status_code == 200
    assert "Deputy for Cllr Mary Member (Shireshire County Council)" in page.content.decode()
    response = client.post(declare_url(item), DECLARATION)
    assert response.status_code == 302
    declaration = Declaration.objects.get()
    assert declaration.membership == seat and declaration.person == deputy.person
    assert declaration.by_deputy
    event = AuditEvent.objects.get(verb="declaration_record")
    assert event.details["person"] == deputy.person.pk
    assert "as deputy for Cllr Mary Member" in event.summary
    # Her declaration and the member's are two: each withdraws for herself.
    assert client.post(declare_url(item), DECLARATION).status_code == 400


def test_a_deputy_recorded_as_attending_for_a_seat_may_declare_for_it(client, board, seat, item, scrutiny, county):
    from meetings.models import Attendance, AttendanceStatus
    from partnerships.models import Person

    stand_in = Person.objects.create(name="Della Delegate", organisation=county, user=scrutiny)
    client.force_login(scrutiny)
    assert client.get(declare_url(item)).status_code == 403
    Attendance.objects.create(
        meeting=item.meeting,
        membership=seat,
        person=seat.person,
        organisation=county,
        status=AttendanceStatus.DEPUTY,
        deputy=stand_in,
    )
    assert client.post(declare_url(item), DECLARATION).status_code == 302
    assert Declaration.objects.get().person == stand_in


def test_a_member_who_also_deputises_chooses_the_seat(client, member, seat, board, district, item):
    other = Membership.objects.create(
        board=board,
        person=Person.objects.create(name="Cllr Vera Vale", organisation=district),
        organisation=district,
        start_date=dt.date(2020, 1, 1),
    )
    Deputyship.objects.create(membership=other, person=member.person, start_date=dt.date(2020, 1, 1))
    client.force_login(member)
    page = client.get(declare_url(item)).content.decode()
    assert "For which seat do you declare it?" in page
    assert "As deputy for Cllr Vera Vale (Vale District Council)" in page
    refused = client.post(declare_url(item), DECLARATION)
    assert refused.status_code == 400
    assert "Choose the seat you declare the interest for" in refused.content.decode()
    assert (
        client.post(declare_url(item), {**DECLARATION, "declarer": f"{other.pk}:{member.person.pk}"}).status_code == 302
    )
    declaration = Declaration.objects.get()
    assert declaration.membership == other and declaration.person == member.person


def test_an_officer_records_a_deputys_declaration(client, officer, seat, deputy, item):
    client.force_login(officer)
    page = client.get(officer_url(item)).content.decode()
    assert "Cllr Dinah Deputy, deputy for Cllr Mary Member (Shireshire County Council)" in page
    response = client.post(officer_url(item), {**DECLARATION, "declarer": who(seat, deputy.person)})
    assert response.status_code == 302
    assert Declaration.objects.get().person == deputy.person


def test_the_action_refuses_someone_who_neither_sits_nor_deputises_for_the_seat(officer, seat, item, scrutiny):
    from django.core.exceptions import ValidationError

    from meetings.actions import declaration_record
    from partnerships.models import Person

    stranger = Person.objects.create(name="Stan Stranger")
    with pytest.raises(ValidationError, match="Stan Stranger was neither the member for this seat nor its deputy"):
        declaration_record(item, by=officer, membership=seat, person=stranger, nature="x", withdraws=False)


def test_the_nature_of_an_interest_is_at_most_2000_characters(client, member, seat, item, officer):
    from django.core.exceptions import ValidationError

    from meetings.actions import declaration_record

    client.force_login(member)
    response = client.post(declare_url(item), {**DECLARATION, "nature": "x" * 2001})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The nature of the interest must be 2,000 characters or fewer" in page
    assert "Ensure this value" not in page
    assert 'data-maxlength="2000"' in page  # the GOV.UK character count
    with pytest.raises(ValidationError, match="2,000 characters or fewer"):
        declaration_record(item, by=officer, membership=seat, nature="x" * 2001, withdraws=False)
    assert client.post(declare_url(item), {**DECLARATION, "nature": "x" * 2000}).status_code == 302


def test_withdrawn_gives_who_declared_and_withdrew_on_an_item(seat, deputy, district_seat, item):
    from meetings.queries import withdrawn

    Declaration.objects.create(item=item, membership=seat, nature="Member", withdraws=True)
    Declaration.objects.create(item=item, membership=seat, person=deputy.person, nature="Deputy", withdraws=True)
    Declaration.objects.create(item=item, membership=district_seat, nature="Stays", withdraws=False)
    assert withdrawn(item.pk) == {(seat.pk, seat.person_id), (seat.pk, deputy.person.pk)}
    assert withdrawn(item.pk + 1000) == set()


def test_a_deputys_declaration_is_minuted_as_hers(seat, deputy, item):
    from django.utils import timezone

    from meetings.models import DocumentKind
    from meetings.pdf import content_for

    Declaration.objects.create(item=item, membership=seat, person=deputy.person, nature="Owns shares")
    Meeting.objects.filter(pk=item.meeting_id).update(
        status=MeetingStatus.MINUTES_PUBLISHED, minutes_published_at=timezone.now()
    )
    minutes = content_for(Meeting.objects.get(pk=item.meeting_id), DocumentKind.MINUTES)
    assert minutes is not None
    [entry] = minutes.data["items"][0]["declarations"]
    assert entry["name"] == "Cllr Dinah Deputy" and entry["deputy_for"] == "Cllr Mary Member"


@pytest.mark.parametrize("n", [3, 30])
def test_the_declaration_pages_take_a_bounded_number_of_queries(
    client, officer, member, seat, board, county, add_members, item, django_assert_max_num_queries, n
):
    others = add_members(board, n, organisation=county)
    for other in others[:3]:
        Declaration.objects.create(item=item, membership=other, nature="Shares")
    client.force_login(officer)
    with django_assert_max_num_queries(8):
        page = client.get(officer_url(item))
    assert page.status_code == 200
    assert page.content.decode().count("<option") == 1 + 2 * (n + 1)  # the empty choice, a member and a deputy a seat
    client.force_login(member)
    with django_assert_max_num_queries(8):
        assert client.get(declare_url(item)).status_code == 200
