"""The text the demo derives from its literals: the pages of each paper (from its
title's theme), the draft minutes filed as the next meeting's paper, the wording of
the minutes, and the addresses of organisations and people.

Pure: no Django and no database. The loader reads the rows it needs and passes plain
values in; the same values always give the same text, so loading twice writes the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from demo.data.themes import GENERIC_THEME, THEMES
from demo.documents import Block, docx_document, pdf_document
from demo.specs import ItemSpec, PaperSpec, PurposeChoice, Theme


def long_date(day: dt.date) -> str:
    """'5 November 2025', as committee papers write a date."""
    return f"{day.day} {day:%B %Y}"


# The demo replays the papers' history; where a paper gives no date for a step, the
# demo picks one and says so on the page (issue 8, item 22).
ILLUSTRATIVE = "is illustrative: the paper this history comes from does not give it"


def illustrative_date(text: str, day: dt.date) -> str:
    """``text`` followed by the sentence that says its date is the demo's, not the paper's."""
    sentence = f"The date, {long_date(day)}, {ILLUSTRATIVE}."
    return f"{text.rstrip()} {sentence}" if text.strip() else sentence


# ---------------------------------------------------------------------------
# Papers
# ---------------------------------------------------------------------------


def theme_for(title: str) -> Theme:
    """The first theme with a keyword in the paper's title, or the generic one."""
    lowered = title.lower()
    for keywords, theme in THEMES:
        if any(keyword in lowered for keyword in keywords):
            return theme
    return GENERIC_THEME


RECOMMENDATION: dict[PurposeChoice, str] = {
    "decision": "{noun} is RECOMMENDED to agree the proposals set out in this report.",
    "discussion": "{noun} is invited to discuss the report and give officers its views.",
    "information": "{noun} is asked to note the report.",
}

EXEMPT_NOTICE = (
    "NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972: "
    "information relating to the financial or business affairs of any particular person."
)


def paper_pages(
    title: str,
    *,
    board: str,
    noun: str,
    day: dt.date,
    author: str,
    job_title: str,
    purpose: PurposeChoice,
    exempt: bool,
    pages: int,
) -> list[list[Block]]:
    """One to five pages of a committee report, in the usual order of sections."""
    theme = theme_for(title)
    first = [
        Block(board, heading=True),
        Block(long_date(day)),
        Block(title, heading=True),
        Block(f"Report of {author}, {job_title}"),
    ]
    if exempt:
        first.append(Block(EXEMPT_NOTICE))
    first += [
        Block("Summary", heading=True),
        Block(theme.summary),
        Block("Recommendation", heading=True),
        Block(RECOMMENDATION[purpose].format(noun=noun)),
    ]
    plan = [
        first,
        [
            Block("Background", heading=True),
            Block(theme.summary),
            Block("Key issues", heading=True),
            Block(theme.issues),
        ],
        [
            Block("Financial implications", heading=True),
            Block(
                "There are no financial implications beyond those set out in the report; any spending falls "
                "to the partner organisations within their agreed budgets."
            ),
            Block("Legal implications", heading=True),
            Block(
                "The partnership has no executive powers of its own. It discharges its responsibilities by "
                "recommendations to the relevant partner agencies (002 §9)."
            ),
            Block("Equalities implications", heading=True),
            Block("An equality impact assessment has been carried out; no group is adversely affected."),
        ],
        [Block("Appendix A", heading=True), *(Block(line) for line in theme.appendix)],
        [
            Block("Appendix B: background papers", heading=True),
            Block("Decision-making within thematic partnerships, HWBP Officer Group, June 2009."),
            Block("Developing the Health and Well-Being Partnership Board, July 2007."),
            Block("Future governance, Supporting People Commissioning Body, 11 December 2009."),
            Block("Review of partnership working, Oxfordshire scrutiny select committee, 2007."),
        ],
    ]
    return plan[: max(1, min(pages, len(plan)))]


def paper_file(
    spec: PaperSpec,
    item: ItemSpec,
    *,
    board: str,
    noun: str,
    day: dt.date,
    author: str,
    job_title: str,
    revision: str = "",
) -> bytes:
    """A paper's file: a PDF, or a DOCX where the spec says so. ``revision`` is the
    change note of a revised version, shown under the title."""
    pages = paper_pages(
        spec.title,
        board=board,
        noun=noun,
        day=day,
        author=author,
        job_title=job_title,
        purpose=item.purpose,
        exempt=item.exempt,
        pages=spec.pages,
    )
    if revision:
        pages[0].insert(3, Block(f"Revised version: {revision}."))
    if spec.docx:
        return docx_document(spec.title, [block for page in pages for block in page])
    return pdf_document(spec.title, author, pages)


# ---------------------------------------------------------------------------
# Minutes
# ---------------------------------------------------------------------------

APOLOGIES_TITLE = "Apologies for absence"
DECLARATIONS_TITLE = "Declarations of interest"


def minutes_title(day: dt.date) -> str:
    """The title of the item (and its paper) that approves a meeting's minutes."""
    return f"Minutes of the meeting held on {long_date(day)}"


def minutes_approved_minute(day: dt.date) -> str:
    return f"The minutes of the meeting held on {long_date(day)} were approved as a correct record."


@dataclass(frozen=True)
class ExemptMinute:
    """An item the public may not see, in the draft minutes: its number and its
    exempt category as the public minutes label it (the item's
    ``get_exempt_category_display()``), never its title or its minute. Which items
    these are the caller decides with the item's ``is_public`` (meetings/models.py)."""

    order: int
    label: str


# The public minutes' words for an exempt item (templates/meetings/public/meeting.html).
EXEMPT_ITEM_HEADING = "{order}. Exempt item: {label}"
EXEMPT_ITEM_MINUTE = "The minute of this item contains exempt information and is not published."


def minutes_file(
    board: str, day: dt.date, items: Sequence[tuple[int, str, str] | ExemptMinute], *, author: str
) -> bytes:
    """The draft minutes of a meeting, as the paper for the item that approves them.
    ``items`` are the meeting's items, in order: (order, title, minutes) of each item
    the public may see, an ``ExemptMinute`` of each other one (shown as the public
    minutes show it: its number and exempt category only)."""
    heading = f"Draft minutes of the meeting held on {long_date(day)}"
    blocks = [Block(board, heading=True), Block(heading, heading=True)]
    for entry in items:
        if isinstance(entry, ExemptMinute):
            blocks += [
                Block(EXEMPT_ITEM_HEADING.format(order=entry.order, label=entry.label), heading=True),
                Block(EXEMPT_ITEM_MINUTE),
            ]
            continue
        order, title, minutes = entry
        blocks += [Block(f"{order}. {title}", heading=True), Block(minutes)]
    pages = [blocks[i : i + 8] for i in range(0, len(blocks), 8)]
    return pdf_document(heading, author, pages)


DEFAULT_MINUTE: dict[PurposeChoice, str] = {
    "decision": "{lead} introduced the report. RESOLVED: to agree the recommendations in the report.",
    "discussion": "{lead} introduced the report. {noun} discussed it and asked officers to reflect members' "
    "comments in the next stage of the work.",
    "information": "{noun} noted the report.",
}


def item_minute(spec: ItemSpec, noun: str) -> str:
    """An item's minute: the spec's wording or the usual one for its purpose, then its actions."""
    text = spec.minute or DEFAULT_MINUTE[spec.purpose].format(lead=spec.lead, noun=noun)
    for action in spec.actions:
        text += (
            f" ACTION: {action.owner} – {action.description[0].lower()}{action.description[1:]}, "
            f"by {long_date(action.due)}."
        )
    return text


def apologies_minute(
    apologies: Sequence[str], deputies: Sequence[str], absent: Sequence[str], invited: Sequence[str]
) -> str:
    """The minute of the apologies item, from who sent apologies, which deputies came
    ('deputy for member'), who was absent and who attended by invitation."""
    parts = [f"Apologies were received from {'; '.join(apologies)}." if apologies else "There were no apologies."]
    if deputies:
        parts.append(f"Designated deputies attended: {'; '.join(deputies)}.")
    if absent:
        parts.append(f"Absent: {'; '.join(absent)}.")
    if invited:
        parts.append(f"In attendance by invitation: {'; '.join(invited)}.")
    return " ".join(parts)


def declarations_minute(declarations: Sequence[tuple[str, int, str, str, bool]]) -> str:
    """The minute of the declarations item, from (person, item order, item title,
    nature, withdraws) of each declaration."""
    lines = [
        f"{person} declared an interest in item {order}, {title}: {nature}"
        + (" They withdrew for that item." if withdraws else "")
        for person, order, title, nature, withdraws in declarations
    ]
    return " ".join(lines) if lines else "There were no declarations of interest."


# ---------------------------------------------------------------------------
# Addresses
# ---------------------------------------------------------------------------


def person_email(name: str, domain: str) -> str:
    """first.last@domain from a name with any title in front ('Cllr Jo Bloggs' -> jo.bloggs@...)."""
    first, last = name.replace("'", "").split()[-2:]
    return f"{first}.{last}@{domain}".lower()


def organisation_contact(number: int, domain: str) -> tuple[str, str, str]:
    """The email, phone (Ofcom drama range) and website of the ``number``-th organisation."""
    return f"partnerships@{domain}", f"01632 960{200 + number:03d}", f"https://www.{domain}/"
