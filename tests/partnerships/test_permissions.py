"""Who may do what (SPEC §1): the public reads, officers act only on the partnerships
they service, administrators on all; every officer action leaves an audit event;
signing in is throttled (SPEC §8 "Secure")."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from partnerships import actions
from partnerships.access import can_edit_partnership
from partnerships.models import (
    AuditEvent,
    Board,
    Delegation,
    Membership,
    MemorandumOfUnderstanding,
    MouSignature,
    Partnership,
    Person,
)

D = dt.date
NOW = timezone.make_aware(dt.datetime(2024, 6, 3, 10, 0))

# The edit and create pages of one partnership (GET), by URL name.
PARTNERSHIP_PAGES = [
    "partnership_edit",
    "board_new",
    "board_edit",
    "membership_new",
    "membership_edit",
    "membership_end",
    "delegation_new",
    "delegation_edit",
    "mou_new",
]
ALL_MANAGE_PAGES = ["dashboard", "partnership_new", *PARTNERSHIP_PAGES]
PUBLIC_PAGES = ["home", "register", "partnership", "board", "mou"]


def furnish(board: Board) -> dict[str, str]:
    """Give a board a seat, a delegation and a memorandum; return the URLs of its pages."""
    org = board.partnership.lead_accountable_body
    person = Person.objects.create(name=f"Seat holder of {board.name}", organisation=org)
    membership = Membership.objects.create(board=board, person=person, organisation=org, start_date=D(2022, 1, 1))
    delegation = Delegation.objects.create(
        organisation=org,
        person=person,
        board=board,
        scope="Agree the plan",
        valid_from=D(2022, 1, 1),
        evidence_reference="Cabinet minute 7",
    )
    mou = MemorandumOfUnderstanding.objects.create(board=board, version=1, title="Agreement")
    mou.required_signatories.set([org])
    p, b = board.partnership.slug, board.slug
    return {
        "home": reverse("home"),
        "register": reverse("register"),
        "partnership": reverse("partnership", args=[p]),
        "board": reverse("board", args=[p, b]),
        "mou": reverse("mou", args=[p, b, 1]),
        "dashboard": reverse("manage:dashboard"),
        "partnership_new": reverse("manage:partnership_new"),
        "partnership_edit": reverse("manage:partnership_edit", args=[p]),
        "board_new": reverse("manage:board_new", args=[p]),
        "board_edit": reverse("manage:board_edit", args=[p, b]),
        "membership_new": reverse("manage:membership_new", args=[p, b]),
        "membership_edit": reverse("manage:membership_edit", args=[p, b, membership.pk]),
        "membership_end": reverse("manage:membership_end", args=[p, b, membership.pk]),
        "delegation_new": reverse("manage:delegation_new", args=[p, b]),
        "delegation_edit": reverse("manage:delegation_edit", args=[p, b, delegation.pk]),
        "mou_new": reverse("manage:mou_new", args=[p, b]),
        "mou_sign": reverse("manage:mou_sign", args=[p, b, 1]),
    }


@pytest.fixture
def own(board) -> dict[str, str]:
    """Pages of the partnership ``officer`` services."""
    return furnish(board)


@pytest.fixture
def theirs(other_board) -> dict[str, str]:
    """Pages of the partnership only ``other_officer`` services."""
    return furnish(other_board)


def signature_post(organisation) -> dict[str, str]:
    return {
        "organisation": str(organisation.pk),
        "signed_by": "Jo Bloggs, Leader",
        "signed_on_0": "1",
        "signed_on_1": "5",
        "signed_on_2": "2024",
    }


# ---------------------------------------------------------------------------
# The public


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_anonymous_visitors_can_read_the_public_pages(client, own, page):
    response = client.get(own[page])
    assert response.status_code == 200
    assert "Sign in" in response.content.decode()


@pytest.mark.parametrize("page", ["partnership", "board", "mou"])
def test_anonymous_visitors_see_no_edit_controls(client, own, page):
    content = client.get(own[page]).content.decode()
    assert "/manage/partnerships/" not in content
    assert "Record a signature" not in content


@pytest.mark.parametrize("page", ALL_MANAGE_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_from_every_manage_page(client, own, page):
    response = client.get(own[page])
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={quote(own[page])}"


def test_anonymous_visitors_cannot_record_a_signature(client, own, county):
    response = client.post(own["mou_sign"], signature_post(county))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=")
    assert not MouSignature.objects.exists()


# ---------------------------------------------------------------------------
# Officers


@pytest.mark.parametrize("page", PARTNERSHIP_PAGES)
def test_an_officer_can_open_every_edit_page_of_their_own_partnership(client, officer, own, page):
    client.force_login(officer)
    assert client.get(own[page]).status_code == 200


@pytest.mark.parametrize("page", PARTNERSHIP_PAGES)
def test_an_officer_cannot_open_the_edit_pages_of_another_officers_partnership(client, officer, theirs, page):
    client.force_login(officer)
    response = client.get(theirs[page])
    assert response.status_code == 403
    assert "You do not service this partnership" in response.content.decode()


@pytest.mark.parametrize("page", PARTNERSHIP_PAGES)
def test_an_officer_cannot_post_to_another_officers_partnership(client, other_officer, own, page):
    client.force_login(other_officer)
    response = client.post(own[page], {"name": "Hijacked", "purpose": "x", "status": "active"})
    assert response.status_code == 403
    assert not AuditEvent.objects.exists()
    assert not Partnership.objects.filter(name="Hijacked").exists()
    assert not Board.objects.filter(name="Hijacked").exists()


def test_an_officer_can_record_a_signature_for_their_own_partnership(client, officer, own, county):
    client.force_login(officer)
    response = client.post(own["mou_sign"], signature_post(county))
    assert response.status_code == 302
    assert MouSignature.objects.get().recorded_by == officer


def test_an_officer_cannot_record_a_signature_for_another_officers_partnership(client, officer, theirs, district):
    client.force_login(officer)
    response = client.post(theirs["mou_sign"], signature_post(district))
    assert response.status_code == 403
    assert not MouSignature.objects.exists()


def test_recording_a_signature_needs_a_post(client, officer, own):
    client.force_login(officer)
    assert client.get(own["mou_sign"]).status_code == 405


def test_an_officer_sees_only_their_own_partnerships_on_the_dashboard(client, officer, own, theirs):
    client.force_login(officer)
    content = client.get("/manage/").content.decode()
    assert "Health and Well-Being Partnership" in content
    assert "Supporting People Partnership" not in content


def test_an_officer_sees_edit_controls_only_on_their_own_pages(client, officer, own, theirs):
    client.force_login(officer)
    assert own["partnership_edit"] in client.get(own["partnership"]).content.decode()
    assert "/manage/partnerships/" not in client.get(theirs["partnership"]).content.decode()
    assert "Record a signature" in client.get(own["mou"]).content.decode()
    assert "Record a signature" not in client.get(theirs["mou"]).content.decode()


def test_an_officer_cannot_add_a_top_level_partnership(client, officer):
    client.force_login(officer)
    data = {"name": "Rogue Partnership", "purpose": "Anything", "status": "active", "end_date_0": ""}
    response = client.post("/manage/partnerships/new/", data)
    assert response.status_code == 403
    assert "Only administrators can add a partnership at the top of the tree" in response.content.decode()
    assert not Partnership.objects.filter(name="Rogue Partnership").exists()


def test_an_officer_can_add_a_group_under_their_partnership_and_then_services_it(client, officer, partnership):
    client.force_login(officer)
    data = {"name": "Falls Prevention Group", "purpose": "Fewer falls", "parent": partnership.pk, "status": "active"}
    response = client.post("/manage/partnerships/new/", data)
    group = Partnership.objects.get(name="Falls Prevention Group")
    assert response.status_code == 302
    assert response["Location"] == group.get_absolute_url()
    assert group.parent == partnership
    assert group.slug == "falls-prevention-group"
    assert list(group.officers.all()) == [officer]
    assert client.get(reverse("manage:board_new", args=[group.slug])).status_code == 200
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor, event.partnership) == ("partnership_create", officer, group)


def test_an_officer_cannot_add_a_group_under_another_officers_partnership(client, officer, other_partnership):
    client.force_login(officer)
    data = {"name": "Sneaky Group", "purpose": "x", "parent": other_partnership.pk, "status": "active"}
    response = client.post("/manage/partnerships/new/", data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Partnership.objects.filter(name="Sneaky Group").exists()


def test_an_officer_cannot_move_their_partnership_under_one_they_do_not_service(
    client, officer, partnership, other_partnership
):
    client.force_login(officer)
    data = {"name": partnership.name, "slug": partnership.slug, "purpose": "x", "status": "active"}
    data["parent"] = other_partnership.pk
    response = client.post(reverse("manage:partnership_edit", args=[partnership.slug]), data)
    assert response.status_code == 400
    partnership.refresh_from_db()
    assert partnership.parent != other_partnership


def test_an_officer_cannot_move_their_partnership_to_the_top_of_the_tree(client, officer, lsp, partnership):
    """Only administrators add top-level partnerships (actions.partnership_create); moving a
    group out from under a partnership the officer does not service is the same act."""
    client.force_login(officer)
    data = {"name": partnership.name, "slug": partnership.slug, "purpose": "x", "status": "active", "parent": ""}
    response = client.post(reverse("manage:partnership_edit", args=[partnership.slug]), data)
    assert response.status_code in (400, 403)
    partnership.refresh_from_db()
    assert partnership.parent == lsp


def test_actions_refuse_an_officer_moving_a_partnership_to_the_top_of_the_tree(officer, lsp, partnership):
    with pytest.raises(PermissionDenied) as caught:
        actions.partnership_update(partnership, by=officer, now=NOW, parent=None)
    assert str(caught.value) == "Only administrators can move a partnership to the top of the tree."
    partnership.refresh_from_db()
    assert partnership.parent == lsp
    assert not AuditEvent.objects.exists()


def test_an_administrator_can_move_a_partnership_to_the_top_of_the_tree(administrator, lsp, partnership):
    actions.partnership_update(partnership, by=administrator, now=NOW, parent=None)
    partnership.refresh_from_db()
    assert partnership.parent is None
    event = AuditEvent.objects.get()
    assert (event.verb, event.details) == ("partnership_update", {"changed": {"parent": [lsp.pk, None]}})


# ---------------------------------------------------------------------------
# Members, scrutiny councillors, administrators


@pytest.mark.parametrize("persona", ["member", "deputy", "scrutiny"])
@pytest.mark.parametrize("page", ALL_MANAGE_PAGES)
def test_members_and_scrutiny_councillors_cannot_use_the_manage_pages(client, request, own, persona, page):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(own[page])
    assert response.status_code == 403
    assert "You cannot do this" in response.content.decode()


@pytest.mark.parametrize("persona", ["member", "scrutiny"])
def test_members_and_scrutiny_councillors_cannot_record_a_signature(client, request, own, county, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(own["mou_sign"], signature_post(county)).status_code == 403
    assert not MouSignature.objects.exists()


@pytest.mark.parametrize("page", ALL_MANAGE_PAGES + PUBLIC_PAGES)
def test_administrators_can_open_every_page(client, administrator, own, theirs, page):
    client.force_login(administrator)
    assert client.get(own[page]).status_code == 200
    assert client.get(theirs[page]).status_code == 200


def test_administrators_can_record_signatures_anywhere(client, administrator, own, theirs, county, district):
    client.force_login(administrator)
    assert client.post(own["mou_sign"], signature_post(county)).status_code == 302
    assert client.post(theirs["mou_sign"], signature_post(district)).status_code == 302
    assert MouSignature.objects.count() == 2


def test_administrators_can_add_a_top_level_partnership(client, administrator):
    client.force_login(administrator)
    data = {"name": "Community Safety Partnership", "purpose": "Safer streets", "status": "active", "statutory": "on"}
    response = client.post("/manage/partnerships/new/", data)
    assert response.status_code == 302
    created = Partnership.objects.get(name="Community Safety Partnership")
    assert created.parent is None
    assert not created.officers.exists()  # an administrator does not become its officer


def test_an_officer_whose_account_is_deactivated_can_no_longer_edit(officer, partnership):
    assert can_edit_partnership(officer, partnership)
    officer.is_active = False
    officer.save()
    assert not can_edit_partnership(officer, partnership)


# ---------------------------------------------------------------------------
# Actions refuse the wrong officer themselves (not only the views)


@pytest.fixture
def their_things(other_board, district) -> dict[str, object]:
    person = Person.objects.create(name="Pat Person", organisation=district)
    membership = Membership.objects.create(
        board=other_board, person=person, organisation=district, start_date=D(2022, 1, 1)
    )
    delegation = Delegation.objects.create(
        organisation=district,
        person=person,
        board=other_board,
        scope="Agree the plan",
        valid_from=D(2022, 1, 1),
        evidence_reference="Executive minute 3",
    )
    mou = MemorandumOfUnderstanding.objects.create(board=other_board, version=1, title="Agreement")
    mou.required_signatories.set([district])
    return {"person": person, "membership": membership, "delegation": delegation, "mou": mou}


def _new_member(t, b, u):
    return actions.membership_create(
        by=u,
        now=NOW,
        board=b,
        person=Person.objects.create(name="New Member"),
        organisation=t["person"].organisation,
        start_date=D(2024, 1, 1),
    )


def _new_delegation(t, b, u):
    return actions.delegation_create(
        by=u,
        now=NOW,
        board=b,
        organisation=t["person"].organisation,
        person=t["person"],
        scope="s",
        valid_from=D(2024, 1, 1),
        evidence_reference="e",
    )


# One call of every action, by its verb (the audit event's verb is the action's name).
CALLS = {
    "partnership_create": lambda t, b, u: actions.partnership_create(
        by=u, now=NOW, name="G", slug="g", purpose="x", parent=b.partnership
    ),
    "partnership_update": lambda t, b, u: actions.partnership_update(b.partnership, by=u, now=NOW, name="Renamed"),
    "board_create": lambda t, b, u: actions.board_create(by=u, now=NOW, partnership=b.partnership, name="N", slug="n"),
    "board_update": lambda t, b, u: actions.board_update(b, by=u, now=NOW, name="Renamed board"),
    "membership_create": _new_member,
    "membership_update": lambda t, b, u: actions.membership_update(t["membership"], by=u, now=NOW, role="chair"),
    "membership_end": lambda t, b, u: actions.membership_end(t["membership"], by=u, now=NOW, on=D(2024, 1, 1)),
    "delegation_create": _new_delegation,
    "delegation_update": lambda t, b, u: actions.delegation_update(t["delegation"], by=u, now=NOW, scope="Less"),
    "mou_create": lambda t, b, u: actions.mou_create(
        by=u, now=NOW, board=b, title="V2", required_signatories=[t["person"].organisation]
    ),
    "mou_signature_record": lambda t, b, u: actions.mou_signature_record(
        t["mou"], by=u, now=NOW, organisation=t["person"].organisation, signed_by="X", signed_on=D(2024, 1, 1)
    ),
}
WRONG_OFFICER_CALLS = CALLS


@pytest.mark.parametrize("action", WRONG_OFFICER_CALLS)
def test_actions_refuse_an_officer_who_does_not_service_the_partnership(officer, other_board, their_things, action):
    with pytest.raises(PermissionDenied):
        WRONG_OFFICER_CALLS[action](their_things, other_board, officer)
    assert not AuditEvent.objects.exists()
    their_things["membership"].refresh_from_db()
    assert their_things["membership"].end_date is None
    assert MemorandumOfUnderstanding.objects.count() == 1
    assert not MouSignature.objects.exists()


@pytest.mark.parametrize("persona", ["member", "scrutiny"])
def test_actions_refuse_members_and_scrutiny_councillors(request, other_board, their_things, persona):
    with pytest.raises(PermissionDenied):
        actions.membership_end(
            their_things["membership"], by=request.getfixturevalue(persona), now=NOW, on=D(2024, 1, 1)
        )


def test_actions_refuse_an_officer_a_top_level_partnership(officer):
    with pytest.raises(PermissionDenied):
        actions.partnership_create(by=officer, now=NOW, name="Top", slug="top", purpose="x")
    assert not Partnership.objects.filter(slug="top").exists()


# ---------------------------------------------------------------------------
# Every successful officer action writes an audit event


SUCCESSFUL_CALLS = CALLS


@pytest.mark.parametrize("verb", SUCCESSFUL_CALLS)
def test_every_successful_officer_action_writes_an_audit_event(other_officer, other_board, their_things, verb):
    SUCCESSFUL_CALLS[verb](their_things, other_board, other_officer)
    event = AuditEvent.objects.get()
    assert event.verb == verb
    assert event.actor == other_officer
    expected = Partnership.objects.get(slug="g") if verb == "partnership_create" else other_board.partnership
    assert event.partnership == expected
    assert event.summary
    assert event.at == NOW


def test_a_successful_form_post_writes_an_audit_event(client, officer, board):
    client.force_login(officer)
    data = {"name": "Officer Group", "layer": "thematic_group", "calendar": "ENG", "paper_deadline_working_days": "10"}
    response = client.post(reverse("manage:board_new", args=[board.partnership.slug]), data)
    assert response.status_code == 302
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor, event.partnership) == ("board_create", officer, board.partnership)
    assert event.summary == "Created board Officer Group"


# ---------------------------------------------------------------------------
# Signing in and out


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def test_signing_in_with_the_right_password_redirects_and_signs_in(client, officer, password):
    response = client.post("/sign-in/", {"username": "olivia", "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/manage/"  # an officer lands on their dashboard (issue 8, item 20)
    assert signed_in_user_id(client) == str(officer.pk)


def test_signing_in_follows_next(client, officer, password):
    response = client.post("/sign-in/", {"username": "olivia", "password": password, "next": "/manage/"})
    assert response["Location"] == "/manage/"
    assert client.get("/manage/").status_code == 200


def test_signing_in_never_redirects_to_another_site(client, officer, password):
    data = {"username": "olivia", "password": password, "next": "https://evil.example/steal"}
    response = client.post("/sign-in/", data)
    assert response.status_code == 302
    assert response["Location"] == "/manage/"


def test_signing_in_with_a_wrong_password_is_refused_with_a_message(client, officer):
    response = client.post("/sign-in/", {"username": "olivia", "password": "wrong"})
    assert response.status_code == 400
    assert "Enter a correct username and password" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_sign_in_is_locked_after_too_many_failures_even_with_the_right_password(client, officer, member, password):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _ in range(limit - 1):
        assert client.post("/sign-in/", {"username": "olivia", "password": "wrong"}).status_code == 400
    # The failure that reaches the limit already answers with the locked-out page.
    assert client.post("/sign-in/", {"username": "olivia", "password": "wrong"}).status_code == 429

    response = client.post("/sign-in/", {"username": "olivia", "password": password})
    assert response.status_code == 429  # django-axes AXES_HTTP_RESPONSE_CODE, with AXES_LOCKOUT_TEMPLATE
    assert "Too many attempts to sign in" in response.content.decode()
    assert signed_in_user_id(client) is None

    # The lock is per username and address: another user from the same address can sign in.
    response = client.post("/sign-in/", {"username": "mary", "password": password})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(member.pk)


def test_fewer_failures_than_the_limit_do_not_lock_the_account(client, officer, password):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/sign-in/", {"username": "olivia", "password": "wrong"})
    response = client.post("/sign-in/", {"username": "olivia", "password": password})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(officer.pk)


def test_signing_out_needs_a_post(client, officer):
    client.force_login(officer)
    assert client.get("/sign-out/").status_code == 405
    assert signed_in_user_id(client) == str(officer.pk)
    response = client.post("/sign-out/")
    assert response.status_code == 302
    assert signed_in_user_id(client) is None
    assert client.get("/manage/").status_code == 302
