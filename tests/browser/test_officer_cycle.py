"""Issue 8, "Must show": with only the demo logins, the officer takes a Supporting People
proposal through the whole cycle in headless Chromium, as 003 §13-22 describe it under
the amended memorandum: no consensus at a first meeting, escalation to the Chief
Executives with no change in positions, an amended proposal at a later meeting and a
majority decision there with one partner against. The officer records the positions
stated at each meeting for every seat at once; an anonymous visitor then reads the
route on the public decision page.

Everything happens in the browser, as the demo's "officer" and then signed out: no
account is created and nothing is written through the ORM. The amended memorandum
(version 2, awaiting five signatures in the demo) is put in force by recording those
signatures on its page. The two meetings are held today, both already started, and
their agendas are therefore published late, with the reason and the chair's agreement.
axe-core checks every page; screenshots go to test-artifacts/screenshots/officer-cycle-*.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from demo.data.partnerships import DEMO_PASSWORD

from .conftest import assert_no_axe_violations, assert_styled, save_screenshot

BOARD_PATH = "/partnerships/supporting-people/boards/commissioning-body/"
MOU_TITLE = "Memorandum of Understanding, Oxfordshire Supporting People Commissioning Body (amended)"
ESCALATION_BODY = "the Oxfordshire local authority Chief Executives"

# The five partners yet to sign the amended memorandum in the demo, and who signs.
SIGNATURES = [
    ("Oxfordshire County Council", "Joanna Birch, Chief Executive"),
    ("Oxford City Council", "Caroline Green, Chief Executive"),
    ("Cherwell District Council", "Yvonne Rees, Chief Executive"),
    ("West Oxfordshire District Council", "Giles Hughes, Chief Executive"),
    ("Thames Valley Probation", "Gerry Marshall, Chief Officer"),
]

# The eight voting seats of the Commissioning Body: member and organisation.
SEATS = {
    "OCC": ("Cllr Margaret Ellison", "Oxfordshire County Council"),
    "CITY": ("Cllr Ben Okafor", "Oxford City Council"),
    "CDC": ("Cllr Nigel Royce", "Cherwell District Council"),
    "SODC": ("Cllr Simon Hearn", "South Oxfordshire District Council"),
    "VALE": ("Cllr Patricia Lowe", "Vale of White Horse District Council"),
    "WODC": ("Cllr Colin Ames", "West Oxfordshire District Council"),
    "PCT": ("Sarah Whitcombe", "Oxfordshire Primary Care Trust"),
    "PROBATION": ("Karen Whitlock", "Thames Valley Probation"),
}
CHERWELL_DEPUTY = "Cllr Anne Tilbury"  # attends the first meeting for Cherwell's member
OBJECTIONS_1 = {
    "WODC": "The Cabinet cannot accept the change for young people this year.",
    "CDC": "Too fast for the young people's schemes in Banbury.",
}
OBJECTIONS_2 = {"WODC": "The Cabinet still prefers the present arrangements."}

TITLE = "Supporting People Strategy 2027-30"
TEXT_1 = "Approve the Supporting People Strategy 2027-30 and the Annual Plan 2027-28."
TEXT_2 = (
    "Approve the Supporting People Strategy 2027-30 and the Annual Plan 2027-28, with the change "
    "for young people phased over two years."
)
FIRST_TITLE = "Commissioning Body: special meeting"
SECOND_TITLE = "Commissioning Body: reconvened meeting"


def meeting_times() -> tuple[str, str]:
    """Two start times today (UK local time), the first earlier than the second, both
    already past: the meetings have started, so their agendas are late and attendance
    can be recorded. In the first two minutes after midnight, wait for 00:02."""
    now = timezone.localtime()
    if now.hour == 0 and now.minute < 2:
        time.sleep((dt.timedelta(minutes=2) - dt.timedelta(minutes=now.minute, seconds=now.second)).total_seconds())
        now = timezone.localtime()
    minutes = now.hour * 60 + now.minute
    first, second = (minutes - 50, minutes - 20) if minutes >= 60 else (0, 1)
    return f"{first // 60:02d}:{first % 60:02d}", f"{second // 60:02d}:{second % 60:02d}"


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def success(page: Page) -> Locator:
    return page.locator(".govuk-notification-banner--success")


def check(page: Page, name: str) -> None:
    """Every page: axe-core clean, a full-page screenshot kept."""
    assert_no_axe_violations(page)
    save_screenshot(page, f"officer-cycle-{name}")


def fill_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def schedule_meeting(page: Page, origin: str, title: str, start: str, today: dt.date, shot: str) -> str:
    """From the board's meetings page: schedule a meeting today at ``start``; the
    page warns that it is in the past and the officer confirms. Returns its URL."""
    page.goto(origin + BOARD_PATH)
    page.get_by_role("link", name="Manage meetings").click()
    check(page, f"{shot}a-board-meetings")
    page.get_by_role("link", name="Schedule a meeting").click()
    expect(h1(page)).to_have_text("Schedule a meeting of Supporting People Commissioning Body")
    page.get_by_label("Title").fill(title)
    fill_date(page, "Date of the meeting", today)
    page.get_by_label("Start time").fill(start)
    page.get_by_label("Venue").fill("County Hall, New Road, Oxford OX1 1ND")
    page.get_by_role("button", name="Schedule meeting").click()
    # Not an error: the officer is told, and decides.
    expect(page.locator("#short-notice")).to_contain_text("The date and time of the meeting are in the past")
    check(page, f"{shot}b-schedule-in-the-past")
    page.get_by_role("button", name="Schedule the meeting anyway").click()
    expect(success(page)).to_contain_text("has been scheduled")
    expect(h1(page)).to_have_text(f"{title}, {today:%-d %B %Y}")
    return page.url.split("#")[0]


def add_item_and_publish_late(page: Page, item_title: str, chair: str, shot: str) -> None:
    """On the meeting's page: add an item for decision, then publish the agenda, which
    is late (the meeting has started): the reason and the chair's agreement are asked."""
    page.get_by_role("link", name="Add an agenda item").click()
    expect(h1(page)).to_have_text("Add an agenda item")
    page.get_by_label("Title").fill(item_title)
    page.get_by_role("radio", name="For decision").check()
    page.get_by_label("Lead officer").fill("Helen Forsyth, Supporting People Programme Manager")
    check(page, f"{shot}c-add-item")
    page.get_by_role("button", name=re.compile(r"^Add")).click()
    expect(success(page)).to_contain_text("has been added to the agenda")

    page.get_by_role("link", name="Publish the agenda").click()
    expect(h1(page)).to_have_text("Publish a late agenda")
    expect(page.locator("#late-agenda")).to_contain_text("The meeting has already started")
    check(page, f"{shot}d-publish-late-agenda")
    page.get_by_label("Why is the agenda late, and why can the meeting not wait?").fill(
        "The Strategy must be agreed before the grant conditions are confirmed; the partners asked "
        "for the meeting at short notice."
    )
    page.get_by_label("Name of the chair who agreed to take it as urgent business").fill(chair)
    page.get_by_role("button", name="Publish as a late agenda").click()
    # The item has no paper (the proposal is the business): the officer is told, and decides.
    expect(h1(page)).to_have_text("Items without papers")
    expect(page.get_by_label("Name of the chair who agreed to take it as urgent business")).to_have_value(chair)
    check(page, f"{shot}e-items-without-papers")
    page.get_by_role("button", name="Publish anyway").click()
    expect(success(page)).to_contain_text("published as a late agenda")
    expect(page.locator("#agenda-status")).to_contain_text("Late")
    check(page, f"{shot}f-meeting-published")


def record_positions(page: Page, objections: dict[str, str], shot: str, deputies: dict[str, str] | None = None) -> None:
    """From the proposal's page: every seat's position as stated at the meeting, by the
    member unless ``deputies`` names the deputy who stated it for the seat."""
    deputies = deputies or {}
    page.get_by_role("link", name=re.compile(r"^Record the positions stated at the meeting")).click()
    expect(h1(page)).to_have_text("Record the positions stated at the meeting")
    for key, (member, organisation) in SEATS.items():
        name = f"{member} ({organisation})"
        page.get_by_label(f"Position stated for {name}", exact=True).select_option(
            label="Object" if key in objections else "Consent"
        )
        stated_by = page.get_by_label(f"Who stated it for {name}", exact=True)
        if key in deputies:
            stated_by.select_option(label=f"{deputies[key]} (designated deputy)")
        else:
            expect(stated_by.locator("option:checked")).to_have_text(f"{member} (member)")
        if key in objections:
            page.get_by_label(f"Comment for {name} (optional)", exact=True).fill(objections[key])
    check(page, f"{shot}-record-positions")
    page.get_by_role("button", name="Record the positions").click()
    expect(success(page)).to_contain_text("8 positions recorded")
    check(page, f"{shot}-positions-recorded")


def close_round(page: Page, number: int, status: str, shot: str) -> None:
    page.get_by_role("button", name=f"Close round {number} and count the positions").click()
    expect(success(page)).to_contain_text("The round is closed")
    expect(page.locator("#status")).to_contain_text(status)
    check(page, shot)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_runs_no_consensus_escalation_and_an_amended_proposal_to_a_majority(
    live_server: LiveServer, page: Page, page_errors: list[str], settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load_demo", "--no-documents", stdout=StringIO())
    origin = live_server.url
    first_start, second_start = meeting_times()
    today = timezone.localdate()

    # 1. Sign in as the demo officer, from the board page -------------------------
    page.goto(origin + BOARD_PATH)
    page.get_by_role("banner").get_by_role("link", name="Sign in").click()
    expect(h1(page)).to_have_text("Sign in to Accord")
    check(page, "00-sign-in")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(origin + BOARD_PATH)
    expect(page.get_by_role("banner")).to_contain_text("Sam Okoro")
    assert_styled(page)
    mous = page.locator("table").filter(has=page.get_by_role("link", name=MOU_TITLE))
    expect(mous.locator("tr").filter(has_text=MOU_TITLE)).to_contain_text("Awaiting signatures")
    check(page, "01-board")

    # The amended memorandum: the five missing signatures, dated today -----------
    page.get_by_role("link", name=MOU_TITLE).click()
    expect(h1(page)).to_have_text(MOU_TITLE)
    expect(page.locator(".govuk-warning-text")).to_contain_text("Not in effect")
    check(page, "02-mou-awaiting-signatures")
    for organisation, signed_by in SIGNATURES:
        page.get_by_label("Partner").select_option(label=organisation)
        page.get_by_label("Signed by (name and position)").fill(signed_by)
        fill_date(page, "Date signed", today)
        page.get_by_role("button", name="Record signature").click()
        expect(success(page)).to_contain_text(f"The signature of {organisation} has been recorded")
    expect(page.locator(".govuk-inset-text").first).to_contain_text("Signed by every required partner")
    expect(page.get_by_text("Not signed", exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", name="Record a signature")).to_have_count(0)
    check(page, "03-mou-signed-by-all")

    # 2. A meeting today, already started; an item for decision; a late agenda ----
    first_url = schedule_meeting(page, origin, FIRST_TITLE, first_start, today, "04")
    add_item_and_publish_late(page, TITLE, "Cllr Margaret Ellison", "04")

    # Attendance: every seat present but Cherwell's, represented by its designated deputy
    page.locator("#next-steps + .govuk-button-group").get_by_role("link", name="Record attendance").click()
    expect(h1(page)).to_have_text("Record attendance")
    check(page, "04g-attendance-form")
    page.get_by_role("link", name="Mark every seat as present").click()
    cherwell_member = SEATS["CDC"][0]
    page.get_by_label(f"Attendance of {cherwell_member}", exact=True).select_option(label="Represented by deputy")
    expect(page.get_by_label(f"Deputy for {cherwell_member}", exact=True).locator("option:checked")).to_contain_text(
        CHERWELL_DEPUTY
    )
    check(page, "04h-attendance-all-present")
    page.get_by_role("button", name="Save attendance").click()
    expect(success(page)).to_contain_text("Attendance has been recorded")
    expect(page).to_have_url(re.compile(re.escape(first_url) + r"(#attendance)?$"))

    item = page.locator(".govuk-summary-card").filter(has_text=TITLE)
    item.get_by_role("link", name=re.compile(r"^Put a proposal")).click()
    expect(h1(page)).to_have_text("Put a proposal to the board")
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    page.get_by_label("What the board is asked to agree").fill(TEXT_1)
    page.get_by_role("group", name="Must each partner's executive body ratify it?").get_by_role(
        "radio", name="No"
    ).check()
    check(page, "05-put-a-proposal")
    page.get_by_role("button", name="Put the proposal").click()
    expect(success(page)).to_contain_text("round 1 is open for positions")
    expect(h1(page)).to_have_text(TITLE)
    expect(page.locator("#status")).to_contain_text("Open for positions")
    # Decided under the amended memorandum, in force since the last signature.
    expect(page.get_by_role("link", name=f"{MOU_TITLE} (version 2)")).to_be_visible()
    manage_url = page.url.split("#")[0]
    check(page, "06-proposal-open")

    # 3. Round 1: the positions stated at the meeting; West Oxfordshire and Cherwell object
    record_positions(page, OBJECTIONS_1, "07", deputies={"CDC": CHERWELL_DEPUTY})
    rows = page.get_by_role("table", name="Positions in round 1 so far").locator("tbody tr")
    expect(rows.filter(has_text="Cherwell District Council")).to_contain_text(
        f"{CHERWELL_DEPUTY}Designated deputy, recorded by an officer"
    )
    close_round(page, 1, "No consensus", "08-round-1-no-consensus")
    expect(page.get_by_role("region", name="Positions in round 1")).to_contain_text("Object")

    # 4. Escalation to the Chief Executives, who find no change in positions ------
    page.get_by_role("link", name="Escalate to the escalation body").click()
    expect(h1(page)).to_have_text("Escalate to the escalation body")
    page.get_by_label("Note (optional)").fill("The Chief Executives are asked to seek an acceptable compromise.")
    check(page, "09-escalate")
    page.get_by_role("button", name="Escalate").click()
    expect(page.locator("#status")).to_contain_text("Escalated")
    expect(page.locator("#history + ol")).to_contain_text(f"Escalated to {ESCALATION_BODY}.")
    check(page, "09b-proposal-escalated")
    page.get_by_role("link", name="Record the escalation result").click()
    page.get_by_label("What did the escalation body conclude?").fill(
        "No change in positions. The Chief Executives suggest phasing the change for young people "
        "over two years, for a later meeting."
    )
    check(page, "10-escalation-result")
    page.get_by_role("button", name="Record the result").click()
    expect(success(page)).to_contain_text("The escalation result is recorded")
    check(page, "11-proposal-after-escalation")

    # 5. A second meeting, later today and already started, with its agenda published
    second_url = schedule_meeting(page, origin, SECOND_TITLE, second_start, today, "12")
    assert second_url != first_url
    add_item_and_publish_late(page, f"{TITLE}: the amended proposal", "Cllr Margaret Ellison", "12")

    page.goto(manage_url)
    page.get_by_role("link", name="Open a new round at a later meeting").click()
    expect(h1(page)).to_have_text("Open a new round at a later meeting")
    page.get_by_label("Meeting").select_option(label=f"{SECOND_TITLE}, {today:%-d %B %Y}")
    page.get_by_label("The proposal as put to this round").fill(TEXT_2)
    check(page, "13-open-round-2")
    page.get_by_role("button", name="Open the round").click()
    expect(page.locator("#status")).to_contain_text("Open for positions")
    expect(page.get_by_role("heading", name=re.compile(r"^Round 2"))).to_contain_text("Amended proposal")
    check(page, "13b-proposal-round-2-open")

    # 6. Round 2: seven consent, West Oxfordshire alone objects -> majority ---------
    record_positions(page, OBJECTIONS_2, "14")
    close_round(page, 2, "Agreed by majority", "15-round-2-agreed-by-majority")
    expect(page.locator("#status")).to_contain_text("Route: majority fallback")
    expect(page.get_by_text("nothing more can be done with it")).to_be_visible()
    public_link = page.get_by_role("link", name="The decision page")
    public_url = origin + str(public_link.get_attribute("href"))

    # 7. An anonymous visitor reads the decision and its route -------------------
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    page.goto(public_url)
    expect(h1(page)).to_have_text(TITLE)
    expect(page.locator("#outcome")).to_have_text("Agreed by majority")
    summary = page.locator("dl").filter(has=page.locator("#outcome"))
    expect(summary.locator(".govuk-summary-list__row").filter(has_text="Route")).to_contain_text("Majority fallback")
    expect(page.get_by_role("heading", name="Round 1", exact=True)).to_be_visible()
    round2 = page.get_by_role("heading", name=re.compile(r"^Round 2"))
    expect(round2).to_contain_text("Amended proposal")
    expect(page.locator("section").filter(has=round2)).to_contain_text(TEXT_2)
    expect(page.locator("section").filter(has=round2)).to_contain_text(SECOND_TITLE)
    expect(page.get_by_role("heading", name="Escalated", level=3)).to_be_visible()
    expect(page.locator("#route + ol")).to_contain_text(f"Escalated to {ESCALATION_BODY}.")
    expect(page.get_by_role("link", name=f"{MOU_TITLE} (version 2)")).to_be_visible()
    expect(page.get_by_role("heading", name="Escalation result", exact=True)).to_be_visible()
    expect(page.locator(".govuk-inset-text").filter(has_text="No change in positions")).to_be_visible()
    for number, objections in ((1, OBJECTIONS_1), (2, OBJECTIONS_2)):
        table = page.get_by_role("table", name=f"Positions in round {number}")
        rows = table.locator("tbody tr")
        expect(rows).to_have_count(8)
        expect(rows.locator(".govuk-tag").filter(has_text="Object")).to_have_count(len(objections))
        for key, comment in objections.items():
            row = rows.filter(has_text=SEATS[key][1])
            expect(row.locator(".govuk-tag")).to_have_text("Object")
            expect(row).to_contain_text(comment)
        expect(rows.filter(has_text="recorded by an officer")).to_have_count(8)
    cherwell = (
        page.get_by_role("table", name="Positions in round 1").locator("tbody tr").filter(has_text=SEATS["CDC"][1])
    )
    expect(cherwell.get_by_role("cell").nth(1)).to_contain_text(f"{CHERWELL_DEPUTY}Designated deputy")
    expect(page.get_by_text("Manage this proposal")).to_have_count(0)
    no_horizontal_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_horizontal_scroll, "the decision page scrolls sideways at 1280 pixels"
    check(page, "16-public-decision")

    assert page_errors == [], page_errors
