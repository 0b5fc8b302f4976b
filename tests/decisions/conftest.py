"""The Supporting People Commissioning Body (003): eight commissioning partners, one
voting member each, and a memorandum whose rules each test chooses."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from accounts.models import Role, User
from meetings.models import AgendaItem, Meeting, MeetingStatus, Purpose
from partnerships.models import (
    Board,
    Deputyship,
    Layer,
    Membership,
    MembershipRole,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    OrganisationKind,
    Partnership,
    Person,
)

PARTNERS = [
    ("Oxfordshire County Council", OrganisationKind.COUNTY_COUNCIL),
    ("Oxford City Council", OrganisationKind.CITY_COUNCIL),
    ("Cherwell District Council", OrganisationKind.DISTRICT_COUNCIL),
    ("South Oxfordshire District Council", OrganisationKind.DISTRICT_COUNCIL),
    ("Vale of White Horse District Council", OrganisationKind.DISTRICT_COUNCIL),
    ("West Oxfordshire District Council", OrganisationKind.DISTRICT_COUNCIL),
    ("Oxfordshire Primary Care Trust", OrganisationKind.NHS),
    ("Thames Valley Probation", OrganisationKind.PROBATION),
]


@dataclass
class CommissioningBody:
    board: Board
    organisations: dict[str, Organisation]
    memberships: dict[str, Membership]
    users: dict[str, User]
    deputies: dict[str, User]
    officer: User
    mou: MemorandumOfUnderstanding
    meetings: list[Meeting]
    item: AgendaItem
    service_user: Membership
    service_user_login: User

    def seat(self, short: str) -> Membership:
        return next(m for name, m in self.memberships.items() if short in name)

    def user(self, short: str) -> User:
        return next(u for name, u in self.users.items() if short in name)


def _user(username: str, role: str = Role.MEMBER) -> User:
    return User.objects.create_user(username=username, password="x", role=role, email=f"{username}@example.org")


@pytest.fixture
def body(db) -> CommissioningBody:
    county = None
    organisations = {}
    for name, kind in PARTNERS:
        organisations[name] = Organisation.objects.create(
            name=name, slug=name.lower().replace(" ", "-"), kind=kind, executive_body="Cabinet"
        )
    county = organisations["Oxfordshire County Council"]
    partnership = Partnership.objects.create(
        name="Supporting People", slug="supporting-people", purpose="Housing support.", lead_accountable_body=county
    )
    board = Board.objects.create(
        partnership=partnership, name="Commissioning Body", slug="commissioning-body", layer=Layer.EXECUTIVE
    )
    officer = _user("sp-officer", Role.OFFICER)
    partnership.officers.add(officer)
    start = dt.date(2020, 1, 1)
    memberships, users, deputies = {}, {}, {}
    for index, (name, organisation) in enumerate(organisations.items()):
        user = _user(f"member{index}")
        deputy_user = _user(f"deputy{index}")
        person = Person.objects.create(name=f"Member for {name}", organisation=organisation, user=user)
        deputy = Person.objects.create(name=f"Deputy for {name}", organisation=organisation, user=deputy_user)
        memberships[name] = Membership.objects.create(
            board=board, person=person, organisation=organisation, start_date=start, voting=True
        )
        Deputyship.objects.create(membership=memberships[name], person=deputy, start_date=start)
        users[name] = user
        deputies[name] = deputy_user
    service_user_login = _user("service-user")
    service_user = Membership.objects.create(
        board=board,
        person=Person.objects.create(name="Service user representative", user=service_user_login),
        organisation=county,
        role=MembershipRole.USER_REPRESENTATIVE,
        voting=False,  # 003 §22: on a no-vote basis
        start_date=start,
    )
    mou = MemorandumOfUnderstanding.objects.create(
        board=board,
        version=1,
        title="MoU",
        effective_from=start,
        escalation_body="the Oxfordshire local authority Chief Executives",  # 003 §13
    )
    mou.required_signatories.set(organisations.values())
    for organisation in organisations.values():
        MouSignature.objects.create(mou=mou, organisation=organisation, signed_by="Chief Executive", signed_on=start)
    now = timezone.now()
    meetings = [
        Meeting.objects.create(
            board=board,
            start=now - dt.timedelta(days=60 - 30 * i),
            venue="County Hall",
            status=MeetingStatus.AGENDA_PUBLISHED,
            agenda_published_at=now - dt.timedelta(days=75 - 30 * i),
        )
        for i in range(3)
    ]
    item = AgendaItem.objects.create(
        meeting=meetings[0], order=1, title="Strategy 2008-11 and Annual Plan 2008-09", purpose=Purpose.DECISION
    )
    return CommissioningBody(
        board,
        organisations,
        memberships,
        users,
        deputies,
        officer,
        mou,
        meetings,
        item,
        service_user,
        service_user_login,
    )


@pytest.fixture
def set_rules(body: CommissioningBody):
    """Change the decision rules of the body's memorandum."""

    def apply(**rules) -> None:
        MemorandumOfUnderstanding.objects.filter(pk=body.mou.pk).update(**rules)
        body.mou.refresh_from_db()

    return apply
