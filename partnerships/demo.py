"""Demo data: the Oxfordshire partnerships of the source papers, loaded idempotently.

Two parts. DATA: the tables, literals only (frozen dataclass rows and tuples). LOADER,
at the end: replays them through the partnerships actions with the historic ``now``
of each change, looking every row up by its natural key first and calling the create
action only when it is missing (and the update action, which writes nothing when
nothing differs, when it is there), so loading twice leaves the same rows and audit
events. Organisations, people and logins have no action: the loader writes those
directly, as it does the officers a partnership is serviced by.
Real names appear only where a paper names the person (002: Jonathan McWilliam,
John Jackson; 000: Matt Bramall); everyone else is invented. Emails use
``.example`` domains and phone numbers the Ofcom drama range (01632 960xxx).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from accounts.models import Role, User

from . import actions
from .access import can_edit_partnership
from .models import (
    Board,
    Delegation,
    Layer,
    Membership,
    MembershipRole,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipStatus,
    Person,
    Seniority,
)

D = dt.date
R = MembershipRole
S = Seniority

DEMO_PASSWORD = "accord-demo-2026"

# ===========================================================================
# DATA: literals only
# ===========================================================================

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

K = OrganisationKind
ORGANISATIONS: tuple[tuple[str, str, str, str, str], ...] = (
    (OCC, "Oxfordshire County Council", K.COUNTY_COUNCIL, "Cabinet", "oxfordshire.example"),
    (CITY, "Oxford City Council", K.CITY_COUNCIL, "City Executive Board", "oxford-city.example"),
    (CDC, "Cherwell District Council", K.DISTRICT_COUNCIL, "Executive", "cherwell.example"),
    (SODC, "South Oxfordshire District Council", K.DISTRICT_COUNCIL, "Cabinet", "southoxon.example"),
    (VALE, "Vale of White Horse District Council", K.DISTRICT_COUNCIL, "Cabinet", "whitehorse.example"),
    # 003 §22: West Oxfordshire's Cabinet considered the MoU on 19 November 2009.
    (WODC, "West Oxfordshire District Council", K.DISTRICT_COUNCIL, "Cabinet", "westoxon.example"),
    (PCT, "Oxfordshire Primary Care Trust", K.NHS, "PCT Board", "oxfordshire-pct.example"),
    (POLICE, "Thames Valley Police", K.POLICE, "Police Authority", "thamesvalley-police.example"),
    # Part of the County Council, so its executive body is the County's Cabinet.
    (FIRE, "Oxfordshire Fire and Rescue Service", K.FIRE_RESCUE, "Cabinet", "oxfordshire-fire.example"),
    (PROBATION, "Thames Valley Probation", K.PROBATION, "Probation Board", "tv-probation.example"),
    (DAAT, "Oxfordshire Drug and Alcohol Action Team", K.OTHER, "DAAT Board", "oxfordshire-daat.example"),
    # 001 principle 9: a representative "umbrella body" for the voluntary sector.
    (OCVA, "Oxfordshire Community and Voluntary Action", K.VOLUNTARY, "Board of Trustees", "ocva.example"),
    (CHAMBER, "Thames Valley Chamber of Commerce", K.BUSINESS, "Board of Directors", "tvchamber.example"),
    (BROOKES, "Oxford Brookes University", K.EDUCATION, "Board of Governors", "brookes.example"),
    (EA, "Environment Agency", K.OTHER, "", "environment-agency.example"),
    # 002 §8: providers are invited to the HWBP Board, not members of it.
    (ORH, "Oxford Radcliffe Hospitals NHS Trust", K.NHS, "Trust Board", "orh.example"),
    # 002 §6(e): user representatives for adults' services.
    (USERS, "Oxfordshire Service User and Carer Network", K.VOLUNTARY, "Steering Group", "oxon-users.example"),
    # 003 §10: service users are drawn from the Service User Working Group.
    (SP_USERS, "Supporting People Service User Working Group", K.OTHER, "", "sp-service-users.example"),
    # 003 §9: service provider representatives sit on the Core Strategy Group.
    (SP_PROVIDERS, "Oxfordshire Supporting People Provider Forum", K.VOLUNTARY, "", "sp-providers.example"),
)

# ---------------------------------------------------------------------------
# Partnerships: the tree of 001 (Oxfordshire case study) and the register of 004 R5
# ---------------------------------------------------------------------------

LSP = "oxfordshire-partnership"
PSB = "public-service-board"
HWBP = "health-and-well-being-partnership"
SUPPORTING_PEOPLE = "supporting-people"


@dataclass(frozen=True)
class PartnershipRow:
    slug: str
    name: str
    parent: str | None
    purpose: str
    contact: tuple[str, str, str]  # name, email, phone
    lead: str | None = OCC
    statutory: bool = False
    in_lsp: bool = True
    status: str = PartnershipStatus.ACTIVE
    end_date: dt.date | None = None


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
        status=PartnershipStatus.ENDED,
        end_date=D(2009, 9, 30),
    ),
)

# ---------------------------------------------------------------------------
# Boards (SPEC §3): optimum sizes and meeting frequencies default to the 001 norms
# ---------------------------------------------------------------------------

# 002 §9, quoting the Children and Young People's Board.
NO_EXECUTIVE_POWERS = (
    "The Board has no executive powers of its own but will discharge its responsibilities by means of "
    "recommendations to the relevant partner agency(ies) to act in accordance with its/their own discretion "
    "within its/their own respective powers and duties."
)


@dataclass(frozen=True)
class BoardRow:
    partnership: str
    slug: str
    name: str
    layer: str
    terms_of_reference: str = NO_EXECUTIVE_POWERS
    expected_meetings_per_year: int | None = None
    optimum_size: tuple[int, int] | None = None
    is_council_committee: bool = False

    @property
    def key(self) -> str:
        return f"{self.partnership}/{self.slug}"


HWBP_BOARD = f"{HWBP}/board"
SP_COMMISSIONING_BODY = f"{SUPPORTING_PEOPLE}/commissioning-body"
SP_CORE_STRATEGY_GROUP = f"{SUPPORTING_PEOPLE}/core-strategy-group"

BOARDS: tuple[BoardRow, ...] = (
    BoardRow(LSP, "partnership-board", "Oxfordshire Partnership Board", Layer.BOARD),
    BoardRow(
        LSP,
        "conference",
        "Oxfordshire Partnership Conference",
        Layer.CONFERENCE,
        "An open invitation to stakeholders in public services, business and the community and voluntary "
        "sectors: an annual opportunity to engage with the wider community on the work of the partnership (001).",
    ),
    BoardRow(PSB, "public-service-board", "Public Service Board", Layer.EXECUTIVE),
    BoardRow(
        "spatial-planning-and-infrastructure-partnership",
        "board",
        "Spatial Planning and Infrastructure Partnership Board",
        Layer.THEMATIC_GROUP,
    ),
    BoardRow(
        "environment-and-waste-partnership", "board", "Environment and Waste Partnership Board", Layer.THEMATIC_GROUP
    ),
    BoardRow("childrens-trust", "board", "Children and Young People's Board", Layer.THEMATIC_GROUP),
    # 002 §7: "a Board of about 20 people", above the 001 optimum of 12-15; §10: quarterly.
    BoardRow(
        HWBP,
        "board",
        "Health and Well-Being Partnership Board",
        Layer.BOARD,
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
        Layer.THEMATIC_GROUP,
        "Prepares the Board's business and carries out work the Board asks for, such as the 2009 review of "
        "decision-making within thematic partnerships (000).",
    ),
    BoardRow("safer-communities-partnership", "board", "Safer Communities Partnership Board", Layer.THEMATIC_GROUP),
    BoardRow(
        "oxfordshire-economic-partnership", "board", "Oxfordshire Economic Partnership Board", Layer.THEMATIC_GROUP
    ),
    BoardRow(
        "oxfordshire-stronger-communities-partnership",
        "board",
        "Oxfordshire Stronger Communities Partnership Board",
        Layer.THEMATIC_GROUP,
    ),
    # 003 §7, §11: eight commissioning partners, decisions under the MoU.
    BoardRow(
        SUPPORTING_PEOPLE,
        "commissioning-body",
        "Supporting People Commissioning Body",
        Layer.EXECUTIVE,
        "The eight commissioning partners who signed the Memorandum of Understanding approve the Supporting "
        "People Strategy and the Annual Plan. Decisions follow the Memorandum in force (003 §11); the County "
        "Council is the lead accountable body (003 §17).",
    ),
    # 003 §9-10: officers, providers and, from 2 September 2009, two service users.
    BoardRow(
        SUPPORTING_PEOPLE,
        "core-strategy-group",
        "Supporting People Core Strategy Group",
        Layer.THEMATIC_GROUP,
        "Officers of the commissioning partners prepare the Commissioning Body's business with service provider "
        "representatives. Since the meeting on 2 September 2009 two representatives of service users, drawn "
        "from the Service User Working Group, are members (003 §10).",
    ),
    BoardRow(
        "oxfordshire-safeguarding-adults-board",
        "board",
        "Oxfordshire Safeguarding Adults Board",
        Layer.BOARD,
        optimum_size=(8, 12),
        expected_meetings_per_year=4,
    ),
    BoardRow(
        "partnership-governance-review",
        "task-group",
        "Partnership Governance Review Task Group",
        Layer.TASK_AND_FINISH,
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
}

# ---------------------------------------------------------------------------
# Memberships (SPEC §3): board -> (usual start date, seats)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    person: str
    role: str = R.MEMBER
    seniority: str = S.OTHER
    deputy: str | None = None
    voting: bool = True
    start: dt.date | None = None  # None: the board's usual start date
    end: dt.date | None = None
    organisation: str | None = None  # None: the person's own organisation


COUNTY_ELECTION_2025 = D(2025, 5, 19)
DISTRICT_ANNUAL_2024 = D(2024, 5, 20)
NHS_YEAR_2024 = D(2024, 4, 1)

MEMBERSHIPS: dict[str, tuple[dt.date, tuple[Seat, ...]]] = {
    f"{LSP}/partnership-board": (
        # 001 table: Board/Cabinet level representation, 12-15.
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Andrew Kemble", R.CHAIR, S.CABINET_MEMBER, deputy="Cllr David Rowntree"),
            Seat("Cllr Joan Pritchard", seniority=S.CABINET_MEMBER, deputy="Cllr Ben Okafor"),
            Seat("Cllr Alan Dorsett", seniority=S.CABINET_MEMBER, deputy="Cllr Maxine Hollings"),
            Seat("Cllr Fiona Lyle", seniority=S.CABINET_MEMBER, deputy="Cllr Paul Whitaker"),
            Seat("Cllr Tom Brackley", seniority=S.CABINET_MEMBER, deputy="Cllr Neil Aston"),
            Seat("Cllr Gordon Ruddock", seniority=S.CABINET_MEMBER),
            Seat("Dr Jane Ferris", seniority=S.DIRECTOR, deputy="Martin Ashdown"),
            Seat("ACC Daniel Royle", seniority=S.DIRECTOR, deputy="Ch Supt Brian Olsen"),
            Seat("Cllr Leonard Moss", seniority=S.CABINET_MEMBER, organisation=FIRE, deputy="Nathan Ives"),
            Seat("Mary Quarrie", seniority=S.DIRECTOR, deputy="Stuart Neale"),
            Seat("Patricia Okonjo", seniority=S.OTHER, deputy="Deborah Kaye"),
            Seat("Richard Denholm", seniority=S.OTHER),
            Seat("Professor Alison Grey", seniority=S.DIRECTOR),
        ),
    ),
    f"{PSB}/public-service-board": (
        # 001 table: Chief Executive / Director / Area Commander level, 8-10; a leader could chair.
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Andrew Kemble", R.CHAIR, S.CABINET_MEMBER, deputy="Cllr David Rowntree"),
            Seat("Joanna Birch", seniority=S.CHIEF_EXECUTIVE, deputy="Peter Lambourne"),
            Seat("Nicola Ward", seniority=S.CHIEF_EXECUTIVE),
            Seat("Philip Harker", seniority=S.CHIEF_EXECUTIVE),
            Seat("Gail Strachan", seniority=S.CHIEF_EXECUTIVE),
            Seat("Duncan Mayhew", seniority=S.CHIEF_EXECUTIVE),
            Seat("Helen Cardew", seniority=S.CHIEF_EXECUTIVE),
            Seat("Martin Ashdown", seniority=S.CHIEF_EXECUTIVE, deputy="Fiona Crane"),
            Seat("Ch Supt Brian Olsen", seniority=S.DIRECTOR, deputy="Supt Kevin Hurst"),
            Seat("Stuart Neale", seniority=S.CHIEF_EXECUTIVE, deputy="Karen Whitlock"),
        ),
    ),
    "spatial-planning-and-infrastructure-partnership/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Harriet Dunstan", R.CHAIR, S.CABINET_MEMBER),
            Seat("Cllr Paul Whitaker", seniority=S.CABINET_MEMBER),
            Seat("Graham Shields", seniority=S.DIRECTOR),
            Seat("Diane Fuller", seniority=S.SENIOR_MANAGER),
            Seat("Richard Denholm"),
        ),
    ),
    "environment-and-waste-partnership/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Neil Aston", R.CHAIR, S.CABINET_MEMBER),
            Seat("Cllr Harriet Dunstan", seniority=S.CABINET_MEMBER),
            Seat("Cllr Rachel Dunmore", seniority=S.CABINET_MEMBER),
            Seat("Graham Shields", seniority=S.DIRECTOR),
            Seat("Diane Fuller", seniority=S.SENIOR_MANAGER),
        ),
    ),
    "childrens-trust/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Susan Pardoe", R.CHAIR, S.CABINET_MEMBER),
            Seat("Meera Kapoor", seniority=S.DIRECTOR),
            Seat("Dr Elaine Frith", seniority=S.DIRECTOR),
            Seat("Supt Kevin Hurst", seniority=S.SENIOR_MANAGER),
            Seat("Deborah Kaye", seniority=S.CHIEF_EXECUTIVE),
        ),
    ),
    HWBP_BOARD: (
        COUNTY_ELECTION_2025,
        (
            # 002 §6(a): the PCT, 4 people; §7: the Chair of the Clinical Executive Committee co-chairs.
            Seat("Dr Alison Pryce", R.CO_CHAIR, S.DIRECTOR, deputy="Dr Rupert Hale", start=NHS_YEAR_2024),
            Seat("Martin Ashdown", seniority=S.CHIEF_EXECUTIVE, deputy="Fiona Crane", start=NHS_YEAR_2024),
            Seat("Sarah Whitcombe", seniority=S.DIRECTOR, deputy="Tom Ellery", start=NHS_YEAR_2024),
            Seat("Dr Kieran Lodge", seniority=S.SENIOR_MANAGER, start=NHS_YEAR_2024),  # no deputy yet
            # 002 §6(b): the Director of Public Health, shown on its own.
            Seat("Jonathan McWilliam", seniority=S.DIRECTOR, deputy="Dr Ruth Kelsall", start=NHS_YEAR_2024),
            # 002 §6(c): the County Council, 4 people; §7: its Cabinet Member co-chairs.
            Seat("Cllr Margaret Ellison", R.CO_CHAIR, S.CABINET_MEMBER, deputy="Cllr Priya Nandra"),
            Seat("Cllr David Rowntree", seniority=S.CABINET_MEMBER, deputy="Cllr Hugh Fenwick"),
            Seat("Joanna Birch", seniority=S.CHIEF_EXECUTIVE, deputy="Peter Lambourne"),
            Seat("John Jackson", seniority=S.DIRECTOR, deputy="Claire Ashby"),
            Seat(
                "Cllr Roger Haswell",
                R.CO_CHAIR,
                S.CABINET_MEMBER,
                deputy="Cllr Priya Nandra",
                start=D(2021, 5, 24),
                end=D(2025, 5, 1),  # stood down at the 2025 county election
            ),
            # 002 §6(d): one from each district council and the city council.
            Seat("Cllr Amira Haddad", seniority=S.CABINET_MEMBER, deputy="Cllr Ben Okafor", start=DISTRICT_ANNUAL_2024),
            Seat(
                "Cllr George Pennington",
                seniority=S.CABINET_MEMBER,
                deputy="Cllr Maxine Hollings",
                start=DISTRICT_ANNUAL_2024,
            ),
            Seat(
                "Cllr Ian Thorne",
                seniority=S.CABINET_MEMBER,
                deputy="Cllr Maxine Hollings",
                start=D(2022, 5, 23),
                end=D(2024, 5, 15),
            ),
            Seat(
                "Cllr Linda Marchetti",
                seniority=S.CABINET_MEMBER,
                deputy="Cllr Simon Hearn",
                start=DISTRICT_ANNUAL_2024,
            ),
            Seat("Cllr Robert Tull", seniority=S.CABINET_MEMBER, start=DISTRICT_ANNUAL_2024),  # no deputy yet
            Seat(
                "Cllr Janet Fairweather",
                seniority=S.CABINET_MEMBER,
                deputy="Cllr Colin Ames",
                start=DISTRICT_ANNUAL_2024,
            ),
            # 002 §6(e): 5 or 6 user representatives.
            Seat("Edna Carlisle", R.USER_REPRESENTATIVE, S.SERVICE_USER, deputy="Winifred Shaw"),
            Seat("Kwame Boateng", R.USER_REPRESENTATIVE, S.SERVICE_USER, deputy="Jo Ritchie"),
            Seat("Lucy Harrow", R.USER_REPRESENTATIVE, S.SERVICE_USER, deputy="Sam Dyer"),
            Seat("Graham Pell", R.USER_REPRESENTATIVE, S.SERVICE_USER),  # no deputy yet
            Seat("Maureen Dixon", R.USER_REPRESENTATIVE, S.SERVICE_USER, deputy="Peter Lark"),
            Seat("Anil Mehta", R.USER_REPRESENTATIVE, S.SERVICE_USER, deputy="Bridget Nolan"),
            # 002 §8: providers are invited when they can contribute; they are not members.
            Seat("Dr Nadia Kerr", R.OBSERVER, S.DIRECTOR, voting=False),
            Seat("Matt Bramall", R.OFFICER, S.OFFICER, voting=False),
        ),
    ),
    f"{HWBP}/officer-group": (
        DISTRICT_ANNUAL_2024,
        (
            Seat("Claire Ashby", R.CHAIR, S.DIRECTOR),
            Seat("Tom Ellery", seniority=S.SENIOR_MANAGER, deputy="Rachel Oduya"),
            Seat("Dr Ruth Kelsall", seniority=S.DIRECTOR),
            Seat("Mark Tranter", seniority=S.SENIOR_MANAGER),
            Seat("Owen Price", seniority=S.OFFICER),
            Seat("Gillian Frost", seniority=S.OFFICER),
            Seat("Lisa Marr", seniority=S.SENIOR_MANAGER),
            Seat("Deborah Kaye", seniority=S.CHIEF_EXECUTIVE),
            Seat("Matt Bramall", R.OFFICER, S.OFFICER, voting=False),
        ),
    ),
    "safer-communities-partnership/board": (
        COUNTY_ELECTION_2025,
        (
            # 001 table: police or fire & rescue chair the 'Safety' theme.
            Seat("Ch Supt Brian Olsen", R.CHAIR, S.DIRECTOR, deputy="Supt Kevin Hurst"),
            Seat("Nathan Ives", seniority=S.CHIEF_EXECUTIVE),
            Seat("Karen Whitlock", seniority=S.DIRECTOR),
            Seat("Fiona Mackie", seniority=S.SENIOR_MANAGER),
            Seat("Cllr Leonard Moss", seniority=S.CABINET_MEMBER),
            Seat("Cllr Ben Okafor", seniority=S.CABINET_MEMBER),
        ),
    ),
    "oxfordshire-economic-partnership/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Richard Denholm", R.CHAIR),
            Seat("Professor Alison Grey", seniority=S.DIRECTOR),
            Seat("Cllr Harriet Dunstan", seniority=S.CABINET_MEMBER),
            Seat("Nicola Ward", seniority=S.CHIEF_EXECUTIVE),
            Seat("Cllr Alan Dorsett", seniority=S.CABINET_MEMBER),
        ),
    ),
    "oxfordshire-stronger-communities-partnership/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Patricia Okonjo", R.CHAIR, deputy="Deborah Kaye"),
            Seat("Revd Michael Dunn"),
            Seat("Peter Lambourne", seniority=S.SENIOR_MANAGER),
            Seat("Mark Tranter", seniority=S.SENIOR_MANAGER),
            Seat("Cllr Maxine Hollings", seniority=S.CABINET_MEMBER),
        ),
    ),
    SP_COMMISSIONING_BODY: (
        # 003 §7, §11: one voting member for each of the eight commissioning partners.
        COUNTY_ELECTION_2025,
        (
            Seat("Cllr Margaret Ellison", R.CHAIR, S.CABINET_MEMBER, deputy="Cllr Priya Nandra"),
            Seat("Sarah Whitcombe", seniority=S.DIRECTOR, deputy="Tom Ellery", start=NHS_YEAR_2024),
            Seat("Cllr Ben Okafor", seniority=S.CABINET_MEMBER, deputy="Cllr Amira Haddad", start=DISTRICT_ANNUAL_2024),
            Seat("Cllr Nigel Royce", seniority=S.CABINET_MEMBER, deputy="Cllr Anne Tilbury", start=D(2025, 6, 2)),
            Seat("Cllr Simon Hearn", seniority=S.CABINET_MEMBER, deputy="Cllr Jill Varley", start=DISTRICT_ANNUAL_2024),
            Seat(
                "Cllr Patricia Lowe", seniority=S.CABINET_MEMBER, deputy="Cllr Edward Quinn", start=DISTRICT_ANNUAL_2024
            ),
            Seat("Cllr Colin Ames", seniority=S.CABINET_MEMBER, deputy="Cllr Rachel Dunmore", start=D(2024, 5, 22)),
            Seat("Karen Whitlock", seniority=S.DIRECTOR, deputy="Marcus Hale", start=NHS_YEAR_2024),
            # 003 §22: West Oxfordshire's member when its Cabinet met on 19 November 2009.
            Seat("Cllr Derek Hollins", seniority=S.CABINET_MEMBER, start=D(2008, 5, 22), end=D(2011, 5, 16)),
            Seat("Helen Forsyth", R.OFFICER, S.SENIOR_MANAGER, voting=False),
        ),
    ),
    SP_CORE_STRATEGY_GROUP: (
        DISTRICT_ANNUAL_2024,
        (
            # 003 §22: the officers of the commissioning partners.
            Seat("Helen Forsyth", R.CHAIR, S.SENIOR_MANAGER),
            Seat("Rachel Oduya", seniority=S.SENIOR_MANAGER, deputy="Tom Ellery"),
            Seat("Steven Bright", seniority=S.SENIOR_MANAGER),
            Seat("Anita Sandhu", seniority=S.SENIOR_MANAGER),
            Seat("Julian Marsh", seniority=S.SENIOR_MANAGER),
            Seat("Kate Pemberton", seniority=S.OFFICER),
            Seat("Lisa Marr", seniority=S.SENIOR_MANAGER),
            Seat("Marcus Hale", seniority=S.SENIOR_MANAGER),
            Seat("Fiona Mackie", seniority=S.SENIOR_MANAGER),  # 003 §8: the DAAT backs user involvement
            # 003 §9: service provider representatives already sit on the group.
            Seat("Colin Whitby", R.PROVIDER_REPRESENTATIVE, S.CHIEF_EXECUTIVE),
            Seat("Sian Lloyd-Hughes", R.PROVIDER_REPRESENTATIVE, S.DIRECTOR),
            # 003 §10, §22: two service users, on a no-vote basis.
            Seat("Dean Harper", R.USER_REPRESENTATIVE, S.SERVICE_USER, voting=False, start=D(2025, 9, 3)),
            Seat("Marie Colquhoun", R.USER_REPRESENTATIVE, S.SERVICE_USER, voting=False, start=D(2025, 9, 3)),
            Seat(
                "Alan Pike",
                R.USER_REPRESENTATIVE,
                S.SERVICE_USER,
                voting=False,
                start=D(2009, 9, 2),  # 003 §10: the first meeting with service users
                end=D(2012, 3, 31),
            ),
        ),
    ),
    "oxfordshire-safeguarding-adults-board/board": (
        COUNTY_ELECTION_2025,
        (
            Seat("Elizabeth Marlow", R.CHAIR, S.OTHER),
            Seat("John Jackson", seniority=S.DIRECTOR, deputy="Claire Ashby"),
            Seat("Fiona Crane", seniority=S.DIRECTOR),
            Seat("Supt Kevin Hurst", seniority=S.SENIOR_MANAGER),
            Seat("Marcus Hale", seniority=S.SENIOR_MANAGER),
            Seat("Dr Nadia Kerr", seniority=S.DIRECTOR),
            Seat("Deborah Kaye", seniority=S.CHIEF_EXECUTIVE),
        ),
    ),
    "partnership-governance-review/task-group": (
        # Ended with the group, 30 September 2009 (003 §5).
        D(2008, 3, 3),
        tuple(
            Seat(name, role, seniority, end=D(2009, 9, 30))
            for name, role, seniority in (
                ("Peter Lambourne", R.CHAIR, S.SENIOR_MANAGER),
                ("Nicola Ward", R.MEMBER, S.CHIEF_EXECUTIVE),
                ("Martin Ashdown", R.MEMBER, S.CHIEF_EXECUTIVE),
                ("Deborah Kaye", R.MEMBER, S.CHIEF_EXECUTIVE),
            )
        ),
    ),
}

# ---------------------------------------------------------------------------
# Delegations (SPEC §3, 000 §3b): organisation, person, board, from, to, evidence, scope
# ---------------------------------------------------------------------------

DELEGATIONS: tuple[tuple[str, str, str, dt.date, dt.date | None, str, str], ...] = (
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


@dataclass(frozen=True)
class MouRow:
    version: int
    title: str
    text: str
    effective_from: dt.date | None
    signatures: dict[str, tuple[str, dt.date]] = field(default_factory=dict)  # organisation -> (signed by, on)
    rules: dict[str, Any] = field(default_factory=dict)  # decision-rule fields of the version (SPEC §5)
    added_on: dt.date = REGISTER_RECORDED_ON  # when the officer added the version to the register


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
    # 003 §19, §22: the amended draft, now awaiting signatures (003 §7).
    MouRow(
        2,
        "Memorandum of Understanding, Oxfordshire Supporting People Commissioning Body (amended)",
        MOU_V2_TEXT,
        D(2027, 4, 1),
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


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    first_name: str
    last_name: str
    can: str  # what the login shows off, for the printed table
    person: str | None = None  # the Person whose login this is
    services: tuple[str, ...] = ()  # partnerships the officer services
    admin: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "officer",
        Role.OFFICER,
        "Sam",
        "Okoro",
        "Services the Health and Well Being and Supporting People partnerships: boards, members, "
        "deputies, delegations, MoUs",
        services=(HWBP, SUPPORTING_PEOPLE),
    ),
    DemoUser(
        "member",
        Role.MEMBER,
        "Margaret",
        "Ellison",
        "County Cabinet Member: co-chairs the HWBP Board, chairs the Supporting People Commissioning Body",
        person="Cllr Margaret Ellison",
    ),
    DemoUser(
        "deputy",
        Role.MEMBER,
        "Priya",
        "Nandra",
        "Designated deputy for the County Cabinet Member on both boards",
        person="Cllr Priya Nandra",
    ),
    DemoUser(
        "scrutiny",
        Role.SCRUTINY,
        "Tom",
        "Garside",
        "Scrutiny councillor: reads performance and governance-health reports",
    ),
    DemoUser("admin", Role.ADMINISTRATOR, "Accord", "Administrator", "Everything, plus the Django admin", admin=True),
)

# ===========================================================================
# LOADER: replays the data above through the partnerships actions
# ===========================================================================


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    """The moment a change was recorded: ``hour`` o'clock on ``day``, local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _email(name: str, domain: str) -> str:
    """first.last@domain from a name with any title in front ('Cllr Jo Bloggs' -> jo.bloggs@...)."""
    first, last = name.replace("'", "").split()[-2:]
    return f"{first}.{last}@{domain}".lower()


@dataclass
class Actors:
    """Who records the demo's changes: the demo officer where she services the
    partnership, the administrator everywhere else (as an office would)."""

    officer: User
    administrator: User

    def for_partnership(self, partnership: Partnership) -> User:
        return self.officer if can_edit_partnership(self.officer, partnership) else self.administrator


def load_organisations() -> dict[str, Organisation]:
    """Partner organisations keyed by slug. No action adds an organisation: written directly."""
    organisations: dict[str, Organisation] = {}
    for number, (slug, name, kind, executive_body, domain) in enumerate(ORGANISATIONS):
        organisations[slug], _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "executive_body": executive_body,
                "contact_email": f"partnerships@{domain}",
                "contact_phone": f"01632 960{200 + number:03d}",
                "website": f"https://www.{domain}/",
            },
        )
    return organisations


def load_people(organisations: dict[str, Organisation]) -> dict[str, Person]:
    """People keyed by name (names are unique in the demo). No action adds a person: written directly."""
    people: dict[str, Person] = {}
    domains = {slug: domain for slug, *_, domain in ORGANISATIONS}
    for name, (job_title, org_slug) in PEOPLE.items():
        people[name], _ = Person.objects.update_or_create(
            name=name,
            defaults={
                "job_title": job_title,
                "organisation": organisations[org_slug],
                "email": _email(name, domains[org_slug]),
            },
        )
    return people


def load_users(people: dict[str, Person]) -> dict[str, User]:
    """Demo logins keyed by username, linked to their Person; the password is set when
    missing or changed. Accounts are the administrator's (no action): written directly."""
    users: dict[str, User] = {}
    for row in DEMO_USERS:
        user, created = User.objects.update_or_create(
            username=row.username,
            defaults={
                "role": row.role,
                "first_name": row.first_name,
                "last_name": row.last_name,
                "email": f"{row.username}@accord.example",
                "is_active": True,
                "is_staff": row.admin,
                "is_superuser": row.admin,
            },
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if row.person:
            person = people[row.person]
            Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
            if person.user_id != user.pk:
                person.user = user
                person.save(update_fields=["user"])
        users[row.username] = user
    return users


def load_partnerships(organisations: dict[str, Organisation], by: User) -> dict[str, Partnership]:
    """The partnership tree keyed by slug, added by the administrator (top-level ones need her)."""
    partnerships: dict[str, Partnership] = {}
    now = _at(REGISTER_RECORDED_ON)
    for row in PARTNERSHIPS:
        contact_name, contact_email, contact_phone = row.contact
        values: dict[str, Any] = {
            "name": row.name,
            "purpose": row.purpose,
            "parent": partnerships[row.parent] if row.parent else None,
            "statutory": row.statutory,
            "in_lsp": row.in_lsp,
            "lead_accountable_body": organisations[row.lead] if row.lead else None,
            "status": row.status,
            "end_date": row.end_date,
            "contact_name": contact_name,
            "contact_email": contact_email,
            "contact_phone": contact_phone,
        }
        existing = Partnership.objects.filter(slug=row.slug).first()
        if existing is None:
            partnerships[row.slug] = actions.partnership_create(by=by, now=now, slug=row.slug, **values)
        else:
            partnerships[row.slug] = actions.partnership_update(existing, by=by, now=now, **values)
    return partnerships


def load_officers(partnerships: dict[str, Partnership], users: dict[str, User]) -> None:
    """The partnerships each demo officer services. No action assigns officers: written directly."""
    for row in DEMO_USERS:
        for slug in row.services:
            partnerships[slug].officers.add(users[row.username])


def load_boards(partnerships: dict[str, Partnership], actors: Actors) -> dict[str, Board]:
    """Boards keyed by 'partnership-slug/board-slug'."""
    boards: dict[str, Board] = {}
    now = _at(REGISTER_RECORDED_ON)
    for row in BOARDS:
        partnership = partnerships[row.partnership]
        by = actors.for_partnership(partnership)
        low, high = row.optimum_size or (None, None)
        values: dict[str, Any] = {
            "name": row.name,
            "layer": row.layer,
            "terms_of_reference": row.terms_of_reference,
            "has_executive_powers": False,  # 002 §9
            "optimum_size_min": low,
            "optimum_size_max": high,
            "expected_meetings_per_year": row.expected_meetings_per_year,
            "is_council_committee": row.is_council_committee,
        }
        existing = Board.objects.select_related("partnership").filter(partnership=partnership, slug=row.slug).first()
        if existing is None:
            board = actions.board_create(by=by, now=now, partnership=partnership, slug=row.slug, **values)
        else:
            board = actions.board_update(existing, by=by, now=now, **values)
        boards[row.key] = board
    return boards


def load_memberships(
    boards: dict[str, Board], people: dict[str, Person], organisations: dict[str, Organisation], actors: Actors
) -> None:
    """Seats keyed on board, person and start date, each recorded on the day it starts."""
    for board_key, (usual_start, seats) in MEMBERSHIPS.items():
        board = boards[board_key]
        by = actors.for_partnership(board.partnership)
        for seat in seats:
            person = people[seat.person]
            start = seat.start or usual_start
            values: dict[str, Any] = {
                "organisation": organisations[seat.organisation] if seat.organisation else person.organisation,
                "role": seat.role,
                "seniority": seat.seniority,
                "elected": seat.person.startswith("Cllr "),
                "voting": seat.voting,
                "end_date": seat.end,
                "deputy": people[seat.deputy] if seat.deputy else None,
            }
            now = _at(start)
            existing = Membership.objects.filter(board=board, person=person, start_date=start).first()
            if existing is None:
                actions.membership_create(by=by, now=now, board=board, person=person, start_date=start, **values)
            else:
                existing.board = board
                actions.membership_update(existing, by=by, now=now, **values)


def load_delegations(
    boards: dict[str, Board], people: dict[str, Person], organisations: dict[str, Organisation], actors: Actors
) -> None:
    """Delegations keyed on organisation, person, board and start date, recorded on the day they start."""
    for org_slug, name, board_key, valid_from, valid_to, evidence, scope in DELEGATIONS:
        board, organisation, person = boards[board_key], organisations[org_slug], people[name]
        by = actors.for_partnership(board.partnership)
        values: dict[str, Any] = {"valid_to": valid_to, "evidence_reference": evidence, "scope": scope}
        existing = Delegation.objects.filter(
            organisation=organisation, person=person, board=board, valid_from=valid_from
        ).first()
        if existing is None:
            actions.delegation_create(
                by=by,
                now=_at(valid_from),
                board=board,
                organisation=organisation,
                person=person,
                valid_from=valid_from,
                **values,
            )
        else:
            existing.board = board
            actions.delegation_update(existing, by=by, now=_at(valid_from), **values)


def load_mous(boards: dict[str, Board], organisations: dict[str, Organisation], actors: Actors) -> None:
    """The Commissioning Body's MoU versions, keyed on board and version (a version is
    never changed once added); signatures keyed on version and partner, recorded the day
    they were signed."""
    board = boards[SP_COMMISSIONING_BODY]
    by = actors.for_partnership(board.partnership)
    partners = [organisations[slug] for slug in COMMISSIONING_PARTNERS]
    for row in MOUS:
        mou = MemorandumOfUnderstanding.objects.filter(board=board, version=row.version).first()
        if mou is None:
            mou = actions.mou_create(
                by=by,
                now=_at(row.added_on),
                board=board,
                required_signatories=partners,
                title=row.title,
                text=row.text,
                effective_from=row.effective_from,
                **row.rules,
            )
            if mou.version != row.version:
                raise RuntimeError(f"Memorandum version {row.version} was added as version {mou.version}")
        signed = set(mou.signatures.values_list("organisation__slug", flat=True))
        for org_slug, (signed_by, signed_on) in row.signatures.items():
            if org_slug not in signed:
                actions.mou_signature_record(
                    mou,
                    by=by,
                    now=_at(signed_on, hour=12),
                    organisation=organisations[org_slug],
                    signed_by=signed_by,
                    signed_on=signed_on,
                )


def model_counts() -> dict[str, int]:
    """Rows in each table the demo fills, by plural model name."""
    models: tuple[type[Model], ...] = (
        Organisation,
        Partnership,
        Board,
        Person,
        Membership,
        Delegation,
        MemorandumOfUnderstanding,
        MouSignature,
        User,
    )
    return {str(model._meta.verbose_name_plural): model._default_manager.count() for model in models}


@transaction.atomic
def load_demo() -> dict[str, User]:
    """Load (or refresh) the whole demo; returns the demo logins by username."""
    organisations = load_organisations()
    people = load_people(organisations)
    users = load_users(people)
    actors = Actors(officer=users["officer"], administrator=users["admin"])
    partnerships = load_partnerships(organisations, by=actors.administrator)
    load_officers(partnerships, users)
    boards = load_boards(partnerships, actors)
    load_memberships(boards, people, organisations, actors)
    load_delegations(boards, people, organisations, actors)
    load_mous(boards, organisations, actors)
    return users


def summary_lines() -> list[str]:
    """What the demo holds and how to sign in, for the command's output."""
    lines = ["Demo data loaded:"]
    lines += [f"  {name}: {count}" for name, count in model_counts().items()]
    lines += ["", "Demo logins (password for all: " + DEMO_PASSWORD + "):", ""]
    rows = [("username", "role", "what they can do")]
    rows += [(u.username, str(u.role), u.can) for u in DEMO_USERS]
    width_user = max(len(username) for username, _, _ in rows)
    width_role = max(len(role) for _, role, _ in rows)
    for username, role, can in rows:
        lines.append(f"  {username:<{width_user}}  {role:<{width_role}}  {can}")
    return lines
