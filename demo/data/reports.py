"""The scrutiny reports of the demo (SPEC §7, §10): for each of the seven thematic
partnerships that report to the Public Service Board on partnership targets (001), its
strategy themes, a basket of indicators tracked over twelve quarters (004 R11), the
Local Area Agreement targets with the delivery chain behind each (004 R4), and a risk
register per theme whose top three risks are the ones to challenge (001, Mid Sussex).
Literals only; demo/replay/reports.py draws the figures from them.

Every figure is invented, and says so: the papers give the structure, not the
performance. The indicators and risks are flagged illustrative, each indicator's
description ends with ``ILLUSTRATIVE``, and the two delivery groups say so in their
terms of reference (001: thematic partnerships set up delivery groups to meet their
targets, but the papers name none).

The figures move with the calendar: the latest quarter is the last complete quarter
before the day the demo is loaded, and every figure is placed relative to it.

Shapes (plain literals: the data modules hold no code):

- ``THEMES``: partnership slug -> ((name, description), ...), in the order shown.
- ``INDICATORS``: partnership slug -> dicts with the keys of
  demo/replay/reports.py ``IndicatorSpec``. ``knots`` are the points the quarterly
  actuals are drawn through, as (quarters before the latest, value): the quarters
  between are interpolated and given a small seasonal ``wobble``. ``targets`` are the
  targets for the financial years three, two and one before the latest quarter's, and
  its own; ``trajectory`` steps the quarterly target from the year before's to the
  year's, otherwise each quarter of a year has the year's target. ``provisional``:
  the latest actual is provisional, with this note.
- ``CORRECTIONS``: (partnership, code, quarters before the latest, value, note): a
  second actual for a past quarter, recorded a quarter after the first.
- ``TARGETS``: partnership slug -> dicts with the keys of ``ChainSpec``: the
  indicators by code, delivery groups by board key, decisions by (board, title) and
  actions arising by (board, description).
- ``RISKS``: partnership slug -> theme name -> (title, owner's post, owner
  organisation, description, mitigation, reviews); a review is (days before the day of
  loading, likelihood, impact, days to the next review, note), oldest first.
"""

from __future__ import annotations

from demo.data.partnerships import (
    BROOKES,
    CDC,
    CHAMBER,
    CITY,
    DAAT,
    EA,
    FIRE,
    HWBP,
    HWBP_BOARD,
    OCC,
    OCVA,
    PCT,
    POLICE,
    PROBATION,
    SODC,
    SP_COMMISSIONING_BODY,
    VALE,
    WODC,
)
from demo.specs import BoardRow

# Twelve quarters of actuals, ending with the last complete quarter before the day of loading.
QUARTERS = 12

ILLUSTRATIVE = "Figures are illustrative: the source papers give none."

SPIP = "spatial-planning-and-infrastructure-partnership"
EWP = "environment-and-waste-partnership"
CYPT = "childrens-trust"
SCP = "safer-communities-partnership"
OEP = "oxfordshire-economic-partnership"
OSCP = "oxfordshire-stronger-communities-partnership"

# The seven thematic partnerships of 001, in its order.
THEMATIC_PARTNERSHIPS = (SPIP, EWP, CYPT, HWBP, SCP, OEP, OSCP)

# Who set each amber tolerance: the papers do not say, so each is marked illustrative.
PSB_2008 = "Public Service Board, 24 April 2008; illustrative"
SCP_2008 = "Safer Communities Partnership Board, 12 June 2008; illustrative"
CYPT_2008 = "Children and Young People's Board, 3 July 2008; illustrative"
# The HWBP Board agreed the LAA indicator targets at its meeting of 25 June 2026 (demo/data/decisions.py).
HWBP_2026 = "Health and Well-Being Partnership Board, 25 June 2026; illustrative"

# ---------------------------------------------------------------------------
# Delivery groups: 001 says thematic partnerships set up delivery groups to meet
# their targets; the papers name none, so these two are the demo's.
# ---------------------------------------------------------------------------

WASTE_GROUP = f"{EWP}/waste-reduction-delivery-group"
VIOLENCE_GROUP = f"{SCP}/violent-crime-delivery-group"

DELIVERY_GROUPS: tuple[BoardRow, ...] = (
    BoardRow(
        EWP,
        "waste-reduction-delivery-group",
        "Waste Reduction and Recycling Delivery Group",
        "delivery_group",
        "Set up by the Environment and Waste Partnership to meet its waste targets (NI 191, NI 192, NI 193): "
        "officers of the waste collection and disposal authorities plan the actions behind them and report "
        "progress to the partnership. Illustrative: 001 says thematic partnerships set up delivery groups to "
        "meet their targets, but the papers name none; this group is the demo's.",
    ),
    BoardRow(
        SCP,
        "violent-crime-delivery-group",
        "Violent Crime Reduction Delivery Group",
        "delivery_group",
        "Set up by the Safer Communities Partnership to meet its violent crime targets (NI 15, NI 20): police, "
        "council community safety and health officers plan the actions behind them and report progress to the "
        "partnership. Illustrative: 001 says thematic partnerships set up delivery groups to meet their "
        "targets, but the papers name none; this group is the demo's.",
    ),
)

# ---------------------------------------------------------------------------
# Strategy themes
# ---------------------------------------------------------------------------

THEMES: dict[str, tuple[tuple[str, str], ...]] = {
    SPIP: (
        ("Housing growth", "Enough homes, and enough affordable homes, in the places the strategy plans for."),
        ("Transport and infrastructure", "Roads, public transport and utilities that keep pace with growth."),
    ),
    EWP: (
        ("Waste reduction and recycling", "Less waste produced, more of it reused, recycled or composted."),
        ("Climate change and the local environment", "Adapting to a changing climate; clean streets."),
    ),
    CYPT: (
        ("Healthy lives", "Children and young people who are healthy and make healthy choices."),
        ("Staying safe", "Children who are safe from harm and have stable homes."),
        ("Achievement and economic well-being", "Young people who learn, train and work; fewer in poverty."),
    ),
    HWBP: (
        ("Healthy lifestyles", "More active adults; less smoking and less harm from alcohol."),
        ("Independent living", "Vulnerable and older people supported to live independently (Supporting People)."),
    ),
    SCP: (
        ("Reducing violent crime", "Less violence, in the night-time economy and at home."),
        ("Acquisitive crime, reoffending and drug misuse", "Fewer burglaries and thefts; fewer people reoffending."),
    ),
    OEP: (
        ("Skills and employment", "People with the skills employers need, in work."),
        ("Enterprise and business growth", "New businesses started, and room for them to grow."),
    ),
    OSCP: (
        ("Active citizens and cohesive communities", "People who volunteer, have a say and get on together."),
        ("A thriving third sector", "Voluntary, community and faith groups with the support they need."),
    ),
}

# ---------------------------------------------------------------------------
# Indicators (the 2008-11 national indicator set). Latest-quarter ratings by design:
# green 12, amber 11, red 9; the direction of travel both ways.
# ---------------------------------------------------------------------------

INDICATORS: dict[str, tuple[dict[str, object], ...]] = {
    SPIP: (
        {
            "theme": "Housing growth",
            "code": "NI 154",
            "title": "Net additional homes provided",
            "description": "Net additional dwellings completed in Oxfordshire in the quarter: new build and "
            "conversions, less demolitions, from the five districts' returns collated by the County Council.",
            "unit": "homes in the quarter",
            "baseline": 3760,
            "amber_tolerance": 0.10,
            "tolerance_set_by": PSB_2008,
            "owner": OCC,
            "public": True,
            "knots": ((11, 880), (7, 1010), (4, 1120), (1, 1090), (0, 1070)),
            "wobble": 40,
            "places": 0,
            "targets": (1000, 1050, 1100, 1150),
        },
        {
            "theme": "Housing growth",
            "code": "NI 155",
            "title": "Number of affordable homes delivered (gross)",
            "description": "Affordable homes (social rent, affordable rent and shared ownership) completed in "
            "Oxfordshire in the quarter, collated for the partnership by Cherwell District Council.",
            "unit": "homes in the quarter",
            "baseline": 940,
            "tolerance_set_by": PSB_2008,
            "owner": CDC,
            "knots": ((11, 240), (6, 270), (2, 300), (1, 285), (0, 290)),
            "wobble": 15,
            "places": 0,
            "targets": (300, 320, 340, 360),
        },
        {
            "theme": "Transport and infrastructure",
            "code": "NI 167",
            "title": "Congestion: average journey time per mile during the morning peak",
            "description": "Average journey time per mile on the monitored routes into Oxford and the market "
            "towns, weekdays 7am to 10am, from the County Council's journey time surveys. Lower is better.",
            "unit": "minutes per mile",
            "higher_is_better": False,
            "baseline": 4.4,
            "tolerance_set_by": PSB_2008,
            "owner": OCC,
            "public": True,
            "knots": ((11, 4.35), (8, 4.2), (4, 4.05), (1, 3.98), (0, 3.95)),
            "wobble": -0.08,
            "places": 2,
            "targets": (4.2, 4.1, 4.0, 4.0),
        },
        {
            "theme": "Transport and infrastructure",
            "code": "NI 168",
            "title": "Principal roads where maintenance should be considered",
            "description": "The share of the principal road network whose condition survey says maintenance "
            "should be considered, from the County Council's highway surveys. Lower is better.",
            "unit": "%",
            "higher_is_better": False,
            "baseline": 6.2,
            "amber_tolerance": 0.10,
            "tolerance_set_by": PSB_2008,
            "owner": OCC,
            "knots": ((11, 6.0), (6, 6.4), (3, 7.0), (1, 7.3), (0, 7.6)),
            "wobble": 0.2,
            "places": 1,
            "targets": (7.0, 7.0, 6.5, 6.5),
        },
    ),
    EWP: (
        {
            "theme": "Waste reduction and recycling",
            "code": "NI 191",
            "title": "Residual household waste per household",
            "description": "Household waste not reused, recycled or composted, per household, in the quarter: "
            "tonnages from the County Council as waste disposal authority. Lower is better.",
            "unit": "kg per household in the quarter",
            "higher_is_better": False,
            "baseline": 612,
            "tolerance_set_by": PSB_2008,
            "owner": OCC,
            "public": True,
            "knots": ((11, 158), (7, 147), (3, 138), (1, 134), (0, 132)),
            "wobble": 6,
            "places": 1,
            "targets": (150, 145, 140, 135),
        },
        {
            "theme": "Waste reduction and recycling",
            "code": "NI 192",
            "title": "Percentage of household waste sent for reuse, recycling and composting",
            "description": "The share of household waste collected by the districts and the household waste "
            "recycling centres that is reused, recycled or composted, collated by the Vale of White Horse "
            "District Council for the waste collection authorities.",
            "unit": "%",
            "baseline": 53.8,
            "tolerance_set_by": PSB_2008,
            "owner": VALE,
            "public": True,
            "knots": ((11, 54.2), (6, 57.5), (3, 59.8), (1, 60.4), (0, 59.1)),
            "wobble": 1.5,
            "places": 1,
            "targets": (55, 57, 59, 61),
        },
        {
            "theme": "Waste reduction and recycling",
            "code": "NI 193",
            "title": "Percentage of municipal waste land filled",
            "description": "The share of all municipal waste, household and trade, sent to landfill, from the "
            "County Council's disposal contracts. Lower is better.",
            "unit": "%",
            "higher_is_better": False,
            "baseline": 35.0,
            "amber_tolerance": 0.10,
            "tolerance_set_by": PSB_2008,
            "owner": OCC,
            "knots": ((11, 33.0), (7, 27.0), (4, 21.0), (1, 16.5), (0, 15.8)),
            "wobble": 1.0,
            "places": 1,
            "targets": (30, 25, 20, 15),
        },
        {
            "theme": "Climate change and the local environment",
            "code": "NI 188",
            "title": "Planning to adapt to climate change",
            "description": "The level (0 to 4) the partners have reached in assessing climate risks and acting on "
            "them, self-assessed each quarter against the national guidance.",
            "unit": "level (0 to 4)",
            "baseline": 1,
            "amber_tolerance": 0.34,
            "tolerance_set_by": PSB_2008,
            "owner": OCC,
            "knots": ((11, 1), (7, 2), (3, 2), (0, 3)),
            "places": 0,
            "targets": (1, 2, 3, 3),
        },
        {
            "theme": "Climate change and the local environment",
            "code": "NI 195",
            "title": "Improved street and environmental cleanliness (litter)",
            "description": "The share of surveyed streets and open land below an acceptable standard for litter, "
            "from the districts' cleanliness surveys collated by South Oxfordshire District Council. Lower is "
            "better.",
            "unit": "% of land below standard",
            "higher_is_better": False,
            "baseline": 9.8,
            "amber_tolerance": 0.10,
            "tolerance_set_by": PSB_2008,
            "owner": SODC,
            "public": True,
            "knots": ((11, 9.5), (6, 7.8), (2, 7.0), (1, 7.4), (0, 8.1)),
            "wobble": 0.3,
            "places": 1,
            "targets": (8, 7, 7, 6),
        },
    ),
    CYPT: (
        {
            "theme": "Healthy lives",
            "code": "NI 112",
            "title": "Under 18 conception rate",
            "description": "Conceptions to girls aged 15 to 17 per 1,000 girls of that age, over the year to the "
            "quarter, from the Primary Care Trust's returns. Lower is better.",
            "unit": "per 1,000 girls aged 15 to 17",
            "higher_is_better": False,
            "baseline": 30.1,
            "tolerance_set_by": CYPT_2008,
            "owner": PCT,
            "public": True,
            "knots": ((11, 29.5), (6, 26.0), (2, 23.1), (1, 22.4), (0, 21.6)),
            "wobble": 0.4,
            "places": 1,
            "targets": (28, 26, 24, 22),
        },
        {
            "theme": "Healthy lives",
            "code": "NI 56",
            "title": "Obesity among primary school age children in Year 6",
            "description": "The share of Year 6 children measured as obese, from the National Child Measurement "
            "Programme as the Primary Care Trust reports it. Lower is better.",
            "unit": "%",
            "higher_is_better": False,
            "baseline": 16.9,
            "tolerance_set_by": CYPT_2008,
            "owner": PCT,
            "knots": ((11, 16.8), (5, 17.2), (1, 17.6), (0, 17.9)),
            "places": 1,
            "targets": (16.5, 16.0, 15.5, 15.0),
        },
        {
            "theme": "Staying safe",
            "code": "NI 62",
            "title": "Stability of placements of looked after children: number of placements",
            "description": "The share of looked after children with three or more placements in the year to the "
            "quarter, from the County Council's children's social care records. Lower is better.",
            "unit": "% with three or more placements",
            "higher_is_better": False,
            "baseline": 12.4,
            "amber_tolerance": 0.10,
            "tolerance_set_by": CYPT_2008,
            "owner": OCC,
            "knots": ((11, 12.1), (7, 11.0), (3, 10.2), (1, 10.6), (0, 10.8)),
            "wobble": 0.3,
            "places": 1,
            "targets": (11.0, 10.5, 10.0, 10.0),
        },
        {
            "theme": "Achievement and economic well-being",
            "code": "NI 117",
            "title": "16 to 18 year olds who are not in education, employment or training (NEET)",
            "description": "The share of 16 to 18 year olds known to the County Council's participation service "
            "who are not in education, employment or training, averaged over the quarter. Lower is better.",
            "unit": "%",
            "higher_is_better": False,
            "baseline": 6.3,
            "tolerance_set_by": CYPT_2008,
            "owner": OCC,
            "public": True,
            "knots": ((11, 6.1), (6, 5.4), (2, 4.9), (1, 4.7), (0, 4.6)),
            "wobble": 0.4,
            "places": 1,
            "targets": (5.5, 5.2, 5.0, 4.8),
            "trajectory": True,
            "provisional": "Provisional: the participation service confirms the figure once the autumn "
            "enrolments are matched.",
        },
        {
            "theme": "Achievement and economic well-being",
            "code": "NI 116",
            "title": "Proportion of children in poverty",
            "description": "The share of children living in families on out-of-work benefits or on tax credits "
            "with income below 60% of the median, as the County Council estimates it each quarter. Lower is "
            "better.",
            "unit": "%",
            "higher_is_better": False,
            "baseline": 13.6,
            "tolerance_set_by": CYPT_2008,
            "owner": OCC,
            "public": True,
            "knots": ((11, 13.4), (6, 13.0), (1, 12.3), (0, 12.0)),
            "places": 1,
            "targets": (13.0, 12.5, 12.0, 11.5),
        },
    ),
    HWBP: (
        {
            "theme": "Healthy lifestyles",
            "code": "NI 8",
            "title": "Adult participation in sport and active recreation",
            "description": "The share of adults taking part in at least 30 minutes of moderate intensity sport "
            "and active recreation on three or more days a week, from the rolling Active People survey.",
            "unit": "%",
            "baseline": 20.6,
            "tolerance_set_by": HWBP_2026,
            "owner": OCC,
            "public": True,
            "knots": ((11, 21.0), (6, 22.6), (2, 24.1), (1, 24.6), (0, 25.3)),
            "wobble": 0.4,
            "places": 1,
            "targets": (22, 23, 24, 25),
        },
        {
            "theme": "Healthy lifestyles",
            "code": "NI 39",
            "title": "Rate of hospital admissions per 100,000 for alcohol related harm",
            "description": "Hospital admissions for alcohol related conditions per 100,000 population in the "
            "quarter, age-standardised, from the Primary Care Trust's hospital episode statistics. Lower is "
            "better.",
            "unit": "admissions per 100,000 in the quarter",
            "higher_is_better": False,
            "baseline": 388,
            "tolerance_set_by": HWBP_2026,
            "owner": PCT,
            "public": True,
            "knots": ((11, 392), (7, 405), (3, 418), (1, 426), (0, 431)),
            "wobble": 12,
            "places": 0,
            "targets": (400, 395, 390, 385),
            "provisional": "Provisional: hospital episode statistics for the quarter are not yet final.",
        },
        {
            "theme": "Healthy lifestyles",
            "code": "NI 123",
            "title": "Stopping smoking",
            "description": "People setting a quit date with the stop smoking services who had not smoked four "
            "weeks later, per 100,000 population aged 16 and over, in the quarter, from the Primary Care "
            "Trust's stop smoking returns.",
            "unit": "quitters per 100,000 aged 16+ a quarter",
            "baseline": 168,
            "tolerance_set_by": HWBP_2026,
            "owner": PCT,
            "knots": ((11, 172), (6, 194), (2, 205), (1, 214), (0, 211)),
            "wobble": -8,
            "places": 0,
            "targets": (190, 200, 210, 220),
            "trajectory": True,
            "provisional": "Provisional: four-week follow-ups of the last month's quit dates are still coming in.",
        },
        {
            "theme": "Independent living",
            "code": "NI 141",
            "title": "Percentage of vulnerable people achieving independent living",
            "description": "The share of people leaving short-term Supporting People services who moved on in a "
            "planned way to more independent living, from the providers' outcome returns to the Supporting "
            "People team.",
            "unit": "%",
            "baseline": 65.2,
            "tolerance_set_by": HWBP_2026,
            "owner": OCC,
            "public": True,
            "knots": ((11, 66.0), (6, 70.5), (2, 73.0), (1, 74.6), (0, 75.2)),
            "wobble": 1.0,
            "places": 1,
            "targets": (68, 70, 72, 74),
        },
        {
            "theme": "Independent living",
            "code": "NI 142",
            "title": "Percentage of vulnerable people who are supported to maintain independent living",
            "description": "The share of people in long-term Supporting People services (floating support and "
            "sheltered housing) who kept their independence through the quarter, from the providers' returns "
            "to the Supporting People team.",
            "unit": "%",
            "baseline": 98.1,
            "amber_tolerance": 0.01,
            "tolerance_set_by": HWBP_2026,
            "owner": OCC,
            "knots": ((11, 98.4), (6, 98.6), (2, 98.3), (1, 97.9), (0, 97.2)),
            "wobble": 0.15,
            "places": 1,
            "targets": (98.0, 98.0, 98.5, 98.5),
        },
    ),
    SCP: (
        {
            "theme": "Reducing violent crime",
            "code": "NI 15",
            "title": "Serious violent crime rate",
            "description": "Recorded most serious violence against the person per 1,000 population in the "
            "quarter, from Thames Valley Police crime records for Oxfordshire. Lower is better.",
            "unit": "crimes per 1,000 in the quarter",
            "higher_is_better": False,
            "baseline": 0.2,
            "amber_tolerance": 0.10,
            "tolerance_set_by": SCP_2008,
            "owner": POLICE,
            "public": True,
            "knots": ((11, 0.19), (6, 0.17), (2, 0.15), (1, 0.14), (0, 0.145)),
            "wobble": 0.008,
            "places": 3,
            "targets": (0.18, 0.17, 0.16, 0.15),
        },
        {
            "theme": "Reducing violent crime",
            "code": "NI 20",
            "title": "Assault with injury crime rate",
            "description": "Recorded assaults with less serious injury per 1,000 population in the quarter, from "
            "Thames Valley Police crime records for Oxfordshire. Lower is better.",
            "unit": "crimes per 1,000 in the quarter",
            "higher_is_better": False,
            "baseline": 1.48,
            "tolerance_set_by": SCP_2008,
            "owner": POLICE,
            "public": True,
            "knots": ((11, 1.46), (6, 1.38), (2, 1.31), (1, 1.34), (0, 1.36)),
            "wobble": 0.05,
            "places": 2,
            "targets": (1.40, 1.35, 1.30, 1.25),
        },
        {
            "theme": "Acquisitive crime, reoffending and drug misuse",
            "code": "NI 16",
            "title": "Serious acquisitive crime rate",
            "description": "Recorded domestic burglary, robbery and vehicle crime per 1,000 population in the "
            "quarter, from Thames Valley Police crime records for Oxfordshire. Lower is better.",
            "unit": "crimes per 1,000 in the quarter",
            "higher_is_better": False,
            "baseline": 2.8,
            "tolerance_set_by": SCP_2008,
            "owner": POLICE,
            "knots": ((11, 2.75), (6, 2.55), (2, 2.40), (1, 2.36), (0, 2.31)),
            "wobble": -0.08,
            "places": 2,
            "targets": (2.6, 2.5, 2.4, 2.3),
        },
        {
            "theme": "Acquisitive crime, reoffending and drug misuse",
            "code": "NI 18",
            "title": "Adult re-offending rates for those under probation supervision",
            "description": "The share of adults under Thames Valley Probation supervision in Oxfordshire who "
            "were convicted of a further offence within three months, by the quarter they were on the "
            "caseload. Lower is better.",
            "unit": "%",
            "higher_is_better": False,
            "baseline": 10.1,
            "tolerance_set_by": SCP_2008,
            "owner": PROBATION,
            "knots": ((11, 9.9), (6, 9.3), (2, 8.9), (1, 8.7), (0, 8.5)),
            "wobble": 0.2,
            "places": 1,
            "targets": (9.5, 9.2, 9.0, 8.8),
        },
        {
            "theme": "Acquisitive crime, reoffending and drug misuse",
            "code": "NI 40",
            "title": "Number of drug users recorded as being in effective treatment",
            "description": "Adults in drug treatment for twelve weeks or more, or who completed treatment, in "
            "the year to the quarter, from the Drug and Alcohol Action Team's treatment returns.",
            "unit": "people in effective treatment",
            "baseline": 1665,
            "tolerance_set_by": SCP_2008,
            "owner": DAAT,
            "public": True,
            "knots": ((11, 1690), (6, 1790), (2, 1860), (1, 1840), (0, 1815)),
            "wobble": 20,
            "places": 0,
            "targets": (1750, 1800, 1850, 1900),
        },
    ),
    OEP: (
        {
            "theme": "Skills and employment",
            "code": "NI 151",
            "title": "Overall employment rate (working-age)",
            "description": "The share of people of working age in employment, over the year to the quarter, from "
            "the Annual Population Survey as the County Council's research team reports it.",
            "unit": "%",
            "baseline": 77.4,
            "amber_tolerance": 0.02,
            "tolerance_set_by": PSB_2008,
            "owner": OCC,
            "public": True,
            "knots": ((11, 77.6), (6, 78.4), (2, 79.3), (1, 79.6), (0, 79.9)),
            "wobble": 0.2,
            "places": 1,
            "targets": (78.0, 78.5, 79.0, 79.5),
        },
        {
            "theme": "Skills and employment",
            "code": "NI 152",
            "title": "Working age people on out of work benefits",
            "description": "The share of the working-age population claiming out-of-work benefits at the end of "
            "the quarter, from the benefit claimant counts as the County Council's research team reports them. "
            "Lower is better.",
            "unit": "%",
            "higher_is_better": False,
            "baseline": 7.4,
            "tolerance_set_by": PSB_2008,
            "owner": OCC,
            "public": True,
            "knots": ((11, 7.3), (6, 7.0), (2, 6.9), (1, 7.0), (0, 7.2)),
            "wobble": 0.1,
            "places": 1,
            "targets": (7.0, 6.8, 6.6, 6.4),
        },
        {
            "theme": "Skills and employment",
            "code": "NI 163",
            "title": "Proportion of population aged 19-64 for males and 19-59 for females qualified to at least "
            "Level 2 or higher",
            "description": "The share of working-age adults qualified to Level 2 (five good GCSEs or equivalent) "
            "or higher, over the year to the quarter, from the Annual Population Survey.",
            "unit": "%",
            "baseline": 74.8,
            "tolerance_set_by": PSB_2008,
            "owner": OCC,
            "knots": ((11, 75.2), (6, 76.5), (2, 77.4), (1, 77.0), (0, 77.1)),
            "places": 1,
            "targets": (76, 77, 78, 79),
        },
        {
            "theme": "Enterprise and business growth",
            "code": "NI 171",
            "title": "New business registration rate",
            "description": "New businesses registered in Oxfordshire in the quarter per 10,000 population aged 16 "
            "and over, as the Chamber of Commerce reports them from company registrations.",
            "unit": "per 10,000 aged 16+ in the quarter",
            "baseline": 13.0,
            "tolerance_set_by": PSB_2008,
            "owner": CHAMBER,
            "knots": ((11, 13.1), (6, 14.2), (2, 15.6), (1, 16.1), (0, 15.9)),
            "wobble": -0.6,
            "places": 1,
            "targets": (14.0, 14.5, 15.0, 15.5),
        },
    ),
    OSCP: (
        {
            "theme": "Active citizens and cohesive communities",
            "code": "NI 6",
            "title": "Participation in regular volunteering",
            "description": "The share of adults who gave unpaid help to a group, club or organisation at least "
            "once a month in the last year, from the partnership's quarterly residents' panel, as Oxfordshire "
            "Community and Voluntary Action reports it.",
            "unit": "%",
            "baseline": 24.9,
            "tolerance_set_by": PSB_2008,
            "owner": OCVA,
            "public": True,
            "knots": ((11, 25.1), (6, 26.4), (2, 27.0), (1, 26.6), (0, 26.2)),
            "wobble": 0.3,
            "places": 1,
            "targets": (26, 27, 28, 29),
        },
        {
            "theme": "Active citizens and cohesive communities",
            "code": "NI 4",
            "title": "Percentage of people who feel they can influence decisions in their locality",
            "description": "The share of residents who agree they can influence decisions affecting their local "
            "area, from the County Council's quarterly residents' panel.",
            "unit": "%",
            "baseline": 27.0,
            "amber_tolerance": 0.10,
            "tolerance_set_by": PSB_2008,
            "owner": OCC,
            "knots": ((11, 27.5), (6, 28.9), (2, 29.8), (1, 30.1), (0, 30.4)),
            "wobble": 0.3,
            "places": 1,
            "targets": (28, 29, 30, 31),
        },
        {
            "theme": "Active citizens and cohesive communities",
            "code": "NI 1",
            "title": "Percentage of people who believe people from different backgrounds get on well together "
            "in their local area",
            "description": "The share of residents who agree that their local area is a place where people from "
            "different backgrounds get on well together, from the County Council's quarterly residents' panel.",
            "unit": "%",
            "baseline": 80.2,
            "tolerance_set_by": PSB_2008,
            "owner": OCC,
            "public": True,
            "knots": ((11, 80.5), (6, 81.9), (2, 82.8), (1, 83.1), (0, 83.4)),
            "wobble": 0.3,
            "places": 1,
            "targets": (80, 81, 82, 82),
        },
        {
            "theme": "A thriving third sector",
            "code": "NI 7",
            "title": "Environment for a thriving third sector",
            "description": "The share of voluntary, community and faith organisations that say local public "
            "bodies' policies and practice help them thrive, from Oxfordshire Community and Voluntary Action's "
            "quarterly members' survey.",
            "unit": "%",
            "baseline": 15.0,
            "amber_tolerance": 0.10,
            "tolerance_set_by": PSB_2008,
            "owner": OCVA,
            "knots": ((11, 15.2), (6, 16.8), (2, 17.9), (1, 18.4), (0, 18.6)),
            "wobble": 0.2,
            "places": 1,
            "targets": (16, 17, 18, 19),
        },
    ),
}

CORRECTIONS: tuple[tuple[str, str, int, float, str], ...] = (
    (
        EWP,
        "NI 192",
        3,
        58.3,
        "Corrected: one district's garden waste tonnage was counted twice in the first return.",
    ),
)

# ---------------------------------------------------------------------------
# Targets and their delivery chains (004 R4). The papers name no delivery chain:
# these are the demo's, tied to its own decisions and actions where the subject is
# the same (the HWBP Board agreed the LAA indicator targets and delivery chains on
# 25 June 2026; the Supporting People Commissioning Body, for which the HWBP is the
# relevant thematic partnership (003 §20), commissions the services NI 141 and NI 142
# measure).
# ---------------------------------------------------------------------------

CHAIN = "The delivery chain is illustrative: 004 R4 asks for one behind each LAA target, and the papers give none."
LAA_TARGETS_2026 = (HWBP_BOARD, "Local Area Agreement: indicator targets for 2026-27")

TARGETS: dict[str, tuple[dict[str, object], ...]] = {
    SPIP: (
        {
            "code": "LAA 2008-11 NI 154",
            "title": "Net additional homes provided",
            "description": f"The homes the Oxfordshire housing strategy plans for, affordable homes among them. {CHAIN}",
            "indicators": ("NI 154", "NI 155"),
        },
        {
            "code": "LAA 2008-11 NI 167",
            "title": "Congestion: average journey time per mile during the morning peak",
            "description": f"Journey times into Oxford and the market towns, and the state of the roads. {CHAIN}",
            "indicators": ("NI 167", "NI 168"),
        },
    ),
    EWP: (
        {
            "code": "LAA 2008-11 NI 192",
            "title": "Household waste reused, recycled and composted",
            "description": f"More household waste recycled and less left over. {CHAIN}",
            "indicators": ("NI 192", "NI 191"),
            "delivery_groups": (WASTE_GROUP,),
        },
        {
            "code": "LAA 2008-11 NI 193",
            "title": "Municipal waste land filled",
            "description": f"Less municipal waste sent to landfill. {CHAIN}",
            "indicators": ("NI 193", "NI 191"),
            "delivery_groups": (WASTE_GROUP,),
        },
        {
            "code": "LAA 2008-11 NI 188",
            "title": "Planning to adapt to climate change",
            "description": f"Every partner assessing its climate risks and acting on them. {CHAIN}",
            "indicators": ("NI 188",),
        },
    ),
    CYPT: (
        {
            "code": "LAA 2008-11 NI 117",
            "title": "16 to 18 year olds who are not in education, employment or training",
            "description": f"Fewer young people not in education, employment or training; fewer children in "
            f"poverty. {CHAIN}",
            "indicators": ("NI 117", "NI 116"),
        },
        {
            "code": "LAA 2008-11 NI 112",
            "title": "Under 18 conception rate",
            "description": f"Fewer teenage conceptions, and healthier children. {CHAIN}",
            "indicators": ("NI 112", "NI 56"),
        },
    ),
    HWBP: (
        {
            "code": "LAA 2008-11 NI 123",
            "title": "Stopping smoking",
            "description": f"More smokers helped to quit by the stop smoking services. {CHAIN}",
            "indicators": ("NI 123",),
            "decisions": (LAA_TARGETS_2026,),
            "actions": (
                (HWBP_BOARD, "Circulate the baseline and trajectory for the smoking quitters indicator (NI 123)"),
            ),
        },
        {
            "code": "LAA 2008-11 NI 39",
            "title": "Alcohol related hospital admissions",
            "description": f"Fewer people admitted to hospital for alcohol related harm; more active adults. {CHAIN}",
            "indicators": ("NI 39", "NI 8"),
            "decisions": (LAA_TARGETS_2026,),
        },
        {
            "code": "LAA 2008-11 NI 141",
            "title": "Vulnerable people achieving and maintaining independent living (Supporting People)",
            "description": "Housing-related support that helps vulnerable people move on to, and keep, "
            "independent lives, commissioned by the Supporting People Commissioning Body under its Annual "
            f"Plan. {CHAIN}",
            "indicators": ("NI 141", "NI 142"),
            "delivery_groups": (SP_COMMISSIONING_BODY,),
            "decisions": (
                LAA_TARGETS_2026,
                (SP_COMMISSIONING_BODY, "Supporting People Annual Plan 2025-26"),
                (SP_COMMISSIONING_BODY, "Supporting People Annual Plan 2026-27"),
            ),
            "actions": (
                (SP_COMMISSIONING_BODY, "Consult district housing teams on the sheltered housing review"),
                (SP_COMMISSIONING_BODY, "Publish the Annual Plan 2026-27"),
            ),
        },
    ),
    SCP: (
        {
            "code": "LAA 2008-11 NI 15",
            "title": "Serious violent crime rate",
            "description": f"Less serious violence and fewer assaults with injury. {CHAIN}",
            "indicators": ("NI 15", "NI 20"),
            "delivery_groups": (VIOLENCE_GROUP,),
        },
        {
            "code": "LAA 2008-11 NI 40",
            "title": "Drug users in effective treatment",
            "description": f"More drug users in effective treatment, less reoffending and acquisitive crime. {CHAIN}",
            "indicators": ("NI 40", "NI 18", "NI 16"),
        },
    ),
    OEP: (
        {
            "code": "LAA 2008-11 NI 152",
            "title": "Working age people on out of work benefits",
            "description": f"Fewer people out of work and claiming benefits; more in work. {CHAIN}",
            "indicators": ("NI 152", "NI 151"),
        },
        {
            "code": "LAA 2008-11 NI 163",
            "title": "Working age population qualified to at least Level 2",
            "description": f"More adults with the qualifications employers ask for. {CHAIN}",
            "indicators": ("NI 163",),
        },
        {
            "code": "LAA 2008-11 NI 171",
            "title": "New business registration rate",
            "description": f"More new businesses started in the county. {CHAIN}",
            "indicators": ("NI 171",),
        },
    ),
    OSCP: (
        {
            "code": "LAA 2008-11 NI 6",
            "title": "Participation in regular volunteering",
            "description": f"More people volunteering regularly, and more who feel they have a say. {CHAIN}",
            "indicators": ("NI 6", "NI 4"),
        },
        {
            "code": "LAA 2008-11 NI 7",
            "title": "Environment for a thriving third sector",
            "description": f"Public bodies whose policies help voluntary and community groups thrive. {CHAIN}",
            "indicators": ("NI 7",),
        },
    ),
}

# ---------------------------------------------------------------------------
# Risk registers (001: Mid Sussex colour-coded its Sustainable Community Strategy by
# risk and named the top three risks of each theme). Scores are likelihood x impact;
# in every theme the third risk scores above the fourth, so the top three stand out.
# A review whose next review date has passed shows the register is overdue.
# ---------------------------------------------------------------------------

RiskReviewRow = tuple[int, int, int, int, str]
RiskRow = tuple[str, str, str, str, str, tuple[RiskReviewRow, ...]]

RISKS: dict[str, dict[str, tuple[RiskRow, ...]]] = {
    SPIP: {
        "Housing growth": (
            (
                "Housing completions fall short as the market slows",
                "Head of Strategic Housing",
                CDC,
                "Higher build costs and mortgage rates slow completions on the large strategic sites.",
                "Site-by-site monitoring with developers each quarter; the partnership presses for the "
                "infrastructure funding that unlocks stalled sites.",
                (
                    (420, 3, 4, 91, ""),
                    (330, 4, 4, 91, "Two strategic sites paused building."),
                    (240, 4, 4, 91, ""),
                    (150, 4, 5, 91, "A third developer has slowed its build-out rate."),
                ),
            ),
            (
                "Affordable homes lost through viability challenges",
                "Affordable Housing Manager",
                CITY,
                "Developers argue that schemes cannot afford the affordable housing the local plans require.",
                "Independent review of every viability assessment; grant sought for schemes at risk.",
                (
                    (400, 3, 4, 182, ""),
                    (210, 4, 4, 182, "Two appeals allowed on viability grounds."),
                    (30, 4, 4, 91, ""),
                ),
            ),
            (
                "Funding gap for the infrastructure new communities need",
                "Infrastructure Funding Manager",
                OCC,
                "Schools, roads and health centres for the new communities cost more than developer contributions "
                "and grants cover.",
                "An infrastructure funding strategy agreed by all partners; bids to national programmes.",
                (
                    (380, 3, 5, 182, ""),
                    (200, 3, 5, 182, ""),
                    (20, 3, 4, 182, "Growth funding confirmed for two junction schemes."),
                ),
            ),
            (
                "Local plans not adopted on time",
                "Planning Policy Manager",
                SODC,
                "Delays at examination leave districts without an up-to-date plan and open to speculative "
                "applications.",
                "A shared timetable for plan reviews; evidence commissioned jointly.",
                (
                    (360, 3, 3, 182, ""),
                    (180, 2, 3, 182, "Examination hearings concluded."),
                    (60, 2, 3, 182, ""),
                ),
            ),
        ),
        "Transport and infrastructure": (
            (
                "Road maintenance backlog grows faster than funding",
                "Highways Asset Manager",
                OCC,
                "Wet winters damage the principal roads faster than the maintenance programme can repair them.",
                "Repairs prioritised by the condition survey; capital bids for resurfacing.",
                (
                    (400, 3, 4, 91, ""),
                    (290, 4, 4, 91, ""),
                    (100, 4, 4, 91, "Winter damage added to the backlog."),
                    (10, 5, 4, 91, "The capital settlement is lower than planned."),
                ),
            ),
            (
                "Rail and bus capacity does not keep pace with growth",
                "Public Transport Manager",
                OCC,
                "Peak services into Oxford are full, and new communities are not yet served.",
                "Developer funding for new bus routes; the case for rail improvements made with the operators.",
                (
                    (390, 3, 3, 182, ""),
                    (60, 3, 4, 91, "An operator has withdrawn two rural routes."),
                ),
            ),
            (
                "Water and power capacity constrains development",
                "Area Manager, West Thames",
                EA,
                "Sewage treatment and grid connections may not be ready for the homes planned.",
                "Utilities brought into the infrastructure plan; phasing conditions on planning permissions.",
                (
                    (350, 2, 4, 182, ""),
                    (170, 3, 4, 91, "The water company says a treatment works upgrade will be late."),
                ),
            ),
            (
                "Congestion on the ring road grows with new development",
                "Head of Transport Planning",
                OCC,
                "Traffic from new development adds to morning peak journey times.",
                "Bus priority measures and park and ride; travel plans for new development.",
                (
                    (410, 4, 3, 91, ""),
                    (300, 4, 3, 91, ""),
                    (120, 3, 3, 91, "Bus priority measures opened on two corridors."),
                ),
            ),
        ),
    },
    EWP: {
        "Waste reduction and recycling": (
            (
                "Changes to national waste policy disrupt collection contracts",
                "Head of Waste Management",
                OCC,
                "New national rules on what must be collected change the services the districts' contracts "
                "provide, and their costs.",
                "A joint response to the consultations; contract variations costed in advance.",
                (
                    (380, 3, 4, 91, ""),
                    (200, 4, 4, 91, ""),
                    (110, 4, 5, 91, "Government guidance changes the collection timetable."),
                ),
            ),
            (
                "Recycling rates plateau as the easy gains are used up",
                "Waste Strategy Manager",
                OCC,
                "The recycling rate has risen for years; the next gains need residents to change habits.",
                "Food waste campaigns; recycling at flats and houses in multiple occupation.",
                (
                    (420, 3, 3, 91, ""),
                    (300, 3, 4, 91, ""),
                    (180, 4, 4, 91, "Recycling fell in the latest quarter."),
                    (45, 4, 4, 91, ""),
                ),
            ),
            (
                "Contaminated dry recycling leads to rejected loads",
                "Waste Services Manager",
                VALE,
                "Loads with too much of the wrong material are rejected and sent for disposal.",
                "Bin tagging and feedback to residents; crews check bins before emptying them.",
                (
                    (410, 3, 3, 91, ""),
                    (230, 4, 3, 91, ""),
                    (50, 3, 3, 91, "Bin tagging has cut the number of rejected loads."),
                ),
            ),
            (
                "Garden waste charging reduces composting",
                "Waste Services Manager",
                WODC,
                "Households that stop paying for garden waste collection may put it in the residual bin.",
                "Home composting offers; residual bin checks in the spring.",
                (
                    (360, 2, 3, 182, ""),
                    (90, 2, 3, 182, ""),
                ),
            ),
        ),
        "Climate change and the local environment": (
            (
                "Extreme weather disrupts services",
                "Head of Emergency Planning",
                FIRE,
                "Flooding and heatwaves close roads and buildings and put vulnerable people at risk.",
                "Partners' business continuity plans tested each year; flood plans for the areas at risk.",
                (
                    (400, 4, 4, 91, ""),
                    (280, 4, 5, 91, "Winter flooding closed two main roads for a week."),
                    (160, 4, 5, 91, ""),
                ),
            ),
            (
                "Litter and fly-tipping rise as street cleansing budgets fall",
                "Environmental Services Manager",
                SODC,
                "Less frequent cleansing leaves more land below the acceptable standard.",
                "Cleansing focused on the worst areas; enforcement against fly-tipping.",
                (
                    (390, 3, 3, 91, ""),
                    (200, 4, 3, 91, ""),
                    (40, 4, 4, 91, "Cleanliness surveys show more land below standard."),
                ),
            ),
            (
                "Partners' carbon reduction plans are not funded",
                "Climate Action Lead",
                OCC,
                "The actions in partners' climate plans have no budget beyond this year.",
                "A joint bid for retrofit funding; the climate actions built into partners' budgets.",
                (
                    (370, 3, 3, 182, ""),
                    (190, 3, 3, 182, ""),
                    (70, 3, 4, 182, "Retrofit grant bid unsuccessful."),
                ),
            ),
        ),
    },
    CYPT: {
        "Healthy lives": (
            (
                "Childhood obesity keeps rising",
                "Consultant in Public Health",
                PCT,
                "More Year 6 children are measured as obese each year.",
                "Healthy schools programme; weight management services for families.",
                (
                    (410, 4, 3, 91, ""),
                    (230, 4, 4, 91, ""),
                    (60, 5, 4, 91, "The child measurement figures are worse again."),
                ),
            ),
            (
                "Sexual health services for young people reduced",
                "Director of Children's Health Commissioning",
                PCT,
                "Clinic hours for young people are cut when contracts are renewed.",
                "Outreach clinics in schools and colleges kept in the new contract.",
                (
                    (390, 2, 4, 91, ""),
                    (200, 3, 4, 91, ""),
                    (100, 3, 4, 91, ""),
                ),
            ),
            (
                "School nursing vacancies limit health checks",
                "Head of Children's Community Health",
                PCT,
                "Vacant school nurse posts leave some schools without regular health checks.",
                "Recruitment campaign; checks prioritised for the schools most in need.",
                (
                    (380, 3, 3, 91, ""),
                    (180, 3, 3, 91, ""),
                ),
            ),
        ),
        "Staying safe": (
            (
                "Too few local foster carers, so more placement moves",
                "Head of Corporate Parenting",
                OCC,
                "Without enough local carers children are placed further away and moved more often.",
                "Foster carer recruitment campaign; support for carers to prevent placements breaking down.",
                (
                    (420, 4, 4, 91, ""),
                    (300, 4, 4, 91, ""),
                    (170, 4, 4, 91, ""),
                    (50, 4, 5, 91, "Two fostering households left the service."),
                ),
            ),
            (
                "Child protection demand outstrips social work capacity",
                "Deputy Director, Children's Social Care",
                OCC,
                "More referrals than the teams can assess in time.",
                "Recruitment and retention package; a front door shared with the police and health.",
                (
                    (400, 4, 4, 91, ""),
                    (210, 4, 4, 91, ""),
                    (90, 3, 4, 91, "Eight social workers recruited."),
                ),
            ),
            (
                "Exploitation of children through county lines drug dealing",
                "Child Exploitation Lead",
                POLICE,
                "Children are drawn into carrying drugs between towns.",
                "A joint exploitation team; training for schools and taxi drivers.",
                (
                    (360, 3, 4, 91, ""),
                    (120, 3, 4, 91, ""),
                ),
            ),
            (
                "Information not shared between agencies in time",
                "Superintendent, Public Protection",
                POLICE,
                "A concern known to one agency does not reach the others before harm is done.",
                "Information sharing agreement; a multi-agency safeguarding hub.",
                (
                    (380, 2, 5, 91, ""),
                    (150, 2, 5, 91, ""),
                ),
            ),
        ),
        "Achievement and economic well-being": (
            (
                "The cost of living pushes more families into poverty",
                "Head of Early Help",
                OCC,
                "Rising prices and rents push families on low incomes below the poverty line.",
                "Benefit take-up campaigns; holiday activities and food programme.",
                (
                    (410, 4, 4, 91, ""),
                    (230, 5, 4, 91, ""),
                    (110, 5, 4, 91, ""),
                ),
            ),
            (
                "The attainment gap for disadvantaged pupils widens",
                "Head of School Improvement",
                OCC,
                "Disadvantaged pupils fall further behind their peers at each key stage.",
                "Targeted support for schools with the widest gaps; tutoring programme.",
                (
                    (390, 3, 4, 182, ""),
                    (200, 4, 4, 182, ""),
                    (20, 4, 4, 91, ""),
                ),
            ),
            (
                "More young people not in education, employment or training as apprenticeships fall",
                "Head of Participation and Skills",
                OCC,
                "Fewer apprenticeship places leave school leavers without a route into work.",
                "Employers recruited to the apprenticeship pledge; tracking of every 16 to 18 year old.",
                (
                    (400, 3, 4, 91, ""),
                    (220, 3, 4, 91, ""),
                    (40, 2, 4, 91, "The NEET figures have improved."),
                ),
            ),
            (
                "Young people's records lost when providers change systems",
                "Participation Data Manager",
                OCC,
                "Young people drop out of the tracking when colleges change their records systems.",
                "Data sharing checks at the start of each term.",
                (
                    (300, 3, 2, 91, ""),
                    (140, 2, 2, 91, ""),
                ),
            ),
        ),
    },
    HWBP: {
        "Healthy lifestyles": (
            (
                "Alcohol related hospital admissions keep rising",
                "Deputy Director of Public Health",
                PCT,
                "Admissions for alcohol related harm have risen for several quarters.",
                "Alcohol liaison nurses in the emergency departments; brief advice in primary care.",
                (
                    (420, 3, 4, 91, ""),
                    (320, 4, 4, 91, ""),
                    (210, 4, 4, 91, ""),
                    (100, 5, 4, 91, "Admissions rose for a fourth quarter."),
                ),
            ),
            (
                "Stop smoking services lose GP and pharmacy providers",
                "Joint Commissioning Manager",
                PCT,
                "Practices and pharmacies give up the stop smoking service when its fees fall behind their costs.",
                "Fees reviewed; a specialist service for the areas without a provider.",
                (
                    (400, 3, 3, 91, ""),
                    (250, 3, 4, 91, ""),
                    (70, 4, 4, 91, "Three pharmacies gave notice."),
                ),
            ),
            (
                "Public health grant reduced in year",
                "Director of Public Health",
                PCT,
                "An in-year cut to the grant would stop prevention services part-way through their contracts.",
                "Contracts with break clauses; a reserve held against an in-year cut.",
                (
                    (380, 3, 4, 182, ""),
                    (180, 3, 4, 91, ""),
                ),
            ),
            (
                "Leisure centre closures reduce access to sport",
                "Health Development Manager",
                CITY,
                "Ageing leisure centres close for repairs or for good.",
                "A joint leisure facilities strategy; community sport in schools out of hours.",
                (
                    (390, 2, 3, 182, ""),
                    (200, 3, 3, 182, ""),
                    (30, 2, 3, 182, "The refurbished pool has reopened."),
                ),
            ),
        ),
        "Independent living": (
            (
                "Supported housing providers withdraw as contract values fall",
                "Supporting People Programme Manager",
                OCC,
                "Providers hand back schemes they cannot run for the price the programme can pay.",
                "Early talks with providers before each re-tender; the Annual Plan protects the schemes most in need.",
                (
                    (410, 3, 4, 91, ""),
                    (300, 4, 4, 91, ""),
                    (180, 4, 5, 91, "A provider handed back two schemes."),
                    (60, 4, 5, 91, ""),
                ),
            ),
            (
                "Hospital discharge delayed because home care is not available",
                "Deputy Director, Adult Social Care",
                OCC,
                "People ready to leave hospital wait for a home care package.",
                "Reablement capacity increased; a joint discharge team with the hospitals.",
                (
                    (390, 4, 3, 91, ""),
                    (210, 4, 4, 91, ""),
                    (120, 4, 4, 91, ""),
                ),
            ),
            (
                "Fewer people kept independent after the floating support re-tender",
                "Supporting People Programme Manager",
                OCC,
                "The change of provider interrupts support for people in their own homes.",
                "Transfer plan for every service user; monthly monitoring of the new contract.",
                (
                    (400, 2, 4, 91, ""),
                    (260, 3, 4, 91, ""),
                    (90, 4, 4, 91, "The quarterly figures for NI 142 fell below target."),
                ),
            ),
            (
                "Service users' voices not heard in commissioning",
                "Health & Well-Being Partnership Officer",
                OCC,
                "Decisions about services are taken without hearing from the people who use them.",
                "User representatives on the Board; the service user involvement framework.",
                (
                    (370, 3, 3, 182, ""),
                    (200, 2, 3, 182, "The service user involvement framework is drafted."),
                    (50, 2, 2, 182, "The Board agreed the framework."),
                ),
            ),
        ),
    },
    SCP: {
        "Reducing violent crime": (
            (
                "Knife crime among young people increases",
                "Superintendent, Public Protection",
                POLICE,
                "More young people carry knives, and more are hurt.",
                "Knife arches and weapon sweeps; education in schools; youth workers in the hospital.",
                (
                    (390, 3, 5, 91, ""),
                    (180, 3, 5, 91, ""),
                    (20, 4, 5, 30, "Two serious incidents in the quarter."),
                ),
            ),
            (
                "Violence in the night-time economy rises in Oxford and Banbury",
                "Area Commander, Oxfordshire",
                POLICE,
                "Late-night assaults rise with longer opening hours.",
                "Street marshals and taxi marshals; licensing reviews of problem premises.",
                (
                    (420, 3, 4, 91, ""),
                    (300, 4, 4, 91, ""),
                    (140, 4, 4, 91, "Assaults with injury are up on last year."),
                ),
            ),
            (
                "Domestic abuse goes unreported",
                "Domestic Abuse Coordinator",
                OCC,
                "Victims do not come forward, so abuse continues and escalates.",
                "Independent advisers in the hospitals; awareness campaigns with employers.",
                (
                    (400, 4, 3, 91, ""),
                    (220, 4, 3, 91, ""),
                    (60, 4, 3, 91, ""),
                ),
            ),
            (
                "Funding for the violence reduction programme ends",
                "Community Safety Manager",
                CITY,
                "The short-term grant behind the programme ends next year.",
                "Exit strategy agreed by partners; the most effective work mainstreamed.",
                (
                    (380, 2, 3, 91, ""),
                    (100, 3, 3, 91, ""),
                ),
            ),
        ),
        "Acquisitive crime, reoffending and drug misuse": (
            (
                "Fewer drug treatment places as the treatment budget tightens",
                "DAAT Manager",
                DAAT,
                "Treatment providers reduce places when the budget does not keep up with demand.",
                "Treatment places protected in the new contracts; recovery support from peers.",
                (
                    (410, 3, 4, 91, ""),
                    (260, 3, 4, 91, ""),
                    (80, 4, 4, 91, "The number in effective treatment fell."),
                ),
            ),
            (
                "Prolific offenders leave prison without accommodation",
                "Senior Probation Officer",
                PROBATION,
                "Offenders released homeless are more likely to reoffend.",
                "Accommodation planned before release with the district housing teams.",
                (
                    (400, 4, 4, 91, ""),
                    (230, 4, 4, 91, ""),
                    (110, 4, 4, 91, ""),
                ),
            ),
            (
                "Probation caseloads too high for effective supervision",
                "Assistant Chief Officer",
                PROBATION,
                "Officers with too many cases see each offender less often.",
                "Caseloads balanced across the county; trainee officers recruited.",
                (
                    (380, 3, 4, 182, ""),
                    (190, 3, 4, 91, ""),
                ),
            ),
            (
                "Burglary rises over the winter months",
                "Area Commander, Oxfordshire",
                POLICE,
                "Dark evenings bring a seasonal rise in burglary.",
                "Winter crime prevention campaign; patrols in the areas most at risk.",
                (
                    (390, 3, 3, 182, ""),
                    (200, 3, 3, 182, ""),
                    (15, 2, 3, 182, ""),
                ),
            ),
        ),
    },
    OEP: {
        "Skills and employment": (
            (
                "More out-of-work benefit claims as employers cut jobs",
                "Head of Economic Development",
                OCC,
                "Job losses in retail and manufacturing push up the claimant count.",
                "Rapid response to redundancies with Jobcentre Plus; retraining for those affected.",
                (
                    (400, 3, 4, 91, ""),
                    (240, 4, 4, 91, ""),
                    (50, 4, 4, 91, "The claimant count is up for a third quarter."),
                ),
            ),
            (
                "Skills provision does not match employers' needs",
                "Skills Policy Manager",
                CHAMBER,
                "Courses on offer do not lead to the jobs employers cannot fill.",
                "An employer skills survey each year; courses planned with the colleges and Oxford Brookes.",
                (
                    (390, 3, 3, 91, ""),
                    (200, 3, 4, 91, ""),
                    (100, 3, 4, 91, ""),
                ),
            ),
            (
                "Labour shortages in care, construction and hospitality",
                "Head of Business Engagement",
                CHAMBER,
                "Employers cannot recruit, and services and building slow down.",
                "Recruitment campaigns with the sectors; routes into work for people on benefits.",
                (
                    (380, 4, 3, 91, ""),
                    (150, 4, 3, 91, ""),
                ),
            ),
            (
                "Adult learning budgets cut",
                "Adult Learning Manager",
                OCC,
                "Fewer adult courses for people with few qualifications.",
                "Courses focused on English, maths and digital skills.",
                (
                    (360, 2, 3, 182, ""),
                    (60, 2, 3, 182, ""),
                ),
            ),
        ),
        "Enterprise and business growth": (
            (
                "High-tech firms relocate for lack of laboratory and office space",
                "Head of Economic Development",
                OCC,
                "Growing science and technology firms leave the county when they cannot find space.",
                "Employment land protected in local plans; a register of space shared with agents.",
                (
                    (410, 3, 4, 91, ""),
                    (210, 4, 4, 91, ""),
                    (120, 4, 4, 91, ""),
                ),
            ),
            (
                "University spin-out companies leave the county",
                "Pro Vice-Chancellor",
                BROOKES,
                "Spin-out companies move nearer to investors once they grow.",
                "Incubator space and investor networks in the county.",
                (
                    (350, 2, 4, 182, ""),
                    (160, 3, 4, 91, ""),
                ),
            ),
            (
                "Poor digital connectivity in rural areas",
                "Digital Infrastructure Manager",
                OCC,
                "Rural businesses without fast broadband cannot compete.",
                "The rural broadband contract; vouchers for the hardest to reach premises.",
                (
                    (390, 3, 3, 182, ""),
                    (180, 3, 3, 182, ""),
                    (45, 3, 3, 182, "The rural broadband contract is extended."),
                ),
            ),
            (
                "Business start-ups fall as finance becomes harder to get",
                "Head of Business Engagement",
                CHAMBER,
                "Fewer people start a business when loans are dear.",
                "Start-up advice and a small loans fund with the banks.",
                (
                    (400, 2, 3, 182, ""),
                    (220, 3, 3, 182, ""),
                    (30, 2, 3, 182, "Registrations are above target."),
                ),
            ),
        ),
    },
    OSCP: {
        "Active citizens and cohesive communities": (
            (
                "Volunteer numbers fall as people have less time",
                "Chief Executive",
                OCVA,
                "Rising costs and longer working hours leave people less time to volunteer.",
                "Short, flexible volunteering roles; employer-supported volunteering.",
                (
                    (420, 3, 3, 91, ""),
                    (300, 4, 3, 91, ""),
                    (150, 4, 4, 91, "Volunteering fell for a second quarter."),
                ),
            ),
            (
                "Residents disengage from local decision-making",
                "Assistant Chief Executive",
                OCC,
                "Fewer residents take part in consultations and local meetings.",
                "Locality meetings and online consultation; feedback on what changed.",
                (
                    (390, 3, 3, 182, ""),
                    (200, 3, 3, 182, ""),
                    (70, 3, 3, 182, ""),
                ),
            ),
            (
                "Community tensions after national events",
                "Community Cohesion Manager",
                CITY,
                "National events spill over into local tensions between communities.",
                "A tension monitoring group with the police and faith leaders.",
                (
                    (400, 2, 4, 91, ""),
                    (210, 2, 4, 91, ""),
                    (30, 2, 4, 91, ""),
                ),
            ),
            (
                "Village halls and community buildings close",
                "Communities Manager",
                WODC,
                "Rising running costs close the buildings that community groups meet in.",
                "Energy efficiency grants; help to transfer buildings to community ownership.",
                (
                    (370, 2, 3, 91, ""),
                    (180, 2, 3, 91, ""),
                ),
            ),
        ),
        "A thriving third sector": (
            (
                "Grant funding for small charities ends",
                "Chief Executive",
                OCVA,
                "Small charities lose the grants that pay their core costs.",
                "Funding advice and a funders' forum; three-year grants sought from the partners.",
                (
                    (410, 4, 4, 91, ""),
                    (260, 4, 4, 91, ""),
                    (80, 4, 5, 91, "Two national funders closed their programmes."),
                ),
            ),
            (
                "Commissioning favours large providers over local groups",
                "Head of Procurement",
                OCC,
                "Large contracts shut out the local groups that know their communities.",
                "Contracts split into lots; a social value weighting in tenders.",
                (
                    (400, 3, 3, 91, ""),
                    (190, 3, 3, 91, ""),
                    (100, 3, 3, 91, ""),
                ),
            ),
            (
                "Trustee vacancies leave charities poorly governed",
                "Chair",
                OCVA,
                "Charities cannot find trustees with the skills they need.",
                "A trustee recruitment service and training for new trustees.",
                (
                    (380, 3, 2, 182, ""),
                    (40, 3, 2, 182, ""),
                ),
            ),
        ),
    },
}
