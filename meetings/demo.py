"""Demo meetings (SPEC §10): two years of the Oxfordshire boards' business, loaded
through the actions in meetings/actions.py so the data obeys the same rules as the
portal — paper deadlines, late papers only with a reason and the chair's agreement,
minutes approved at the next meeting, and so on.

The history is replayed in chronological order, one board at a time, with the
actions' ``now=`` parameters placing publication in the past. Papers are real PDF and
DOCX files built here at load time (a few kilobytes each; no WeasyPrint, so loading
stays fast). Loading twice changes nothing: a meeting that exists (board and start)
is skipped whole.

The demo's "today" is 26 November 2026: the last meetings were held in October and
November 2026, the Commissioning Body meets on 10 December 2026 (paper deadline 26
November, agenda published) and the HWBP Board on 21 January 2027 (agenda not yet
published).
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import random
import textwrap
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Model, Q
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from governance.queue import side_effects_paused
from partnerships import actions as partnership_actions
from partnerships.demo import (
    HWBP_BOARD,
    PSB,
    SP_COMMISSIONING_BODY,
    SP_CORE_STRATEGY_GROUP,
)
from partnerships.models import SEATED_ROLES, Board, Membership, MembershipRole, Person, Seniority

from . import actions
from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    ExemptCategory,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
    Purpose,
)

PSB_BOARD = f"{PSB}/public-service-board"

# The demo's "today" (see the module docstring).
DEMO_TODAY = dt.date(2026, 11, 26)

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# ---------------------------------------------------------------------------
# Real paper files: a minimal PDF writer (Helvetica, WinAnsi) and a minimal DOCX
# ---------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
LINE_CHARS = 92  # about what fits in 10 pt Helvetica between the margins
LINES_PER_PAGE = 50


@dataclass(frozen=True)
class Block:
    """A run of text on a page: a heading (bold) or a paragraph."""

    text: str
    heading: bool = False


def _pdf_text(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252) encoding."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf_info(text: str) -> bytes:
    """A document information string: UTF-16BE with a byte order mark, as PDF 1.4 allows."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


def _page_stream(title: str, blocks: list[Block], number: int, total: int) -> bytes:
    """The content stream of one page: its blocks top-down, and a footer."""
    out = [b"BT"]
    y = PAGE_HEIGHT - MARGIN
    lines_left = LINES_PER_PAGE
    for block in blocks:
        size, leading, font = (12, 18, b"/F2") if block.heading else (10, 14, b"/F1")
        for line in textwrap.wrap(block.text, LINE_CHARS if not block.heading else 70) or [""]:
            if lines_left <= 0:
                break
            out.append(font + b" %d Tf 1 0 0 1 %d %d Tm " % (size, MARGIN, y) + _pdf_text(line) + b" Tj")
            y -= leading
            lines_left -= 1
        y -= 6
    footer = f"{title} - page {number} of {total}"
    out.append(b"/F1 8 Tf 1 0 0 1 %d %d Tm " % (MARGIN, 30) + _pdf_text(footer) + b" Tj")
    out.append(b"ET")
    return b"\n".join(out)


def pdf_document(title: str, author: str, pages: list[list[Block]]) -> bytes:
    """A small, valid PDF with one page per list of blocks (readable by pypdf and any viewer)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    page_tree = add(b"")
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    info = add(b"<< /Title " + _pdf_info(title) + b" /Author " + _pdf_info(author) + b" /Producer (Accord demo) >>")
    kids = []
    for number, blocks in enumerate(pages, start=1):
        stream = zlib.compress(_page_stream(title, blocks, number, len(pages)))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
                % (page_tree, PAGE_WIDTH, PAGE_HEIGHT, content, regular, bold)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R /Lang (en-GB) >>" % page_tree
    objects[page_tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    buffer = io.BytesIO()
    buffer.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(buffer.tell())
        buffer.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = buffer.tell()
    buffer.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        buffer.write(b"%010d 00000 n \n" % offset)
    buffer.write(
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, info, xref)
    )
    return buffer.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)


def docx_document(title: str, blocks: list[Block]) -> bytes:
    """A minimal Word document. The entry order matters: filetype recognises a DOCX
    by a zip whose first entry is [Content_Types].xml, followed by one under word/."""

    def paragraph(text: str, heading: bool) -> str:
        run_props = '<w:rPr><w:b/><w:sz w:val="28"/></w:rPr>' if heading else ""
        return f'<w:p><w:r>{run_props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    body = paragraph(title, True) + "".join(paragraph(block.text, block.heading) for block in blocks)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# What the papers say: a few paragraphs per theme of the source papers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    summary: str
    issues: str
    appendix: tuple[str, ...]


# The first theme whose keyword is in a paper's title gives its text: specific ones first.
THEMES: tuple[tuple[tuple[str, ...], Theme], ...] = (
    (
        ("joint strategic needs assessment", "jsna"),
        Theme(
            "The Joint Strategic Needs Assessment (JSNA) brings together what health and local authority "
            "commissioners know about the needs of adults in Oxfordshire. Without it, agreed common investments "
            "based on specified outcomes are hard to reach (000 §2C).",
            "The main findings are an ageing population in the rural districts, widening gaps in healthy life "
            "expectancy between the most and least deprived wards, rising numbers of carers, and unmet need for "
            "housing-related support among younger adults with mental health problems.",
            (
                "Chapter 1  Population and demography",
                "Chapter 2  Healthy life expectancy and inequalities",
                "Chapter 3  Long-term conditions and frailty",
                "Chapter 4  Mental health and well-being",
                "Chapter 5  Carers",
                "Chapter 6  Housing, homelessness and housing-related support",
            ),
        ),
    ),
    (
        ("director of public health",),
        Theme(
            "The Director of Public Health's annual report is an independent view of the health of the county. "
            "The Board manages the joint work of the public health function and takes the report forward "
            "(002 §2(c), §3).",
            "This year's report looks at physical activity, smoking in pregnancy, alcohol-related admissions and "
            "the health of people sleeping rough. Each recommendation names the partner best placed to act; the "
            "Board has no executive powers, so it recommends to partner agencies (002 §9).",
            (
                "Recommendation 1  Every district to adopt a physical activity plan",
                "Recommendation 2  Smoke-free pregnancy pathway across all maternity units",
                "Recommendation 3  Alcohol liaison in both acute hospitals",
                "Recommendation 4  Health checks for people using homelessness services",
            ),
        ),
    ),
    (
        ("health and wellbeing strategy", "health and well-being strategy"),
        Theme(
            "The Joint Health and Wellbeing Strategy sets the shared outcomes the partners will work to: improved "
            "health and emotional well-being, improved quality of life, making a positive contribution, increased "
            "choice and control, freedom from discrimination, economic well-being and personal dignity (002).",
            "As a 'big ticket' statutory strategy it is first agreed by each partner's executive body before it "
            "takes effect (000 §2A). Partners asked for papers at least ten working days before the meeting so "
            "that Cabinet members and senior managers can take colleagues' views (000 §3).",
            (
                "Outcome 1  Improved health and emotional well-being",
                "Outcome 2  Improved quality of life",
                "Outcome 3  Making a positive contribution",
                "Outcome 4  Increased choice and control",
                "Outcome 5  Freedom from discrimination",
                "Outcome 6  Economic well-being",
                "Outcome 7  Maintaining personal dignity and respect",
            ),
        ),
    ),
    (
        ("contract", "tender", "lease"),
        Theme(
            "This report sets out the evaluation of tenders and recommends a contract award. It contains "
            "commercially confidential information about the bidders' prices.",
            "Tenders were evaluated on quality (60%) and price (40%). The recommended bidder scored highest on "
            "both and has confirmed it can start the service on the date required.",
            ("Bidder A  quality 52/60  price 38/40", "Bidder B  quality 47/60  price 40/40", "Bidder C  withdrawn"),
        ),
    ),
    (
        ("young people", "teenage"),
        Theme(
            "Supported housing for young people, including teenage parents, was the subject of Cherwell District "
            "Council's objection in 2005, resolved when the Chief Executives found a compromise (003 §12-13).",
            "Demand from 16 and 17 year olds has risen since the Southwark judgment. A single gateway with "
            "children's services is proposed so young people are assessed once.",
            ("Banbury foyer  24 units", "Oxford young parents' scheme  12 units", "Floating support  60 places"),
        ),
    ),
    (
        ("sheltered", "warden"),
        Theme(
            "Support for older people in sheltered housing has been the subject of disagreement between partners "
            "before: West Oxfordshire District Council objected to the Strategy in 2004 and in 2008 over resident "
            "wardens (003 §12).",
            "Options range from keeping resident wardens in every scheme to a peripatetic service for all tenants "
            "aged over 60, whatever their tenure. Residents' views are mixed; providers favour a flexible model.",
            (
                "Option A  Keep resident wardens in all schemes",
                "Option B  Resident wardens in larger schemes, visiting support elsewhere",
                "Option C  Peripatetic service for all older people",
            ),
        ),
    ),
    (
        ("winter", "discharge", "reablement"),
        Theme(
            "The joint winter plan sets out how health and social care partners will manage pressures on hospital "
            "beds, discharge and reablement over the winter.",
            "The plan adds reablement capacity, a discharge-to-assess pathway and extra housing-related support "
            "so people are not kept in hospital for want of somewhere safe to go.",
            ("Reablement hours per week  +1,200", "Discharge-to-assess beds  24", "Housing link workers  4"),
        ),
    ),
    (
        ("service user", "user representative"),
        Theme(
            "Service users should be involved in the partnership's decisions. Since September the Core Strategy "
            "Group has included two representatives of the Service User Working Group (003 §8-10).",
            "A majority view is emerging that clear mechanisms, with training and support, can enable service "
            "users to be meaningfully involved, including on the Commissioning Body on a no-vote basis (003 §22-23).",
            (
                "Induction for new representatives",
                "Pre-meeting briefing with the Supporting People team",
                "Expenses and carers' costs met by the programme",
                "Plain-English summary of every paper",
                "Annual review of how involvement has changed decisions",
            ),
        ),
    ),
    (
        ("memorandum", "conflict resolution", "future governance"),
        Theme(
            "The Memorandum of Understanding requires the active consent of all eight commissioning partners for "
            "every decision (003 §11). It has three times been unable to reach a unanimous decision: in 2004, 2005 "
            "and 2008 (003 §12).",
            "Officers recommend keeping consensus as the aim, escalating disagreements to the local authority Chief "
            "Executives, and allowing a majority decision if a second meeting again cannot agree (003 §19), with "
            "the minority against limited to one vote (003 §22). Any change needs the signature of all eight "
            "partners (003 §7).",
            (
                "Primary Care Trust: supports majority voting as part of conflict resolution",
                "West Oxfordshire DC: the Memorandum should remain unchanged",
                "South Oxfordshire DC: content to move to majority voting",
                "Vale of White Horse DC: content to move to majority voting",
                "Cherwell DC: no support for majority voting",
                "Oxfordshire CC: majority voting, limiting the minority against to one vote",
                "Oxford City Council: concerns that some partners' views would not be reflected",
            ),
        ),
    ),
    (
        ("annual plan",),
        Theme(
            "The Annual Plan sets out how the Supporting People programme grant will be spent in the year, service "
            "by service and district by district. Under the Memorandum of Understanding it needs the active "
            "consent of all eight commissioning partners (003 §11).",
            "The plan keeps spending within the grant, moves two short-term services into the floating support "
            "contract, and protects services for young people, including teenage parents, and for older people in "
            "sheltered housing, the two areas on which partners have disagreed before (003 §12).",
            (
                "Older people (sheltered and extra care)        £3.92m",
                "Single homeless people with support needs      £2.71m",
                "Young people at risk, including teenage parents £1.48m",
                "People with mental health problems             £1.36m",
                "People with learning disabilities              £1.02m",
                "Offenders and people at risk of offending      £0.64m",
                "Women at risk of domestic violence             £0.58m",
            ),
        ),
    ),
    (
        ("supporting people strategy", "strategy 20", "strategy: "),
        Theme(
            "The Supporting People Strategy sets the direction for housing-related support for vulnerable people "
            "for the next three years. The Commissioning Body approves it (003 §21).",
            "The draft proposes more floating support that follows the person rather than the building, a review "
            "of support in sheltered housing, and a single gateway for young people. It has been shaped by the "
            "Core Strategy Group, the Provider Forum and the Service User Working Group (003 §9-10).",
            (
                "Priority 1  Prevent homelessness through early, flexible support",
                "Priority 2  Help people move on to independent living",
                "Priority 3  Remodel support for older people in sheltered housing",
                "Priority 4  A single gateway for young people, including teenage parents",
                "Priority 5  Involve service users in commissioning decisions",
            ),
        ),
    ),
    (
        ("local area agreement", "laa", "indicator", "performance"),
        Theme(
            "This report shows performance against the Local Area Agreement indicators the partnership leads on, "
            "with the baseline, target and latest actual for each, and the direction of travel (004 R11).",
            "Most indicators are on track. Two are rated red: people supported to maintain independent living "
            "(NI 142) fell in the quarter because of a provider failure in the south of the county, and delayed "
            "transfers of care remain above target. The delivery chain behind each target is set out so the "
            "Board can see who is accountable (004 R4).",
            (
                "NI 8    Adult participation in sport            baseline 21.3%  target 24.0%  actual 23.1%  amber",
                "NI 39   Alcohol-harm related admissions        baseline 1,204  target 1,150  actual 1,188  amber",
                "NI 123  Stopping smoking (per 100,000)         baseline 812    target 950    actual 961    green",
                "NI 131  Delayed transfers of care              baseline 14.2   target 10.0   actual 12.8   red",
                "NI 141  Vulnerable people achieving independence baseline 68%  target 72%    actual 73%    green",
                "NI 142  Vulnerable people maintaining independence baseline 97.9% target 98.5% actual 97.2% red",
            ),
        ),
    ),
    (
        ("budget", "outturn", "fund", "grant"),
        Theme(
            "This report shows spending against the programme budget and forecasts the outturn for the year.",
            "Spending is forecast within budget. An underspend on short-term accommodation is offset by rising "
            "demand for floating support in Cherwell and the City.",
            (
                "Budget for the year          £12.10m",
                "Spent to date                 £6.02m",
                "Forecast outturn             £12.04m",
                "Forecast variance            -£0.06m",
            ),
        ),
    ),
)

GENERIC_THEME = Theme(
    "This report updates the partnership on the matter named in its title and invites comments.",
    "Partners have contributed to the report through the officer group. The partnership has no executive powers of "
    "its own: any action falls to the partner organisations within their own powers (002 §9).",
    ("Contributions from each partner organisation", "Timetable for the next stage"),
)


def theme_for(title: str) -> Theme:
    lowered = title.lower()
    for keywords, theme in THEMES:
        if any(keyword in lowered for keyword in keywords):
            return theme
    return GENERIC_THEME


RECOMMENDATION = {
    Purpose.DECISION: "{noun} is RECOMMENDED to agree the proposals set out in this report.",
    Purpose.DISCUSSION: "{noun} is invited to discuss the report and give officers its views.",
    Purpose.INFORMATION: "{noun} is asked to note the report.",
}

EXEMPT_NOTICE = (
    "NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972: "
    "information relating to the financial or business affairs of any particular person."
)


def paper_pages(
    title: str, *, board: str, noun: str, day: dt.date, author: Person, purpose: str, exempt: bool, pages: int
) -> list[list[Block]]:
    """One to five pages of a committee report, in the usual order of sections."""
    theme = theme_for(title)
    first = [
        Block(board, heading=True),
        Block(_long(day)),
        Block(title, heading=True),
        Block(f"Report of {author.name}, {author.job_title}"),
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


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# ---------------------------------------------------------------------------
# The shape of the data
# ---------------------------------------------------------------------------

COUNTY_HALL = "County Hall, New Road, Oxford OX1 1ND"
ONLINE = "Online (Microsoft Teams)"


@dataclass(frozen=True)
class PaperSpec:
    title: str
    pages: int = 2
    author: str = ""  # a demo Person; blank: the item's lead
    docx: bool = False
    late: str = ""  # why it came after the deadline (s100B(4)(b)); the chair agrees
    publish: bool = True  # False: uploaded but not yet published
    members_early: bool = False  # members may read it before publication
    supplement: str = ""  # change note of a revised version published as a supplement


@dataclass(frozen=True)
class DeclarationSpec:
    person: str
    nature: str
    withdraws: bool = False


@dataclass(frozen=True)
class ActionSpec:
    description: str
    owner: str
    due: dt.date
    status: str = ActionStatus.OPEN


@dataclass(frozen=True)
class ItemSpec:
    title: str
    purpose: str
    lead: str
    papers: tuple[PaperSpec, ...] = ()
    minute: str = ""  # blank: the usual wording for the purpose
    exempt: bool = False
    declarations: tuple[DeclarationSpec, ...] = ()
    actions: tuple[ActionSpec, ...] = ()


HELD = "held"
AGENDA_PUBLISHED = "agenda_published"
SCHEDULED = "scheduled"


@dataclass(frozen=True)
class MeetingSpec:
    day: dt.date
    items: tuple[ItemSpec, ...]
    time: dt.time = dt.time(10)
    venue: str = COUNTY_HALL
    state: str = HELD
    attendance: dict[str, str] = field(default_factory=dict)  # person -> AttendanceStatus, overriding chance
    invited: tuple[tuple[str, str], ...] = ()  # (person, why they were invited)


@dataclass(frozen=True)
class Series:
    """One board's meetings, in date order."""

    board: str  # "partnership-slug/board-slug"
    noun: str  # how the minutes name the body: "The Board", "The Commissioning Body"
    meetings: tuple[MeetingSpec, ...]
    clerk: str = ""  # the officer who writes the minutes
    declarations_item: bool = False  # council committees take declarations as an item
    deputy_share: tuple[float, float] = (0.08, 0.08)  # chance a seat is filled by its deputy, first → last
    absence: float = 0.10  # chance of apologies (four in five) or absence (one in five)


def paper(title: str, pages: int = 2, **options: object) -> PaperSpec:
    return PaperSpec(title, pages, **options)  # type: ignore[arg-type]


def decision(title: str, lead: str, *papers: PaperSpec, **options: object) -> ItemSpec:
    return ItemSpec(title, Purpose.DECISION, lead, papers, **options)  # type: ignore[arg-type]


def discussion(title: str, lead: str, *papers: PaperSpec, **options: object) -> ItemSpec:
    return ItemSpec(title, Purpose.DISCUSSION, lead, papers, **options)  # type: ignore[arg-type]


def information(title: str, lead: str, *papers: PaperSpec, **options: object) -> ItemSpec:
    return ItemSpec(title, Purpose.INFORMATION, lead, papers, **options)  # type: ignore[arg-type]


def done(description: str, owner: str, due: dt.date) -> ActionSpec:
    return ActionSpec(description, owner, due, ActionStatus.DONE)


D = dt.date
A = AttendanceStatus

# Reasons for late papers, recorded with the chair's agreement (SPEC §4, s100B(4)(b)).
LATE_Q3_FIGURES = (
    "The Department of Health published the quarter 3 national indicator figures on 3 March, after the paper "
    "deadline; the Board must see them before the Local Area Agreement refresh is submitted on 31 March."
)
LATE_GRANT = (
    "The grant announcement for 2026-27 came on 12 November, after the paper deadline, and changes the draft "
    "Annual Plan's figures; partners' executive bodies need the revised draft in January."
)
LATE_RETURNS = (
    "Partners' quarter 3 returns were delayed by the Christmas closure; the forecast is needed before the year-end "
    "submission and cannot wait for the April meeting."
)
LATE_TRAINING = (
    "The training provider confirmed dates and costs on 26 August, after the paper deadline; the first session "
    "takes place before the next meeting."
)
LATE_WINTER = (
    "NHS England issued its winter planning letter on 15 September, after the paper deadline; the joint plan must "
    "be agreed before 1 October."
)

# ---------------------------------------------------------------------------
# The Health and Well-Being Partnership Board: quarterly (002 §10), a council
# committee (5 clear days as well as 10 working days), reconstituted after the
# May 2025 county election.
# ---------------------------------------------------------------------------

DPH = "Jonathan McWilliam"
DDPH = "Dr Ruth Kelsall"
DASS = "Claire Ashby"
DSCS = "John Jackson"
HWBP_OFFICER = "Matt Bramall"
SP_MANAGER = "Helen Forsyth"
ACE = "Peter Lambourne"

HWBP_SERIES = Series(
    HWBP_BOARD,
    "The Board",
    clerk=HWBP_OFFICER,
    declarations_item=True,
    meetings=(
        MeetingSpec(
            D(2024, 11, 21),
            (
                discussion(
                    "Joint Strategic Needs Assessment 2025: scope and timetable",
                    DPH,
                    paper("JSNA 2025: scope and timetable", 3),
                    actions=(done("Bring the JSNA chapter plan to the March meeting", DDPH, D(2025, 2, 28)),),
                ),
                information(
                    "Local Area Agreement indicators: quarter 2 performance report",
                    DASS,
                    paper("LAA performance report, quarter 2 2024-25", 4),
                    paper("Indicator tables, quarter 2", 1, docx=True),
                ),
                discussion("Director of Public Health annual report 2024", DPH, paper("Annual report 2024", 5)),
            ),
            time=dt.time(14),
        ),
        MeetingSpec(
            D(2025, 3, 13),
            (
                discussion(
                    "Joint Strategic Needs Assessment 2025: findings", DPH, paper("JSNA 2025: summary of findings", 4)
                ),
                information(
                    "Local Area Agreement indicators: quarter 3 performance report",
                    DASS,
                    paper("LAA performance report, quarter 3 2024-25", 3, late=LATE_Q3_FIGURES),
                ),
                discussion(
                    "Joint Health and Wellbeing Strategy 2026-2030: approach to engagement",
                    DSCS,
                    paper("Engagement plan for the new Strategy", 2),
                    actions=(
                        done(
                            "Run engagement events on the draft Strategy in each district", HWBP_OFFICER, D(2025, 6, 13)
                        ),
                    ),
                ),
            ),
            time=dt.time(14),
        ),
        MeetingSpec(
            D(2025, 6, 26),
            (
                information(
                    "Board membership and terms of reference after the May 2025 elections",
                    HWBP_OFFICER,
                    paper("Membership and terms of reference", 1),
                    minute="The Board welcomed its new members and noted its terms of reference: it has no executive "
                    "powers of its own and acts by recommendation to partner agencies (002 §9).",
                ),
                decision(
                    "Joint Health and Wellbeing Strategy 2026-2030: draft for agreement",
                    DSCS,
                    paper("Joint Health and Wellbeing Strategy 2026-2030: draft", 5),
                    paper("Summary of engagement responses", 2, docx=True),
                    minute="The co-chairs put the draft Strategy to the Board. Oxford City Council, Cherwell District "
                    "Council and the Vale of White Horse District Council said their executive bodies had not yet "
                    "considered it. RESOLVED: to defer the decision to the September meeting so that each partner can "
                    "take the draft to its executive body (000 §3).",
                    actions=(
                        done(
                            "Take the draft Strategy to each partner's executive body before September",
                            HWBP_OFFICER,
                            D(2025, 9, 12),
                        ),
                    ),
                ),
                discussion(
                    "Service user involvement: report of the user representatives",
                    HWBP_OFFICER,
                    paper("How user representatives want to take part", 2),
                ),
            ),
            time=dt.time(14),
        ),
        MeetingSpec(
            D(2025, 9, 25),
            (
                decision(
                    "Joint Health and Wellbeing Strategy 2026-2030",
                    DSCS,
                    paper("Joint Health and Wellbeing Strategy 2026-2030: final draft", 5),
                    minute="Every partner gave its consent. RESOLVED: to agree the Joint Health and Wellbeing Strategy "
                    "2026-2030, subject to ratification by each partner's executive body (000 §2A).",
                    actions=(
                        done(
                            "Report each partner's ratification to the November meeting", HWBP_OFFICER, D(2025, 11, 14)
                        ),
                    ),
                ),
                information(
                    "Local Area Agreement indicators: quarter 1 performance report",
                    DASS,
                    paper("LAA performance report, quarter 1 2025-26", 3),
                ),
                discussion(
                    "Conflict resolution in thematic partnerships",
                    HWBP_OFFICER,
                    paper("Conflict resolution: learning from the Supporting People Memorandum", 2),
                    minute="The Board discussed how the Supporting People Commissioning Body resolves disagreements "
                    "(003 §19-22) and agreed that it would not seek to decide matters for the Commissioning Body "
                    "(003 §21).",
                ),
            ),
            time=dt.time(14),
        ),
        MeetingSpec(
            D(2025, 11, 27),
            (
                decision(
                    "Director of Public Health annual report 2025: recommendations",
                    DPH,
                    paper("Director of Public Health annual report 2025", 5),
                    declarations=(
                        DeclarationSpec(
                            "Dr Kieran Lodge",
                            "Personal interest: he is a partner in a GP practice taking part in the health checks "
                            "pilot described in the report.",
                        ),
                    ),
                    minute="RESOLVED: to agree the report's recommendations and to ask each partner to act on those "
                    "addressed to it.",
                    actions=(
                        done("Publish the recommendations on each partner's website", DDPH, D(2026, 1, 30)),
                        done("Agree a lead officer for each recommendation with partners", DPH, D(2026, 2, 27)),
                    ),
                ),
                information(
                    "Joint Health and Wellbeing Strategy: ratification by partners",
                    HWBP_OFFICER,
                    paper("Ratification by partners' executive bodies", 1),
                    minute="The Board noted that every partner's executive body had ratified the Strategy, which "
                    "took effect on 5 November 2025.",
                ),
                discussion("Winter plan 2025-26: health and social care", DASS, paper("Joint winter plan 2025-26", 3)),
            ),
            time=dt.time(14),
        ),
        MeetingSpec(
            D(2026, 3, 12),
            (
                decision(
                    "Joint Strategic Needs Assessment 2026: priorities for commissioning",
                    DPH,
                    paper("JSNA 2026: priorities for commissioning", 4),
                    paper("JSNA 2026 data tables", 2, docx=True),
                    minute="RESOLVED: to agree the six priorities for joint commissioning in 2026-27.",
                    actions=(done("Circulate the JSNA 2026 ward profiles to district councils", DDPH, D(2026, 4, 30)),),
                ),
                discussion(
                    "Hospital discharge and reablement",
                    DASS,
                    paper("Discharge and reablement: progress report", 3),
                ),
                information(
                    "Local Area Agreement indicators: quarter 3 performance report",
                    DASS,
                    paper("LAA performance report, quarter 3 2025-26", 3),
                ),
            ),
            time=dt.time(14),
            attendance={"Cllr Margaret Ellison": A.DEPUTY},
            invited=(("Dr Nadia Kerr", "Oxford Radcliffe Hospitals, for the discharge item (002 §8)"),),
        ),
        MeetingSpec(
            D(2026, 6, 25),
            (
                decision(
                    "Local Area Agreement: indicator targets for 2026-27",
                    DASS,
                    paper("Proposed LAA indicator targets 2026-27", 4),
                    minute="RESOLVED: to agree the indicator targets and the delivery chain behind each (004 R4).",
                    actions=(
                        ActionSpec(
                            "Circulate the baseline and trajectory for the smoking quitters indicator (NI 123)",
                            DDPH,
                            D(2026, 8, 31),
                        ),
                    ),
                ),
                discussion(
                    "Director of Public Health annual report 2025: progress on recommendations",
                    DPH,
                    paper("Progress on the 2025 recommendations", 2),
                ),
                information(
                    "Supporting People programme: annual report",
                    SP_MANAGER,
                    paper("Supporting People annual report 2025-26", 2),
                    minute="The Board noted the report of the Supporting People Partnership, for which it is the "
                    "relevant thematic partnership (003 §20).",
                ),
            ),
            time=dt.time(14),
        ),
        MeetingSpec(
            D(2026, 9, 24),
            (
                decision(
                    "Service user involvement framework",
                    HWBP_OFFICER,
                    paper("Service user involvement framework", 3),
                    minute="RESOLVED: to agree the framework, with training and support for user representatives "
                    "(003 §23).",
                    actions=(
                        ActionSpec(
                            "Brief the County Cabinet on the service user involvement framework",
                            "Cllr Margaret Ellison",
                            D(2026, 10, 31),
                        ),
                    ),
                ),
                information(
                    "Local Area Agreement indicators: quarter 1 performance report",
                    DASS,
                    paper("LAA performance report, quarter 1 2026-27", 3),
                ),
                discussion(
                    "Winter pressures 2026-27: joint plan",
                    DASS,
                    paper("Joint winter plan 2026-27", 3, late=LATE_WINTER),
                    actions=(ActionSpec("Scope the JSNA 2027 refresh", DDPH, D(2027, 1, 8)),),
                ),
            ),
            time=dt.time(14),
        ),
        MeetingSpec(
            D(2027, 1, 21),
            (
                decision(
                    "Joint Health and Wellbeing Strategy: first annual review",
                    DSCS,
                    paper("Strategy review 2026", 3, publish=False, members_early=True),
                ),
                discussion("Joint Strategic Needs Assessment 2027: scope", DPH),
                information(
                    "Local Area Agreement indicators: quarter 2 performance report",
                    DASS,
                    paper("LAA performance report, quarter 2 2026-27", 3, publish=False),
                ),
            ),
            time=dt.time(14),
            state=SCHEDULED,
        ),
    ),
)

# ---------------------------------------------------------------------------
# The Supporting People Commissioning Body: about six meetings a year (001, executive)
# ---------------------------------------------------------------------------

CB_SERIES = Series(
    SP_COMMISSIONING_BODY,
    "The Commissioning Body",
    clerk=SP_MANAGER,
    meetings=(
        MeetingSpec(
            D(2024, 11, 14),
            (
                discussion(
                    "Supporting People Annual Plan 2025-26: commissioning intentions",
                    SP_MANAGER,
                    paper("Commissioning intentions 2025-26", 4),
                ),
                information(
                    "Programme budget monitoring: quarter 2", SP_MANAGER, paper("Budget monitoring, quarter 2", 2)
                ),
                discussion(
                    "Review of support in sheltered housing",
                    SP_MANAGER,
                    paper("Sheltered housing support: review", 3),
                    actions=(
                        done(
                            "Consult district housing teams on the sheltered housing review", SP_MANAGER, D(2025, 1, 10)
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            D(2025, 1, 23),
            (
                decision(
                    "Supporting People Annual Plan 2025-26",
                    SP_MANAGER,
                    paper("Supporting People Annual Plan 2025-26", 4),
                    minute="All eight commissioning partners gave their consent. RESOLVED: to approve the Annual Plan "
                    "2025-26 (003 §11).",
                ),
                discussion(
                    "Sheltered housing support: consultation results",
                    SP_MANAGER,
                    paper("Sheltered housing: consultation results", 3),
                ),
                information(
                    "Service User Working Group: report", SP_MANAGER, paper("Service User Working Group report", 1)
                ),
            ),
        ),
        MeetingSpec(
            D(2025, 3, 20),
            (
                information(
                    "Programme budget monitoring: quarter 3", SP_MANAGER, paper("Budget monitoring, quarter 3", 2)
                ),
                discussion(
                    "Young people's supported housing, including teenage parents: needs analysis",
                    SP_MANAGER,
                    paper("Young people's supported housing: needs analysis", 3),
                ),
                discussion(
                    "Homelessness prevention fund: allocation 2025-26",
                    SP_MANAGER,
                    paper("Homelessness prevention fund 2025-26", 2),
                ),
            ),
            venue=ONLINE,
        ),
        MeetingSpec(
            D(2025, 6, 19),
            (
                information(
                    "Membership of the Commissioning Body after the May 2025 elections",
                    SP_MANAGER,
                    paper("Membership of the Commissioning Body", 1),
                ),
                discussion(
                    "Memorandum of Understanding: review of conflict resolution",
                    SP_MANAGER,
                    paper("Memorandum of Understanding: conflict resolution options", 3),
                    minute="The Commissioning Body discussed the options of 2009 (003 §19-22): keeping unanimity, a "
                    "majority at a second meeting, and limiting the minority against to one vote.",
                    actions=(
                        done(
                            "Ask each partner's officers to discuss the options with their members",
                            SP_MANAGER,
                            D(2025, 9, 5),
                        ),
                    ),
                ),
                information("Programme outturn 2024-25", SP_MANAGER, paper("Outturn 2024-25", 2, docx=True)),
            ),
        ),
        MeetingSpec(
            D(2025, 7, 24),
            (
                decision(
                    "Floating support services: contract award",
                    SP_MANAGER,
                    paper("Floating support: tender evaluation and award", 3),
                    exempt=True,
                    declarations=(
                        DeclarationSpec(
                            "Cllr Simon Hearn",
                            "Prejudicial interest: his wife is a trustee of one of the bidding housing associations. "
                            "He left the meeting for this item.",
                            withdraws=True,
                        ),
                    ),
                    minute="The public were excluded for this item (exempt information, Schedule 12A paragraph 3). "
                    "RESOLVED: to award the floating support contract as set out in the exempt report.",
                ),
                discussion(
                    "Service user involvement in decision making",
                    SP_MANAGER,
                    paper("Service user involvement: options", 2),
                ),
                information(
                    "Programme budget monitoring: quarter 1", SP_MANAGER, paper("Budget monitoring, quarter 1", 2)
                ),
            ),
            invited=(("Sian Lloyd-Hughes", "Provider Forum, for the service user involvement item"),),
        ),
        MeetingSpec(
            D(2025, 9, 18),
            (
                discussion(
                    "Memorandum of Understanding: partners' views on conflict resolution",
                    SP_MANAGER,
                    paper("Partners' views on conflict resolution", 3),
                ),
                information(
                    "Supporting People Strategy 2022-2027: mid-term review",
                    SP_MANAGER,
                    paper("Strategy mid-term review", 4),
                ),
                discussion(
                    "Teenage parents' supported housing: pilot extension",
                    SP_MANAGER,
                    paper("Teenage parents' pilot: evaluation", 2),
                ),
            ),
        ),
        MeetingSpec(
            D(2025, 11, 20),
            (
                information(
                    "Programme budget monitoring: quarter 2", SP_MANAGER, paper("Budget monitoring, quarter 2", 2)
                ),
                discussion(
                    "Supporting People Annual Plan 2026-27: first draft",
                    SP_MANAGER,
                    paper("Annual Plan 2026-27: first draft", 4, late=LATE_GRANT),
                    actions=(
                        done(
                            "Revise the Annual Plan for March in the light of members' comments",
                            SP_MANAGER,
                            D(2026, 2, 27),
                        ),
                    ),
                ),
                discussion(
                    "Sheltered housing: resident wardens",
                    SP_MANAGER,
                    paper("Resident wardens: options", 3),
                ),
            ),
        ),
        MeetingSpec(
            D(2026, 1, 22),
            (
                discussion(
                    "Memorandum of Understanding: draft amended text",
                    SP_MANAGER,
                    paper("Memorandum of Understanding: draft amendments", 3),
                    paper("Draft amended Memorandum (tracked changes)", 2, docx=True),
                ),
                information(
                    "Programme budget monitoring: quarter 3", SP_MANAGER, paper("Budget monitoring, quarter 3", 2)
                ),
                discussion(
                    "Service User Working Group: training and support for representatives",
                    SP_MANAGER,
                    paper("Training and support for service user representatives", 2),
                ),
            ),
            venue=ONLINE,
        ),
        MeetingSpec(
            D(2026, 3, 19),
            (
                decision(
                    "Supporting People Annual Plan 2026-27",
                    SP_MANAGER,
                    paper("Supporting People Annual Plan 2026-27", 5),
                    minute="All eight commissioning partners gave their consent. RESOLVED: to approve the Annual Plan "
                    "2026-27 (003 §11).",
                    actions=(done("Publish the Annual Plan 2026-27", SP_MANAGER, D(2026, 4, 17)),),
                ),
                information(
                    "Homelessness prevention fund: outcomes",
                    SP_MANAGER,
                    paper("Homelessness prevention fund: outcomes", 2),
                ),
            ),
        ),
        MeetingSpec(
            D(2026, 5, 21),
            (
                information("Programme outturn 2025-26", SP_MANAGER, paper("Outturn 2025-26", 2, docx=True)),
                discussion(
                    "Supporting People Strategy 2027-2030: scope and consultation plan",
                    SP_MANAGER,
                    paper("Strategy 2027-2030: scope", 3),
                ),
                discussion(
                    "Memorandum of Understanding: responses from partners' executive bodies",
                    SP_MANAGER,
                    paper("Memorandum: responses from partners", 2),
                ),
            ),
        ),
        MeetingSpec(
            D(2026, 7, 16),
            (
                discussion(
                    "Supporting People Strategy 2027-2030: emerging priorities",
                    SP_MANAGER,
                    paper("Strategy 2027-2030: emerging priorities", 3),
                ),
                information(
                    "Programme budget monitoring: quarter 1", SP_MANAGER, paper("Budget monitoring, quarter 1", 2)
                ),
                discussion(
                    "Young people's supported housing: recommissioning plan",
                    SP_MANAGER,
                    paper("Young people's services: recommissioning plan", 3),
                ),
            ),
            venue=ONLINE,
        ),
        MeetingSpec(
            D(2026, 9, 17),
            (
                decision(
                    "Amended Memorandum of Understanding",
                    SP_MANAGER,
                    paper("Amended Memorandum of Understanding: conflict resolution and service users", 4),
                    paper("Amended Memorandum: final text", 2, docx=True),
                    minute="All eight commissioning partners gave their consent. RESOLVED: to adopt the amended "
                    "Memorandum (a majority at a second meeting, the minority against limited to one vote, service "
                    "users on a no-vote basis: 003 §19-23) and to ask each partner to sign it (003 §7).",
                    actions=(
                        ActionSpec(
                            "Obtain the signatures of all eight commissioning partners to the amended Memorandum",
                            SP_MANAGER,
                            D(2026, 11, 13),
                        ),
                    ),
                ),
                information(
                    "Service User Working Group: annual report",
                    SP_MANAGER,
                    paper("Service User Working Group annual report", 2),
                ),
                discussion(
                    "Supporting People Strategy 2027-2030: outline of the consultation draft",
                    SP_MANAGER,
                    paper("Strategy 2027-2030: outline", 3),
                ),
            ),
        ),
        MeetingSpec(
            D(2026, 10, 29),
            (
                discussion(
                    "Supporting People Strategy 2027-2030: consultation draft",
                    SP_MANAGER,
                    paper("Supporting People Strategy 2027-2030: consultation draft", 5),
                    actions=(
                        done(
                            "Circulate the consultation draft to partners' executive bodies",
                            SP_MANAGER,
                            D(2026, 11, 20),
                        ),
                    ),
                ),
                information(
                    "Programme budget monitoring: quarter 2", SP_MANAGER, paper("Budget monitoring, quarter 2", 2)
                ),
                information(
                    "Amended Memorandum of Understanding: signatures received",
                    SP_MANAGER,
                    paper("Amended Memorandum: signatures", 1),
                ),
            ),
        ),
        MeetingSpec(
            D(2026, 12, 10),
            (
                decision(
                    "Supporting People Strategy 2027-2030: consultation draft for approval",
                    SP_MANAGER,
                    paper(
                        "Supporting People Strategy 2027-2030: consultation draft",
                        5,
                        supplement="Corrected the table of district allocations on page 4",
                    ),
                ),
                information(
                    "Annual Plan 2026-27: progress at six months",
                    SP_MANAGER,
                    paper("Annual Plan 2026-27: six-month progress", 2),
                ),
                discussion(
                    "Service user involvement under the amended Memorandum",
                    SP_MANAGER,
                    paper("Service users on the Commissioning Body: arrangements", 2, publish=False),
                ),
                decision(
                    "Sheltered housing support: contract extension",
                    SP_MANAGER,
                    paper("Sheltered housing support: contract extension", 2, members_early=True),
                    exempt=True,
                ),
            ),
            state=AGENDA_PUBLISHED,
        ),
    ),
)

# ---------------------------------------------------------------------------
# The Supporting People Core Strategy Group: officers, providers and, since
# September 2025, two service users on a no-vote basis (003 §9-10)
# ---------------------------------------------------------------------------

PERFORMANCE = "Quarterly performance: NI 141 and NI 142"

CSG_SERIES = Series(
    SP_CORE_STRATEGY_GROUP,
    "The Group",
    clerk=SP_MANAGER,
    meetings=(
        MeetingSpec(
            D(2024, 11, 6),
            (
                discussion(
                    "Sheltered housing support review: options", SP_MANAGER, paper("Sheltered housing: options", 3)
                ),
                information("Provider Forum report", "Colin Whitby", paper("Provider Forum report", 1)),
                discussion(
                    "Supporting People Annual Plan 2025-26: officer draft",
                    SP_MANAGER,
                    paper("Annual Plan 2025-26: officer draft", 3),
                ),
            ),
            venue=ONLINE,
        ),
        MeetingSpec(
            D(2025, 2, 5),
            (
                discussion(
                    "Young people's supported housing: needs analysis",
                    "Anita Sandhu",
                    paper("Young people: needs analysis", 3),
                ),
                information(PERFORMANCE, "Rachel Oduya", paper("Performance report, quarter 3", 2)),
                discussion(
                    "Service user involvement: options",
                    SP_MANAGER,
                    paper("Service user involvement: options for the Group", 2),
                    minute="The Group agreed, with strong support from Health and the Drug and Alcohol Action Team, "
                    "to recommend that two service users join it (003 §8).",
                ),
            ),
        ),
        MeetingSpec(
            D(2025, 5, 7),
            (
                information(PERFORMANCE, "Rachel Oduya", paper("Performance report, quarter 4", 2)),
                discussion(
                    "Memorandum of Understanding: conflict resolution options for the Commissioning Body",
                    SP_MANAGER,
                    paper("Conflict resolution: options", 3),
                ),
                information("Provider Forum report", "Colin Whitby", paper("Provider Forum report", 1)),
            ),
            venue=ONLINE,
        ),
        MeetingSpec(
            D(2025, 9, 3),
            (
                information(
                    "Welcome to the service user representatives and revised terms of reference",
                    SP_MANAGER,
                    paper("Revised terms of reference", 1),
                    minute="The Group welcomed Dean Harper and Marie Colquhoun from the Service User Working Group, "
                    "its first members who use services (003 §10).",
                ),
                discussion(
                    "Memorandum of Understanding: partners' positions",
                    SP_MANAGER,
                    paper("Partners' positions on the Memorandum", 2),
                    actions=(
                        done(
                            "Summarise each partner's position for the Commissioning Body", SP_MANAGER, D(2025, 9, 12)
                        ),
                    ),
                ),
                information(PERFORMANCE, "Rachel Oduya", paper("Performance report, quarter 1", 2)),
            ),
        ),
        MeetingSpec(
            D(2025, 11, 5),
            (
                discussion(
                    "Supporting People Annual Plan 2026-27: officer draft",
                    SP_MANAGER,
                    paper("Annual Plan 2026-27: officer draft", 3),
                ),
                information("Provider Forum report", "Sian Lloyd-Hughes", paper("Provider Forum report", 1)),
                discussion(
                    "Training and support for service user representatives",
                    SP_MANAGER,
                    paper("Training and support: proposals", 2),
                ),
            ),
            venue=ONLINE,
        ),
        MeetingSpec(
            D(2026, 2, 4),
            (
                information(PERFORMANCE, "Rachel Oduya", paper("Performance report, quarter 3", 2)),
                discussion(
                    "Supporting People Strategy 2027-2030: evidence base",
                    SP_MANAGER,
                    paper("Strategy 2027-2030: evidence base", 4),
                ),
            ),
        ),
        MeetingSpec(
            D(2026, 5, 6),
            (
                discussion(
                    "Floating support: specification for recommissioning",
                    SP_MANAGER,
                    paper("Floating support: draft specification", 3),
                    declarations=(
                        DeclarationSpec(
                            "Colin Whitby",
                            "His organisation provides floating support and may bid; he took part in the discussion "
                            "of needs but not of the evaluation criteria.",
                        ),
                    ),
                ),
                information("Provider Forum report", "Colin Whitby", paper("Provider Forum report", 1)),
                information(PERFORMANCE, "Rachel Oduya", paper("Performance report, quarter 4", 2)),
            ),
            venue=ONLINE,
        ),
        MeetingSpec(
            D(2026, 9, 2),
            (
                discussion(
                    "Service user involvement: training plan",
                    SP_MANAGER,
                    paper("Training plan for service user representatives", 2, late=LATE_TRAINING),
                    actions=(
                        ActionSpec(
                            "Arrange the first training session for service user representatives",
                            "Rachel Oduya",
                            D(2026, 10, 30),
                        ),
                    ),
                ),
                information(PERFORMANCE, "Rachel Oduya", paper("Performance report, quarter 1", 2)),
                discussion(
                    "Supporting People Strategy 2027-2030: consultation plan",
                    SP_MANAGER,
                    paper("Strategy consultation plan", 2),
                ),
            ),
        ),
        MeetingSpec(
            D(2026, 11, 4),
            (
                discussion(
                    "Supporting People Strategy 2027-2030: comments on the consultation draft",
                    SP_MANAGER,
                    paper("Officers' comments on the consultation draft", 2),
                ),
                information(PERFORMANCE, "Rachel Oduya", paper("Performance report, quarter 2", 2)),
                discussion(
                    "Business for the Commissioning Body on 10 December",
                    SP_MANAGER,
                    paper("Forward plan of the Commissioning Body", 1),
                ),
            ),
            venue=ONLINE,
        ),
    ),
)

# ---------------------------------------------------------------------------
# The Public Service Board: drives delivery and performance of the LSP (003 §3).
# Deputies fill more seats as time goes on: 001 principle 3's warning sign.
# ---------------------------------------------------------------------------

PSB_SERIES = Series(
    PSB_BOARD,
    "The Public Service Board",
    clerk=ACE,
    deputy_share=(0.0, 0.6),
    meetings=(
        MeetingSpec(
            D(2024, 12, 5),
            (
                information(
                    "Local Area Agreement: performance at quarter 2",
                    ACE,
                    paper("LAA performance at quarter 2 2024-25", 4),
                ),
                discussion(
                    "Partnership governance: annual review of the partnership register",
                    ACE,
                    paper("Register of partnerships: annual review", 3),
                    minute="The Public Service Board reviewed the register of partnerships inside and outside the "
                    "LSP, with their contacts and membership (004 R5).",
                ),
                information(
                    "Health and Well Being Partnership: report to the Public Service Board",
                    HWBP_OFFICER,
                    paper("HWBP report to the PSB", 2),
                ),
            ),
            time=dt.time(9, 30),
        ),
        MeetingSpec(
            D(2025, 3, 6),
            (
                discussion("Local Area Agreement refresh 2025-26", ACE, paper("LAA refresh 2025-26", 3)),
                information(
                    "Safer Communities Partnership: annual report",
                    "Ch Supt Brian Olsen",
                    paper("Safer Communities annual report", 3),
                ),
                discussion(
                    "Sustainable Community Strategy: mid-term review",
                    ACE,
                    paper("Sustainable Community Strategy: mid-term review", 4),
                ),
            ),
            time=dt.time(9, 30),
        ),
        MeetingSpec(
            D(2025, 7, 3),
            (
                information(
                    "Membership of the Public Service Board after the May 2025 elections",
                    ACE,
                    paper("Membership of the Public Service Board", 1),
                ),
                discussion(
                    "Local Area Agreement: year-end performance 2024-25",
                    ACE,
                    paper("LAA year-end performance 2024-25", 4),
                ),
                discussion(
                    "Delivery chains behind the Local Area Agreement targets",
                    ACE,
                    paper("Delivery chains: target to thematic partnership to delivery group", 3),
                    minute="The Public Service Board asked each thematic partnership to name the delivery group "
                    "behind each target it leads on (004 R4).",
                    actions=(done("Collect the delivery chain for each LAA target", ACE, D(2025, 9, 26)),),
                ),
            ),
            time=dt.time(9, 30),
        ),
        MeetingSpec(
            D(2025, 10, 2),
            (
                information(
                    "Local Area Agreement: performance at quarter 1",
                    ACE,
                    paper("LAA performance at quarter 1 2025-26", 3),
                ),
                discussion(
                    "Report to full council on partnership working",
                    ACE,
                    paper("Draft report to full council", 3),
                    minute="The Public Service Board agreed the draft report that Cabinet members will present to "
                    "each full council (001; 004 R1b).",
                ),
                information(
                    "Children and Young People's Trust: annual report",
                    "Meera Kapoor",
                    paper("Children's Trust annual report", 3),
                ),
            ),
            time=dt.time(9, 30),
        ),
        MeetingSpec(
            D(2026, 1, 15),
            (
                information(
                    "Local Area Agreement: year-end forecast",
                    ACE,
                    paper("LAA year-end forecast 2025-26", 3, late=LATE_RETURNS),
                ),
                discussion(
                    "Partnership risk register: the top three risks per theme",
                    ACE,
                    paper("Partnership risk register", 3),
                    minute="The Public Service Board reviewed the red, amber and green ratings of the top three risks "
                    "of each strategy theme (001).",
                ),
                discussion(
                    "Budget pressures across partners 2026-27",
                    "Joanna Birch",
                    paper("Partners' budget pressures 2026-27", 2),
                ),
            ),
            time=dt.time(9, 30),
        ),
        MeetingSpec(
            D(2026, 4, 16),
            (
                discussion(
                    "Shared office accommodation: lease terms",
                    ACE,
                    paper("Shared office accommodation: heads of terms", 2),
                    exempt=True,
                    declarations=(
                        DeclarationSpec(
                            "Helen Cardew",
                            "West Oxfordshire District Council owns one of the buildings considered.",
                        ),
                    ),
                    minute="The public were excluded for this item (exempt information, Schedule 12A paragraph 3). "
                    "The Public Service Board discussed the heads of terms and asked officers to negotiate further.",
                ),
                information(
                    "Local Area Agreement: performance at quarter 3",
                    ACE,
                    paper("LAA performance at quarter 3 2025-26", 3),
                ),
                discussion(
                    "Partnership Governance Handbook: compliance review",
                    ACE,
                    paper("Governance Handbook: compliance of each partnership", 3),
                ),
            ),
            time=dt.time(9, 30),
        ),
        MeetingSpec(
            D(2026, 7, 9),
            (
                information(
                    "Local Area Agreement: year-end performance 2025-26",
                    ACE,
                    paper("LAA year-end performance 2025-26", 4),
                ),
                information(
                    "Health and Well Being Partnership: annual report",
                    HWBP_OFFICER,
                    paper("HWBP annual report 2025-26", 3),
                ),
                discussion(
                    "Audit of partnerships: follow-up",
                    ACE,
                    paper("Audit of partnerships: progress on recommendations", 2),
                    actions=(
                        ActionSpec("Report progress on the partnership audit recommendations", ACE, D(2026, 9, 30)),
                    ),
                ),
            ),
            time=dt.time(9, 30),
        ),
        MeetingSpec(
            D(2026, 10, 8),
            (
                information(
                    "Local Area Agreement: performance at quarter 1",
                    ACE,
                    paper("LAA performance at quarter 1 2026-27", 3),
                ),
                discussion(
                    "Sustainable Community Strategy from 2027: approach",
                    ACE,
                    paper("Sustainable Community Strategy: approach", 3),
                ),
                discussion(
                    "Thematic partnerships: attendance and deputies",
                    ACE,
                    paper("Attendance and deputies across the partnerships", 2),
                    minute="The Public Service Board noted that deputies now fill a growing share of its own seats, "
                    "a symptom of a 'talking shop' (001 principle 3), and asked members to attend in person.",
                ),
            ),
            time=dt.time(9, 30),
        ),
    ),
)

SERIES: tuple[Series, ...] = (HWBP_SERIES, CB_SERIES, CSG_SERIES, PSB_SERIES)

# ---------------------------------------------------------------------------
# Seats of the previous council term. partnerships/demo.py seats most members from
# the May 2025 county election; these earlier seats (ended the day before) let the
# meetings of 2024-25 record who attended then. History is kept (SPEC §3).
# ---------------------------------------------------------------------------

TERM_START = D(2021, 5, 24)
TERM_END = D(2025, 5, 18)


@dataclass(frozen=True)
class EarlierSeat:
    board: str
    person: str
    start: dt.date = TERM_START
    end: dt.date = TERM_END
    role: str = MembershipRole.MEMBER
    seniority: str = Seniority.CHIEF_EXECUTIVE
    deputy: str | None = None


EARLIER_SEATS: tuple[EarlierSeat, ...] = (
    EarlierSeat(
        PSB_BOARD,
        "Cllr Andrew Kemble",
        role=MembershipRole.CHAIR,
        seniority=Seniority.CABINET_MEMBER,
        deputy="Cllr David Rowntree",
    ),
    EarlierSeat(PSB_BOARD, "Joanna Birch", deputy="Peter Lambourne"),
    EarlierSeat(PSB_BOARD, "Nicola Ward"),
    EarlierSeat(PSB_BOARD, "Philip Harker"),
    EarlierSeat(PSB_BOARD, "Gail Strachan"),
    EarlierSeat(PSB_BOARD, "Duncan Mayhew"),
    EarlierSeat(PSB_BOARD, "Helen Cardew"),
    EarlierSeat(PSB_BOARD, "Martin Ashdown", deputy="Fiona Crane"),
    EarlierSeat(PSB_BOARD, "Ch Supt Brian Olsen", seniority=Seniority.DIRECTOR, deputy="Supt Kevin Hurst"),
    EarlierSeat(PSB_BOARD, "Stuart Neale", deputy="Karen Whitlock"),
    EarlierSeat(HWBP_BOARD, "Joanna Birch", deputy="Peter Lambourne"),
    EarlierSeat(HWBP_BOARD, "John Jackson", seniority=Seniority.DIRECTOR, deputy="Claire Ashby"),
    # The County's Cabinet Member chaired the Commissioning Body until he stood down.
    EarlierSeat(
        SP_COMMISSIONING_BODY,
        "Cllr Roger Haswell",
        end=D(2025, 5, 1),
        role=MembershipRole.CHAIR,
        seniority=Seniority.CABINET_MEMBER,
        deputy="Cllr Priya Nandra",
    ),
    # Cherwell's member until its Executive appointed Cllr Royce, whose deputy she became.
    EarlierSeat(
        SP_COMMISSIONING_BODY,
        "Cllr Anne Tilbury",
        start=D(2024, 5, 22),
        end=D(2025, 6, 1),
        seniority=Seniority.CABINET_MEMBER,
    ),
)


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def replayed_at(action: Callable[..., object], moment: dt.datetime) -> dict[str, dt.datetime]:
    """``now=moment`` for an action that takes the time of the change, nothing for one
    that does not yet: the actions gain ``now=`` parameters one by one, and the demo
    uses each as soon as it exists."""
    return {"now": moment} if "now" in inspect.signature(action).parameters else {}


def aware(day: dt.date, time: dt.time) -> dt.datetime:
    """A local (Europe/London) time on a day."""
    return timezone.make_aware(dt.datetime.combine(day, time))


@contextmanager
def quiet_side_effects() -> Iterator[None]:
    """Replaying two years of history must not email every member about agendas
    published long ago, nor render some eighty agenda packs and minutes inline."""
    with side_effects_paused():
        yield


@dataclass
class DemoContext:
    """Who acts, and lookups of the demo's boards and people by their natural keys."""

    officer: User
    administrator: User
    now: dt.datetime
    _boards: dict[str, Board] = field(default_factory=dict)
    _people: dict[str, Person] = field(default_factory=dict)

    @classmethod
    def create(cls, users: dict[str, User] | None = None) -> DemoContext:
        users = users or {u.username: u for u in User.objects.filter(username__in=("officer", "admin"))}
        return cls(officer=users["officer"], administrator=users["admin"], now=timezone.now())

    def board(self, key: str) -> Board:
        if key not in self._boards:
            partnership, slug = key.split("/")
            self._boards[key] = Board.objects.select_related("partnership").get(
                partnership__slug=partnership, slug=slug
            )
        return self._boards[key]

    def person(self, name: str) -> Person:
        if name not in self._people:
            self._people[name] = Person.objects.select_related("organisation", "user").get(name=name)
        return self._people[name]

    def actor(self, board: Board) -> User:
        """The demo officer where she services the partnership; the administrator elsewhere."""
        from partnerships.access import can_edit_partnership

        return self.officer if can_edit_partnership(self.officer, board.partnership) else self.administrator


def load_earlier_seats(ctx: DemoContext) -> None:
    """Seats of the previous term, keyed on board, person and start date."""
    for seat in EARLIER_SEATS:
        board, person = ctx.board(seat.board), ctx.person(seat.person)
        if Membership.objects.filter(board=board, person=person, start_date=seat.start).exists():
            continue
        partnership_actions.membership_create(
            by=ctx.actor(board),
            now=aware(seat.start, dt.time(9)),
            board=board,
            person=person,
            organisation=person.organisation,
            role=seat.role,
            seniority=seat.seniority,
            elected=seat.person.startswith("Cllr "),
            start_date=seat.start,
            end_date=seat.end,
            deputy=ctx.person(seat.deputy) if seat.deputy else None,
        )


def chair_on(board: Board, day: dt.date) -> str:
    """Who chaired the board on a day (an elected co-chair before the other)."""
    seat = (
        board.memberships.current(day)
        .filter(role__in=(MembershipRole.CHAIR, MembershipRole.CO_CHAIR))
        .select_related("person")
        .order_by("role", "-elected", "pk")
        .first()
    )
    if seat is None:
        return "the chair"
    return f"{seat.person.name} ({seat.get_role_display().lower()})"


def _attendance(
    board: Board, spec: MeetingSpec, seed: str, deputy_share: float, absence: float
) -> list[actions.AttendanceEntry]:
    """Who came: chairs always, the others by a seeded chance (the same on every load),
    with apologies more likely where a member has no deputy to send (001 principle 5)."""
    rng = random.Random(seed)
    entries = []
    seats = board.memberships.current(spec.day).filter(role__in=SEATED_ROLES).select_related("person").order_by("pk")
    for seat in seats:
        status = spec.attendance.get(seat.person.name)
        if status is None:
            chance = rng.random()
            if seat.role in (MembershipRole.CHAIR, MembershipRole.CO_CHAIR):
                status = A.PRESENT
            elif seat.deputy_id and chance < deputy_share:
                status = A.DEPUTY
            elif chance < deputy_share + absence * 0.8:
                status = A.APOLOGIES
            elif chance < deputy_share + absence:
                status = A.ABSENT
            else:
                status = A.PRESENT
        entries.append(actions.AttendanceEntry(seat, status, seat.deputy_id if status == A.DEPUTY else None))
    return entries


def _who(attendance: Attendance) -> str:
    organisation = f" ({attendance.organisation.name})" if attendance.organisation_id else ""
    return f"{attendance.person.name}{organisation}"


def _apologies_minute(meeting: Meeting) -> str:
    rows = list(meeting.attendance.select_related("person", "organisation", "deputy"))
    apologies = [_who(row) for row in rows if row.status == A.APOLOGIES]
    deputies = [f"{row.deputy.name} for {_who(row)}" for row in rows if row.status == A.DEPUTY]
    absent = [_who(row) for row in rows if row.status == A.ABSENT]
    invited = [f"{row.person.name} ({row.invited_role})" for row in rows if row.membership_id is None]
    parts = [f"Apologies were received from {'; '.join(apologies)}." if apologies else "There were no apologies."]
    if deputies:
        parts.append(f"Designated deputies attended: {'; '.join(deputies)}.")
    if absent:
        parts.append(f"Absent: {'; '.join(absent)}.")
    if invited:
        parts.append(f"In attendance by invitation: {'; '.join(invited)}.")
    return " ".join(parts)


def _declarations_minute(meeting: Meeting) -> str:
    declarations = Declaration.objects.filter(item__meeting=meeting).select_related("item", "membership__person")
    lines = [
        f"{d.membership.person.name} declared an interest in item {d.item.order}, {d.item.title}: {d.nature}"
        + (" They withdrew for that item." if d.withdraws else "")
        for d in declarations
    ]
    return " ".join(lines) if lines else "There were no declarations of interest."


DEFAULT_MINUTE = {
    Purpose.DECISION: "{lead} introduced the report. RESOLVED: to agree the recommendations in the report.",
    Purpose.DISCUSSION: "{lead} introduced the report. {noun} discussed it and asked officers to reflect members' "
    "comments in the next stage of the work.",
    Purpose.INFORMATION: "{noun} noted the report.",
}


def _minute(spec: ItemSpec, noun: str) -> str:
    text = spec.minute or DEFAULT_MINUTE[spec.purpose].format(lead=spec.lead, noun=noun)
    for action in spec.actions:
        text += f" ACTION: {action.owner} – {action.description[0].lower()}{action.description[1:]}, by {_long(action.due)}."
    return text


def _upload(title: str, content: bytes, docx: bool) -> SimpleUploadedFile:
    extension, content_type = ("docx", DOCX_TYPE) if docx else ("pdf", PDF_TYPE)
    return SimpleUploadedFile(f"{slugify(title)[:80]}.{extension}", content, content_type=content_type)


def _paper_file(
    spec: PaperSpec,
    item: ItemSpec,
    *,
    board: Board,
    noun: str,
    day: dt.date,
    author: Person,
    revision: str = "",
) -> bytes:
    """A paper's file: a PDF, or a DOCX where the spec says so."""
    pages = paper_pages(
        spec.title,
        board=board.name,
        noun=noun,
        day=day,
        author=author,
        purpose=item.purpose,
        exempt=item.exempt,
        pages=spec.pages,
    )
    if revision:
        pages[0].insert(3, Block(f"Revised version: {revision}."))
    if spec.docx:
        return docx_document(spec.title, [block for page in pages for block in page])
    return pdf_document(spec.title, author.name, pages)


def _minutes_file(board: Board, previous: Meeting, *, author: str) -> bytes:
    """The draft minutes of the previous meeting, as the paper for the item that approves them."""
    heading = f"Draft minutes of the meeting held on {_long(previous.date)}"
    blocks = [Block(board.name, heading=True), Block(heading, heading=True)]
    for item in previous.items.order_by("order"):
        blocks += [Block(f"{item.order}. {item.title}", heading=True), Block(item.minutes or "")]
    pages = [blocks[i : i + 8] for i in range(0, len(blocks), 8)]
    return pdf_document(heading, author, pages)


@dataclass
class _Planned:
    """An agenda item being built, with what it needs later."""

    item: AgendaItem
    spec: ItemSpec | None
    kind: str  # "apologies", "declarations", "minutes" or "business"


def build_meeting(
    ctx: DemoContext,
    board: Board,
    spec: MeetingSpec,
    *,
    previous: Meeting | None,
    noun: str,
    declarations_item: bool = False,
    deputy_share: float = 0.08,
    absence: float = 0.10,
    clerk: str = "",
) -> Meeting:
    """Replay one meeting's life through the actions, in order: schedule, agenda,
    papers, publication (late papers after it), attendance, declarations, minutes,
    actions arising, and the approval of the previous meeting's minutes. A meeting
    that exists (same board and start) is returned untouched."""
    start = aware(spec.day, spec.time)
    existing = Meeting.objects.filter(board=board, start=start).first()
    if existing is not None:
        return existing
    if spec.state == HELD and start > ctx.now:
        raise RuntimeError(f"The demo holds {board.name} on {spec.day} as held, but that date is still to come.")
    by = ctx.actor(board)
    meeting = actions.meeting_schedule(
        board,
        by=by,
        start=start,
        end=start + dt.timedelta(hours=2, minutes=30),
        venue=spec.venue,
        online_url="https://meet.oxfordshire.example/partnerships" if spec.venue == ONLINE else "",
        now=start - dt.timedelta(weeks=8),
    )
    deadline = meeting.governing_deadline
    prepared = min(ctx.now, aware(deadline - dt.timedelta(days=7), dt.time(9)))

    # The agenda: the standing items, then the business.
    planned: list[_Planned] = []

    def add(title: str, purpose: str, lead: str, kind: str, item_spec: ItemSpec | None = None) -> AgendaItem:
        exempt = bool(item_spec and item_spec.exempt)
        item = actions.item_add(
            meeting,
            by=by,
            title=title,
            purpose=purpose,
            lead_officer=lead,
            exempt=exempt,
            exempt_category=ExemptCategory.FINANCIAL if exempt else "",
            now=prepared,
        )
        planned.append(_Planned(item, item_spec, kind))
        return item

    add("Apologies for absence", Purpose.INFORMATION, "", "apologies")
    if declarations_item:
        add("Declarations of interest", Purpose.INFORMATION, "", "declarations")
    papers: list[tuple[Paper, PaperSpec]] = []
    if previous is not None:
        minutes_item = add(f"Minutes of the meeting held on {_long(previous.date)}", Purpose.DECISION, "", "minutes")
        title = f"Minutes of the meeting held on {_long(previous.date)}"
        writer = ctx.person(clerk) if clerk else None
        content = _minutes_file(board, previous, author=writer.name if writer else "Partnership officer")
        minutes_paper = actions.paper_add(
            minutes_item,
            _upload(title, content, docx=False),
            by=by,
            title=title,
            author=writer,
            author_name="" if writer else "Partnership officer",
            author_email=writer.email if writer else "",
            now=prepared,
        )
        papers.append((minutes_paper, PaperSpec(title, publish=spec.state != SCHEDULED)))
    for item_spec in spec.items:
        lead = ctx.person(item_spec.lead)
        item = add(item_spec.title, item_spec.purpose, f"{lead.name}, {lead.job_title}", "business", item_spec)
        for paper_spec in item_spec.papers:
            author = ctx.person(paper_spec.author or item_spec.lead)
            content = _paper_file(paper_spec, item_spec, board=board, noun=noun, day=spec.day, author=author)
            new_paper = actions.paper_add(
                item,
                _upload(paper_spec.title, content, paper_spec.docx),
                by=by,
                title=paper_spec.title,
                author=author,
                author_email=author.email,
                available_to_members=paper_spec.members_early,
                now=prepared,
            )
            papers.append((new_paper, paper_spec))
    # Direct write: paper_add takes no upload time, and the demo replays the past.
    PaperVersion.objects.filter(paper__item__meeting=meeting).update(uploaded_at=prepared)
    if spec.state == SCHEDULED:
        return _fresh(meeting)

    # Publication: papers by the deadline, then the agenda; late papers after it,
    # each with its reason and the chair's agreement (s100B(4)(b)).
    if spec.state == AGENDA_PUBLISHED:
        published = agenda_at = min(ctx.now, aware(deadline, dt.time(12)))
    else:
        published, agenda_at = aware(deadline, dt.time(11)), aware(deadline, dt.time(16))
    for paper_obj, paper_spec in papers:
        if paper_spec.publish and not paper_spec.late:
            actions.paper_publish(paper_obj, by=by, now=published)
    # Confirmed: items whose papers follow late are published with the agenda.
    meeting = actions.agenda_publish(meeting, by=by, confirm_missing=True, now=agenda_at)
    chair = chair_on(board, spec.day)
    for paper_obj, paper_spec in papers:
        if paper_spec.late:
            late_at = aware(spec.day - dt.timedelta(days=2), dt.time(11))
            actions.paper_publish(paper_obj, by=by, now=late_at, late_reason=paper_spec.late, chair_agreed_by=chair)
        if paper_spec.supplement:
            # A revised file for a published paper is published at once as a supplement (SPEC §4).
            item_spec = next(e.spec for e in planned if e.item.pk == paper_obj.item_id)
            assert item_spec is not None and paper_obj.author is not None
            revised = _paper_file(
                paper_spec,
                item_spec,
                board=board,
                noun=noun,
                day=spec.day,
                author=paper_obj.author,
                revision=paper_spec.supplement,
            )
            revised_at = min(ctx.now, aware(deadline, dt.time(15)))
            actions.paper_upload(
                paper_obj,
                _upload(paper_spec.title, revised, paper_spec.docx),
                by=by,
                note=paper_spec.supplement,
                now=revised_at,
            )
    if spec.state == AGENDA_PUBLISHED:
        return _fresh(meeting)

    # The meeting itself.
    entries = _attendance(board, spec, f"{board.partnership.slug}/{board.slug}/{spec.day}", deputy_share, absence)
    ended = start + dt.timedelta(hours=2, minutes=30)
    actions.attendance_record(meeting, entries, by=by, now=ended)
    for name, why in spec.invited:
        guest = ctx.person(name)
        actions.attendee_add(meeting, by=by, person=guest, organisation=guest.organisation, invited_role=why, now=ended)
    for entry in planned:
        entry.item.meeting = meeting  # one instance, so each action sees the status the last one left
        for declared in entry.spec.declarations if entry.spec else ():
            seat = board.memberships.current(spec.day).get(person__name=declared.person)
            actions.declaration_record(
                entry.item,
                by=by,
                membership=seat,
                nature=declared.nature,
                withdraws=declared.withdraws,
                now=start + dt.timedelta(minutes=5),
            )

    # Minutes of every item, and the actions arising.
    for entry in planned:
        if entry.kind == "apologies":
            text = _apologies_minute(meeting)
        elif entry.kind == "declarations":
            text = _declarations_minute(meeting)
        elif entry.kind == "minutes":
            assert previous is not None
            text = f"The minutes of the meeting held on {_long(previous.date)} were approved as a correct record."
        else:
            assert entry.spec is not None
            text = _minute(entry.spec, noun)
        actions.minutes_update(meeting, minutes={entry.item.pk: text}, by=by, now=ended)
        for arising in entry.spec.actions if entry.spec else ():
            completed = (
                min(ctx.now, aware(arising.due - dt.timedelta(days=3), dt.time(12)))
                if arising.status == ActionStatus.DONE
                else None
            )
            action = actions.action_create(
                meeting,
                by=by,
                item=entry.item,
                description=arising.description,
                owner=ctx.person(arising.owner),
                due_date=arising.due,
                now=ended,
            )
            if arising.status != ActionStatus.OPEN:
                actions.action_update(action, by=by, changes={"status": arising.status}, now=completed or ended)

    # The previous meeting's minutes: approved at this one, then published.
    if previous is not None and previous.status == MeetingStatus.MINUTES_DRAFT:
        actions.minutes_approve(previous, at=meeting, by=by, now=ended)
        actions.minutes_publish(previous, by=by, now=min(ctx.now, aware(spec.day + dt.timedelta(days=2), dt.time(12))))
    return _fresh(meeting)


def _fresh(meeting: Meeting) -> Meeting:
    meeting.refresh_from_db()
    return meeting


def build_series(ctx: DemoContext, series: Series) -> list[Meeting]:
    """A board's meetings in date order; each approves the minutes of the one before."""
    board = ctx.board(series.board)
    first, last = series.deputy_share
    count = len(series.meetings)
    built: list[Meeting] = []
    previous: Meeting | None = None
    for index, spec in enumerate(series.meetings):
        share = first + (last - first) * index / max(count - 1, 1)
        previous = build_meeting(
            ctx,
            board,
            spec,
            previous=previous,
            noun=series.noun,
            declarations_item=series.declarations_item,
            deputy_share=share,
            absence=series.absence,
            clerk=series.clerk,
        )
        built.append(previous)
    return built


def find_item(board: Board, day: dt.date, title: str) -> AgendaItem:
    """An agenda item of a demo meeting, by the board, the meeting's date and the item's title."""
    return AgendaItem.objects.select_related("meeting__board__partnership").get(
        meeting__board=board, meeting__start__date=day, title=title
    )


def load_demo(users: dict[str, User] | None = None) -> None:
    """Load (or leave as it is) two years of meetings of the four demo boards."""
    from django.db import transaction

    with transaction.atomic(), quiet_side_effects():
        ctx = DemoContext.create(users)
        load_earlier_seats(ctx)
        for series in SERIES:
            build_series(ctx, series)


def model_counts() -> dict[str, int]:
    models: tuple[type[Model], ...] = (Meeting, AgendaItem, Paper, PaperVersion, Attendance, Declaration, Action)
    return {str(model._meta.verbose_name_plural): model._default_manager.count() for model in models}


def summary_lines(today: dt.date | None = None) -> list[str]:
    """What the meetings demo holds, for the command's output."""
    today = today or timezone.localdate()
    meetings = Meeting.objects.aggregate(
        total=Count("pk"),
        held=Count(
            "pk",
            filter=Q(
                status__in=(
                    MeetingStatus.HELD,
                    MeetingStatus.MINUTES_DRAFT,
                    MeetingStatus.MINUTES_APPROVED,
                    MeetingStatus.MINUTES_PUBLISHED,
                )
            ),
        ),
        published=Count("pk", filter=Q(status=MeetingStatus.AGENDA_PUBLISHED)),
        scheduled=Count("pk", filter=Q(status=MeetingStatus.SCHEDULED)),
        minutes_public=Count("pk", filter=Q(minutes_published_at__isnull=False)),
    )
    papers = Paper.objects.aggregate(
        total=Count("pk"), late=Count("pk", filter=Q(late=True)), unpublished=Count("pk", filter=Q(published_at=None))
    )
    attendance = Attendance.objects.aggregate(
        total=Count("pk"),
        deputies=Count("pk", filter=Q(status=A.DEPUTY)),
        apologies=Count("pk", filter=Q(status=A.APOLOGIES)),
    )
    arising = Action.objects.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status=ActionStatus.OPEN)),
        overdue=Count("pk", filter=Q(status=ActionStatus.OPEN, due_date__lt=today)),
    )
    return [
        "Meetings loaded:",
        f"  meetings: {meetings['total']} (held {meetings['held']}, agenda published {meetings['published']}, "
        f"scheduled {meetings['scheduled']}; minutes published for {meetings['minutes_public']})",
        f"  agenda items: {AgendaItem.objects.count()} (exempt {AgendaItem.objects.filter(exempt=True).count()})",
        f"  papers: {papers['total']} (late {papers['late']}, not yet published {papers['unpublished']}); "
        f"paper versions: {PaperVersion.objects.count()}",
        f"  attendance: {attendance['total']} (by deputy {attendance['deputies']}, apologies {attendance['apologies']})",
        f"  declarations of interest: {Declaration.objects.count()} "
        f"(withdrew {Declaration.objects.filter(withdraws=True).count()})",
        f"  actions arising: {arising['total']} (open {arising['open']}, overdue {arising['overdue']})",
    ]
