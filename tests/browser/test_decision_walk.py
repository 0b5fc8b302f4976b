"""A decision from position to register in headless Chromium (SPEC §5, §6): a member
signs in and records her organisation's position; an officer, in another browser
context, closes the round; an anonymous visitor reads the outcome on the public
decision page. axe-core checks every page; screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from accounts.models import Role, User
from decisions import actions
from decisions.models import Position, ProposalStatus
from meetings.models import AgendaItem, Meeting, MeetingStatus, Purpose
from partnerships.models import (
    Board,
    Layer,
    Membership,
    MembershipRole,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    OrganisationKind,
    Partnership,
    Person,
)

from .conftest import VIEWPORT, assert_no_axe_violations, assert_styled, save_screenshot

PASSWORD = "decision-walk-passphrase-2026"
PARTNERS = [
    ("Oxfordshire County Council", OrganisationKind.COUNTY_COUNCIL, "Cllr Alice Hart"),
    ("Cherwell District Council", OrganisationKind.DISTRICT_COUNCIL, "Cllr Ben Ruiz"),
    ("Oxfordshire Primary Care Trust", OrganisationKind.NHS, "Dr Chloe Adams"),
]


def build_decision(big_ticket: bool = False, **rules: object) -> SimpleNamespace:
    """A commissioning body of three partners and a service user on a no-vote basis,
    under an MoU requiring active consent (plus ``rules``); two published meetings; an
    item for decision at the first, and a proposal on which two partners have consented."""
    organisations, members = [], []
    for index, (name, kind, person_name) in enumerate(PARTNERS):
        organisation = Organisation.objects.create(
            name=name, slug=f"partner-{index}", kind=kind, executive_body="Cabinet"
        )
        user = User.objects.create_user(
            username=f"member{index}", password=PASSWORD, role=Role.MEMBER, first_name=person_name.split()[-2]
        )
        person = Person.objects.create(name=person_name, organisation=organisation, user=user)
        organisations.append(organisation)
        members.append((user, person))
    partnership = Partnership.objects.create(
        name="Supporting People",
        slug="supporting-people",
        purpose="Commissions housing-related support.",
        lead_accountable_body=organisations[0],
    )
    board = Board.objects.create(
        partnership=partnership, name="Commissioning Body", slug="commissioning-body", layer=Layer.EXECUTIVE
    )
    start = dt.date(2024, 4, 1)
    seats = [
        Membership.objects.create(board=board, person=person, organisation=organisation, start_date=start, voting=True)
        for organisation, (_, person) in zip(organisations, members, strict=True)
    ]
    service_user = User.objects.create_user(username="service-user", password=PASSWORD, role=Role.MEMBER)
    service_seat = Membership.objects.create(
        board=board,
        person=Person.objects.create(name="Sam Taylor", user=service_user),
        organisation=organisations[0],
        role=MembershipRole.USER_REPRESENTATIVE,
        voting=False,  # 003 §22: on a no-vote basis
        start_date=start,
    )
    mou = MemorandumOfUnderstanding.objects.create(
        board=board,
        version=1,
        title="Supporting People Memorandum of Understanding",
        effective_from=start,
        escalation_body="the Oxfordshire local authority Chief Executives",  # 003 §13
        **rules,
    )
    mou.required_signatories.set(organisations)
    for organisation in organisations:
        MouSignature.objects.create(mou=mou, organisation=organisation, signed_by="Chief Executive", signed_on=start)
    officer = User.objects.create_user(
        username="officer", password=PASSWORD, role=Role.OFFICER, first_name="Olivia", last_name="Ofori"
    )
    partnership.officers.add(officer)
    now = timezone.now()
    meeting = Meeting.objects.create(
        board=board,
        start=now - dt.timedelta(hours=2),
        venue="County Hall, Oxford",
        status=MeetingStatus.AGENDA_PUBLISHED,
        agenda_published_at=now - dt.timedelta(days=14),
    )
    later = Meeting.objects.create(  # a second meeting, already started: a round closes on or after its day
        board=board,
        start=now - dt.timedelta(hours=1),
        venue="County Hall, Oxford",
        status=MeetingStatus.AGENDA_PUBLISHED,
        agenda_published_at=now - dt.timedelta(days=10),
    )
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, title="Supporting People Strategy 2008-11", purpose=Purpose.DECISION
    )
    proposal = actions.proposal_create(
        item,
        title="Supporting People Strategy 2008-11",
        text="Approve the Supporting People Strategy 2008-11 and the Annual Plan 2008-09.",
        big_ticket=big_ticket,
        by=officer,
    )
    round1 = proposal.rounds.get()
    for (user, _), seat in list(zip(members, seats, strict=True))[:2]:
        actions.position_record(round1, seat, value="consent", by=user)
    return SimpleNamespace(
        proposal=proposal,
        round=round1,
        members=members,
        seats=seats,
        service=(service_user, service_seat),
        officer=officer,
        meeting=meeting,
        later=later,
    )


def sign_in(page: Page, username: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Accord")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_member_records_officer_closes_and_the_public_reads_the_decision(
    live_server, browser: Browser, page: Page, page_errors: list[str]
) -> None:
    data = build_decision()
    proposal = data.proposal
    title = proposal.title

    # A member signs in and records her organisation's position ------------------
    page.goto(live_server.url + "/decisions/my/")
    sign_in(page, "member2")
    expect(page).to_have_url(live_server.url + "/decisions/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Decisions awaiting your position")
    card = page.locator(".govuk-summary-card").filter(has_text=title)
    expect(card.locator(".govuk-tag")).to_have_text("Awaiting your position")
    assert_styled(page)
    assert_no_axe_violations(page)
    save_screenshot(page, "decisions-01-member-awaiting")

    card.get_by_role("link", name=re.compile(r"^Record a position")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Record a position on {title}")
    recorded = page.get_by_role("table", name="Positions in round 1 so far")
    expect(recorded.locator("tbody tr")).to_have_count(3)  # the service user's seat has no vote
    expect(recorded.locator("tbody tr").filter(has_text="Oxfordshire Primary Care Trust")).to_contain_text(
        "Not recorded yet"
    )
    assert_no_axe_violations(page)
    save_screenshot(page, "decisions-02-member-position-form")

    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Record the position").click()
    assert posted.value.status == 400
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(["Choose consent, object or abstain"])
    assert_no_axe_violations(page)
    save_screenshot(page, "decisions-03-member-position-error")
    summary.get_by_role("link").click()
    expect(page.get_by_role("radio", name="Consent")).to_be_focused()

    page.get_by_role("radio", name="Consent").check()
    page.get_by_label("Comment (optional)").fill("The PCT supports the phased approach.")
    page.get_by_role("button", name="Record the position").click()
    expect(page).to_have_url(live_server.url + "/decisions/my/")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Consent is recorded")
    expect(page.locator(".govuk-summary-card").filter(has_text=title).locator(".govuk-tag")).to_have_text(
        "Position recorded"
    )
    assert_no_axe_violations(page)
    save_screenshot(page, "decisions-04-member-recorded")
    position = Position.objects.get(round=data.round, person=data.members[2][1])
    assert (position.value, position.capacity) == ("consent", "member")

    # An officer, in a browser context of her own, closes the round --------------
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Europe/London")
    try:
        officer_page = context.new_page()
        manage_url = live_server.url + f"/manage/decisions/{proposal.pk}/"
        officer_page.goto(manage_url)
        sign_in(officer_page, "officer")
        expect(officer_page).to_have_url(manage_url)
        expect(officer_page.get_by_role("heading", level=1)).to_have_text(title)
        expect(officer_page.locator("#status")).to_contain_text("Open for positions")
        next_steps = officer_page.locator(".govuk-button-group").first
        expect(next_steps.get_by_role("button")).to_have_text(["Close round 1 and count the positions"])
        expect(next_steps.get_by_role("link")).to_have_count(0)  # nothing else is valid while open
        assert_no_axe_violations(officer_page)
        save_screenshot(officer_page, "decisions-05-officer-manage-open")

        officer_page.get_by_role("button", name="Close round 1 and count the positions").click()
        expect(officer_page).to_have_url(manage_url)
        expect(officer_page.locator(".govuk-notification-banner--success")).to_contain_text("The round is closed")
        expect(officer_page.locator("#status")).to_contain_text("Agreed by consensus")
        expect(officer_page.get_by_text("nothing more can be done with it")).to_be_visible()
        assert_no_axe_violations(officer_page)
        save_screenshot(officer_page, "decisions-06-officer-manage-agreed")
    finally:
        context.close()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.AGREED_BY_CONSENSUS

    # An anonymous visitor reads the decision -------------------------------------
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    page.goto(live_server.url + "/decisions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Decisions register")
    expect(page.get_by_role("heading", name="1 decision", level=2)).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "decisions-07-register")

    page.get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(live_server.url + f"/decisions/{proposal.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#outcome")).to_have_text("Agreed by consensus")
    positions = page.get_by_role("table", name="Positions in round 1")
    expect(positions.locator("tbody tr")).to_have_count(3)
    expect(positions.locator("tbody tr").filter(has_text="Oxfordshire Primary Care Trust")).to_contain_text(
        "The PCT supports the phased approach."
    )
    expect(page.get_by_role("link", name=re.compile(r"^Supporting People Memorandum of Understanding"))).to_be_visible()
    assert_no_axe_violations(page)
    no_horizontal_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_horizontal_scroll, "the decision page scrolls sideways at 1280 pixels"
    save_screenshot(page, "decisions-08-public-decision")

    assert page_errors == [], page_errors


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_runs_a_dispute_through_escalation_majority_and_ratification(
    live_server, page: Page, page_errors: list[str]
) -> None:
    """003 §12-19 under the amended rules: no consensus at the first meeting, escalation,
    an amended proposal agreed by majority at the second, then ratified by every partner."""
    data = build_decision(big_ticket=True, majority_fallback=True, fallback_from_round=2, max_minority=1)
    proposal = data.proposal
    cherwell_user, _ = data.members[1]
    pct_user, _ = data.members[2]
    # Cherwell changes its mind to an objection; the service user gives an advisory view.
    actions.position_record(
        data.round, data.seats[1], value="object", by=cherwell_user, comment="Too fast for young people."
    )
    actions.position_record(data.round, data.seats[2], value="consent", by=pct_user)
    actions.position_record(
        data.round, data.service[1], value="object", by=data.service[0], comment="Consult users first."
    )

    manage_url = live_server.url + f"/manage/decisions/{proposal.pk}/"
    page.goto(manage_url)
    sign_in(page, "officer")
    page.get_by_role("button", name="Close round 1 and count the positions").click()
    expect(page.locator("#status")).to_contain_text("No consensus")
    next_steps = page.locator(".govuk-button-group").first
    expect(next_steps.get_by_role("link")).to_have_text(
        [
            "Open a new round at a later meeting",
            "Defer the decision",
            "Escalate to the escalation body",
            "Refer to the lead accountable body",
        ]
    )
    rows = page.get_by_role("table", name="Positions in round 1").locator("tbody tr")
    cherwell = rows.filter(has_text="Cherwell District Council")
    expect(cherwell.locator(".govuk-tag")).to_have_text("Object")
    cherwell.get_by_text("Changed position").click()
    expect(cherwell).to_contain_text("Consent, ")
    advisory = page.get_by_role("table", name=re.compile(r"^Advisory views in round 1"))
    expect(advisory).to_contain_text("Advisory view, not counted")
    assert_no_axe_violations(page)
    save_screenshot(page, "decisions-11-officer-no-consensus")

    page.get_by_role("link", name="Escalate to the escalation body").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Escalate to the escalation body")
    page.get_by_label("Note (optional)").fill("The Chief Executives are asked to find a compromise.")
    page.get_by_role("button", name="Escalate").click()
    expect(page.locator("#status")).to_contain_text("Escalated")

    page.get_by_role("link", name="Record the escalation result").click()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Record the result").click()
    assert posted.value.status == 400
    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_have_text(
        ["Enter the escalation body's result"]
    )
    assert_no_axe_violations(page)
    save_screenshot(page, "decisions-12-officer-escalation-result-error")
    page.get_by_label("What did the escalation body conclude?").fill(
        "Phase the change for young people over two years."
    )
    page.get_by_role("button", name="Record the result").click()

    page.get_by_role("link", name="Open a new round at a later meeting").click()
    expect(page.get_by_label("Meeting")).to_have_value(str(data.later.pk))
    page.get_by_label("The proposal as put to this round").fill(
        "Approve the Strategy 2008-11, with the change for young people phased over two years."
    )
    assert_no_axe_violations(page)
    save_screenshot(page, "decisions-13-officer-open-round")
    page.get_by_role("button", name="Open the round").click()
    expect(page.locator("#status")).to_contain_text("Open for positions")
    expect(page.get_by_role("heading", name=re.compile(r"^Round 2"))).to_contain_text("Amended proposal")

    round2 = proposal.rounds.get(number=2)
    for (user, _), seat, value in zip(data.members, data.seats, ["consent", "object", "consent"], strict=True):
        actions.position_record(round2, seat, value=value, by=user)
    page.reload()
    page.get_by_role("button", name="Close round 2 and count the positions").click()
    expect(page.locator("#status")).to_contain_text("Awaiting ratification")
    expect(page.get_by_text("Still to ratify")).to_contain_text("Cherwell District Council")

    today = timezone.localdate()
    for index, (name, _, _) in enumerate(PARTNERS):
        page.get_by_role("link", name="Record a partner's ratification").click()
        page.get_by_label("Partner organisation").select_option(label=name)
        page.get_by_role("radio", name="Yes").check()
        page.get_by_label("Day").fill(str(today.day))
        page.get_by_label("Month").fill(str(today.month))
        page.get_by_label("Year").fill(str(today.year))
        page.get_by_label("Minute or resolution reference (optional)").fill(f"Minute {87 + index}")
        if index == 0:
            assert_no_axe_violations(page)
            save_screenshot(page, "decisions-14-officer-ratification")
        page.get_by_role("button", name="Record the ratification").click()
    expect(page.locator("#status")).to_contain_text("In effect")
    assert_no_axe_violations(page)
    save_screenshot(page, "decisions-15-officer-in-effect")

    page.get_by_role("link", name="The decision page").click()
    expect(page.locator("#outcome")).to_have_text("In effect")
    expect(
        page.get_by_role("table", name="Ratification by each partner's executive body").locator("tbody tr")
    ).to_have_count(3)
    expect(page.get_by_role("heading", name="Escalated", level=3)).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "decisions-16-decision-full-route")

    assert page_errors == [], page_errors
