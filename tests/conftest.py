"""Shared personas and fixtures (STYLE.md "Tests": named people, like healthchecks' alice/bob).

The picture: three partner organisations (a county council, a district council and a
primary care trust); a Local Strategic Partnership with a thematic partnership under it
that has a board; and a second, unrelated partnership with its own board.

- ``officer`` (Olivia) services the thematic partnership (``partnership``, ``board``);
- ``other_officer`` (Oscar) services only the second partnership (``other_partnership``);
- ``member`` (Cllr Mary) sits on ``board`` for the county (``seat``), with ``deputy``
  (Dinah) as her designated deputy from the seat's start (a ``Deputyship`` of the
  ledger); both are users linked to a Person;
- ``scrutiny`` (Cllr Sam) holds the partnerships to account;
- ``administrator`` (Ada) owns the system;
- the anonymous visitor is the plain ``client``.

Sign people in with ``client.force_login(user)`` (or use ``officer_client``): django-axes
refuses ``client.login`` because it needs a request. ``add_members(board, n,
organisation=...)`` seats many people at once, each with a deputy through the ledger
(bulk_create, for query-count tests);
``date_input(name, date)`` is the POST data of a GOV.UK date input.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.db import connection

from accounts.models import Role, User
from governance.celery import app as celery_app
from partnerships.models import (
    Board,
    Deputyship,
    Layer,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Partnership,
    Person,
    Seniority,
)

PASSWORD = "a-long-and-unguessable-passphrase"
SEAT_START = dt.date(2020, 4, 1)


# ---------------------------------------------------------------------------
# Parallel runs (pytest-xdist: `make test` runs `pytest -n 4 --dist loadgroup`)
#
# The browser tests, and the worker tests, each run one after another in a process of
# their own (the last two xdist processes; the worker tests in the last), which runs
# nothing else; the other processes share every other test, except that each package of
# GROUPED_FOLDERS goes to one process as a whole (its demo is loaded once). See
# tests/xdist_serial.py. Each process has its own test database (pytest-django:
# test_<name>_gw0, ...).

DEDICATED_FOLDERS = {"browser": ("tests/browser/",), "worker": ("tests/worker/",)}  # the worker tests last
GROUPED_FOLDERS = ("tests/demo/loaded/", "tests/api/demo/")


def _xdist_process() -> tuple[int, int] | None:
    """This xdist process's number and how many there are, or None outside xdist."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not name.startswith("gw"):
        return None
    return int(name.removeprefix("gw")), int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))


def _redis_of_this_process() -> None:
    """Each process that shares the tests uses a Redis database of its own: the one after
    REDIS_URL's for the first, the next for the second (modulo 16). A test's
    ``cache.clear()`` empties the whole database, other tests' keys too; and the real Celery
    worker of the worker tests consumes the queues of REDIS_URL, so it must never get a task
    that another process's test queued (for rows of another test database). The dedicated
    processes keep REDIS_URL: the browser tests run their tasks eagerly and clear no cache.
    Set here, before anything connects to Redis."""
    process = _xdist_process()
    url = getattr(django_settings, "REDIS_URL", "")
    if process is None or not url:
        return
    index, count = process
    if count < 2 or index >= count - min(len(DEDICATED_FOLDERS), count - 1):
        return  # a dedicated process (tests/xdist_serial.py), or the only one
    parts = urlsplit(url)
    own = urlunsplit(parts._replace(path=f"/{(int(parts.path.strip('/') or 0) + 1 + index) % 16}"))
    for config in django_settings.CACHES.values():
        if config.get("LOCATION") == url:
            config["LOCATION"] = own
    django_settings.REDIS_URL = own
    django_settings.CELERY_BROKER_URL = own
    celery_app.conf["broker_url"] = own
    os.environ["REDIS_URL"] = own


_redis_of_this_process()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under xdist, a browser or worker test outside its DEDICATED_FOLDERS would run beside
    other tests: refuse to run rather than let it."""
    if _xdist_process() is None:
        return
    for item in items:
        for mark, folders in DEDICATED_FOLDERS.items():
            if item.get_closest_marker(mark) and not item.nodeid.startswith(folders):
                raise pytest.UsageError(f"{item.nodeid} is a {mark} test outside {folders}")


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """--dist loadgroup with the browser and the worker tests in processes of their own."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from tests.xdist_serial import DedicatedProcessScheduling

    return DedicatedProcessScheduling(config, log, dedicated=DEDICATED_FOLDERS, grouped=GROUPED_FOLDERS)


@pytest.fixture(scope="session", autouse=True)
def ci_runs_on_postgresql() -> None:
    """CI rule: when CI runs against PostgreSQL the suite must really use it, not fall
    back to SQLite silently (SPEC §2: PostgreSQL in production and CI)."""
    if os.environ.get("CI") == "true" and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert connection.vendor == "postgresql", (
            f"CI=true and DATABASE_URL is PostgreSQL, but the tests run on {connection.vendor}"
        )


@pytest.fixture(autouse=True)
def cache_of_its_own(settings) -> None:
    """Each test reads and writes cache keys of its own. Content cached under a version
    of the data (the scrutiny dashboard's, reports.queries.data_version) is keyed on row
    ids, and ids repeat between tests (SQLite reuses them; a new test database restarts
    them while the CI's Redis keeps what an earlier run cached)."""
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"} for alias, config in settings.CACHES.items()
    }


@pytest.fixture
def postgresql_only():
    """For tests of row locks under real concurrency: SQLite has one writer at a time.
    Locally on SQLite they are skipped; with CI=true they must run, so they fail."""
    from django.db import connection

    if connection.vendor != "postgresql":
        reason = "this test needs PostgreSQL (set DATABASE_URL)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}: CI=true", pytrace=False)
        pytest.skip(reason)


def _user(username: str, first: str, last: str, role: str, **extra: object) -> User:
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=first,
        last_name=last,
        email=f"{username}@example.org",
        role=role,
        **extra,
    )


# ---------------------------------------------------------------------------
# Organisations


@pytest.fixture
def county(db) -> Organisation:
    return Organisation.objects.create(
        name="Shireshire County Council",
        slug="shireshire-county-council",
        kind=OrganisationKind.COUNTY_COUNCIL,
        executive_body="Cabinet",
    )


@pytest.fixture
def district(db) -> Organisation:
    return Organisation.objects.create(
        name="Vale District Council",
        slug="vale-district-council",
        kind=OrganisationKind.DISTRICT_COUNCIL,
        executive_body="Executive",
    )


@pytest.fixture
def pct(db) -> Organisation:
    return Organisation.objects.create(
        name="Shireshire Primary Care Trust",
        slug="shireshire-pct",
        kind=OrganisationKind.NHS,
        executive_body="Trust Board",
    )


# ---------------------------------------------------------------------------
# Partnerships and boards


@pytest.fixture
def lsp(county) -> Partnership:
    """The Local Strategic Partnership at the top of the tree."""
    return Partnership.objects.create(
        name="Shireshire Partnership",
        slug="shireshire-partnership",
        purpose="The Local Strategic Partnership for Shireshire.",
        lead_accountable_body=county,
    )


@pytest.fixture
def partnership(lsp, county) -> Partnership:
    """A statutory thematic partnership under the LSP, serviced by ``officer``."""
    return Partnership.objects.create(
        name="Health and Well-Being Partnership",
        slug="health-and-well-being",
        purpose="Improves health and well-being across the county.",
        parent=lsp,
        statutory=True,
        lead_accountable_body=county,
        contact_name="Olivia Officer",
        contact_email="olivia@example.org",
    )


@pytest.fixture
def board(partnership) -> Board:
    return Board.objects.create(partnership=partnership, name="Partnership Board", slug="board", layer=Layer.BOARD)


@pytest.fixture
def other_partnership(district) -> Partnership:
    """A partnership outside the LSP with nothing to do with ``officer``."""
    return Partnership.objects.create(
        name="Supporting People Partnership",
        slug="supporting-people",
        purpose="Commissions housing-related support.",
        in_lsp=False,
        lead_accountable_body=district,
    )


@pytest.fixture
def other_board(other_partnership) -> Board:
    return Board.objects.create(
        partnership=other_partnership,
        name="Commissioning Body",
        slug="commissioning-body",
        layer=Layer.EXECUTIVE,
    )


# ---------------------------------------------------------------------------
# People


@pytest.fixture
def officer(partnership) -> User:
    user = _user("olivia", "Olivia", "Officer", Role.OFFICER)
    partnership.officers.add(user)
    return user


@pytest.fixture
def other_officer(other_partnership) -> User:
    user = _user("oscar", "Oscar", "Other", Role.OFFICER)
    other_partnership.officers.add(user)
    return user


@pytest.fixture
def member(county) -> User:
    """A county councillor who signs in; her Person is ``member.person``."""
    user = _user("mary", "Mary", "Member", Role.MEMBER)
    Person.objects.create(name="Cllr Mary Member", organisation=county, user=user, job_title="Cabinet member")
    return user


@pytest.fixture
def deputy(county) -> User:
    """The member's designated deputy; her Person is ``deputy.person``."""
    user = _user("dinah", "Dinah", "Deputy", Role.MEMBER)
    Person.objects.create(name="Cllr Dinah Deputy", organisation=county, user=user)
    return user


@pytest.fixture
def seat(board, member, deputy, county) -> Membership:
    """The member's current seat on ``board`` for the county, with her deputy from the
    seat's start (the Deputyship ledger)."""
    membership = Membership.objects.create(
        board=board,
        person=member.person,
        organisation=county,
        role=MembershipRole.CHAIR,
        seniority=Seniority.CABINET_MEMBER,
        elected=True,
        start_date=SEAT_START,
    )
    Deputyship.objects.create(membership=membership, person=deputy.person, start_date=SEAT_START)
    return membership


@pytest.fixture
def password() -> str:
    """Every persona's password, for the sign-in tests."""
    return PASSWORD


@pytest.fixture
def scrutiny(db) -> User:
    return _user("sam", "Sam", "Scrutiny", Role.SCRUTINY)


@pytest.fixture
def administrator(db) -> User:
    return _user("ada", "Ada", "Administrator", Role.ADMINISTRATOR, is_superuser=True, is_staff=True)


@pytest.fixture
def officer_client(client, officer):
    """The test client, signed in as ``officer``."""
    client.force_login(officer)
    return client


# ---------------------------------------------------------------------------
# Factories


def make_memberships(
    board: Board,
    n: int,
    *,
    organisation: Organisation,
    role: str = MembershipRole.MEMBER,
    with_deputies: bool = True,
    start_date: dt.date = SEAT_START,
    prefix: str = "",
) -> list[Membership]:
    """Seat n new people on a board in a handful of queries (bulk_create), each with a
    designated deputy from the seat's start (the Deputyship ledger) unless ``with_deputies``
    is false."""
    prefix = prefix or f"{board.slug}-"
    people = Person.objects.bulk_create(
        [Person(name=f"Member {prefix}{i:04d}", organisation=organisation) for i in range(n)]
    )
    memberships = Membership.objects.bulk_create(
        [
            Membership(board=board, person=person, organisation=organisation, role=role, start_date=start_date)
            for person in people
        ]
    )
    if with_deputies:
        deputies = Person.objects.bulk_create(
            [Person(name=f"Deputy {prefix}{i:04d}", organisation=organisation) for i in range(n)]
        )
        Deputyship.objects.bulk_create(
            Deputyship(membership=membership, person=deputy, start_date=start_date)
            for membership, deputy in zip(memberships, deputies, strict=True)
        )
    return memberships


@pytest.fixture
def add_members(db) -> Callable[..., list[Membership]]:
    """``add_members(board, 200, organisation=county)``: see make_memberships."""
    return make_memberships


def gds_date(name: str, value: dt.date | None) -> dict[str, str]:
    """POST data of a GOV.UK date input: ``<name>_0`` day, ``_1`` month, ``_2`` year
    (crispy_forms_gds DateInputWidget is a MultiWidget of three text inputs)."""
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)}


@pytest.fixture
def date_input() -> Callable[[str, dt.date | None], dict[str, str]]:
    """``date_input("start_date", date(2026, 3, 27))``: see gds_date."""
    return gds_date


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Run Celery tasks in the test process even where REDIS_URL is set (CI). Celery's
    configuration is read once, so settings.CELERY_TASK_ALWAYS_EAGER alone would not
    reach it: a task would go to the broker and the session's real worker, which cannot
    see this test's uncommitted rows."""
    conf = celery_app.conf
    saved = (conf.task_always_eager, conf.task_eager_propagates)
    conf.task_always_eager = conf.task_eager_propagates = True
    yield
    conf.task_always_eager, conf.task_eager_propagates = saved
