"""The Oxfordshire demo data (`manage.py load_demo`): idempotent, and faithful to the papers."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Model
from django.utils import timezone

from accounts.models import Role, User
from demo.data.partnerships import DEMO_PASSWORD
from partnerships.access import can_edit_partnership
from partnerships.health import board_health
from partnerships.models import (
    SEATED_ROLES,
    Board,
    Layer,
    Membership,
    MembershipRole,
    MemorandumOfUnderstanding,
    Partnership,
    PartnershipStatus,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _all_counts() -> dict[str, int]:
    """Rows in every partnerships and accounts table, many-to-many tables included."""
    models: list[type[Model]] = [*apps.get_app_config("partnerships").get_models(), User]
    for model in list(models):
        models += [m2m.remote_field.through for m2m in model._meta.many_to_many]
    return {model._meta.label: model._default_manager.count() for model in models}


def _board(partnership_slug: str, board_slug: str) -> Board:
    return Board.objects.get(partnership__slug=partnership_slug, slug=board_slug)


def test_loading_twice_leaves_the_same_rows() -> None:
    first = _all_counts()
    call_command("load_demo", "--no-documents", stdout=StringIO())
    assert _all_counts() == first
    assert first["partnerships.Membership"] > 100


def test_partnership_tree_follows_the_oxfordshire_structure() -> None:
    lsp = Partnership.objects.get(slug="oxfordshire-partnership")
    assert lsp.parent is None and lsp.in_lsp
    psb = Partnership.objects.get(slug="public-service-board")
    assert psb.parent == lsp
    # 001: seven thematic partnerships report to the PSB.
    thematic = psb.children.filter(status=PartnershipStatus.ACTIVE)
    assert thematic.count() == 7
    assert set(thematic.filter(statutory=True).values_list("slug", flat=True)) == {
        "childrens-trust",
        "safer-communities-partnership",
    }
    supporting_people = Partnership.objects.get(slug="supporting-people")
    assert supporting_people.parent.slug == "health-and-well-being-partnership"  # 003 §20
    assert supporting_people.lead_accountable_body.name == "Oxfordshire County Council"  # 003 §17
    assert Partnership.objects.filter(in_lsp=False).exists()  # 004 R5
    ended = Partnership.objects.get(status=PartnershipStatus.ENDED)
    assert ended.end_date is not None and ended.parent == psb
    assert not Partnership.objects.filter(contact_email="").exists()


def test_hwbp_board_has_about_twenty_seats_some_without_deputies() -> None:
    board = _board("health-and-well-being-partnership", "board")
    current = list(board.memberships.current())
    seated = [m for m in current if m.role in SEATED_ROLES]
    assert 18 <= len(seated) <= 22  # 002 §7: "a Board of about 20 people"
    health = board_health(board, current)
    assert health.size_status == "above"  # 001 norm for a board: 12-15
    assert 2 <= len(health.seats_without_deputy) <= 3
    assert board.meetings_expected_per_year == 4 and board.is_council_committee
    assert "no executive powers" in board.terms_of_reference
    co_chairs = [m for m in seated if m.role == MembershipRole.CO_CHAIR]
    assert {m.organisation.name for m in co_chairs} == {
        "Oxfordshire County Council",
        "Oxfordshire Primary Care Trust",
    }
    assert sum(m.role == MembershipRole.USER_REPRESENTATIVE for m in seated) in (5, 6)  # 002 §6(e)
    # 002 §8: providers are invited, not members.
    assert any(m.role == MembershipRole.OBSERVER and not m.voting for m in current)
    assert board.memberships.filter(end_date__isnull=False).exists()  # history kept


def test_commissioning_body_has_eight_voting_partners_and_two_mou_versions() -> None:
    board = _board("supporting-people", "commissioning-body")
    voting = board.memberships.current().filter(voting=True, role__in=SEATED_ROLES)
    organisations = {m.organisation_id for m in voting}
    assert voting.count() == 8 and len(organisations) == 8  # 003 §7

    v1, v2 = (MemorandumOfUnderstanding.objects.get(board=board, version=n) for n in (1, 2))
    assert {o.pk for o in v1.required_signatories.all()} == organisations
    assert v1.fully_signed and v1.is_effective()
    assert "active consent of all eight" in v1.text  # 003 §11
    assert {o.pk for o in v2.required_signatories.all()} == organisations
    assert not v2.fully_signed
    # No date of its own: in effect once the last partner signs, not before (003 §7).
    assert v2.effective_from is None and not v2.is_effective() and board.effective_mou() == v1
    assert not v1.majority_fallback
    assert v2.majority_fallback and v2.fallback_from_round == 2 and v2.max_minority == 1  # 003 §19, §22
    assert 0 < len(v2.unsigned_organisations()) < 8


def test_core_strategy_group_has_two_service_users_on_a_no_vote_basis() -> None:
    board = _board("supporting-people", "core-strategy-group")
    users = board.memberships.current().filter(role=MembershipRole.USER_REPRESENTATIVE)
    assert users.count() == 2  # 003 §10
    assert not users.filter(voting=True).exists()  # 003 §22
    assert board.memberships.current().filter(role=MembershipRole.PROVIDER_REPRESENTATIVE).exists()  # 003 §9
    assert board.layer == Layer.THEMATIC_GROUP


def test_west_oxfordshire_delegation_cites_its_cabinet() -> None:
    board = _board("supporting-people", "commissioning-body")
    evidence = set(board.delegations.values_list("evidence_reference", flat=True))
    assert "Cabinet, 19 November 2009" in evidence  # 003 §22


def test_each_demo_login_has_its_role() -> None:
    expected = {
        "officer": Role.OFFICER,
        "member": Role.MEMBER,
        "deputy": Role.MEMBER,
        "scrutiny": Role.SCRUTINY,
        "admin": Role.ADMINISTRATOR,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert user.role == role
        assert user.check_password(DEMO_PASSWORD)
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser


def test_member_and_deputy_logins_hold_the_county_seat() -> None:
    seat = Membership.objects.current().get(
        board__partnership__slug="health-and-well-being-partnership",
        board__slug="board",
        person__user__username="member",
    )
    assert seat.role == MembershipRole.CO_CHAIR and seat.elected
    assert seat.deputy_on(timezone.localdate()).user.username == "deputy"


def test_officer_services_the_supporting_people_partnership() -> None:
    officer = User.objects.get(username="officer")
    supporting_people = Partnership.objects.get(slug="supporting-people")
    assert officer in supporting_people.officers.all()
    assert can_edit_partnership(officer, supporting_people)
    assert can_edit_partnership(officer, Partnership.objects.get(slug="health-and-well-being-partnership"))
    assert not can_edit_partnership(officer, Partnership.objects.get(slug="safer-communities-partnership"))


def test_command_prints_the_logins_and_password() -> None:
    out = StringIO()
    call_command("load_demo", "--no-documents", stdout=out)
    output = out.getvalue()
    for username in ("officer", "member", "deputy", "scrutiny", "admin"):
        assert username in output
    assert DEMO_PASSWORD in output
