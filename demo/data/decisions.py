"""The demo's decisions (SPEC §5, §10): the three Supporting People disputes of
003 §12-17 on the Commissioning Body under the 2004 Memorandum, with its members and
meetings of 2004-2009; the future-governance business of late 2009 (003 §10, §22-23)
at the Core Strategy Group, with its two service users, and at the Commissioning
Body on 11 December 2009; ordinary decisions of the HWBP Board and the Commissioning
Body in 2025-26; and one proposal still open at the Commissioning Body's next meeting.
Literals only.

Where 003 gives no date for a step or a meeting, the demo picks one and the page says
that the date is illustrative (``illustrative=True`` on a step; in the wording of a
meeting's minutes).
"""

from __future__ import annotations

import datetime as dt

from demo.data.partnerships import (
    CDC,
    CITY,
    HWBP_BOARD,
    OCC,
    PCT,
    PROBATION,
    SODC,
    SP_COMMISSIONING_BODY,
    SP_CORE_STRATEGY_GROUP,
    SP_PROVIDERS,
    USERS,
    VALE,
    WODC,
)
from demo.specs import (
    Defer,
    Determine,
    Escalate,
    EscalationResult,
    HistoricSeat,
    MeetingSpec,
    ProposalSpec,
    Ratify,
    Refer,
    RoundSpec,
    Series,
    Stand,
    decision,
    discussion,
    information,
    paper,
)

D = dt.date

# ---------------------------------------------------------------------------
# The Commissioning Body's members of 2004-2011: one for each of the eight
# commissioning partners that signed the 2004 Memorandum (003 §7, §11). Invented
# names; West Oxfordshire's member from 2008, Cllr Derek Hollins, is seated by
# demo/data/partnerships.py (003 §22).
# ---------------------------------------------------------------------------

HOLLINS = "Cllr Derek Hollins"
HOLLINS_FROM = D(2008, 5, 22)
SP_OFFICER_2004 = "Robert Jessop"

# Cherwell's designated deputies (001 principle 5), invented: the ledger answers "who
# could speak for Cherwell on 6 October 2005?" with the first, and today with neither.
CHERWELL_DEPUTY_2004 = "Cllr Rosalind Fell"
CHERWELL_DEPUTY_2006 = "Cllr Gareth Winslow"
CHERWELL_DEPUTY_CHANGED = D(2006, 5, 24)  # invented: Cherwell's annual council meeting

# People of 2004-2011 who are not seated below: name -> (job title, organisation), as PEOPLE.
HISTORIC_PEOPLE: dict[str, tuple[str, str]] = {
    SP_OFFICER_2004: ("Former Supporting People Lead Officer", OCC),
    CHERWELL_DEPUTY_2004: ("Former Deputy Portfolio Holder for Housing", CDC),
    CHERWELL_DEPUTY_2006: ("Former Deputy Portfolio Holder for Housing", CDC),
}

HISTORIC_SEATS: tuple[HistoricSeat, ...] = (
    HistoricSeat("Cllr Barbara Lyndon", "Former Cabinet Member for Community Services", OCC, role="chair"),
    HistoricSeat("Cllr Stephen Akers", "Former Executive Member for Housing", CITY),
    HistoricSeat(
        "Cllr Michael Trent",
        "Former Portfolio Holder for Housing",
        CDC,
        deputy=CHERWELL_DEPUTY_2004,
        later_deputies=((CHERWELL_DEPUTY_2006, CHERWELL_DEPUTY_CHANGED),),
    ),
    HistoricSeat("Cllr Judith Fane", "Former Cabinet Member for Housing", SODC),
    HistoricSeat("Cllr Peter Nuttall", "Former Cabinet Member for Housing", VALE),
    HistoricSeat(
        "Cllr Norman Brede", "Former Cabinet Member for Housing", WODC, end=D(2008, 5, 21)
    ),  # the day before HOLLINS_FROM
    HistoricSeat("Angela Barnes", "Former Director of Commissioning", PCT, seniority="director"),
    HistoricSeat("Keith Ormerod", "Former Assistant Chief Officer", PROBATION, seniority="director"),
)

# The Core Strategy Group of 2009 (003 §9-10, §22): an officer of each commissioning
# partner, a service provider representative, and from 2 September 2009 two service
# users on a no-vote basis (seated by demo/data/partnerships.py). Invented names.
CSG_SERVICE_USERS_FROM = D(2009, 9, 2)  # 003 §10
CSG_SERVICE_USERS = ("Alan Pike", "Joyce Ambler")
PROBATION_OFFICER_2009 = "Lorraine Tebbit"

HISTORIC_CSG_SEATS: tuple[HistoricSeat, ...] = (
    HistoricSeat(
        SP_OFFICER_2004, "Former Supporting People Lead Officer", OCC, role="chair", seniority="senior_manager"
    ),
    HistoricSeat("Gillian Rourke", "Former Joint Commissioning Manager", PCT, seniority="senior_manager"),
    HistoricSeat("Trevor Lusk", "Former Housing Services Manager", WODC, seniority="senior_manager"),
    HistoricSeat("Anne Corbett", "Former Housing Needs Manager", SODC, seniority="senior_manager"),
    HistoricSeat("Philip Orde", "Former Housing Strategy Manager", VALE, seniority="senior_manager"),
    HistoricSeat("Sandra Kyte", "Former Strategic Housing Manager", CDC, seniority="senior_manager"),
    HistoricSeat("Martin Greaves", "Former Housing Needs Manager", CITY, seniority="senior_manager"),
    HistoricSeat(PROBATION_OFFICER_2009, "Former Accommodation Manager", PROBATION, seniority="senior_manager"),
    # 003 §9: service provider representatives already sit on the group.
    HistoricSeat(
        "Graham Astley",
        "Former Chief Executive, a supported housing provider",
        SP_PROVIDERS,
        role="provider_representative",
        seniority="chief_executive",
        voting=False,
    ),
)

# ---------------------------------------------------------------------------
# The Commissioning Body's meetings of the disputes (003 §12) and of 11 December
# 2009 (003 is the report to it), with their agendas
# ---------------------------------------------------------------------------

STRATEGY_2004 = "Supporting People Strategy 2004-2009"
STRATEGY_2004_AMENDED = "Supporting People Strategy 2004-2009: amended proposal"
YOUNG_PEOPLE_2005 = "Amendment of the Supporting People Strategy 2004-2009: services for young people"
YOUNG_PEOPLE_2005_COMPROMISE = "Amendment of the Strategy: the compromise proposed by the Chief Executives"
STRATEGY_2008 = "Supporting People Strategy 2008-2011 and Annual Plan 2008-09"
FUTURE_GOVERNANCE_2009 = "Future governance for commissioning of housing related services for vulnerable people"
CONFLICT_RESOLUTION_2009 = "Amendment of the Memorandum of Understanding: conflict resolution"
SERVICE_USERS_2009 = "Service user involvement in the partnership's decision making"

# The second meetings of the first two cases: 003 §14 says only "a subsequent meeting".
SUBSEQUENT_MEETING = (
    " The date of this meeting is illustrative: the paper this history comes from does not give it, saying only "
    "that the vote was at a subsequent meeting (003 §14)."
)

HISTORIC_SERIES = Series(
    SP_COMMISSIONING_BODY,
    "The Commissioning Body",
    clerk=SP_OFFICER_2004,
    deputy_share=(0.0, 0.0),
    absence=0.0,  # every partner was there: the disputes were not about absence (003 §12)
    meetings=(
        MeetingSpec(
            D(2004, 11, 24),
            (
                decision(
                    STRATEGY_2004,
                    SP_OFFICER_2004,
                    paper("Supporting People Strategy 2004-2009: draft", 5),
                    minute="Seven partners consented. West Oxfordshire District Council objected to the proposals "
                    "for resident wardens in sheltered housing. The Memorandum requires the active consent of all "
                    "eight partners (003 §11), so the Strategy was not approved. Partners agreed to seek a "
                    "compromise for the next meeting (003 §13).",
                ),
                information(
                    "Supporting People grant: allocation for 2005-06",
                    SP_OFFICER_2004,
                    paper("Supporting People grant 2005-06", 2),
                ),
            ),
        ),
        MeetingSpec(
            D(2005, 1, 26),
            (
                decision(
                    STRATEGY_2004_AMENDED,
                    SP_OFFICER_2004,
                    paper("Strategy 2004-2009: amended proposal on resident wardens", 3),
                    minute="All eight partners consented to the amended proposal. RESOLVED: to approve the "
                    "Supporting People Strategy 2004-2009 as amended (003 §14)." + SUBSEQUENT_MEETING,
                ),
            ),
        ),
        MeetingSpec(
            D(2005, 10, 6),
            (
                decision(
                    YOUNG_PEOPLE_2005,
                    SP_OFFICER_2004,
                    paper("Amendment of the Strategy: services for young people, including teenage parents", 3),
                    minute="Cherwell District Council objected to the amendment. There being no unanimous decision, "
                    "the matter is escalated to the local authority Chief Executives under the Memorandum (003 §13).",
                ),
            ),
        ),
        MeetingSpec(
            D(2005, 12, 8),
            (
                decision(
                    YOUNG_PEOPLE_2005_COMPROMISE,
                    SP_OFFICER_2004,
                    paper("Services for young people: the Chief Executives' compromise", 2),
                    minute="All eight partners consented to the amended proposal that the Chief Executives "
                    "found. RESOLVED: to amend the Strategy 2004-2009 accordingly (003 §13-14)." + SUBSEQUENT_MEETING,
                ),
            ),
        ),
        # 003 §12, §16-17: the one vote of the third case. No later meeting took it again.
        MeetingSpec(
            D(2008, 7, 11),
            (
                decision(
                    STRATEGY_2008,
                    SP_OFFICER_2004,
                    paper("Supporting People Strategy 2008-2011: draft", 5),
                    paper("Annual Plan 2008-09", 3, docx=True),
                    minute="Seven partners consented. West Oxfordshire District Council objected, again over "
                    "resident wardens in sheltered housing, and saw no scope for a compromise. There being no "
                    "unanimous decision, the matter is escalated to the local authority Chief Executives "
                    "(003 §12, §16).",
                ),
            ),
        ),
        # 003 is the report to this meeting.
        MeetingSpec(
            D(2009, 12, 11),
            (
                decision(
                    FUTURE_GOVERNANCE_2009,
                    SP_OFFICER_2004,
                    paper("Future governance: service user involvement and conflict resolution", 3),
                    minute="The Commissioning Body considered the officers' report on service user involvement and "
                    "conflict resolution (003). On the proposal to allow a majority decision at a second meeting, "
                    "with the minority against limited to one vote, the partners stated the positions the report "
                    "summarises (003 §22): the Primary Care Trust, South Oxfordshire, the Vale of White Horse and "
                    "the County Council consented; West Oxfordshire, Cherwell and Oxford City objected; Thames "
                    "Valley Probation abstained. Views were evenly balanced (003 §23). The Memorandum requires the "
                    "active consent of all eight partners (003 §11): the amendment was deferred and officers will "
                    "report again.",
                ),
                information(
                    "Strategy 2008-2011: determination by the lead accountable body",
                    SP_OFFICER_2004,
                    paper("Determination by the County Council's Chief Executive", 1),
                    minute="The Commissioning Body noted that, with the agreement of the other local authority Chief "
                    "Executives, the County Council's Chief Executive had approved its majority decisions of 11 July "
                    "2008 on the Strategy 2008-2011 and the Annual Plan 2008-09; there was no unanimous vote at a "
                    "subsequent meeting, nor did the usual call-in processes take place (003 §17).",
                ),
            ),
            time=dt.time(14),
        ),
    ),
)

# The Core Strategy Group's meetings of 2009: the first with its two service users
# (003 §10), and the late November meeting at which officers reported their partners'
# positions (003 §22). 003 gives no date for the late November meeting.
CSG_LATE_NOVEMBER_2009 = D(2009, 11, 25)

HISTORIC_CSG_SERIES = Series(
    SP_CORE_STRATEGY_GROUP,
    "The Group",
    clerk=SP_OFFICER_2004,
    deputy_share=(0.0, 0.0),
    absence=0.0,
    meetings=(
        MeetingSpec(
            CSG_SERVICE_USERS_FROM,
            (
                information(
                    "Terms of reference: service user representatives",
                    SP_OFFICER_2004,
                    paper("Core Strategy Group: amended terms of reference", 1),
                    minute="The Group welcomed its two service user representatives, drawn from the Service User "
                    "Working Group, at the first meeting under its amended terms of reference (003 §10). They take "
                    "part on a no-vote basis.",
                ),
                discussion(
                    "Future governance: service user involvement and conflict resolution",
                    SP_OFFICER_2004,
                    paper("Future governance: the special meeting of March 2009", 2),
                    minute="The Group discussed the two changes to the formal rules that its special meeting of "
                    "March 2009 identified (003 §1-2). Officers will discuss them with their members in October "
                    "and November (003 §22).",
                ),
            ),
        ),
        MeetingSpec(
            CSG_LATE_NOVEMBER_2009,
            (
                decision(
                    SERVICE_USERS_2009,
                    SP_OFFICER_2004,
                    paper("Future governance: partners' current positions", 2),
                    minute="Officers reported the current positions of their partners after discussing the issues "
                    "with their members in October and November (003 §22). A majority view was emerging that clear "
                    "mechanisms could be put in place to involve service users meaningfully in decision making, "
                    "with training and support; West Oxfordshire District Council wished the Memorandum to remain "
                    "unchanged. The officers agreed that the issues would benefit from full consideration by the "
                    "members of the Commissioning Body on 11 December (003 §23). The date of this meeting is "
                    "illustrative: the paper this history comes from does not give it, saying only 'the late "
                    "November meeting' (003 §22).",
                ),
            ),
            attendance={PROBATION_OFFICER_2009: "apologies"},  # 003 §22 lists the seven partners present
        ),
    ),
)

# ---------------------------------------------------------------------------
# Proposals: rounds, positions and the steps between them
# ---------------------------------------------------------------------------


WARDENS_2004 = (
    "West Oxfordshire cannot agree to ending resident wardens in its sheltered housing schemes: residents and "
    "the Council want an on-site warden kept (003 §12)."
)
WARDENS_2008 = (
    "West Oxfordshire objects to the Strategy and Annual Plan replacing resident wardens in sheltered housing "
    "with a visiting service; the Council sees no scope for compromise (003 §12, §16)."
)

DISPUTES: tuple[ProposalSpec, ...] = (
    # 003 §12-14: the first case, resolved by a compromise and a unanimous vote at the next meeting.
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        STRATEGY_2004,
        "To approve the Supporting People Strategy 2004-2009, including the remodelling of support in sheltered "
        "housing from resident wardens to a visiting support service.",
        "Cllr Barbara Lyndon",
        (
            RoundSpec(D(2004, 11, 24), STRATEGY_2004, {WODC: Stand("object", WARDENS_2004)}),
            RoundSpec(
                D(2005, 1, 26),
                STRATEGY_2004_AMENDED,
                {WODC: Stand("consent", "West Oxfordshire consents to the amended proposal, which keeps its wardens.")},
                text="To approve the Supporting People Strategy 2004-2009, amended so that resident wardens remain "
                "in sheltered housing schemes where the district council and residents wish to keep them, pending a "
                "review of each scheme.",
            ),
        ),
        put_at_the_meeting=True,
    ),
    # 003 §12-14: the second case, resolved by escalation to the Chief Executives.
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        YOUNG_PEOPLE_2005,
        "To amend the Strategy 2004-2009 so that services for young people, including teenage parents, become a "
        "county-wide floating support service, closing two accommodation-based schemes.",
        "Cllr Barbara Lyndon",
        (
            RoundSpec(
                D(2005, 10, 6),
                YOUNG_PEOPLE_2005,
                {
                    CDC: Stand(
                        "object",
                        "Cherwell cannot agree to closing the young people's schemes in Banbury, including the "
                        "teenage parents' scheme, without other provision in the district (003 §12).",
                    )
                },
                then=(
                    Escalate("Under the Memorandum, the partners could not agree (003 §13).", illustrative=True),
                    EscalationResult(
                        "The Chief Executives found an acceptable compromise: the Banbury teenage parents' scheme "
                        "stays, funded for three years, and the other services for young people are remodelled as "
                        "proposed (003 §13).",
                        illustrative=True,
                    ),
                ),
            ),
            RoundSpec(
                D(2005, 12, 8),
                YOUNG_PEOPLE_2005_COMPROMISE,
                {CDC: Stand("consent", "Cherwell consents to the compromise the Chief Executives found.")},
                text="To amend the Strategy 2004-2009 so that services for young people become a county-wide "
                "floating support service, keeping the teenage parents' scheme in Banbury for three years, as the "
                "Chief Executives proposed.",
            ),
        ),
        put_at_the_meeting=True,
    ),
    # 003 §12, §16-17: the third case. One vote, 7-1; escalation changed no positions; the
    # County Council's Chief Executive, with the other Chief Executives' agreement,
    # approved the majority decision. No second meeting, no unanimous vote, no call-in.
    # The portal's routes: escalate -> escalation result -> refer to the lead accountable
    # body -> determination (agreed).
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        STRATEGY_2008,
        "To approve the Supporting People Strategy 2008-2011 and the Annual Plan 2008-09, replacing resident "
        "wardens in sheltered housing with a visiting support service for all older people who need it.",
        "Cllr Barbara Lyndon",
        (
            RoundSpec(
                D(2008, 7, 11),
                STRATEGY_2008,
                {WODC: Stand("object", WARDENS_2008)},
                then=(
                    Escalate(
                        "Under the Memorandum the partners could not agree: West Oxfordshire District Council and "
                        "the other commissioning partners saw no scope for a compromise (003 §16).",
                        on=D(2008, 7, 14),
                        illustrative=True,
                    ),
                    EscalationResult(
                        "The Oxfordshire local authority Chief Executives considered the dispute, but there was no "
                        "change in positions: West Oxfordshire District Council still objected and the other seven "
                        "commissioning partners still consented (003 §16).",
                        on=D(2008, 9, 15),
                        illustrative=True,
                    ),
                    Refer(
                        "With no change in positions, and no majority decision under the 2004 Memorandum (003 §11), "
                        "the decision passed to the County Council as lead accountable body (003 §17). The portal "
                        "records the route as 'Lead accountable body': escalation, the escalation result, referral "
                        "to the lead accountable body and its determination, with no second meeting of the "
                        "Commissioning Body.",
                        on=D(2008, 9, 15),
                        illustrative=True,
                    ),
                    Determine(
                        "With the agreement of the other local authority Chief Executives, the County Council's "
                        "Chief Executive approved the majority decisions of the Commissioning Body of 11 July 2008 "
                        "(seven partners consenting, West Oxfordshire District Council objecting) on the Strategy "
                        "2008-2011 and the Annual Plan 2008-09. There was no unanimous vote at a subsequent meeting "
                        "of the Commissioning Body, nor did the usual call-in processes take place (003 §17).",
                        D(2008, 9, 29),
                        illustrative=True,
                    ),
                ),
            ),
        ),
        put_at_the_meeting=True,
    ),
)

# Late 2009 (003 §10, §22-23). At the Core Strategy Group the officers state their
# partners' current positions on involving service users, and the two service users
# give advisory views; at the Commissioning Body on 11 December the members state
# theirs on conflict resolution, and views are evenly balanced.
NOT_PRESENT_2009 = (
    "Thames Valley Probation was not among the partners present at the officers' late November meeting and stated "
    "no view on the amendment (003 §22)."
)

GOVERNANCE_2009: tuple[ProposalSpec, ...] = (
    ProposalSpec(
        SP_CORE_STRATEGY_GROUP,
        SERVICE_USERS_2009,
        "To recommend to the Commissioning Body that the Memorandum of Understanding provide for representatives of "
        "service users to be involved in its decision making on a no-vote basis, with training and support to take "
        "part effectively (003 §8, §22-23).",
        SP_OFFICER_2004,
        (
            RoundSpec(
                CSG_LATE_NOVEMBER_2009,
                SERVICE_USERS_2009,
                {
                    PCT: Stand(
                        "consent",
                        "Processes can be put in place to ensure that providers and service users attend and "
                        "contribute as and when they wish to (003 §8, §22).",
                    ),
                    WODC: Stand(
                        "object",
                        "The Cabinet considered these matters on 19 November: the terms of the Memorandum should "
                        "remain unchanged (003 §22).",
                    ),
                    SODC: Stand(
                        "consent",
                        "The Council would not wish the membership of the Commissioning Body to be expanded, "
                        "although processes can be put in place for providers and service users to attend and "
                        "contribute (003 §22).",
                    ),
                    VALE: Stand(
                        "abstain",
                        "In principle the Council supports provider and service user representation, but wishes to "
                        "consider the matter fully at the Commissioning Body (003 §22).",
                    ),
                    CDC: Stand(
                        "consent",
                        "The Council supports service users' involvement in the decision making process, on a no "
                        "vote basis (003 §22).",
                    ),
                    OCC: Stand(
                        "consent",
                        "The Cabinet Member and the Accountable Officer: mechanisms could be put in place to ensure "
                        "meaningful representation by service user representatives, on a no vote basis (003 §22).",
                    ),
                    CITY: Stand(
                        "consent",
                        "Processes can be put in place to ensure that providers and service users attend and "
                        "contribute as and when they wish to (003 §22).",
                    ),
                },
                others=None,  # Thames Valley Probation sent apologies (003 §22 lists seven partners)
                advisory={
                    "Alan Pike": Stand(
                        "consent",
                        "The Service User Working Group wants service users involved in decisions, with training "
                        "and support to take part effectively (003 §23).",
                    ),
                    "Joyce Ambler": Stand(
                        "consent",
                        "Service users can contribute without a vote if papers come in good time and in plain "
                        "language.",
                    ),
                },
                then=(
                    Defer(
                        "The officers agreed that the issue would benefit from full consideration by the members of "
                        "the Commissioning Body on 11 December 2009 (003 §23). The date of the Group's late November "
                        "meeting, 25 November 2009, is illustrative: the paper this history comes from does not "
                        "give it (003 §22)."
                    ),
                ),
            ),
        ),
        put_at_the_meeting=True,
    ),
    # 003 §19, §22-23: the proposal 003 puts to the Commissioning Body on 11 December 2009.
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        CONFLICT_RESOLUTION_2009,
        "To amend the conflict resolution provisions of the Memorandum of Understanding: the Commissioning Body "
        "still strives for unanimous decisions and escalates a disagreement to the local authority Chief "
        "Executives, but if at a second meeting it is again unable to reach a unanimous decision, a majority "
        "decision is allowed, with the minority against limited to one vote (003 §18-19, §22). The amended "
        "Memorandum would need the signature of all eight commissioning partners (003 §7).",
        "Cllr Barbara Lyndon",
        (
            RoundSpec(
                D(2009, 12, 11),
                FUTURE_GOVERNANCE_2009,
                {
                    PCT: Stand(
                        "consent",
                        "The trust supports moving to a majority voting system as part of the conflict resolution "
                        "process (003 §22).",
                    ),
                    WODC: Stand(
                        "object",
                        "The Cabinet considered these matters on 19 November 2009: the terms of the Memorandum "
                        "should remain unchanged (003 §22).",
                    ),
                    SODC: Stand(
                        "consent",
                        "The Council is content to move to a majority voting system as part of the conflict "
                        "resolution process (003 §22).",
                    ),
                    VALE: Stand(
                        "consent",
                        "The Council is content to move to a majority voting system as part of the conflict "
                        "resolution process (003 §22).",
                    ),
                    CDC: Stand(
                        "object",
                        "The Council does not support moving to a majority voting system as part of the conflict "
                        "resolution process (003 §22).",
                    ),
                    OCC: Stand(
                        "consent",
                        "The County supports clearer wording of the conflict resolution process and suggested the "
                        "majority voting limiting the minority against to one vote (003 §22).",
                    ),
                    CITY: Stand(
                        "object",
                        "Limiting the minority against to just one would still leave the potential for some "
                        "partners' views not being fully reflected in the decision (003 §22).",
                    ),
                    PROBATION: Stand("abstain", NOT_PRESENT_2009),
                },
                others=None,
                then=(
                    Defer(
                        "With regard to amending the conflict resolution process views were evenly balanced: four "
                        "partners consented, three objected and one abstained (003 §23). Under the 2004 Memorandum "
                        "every partner must consent (003 §11), so the Commissioning Body deferred the amendment and "
                        "officers will report again."
                    ),
                ),
            ),
        ),
        put_at_the_meeting=True,
    ),
)

# The HWBP Board in 2025-26: consensus, a deferral for more time (000 §3), and a 'big
# ticket' strategy that takes effect only when each partner's executive body ratifies
# it (000 §2A).
JHWS = "Joint Health and Wellbeing Strategy 2026-2030"
NOT_YET_CONSIDERED = (
    "Our executive body has not yet considered the draft; we ask for the decision to be deferred so that it can "
    "(000 §3)."
)

HWBP_DECISIONS: tuple[ProposalSpec, ...] = (
    ProposalSpec(
        HWBP_BOARD,
        JHWS,
        "To agree the Joint Health and Wellbeing Strategy 2026-2030 and its seven shared outcomes, and to ask each "
        "partner's executive body to ratify it.",
        "Cllr Margaret Ellison",
        (
            RoundSpec(
                D(2025, 6, 26),
                "Joint Health and Wellbeing Strategy 2026-2030: draft for agreement",
                {
                    CITY: Stand("abstain", NOT_YET_CONSIDERED),
                    CDC: Stand("abstain", NOT_YET_CONSIDERED),
                    VALE: Stand("abstain", NOT_YET_CONSIDERED),
                },
                then=(
                    Defer(
                        "Three partners asked for time to take the draft to their executive bodies; an option is "
                        "always kept to defer a decision when more time is needed (000 §3)."
                    ),
                ),
            ),
            RoundSpec(
                D(2025, 9, 25),
                JHWS,
                then=(
                    Ratify(PCT, D(2025, 10, 8), "PCT Board, 8 October 2025, minute 25/118"),
                    Ratify(USERS, D(2025, 10, 10), "Steering Group, 10 October 2025"),
                    Ratify(CITY, D(2025, 10, 15), "City Executive Board, 15 October 2025, minute 64"),
                    Ratify(OCC, D(2025, 10, 21), "Cabinet, 21 October 2025, minute 112/25"),
                    Ratify(SODC, D(2025, 10, 23), "Cabinet, 23 October 2025, minute 41"),
                    Ratify(WODC, D(2025, 10, 29), "Cabinet, 29 October 2025, minute 73"),
                    Ratify(CDC, D(2025, 11, 3), "Executive, 3 November 2025, minute 88"),
                    Ratify(VALE, D(2025, 11, 5), "Cabinet, 5 November 2025, minute 57"),
                ),
            ),
        ),
        big_ticket=True,
    ),
    ProposalSpec(
        HWBP_BOARD,
        "Director of Public Health annual report 2025: recommendations",
        "To agree the recommendations of the Director of Public Health's annual report 2025 and to ask each partner "
        "to act on those addressed to it (002 §3).",
        "Jonathan McWilliam",
        (
            RoundSpec(
                D(2025, 11, 27),
                "Director of Public Health annual report 2025: recommendations",
                {USERS: Stand("consent", "The user representatives welcome the health checks for homeless people.")},
            ),
        ),
    ),
    ProposalSpec(
        HWBP_BOARD,
        "Joint Strategic Needs Assessment 2026: priorities for commissioning",
        "To agree the six priorities for joint commissioning in 2026-27 drawn from the Joint Strategic Needs "
        "Assessment 2026.",
        "Jonathan McWilliam",
        (RoundSpec(D(2026, 3, 12), "Joint Strategic Needs Assessment 2026: priorities for commissioning"),),
    ),
    ProposalSpec(
        HWBP_BOARD,
        "Local Area Agreement: indicator targets for 2026-27",
        "To agree the targets for the Local Area Agreement indicators the partnership leads on, and the delivery "
        "chain behind each (004 R4).",
        "Dr Alison Pryce",
        (
            RoundSpec(
                D(2026, 6, 25),
                "Local Area Agreement: indicator targets for 2026-27",
                {PCT: Stand("consent", "The PCT Board agreed the NHS contribution to these targets in May.")},
            ),
        ),
    ),
    ProposalSpec(
        HWBP_BOARD,
        "Service user involvement framework",
        "To agree the framework for involving service users in the Board's work, with training and support for "
        "user representatives (003 §23).",
        "Cllr Margaret Ellison",
        (
            RoundSpec(
                D(2026, 9, 24),
                "Service user involvement framework",
                {USERS: Stand("consent", "The user representatives asked for the framework and support it.")},
            ),
        ),
    ),
)

CB_DECISIONS: tuple[ProposalSpec, ...] = (
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        "Supporting People Annual Plan 2025-26",
        "To approve the Supporting People Annual Plan 2025-26.",
        "Cllr Roger Haswell",
        (RoundSpec(D(2025, 1, 23), "Supporting People Annual Plan 2025-26"),),
    ),
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        "Floating support services: contract award",
        "To award the floating support contract to the bidder recommended in the exempt report.",
        "Cllr Margaret Ellison",
        (RoundSpec(D(2025, 7, 24), "Floating support services: contract award"),),
    ),
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        "Supporting People Annual Plan 2026-27",
        "To approve the Supporting People Annual Plan 2026-27.",
        "Cllr Margaret Ellison",
        (RoundSpec(D(2026, 3, 19), "Supporting People Annual Plan 2026-27"),),
    ),
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        "Amended Memorandum of Understanding",
        "To adopt the amended Memorandum of Understanding: consensus remains the aim; disagreements are escalated "
        "to the local authority Chief Executives; if a second meeting again cannot agree, a majority decision is "
        "allowed with the minority against limited to one vote; two service users take part on a no-vote basis "
        "(003 §18-23). Each partner is asked to sign it (003 §7).",
        "Cllr Margaret Ellison",
        (
            RoundSpec(
                D(2026, 9, 17),
                "Amended Memorandum of Understanding",
                {
                    WODC: Stand(
                        "consent",
                        "The Cabinet considered the amendments on 9 September 2026. Limiting the minority against to "
                        "one vote meets the concern it raised in 2009 (003 §22).",
                    ),
                    CDC: Stand("consent", "Cherwell accepts majority voting only with escalation tried first."),
                },
            ),
        ),
    ),
    # Open at the next meeting: the member login sees it on decisions/my/.
    ProposalSpec(
        SP_COMMISSIONING_BODY,
        "Supporting People Strategy 2027-2030: consultation draft",
        "To approve the consultation draft of the Supporting People Strategy 2027-2030 for twelve weeks' public "
        "consultation from January 2027.",
        "Cllr Margaret Ellison",
        (
            RoundSpec(
                D(2026, 12, 10),
                "Supporting People Strategy 2027-2030: consultation draft for approval",
                {
                    PCT: Stand("consent", "The PCT supports consultation on the draft."),
                    PROBATION: Stand("consent"),
                },
                others=None,
                close=False,
            ),
        ),
    ),
)

PROPOSALS: tuple[ProposalSpec, ...] = DISPUTES + GOVERNANCE_2009 + HWBP_DECISIONS + CB_DECISIONS
