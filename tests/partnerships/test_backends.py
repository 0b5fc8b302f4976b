"""The signed-in user is read in one query with their Person and the partnerships they
service (partnerships/backends.py), and what an officer may do still follows the
partnerships they service at the moment of each request."""

from __future__ import annotations

import pytest
from django.contrib.auth import load_backend
from django.urls import reverse

from accounts.oidc import OrganisationBackend
from partnerships.access import can_edit_partnership
from partnerships.models import Partnership
from tests.factories import make_meeting

BACKEND = "partnerships.backends.SignedInUserBackend"


@pytest.fixture
def partnerships(lsp) -> list[Partnership]:
    """Twelve partnerships, so that ids run past one digit."""
    return Partnership.objects.bulk_create(
        Partnership(name=f"Group {i:02d}", slug=f"group-{i:02d}", purpose="x", parent=lsp) for i in range(12)
    )


def test_the_user_comes_with_their_person_and_partnerships_in_one_query(
    officer, partnership, partnerships, django_assert_num_queries
):
    partnerships[10].officers.add(officer)
    partnerships[11].officers.add(officer)
    with django_assert_num_queries(1):
        user = load_backend(BACKEND).get_user(officer.pk)
        assert getattr(user, "person", None) is None
    assert user.serviced_partnership_ids == {partnership.pk, partnerships[10].pk, partnerships[11].pk}
    with django_assert_num_queries(0):
        assert can_edit_partnership(user, partnerships[11])
        assert can_edit_partnership(user, partnership)
        assert not can_edit_partnership(user, partnerships[1])


def test_a_member_comes_with_their_person_and_no_partnerships(member, partnership, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = load_backend(BACKEND).get_user(member.pk)
        assert user.person.name == "Cllr Mary Member"
    assert user.serviced_partnership_ids == frozenset()
    assert not can_edit_partnership(user, partnership)


def test_an_officer_of_no_partnership_may_edit_none(officer, partnership):
    partnership.officers.remove(officer)
    user = load_backend(BACKEND).get_user(officer.pk)
    assert user.serviced_partnership_ids == frozenset()
    assert not can_edit_partnership(user, partnership)


def test_a_deactivated_user_is_not_signed_in(officer):
    officer.is_active = False
    officer.save()
    assert load_backend(BACKEND).get_user(officer.pk) is None
    assert load_backend(BACKEND).get_user(10**9) is None


def test_the_identity_providers_sign_ins_are_read_the_same_way(officer, partnership, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = OrganisationBackend().get_user(officer.pk)
    assert user.serviced_partnership_ids == {partnership.pk}


def test_an_officer_taken_off_a_partnership_is_refused_at_the_next_request(client, officer, partnership, board):
    meeting = make_meeting(board)
    client.force_login(officer, backend=BACKEND)
    url = reverse("meetings:manage_meeting", args=[meeting.pk])
    assert client.get(url).status_code == 200
    partnership.officers.remove(officer)
    response = client.get(url)
    assert response.status_code == 403
    assert "You do not service this partnership" in response.content.decode()
    partnership.officers.add(officer)
    assert client.get(url).status_code == 200
