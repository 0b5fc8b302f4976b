"""The back office cannot write meetings' rows: every change goes through
meetings/actions.py, so the admin refuses add, change and delete even for an
administrator (issue 7)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Declaration,
    DocumentKind,
    Meeting,
    Paper,
    PaperVersion,
    RenderedDocument,
    SentReminder,
)
from tests.factories import make_item, make_meeting, make_paper

MODELS = [
    Meeting,
    AgendaItem,
    Paper,
    PaperVersion,
    Attendance,
    Declaration,
    Action,
    RenderedDocument,
    SentReminder,
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def rows(board, seat) -> dict[type, object]:
    meeting = make_meeting(board)
    item = make_item(meeting, "Budget")
    paper = make_paper(item, "Budget report")
    return {
        Meeting: meeting,
        AgendaItem: item,
        Paper: paper,
        PaperVersion: paper.versions.get(),
        Attendance: Attendance.objects.create(meeting=meeting, membership=seat, person=seat.person),
        Declaration: Declaration.objects.create(item=item, membership=seat, nature="A director"),
        Action: Action.objects.create(
            meeting=meeting, description="Report back", owner=seat.person, due_date=meeting.date
        ),
        RenderedDocument: RenderedDocument.objects.create(meeting=meeting, kind=DocumentKind.AGENDA_PACK),
        SentReminder: SentReminder.objects.create(
            kind="paper_deadline", key="k-1", recipient="a@example.org", subject="Due", claimed_at=timezone.now()
        ),
    }


def _url(model: type, view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_admin_refuses_to_add_change_or_delete(client, administrator, rows, model) -> None:
    client.force_login(administrator)
    row = rows[model]
    count = model.objects.count()
    assert client.get(_url(model, "changelist")).status_code == 200
    assert client.get(_url(model, "add")).status_code == 403
    assert client.post(_url(model, "add"), {}).status_code == 403
    # The change page is a read-only view; posting to it changes nothing.
    assert client.get(_url(model, "change", row.pk)).status_code == 200
    assert client.post(_url(model, "change", row.pk), {}).status_code == 403
    assert client.post(_url(model, "delete", row.pk), {"post": "yes"}).status_code == 403
    assert model.objects.count() == count


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_and_inline_is_read_only(rf, administrator, model) -> None:
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = administrator
    for checked in [model_admin, *(inline(model, admin.site) for inline in model_admin.inlines)]:
        assert not checked.has_add_permission(request, None)
        assert not checked.has_change_permission(request, None)
        assert not checked.has_delete_permission(request, None)
