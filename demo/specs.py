"""The shapes of the demo data (SPEC §10): frozen dataclasses the literals in
``demo/data/`` are built from, and the small constructors that keep those literals short.

Pure: no Django and no database. Choices are spelt as their stored string values; the
``...Choice`` literal types below list them, so mypy catches a misspelt value in the
data, and tests/demo/test_data.py checks that each list matches its ``TextChoices``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

# ---------------------------------------------------------------------------
# Choice values, as the models store them
# ---------------------------------------------------------------------------

OrganisationKindChoice = Literal[  # partnerships.models.OrganisationKind
    "county_council",
    "district_council",
    "city_council",
    "nhs",
    "police",
    "fire_rescue",
    "probation",
    "voluntary",
    "business",
    "education",
    "other",
]
PartnershipStatusChoice = Literal["active", "ended"]  # partnerships.models.PartnershipStatus
LayerChoice = Literal[  # partnerships.models.Layer
    "conference", "board", "executive", "thematic_group", "delivery_group", "task_and_finish"
]
MembershipRoleChoice = Literal[  # partnerships.models.MembershipRole
    "chair", "co_chair", "member", "user_representative", "provider_representative", "officer", "observer"
]
SeniorityChoice = Literal[  # partnerships.models.Seniority
    "cabinet_member", "chief_executive", "director", "senior_manager", "officer", "service_user", "other"
]
UserRoleChoice = Literal["officer", "member", "scrutiny", "administrator"]  # accounts.models.Role
PurposeChoice = Literal["decision", "discussion", "information"]  # meetings.models.Purpose
AttendanceChoice = Literal["present", "apologies", "deputy", "absent"]  # meetings.models.AttendanceStatus
ActionStatusChoice = Literal["open", "done", "dropped"]  # meetings.models.ActionStatus
PositionChoice = Literal["consent", "object", "abstain"]  # decisions.models.PositionValue

# ---------------------------------------------------------------------------
# Partnerships (SPEC §3)
# ---------------------------------------------------------------------------

# slug, name, kind, executive body, email domain
OrganisationRow = tuple[str, str, OrganisationKindChoice, str, str]

# organisation, person, board key, valid from, valid to, evidence, scope
DelegationRow = tuple[str, str, str, dt.date, dt.date | None, str, str]


@dataclass(frozen=True)
class PartnershipRow:
    slug: str
    name: str
    parent: str | None
    purpose: str
    contact: tuple[str, str, str]  # name, email, phone
    lead: str | None = "oxfordshire-county-council"
    statutory: bool = False
    in_lsp: bool = True
    status: PartnershipStatusChoice = "active"
    end_date: dt.date | None = None


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
    layer: LayerChoice
    terms_of_reference: str = NO_EXECUTIVE_POWERS
    expected_meetings_per_year: int | None = None
    optimum_size: tuple[int, int] | None = None
    is_council_committee: bool = False

    @property
    def key(self) -> str:
        """How the rest of the demo names the board: 'partnership-slug/board-slug'."""
        return f"{self.partnership}/{self.slug}"


# A later designated deputy of a seat: (person, from). The deputy before ends the day
# before; the seat's own ``deputy`` is its first, from the seat's start (001 principle 5).
DeputyChange = tuple[str, dt.date]


@dataclass(frozen=True)
class Seat:
    person: str
    role: MembershipRoleChoice = "member"
    seniority: SeniorityChoice = "other"
    deputy: str | None = None  # the first designated deputy, from the seat's start
    voting: bool = True
    start: dt.date | None = None  # None: the board's usual start date
    end: dt.date | None = None
    organisation: str | None = None  # None: the person's own organisation
    # Where the vote is by organisation and it holds several seats (HWBP: PCT 5, County 4),
    # the lead seat records its position (SPEC §9).
    lead: bool = False
    later_deputies: tuple[DeputyChange, ...] = ()


@dataclass(frozen=True)
class MouRow:
    version: int
    title: str
    text: str
    effective_from: dt.date | None
    signatures: dict[str, tuple[str, dt.date]] = field(default_factory=dict)  # organisation -> (signed by, on)
    rules: dict[str, object] = field(default_factory=dict)  # decision-rule fields of the version (SPEC §5)
    added_on: dt.date | None = None  # when the officer added the version; None: REGISTER_RECORDED_ON


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: UserRoleChoice
    first_name: str
    last_name: str
    can: str  # what the login shows off, for the printed table
    person: str | None = None  # the Person whose login this is
    services: tuple[str, ...] = ()  # partnerships the officer services
    admin: bool = False


# ---------------------------------------------------------------------------
# Meetings (SPEC §4)
# ---------------------------------------------------------------------------

COUNTY_HALL = "County Hall, New Road, Oxford OX1 1ND"
ONLINE = "Online (Microsoft Teams)"

# How far a meeting's life has gone by the demo's "today".
MeetingState = Literal["held", "agenda_published", "scheduled"]
HELD: MeetingState = "held"
AGENDA_PUBLISHED: MeetingState = "agenda_published"
SCHEDULED: MeetingState = "scheduled"


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
    status: ActionStatusChoice = "open"


@dataclass(frozen=True)
class ItemSpec:
    title: str
    purpose: PurposeChoice
    lead: str
    papers: tuple[PaperSpec, ...] = ()
    minute: str = ""  # blank: the usual wording for the purpose
    exempt: bool = False
    declarations: tuple[DeclarationSpec, ...] = ()
    actions: tuple[ActionSpec, ...] = ()


@dataclass(frozen=True)
class MeetingSpec:
    day: dt.date
    items: tuple[ItemSpec, ...]
    time: dt.time = dt.time(10)
    venue: str = COUNTY_HALL
    state: MeetingState = HELD
    attendance: dict[str, AttendanceChoice] = field(default_factory=dict)  # person -> status, overriding chance
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


def paper(
    title: str,
    pages: int = 2,
    *,
    author: str = "",
    docx: bool = False,
    late: str = "",
    publish: bool = True,
    members_early: bool = False,
    supplement: str = "",
) -> PaperSpec:
    """A paper of ``pages`` pages (one to five), a PDF unless ``docx``."""
    return PaperSpec(title, pages, author, docx, late, publish, members_early, supplement)


def _item(
    purpose: PurposeChoice,
    title: str,
    lead: str,
    papers: tuple[PaperSpec, ...],
    minute: str,
    exempt: bool,
    declarations: tuple[DeclarationSpec, ...],
    actions: tuple[ActionSpec, ...],
) -> ItemSpec:
    return ItemSpec(title, purpose, lead, papers, minute, exempt, declarations, actions)


def decision(
    title: str,
    lead: str,
    *papers: PaperSpec,
    minute: str = "",
    exempt: bool = False,
    declarations: tuple[DeclarationSpec, ...] = (),
    actions: tuple[ActionSpec, ...] = (),
) -> ItemSpec:
    """An item for decision, led by ``lead``, with its papers."""
    return _item("decision", title, lead, papers, minute, exempt, declarations, actions)


def discussion(
    title: str,
    lead: str,
    *papers: PaperSpec,
    minute: str = "",
    exempt: bool = False,
    declarations: tuple[DeclarationSpec, ...] = (),
    actions: tuple[ActionSpec, ...] = (),
) -> ItemSpec:
    """An item for discussion, led by ``lead``, with its papers."""
    return _item("discussion", title, lead, papers, minute, exempt, declarations, actions)


def information(
    title: str,
    lead: str,
    *papers: PaperSpec,
    minute: str = "",
    exempt: bool = False,
    declarations: tuple[DeclarationSpec, ...] = (),
    actions: tuple[ActionSpec, ...] = (),
) -> ItemSpec:
    """An item for information, led by ``lead``, with its papers."""
    return _item("information", title, lead, papers, minute, exempt, declarations, actions)


def done(description: str, owner: str, due: dt.date) -> ActionSpec:
    """An action arising that was done by its due date."""
    return ActionSpec(description, owner, due, "done")


@dataclass(frozen=True)
class Theme:
    """What a paper on one theme of the source papers says."""

    summary: str
    issues: str
    appendix: tuple[str, ...]


# The previous council term: seats of 2021-25 let the meetings of 2024-25 record who
# attended then (SPEC §3: history is kept).
TERM_START = dt.date(2021, 5, 24)
TERM_END = dt.date(2025, 5, 18)


@dataclass(frozen=True)
class EarlierSeat:
    board: str
    person: str
    start: dt.date = TERM_START
    end: dt.date = TERM_END
    role: MembershipRoleChoice = "member"
    seniority: SeniorityChoice = "chief_executive"
    deputy: str | None = None


# ---------------------------------------------------------------------------
# Decisions (SPEC §5)
# ---------------------------------------------------------------------------

# The Commissioning Body of the 2004 Memorandum: its members sat from when the
# Memorandum took effect until the district elections of May 2011.
HISTORIC_FROM = dt.date(2004, 4, 1)
HISTORIC_TO = dt.date(2011, 5, 16)


@dataclass(frozen=True)
class HistoricSeat:
    person: str
    job_title: str
    organisation: str
    end: dt.date = HISTORIC_TO
    role: MembershipRoleChoice = "member"
    seniority: SeniorityChoice = "cabinet_member"
    deputy: str | None = None  # the first designated deputy, from HISTORIC_FROM
    later_deputies: tuple[DeputyChange, ...] = ()
    voting: bool = True
    start: dt.date = HISTORIC_FROM


@dataclass(frozen=True)
class Stand:
    """One partner's position in a round (SPEC §5)."""

    value: PositionChoice
    comment: str = ""


# The steps after a round. ``on`` is the step's date (None: the usual interval after the
# round closed, see demo/replay/decisions.py); ``illustrative``: the papers give no date
# for it, and the page says so (demo/content.py ``illustrative_date``).


@dataclass(frozen=True)
class Defer:
    reason: str
    on: dt.date | None = None
    illustrative: bool = False


@dataclass(frozen=True)
class Escalate:
    note: str = ""
    on: dt.date | None = None
    illustrative: bool = False


@dataclass(frozen=True)
class EscalationResult:
    result: str
    on: dt.date | None = None  # when the escalation body answered
    illustrative: bool = False


@dataclass(frozen=True)
class Refer:
    note: str
    on: dt.date | None = None
    illustrative: bool = False


@dataclass(frozen=True)
class Determine:
    text: str
    on: dt.date
    agreed: bool = True
    illustrative: bool = False


@dataclass(frozen=True)
class Ratify:
    organisation: str
    on: dt.date
    reference: str


# What happens to a proposal after a round closes, in order.
Step = Defer | Escalate | EscalationResult | Refer | Determine | Ratify


@dataclass(frozen=True)
class RoundSpec:
    day: dt.date  # the meeting
    item: str  # the agenda item the round is taken at
    stands: dict[str, Stand] = field(default_factory=dict)  # organisation slug -> position; others: `others`
    others: PositionChoice | None = "consent"  # None: no position yet (an open round)
    # Views of seats without a vote, shown and never counted (003 §22): person -> view.
    advisory: dict[str, Stand] = field(default_factory=dict)
    text: str = ""  # an amended proposal; blank: as before
    close: bool = True
    then: tuple[Step, ...] = ()


@dataclass(frozen=True)
class ProposalSpec:
    board: str
    title: str
    text: str
    proposer: str
    rounds: tuple[RoundSpec, ...]
    big_ticket: bool = False
    # The papers date only the meetings: each round is put on its meeting's day, an hour
    # before it starts, rather than with the agenda (so no date on the page is invented).
    put_at_the_meeting: bool = False
