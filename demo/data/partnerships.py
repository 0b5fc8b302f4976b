"""The Oxfordshire partnerships of the source papers (SPEC §3, §10): organisations,
the partnership tree, boards, people, seats, delegations, Memoranda of Understanding
and the demo logins. Literals only.

Real names appear only where a paper names the person (002: Jonathan McWilliam,
John Jackson; 000: Matt Bramall); everyone else is invented. Emails use
``.example`` domains and phone numbers the Ofcom drama range (01632 960xxx).
"""

from __future__ import annotations

import datetime as dt

from demo.specs import (
    NO_EXECUTIVE_POWERS,
    BoardRow,
    DelegationRow,
    DemoUser,
    MouRow,
    OrganisationRow,
    PartnershipRow,
    Seat,
)

D = dt.date

DEMO_PASSWORD = "accord-demo-2026"

# The register's rows are recorded as of the start of the demo's history (the first
# Supporting People memorandum, 2004); seats, delegations and signatures on their own dates.
REGISTER_RECORDED_ON = D(2004, 1, 5)

# ---------------------------------------------------------------------------
# Organisations (SPEC §3): slug, name, kind, executive body, email domain
# ---------------------------------------------------------------------------

OCC = "oxfordshire-county-council"
CITY = "oxford-city-council"
CDC = "cherwell-district-council"
SODC = "south-oxfordshire-district-council"
VALE = "vale-of-white-horse-district-council"
WODC = "west-oxfordshire-district-council"
PCT = "oxfordshire-primary-care-trust"
POLICE = "thames-valley-police"
FIRE = "oxfordshire-fire-and-rescue-service"
PROBATION = "thames-valley-probation"
DAAT = "oxfordshire-drug-and-alcohol-action-team"
OCVA = "oxfordshire-community-and-voluntary-action"
CHAMBER = "thames-valley-chamber-of-commerce"
BROOKES = "oxford-brookes-university"
EA = "environment-agency"
ORH = "oxford-radcliffe-hospitals-nhs-trust"
USERS = "oxfordshire-service-user-and-carer-network"
SP_USERS = "supporting-people-service-user-working-group"
SP_PROVIDERS = "oxfordshire-supporting-people-provider-forum"

ORGANISATIONS: tuple[OrganisationRow, ...] = (
    (OCC, "Oxfordshire County Council", "county_council", "Cabinet", "oxfordshire.example"),
    (CITY, "Oxford City Council", "city_council", "City Executive Board", "oxford-city.example"),
    (CDC, "Cherwell District Council", "district_council", "Executive", "cherwell.example"),
    (SODC, "South Oxfordshire District Council", "district_council", "Cabinet", "southoxon.example"),
    (VALE, "Vale of White Horse District Council", "district_council", "Cabinet", "whitehorse.example"),
    # 003 §22: West Oxfordshire's Cabinet considered the MoU on 19 November 2009.
    (WODC, "West Oxfordshire District Council", "district_council", "Cabinet", "westoxon.example"),
    (PCT, "Oxfordshire Primary Care Trust", "nhs", "PCT Board", "oxfordshire-pct.example"),
    (POLICE, "Thames Valley Police", "police", "Police Authority", "thamesvalley-police.example"),
    # Part of the County Council, so its executive body is the County's Cabinet.
    (FIRE, "Oxfordshire Fire and Rescue Service", "fire_rescue", "Cabinet", "oxfordshire-fire.example"),
    (PROBATION, "Thames Valley Probation", "probation", "Probation Board", "tv-probation.example"),
    (DAAT, "Oxfordshire Drug and Alcohol Action Team", "other", "DAAT Board", "oxfordshire-daat.example"),
    # 001 principle 9: a representative "umbrella body" for the voluntary sector.
    (OCVA, "Oxfordshire Community and Voluntary Action", "voluntary", "Board of Trustees", "ocva.example"),
    (CHAMBER, "Thames Valley Chamber of Commerce", "business", "Board of Directors", "tvchamber.example"),
    (BROOKES, "Oxford Brookes University", "education", "Board of Governors", "brookes.example"),
    (EA, "Environment Agency", "other", "", "environment-agency.example"),
    # 002 §8: providers are invited to the HWBP Board, not members of it.
    (ORH, "Oxford Radcliffe Hospitals NHS Trust", "nhs", "Trust Board", "orh.example"),
    # 002 §6(e): user representatives for adults' services.
    (USERS, "Oxfordshire Service User and Carer Network", "voluntary", "Steering Group", "oxon-users.example"),
    # 003 §10: service users are drawn from the Service User Working Group.
    (SP_USERS, "Supporting People Service User Working Group", "other", "", "sp-service-users.example"),
    # 003 §9: service provider representatives sit on the Core Strategy Group.
    (SP_PROVIDERS, "Oxfordshire Supporting People Provider Forum", "voluntary", "", "sp-providers.example"),
)

# ---------------------------------------------------------------------------
# Partnerships: the tree of 001 (Oxfordshire case study) and the register of 004 R5
# ---------------------------------------------------------------------------

LSP = "oxfordshire-partnership"
PSB = "public-service-board"
HWBP = "health-and-well-being-partnership"
SUPPORTING_PEOPLE = "supporting-people"


# Parents come before their children.
PARTNERSHIPS: tuple[PartnershipRow, ...] = (
    PartnershipRow(
        LSP,
        "Oxfordshire Partnership",
        None,
        "The Local Strategic Partnership for Oxfordshire. Its Board drives the vision for the county and "
        "agrees the Sustainable Community Strategy; its conference engages the wider community (001).",
        ("Rebecca Hollis", "partnership@oxfordshire.example", "01632 960100"),
    ),
    PartnershipRow(
        PSB,
        "Public Service Board",
        LSP,
        "Drives delivery and performance of the Oxfordshire Partnership overall, including the Local Area "
        "Agreement. In July 2009 it took final decisions on partnership governance and approved the "
        "Oxfordshire Partnership Governance Handbook (003 §3-4).",
        ("Rebecca Hollis", "psb@oxfordshire.example", "01632 960100"),
    ),
    # 001: seven thematic partnerships report to the PSB on partnership targets.
    PartnershipRow(
        "spatial-planning-and-infrastructure-partnership",
        "Spatial Planning and Infrastructure Partnership",
        PSB,
        "Coordinates strategic planning, housing growth and the infrastructure it needs across Oxfordshire, "
        "and reports to the Public Service Board on its partnership targets (001).",
        ("Daniel Okoye", "spip@oxfordshire.example", "01632 960110"),
    ),
    PartnershipRow(
        "environment-and-waste-partnership",
        "Environment and Waste Partnership",
        PSB,
        "Leads the county's work on waste reduction, recycling and the environment, and reports to the "
        "Public Service Board on its partnership targets (001).",
        ("Kirsty Meadows", "environment@oxfordshire.example", "01632 960111"),
    ),
    PartnershipRow(
        "childrens-trust",
        "Children and Young People's Trust",
        PSB,
        "The statutory children's trust arrangements for Oxfordshire: partners plan and commission services "
        "for children and young people together under the duty to cooperate (000 §2B).",
        ("Joanne Pilling", "childrenstrust@oxfordshire.example", "01632 960112"),
        statutory=True,
    ),
    PartnershipRow(
        HWBP,
        "Health and Well Being Partnership",
        PSB,
        "Brings the Primary Care Trust, the Oxfordshire local authorities and service users together as "
        "commissioners to agree shared outcomes for adults, set the strategic direction and monitor delivery, "
        "including the Director of Public Health's annual report (002 §2).",
        ("Matt Bramall", "hwbp@oxfordshire.example", "01632 960113"),
    ),
    PartnershipRow(
        "safer-communities-partnership",
        "Safer Communities Partnership",
        PSB,
        "The statutory community safety partnership for Oxfordshire: reducing crime, disorder and substance "
        "misuse and reoffending, under the duty to cooperate (000 §2B).",
        ("Shaun Tierney", "safercommunities@oxfordshire.example", "01632 960114"),
        lead=POLICE,
        statutory=True,
    ),
    PartnershipRow(
        "oxfordshire-economic-partnership",
        "Oxfordshire Economic Partnership",
        PSB,
        "Brings business, higher education and the councils together on the county's economy, skills and "
        "employment targets (001).",
        ("Gemma Castle", "oep@tvchamber.example", "01632 960115"),
    ),
    PartnershipRow(
        "oxfordshire-stronger-communities-partnership",
        "Oxfordshire Stronger Communities Partnership",
        PSB,
        "Develops the role of the Oxfordshire Voluntary Sector Development Partnership as an independent "
        "strategic partnership for the voluntary, community and faith sectors (001).",
        ("Alun Roberts", "strongercommunities@ocva.example", "01632 960116"),
        lead=OCVA,
    ),
    # 003 §20: the HWBP is the relevant thematic partnership for Supporting People.
    PartnershipRow(
        SUPPORTING_PEOPLE,
        "Oxfordshire Supporting People Partnership",
        HWBP,
        "Commissions housing-related support services for vulnerable people. Eight commissioning partners "
        "bound by a Memorandum of Understanding approve the Supporting People Strategy and Annual Plan "
        "(003 §7, §11, §21).",
        ("Helen Forsyth", "supportingpeople@oxfordshire.example", "01632 960120"),
        lead=OCC,  # 003 §17: the County Council's Chief Executive approved the 2008 majority decision.
    ),
    # 004 R5: the register covers partnerships outside the LSP too.
    PartnershipRow(
        "oxfordshire-safeguarding-adults-board",
        "Oxfordshire Safeguarding Adults Board",
        None,
        "Makes sure that partner agencies work together to protect adults at risk of abuse or neglect, and "
        "reviews cases where they did not.",
        ("Yvonne Castle", "safeguardingadults@oxfordshire.example", "01632 960130"),
        statutory=True,
        in_lsp=False,
    ),
    # 003 §3-5: the PSB's governance review, implemented by September 2009.
    PartnershipRow(
        "partnership-governance-review",
        "Partnership Governance Review Task and Finish Group",
        PSB,
        "Reviewed all the major partnerships in Oxfordshire after the 2008 audit and drafted the Oxfordshire "
        "Partnership Governance Handbook that the Public Service Board approved in July 2009 (003 §3-5).",
        ("Rebecca Hollis", "partnership@oxfordshire.example", "01632 960100"),
        status="ended",
        end_date=D(2009, 9, 30),
    ),
)

# ---------------------------------------------------------------------------
# Boards (SPEC §3): optimum sizes and meeting frequencies default to the 001 norms
# ---------------------------------------------------------------------------


HWBP_BOARD = f"{HWBP}/board"
SP_COMMISSIONING_BODY = f"{SUPPORTING_PEOPLE}/commissioning-body"
SP_CORE_STRATEGY_GROUP = f"{SUPPORTING_PEOPLE}/core-strategy-group"
PSB_BOARD = f"{PSB}/public-service-board"

BOARDS: tuple[BoardRow, ...] = (
    BoardRow(LSP, "partnership-board", "Oxfordshire Partnership Board", "board"),
    BoardRow(
        LSP,
        "conference",
        "Oxfordshire Partnership Conference",
        "conference",
        "An open invitation to stakeholders in public services, business and the community and voluntary "
        "sectors: an annual opportunity to engage with the wider community on the work of the partnership (001).",
    ),
    BoardRow(PSB, "public-service-board", "Public Service Board", "executive"),
    BoardRow(
        "spatial-planning-and-infrastructure-partnership",
        "board",
        "Spatial Planning and Infrastructure Partnership Board",
        "thematic_group",
    ),
    BoardRow("environment-and-waste-partnership", "board", "Environment and Waste Partnership Board", "thematic_group"),
    BoardRow("childrens-trust", "board", "Children and Young People's Board", "thematic_group"),
    # 002 §7: "a Board of about 20 people", above the 001 optimum of 12-15; §10: quarterly.
    BoardRow(
        HWBP,
        "board",
        "Health and Well-Being Partnership Board",
        "board",
        NO_EXECUTIVE_POWERS
        + " It agrees shared outcomes, a common assessment framework, joint commissioning and planning, and "
        "the delivery of joint LAA targets (002 §3). Co-chaired by the County Council's Cabinet Member for "
        "Social & Community Services and the Chair of the PCT Clinical Executive Committee (002 §7).",
        expected_meetings_per_year=4,
        is_council_committee=True,
    ),
    BoardRow(
        HWBP,
        "officer-group",
        "Health and Well-Being Partnership Officer Group",
        "thematic_group",
        "Prepares the Board's business and carries out work the Board asks for, such as the 2009 review of "
        "decision-making within thematic partnerships (000).",
    ),
    BoardRow("safer-communities-partnership", "board", "Safer Communities Partnership Board", "thematic_group"),
    BoardRow("oxfordshire-economic-partnership", "board", "Oxfordshire Economic Partnership Board", "thematic_group"),
    BoardRow(
        "oxfordshire-stronger-communities-partnership",
        "board",
        "Oxfordshire Stronger Communities Partnership Board",
        "thematic_group",
    ),
    # 003 §7, §11: eight commissioning partners, decisions under the MoU.
    BoardRow(
        SUPPORTING_PEOPLE,
        "commissioning-body",
        "Supporting People Commissioning Body",
        "executive",
        "The eight commissioning partners who signed the Memorandum of Understanding approve the Supporting "
        "People Strategy and the Annual Plan. Decisions follow the Memorandum in force (003 §11); the County "
        "Council is the lead accountable body (003 §17).",
    ),
    # 003 §9-10: officers, providers and, from 2 September 2009, two service users.
    BoardRow(
        SUPPORTING_PEOPLE,
        "core-strategy-group",
        "Supporting People Core Strategy Group",
        "thematic_group",
        "Officers of the commissioning partners prepare the Commissioning Body's business with service provider "
        "representatives. Since the meeting on 2 September 2009 two representatives of service users, drawn "
        "from the Service User Working Group, are members (003 §10).",
    ),
    BoardRow(
        "oxfordshire-safeguarding-adults-board",
        "board",
        "Oxfordshire Safeguarding Adults Board",
        "board",
        optimum_size=(8, 12),
        expected_meetings_per_year=4,
    ),
    BoardRow(
        "partnership-governance-review",
        "task-group",
        "Partnership Governance Review Task Group",
        "task_and_finish",
        "Time-limited: to report to the Public Service Board with a Partnership Governance Handbook by July 2009 "
        "(003 §3-4).",
    ),
)

# ---------------------------------------------------------------------------
# People: name -> (job title, organisation). Names invented unless a paper names them.
# ---------------------------------------------------------------------------

PEOPLE: dict[str, tuple[str, str]] = {
    # Oxfordshire County Council
    "Cllr Andrew Kemble": ("Leader of the Council", OCC),
    "Cllr David Rowntree": ("Deputy Leader", OCC),
    "Cllr Margaret Ellison": ("Cabinet Member for Social Care and Community Services", OCC),
    "Cllr Priya Nandra": ("Deputy Cabinet Member for Adult Services", OCC),
    "Cllr Roger Haswell": ("Former Cabinet Member for Social Care and Community Services", OCC),
    "Cllr Hugh Fenwick": ("Cabinet Member for Finance", OCC),
    "Cllr Susan Pardoe": ("Cabinet Member for Children, Young People and Families", OCC),
    "Cllr Leonard Moss": ("Cabinet Member for Community Safety", OCC),
    "Cllr Harriet Dunstan": ("Cabinet Member for Growth and Infrastructure", OCC),
    "Joanna Birch": ("Chief Executive", OCC),
    "Peter Lambourne": ("Assistant Chief Executive", OCC),
    "John Jackson": ("Director for Social & Community Services", OCC),  # 002, author
    "Claire Ashby": ("Deputy Director, Adult Social Care", OCC),
    "Meera Kapoor": ("Director for Children, Young People and Families", OCC),
    "Graham Shields": ("Director for Environment and Economy", OCC),
    "Helen Forsyth": ("Supporting People Programme Manager", OCC),
    "Matt Bramall": ("Health & Well-Being Partnership Officer", OCC),  # 000, author
    "Elizabeth Marlow": ("Independent Chair, Safeguarding Adults Board", OCC),
    # Oxford City Council
    "Cllr Joan Pritchard": ("Leader of the Council", CITY),
    "Cllr Amira Haddad": ("Executive Member for Health and Social Inclusion", CITY),
    "Cllr Ben Okafor": ("Executive Member for Housing", CITY),
    "Nicola Ward": ("Chief Executive", CITY),
    "Mark Tranter": ("Health Development Manager", CITY),
    "Steven Bright": ("Housing Needs Manager", CITY),
    # Cherwell District Council
    "Cllr Alan Dorsett": ("Leader of the Council", CDC),
    "Cllr George Pennington": ("Portfolio Holder for Health and Well-Being", CDC),
    "Cllr Ian Thorne": ("Former Portfolio Holder for Health and Well-Being", CDC),
    "Cllr Nigel Royce": ("Portfolio Holder for Housing", CDC),
    "Cllr Anne Tilbury": ("Deputy Portfolio Holder for Housing", CDC),
    "Cllr Maxine Hollings": ("Portfolio Holder for Communities", CDC),
    "Philip Harker": ("Chief Executive", CDC),
    "Owen Price": ("Healthy Communities Officer", CDC),
    "Anita Sandhu": ("Strategic Housing Manager", CDC),
    # South Oxfordshire District Council
    "Cllr Fiona Lyle": ("Leader of the Council", SODC),
    "Cllr Linda Marchetti": ("Cabinet Member for Health and Housing", SODC),
    "Cllr Simon Hearn": ("Cabinet Member for Housing", SODC),
    "Cllr Jill Varley": ("Deputy Cabinet Member for Housing", SODC),
    "Cllr Paul Whitaker": ("Cabinet Member for Planning", SODC),
    "Gail Strachan": ("Chief Executive", SODC),
    "Gillian Frost": ("Community Health Officer", SODC),
    "Julian Marsh": ("Housing Services Manager", SODC),
    # Vale of White Horse District Council
    "Cllr Tom Brackley": ("Leader of the Council", VALE),
    "Cllr Robert Tull": ("Cabinet Member for Health", VALE),
    "Cllr Patricia Lowe": ("Cabinet Member for Housing", VALE),
    "Cllr Edward Quinn": ("Deputy Cabinet Member for Housing", VALE),
    "Cllr Neil Aston": ("Cabinet Member for Waste and Environment", VALE),
    "Duncan Mayhew": ("Chief Executive", VALE),
    "Kate Pemberton": ("Housing Strategy Officer", VALE),
    # West Oxfordshire District Council
    "Cllr Gordon Ruddock": ("Leader of the Council", WODC),
    "Cllr Janet Fairweather": ("Cabinet Member for Health and Communities", WODC),
    "Cllr Colin Ames": ("Cabinet Member for Housing", WODC),
    "Cllr Rachel Dunmore": ("Deputy Cabinet Member for Housing", WODC),
    "Cllr Derek Hollins": ("Former Cabinet Member for Housing", WODC),
    "Helen Cardew": ("Chief Executive", WODC),
    "Lisa Marr": ("Housing and Health Manager", WODC),
    # Oxfordshire Primary Care Trust
    "Dr Jane Ferris": ("Chair", PCT),
    "Dr Alison Pryce": ("Chair, Clinical Executive Committee", PCT),
    "Dr Rupert Hale": ("Vice-Chair, Clinical Executive Committee", PCT),
    "Martin Ashdown": ("Chief Executive", PCT),
    "Fiona Crane": ("Deputy Chief Executive", PCT),
    "Sarah Whitcombe": ("Director for Commissioning", PCT),
    "Tom Ellery": ("Deputy Director of Commissioning", PCT),
    "Dr Kieran Lodge": ("Lead, Practice Based Commissioning Consortia", PCT),
    "Jonathan McWilliam": ("Director of Public Health", PCT),  # 002, author
    "Dr Ruth Kelsall": ("Deputy Director of Public Health", PCT),
    "Dr Elaine Frith": ("Director of Children's Health Commissioning", PCT),
    "Rachel Oduya": ("Joint Commissioning Manager", PCT),
    # Police, fire, probation, DAAT
    "ACC Daniel Royle": ("Assistant Chief Constable", POLICE),
    "Ch Supt Brian Olsen": ("Area Commander, Oxfordshire", POLICE),
    "Supt Kevin Hurst": ("Superintendent, Public Protection", POLICE),
    "Nathan Ives": ("Chief Fire Officer", FIRE),
    "Stuart Neale": ("Chief Officer", PROBATION),
    "Karen Whitlock": ("Assistant Chief Officer", PROBATION),
    "Marcus Hale": ("Senior Probation Officer", PROBATION),
    "Mary Quarrie": ("Chair, Probation Board", PROBATION),
    "Fiona Mackie": ("DAAT Manager", DAAT),
    # Voluntary, business, education, others
    "Patricia Okonjo": ("Chair", OCVA),
    "Deborah Kaye": ("Chief Executive", OCVA),
    "Revd Michael Dunn": ("Faith Communities Representative", OCVA),
    "Richard Denholm": ("President", CHAMBER),
    "Professor Alison Grey": ("Pro Vice-Chancellor", BROOKES),
    "Diane Fuller": ("Area Manager, West Thames", EA),
    "Dr Nadia Kerr": ("Director of Strategy", ORH),
    # 002 §6(e): user representatives
    "Edna Carlisle": ("User Representative, older people", USERS),
    "Winifred Shaw": ("User Representative, older people (deputy)", USERS),
    "Kwame Boateng": ("User Representative, adults with mental health problems", USERS),
    "Jo Ritchie": ("User Representative, adults with mental health problems (deputy)", USERS),
    "Lucy Harrow": ("User Representative, adults with learning disabilities", USERS),
    "Sam Dyer": ("User Representative, adults with learning disabilities (deputy)", USERS),
    "Graham Pell": ("User Representative, adults with physical disabilities", USERS),
    "Maureen Dixon": ("User Representative, carers", USERS),
    "Peter Lark": ("User Representative, carers (deputy)", USERS),
    "Anil Mehta": ("User Representative, NHS patients", USERS),
    "Bridget Nolan": ("User Representative, NHS patients (deputy)", USERS),
    # 003 §9-10: Supporting People providers and service users
    "Colin Whitby": ("Chief Executive, a supported housing provider", SP_PROVIDERS),
    "Sian Lloyd-Hughes": ("Director, a homelessness charity", SP_PROVIDERS),
    "Dean Harper": ("Service User Representative", SP_USERS),
    "Marie Colquhoun": ("Service User Representative", SP_USERS),
    "Alan Pike": ("Former Service User Representative", SP_USERS),
    "Joyce Ambler": ("Former Service User Representative", SP_USERS),
}

# ---------------------------------------------------------------------------
# Memberships (SPEC §3): board -> (usual start date, seats)
# ---------------------------------------------------------------------------


COUNTY_ELECTION_2025 = D(2025, 5, 19)
DISTRICT_ANNUAL_2024 = D(2024, 5, 20)
NHS_YEAR_2024 = D(2024, 4, 1)

MEMBERSHIPS: dict[str, tuple[dt.date, tuple[Seat, ...]]] = {
    f"{LSP}/partnership-board": (
        # 001 table: Board/Cabinet level representation, 12-15.
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Andrew Kemble", "chair", "cabinet_member", deputy="Cllr David Rowntree"),
            Seat("Cllr Joan Pritchard", seniority="cabinet_member", deputy="Cllr Ben Okafor"),
            Seat("Cllr Alan Dorsett", seniority="cabinet_member", deputy="Cllr Maxine Hollings"),
            Seat("Cllr Fiona Lyle", seniority="cabinet_member", deputy="Cllr Paul Whitaker"),
            Seat("Cllr Tom Brackley", seniority="cabinet_member", deputy="Cllr Neil Aston"),
            Seat("Cllr Gordon Ruddock", seniority="cabinet_member"),
            Seat("Dr Jane Ferris", seniority="director", deputy="Martin Ashdown"),
            Seat("ACC Daniel Royle", seniority="director", deputy="Ch Supt Brian Olsen"),
            Seat("Cllr Leonard Moss", seniority="cabinet_member", organisation=FIRE, deputy="Nathan Ives"),
            Seat("Mary Quarrie", seniority="director", deputy="Stuart Neale"),
            Seat("Patricia Okonjo", seniority="other", deputy="Deborah Kaye"),
            Seat("Richard Denholm", seniority="other"),
            Seat("Professor Alison Grey", seniority="director"),
        ),
    ),
    f"{PSB}/public-service-board": (
        # 001 table: Chief Executive / Director / Area Commander level, 8-10; a leader could chair.
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Andrew Kemble", "chair", "cabinet_member", deputy="Cllr David Rowntree"),
            Seat("Joanna Birch", seniority="chief_executive", deputy="Peter Lambourne"),
            Seat("Nicola Ward", seniority="chief_executive"),
            Seat("Philip Harker", seniority="chief_executive"),
            Seat("Gail Strachan", seniority="chief_executive"),
            Seat("Duncan Mayhew", seniority="chief_executive"),
            Seat("Helen Cardew", seniority="chief_executive"),
            Seat("Martin Ashdown", seniority="chief_executive", deputy="Fiona Crane"),
            Seat("Ch Supt Brian Olsen", seniority="director", deputy="Supt Kevin Hurst"),
            Seat("Stuart Neale", seniority="chief_executive", deputy="Karen Whitlock"),
        ),
    ),
    "spatial-planning-and-infrastructure-partnership/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Harriet Dunstan", "chair", "cabinet_member"),
            Seat("Cllr Paul Whitaker", seniority="cabinet_member"),
            Seat("Graham Shields", seniority="director"),
            Seat("Diane Fuller", seniority="senior_manager"),
            Seat("Richard Denholm"),
        ),
    ),
    "environment-and-waste-partnership/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Neil Aston", "chair", "cabinet_member"),
            Seat("Cllr Harriet Dunstan", seniority="cabinet_member"),
            Seat("Cllr Rachel Dunmore", seniority="cabinet_member"),
            Seat("Graham Shields", seniority="director"),
            Seat("Diane Fuller", seniority="senior_manager"),
        ),
    ),
    "childrens-trust/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Susan Pardoe", "chair", "cabinet_member"),
            Seat("Meera Kapoor", seniority="director"),
            Seat("Dr Elaine Frith", seniority="director"),
            Seat("Supt Kevin Hurst", seniority="senior_manager"),
            Seat("Deborah Kaye", seniority="chief_executive"),
        ),
    ),
    HWBP_BOARD: (
        COUNTY_ELECTION_2025,
        (
            # 002 §6(a): the PCT, 4 people; §7: the Chair of the Clinical Executive Committee co-chairs.
            # The vote is by organisation and the PCT holds 5 seats with the Director of Public
            # Health: its position is recorded through its lead seat, the co-chair's (SPEC §9).
            Seat("Dr Alison Pryce", "co_chair", "director", deputy="Dr Rupert Hale", start=NHS_YEAR_2024, lead=True),
            Seat("Martin Ashdown", seniority="chief_executive", deputy="Fiona Crane", start=NHS_YEAR_2024),
            Seat("Sarah Whitcombe", seniority="director", deputy="Tom Ellery", start=NHS_YEAR_2024),
            Seat("Dr Kieran Lodge", seniority="senior_manager", start=NHS_YEAR_2024),  # no deputy yet
            # 002 §6(b): the Director of Public Health, shown on its own.
            Seat("Jonathan McWilliam", seniority="director", deputy="Dr Ruth Kelsall", start=NHS_YEAR_2024),
            # 002 §6(c): the County Council, 4 people; §7: its Cabinet Member co-chairs and holds
            # the County's lead seat (SPEC §9).
            Seat("Cllr Margaret Ellison", "co_chair", "cabinet_member", deputy="Cllr Priya Nandra", lead=True),
            Seat("Cllr David Rowntree", seniority="cabinet_member", deputy="Cllr Hugh Fenwick"),
            Seat("Joanna Birch", seniority="chief_executive", deputy="Peter Lambourne"),
            Seat("John Jackson", seniority="director", deputy="Claire Ashby"),
            Seat(
                "Cllr Roger Haswell",
                "co_chair",
                "cabinet_member",
                deputy="Cllr Priya Nandra",
                start=D(2021, 5, 24),
                end=D(2025, 5, 1),  # stood down at the 2025 county election
                lead=True,  # the County's lead seat until then
            ),
            # 002 §6(d): one from each district council and the city council.
            Seat("Cllr Amira Haddad", seniority="cabinet_member", deputy="Cllr Ben Okafor", start=DISTRICT_ANNUAL_2024),
            Seat(
                "Cllr George Pennington",
                seniority="cabinet_member",
                deputy="Cllr Maxine Hollings",
                start=DISTRICT_ANNUAL_2024,
            ),
            Seat(
                "Cllr Ian Thorne",
                seniority="cabinet_member",
                deputy="Cllr Maxine Hollings",
                start=D(2022, 5, 23),
                end=D(2024, 5, 15),
            ),
            Seat(
                "Cllr Linda Marchetti",
                seniority="cabinet_member",
                deputy="Cllr Simon Hearn",
                start=DISTRICT_ANNUAL_2024,
            ),
            Seat("Cllr Robert Tull", seniority="cabinet_member", start=DISTRICT_ANNUAL_2024),  # no deputy yet
            Seat(
                "Cllr Janet Fairweather",
                seniority="cabinet_member",
                deputy="Cllr Colin Ames",
                start=DISTRICT_ANNUAL_2024,
            ),
            # 002 §6(e): 5 or 6 user representatives.
            Seat("Edna Carlisle", "user_representative", "service_user", deputy="Winifred Shaw"),
            Seat("Kwame Boateng", "user_representative", "service_user", deputy="Jo Ritchie"),
            Seat("Lucy Harrow", "user_representative", "service_user", deputy="Sam Dyer"),
            Seat("Graham Pell", "user_representative", "service_user"),  # no deputy yet
            Seat("Maureen Dixon", "user_representative", "service_user", deputy="Peter Lark"),
            Seat("Anil Mehta", "user_representative", "service_user", deputy="Bridget Nolan"),
            # 002 §8: providers are invited when they can contribute; they are not members.
            Seat("Dr Nadia Kerr", "observer", "director", voting=False),
            Seat("Matt Bramall", "officer", "officer", voting=False),
        ),
    ),
    f"{HWBP}/officer-group": (
        DISTRICT_ANNUAL_2024,
        (
            Seat("Claire Ashby", "chair", "director"),
            Seat("Tom Ellery", seniority="senior_manager", deputy="Rachel Oduya"),
            Seat("Dr Ruth Kelsall", seniority="director"),
            Seat("Mark Tranter", seniority="senior_manager"),
            Seat("Owen Price", seniority="officer"),
            Seat("Gillian Frost", seniority="officer"),
            Seat("Lisa Marr", seniority="senior_manager"),
            Seat("Deborah Kaye", seniority="chief_executive"),
            Seat("Matt Bramall", "officer", "officer", voting=False),
        ),
    ),
    "safer-communities-partnership/board": (
        COUNTY_ELECTION_2025,
        (
            # 001 table: police or fire & rescue chair the 'Safety' theme.
            Seat("Ch Supt Brian Olsen", "chair", "director", deputy="Supt Kevin Hurst"),
            Seat("Nathan Ives", seniority="chief_executive"),
            Seat("Karen Whitlock", seniority="director"),
            Seat("Fiona Mackie", seniority="senior_manager"),
            Seat("Cllr Leonard Moss", seniority="cabinet_member"),
            Seat("Cllr Ben Okafor", seniority="cabinet_member"),
        ),
    ),
    "oxfordshire-economic-partnership/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Richard Denholm", "chair"),
            Seat("Professor Alison Grey", seniority="director"),
            Seat("Cllr Harriet Dunstan", seniority="cabinet_member"),
            Seat("Nicola Ward", seniority="chief_executive"),
            Seat("Cllr Alan Dorsett", seniority="cabinet_member"),
        ),
    ),
    "oxfordshire-stronger-communities-partnership/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Patricia Okonjo", "chair", deputy="Deborah Kaye"),
            Seat("Revd Michael Dunn"),
            Seat("Peter Lambourne", seniority="senior_manager"),
            Seat("Mark Tranter", seniority="senior_manager"),
            Seat("Cllr Maxine Hollings", seniority="cabinet_member"),
        ),
    ),
    SP_COMMISSIONING_BODY: (
        # 003 §7, §11: one voting member for each of the eight commissioning partners.
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Margaret Ellison", "chair", "cabinet_member", deputy="Cllr Priya Nandra"),
            Seat("Sarah Whitcombe", seniority="director", deputy="Tom Ellery", start=NHS_YEAR_2024),
            Seat("Cllr Ben Okafor", seniority="cabinet_member", deputy="Cllr Amira Haddad", start=DISTRICT_ANNUAL_2024),
            Seat("Cllr Nigel Royce", seniority="cabinet_member", deputy="Cllr Anne Tilbury", start=D(2025, 6, 2)),
            Seat("Cllr Simon Hearn", seniority="cabinet_member", deputy="Cllr Jill Varley", start=DISTRICT_ANNUAL_2024),
            Seat(
                "Cllr Patricia Lowe", seniority="cabinet_member", deputy="Cllr Edward Quinn", start=DISTRICT_ANNUAL_2024
            ),
            Seat("Cllr Colin Ames", seniority="cabinet_member", deputy="Cllr Rachel Dunmore", start=D(2024, 5, 22)),
            Seat("Karen Whitlock", seniority="director", deputy="Marcus Hale", start=NHS_YEAR_2024),
            # 003 §22: West Oxfordshire's member when its Cabinet met on 19 November 2009.
            Seat("Cllr Derek Hollins", seniority="cabinet_member", start=D(2008, 5, 22), end=D(2011, 5, 16)),
            Seat("Helen Forsyth", "officer", "senior_manager", voting=False),
        ),
    ),
    SP_CORE_STRATEGY_GROUP: (
        DISTRICT_ANNUAL_2024,
        (
            # 003 §22: the officers of the commissioning partners.
            Seat("Helen Forsyth", "chair", "senior_manager"),
            Seat("Rachel Oduya", seniority="senior_manager", deputy="Tom Ellery"),
            Seat("Steven Bright", seniority="senior_manager"),
            Seat("Anita Sandhu", seniority="senior_manager"),
            Seat("Julian Marsh", seniority="senior_manager"),
            Seat("Kate Pemberton", seniority="officer"),
            Seat("Lisa Marr", seniority="senior_manager"),
            Seat("Marcus Hale", seniority="senior_manager"),
            Seat("Fiona Mackie", seniority="senior_manager"),  # 003 §8: the DAAT backs user involvement
            # 003 §9: service provider representatives already sit on the group.
            Seat("Colin Whitby", "provider_representative", "chief_executive"),
            Seat("Sian Lloyd-Hughes", "provider_representative", "director"),
            # 003 §10, §22: two service users, on a no-vote basis.
            Seat("Dean Harper", "user_representative", "service_user", voting=False, start=D(2025, 9, 3)),
            Seat("Marie Colquhoun", "user_representative", "service_user", voting=False, start=D(2025, 9, 3)),
            # 003 §10: the two service users of 2009, from the first meeting with them.
            Seat(
                "Alan Pike",
                "user_representative",
                "service_user",
                voting=False,
                start=D(2009, 9, 2),
                end=D(2012, 3, 31),
            ),
            Seat(
                "Joyce Ambler",
                "user_representative",
                "service_user",
                voting=False,
                start=D(2009, 9, 2),
                end=D(2012, 3, 31),
            ),
        ),
    ),
    "oxfordshire-safeguarding-adults-board/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Elizabeth Marlow", "chair", "other"),
            Seat("John Jackson", seniority="director", deputy="Claire Ashby"),
            Seat("Fiona Crane", seniority="director"),
            Seat("Supt Kevin Hurst", seniority="senior_manager"),
            Seat("Marcus Hale", seniority="senior_manager"),
            Seat("Dr Nadia Kerr", seniority="director"),
            Seat("Deborah Kaye", seniority="chief_executive"),
        ),
    ),
    "partnership-governance-review/task-group": (
        # Ended with the group, 30 September 2009 (003 §5).
        D(2008, 3, 3),
        (
            Seat("Peter Lambourne", "chair", "senior_manager", end=D(2009, 9, 30)),
            Seat("Nicola Ward", "member", "chief_executive", end=D(2009, 9, 30)),
            Seat("Martin Ashdown", "member", "chief_executive", end=D(2009, 9, 30)),
            Seat("Deborah Kaye", "member", "chief_executive", end=D(2009, 9, 30)),
        ),
    ),
}

# ---------------------------------------------------------------------------
# Delegations (SPEC §3, 000 §3b): organisation, person, board, from, to, evidence, scope
# ---------------------------------------------------------------------------

DELEGATIONS: tuple[DelegationRow, ...] = (
    (
        WODC,
        "Cllr Derek Hollins",
        SP_COMMISSIONING_BODY,
        D(2009, 11, 19),
        D(2011, 5, 16),
        "Cabinet, 19 November 2009",  # 003 §22
        "To represent the Council on the Commissioning Body on 11 December 2009 and after, holding to the "
        "Cabinet's view that the Memorandum of Understanding should remain unchanged on service user "
        "involvement and on conflict resolution (003 §22).",
    ),
    (
        WODC,
        "Cllr Colin Ames",
        SP_COMMISSIONING_BODY,
        D(2024, 5, 22),
        D(2027, 5, 31),
        "Cabinet, 22 May 2024, minute 9",
        "To give or withhold the Council's consent to the Supporting People Strategy and Annual Plan.",
    ),
    (
        CDC,
        "Cllr Nigel Royce",
        SP_COMMISSIONING_BODY,
        D(2025, 6, 2),
        D(2026, 12, 31),  # falls due for renewal soon: shows the expiry reminder
        "Executive, 2 June 2025, minute 21",
        "To give or withhold the Council's consent to the Supporting People Strategy and Annual Plan.",
    ),
)

# ---------------------------------------------------------------------------
# Memoranda of Understanding (003): the eight commissioning partners
# ---------------------------------------------------------------------------

ESCALATION_BODY = "the Oxfordshire local authority Chief Executives"  # 003 §13, §16

# 003 §7, §22: all eight commissioning partners sign.
COMMISSIONING_PARTNERS = (PCT, WODC, SODC, VALE, CDC, OCC, CITY, PROBATION)

MOU_V1_TEXT = """\
1. The Commissioning Body commissions housing-related support for vulnerable people in Oxfordshire and \
approves the Supporting People Strategy and the Annual Plan.
2. Each of the eight commissioning partners has one member on the Commissioning Body.
3. All decisions require the active consent of all eight commissioning partners (003 §11), as the \
Non-Excellent Authority Grant Conditions required.
4. Where the Commissioning Body cannot reach a unanimous decision, the issue is escalated to the local \
authority Chief Executives, who seek an acceptable compromise for a later meeting (003 §13).
5. Oxfordshire County Council is the lead accountable body for the programme grant."""

MOU_V2_TEXT = """\
1. The Commissioning Body commissions housing-related support for vulnerable people in Oxfordshire and \
approves the Supporting People Strategy and the Annual Plan.
2. Each of the eight commissioning partners has one member on the Commissioning Body. Two representatives of \
service users take part on a no-vote basis, with training and support (003 §22-23).
3. The Commissioning Body strives to reach a consensus: decisions require the active consent of all eight \
commissioning partners (003 §18).
4. Where it cannot, the issue is escalated to the local authority Chief Executives, who seek an acceptable \
compromise (003 §13).
5. If at a second meeting the Commissioning Body is again unable to reach a unanimous decision, a majority \
decision is allowed (003 §19), provided the minority against is limited to one vote (003 §22).
6. Oxfordshire County Council is the lead accountable body for the programme grant."""


MOUS: tuple[MouRow, ...] = (
    MouRow(
        1,
        "Memorandum of Understanding, Oxfordshire Supporting People Commissioning Body",
        MOU_V1_TEXT,
        D(2004, 4, 1),
        {
            OCC: ("R. Halford, Chief Executive", D(2004, 2, 16)),
            CITY: ("S. Penrose, Chief Executive", D(2004, 2, 19)),
            CDC: ("M. Gatward, Chief Executive", D(2004, 2, 24)),
            SODC: ("A. Lindqvist, Chief Executive", D(2004, 2, 26)),
            VALE: ("T. Oakes, Chief Executive", D(2004, 3, 1)),
            WODC: ("J. Ferrand, Chief Executive", D(2004, 3, 4)),
            PCT: ("C. Moreton, Chief Executive", D(2004, 3, 10)),
            PROBATION: ("D. Inglis, Chief Officer", D(2004, 3, 18)),
        },
        {
            "active_consent": True,  # 003 §11
            "majority_fallback": False,
            "escalation_body": ESCALATION_BODY,  # 003 §13
        },
    ),
    # 003 §19, §22: the amended draft, now awaiting signatures (003 §7). It has no date of
    # its own: it applies once all eight partners have signed it (003 §7).
    MouRow(
        2,
        "Memorandum of Understanding, Oxfordshire Supporting People Commissioning Body (amended)",
        MOU_V2_TEXT,
        None,
        {
            PCT: ("Martin Ashdown, Chief Executive", D(2026, 10, 5)),
            SODC: ("Gail Strachan, Chief Executive", D(2026, 10, 12)),
            VALE: ("Duncan Mayhew, Chief Executive", D(2026, 10, 20)),
        },
        {
            "active_consent": True,  # 003 §18: still strive for unanimity
            "majority_fallback": True,  # 003 §19
            "fallback_from_round": 2,  # 003 §19: at a second meeting
            "max_minority": 1,  # 003 §22: the minority against limited to one vote
            "escalation_required": True,  # 003 §13, §15
            "escalation_body": ESCALATION_BODY,
        },
        added_on=D(2026, 9, 21),  # invented: a fortnight before the first signature
    ),
)

# ---------------------------------------------------------------------------
# Demo logins, one per role (password DEMO_PASSWORD)
# ---------------------------------------------------------------------------


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "officer",
        "officer",
        "Sam",
        "Okoro",
        "Services the Health and Well Being and Supporting People partnerships: boards, members, "
        "deputies, delegations, MoUs",
        services=(HWBP, SUPPORTING_PEOPLE),
    ),
    DemoUser(
        "member",
        "member",
        "Margaret",
        "Ellison",
        "County Cabinet Member: co-chairs the HWBP Board, chairs the Supporting People Commissioning Body",
        person="Cllr Margaret Ellison",
    ),
    DemoUser(
        "deputy",
        "member",
        "Priya",
        "Nandra",
        "Designated deputy for the County Cabinet Member on both boards",
        person="Cllr Priya Nandra",
    ),
    DemoUser(
        "scrutiny",
        "scrutiny",
        "Tom",
        "Garside",
        "Scrutiny councillor: reads performance and governance-health reports",
    ),
    DemoUser("admin", "administrator", "Accord", "Administrator", "Everything, plus the Django admin", admin=True),
)
