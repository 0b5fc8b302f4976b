"""The back office goes through the actions (issue 7): memoranda, signatures and the
audit trail are read-only in the admin, inlines too; users and roles stay editable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from partnerships import actions
from partnerships.admin import MouAdmin
from partnerships.models import AuditEvent, MemorandumOfUnderstanding, MouSignature, Person

NOW = timezone.make_aware(dt.datetime(2024, 6, 3, 10, 0))
READ_ONLY = [MemorandumOfUnderstanding, MouSignature, AuditEvent]


@pytest.fixture
def signed_mou(board, county, officer) -> MemorandumOfUnderstanding:
    mou = actions.mou_create(by=officer, now=NOW, board=board, title="MoU", required_signatories=[county])
    actions.mou_signature_record(
        mou, by=officer, now=NOW, organisation=county, signed_by="Leader", signed_on=dt.date(2024, 5, 1)
    )
    return mou


def _admin_request(administrator):
    request = RequestFactory().get("/admin/")
    request.user = administrator
    return request


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_the_admin_refuses_to_add_change_or_delete(model, administrator, signed_mou):
    model_admin = admin.site._registry[model]
    request = _admin_request(administrator)
    row = model.objects.first()
    assert row is not None
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, row)
    assert not model_admin.has_delete_permission(request, row)


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_the_admin_pages_refuse_a_write(client, model, administrator, signed_mou):
    client.force_login(administrator)
    row = model.objects.first()
    info = (model._meta.app_label, model._meta.model_name)
    assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 403
    assert client.get(reverse("admin:{}_{}_delete".format(*info), args=[row.pk])).status_code == 403
    before = model.objects.count()
    client.post(reverse("admin:{}_{}_change".format(*info), args=[row.pk]), {})
    assert model.objects.count() == before
    assert client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200


def test_the_signatures_inline_of_a_memorandum_is_read_only(administrator, signed_mou):
    request = _admin_request(administrator)
    for inline in MouAdmin(MemorandumOfUnderstanding, admin.site).get_inline_instances(request, signed_mou):
        assert not inline.has_add_permission(request, signed_mou)
        assert not inline.has_change_permission(request, signed_mou)
        assert not inline.has_delete_permission(request, signed_mou)


def test_ending_seats_in_the_admin_goes_through_the_action(client, administrator, seat):
    client.force_login(administrator)
    url = reverse("admin:partnerships_membership_changelist")
    response = client.post(url, {"action": "end_seats_today", "_selected_action": [seat.pk]})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.end_date == timezone.localdate()
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor) == ("membership_end", administrator)


def test_users_and_roles_stay_editable_in_the_admin(administrator, officer):
    model_admin = admin.site._registry[User]
    request = _admin_request(administrator)
    assert model_admin.has_add_permission(request)
    assert model_admin.has_change_permission(request, officer)


@pytest.mark.parametrize("bad", ["2026-02-30", "\n", str(2**63), "-1"])
def test_a_value_that_is_no_id_in_an_autocomplete_field_is_a_form_error_not_a_500(
    client, administrator, partnership, board, bad
):
    """Django's autocomplete widget looked the submitted value up as it came when it
    showed the refused form again (governance.admin.IdAutocompleteSelect)."""
    client.force_login(administrator)
    person = Person.objects.create(name="Cllr Pat Person")
    response = client.post(
        reverse("admin:partnerships_person_change", args=[person.pk]), {"name": "Cllr Pat Person", "organisation": bad}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
