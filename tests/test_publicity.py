"""One definition of what is public (issue 7, meetings/models.py).

(a) The queryset form (``.public()``) and the instance form (``is_public``) agree on
    every combination of states.
(b) Every URL pattern of the project is classified by audience; every public one is
    requested anonymously over data hiding a marker in everything the public must not
    see, and no marker and no unpublished file comes back.
(c) No product module outside meetings/models.py filters publicity by hand.
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import User
from alerts import tokens as alert_tokens
from alerts.models import Subscriber, Subscription
from decisions.models import ForthcomingDecision, Proposal, Round
from meetings import pdf
from meetings.models import AgendaItem, Meeting, MeetingStatus, Paper, PaperVersion
from partnerships.models import (
    Board,
    Delegation,
    Membership,
    MemorandumOfUnderstanding,
    Organisation,
    Partnership,
    Person,
)
from reports.models import Indicator, IndicatorTarget, IndicatorValue
from tests.factories import add_version, make_item, make_meeting, make_paper
from tests.meetings.test_anonymous_crawler import MARKERS, UNPUBLISHED_MEETING, body_of, rich_site  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------
# (a) .public() and is_public agree


@pytest.mark.django_db
def test_public_querysets_and_is_public_agree_on_every_combination_of_states(board):
    start = timezone.now() + dt.timedelta(days=20)
    for meeting_published, minutes_published in ((False, False), (True, False), (True, True)):
        meeting = make_meeting(
            board,
            start,
            published=meeting_published,
            minutes_published_at=timezone.now() if minutes_published else None,
        )
        start += dt.timedelta(days=1)
        for exempt, paper_published, version_published in itertools.product((False, True), repeat=3):
            item = make_item(meeting, f"Item {exempt}", exempt=exempt)
            paper = make_paper(item, f"Paper {paper_published}", published=paper_published, versions=0)
            add_version(paper, b"%PDF-1.4 one", published=version_published)
            add_version(paper, b"%PDF-1.4 two", published=not version_published)
            Proposal.objects.create(board=board, item=item, title="Proposal", text="Agree it.")
    # Minutes published on a meeting whose agenda is not: never public minutes.
    make_meeting(board, start, published=False, minutes_published_at=timezone.now())

    for model in (Meeting, AgendaItem, Paper, PaperVersion, Proposal):
        rows = list(model.objects.all())  # type: ignore[attr-defined]
        public = set(model.objects.public())  # type: ignore[attr-defined]
        assert public == {row for row in rows if row.is_public}, model.__name__
        assert public and len(public) < len(rows), f"{model.__name__}: the matrix must hold both kinds"
    assert set(Meeting.objects.with_public_minutes()) == {m for m in Meeting.objects.all() if m.minutes_are_public}
    assert Meeting.objects.with_public_minutes().count() == 1
    # Announced: scheduled, agenda not yet published; not once cancelled, not once published.
    make_meeting(board, start + dt.timedelta(days=1), published=False, status=MeetingStatus.CANCELLED)
    announced = set(Meeting.objects.announced())
    assert announced == {m for m in Meeting.objects.all() if m.is_announced}
    assert announced and not announced & set(Meeting.objects.public())
    assert all(m.status == MeetingStatus.SCHEDULED for m in announced)


# ---------------------------------------------------------------------------
# (b) Every URL pattern by audience; every public one requested anonymously

PUBLIC = {
    "home",
    "register",
    "partnership",
    "board",
    "mou",
    "mou_document",
    "delegation_evidence",
    "person",
    "organisation",
    "sign-in",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "oidc-sign-in",
    "oidc-callback",
    "oidc-refused",
    "meetings:list",
    "meetings:calendar_this_month",
    "meetings:calendar",
    "meetings:ics",
    "meetings:meeting",
    "meetings:paper_download",
    "meetings:documents_rss",
    "meetings:documents_atom",
    "meetings:board_list",
    "meetings:board_calendar_this_month",
    "meetings:board_calendar",
    "meetings:board_ics",
    "meetings:board_documents_rss",
    "meetings:board_documents_atom",
    "meetings:agenda_pack",
    "meetings:minutes_pdf",
    "meetings:documents_status",
    "decisions:register",
    "decisions:decision",
    "meetings:partnership_ics",
    "meetings:partnership_documents_rss",
    "meetings:partnership_documents_atom",
    "decisions:forward_plan",
    "decisions:forward_plan_rss",
    "decisions:forward_plan_ics",
    "decisions:register_rss",
    "decisions:register_atom",
    "decisions:partnership_rss",
    "decisions:partnership_atom",
    "decisions:decision_rss",
    "decisions:decision_atom",
    "api:root",
    "api:openapi",
    "api:docs",
    "api:organization_list",
    "api:person_list",
    "api:membership_list",
    "api:event_list",
    "api:vote_event_list",
    "api:decision_list",
    "api:register_csv",
    "api:memberships_csv",
    "api:decisions_csv",
    "api:organization_detail",
    "api:person_detail",
    "api:membership_detail",
    "api:event_detail",
    "api:vote_event_detail",
    "api:decision_detail",
    "api:indicator_list",
    "api:indicator_detail",
    "api:indicators_csv",
    "search:search",
    "alerts:index",
    "alerts:subscribe",
    "alerts:confirm",
    "alerts:manage_request",
    "alerts:manage",
    "alerts:unsubscribe",
    "reports:indicators",
    "reports:indicator",
    "portal:open_data",
    "portal:accessibility",
    "portal:privacy",
}
# Signed-in scrutiny councillors, officers and administrators (reports/access.py).
READER = {
    "reports:dashboard",
    "reports:partnership",
    "reports:risks",
    "reports:target",
    "reports:governance",
    "reports:export",
    "reports:report_pdf",
    "reports:report_pdf_download",
}
MEMBER = {
    "sign-out",
    "account",
    "password_change",
    "password_change_done",
    "two-factor-verify",
    "two-factor-setup",
    "meetings:member_home",
    "meetings:declare",
    "decisions:awaiting",
    "decisions:position",
}
OFFICER = {
    "meetings:declaration_new",
    "meetings:reminders",
    "decisions:manage_list",
    "decisions:manage",
    "decisions:step",
    "decisions:positions",
    "decisions:proposal_new",
    "decisions:manage_forward_plan",
    "decisions:forthcoming_edit",
    "decisions:forthcoming_withdraw",
    "reports:manage_index",
    "reports:theme_new",
    "reports:indicator_new",
    "reports:indicator_edit",
    "reports:value_record",
    "reports:target_record",
    "reports:values_upload",
    "reports:values_template",
    "reports:chain_target_new",
    "reports:chain_target_edit",
    "reports:chain_links",
    "reports:risk_new",
    "reports:risk_edit",
    "reports:risk_review",
    "reports:risk_close",
}
# Whole namespaces or name prefixes of one audience.
OFFICER_PREFIXES = ("manage:", "meetings:manage_")
ADMIN_PREFIXES = ("admin:",)


def url_patterns() -> Iterator[tuple[str, str]]:
    """(namespaced name, route) of every URL pattern of the project."""

    def walk(patterns: list, namespace: str, route: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner, route + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}{pattern.name}", route + str(pattern.pattern)

    yield from walk(get_resolver().url_patterns, "", "")


def audience(name: str) -> str | None:
    if name.startswith(ADMIN_PREFIXES):
        return "admin"
    if name in PUBLIC:
        return "public"
    if name in MEMBER:
        return "member"
    if name in READER:
        return "reader"
    if name in OFFICER or name.startswith(OFFICER_PREFIXES):
        return "officer"
    return None


def test_every_url_pattern_is_classified_by_audience():
    unclassified = sorted({f"{name} ({route})" for name, route in url_patterns() if audience(name) is None})
    assert not unclassified, (
        "Classify each new URL pattern in tests/test_publicity.py (public / member / officer / admin); "
        f"a public one also needs its URLs in public_urls(): {unclassified}"
    )
    names = {name for name, _ in url_patterns()}
    assert not PUBLIC - names, f"Public names that no longer exist: {sorted(PUBLIC - names)}"


EXEMPT_PROPOSAL = "EXEMPT-PROPOSAL-MARKER-3b8d"
UNPUBLISHED_INDICATOR = "UNPUBLISHED-INDICATOR-MARKER-7c1e"
ALL_MARKERS = [*MARKERS, EXEMPT_PROPOSAL, UNPUBLISHED_INDICATOR]


@pytest.fixture
def public_site(rich_site, board, seat) -> dict[str, object]:  # noqa: F811
    """The crawler's data, plus a decision on a public item, one on an exempt item (both
    put to a round), a memorandum of understanding, and the public documents rendered."""
    from decisions.models import Round

    upcoming = rich_site["upcoming"]
    assert isinstance(upcoming, Meeting)
    public_item = upcoming.items.get(exempt=False)
    exempt_item = upcoming.items.get(exempt=True)
    decided = Proposal.objects.create(board=board, item=public_item, title="Adopt the annual plan", text="Adopt it.")
    secret = Proposal.objects.create(
        board=board, item=exempt_item, title=f"Buy the land {EXEMPT_PROPOSAL}", text=f"Pay {EXEMPT_PROPOSAL}"
    )
    for proposal in (decided, secret):
        Round.objects.create(proposal=proposal, number=1, meeting=upcoming, text=proposal.text)
    mou = MemorandumOfUnderstanding.objects.create(
        board=board, version=1, title="Memorandum of understanding", effective_from=dt.date(2024, 4, 1)
    )
    mou.document.save("mou-1-v1-test.pdf", ContentFile(b"%PDF-1.4 the signed memorandum"))
    # Delegations are public (the board and person pages list them): one with evidence, one without.
    delegation = Delegation.objects.create(
        board=board,
        organisation=seat.organisation,
        person=seat.person,
        scope="Agree the plan",
        valid_from=dt.date(2024, 1, 1),
        evidence_reference="Cabinet minute 1",
    )
    delegation.evidence_document.save("delegation-test.pdf", ContentFile(b"%PDF-1.4 the cabinet minute"))
    Delegation.objects.create(
        board=board,
        organisation=seat.organisation,
        person=seat.person,
        scope="Agree the budget",
        valid_from=dt.date(2024, 1, 1),
        evidence_reference="Cabinet minute 2",
    )
    # A forward plan entry at the scheduled, unpublished meeting: listed with that
    # meeting's date only, never its title or venue.
    hidden = Meeting.objects.announced().get(board=board)
    ForthcomingDecision.objects.create(
        board=board,
        title="Adopt the carers' strategy",
        summary="The board will be asked to adopt it.",
        expected_meeting=hidden,
        created_by=User.objects.filter(is_superuser=False).first() or User.objects.create(username="entered-by"),
    )
    # Indicators: a published one, and one that is not (its title a marker).
    last_quarter = dt.date(2000, 1, 1)
    for public, title in ((True, "Adults in sport"), (False, f"Waiting times {UNPUBLISHED_INDICATOR}")):
        indicator = Indicator.objects.create(
            partnership=board.partnership,
            code=f"NI {int(public)}",
            slug=f"ni-{int(public)}",
            title=title,
            unit="%",
            public=public,
        )
        IndicatorValue.objects.create(indicator=indicator, period_start=last_quarter, value=50)
        IndicatorTarget.objects.create(indicator=indicator, period_start=last_quarter, value=55)
    pdf.renders_sweep(now=timezone.now(), grace=dt.timedelta(0), eager=True)
    return {**rich_site, "decided": decided, "secret": secret}


def _month_args(meeting: Meeting) -> list[int]:
    return [meeting.date.year, meeting.date.month]


def _board_args(board: Board) -> list[str]:
    return [board.partnership.slug, board.slug]


def public_urls() -> dict[str, list[str]]:
    """name -> the URLs of that public pattern for every row that could fill it (public
    or not): what an anonymous visitor could reach or guess."""
    meetings = list(Meeting.objects.select_related("board__partnership"))
    boards = list(Board.objects.select_related("partnership"))
    versions = list(PaperVersion.objects.select_related("paper__item"))
    today = timezone.localdate()
    per_meeting: Callable[[str], list[str]] = lambda name: [reverse(name, args=[m.pk]) for m in meetings]  # noqa: E731
    per_board: Callable[[str], list[str]] = lambda name: [reverse(name, args=_board_args(b)) for b in boards]  # noqa: E731
    slugs = list(Partnership.objects.values_list("slug", flat=True))
    per_partnership: Callable[[str], list[str]] = lambda name: [reverse(name, args=[slug]) for slug in slugs]  # noqa: E731
    return {
        "home": [reverse("home")],
        "register": [reverse("register")],
        "sign-in": [reverse("sign-in")],
        "password_reset": [reverse("password_reset")],
        "password_reset_done": [reverse("password_reset_done")],
        "password_reset_confirm": [reverse("password_reset_confirm", args=["MQ", "not-a-token"])],
        "password_reset_complete": [reverse("password_reset_complete")],
        "oidc-sign-in": [reverse("oidc-sign-in")],
        "oidc-callback": [reverse("oidc-callback")],
        "oidc-refused": [reverse("oidc-refused")],
        "partnership": [reverse("partnership", args=[p.slug]) for p in Partnership.objects.all()],
        "board": per_board("board"),
        "mou": [
            reverse("mou", args=[*_board_args(mou.board), mou.version])
            for mou in MemorandumOfUnderstanding.objects.select_related("board__partnership")
        ],
        "mou_document": [
            reverse("mou_document", args=[*_board_args(mou.board), mou.version])
            for mou in MemorandumOfUnderstanding.objects.select_related("board__partnership")
        ],
        "delegation_evidence": [
            reverse("delegation_evidence", args=[*_board_args(d.board), d.pk])
            for d in Delegation.objects.select_related("board__partnership")
        ],
        "person": [reverse("person", args=[p.pk]) for p in Person.objects.all()],
        "organisation": [reverse("organisation", args=[o.pk]) for o in Organisation.objects.all()],
        "meetings:list": [reverse("meetings:list"), reverse("meetings:list") + "?past_page=2&upcoming_page=2"],
        "meetings:calendar_this_month": [reverse("meetings:calendar_this_month")],
        "meetings:calendar": [reverse("meetings:calendar", args=[today.year, today.month])]
        + [reverse("meetings:calendar", args=_month_args(m)) for m in meetings],
        "meetings:ics": [reverse("meetings:ics")],
        "meetings:meeting": per_meeting("meetings:meeting"),
        "meetings:paper_download": [
            reverse("meetings:paper_download", args=[v.paper.item.meeting_id, v.paper_id, v.number]) for v in versions
        ],
        "meetings:documents_rss": [reverse("meetings:documents_rss")],
        "meetings:documents_atom": [reverse("meetings:documents_atom")],
        "meetings:board_list": per_board("meetings:board_list"),
        "meetings:board_calendar_this_month": per_board("meetings:board_calendar_this_month"),
        "meetings:board_calendar": [
            reverse("meetings:board_calendar", args=[*_board_args(m.board), *_month_args(m)]) for m in meetings
        ],
        "meetings:board_ics": per_board("meetings:board_ics"),
        "meetings:board_documents_rss": per_board("meetings:board_documents_rss"),
        "meetings:board_documents_atom": per_board("meetings:board_documents_atom"),
        "meetings:agenda_pack": per_meeting("meetings:agenda_pack"),
        "meetings:minutes_pdf": per_meeting("meetings:minutes_pdf"),
        "meetings:documents_status": per_meeting("meetings:documents_status"),
        "decisions:register": [reverse("decisions:register")],
        "decisions:decision": [reverse("decisions:decision", args=[p.pk]) for p in Proposal.objects.all()],
        "meetings:partnership_ics": per_partnership("meetings:partnership_ics"),
        "meetings:partnership_documents_rss": per_partnership("meetings:partnership_documents_rss"),
        "meetings:partnership_documents_atom": per_partnership("meetings:partnership_documents_atom"),
        "decisions:forward_plan": [reverse("decisions:forward_plan")]
        + [reverse("decisions:forward_plan") + f"?partnership={slug}" for slug in slugs],
        "decisions:forward_plan_rss": [reverse("decisions:forward_plan_rss")],
        "decisions:forward_plan_ics": [reverse("decisions:forward_plan_ics")],
        "decisions:register_rss": [reverse("decisions:register_rss")],
        "decisions:register_atom": [reverse("decisions:register_atom")],
        "decisions:partnership_rss": per_partnership("decisions:partnership_rss"),
        "decisions:partnership_atom": per_partnership("decisions:partnership_atom"),
        "decisions:decision_rss": [reverse("decisions:decision_rss", args=[p.pk]) for p in Proposal.objects.all()],
        "decisions:decision_atom": [reverse("decisions:decision_atom", args=[p.pk]) for p in Proposal.objects.all()],
        "api:root": [reverse("api:root")],
        "api:openapi": [reverse("api:openapi")],
        "api:docs": [reverse("api:docs")],
        "api:organization_list": [reverse("api:organization_list")],
        "api:person_list": [reverse("api:person_list")],
        "api:membership_list": [reverse("api:membership_list")],
        "api:event_list": [reverse("api:event_list")],
        "api:vote_event_list": [reverse("api:vote_event_list")],
        "api:decision_list": [reverse("api:decision_list")],
        "api:register_csv": [reverse("api:register_csv")],
        "api:memberships_csv": [reverse("api:memberships_csv")],
        "api:decisions_csv": [reverse("api:decisions_csv")],
        "api:organization_detail": [reverse("api:organization_detail", args=[f"board-{b.pk}"]) for b in boards]
        + [reverse("api:organization_detail", args=[f"partnership-{p.pk}"]) for p in Partnership.objects.all()]
        + [reverse("api:organization_detail", args=[f"body-{o.pk}"]) for o in Organisation.objects.all()],
        "api:person_detail": [reverse("api:person_detail", args=[f"person-{p.pk}"]) for p in Person.objects.all()],
        "api:membership_detail": [
            reverse("api:membership_detail", args=[f"membership-{m.pk}"]) for m in Membership.objects.all()
        ],
        "api:event_detail": [reverse("api:event_detail", args=[f"event-{m.pk}"]) for m in meetings],
        "api:vote_event_detail": [
            reverse("api:vote_event_detail", args=[f"vote-event-{r.pk}"]) for r in Round.objects.all()
        ],
        "api:decision_detail": [
            reverse("api:decision_detail", args=[f"decision-{p.pk}"]) for p in Proposal.objects.all()
        ],
        "api:indicator_list": [reverse("api:indicator_list")],
        "api:indicator_detail": [
            reverse("api:indicator_detail", args=[f"indicator-{i.pk}"]) for i in Indicator.objects.all()
        ],
        "api:indicators_csv": [reverse("api:indicators_csv")],
        "search:search": [reverse("search:search"), reverse("search:search") + "?q=plan"]
        # Each marker's own last part (the page repeats the query, so not the whole marker).
        + [reverse("search:search") + "?" + urlencode({"q": m.rsplit("-", 1)[1]}) for m in ALL_MARKERS],
        "alerts:index": [reverse("alerts:index")],
        "portal:open_data": [reverse("portal:open_data")],
        "portal:accessibility": [reverse("portal:accessibility")],
        "portal:privacy": [reverse("portal:privacy")],
        "reports:indicators": [reverse("reports:indicators")],
        "reports:indicator": [
            reverse("reports:indicator", args=[i.partnership.slug, i.slug])
            for i in Indicator.objects.select_related("partnership")
        ],
        "alerts:subscribe": [reverse("alerts:subscribe"), reverse("alerts:subscribe") + "?decisions"]
        + [
            reverse("alerts:subscribe") + "?" + urlencode({"partnership": b.partnership.slug, "board": b.slug})
            for b in boards
        ],
        "alerts:confirm": [reverse("alerts:confirm", args=["not-a-token"])],
        "alerts:manage_request": [reverse("alerts:manage_request")],
        "alerts:manage": [reverse("alerts:manage", args=["not-a-token"])]
        + [reverse("alerts:manage", args=[alert_tokens.manage_token(s.pk)]) for s in Subscriber.objects.all()],
        "alerts:unsubscribe": [reverse("alerts:unsubscribe", args=["not-a-token"])]
        + [
            reverse("alerts:unsubscribe", args=[alert_tokens.unsubscribe_token([s.pk])])
            for s in Subscription.objects.all()
        ],
    }


def marker_leaks(response, body: bytes) -> list[str]:
    text = body.decode("utf-8", errors="replace").lower()
    headers = " ".join(f"{k}: {v}" for k, v in response.items()).lower()
    return [m for m in ALL_MARKERS if m.lower() in text or m.lower() in headers]


@pytest.mark.django_db
def test_every_public_entry_point_shows_only_what_is_public(client, public_site, settings):
    settings.API_ANON_RATE = "100000/min"  # every API address is requested: no throttling here
    cache.clear()
    urls = public_urls()
    assert set(urls) == PUBLIC, "each public pattern needs its URLs in public_urls()"
    leaked: dict[str, list[str]] = {}
    served_files: list[str] = []
    for name, addresses in urls.items():
        assert addresses, f"no URL of {name} was requested: the fixtures lack a row for it"
        for address in addresses:
            response = client.get(address)
            assert response.status_code < 500, address
            body = body_of(response)
            if found := marker_leaks(response, body):
                leaked[address] = found
            if response.status_code == 200 and body.startswith(b"%PDF"):
                served_files.append(address)
    assert not leaked, f"Not public, but shown: {leaked}"

    # Files: every public paper version, and nothing but those and the rendered documents
    # of public meetings (a pack whose papers fail their checksum is not rendered).
    public_versions = {
        reverse("meetings:paper_download", args=[v.paper.item.meeting_id, v.paper_id, v.number])
        for v in PaperVersion.objects.public().select_related("paper__item")
    }
    documents = set()
    for meeting in Meeting.objects.public():
        documents.add(reverse("meetings:agenda_pack", args=[meeting.pk]))
        if meeting.minutes_are_public:
            documents.add(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    # ... and the documents of memoranda and delegations, public as the pages listing them.
    listed = {
        reverse("mou_document", args=[*_board_args(mou.board), mou.version])
        for mou in MemorandumOfUnderstanding.objects.exclude(document="").select_related("board__partnership")
    } | {
        reverse("delegation_evidence", args=[*_board_args(d.board), d.pk])
        for d in Delegation.objects.exclude(evidence_document="").select_related("board__partnership")
    }
    served = set(served_files)
    assert public_versions | listed <= served <= public_versions | documents | listed
    assert served & documents, "no rendered document was served: the check would pass vacuously"
    # The public decision is listed; the one on an exempt item is not reachable at all.
    decided, secret = public_site["decided"], public_site["secret"]
    assert isinstance(decided, Proposal) and isinstance(secret, Proposal)
    assert client.get(reverse("decisions:decision", args=[decided.pk])).status_code == 200
    assert client.get(reverse("decisions:decision", args=[secret.pk])).status_code == 404
    # The forward plan lists the entry at the unpublished meeting (so the check above saw it).
    assert "Adopt the carers" in client.get(reverse("decisions:forward_plan")).content.decode()


# ---------------------------------------------------------------------------
# (c) No hand-written publicity filter outside meetings/models.py

PRODUCT_APPS = (
    "accounts",
    "alerts",
    "api",
    "decisions",
    "demo",
    "governance",
    "meetings",
    "partnerships",
    "portal",
    "reports",
    "search",
)
FILTER_CALLS = {"filter", "exclude", "get", "Q", "get_object_or_404"}
PUBLICITY_FIELDS = ("exempt", "agenda_published_at__isnull", "minutes_published_at__isnull", "published_at__isnull")
PUBLICITY_ATTRIBUTES = ("agenda_published_at", "minutes_published_at")

# (module, field or attribute, text of the line) -> why it is not a publicity decision.
ALLOWED = {
    ("meetings/reminders.py", "published_at__isnull", "published_at__isnull=True"): (
        "the papers still to come, for deadline reminders (workflow, not publicity)"
    ),
    ("meetings/views/public.py", "exempt", "exempt_label="): "labels an exempt item for officers, who see every item",
    ("demo/loader.py", "exempt", "(exempt {"): "the demo's summary counts exempt items (a report)",
    ("demo/loader.py", "minutes_published_at__isnull", "minutes_public="): "the demo's summary counts minutes",
    ("reports/governance.py", "published_at__isnull", "published_at__isnull=False"): (
        "paper-deadline compliance counts every paper issued for a held meeting, exempt ones too "
        "(a figure for scrutiny readers, whose tables never show an exempt title)"
    ),
}


def allowed(module: str, field: str, line: str) -> bool:
    return any(m == module and f == field and text in line for m, f, text in ALLOWED)


def _field(name: str) -> str | None:
    for field in PUBLICITY_FIELDS:
        if name == field or name.endswith(f"__{field}"):
            return field
    return None


def _is_exempt_flag(test: ast.expr) -> bool:
    """``x.exempt`` or ``not x.exempt`` as a condition (alone or in and/or)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    if isinstance(test, ast.BoolOp):
        return any(_is_exempt_flag(value) for value in test.values)
    return isinstance(test, ast.Attribute) and test.attr == "exempt"


def hand_written_publicity(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, field) of each filter on a publicity field, each condition on an item's
    ``exempt`` flag, and each ``is (not) None`` test of a meeting's publication time."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if called not in FILTER_CALLS:
                continue
            names = [keyword.arg for keyword in node.keywords if keyword.arg]
            for keyword in node.keywords:  # Q(**{"...": False})
                if keyword.arg is None and isinstance(keyword.value, ast.Dict):
                    names += [k.value for k in keyword.value.keys if isinstance(k, ast.Constant)]
            for name in names:
                if field := _field(str(name)):
                    yield node.lineno, field
        elif isinstance(node, (ast.If, ast.IfExp, ast.While)) and _is_exempt_flag(node.test):
            yield node.lineno, "exempt"
        elif isinstance(node, ast.comprehension):
            for condition in node.ifs:
                if _is_exempt_flag(condition):
                    yield condition.lineno, "exempt"
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute):
            if node.left.attr in PUBLICITY_ATTRIBUTES and any(
                isinstance(c, ast.Constant) and c.value is None for c in node.comparators
            ):
                yield node.lineno, node.left.attr


def product_modules() -> Iterator[Path]:
    for app in PRODUCT_APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts and path.relative_to(ROOT).as_posix() != "meetings/models.py":
                yield path


def test_no_product_module_decides_publicity_by_hand():
    found = []
    for path in product_modules():
        module = path.relative_to(ROOT).as_posix()
        source = path.read_text()
        lines = source.splitlines()
        for number, field in hand_written_publicity(ast.parse(source, module)):
            if not allowed(module, field, lines[number - 1]):
                found.append(f"{module}:{number} {field}: {lines[number - 1].strip()}")
    assert not found, (
        "Publicity is one definition (meetings/models.py): use .public(), .with_public_minutes() or "
        f"is_public instead, or allow-list a non-publicity use with its reason: {found}"
    )


def test_the_publicity_scan_finds_a_hand_written_filter():
    tree = ast.parse(
        "Paper.objects.filter(published_at__isnull=False, item__exempt=False)\n"
        "Q(**{'agenda_published_at__isnull': False})\n"
        "if meeting.minutes_published_at is not None: pass\n"
        "shown = [item for item in items if not item.exempt]\n"
    )
    assert sorted(field for _, field in hand_written_publicity(tree)) == [
        "agenda_published_at__isnull",
        "exempt",
        "exempt",
        "minutes_published_at",
        "published_at__isnull",
    ]
