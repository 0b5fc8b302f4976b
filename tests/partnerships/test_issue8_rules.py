"""Issue 8 in the partnerships app: the audit trail cannot be rewritten (rule 7), the
memorandum's rule combinations are refused by the model, not only the form (rule 10),
a signature cannot be dated in the future (rule 2), an officer can seat someone not yet
in the system (item 13), the forms speak GOV.UK (item 17), and the register and the
board health agree on what a member is (item 24)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from decisions.rules import DecisionRules, rule_errors
from partnerships import actions, queries
from partnerships.actions import NewPerson
from partnerships.models import (
    AuditEvent,
    Membership,
    MembershipRole,
    MemorandumOfUnderstanding,
    MouSignature,
    Person,
)
from tests.pages import text_of

D = dt.date
NOW = timezone.make_aware(dt.datetime(2024, 6, 3, 10, 0))
TODAY = timezone.localdate(NOW)


# ---------------------------------------------------------------------------
# Rule 7: the audit trail is append-only, in the database itself


def test_rule_7_audit_trail_is_append_only(board, officer):
    actions.board_update(board, by=officer, now=NOW, paper_deadline_working_days=5)
    event = AuditEvent.objects.get()
    original = (event.verb, event.summary, event.details)

    event.summary = "Nothing happened"
    with pytest.raises(DatabaseError), transaction.atomic():
        event.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(details={})
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()

    stored = AuditEvent.objects.get()
    assert (stored.verb, stored.summary, stored.details) == original


def test_deleting_a_user_or_partnership_with_an_audit_trail_is_refused_not_a_database_error(
    board, officer, other_partnership, administrator
):
    """The trail's links were SET_NULL: deleting its actor made the database refuse an
    UPDATE of the trail (a 500). They are PROTECT now: deactivate a user instead."""
    actions.board_update(board, by=officer, now=NOW, paper_deadline_working_days=5)
    with pytest.raises(ProtectedError), transaction.atomic():
        officer.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        board.partnership.officers.clear()
        AuditEvent.objects.get().partnership.delete()
    assert AuditEvent.objects.get().actor == officer


# ---------------------------------------------------------------------------
# Rule 10: the memorandum's rule combinations are refused by the model and the engine


@pytest.mark.parametrize(
    ("rules", "errors"),
    [
        (DecisionRules(), {}),
        (DecisionRules(majority_fallback=True, max_minority=1), {}),  # 003 §22
        (DecisionRules(escalation_required=True, escalation_body="the Chief Executives"), {}),
        (
            DecisionRules(max_minority=1),
            {"max_minority": "A limit on objections applies only when a majority may decide"},
        ),
        (DecisionRules(escalation_required=True), {"escalation_body": "Enter who the disagreement is escalated to"}),
        (
            DecisionRules(escalation_required=True, escalation_body="   "),
            {"escalation_body": "Enter who the disagreement is escalated to"},
        ),
        (
            DecisionRules(active_consent=True, quorum=3),
            {"quorum": "A quorum applies only when decisions do not need the active consent of every voter"},
        ),
        (DecisionRules(active_consent=False, quorum=3), {}),
    ],
)
def test_rule_errors_is_the_one_rule_for_combinations(rules, errors):
    assert rule_errors(rules) == errors


def test_rule_10_mou_rule_combinations_refused_by_the_model(board, county, officer):
    # The model, without any form: full_clean refuses through decisions.rules.rule_errors.
    capped = MemorandumOfUnderstanding(board=board, version=1, title="MoU", max_minority=1, majority_fallback=False)
    with pytest.raises(ValidationError) as caught:
        capped.full_clean()
    assert caught.value.message_dict == {
        "max_minority": ["A limit on objections applies only when a majority may decide"]
    }
    unnamed = MemorandumOfUnderstanding(board=board, version=1, title="MoU", escalation_required=True)
    with pytest.raises(ValidationError) as caught:
        unnamed.full_clean()
    assert caught.value.message_dict == {"escalation_body": ["Enter who the disagreement is escalated to"]}

    # The action, without any form.
    with pytest.raises(ValidationError) as caught:
        actions.mou_create(
            by=officer,
            now=NOW,
            board=board,
            title="MoU",
            required_signatories=[county],
            max_minority=1,
            escalation_required=True,
        )
    assert set(caught.value.message_dict) == {"max_minority", "escalation_body"}
    assert not MemorandumOfUnderstanding.objects.exists()
    assert not AuditEvent.objects.exists()

    # The same rules, held together, pass.
    mou = actions.mou_create(
        by=officer,
        now=NOW,
        board=board,
        title="MoU",
        required_signatories=[county],
        majority_fallback=True,
        max_minority=1,
        escalation_required=True,
        escalation_body="the local authority Chief Executives",
    )
    assert mou.decision_rules().max_minority == 1


def test_a_memorandum_with_a_value_out_of_range_says_so_instead_of_failing(board):
    mou = MemorandumOfUnderstanding(board=board, version=1, title="MoU", voting_unit="nonsense", majority_fallback=True)
    with pytest.raises(ValidationError) as caught:
        mou.full_clean()
    assert list(caught.value.message_dict) == ["voting_unit"]


# ---------------------------------------------------------------------------
# Rule 2: a signature cannot be dated after the day it is recorded


@pytest.fixture
def mou(board, county, officer) -> MemorandumOfUnderstanding:
    return actions.mou_create(by=officer, now=NOW, board=board, title="MoU", required_signatories=[county])


def test_rule_2_signature_in_the_future_refused(mou, county, officer, officer_client, date_input):
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        actions.mou_signature_record(
            mou, by=officer, now=NOW, organisation=county, signed_by="Leader", signed_on=tomorrow
        )
    assert caught.value.message_dict == {"signed_on": ["The date signed must be today or in the past"]}
    assert not MouSignature.objects.exists()

    # Through the page, on the field, with today's date as "now".
    url = reverse("manage:mou_sign", args=[mou.board.partnership.slug, mou.board.slug, mou.version])
    next_week = timezone.localdate() + dt.timedelta(days=7)
    response = officer_client.post(
        url, {"organisation": county.pk, "signed_by": "Leader", **date_input("signed_on", next_week)}
    )
    assert response.status_code == 400
    assert "The date signed must be today or in the past" in text_of(response)
    assert not MouSignature.objects.exists()

    # Today is allowed.
    actions.mou_signature_record(mou, by=officer, now=NOW, organisation=county, signed_by="Leader", signed_on=TODAY)
    assert MouSignature.objects.get().signed_on == TODAY


# ---------------------------------------------------------------------------
# Item 13: a person not yet in the system, added on the membership form


def members_url(board) -> str:
    return reverse("manage:membership_new", args=[board.partnership.slug, board.slug])


def seat_post(organisation, date_input, **extra) -> dict[str, object]:
    return {
        "organisation": organisation.pk,
        "role": MembershipRole.MEMBER,
        "seniority": "cabinet_member",
        "voting": "on",
        **date_input("start_date", D(2024, 5, 22)),
        **date_input("end_date", None),
        **extra,
    }


def test_an_officer_seats_a_newly_elected_councillor_not_yet_in_the_system(officer_client, board, county, date_input):
    data = seat_post(
        county,
        date_input,
        person="",
        new_person_name="Cllr Nadia Newly",
        new_person_job_title="Cabinet member for adult social care",
        new_person_email="nadia.newly@example.org",
    )
    response = officer_client.post(members_url(board), data)
    assert response.status_code == 302
    newcomer = Person.objects.get(name="Cllr Nadia Newly")
    # Her employer is the organisation she represents unless another is chosen.
    assert (newcomer.job_title, newcomer.organisation, newcomer.email) == (
        "Cabinet member for adult social care",
        county,
        "nadia.newly@example.org",
    )
    seat = Membership.objects.get(board=board, person=newcomer)
    assert seat.start_date == D(2024, 5, 22)
    assert list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True)) == [
        "person_create",
        "membership_create",
    ]
    assert "Cllr Nadia Newly has been added to Partnership Board." in text_of(
        officer_client.get(board.get_absolute_url())
    )


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"person": ""}, "person", "Choose the member, or add a person not yet in the system"),
        (
            {"person": "member", "new_person_name": "Someone Else"},
            "person",
            "Choose a person from the list or add a new person, not both",
        ),
        (
            {"person": "", "new_person_job_title": "Councillor"},
            "new_person_name",
            "Enter the full name of the new person",
        ),
        (
            {"person": "", "new_person_name": "Cllr Nadia Newly", "new_person_email": "not an email"},
            "new_person_email",
            "Enter an email address in the correct format, like name@example.org",
        ),
    ],
    ids=["neither", "both", "no-name", "bad-email"],
)
def test_the_membership_form_says_clearly_when_both_or_neither_are_given(
    officer_client, board, county, member, date_input, extra, field, message
):
    if extra.get("person") == "member":
        extra = {**extra, "person": member.person.pk}
    response = officer_client.post(members_url(board), seat_post(county, date_input, **extra))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert "There is a problem" in text_of(response)
    assert not Membership.objects.exists()
    assert not Person.objects.exclude(pk=member.person.pk).exists()


def test_the_new_person_and_the_seat_are_one_transaction(board, county, officer):
    with pytest.raises(ValidationError):
        actions.membership_create(
            by=officer,
            now=NOW,
            board=board,
            person=NewPerson(name="Cllr Nadia Newly", organisation=county),
            organisation=county,
            start_date=D(2024, 5, 22),
            end_date=D(2024, 5, 1),  # before the start: the seat is refused
        )
    assert not Person.objects.filter(name="Cllr Nadia Newly").exists()
    assert not AuditEvent.objects.exists()


def test_person_create_is_audited_and_refuses_duplicates_and_non_officers(county, officer, member, partnership):
    person = actions.person_create(
        by=officer, now=NOW, name="  Cllr Nadia Newly ", organisation=county, partnership=partnership
    )
    assert person.name == "Cllr Nadia Newly"
    event = AuditEvent.objects.get()
    assert (event.verb, event.partnership, event.details) == ("person_create", partnership, {"person": person.pk})
    with pytest.raises(ValidationError) as caught:
        actions.person_create(by=officer, now=NOW, name="cllr nadia newly", organisation=county)
    assert caught.value.message_dict == {
        "name": ["Cllr Nadia Newly of Shireshire County Council is already in the system: choose them from the list"]
    }
    with pytest.raises(ValidationError) as caught:
        actions.person_create(by=officer, now=NOW, name=" ")
    assert caught.value.message_dict == {"name": ["Enter the person's full name"]}
    with pytest.raises(PermissionDenied):
        actions.person_create(by=member, now=NOW, name="Anyone")


def test_a_refused_new_person_is_shown_on_the_new_persons_fields(officer_client, board, county, date_input):
    Person.objects.create(name="Cllr Nadia Newly", organisation=county)
    data = seat_post(county, date_input, person="", new_person_name="Cllr Nadia Newly")
    response = officer_client.post(members_url(board), data)
    assert response.status_code == 400
    assert response.context["form"].errors["new_person_name"] == [
        "Cllr Nadia Newly of Shireshire County Council is already in the system: choose them from the list"
    ]


# ---------------------------------------------------------------------------
# The lead seat on the membership form


def test_the_membership_form_sets_the_lead_seat_and_refuses_two_for_one_organisation(
    officer_client, board, county, seat, date_input
):
    form = officer_client.get(members_url(board))
    content = form.content.decode()
    assert 'name="lead"' in content
    assert "the member in its lead seat (or their deputy) records the organisation" in content
    response = officer_client.post(
        members_url(board), seat_post(county, date_input, person="", new_person_name="Cllr Lee Lead", lead="on")
    )
    assert response.status_code == 302
    assert Membership.objects.get(person__name="Cllr Lee Lead").lead
    response = officer_client.post(
        members_url(board), seat_post(county, date_input, person="", new_person_name="Cllr Sue Second", lead="on")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["lead"] == [
        "Another seat of Shireshire County Council is its lead seat for some of these dates"
    ]


# ---------------------------------------------------------------------------
# Item 17: every message a GOV.UK sentence, every input GOV.UK


RAW_MESSAGES = [
    "This field is required",
    "Enter a valid",
    "Select a valid choice",
    "Ensure this value",
    "is not one of the available choices",
    "day is out of range",
    "month must be in",
    "This field cannot be",
]


def manage(name: str, *args: object) -> str:
    return reverse(f"manage:{name}", args=args)


@pytest.fixture
def every_form(partnership, board, seat, county, officer) -> dict[str, str]:
    delegation = actions.delegation_create(
        by=officer,
        now=NOW,
        board=board,
        organisation=county,
        person=seat.person,
        scope="Agree the plan",
        valid_from=D(2024, 1, 1),
        evidence_reference="Cabinet, minute 1",
    )
    p, b = partnership.slug, board.slug
    return {
        "partnership_new": manage("partnership_new") + f"?parent={p}",
        "partnership_edit": manage("partnership_edit", p),
        "board_new": manage("board_new", p),
        "board_edit": manage("board_edit", p, b),
        "membership_new": manage("membership_new", p, b),
        "membership_edit": manage("membership_edit", p, b, seat.pk),
        "membership_end": manage("membership_end", p, b, seat.pk),
        "deputy_change": manage("deputy_change", p, b, seat.pk),
        "deputy_end": manage("deputy_end", p, b, seat.pk, seat.deputyships.get().pk),
        "delegation_new": manage("delegation_new", p, b),
        "delegation_edit": manage("delegation_edit", p, b, delegation.pk),
        "mou_new": manage("mou_new", p, b),
    }


# Every field wrong at once: letters for numbers, bad emails and web addresses, a
# choice that is not offered, a day that cannot be, text far too long.
NONSENSE = {
    "name": "x" * 300,
    "slug": "",
    "purpose": "",
    "parent": "999999",
    "lead_accountable_body": "999999",
    "status": "nonsense",
    "contact_email": "not an email",
    "website": "not a web address",
    "layer": "nonsense",
    "optimum_size_min": "many",
    "optimum_size_max": "-3",
    "expected_meetings_per_year": "99999999",
    "paper_deadline_working_days": "ten",
    "calendar": "ATLANTIS",  # no such UK nation
    "clear_days": "nonsense",
    "person": "999999",
    "organisation": "999999",
    "role": "nonsense",
    "seniority": "nonsense",
    "new_person_email": "nope",
    "deputy": "999999",
    "scope": "",
    "evidence_reference": "",
    "title": "",
    "required_signatories": ["999999"],
    "voting_unit": "nonsense",
    "fallback_from_round": "first",
    "max_minority": "-1",
    "rules_lead_accountable_body": "999999",
    **{f"{name}_0": "31" for name in ("start_date", "end_date", "valid_from", "valid_to", "effective_from")},
    **{f"{name}_1": "2" for name in ("start_date", "end_date", "valid_from", "valid_to", "effective_from")},
    **{f"{name}_2": "2026" for name in ("start_date", "end_date", "valid_from", "valid_to", "effective_from")},
    "review_date_0": "3",
    "review_date_1": "13",
    "review_date_2": "2026",
}


def test_every_partnership_form_answers_nonsense_with_govuk_sentences(officer_client, every_form):
    for name, url in every_form.items():
        response = officer_client.post(url, NONSENSE)
        assert response.status_code == 400, name
        form = response.context["form"]
        assert form.errors, name
        messages = [str(m) for errors in form.errors.values() for m in errors]
        for message in messages:
            for raw in RAW_MESSAGES:
                assert raw not in message, f"{name}: {message!r}"
            assert message[:1].isupper(), f"{name}: {message!r}"


def test_selects_have_a_real_empty_label_and_inputs_the_govuk_classes(officer_client, every_form):
    for name, url in every_form.items():
        content = officer_client.get(url).content.decode()
        assert "---------" not in content, name
        for tag in re.findall(r"<input[^>]*>", content):
            kind = re.search(r'type="([^"]+)"', tag)
            if kind and kind.group(1) in ("text", "email", "url", "tel", "number"):
                assert "govuk-input" in tag, f"{name}: {tag}"
    partnership = officer_client.get(every_form["partnership_edit"]).content.decode()
    assert re.search(r'<input type="url"[^>]*class="govuk-input govuk-input--width-30"', partnership)
    assert re.search(r'<input type="email"[^>]*class="govuk-input govuk-input--width-30"', partnership)
    board = officer_client.get(every_form["board_edit"]).content.decode()
    assert re.search(r'<input type="text" name="paper_deadline_working_days"[^>]*inputmode="numeric"', board)
    assert "govuk-input--width-4" in board
    delegation = officer_client.get(every_form["delegation_new"]).content.decode()
    assert '<option value="" selected>Choose an organisation</option>' in delegation
    assert '<option value="" selected>Choose the delegate</option>' in delegation


def test_person_selects_put_the_people_of_the_board_first(officer_client, board, seat, every_form, district):
    Person.objects.create(name="Aaron Elsewhere", organisation=district)
    for name in ("membership_new", "delegation_new"):
        content = officer_client.get(every_form[name]).content.decode()
        on_board = content.index('<optgroup label="On this board">')
        others = content.index('<optgroup label="Others">')
        assert on_board < content.index("Cllr Mary Member, Shireshire County Council") < others
        assert on_board < content.index("Cllr Dinah Deputy") < others  # deputies too
        assert others < content.index("Aaron Elsewhere, Vale District Council"), name


# ---------------------------------------------------------------------------
# Item 24: the register and the board health agree on what a member is


def test_the_register_and_the_health_panel_count_the_same_members(client, board, seat, county, district, add_members):
    add_members(board, 3, organisation=county)
    add_members(board, 2, organisation=district, role=MembershipRole.PROVIDER_REPRESENTATIVE, prefix="provider-")
    add_members(board, 2, organisation=district, role=MembershipRole.OBSERVER, prefix="invited-")
    add_members(board, 1, organisation=county, role=MembershipRole.OFFICER, prefix="officer-")
    add_members(board, 1, organisation=county, role=MembershipRole.USER_REPRESENTATIVE, prefix="user-")
    members = 1 + 3 + 2 + 1  # the chair, members, provider representatives who sit, a user representative

    register = client.get(reverse("register"))
    assert f"Partnership Board</a> (board, {members} members)" in register.content.decode()
    partnership = client.get(board.partnership.get_absolute_url())
    assert [b.member_count for b in partnership.context["partnership"].boards.all()] == [members]
    board_page = client.get(board.get_absolute_url())
    assert board_page.context["health"].size == members
    assert f"Size {members} seats against an optimum" in text_of(board_page)
    # One definition: the queryset, the instance and the register's count agree.
    seated = Membership.objects.filter(board=board).seated()
    assert seated.count() == members == sum(m.is_seated for m in Membership.objects.filter(board=board))
    assert queries.boards_with_member_counts(TODAY).get(pk=board.pk).member_count == members


def test_rule_2_a_memorandum_is_in_force_only_from_the_last_signature(db):
    """A version signed by its last partner today was not in force for an earlier meeting."""
    from partnerships.models import Board, MemorandumOfUnderstanding, MouSignature, Organisation, Partnership

    county = Organisation.objects.create(name="County", slug="county", kind="county_council")
    city = Organisation.objects.create(name="City", slug="city", kind="city_council")
    partnership = Partnership.objects.create(name="SP", slug="sp", purpose="Housing support.")
    board = Board.objects.create(partnership=partnership, name="Body", slug="body")
    mou = MemorandumOfUnderstanding.objects.create(board=board, version=1, title="MoU")
    mou.required_signatories.set([county, city])
    MouSignature.objects.create(mou=mou, organisation=county, signed_by="CE", signed_on=dt.date(2026, 10, 1))
    MouSignature.objects.create(mou=mou, organisation=city, signed_by="CE", signed_on=dt.date(2026, 11, 20))
    assert not mou.is_effective(dt.date(2026, 11, 19))
    assert mou.is_effective(dt.date(2026, 11, 20))
    assert board.effective_mou(dt.date(2026, 11, 1)) is None
