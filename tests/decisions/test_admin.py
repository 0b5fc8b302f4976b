"""The back office reads decisions and never writes them (issue 7 item 5): add,
change and delete are refused to an administrator for each model, inlines too."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from decisions.models import Position, Proposal, ProposalEvent, Ratification, Round

MODELS = [Proposal, Round, Position, ProposalEvent, Ratification]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_admin_refuses_add_change_and_delete(model, administrator) -> None:
    request = RequestFactory().get("/admin/")
    request.user = administrator
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    for inline in model_admin.get_inline_instances(request):
        assert not inline.has_add_permission(request, None)
        assert not inline.has_change_permission(request)
        assert not inline.has_delete_permission(request)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_admin_add_page_is_forbidden(model, administrator, client) -> None:
    client.force_login(administrator)
    meta = model._meta
    assert client.get(f"/admin/{meta.app_label}/{meta.model_name}/add/").status_code == 403
    assert client.get(f"/admin/{meta.app_label}/{meta.model_name}/").status_code == 200
