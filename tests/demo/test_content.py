"""The text the demo derives from its literals: themes, minutes and addresses."""

from __future__ import annotations

import datetime as dt

import pytest

from demo import content
from demo.data.themes import GENERIC_THEME, THEMES
from demo.specs import ActionSpec, decision, done, information


@pytest.mark.parametrize(
    ("title", "keyword"),
    [
        ("JSNA 2026 data tables", "jsna"),
        ("Supporting People Annual Plan 2026-27", "annual plan"),
        ("Annual Plan 2026-27: six-month progress", "annual plan"),  # before "supporting people strategy"
        ("Floating support: tender evaluation and award", "tender"),
        ("Budget monitoring, quarter 2", "budget"),
    ],
)
def test_a_papers_theme_is_the_first_whose_keyword_is_in_its_title(title: str, keyword: str) -> None:
    expected = next(theme for keywords, theme in THEMES if keyword in keywords)
    assert content.theme_for(title) == expected


def test_a_paper_on_no_theme_gets_the_generic_text() -> None:
    assert content.theme_for("Forward plan of the Commissioning Body") == GENERIC_THEME


def test_an_items_minute_is_its_own_wording_or_the_usual_one_then_its_actions() -> None:
    noted = information("Provider Forum report", "Colin Whitby")
    agreed = decision(
        "Annual Plan",
        "Helen Forsyth",
        minute="RESOLVED: to approve the Annual Plan.",
        actions=(
            done("Publish the Annual Plan 2026-27", "Helen Forsyth", dt.date(2026, 4, 17)),
            ActionSpec("Brief the Cabinet", "Cllr Margaret Ellison", dt.date(2026, 10, 31)),
        ),
    )

    assert content.item_minute(noted, "The Group") == "The Group noted the report."
    assert content.item_minute(agreed, "The Commissioning Body") == (
        "RESOLVED: to approve the Annual Plan."
        " ACTION: Helen Forsyth – publish the Annual Plan 2026-27, by 17 April 2026."
        " ACTION: Cllr Margaret Ellison – brief the Cabinet, by 31 October 2026."
    )


def test_the_apologies_and_declarations_minutes() -> None:
    assert content.apologies_minute([], [], [], []) == "There were no apologies."
    assert content.apologies_minute(
        ["Nicola Ward (Oxford City Council)"],
        ["Fiona Crane for Martin Ashdown (Oxfordshire Primary Care Trust)"],
        [],
        ["Dr Nadia Kerr (for the discharge item)"],
    ) == (
        "Apologies were received from Nicola Ward (Oxford City Council)."
        " Designated deputies attended: Fiona Crane for Martin Ashdown (Oxfordshire Primary Care Trust)."
        " In attendance by invitation: Dr Nadia Kerr (for the discharge item)."
    )
    assert content.declarations_minute([]) == "There were no declarations of interest."
    assert content.declarations_minute([("Cllr Simon Hearn", 4, "Contract award", "His wife is a trustee.", True)]) == (
        "Cllr Simon Hearn declared an interest in item 4, Contract award: His wife is a trustee."
        " They withdrew for that item."
    )


def test_addresses() -> None:
    assert content.person_email("Cllr Jo O'Bloggs", "oxfordshire.example") == "jo.obloggs@oxfordshire.example"
    assert content.organisation_contact(3, "cherwell.example") == (
        "partnerships@cherwell.example",
        "01632 960203",
        "https://www.cherwell.example/",
    )


def test_rule_22_a_step_without_a_date_in_the_papers_says_its_date_is_illustrative() -> None:
    text = content.illustrative_date("The Chief Executives found no compromise (003 §16).", dt.date(2008, 9, 15))
    assert text == (
        "The Chief Executives found no compromise (003 §16). The date, 15 September 2008, is illustrative: "
        "the paper this history comes from does not give it."
    )
    assert content.illustrative_date("", dt.date(2008, 9, 15)).startswith("The date, 15 September 2008,")
