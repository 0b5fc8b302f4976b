"""Two years of the Oxfordshire boards' meetings (SPEC §4, §10): agendas, papers,
declarations, actions arising and the wording of the minutes, board by board.
Literals only; demo/content.py writes the papers' pages from their titles.

The demo's "today" is 26 November 2026: the last meetings were held in October and
November 2026, the Commissioning Body meets on 10 December 2026 (paper deadline 26
November, agenda published) and the HWBP Board on 21 January 2027 (agenda not yet
published).
"""

from __future__ import annotations

import datetime as dt

from demo.data.partnerships import HWBP_BOARD, PSB_BOARD, SP_COMMISSIONING_BODY, SP_CORE_STRATEGY_GROUP
from demo.specs import (
    AGENDA_PUBLISHED,
    ONLINE,
    SCHEDULED,
    ActionSpec,
    DeclarationSpec,
    EarlierSeat,
    MeetingSpec,
    Series,
    decision,
    discussion,
    done,
    information,
    paper,
)

# The demo's "today" (see the module docstring).
DEMO_TODAY = dt.date(2026, 11, 26)

D = dt.date

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
            attendance={"Cllr Margaret Ellison": "deputy"},
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
# Seats of the previous council term. demo/data/partnerships.py seats most members from
# the May 2025 county election; these earlier seats (ended the day before) let the
# meetings of 2024-25 record who attended then. History is kept (SPEC §3).
# ---------------------------------------------------------------------------

EARLIER_SEATS: tuple[EarlierSeat, ...] = (
    EarlierSeat(
        PSB_BOARD,
        "Cllr Andrew Kemble",
        role="chair",
        seniority="cabinet_member",
        deputy="Cllr David Rowntree",
    ),
    EarlierSeat(PSB_BOARD, "Joanna Birch", deputy="Peter Lambourne"),
    EarlierSeat(PSB_BOARD, "Nicola Ward"),
    EarlierSeat(PSB_BOARD, "Philip Harker"),
    EarlierSeat(PSB_BOARD, "Gail Strachan"),
    EarlierSeat(PSB_BOARD, "Duncan Mayhew"),
    EarlierSeat(PSB_BOARD, "Helen Cardew"),
    EarlierSeat(PSB_BOARD, "Martin Ashdown", deputy="Fiona Crane"),
    EarlierSeat(PSB_BOARD, "Ch Supt Brian Olsen", seniority="director", deputy="Supt Kevin Hurst"),
    EarlierSeat(PSB_BOARD, "Stuart Neale", deputy="Karen Whitlock"),
    EarlierSeat(HWBP_BOARD, "Joanna Birch", deputy="Peter Lambourne"),
    EarlierSeat(HWBP_BOARD, "John Jackson", seniority="director", deputy="Claire Ashby"),
    # The County's Cabinet Member chaired the Commissioning Body until he stood down.
    EarlierSeat(
        SP_COMMISSIONING_BODY,
        "Cllr Roger Haswell",
        end=D(2025, 5, 1),
        role="chair",
        seniority="cabinet_member",
        deputy="Cllr Priya Nandra",
    ),
    # Cherwell's member until its Executive appointed Cllr Royce, whose deputy she became.
    EarlierSeat(
        SP_COMMISSIONING_BODY,
        "Cllr Anne Tilbury",
        start=D(2024, 5, 22),
        end=D(2025, 6, 1),
        seniority="cabinet_member",
    ),
)
