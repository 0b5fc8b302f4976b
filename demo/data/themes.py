"""What the demo papers say: a few paragraphs for each theme of the source papers.
Literals only; demo/content.py picks a paper's theme from its title and lays out its pages.
"""

from __future__ import annotations

from demo.specs import Theme

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
