"""The forward plan (SPEC §6, issue 9 item 5): decisions expected at future meetings,
proposals tabled on published agendas and officers' entries, with whose ratification
each needs; public page, RSS and iCalendar; officer pages to add, change and withdraw."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from decisions import actions, queries
from decisions.models import ForthcomingDecision, Proposal
from meetings.models import ExemptCategory, MeetingStatus
from partnerships.models import AuditEvent
from tests.factories import make_item, make_meeting
from tests.pages import error_summary, text_of

pytestmark = pytest.mark.django_db


def add(board, meeting, officer, title="Adopt the youth strategy", **extra) -> ForthcomingDecision:
    return actions.forthcoming_add(
        board,
        title=title,
        summary="The board will be asked to adopt the strategy.",
        expected_meeting=meeting,
        by=officer,
        now=timezone.now(),
        **extra,
    )


def test_an_entry_at_an_announced_meeting_is_public_with_only_the_meetings_date(client, board, officer, seat):
    meeting = make_meeting(board, days=60, published=False, title="Secret title", venue="Secret venue")
    add(board, meeting, officer, needs_ratification=True, contact="Olivia Officer")

    page = text_of(client.get(reverse("decisions:forward_plan")))

    assert "Adopt the youth strategy" in page
    assert "Agenda not yet published" in page
    assert f"Needs ratification by each partner's executive body: {seat.organisation.name}." in page
    assert "Contact: Olivia Officer." in page
    assert "Secret title" not in page and "Secret venue" not in page
    assert AuditEvent.objects.filter(verb="forthcoming_add").count() == 1


def test_open_proposals_on_published_future_agendas_are_listed_and_others_are_not(client, board, officer):
    future = make_meeting(board, days=20)
    Proposal.objects.create(board=board, item=make_item(future, "Budget"), title="Agree the budget", text="Agree.")
    secret_item = make_item(future, "Land", exempt=True, exempt_category=ExemptCategory.FINANCIAL)
    Proposal.objects.create(board=board, item=secret_item, title="Sell the depot", text="Sell.")
    past = make_meeting(board, days=-20)
    Proposal.objects.create(board=board, item=make_item(past, "Old"), title="Old business", text="Agree.")

    titles = [row.title for row in queries.forward_plan(timezone.now())]

    assert titles == ["Agree the budget"]


def test_withdrawn_tabled_past_and_cancelled_entries_leave_the_plan(board, officer):
    coming = make_meeting(board, days=30, published=False)
    withdrawn = add(board, coming, officer, title="Withdrawn one")
    actions.forthcoming_withdraw(withdrawn, reason="Merged with the budget", by=officer, now=timezone.now())
    cancelled_meeting = make_meeting(board, days=40, published=False)
    add(board, cancelled_meeting, officer, title="At a cancelled meeting")
    cancelled_meeting.status = MeetingStatus.CANCELLED
    cancelled_meeting.save()
    tabled_meeting = make_meeting(board, days=50)
    add(board, tabled_meeting, officer, title="Agree the plan")
    actions.proposal_create(
        make_item(tabled_meeting, "Plan"), title="Agree the plan", text="Agree.", by=officer, now=timezone.now()
    )
    kept = add(board, coming, officer, title="Still expected")

    rows = queries.forward_plan(timezone.now())

    assert [(row.title, row.entry is not None) for row in rows] == [
        ("Still expected", True),
        ("Agree the plan", False),  # now listed as the proposal itself
    ]
    assert ForthcomingDecision.objects.get(title="Agree the plan").proposal is not None
    assert ForthcomingDecision.objects.get(pk=withdrawn.pk).withdrawn_reason == "Merged with the budget"
    assert kept.withdrawn_at is None


def test_bad_entries_are_refused_with_reasons(board, other_board, officer, other_officer):
    ours = make_meeting(board, days=30, published=False)
    theirs = make_meeting(other_board, days=30, published=False)
    held = make_meeting(board, days=-3)

    with pytest.raises(ValidationError) as blank:
        add(board, ours, officer, title="  ")
    assert "Enter the title of the decision expected" in str(blank.value)
    with pytest.raises(ValidationError) as wrong_board:
        add(board, theirs, officer)
    assert f"Select a meeting of {board.name}" in str(wrong_board.value)
    with pytest.raises(ValidationError) as past:
        add(board, held, officer)
    assert "not yet taken place" in str(past.value)
    with pytest.raises(Exception) as refused:
        add(board, ours, other_officer)
    assert refused.type.__name__ == "PermissionDenied"
    entry = add(board, ours, officer)
    with pytest.raises(ValidationError) as twice:
        add(board, ours, officer, title=entry.title.upper())
    assert "already on the forward plan for that meeting" in str(twice.value)
    actions.forthcoming_withdraw(entry, reason="No longer needed", by=officer, now=timezone.now())
    with pytest.raises(ValidationError):
        actions.forthcoming_withdraw(entry, reason="Again", by=officer, now=timezone.now())
    with pytest.raises(ValidationError):
        actions.forthcoming_update(entry, title="Reworded", by=officer, now=timezone.now())


def test_the_officer_adds_changes_and_withdraws_entries_in_the_browser_forms(officer_client, board):
    meeting = make_meeting(board, days=30, published=False)
    later = make_meeting(board, days=60, published=False)
    url = reverse("decisions:manage_forward_plan")

    refused = officer_client.post(url, {"expected_meeting": "", "title": "", "summary": "", "needs_ratification": ""})
    assert refused.status_code == 400
    summary = error_summary(refused)
    assert "Select the meeting at which the decision is expected" in summary
    assert "Enter the title of the decision expected" in summary

    form = {"expected_meeting": meeting.pk, "title": "Adopt it", "summary": "Adopt.", "needs_ratification": "no"}
    assert officer_client.post(url, form).status_code == 302
    entry = ForthcomingDecision.objects.get()

    edit = reverse("decisions:forthcoming_edit", args=[entry.pk])
    assert officer_client.get(edit).status_code == 200
    moved = {**form, "expected_meeting": later.pk}
    assert officer_client.post(edit, moved).status_code == 302
    assert ForthcomingDecision.objects.get().expected_meeting == later

    withdraw = reverse("decisions:forthcoming_withdraw", args=[entry.pk])
    assert "Enter why the decision is no longer expected" in error_summary(
        officer_client.post(withdraw, {"reason": ""})
    )
    assert officer_client.post(withdraw, {"reason": "Dropped"}).status_code == 302
    assert "withdrawn" in text_of(officer_client.get(url))


def test_the_forward_plan_form_gives_govuk_messages_for_values_no_field_offers(officer_client, officer, board):
    """Hostile review F6: a radio answer that is not offered, or a title or contact too
    long, got Django's "Select a valid choice. maybe is not one of the available
    choices." and "Ensure this value has at most 300 characters (it has 301)."."""
    meeting = make_meeting(board, days=30, published=False)
    url = reverse("decisions:manage_forward_plan")
    form = {
        "expected_meeting": meeting.pk,
        "title": "T" * 301,
        "summary": "Adopt.",
        "needs_ratification": "maybe",
        "contact": "C" * 201,
    }

    for page in (url, None):
        if page is None:  # the edit form is the same form
            entry = add(board, meeting, officer)
            page = reverse("decisions:forthcoming_edit", args=[entry.pk])
        refused = officer_client.post(page, form)
        assert refused.status_code == 400
        summary = error_summary(refused)
        assert "Title must be 300 characters or fewer" in summary
        assert "Select yes if each partner&#x27;s executive body must ratify the decision" in summary
        assert "Contact must be 200 characters or fewer" in summary
        body = refused.content.decode()
        assert "Ensure this value" not in body and "valid choice" not in body
    assert ForthcomingDecision.objects.count() == 1


def test_another_partnerships_officer_cannot_touch_an_entry(client, board, officer, other_officer):
    entry = add(board, make_meeting(board, days=30, published=False), officer)
    client.force_login(other_officer)
    assert client.get(reverse("decisions:forthcoming_edit", args=[entry.pk])).status_code == 403
    assert client.post(reverse("decisions:forthcoming_withdraw", args=[entry.pk]), {"reason": "x"}).status_code == 403


def test_the_forward_plan_feeds(client, board, officer):
    meeting = make_meeting(board, days=30, published=False)
    add(board, meeting, officer)

    rss = client.get(reverse("decisions:forward_plan_rss"))
    titles = [item.findtext("title") for item in ET.fromstring(rss.content).iter("item")]
    ics = client.get(reverse("decisions:forward_plan_ics")).content.decode()

    day = timezone.localtime(meeting.start)
    assert titles == [f"Adopt the youth strategy: expected {day:%-d %B %Y}"]
    assert "SUMMARY:Decision expected: Adopt the youth strategy" in ics
    assert f"DTSTART;VALUE=DATE:{day:%Y%m%d}" in ics


def test_an_unknown_partnership_filter_says_so(client, db):
    response = client.get(reverse("decisions:forward_plan"), {"partnership": "nowhere"})
    assert response.status_code == 200
    assert "There is no partnership with that name" in text_of(response)


@pytest.mark.parametrize("rows", [10, 200])
def test_the_forward_plan_uses_a_bounded_number_of_queries(
    client, board, officer, seat, rows, django_assert_max_num_queries
):
    start = timezone.now() + dt.timedelta(days=5)
    for n in range(rows):
        meeting = make_meeting(board, start + dt.timedelta(days=n), published=n % 2 == 0)
        if n % 2:
            add(board, meeting, officer, title=f"Entry {n}", needs_ratification=True)
        else:
            Proposal.objects.create(
                board=board, item=make_item(meeting, f"Item {n}"), title=f"Proposal {n}", text="Agree.", big_ticket=True
            )
    with django_assert_max_num_queries(8):
        response = client.get(reverse("decisions:forward_plan"))
    assert len(response.context["rows"]) == rows
