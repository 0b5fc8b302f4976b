"""Walk the public partnership register in headless Chromium, then sign in as an
officer and meet the GOV.UK error summary; axe-core checks every page."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role, User
from partnerships.models import (
    Board,
    Deputyship,
    Layer,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Partnership,
    Person,
    Seniority,
)

from .conftest import assert_no_axe_violations, assert_styled, save_screenshot

OFFICER_PASSWORD = "browser-walk-officer-2026"


def build_register() -> SimpleNamespace:
    """An LSP with a statutory thematic partnership under it, and an LSP board of four
    seated members (two without a deputy), a non-seated officer and a former member."""
    county = Organisation.objects.create(
        name="Riverside County Council",
        slug="riverside-county-council",
        kind=OrganisationKind.COUNTY_COUNCIL,
        executive_body="Cabinet",
    )
    nhs = Organisation.objects.create(name="Riverside NHS Trust", slug="riverside-nhs", kind=OrganisationKind.NHS)
    police = Organisation.objects.create(
        name="Riverside Constabulary", slug="riverside-constabulary", kind=OrganisationKind.POLICE
    )
    cvs = Organisation.objects.create(
        name="Riverside Council for Voluntary Service", slug="riverside-cvs", kind=OrganisationKind.VOLUNTARY
    )

    lsp = Partnership.objects.create(
        name="Riverside Local Strategic Partnership",
        slug="riverside-lsp",
        purpose="Brings the public, private and voluntary sectors together to deliver the Sustainable Community Strategy.",
        lead_accountable_body=county,
        contact_name="Asha Patel",
        contact_email="lsp@riverside.example",
        contact_phone="01632 960001",
    )
    safer = Partnership.objects.create(
        name="Safer Riverside Partnership",
        slug="safer-riverside",
        purpose="The Community Safety Partnership: reduces crime, disorder and reoffending.",
        parent=lsp,
        statutory=True,
        lead_accountable_body=police,
        contact_name="Dan Cole",
        contact_email="safer@riverside.example",
    )
    board = Board.objects.create(
        partnership=lsp,
        name="LSP Board",
        slug="board",
        layer=Layer.BOARD,
        terms_of_reference="Sets the priorities of the Sustainable Community Strategy.\n\nMeets twice a year.",
    )
    Board.objects.create(partnership=safer, name="Safer Riverside Executive", slug="executive", layer=Layer.EXECUTIVE)

    def person(name: str, job_title: str, organisation: Organisation) -> Person:
        return Person.objects.create(name=name, job_title=job_title, organisation=organisation)

    leader = person("Councillor Margaret Ellis", "Leader of the Council", county)
    cabinet = person("Councillor Tom Reid", "Cabinet Member for Communities", county)
    nhs_ceo = person("Dr Priya Nair", "Chief Executive", nhs)
    nhs_director = person("Sam Okafor", "Director of Strategy", nhs)
    commander = person("Chief Superintendent Alan Hughes", "District Commander", police)
    cvs_officer = person("Jo Whitfield", "Chief Officer", cvs)
    policy = person("Ruth Adeyemi", "Partnership Manager", county)
    former = person("Graham Lowe", "Former Chief Executive", nhs)

    start = dt.date(2024, 4, 1)
    seats = [
        (leader, county, MembershipRole.CHAIR, Seniority.CABINET_MEMBER, True, True, cabinet),
        (nhs_ceo, nhs, MembershipRole.MEMBER, Seniority.CHIEF_EXECUTIVE, False, True, nhs_director),
        (commander, police, MembershipRole.MEMBER, Seniority.SENIOR_MANAGER, False, True, None),
        (cvs_officer, cvs, MembershipRole.USER_REPRESENTATIVE, Seniority.OTHER, False, False, None),
        (policy, county, MembershipRole.OFFICER, Seniority.OFFICER, False, False, None),
    ]
    for who, organisation, role, seniority, elected, voting, deputy in seats:
        seat = Membership.objects.create(
            board=board,
            person=who,
            organisation=organisation,
            role=role,
            seniority=seniority,
            elected=elected,
            voting=voting,
            start_date=start,
        )
        if deputy is not None:
            Deputyship.objects.create(membership=seat, person=deputy, start_date=start)
    Membership.objects.create(
        board=board,
        person=former,
        organisation=nhs,
        role=MembershipRole.MEMBER,
        seniority=Seniority.CHIEF_EXECUTIVE,
        start_date=dt.date(2022, 4, 1),
        end_date=dt.date(2024, 3, 31),
    )
    return SimpleNamespace(lsp=lsp, safer=safer, board=board, current_members=5)


def h1(page: Page):  # noqa: ANN201 - a Locator
    return page.get_by_role("heading", level=1)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_walk_register_partnership_board_and_skip_link(live_server, page: Page, page_errors: list[str]) -> None:
    data = build_register()

    # The register ------------------------------------------------------------
    response = page.goto(live_server.url + "/partnerships/")
    assert response is not None and response.status == 200
    csp = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp, csp  # axe below runs although inline scripts are refused
    expect(h1(page)).to_have_text("Partnership register")
    expect(page).to_have_title("Partnership register – Accord")
    assert_styled(page)
    expect(page.get_by_role("heading", name="2 partnerships", level=2)).to_be_visible()
    results = page.locator("ul.app-register")
    expect(results.get_by_role("link", name=data.lsp.name)).to_be_visible()
    expect(results.get_by_role("link", name=data.safer.name)).to_be_visible()
    expect(results.get_by_text("Statutory", exact=True)).to_have_count(1)
    assert_no_axe_violations(page)
    save_screenshot(page, "01-register")

    # Keyboard: the first Tab from the top of the page reaches the skip link --
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            return {tag: el.tagName, text: el.textContent.trim(), href: el.getAttribute("href"),
                    width: box.width, height: box.height};
        }"""
    )
    assert focused["tag"] == "A" and focused["text"] == "Skip to main content", focused
    assert focused["href"] == "#main-content"
    assert focused["width"] > 1 and focused["height"] > 1, f"the focused skip link is not visible: {focused}"
    save_screenshot(page, "01b-register-skip-link-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))
    expect(page.locator("#main-content")).to_be_focused()  # GOV.UK Frontend's SkipLink focuses the target
    position = page.evaluate(
        """() => ({
            top: document.getElementById("main-content").getBoundingClientRect().top,
            scrollY: window.scrollY,
            maxScroll: document.documentElement.scrollHeight - window.innerHeight,
        })"""
    )
    assert abs(position["top"]) <= 1 or position["scrollY"] >= position["maxScroll"] - 1, position
    page.keyboard.press("Tab")  # sequential navigation carries on inside <main>
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")

    # The partnership -----------------------------------------------------------
    results.get_by_role("link", name=data.lsp.name).click()
    expect(page).to_have_url(live_server.url + f"/partnerships/{data.lsp.slug}/")
    expect(h1(page)).to_have_text(data.lsp.name)
    expect(page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")).to_have_text(["Partnership register"])
    boards = page.get_by_role("table", name=f"Boards of {data.lsp.name}")
    expect(boards.get_by_role("row")).to_have_count(2)
    expect(boards.get_by_role("row").nth(1)).to_contain_text("LSP Board")
    expect(page.get_by_role("heading", name="Partnerships and groups reporting to it")).to_be_visible()
    expect(page.get_by_role("link", name=data.safer.name)).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "02-partnership")

    # The board -------------------------------------------------------------------
    boards.get_by_role("link", name="LSP Board").click()
    expect(page).to_have_url(live_server.url + f"/partnerships/{data.lsp.slug}/boards/{data.board.slug}/")
    expect(h1(page)).to_have_text("LSP Board")
    members = page.locator("table").filter(has=page.get_by_role("columnheader", name="Designated deputy"))
    expect(members.get_by_role("columnheader")).to_have_text(
        ["Member", "Organisation", "Role", "Seniority", "Vote", "Designated deputy"]
    )
    rows = members.locator("tbody tr")
    expect(rows).to_have_count(data.current_members)
    chair = rows.filter(has_text="Councillor Margaret Ellis")
    expect(chair.get_by_role("rowheader")).to_contain_text("Leader of the Council")
    expect(chair.get_by_role("cell")).to_have_text(
        [
            "Riverside County Council",
            re.compile(r"Chair\s*Councillor"),
            "Cabinet member",
            "Voting",
            re.compile(r"^Councillor Tom Reid"),
        ]
    )
    expect(rows.filter(has_text="Chief Superintendent Alan Hughes").locator(".govuk-tag")).to_have_text("None")
    expect(rows.filter(has_text="Jo Whitfield")).to_contain_text("No vote")
    expect(page.get_by_text("Former members (1)")).to_be_visible()

    health = page.get_by_role("region", name="Board health")
    expect(health).to_be_visible()
    expect(health).to_have_class(re.compile(r"\bapp-health--warning\b"))
    size = health.locator(".govuk-summary-list__row").filter(has_text="Size")
    expect(size).to_contain_text("4 seats against an optimum of 12 to 15")
    expect(size.locator(".govuk-tag")).to_have_text("Below optimum")
    without_deputy = health.locator(".govuk-summary-list__row").filter(has_text="Seats without a deputy")
    expect(without_deputy.locator("li")).to_have_text(
        [
            "Chief Superintendent Alan Hughes (Riverside Constabulary)",
            "Jo Whitfield (Riverside Council for Voluntary Service)",
        ]
    )
    expect(health).to_contain_text("Meetings in the last 12 months")
    expect(health).to_contain_text("0 of 2 expected")
    assert_no_axe_violations(page)
    no_horizontal_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_horizontal_scroll, "the board page scrolls sideways at 1280 pixels"
    save_screenshot(page, "03-board")

    assert page_errors == [], page_errors


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_signs_in_meets_error_summary_and_filters_register(
    live_server, page: Page, page_errors: list[str]
) -> None:
    data = build_register()
    officer = User.objects.create_user(
        username="officer",
        password=OFFICER_PASSWORD,
        first_name="Olivia",
        last_name="Ofori",
        role=Role.OFFICER,
    )
    data.lsp.officers.add(officer)
    board_url = live_server.url + data.board.get_absolute_url()

    # Sign in from the board page: the header link comes back to it -------------
    page.goto(board_url)
    expect(page.get_by_role("link", name="Add a member")).to_have_count(0)
    page.get_by_role("banner").get_by_role("link", name="Sign in").click()
    expect(h1(page)).to_have_text("Sign in to Accord")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(OFFICER_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(board_url)
    banner = page.get_by_role("banner")
    expect(banner).to_contain_text("Olivia Ofori")
    expect(banner.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Manage partnerships")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Edit the seat of "))).to_have_count(5)
    assert_no_axe_violations(page)
    save_screenshot(page, "04-board-signed-in")

    # Add a member, submitted as it comes: the GOV.UK error summary -------------
    page.get_by_role("link", name="Add a member").click()
    expect(h1(page)).to_have_text("Add a member to LSP Board")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Save").click()
    assert posted.value.status == 400
    expect(page).to_have_title(re.compile(r"^Error: Add a member to LSP Board"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()  # GOV.UK Frontend's ErrorSummary moves focus to it
    expect(summary.get_by_role("heading", level=2)).to_have_text("There is a problem")
    links = summary.get_by_role("link")
    expect(links).to_have_text(
        [
            "Choose the member, or add a person not yet in the system",
            "Choose the organisation the member represents",
            re.compile(r"^Enter the start date"),
        ]
    )
    hrefs = links.evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    for href in hrefs:
        assert href.startswith("#") and page.locator(href).count() == 1, f"error link {href} has no target"
    expect(page.locator(".govuk-form-group--error")).to_have_count(3)
    assert_no_axe_violations(page)
    save_screenshot(page, "05-add-member-errors")
    links.first.click()
    expect(page.locator(hrefs[0])).to_be_focused()

    # The register filter ---------------------------------------------------------
    page.goto(live_server.url + "/partnerships/")
    page.get_by_label("Statutory", exact=True).select_option(label="Statutory")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"/partnerships/\?(.*&)?statutory=yes(&|$)"))
    expect(page.get_by_label("Statutory", exact=True)).to_have_value("yes")
    expect(page.get_by_role("heading", name="1 of 2 partnerships match")).to_be_visible()
    results = page.locator("ul.app-register > li")
    expect(results).to_have_count(2)
    expect(results.nth(0)).to_contain_text(data.lsp.name)
    expect(results.nth(0)).to_contain_text("(shown for context)")
    expect(results.nth(0)).to_have_class(re.compile(r"\bapp-muted\b"))
    expect(results.nth(1)).to_contain_text(data.safer.name)
    expect(results.nth(1).locator(".govuk-tag")).to_have_text("Statutory")
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "06-register-filtered")

    assert page_errors == [], page_errors
