"""The report as a PDF (SPEC §7 "the report as PDF", issue 10 item 7): a reader asks for
it, the ``pdf`` queue renders it with WeasyPrint (in-process here: ``eager_tasks``), and
the page says how it is going; the PDF shows the same figures and ratings as the HTML
report; it is rendered again only once something has been recorded since, under a new
name, the old file kept; readers only.

The fixture with three indicators is the one of test_pages: NI 8 amber and worsening,
NI 39 green and improving, NI 154 with no figure (no data), all for Q2 2025/26."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.celery import app as celery_app
from meetings.models import RenderStatus
from partnerships.models import AuditEvent, Partnership
from reports import pdf
from reports.models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    PeriodKind,
    ReportDocument,
    RiskReview,
    Target,
)
from reports.periods import Period, ReportSpan
from reports.tasks import render_report_pdf
from tests.commits import tasks_queued
from tests.pages import text_of

from .conftest import NOW, make_indicator, make_risk

pytestmark = pytest.mark.django_db

Q1, Q2 = Period.quarter(2025, 1), Period.quarter(2025, 2)
SPAN = ReportSpan.of(Q2)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def _eager(eager_tasks: None) -> None:
    """Run the render task in-process even where REDIS_URL is set (CI)."""


# ---------------------------------------------------------------------------
# Helpers


def figures(indicator: Indicator, period: Period, actual: str | None, target: str | None) -> None:
    if actual is not None:
        IndicatorValue.objects.create(
            indicator=indicator, period_start=period.start, value=Decimal(actual), recorded_at=NOW
        )
    if target is not None:
        IndicatorTarget.objects.create(
            indicator=indicator, period_start=period.start, value=Decimal(target), recorded_at=NOW
        )


def squash(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(body: bytes, tmp_path: Path, *, layout: bool = False) -> list[str]:
    """The text of each page (pdftotext when installed, else pypdf), whitespace squashed;
    with ``layout``, as laid out on the page (a table's row on one line), not squashed."""
    if shutil.which("pdftotext"):
        source = tmp_path / "extract.pdf"
        source.write_bytes(body)
        command = ["pdftotext", *(["-layout"] if layout else []), str(source), "-"]
        out = subprocess.run(command, capture_output=True, check=True, text=True).stdout
        return [page if layout else squash(page) for page in out.split("\f")[:-1]]
    import io

    from pypdf import PdfReader

    return [squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(body)).pages]


def stored(document: ReportDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def pdf_url(partnership: Partnership, span: ReportSpan = SPAN) -> str:
    return f"{reverse('reports:report_pdf', args=[partnership.slug])}?period={span.slug}"


RATING = re.compile(r"(?:Red|Amber|Green|No data|No rating): [^.]*?(?:\d\.\d[^.]*?)*\.(?: |$)")


def ratings_in(text: str) -> list[str]:
    """Each 'Amber: 58% for Q2 2025/26 is 3.3% below ... tolerance.' sentence."""
    return [match.strip() for match in RATING.findall(text)]


@pytest.fixture
def basket(partnership, theme) -> list[Indicator]:
    made = {"theme": theme, "created_at": NOW}
    sport = make_indicator(partnership, "NI 8", title="Sport", tolerance_set_by="the Board, May 2024", **made)
    alcohol = make_indicator(partnership, "NI 39", title="Alcohol", unit="rate", higher_is_better=False, **made)
    homes = make_indicator(partnership, "NI 154", title="Homes", unit="number", **made)
    figures(sport, Q1, "60", "60")
    figures(sport, Q2, "58", "60")  # amber, worsening
    figures(alcohol, Q1, "300", "280")
    figures(alcohol, Q2, "270", "280")  # green, improving
    figures(homes, Q2, None, "500")  # no data
    make_risk(theme, "Funding ends")
    return [sport, alcohol, homes]


@pytest.fixture
def reader(client, scrutiny):
    client.force_login(scrutiny)
    return client


@pytest.fixture
def ask(django_capture_on_commit_callbacks) -> Callable[..., ReportDocument]:
    """``ask(client, partnership)``: press the button; the render queued on commit runs."""

    def press(reader, partnership: Partnership, span: ReportSpan = SPAN) -> ReportDocument:
        with django_capture_on_commit_callbacks(execute=True):
            response = reader.post(pdf_url(partnership, span))
        assert response.status_code == 302
        assert response["Location"] == pdf_url(partnership, span)
        return ReportDocument.objects.get(partnership=partnership, span=span.slug)

    return press


@pytest.fixture
def rendered(django_capture_on_commit_callbacks, scrutiny) -> Callable[..., ReportDocument]:
    """``rendered(partnership)``: report_pdf_request by Cllr Sam, its render run."""

    def request(partnership: Partnership, span: ReportSpan = SPAN) -> ReportDocument:
        with django_capture_on_commit_callbacks(execute=True):
            document = pdf.report_pdf_request(partnership, span, by=scrutiny, now=timezone.now())
        document.refresh_from_db()
        return document

    return request


# ---------------------------------------------------------------------------
# Asking for it, and what it shows


def test_a_reader_asks_for_the_pdf_and_it_shows_what_the_report_page_shows(
    reader, partnership, basket, tmp_path, ask
) -> None:
    page = squash(text_of(reader.get(reverse("reports:partnership", args=[partnership.slug]), {"period": Q2.slug})))
    expected = ratings_in(page)
    assert len(expected) == 3, expected

    document = ask(reader, partnership)

    assert document.status == RenderStatus.READY
    assert document.rendered_at is not None and document.error == ""
    assert f"{partnership.slug}-{SPAN.slug}-" in document.file.name
    body = stored(document)
    assert body.startswith(b"%PDF-")
    pages = pdf_pages(body, tmp_path)
    assert document.pages == len(pages) >= 4  # title, summary, scorecard, risks...
    whole = " ".join(pages)
    for sentence in expected:
        assert sentence in whole
    assert (
        "Amber: 58% for Q2 2025/26 is 3.3% below the target of 60%, within the 5% tolerance "
        "(set by the Board, May 2024)." in whole
    )
    for figure in ("58%", "60%", "270", "280", "500"):
        assert figure in whole
    for word in ("Amber", "Green", "No data", "Worsening", "Improving"):
        assert word.upper() in whole.upper()
    title = pages[0]
    assert partnership.name in title and "Period Q2 2025/26" in title and "REPORT TO FULL COUNCIL" in title.upper()
    assert f"Generated {timezone.localdate(document.rendered_at):%-d %B %Y}" in title
    assert "Figures marked illustrative are demonstration data" not in whole
    assert f"Page 1 of {len(pages)}" in title and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    # The summary counts, the top risks and the governance section.
    assert "All indicators 0 1 1 1" in whole
    assert "Funding ends" in whole and "3 × 4 = 12" in whole
    assert "Governance health of the boards" in whole


def test_the_status_page_offers_the_download_with_its_pages_and_size(reader, partnership, basket, ask) -> None:
    before = squash(text_of(reader.get(pdf_url(partnership))))
    assert "Not prepared yet" in before and "Prepare the PDF" in before

    document = ask(reader, partnership)

    page = squash(text_of(reader.get(pdf_url(partnership))))
    assert "Ready" in page
    size = document.file.size
    assert f"Download the report (PDF, {document.pages} pages, " in page
    assert "KB)" in page and size > 1000
    assert "have been recorded since" not in page
    download = reader.get(reverse("reports:report_pdf_download", args=[partnership.slug, document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="health-and-well-being-report-2025-26-q2.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_asking_again_with_nothing_new_gives_the_same_file_without_a_render(
    reader, partnership, basket, monkeypatch, ask
) -> None:
    first = ask(reader, partnership)

    def no_render(content: object) -> None:
        raise AssertionError("rendered again")

    monkeypatch.setattr(pdf, "render_pdf", no_render)
    # Figures recorded long before the render, and an audited change then too, change nothing.
    AuditEvent.objects.create(verb="value_record", partnership=partnership, summary="old", at=NOW)
    second = ask(reader, partnership)

    assert second.pk == first.pk
    assert (second.status, second.file.name, second.rendered_at) == (
        RenderStatus.READY,
        first.file.name,
        first.rendered_at,
    )


@pytest.mark.parametrize("what", ["figure", "target", "review", "indicator", "audited change"])
def test_something_recorded_since_makes_it_pending_and_the_new_render_is_a_new_file(
    reader, partnership, theme, basket, what, django_capture_on_commit_callbacks, scrutiny, ask
) -> None:
    first = ask(reader, partnership)
    old_name = first.file.name
    later = timezone.now() + dt.timedelta(seconds=1)
    if what == "figure":
        IndicatorValue.objects.create(
            indicator=basket[2], period_start=Q2.start, value=Decimal("480"), recorded_at=later
        )
    elif what == "target":
        IndicatorTarget.objects.create(
            indicator=basket[0], period_start=Q2.start, value=Decimal("59"), recorded_at=later
        )
    elif what == "review":
        risk = theme.risks.get()
        RiskReview.objects.create(
            risk=risk, reviewed_on=Q2.end, likelihood=5, impact=5, mitigation="None left.",
            next_review_on=Q2.end + dt.timedelta(days=30), recorded_at=later,
        )  # fmt: skip
    elif what == "indicator":
        make_indicator(partnership, "NI 200", theme=theme, created_at=later)
    else:
        AuditEvent.objects.create(verb="risk_close", partnership=partnership, summary="Closed", at=later)

    page = squash(text_of(reader.get(pdf_url(partnership))))
    assert "have been recorded since this PDF was prepared" in page and "Prepare it again" in page

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pending = pdf.report_pdf_request(partnership, SPAN, by=scrutiny, now=timezone.now())
    assert pending.status == RenderStatus.PENDING
    [render] = tasks_queued(callbacks)
    assert "Being prepared" in squash(text_of(reader.get(pdf_url(partnership))))
    render()

    again = ReportDocument.objects.get(pk=first.pk)
    assert again.status == RenderStatus.READY
    assert again.file.name != old_name
    assert again.file.storage.exists(old_name), "the old file is kept"
    assert again.rendered_at is not None and first.rendered_at is not None and again.rendered_at > first.rendered_at


def test_a_change_in_another_partnership_does_not_render_again(
    reader, partnership, basket, other_partnership, other_indicator, monkeypatch, ask
) -> None:
    first = ask(reader, partnership)
    IndicatorValue.objects.create(indicator=other_indicator, period_start=Q2.start, value=Decimal("1"))
    AuditEvent.objects.create(verb="value_record", partnership=other_partnership, summary="other")
    monkeypatch.setattr(pdf, "render_pdf", lambda content: pytest.fail("rendered again"))
    assert ask(reader, partnership).file.name == first.file.name


def test_each_span_has_its_own_document(reader, partnership, basket, ask) -> None:
    quarter = ask(reader, partnership)
    year = ask(reader, partnership, ReportSpan.of(Period.year(2024)))
    assert quarter.pk != year.pk and year.span == "2024-25"
    assert "2024-25" in year.file.name


# ---------------------------------------------------------------------------
# While it is being prepared, when it fails, when it is lost


def test_while_pending_the_page_says_so_and_offers_to_check_again_without_refreshing(
    reader, partnership, basket, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        assert reader.post(pdf_url(partnership)).status_code == 302

    response = reader.get(pdf_url(partnership))

    page = squash(text_of(response))
    assert "Being prepared" in page and "It usually takes less than a minute." in page
    html = response.content.decode()
    assert f'href="{pdf_url(partnership)}">Check again</a>' in html
    assert 'http-equiv="refresh"' not in html.lower()
    assert "Prepare the PDF" not in page


def test_asking_twice_while_pending_queues_one_render(
    reader, partnership, basket, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reader.post(pdf_url(partnership))
        reader.post(pdf_url(partnership))
    assert len(tasks_queued(callbacks)) == 1
    assert ReportDocument.objects.get().status == RenderStatus.PENDING


def test_a_failed_render_shows_the_reason_and_can_be_tried_again(reader, partnership, basket, monkeypatch, ask) -> None:
    real = pdf.render_pdf

    def broken(content: object) -> None:
        raise ValueError("The report template is broken")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    document = ask(reader, partnership)
    assert (document.status, document.error) == (RenderStatus.FAILED, "ValueError: The report template is broken")
    assert not document.file

    page = squash(text_of(reader.get(pdf_url(partnership))))
    assert "The PDF could not be prepared" in page
    assert "The reason given: ValueError: The report template is broken" in page
    assert "Try again" in page
    download = reader.get(reverse("reports:report_pdf_download", args=[partnership.slug, document.pk]))
    assert download.status_code == 404

    monkeypatch.setattr(pdf, "render_pdf", real)
    again = ask(reader, partnership)
    assert (again.status, again.error) == (RenderStatus.READY, "")


def test_a_render_past_its_time_limit_says_so(partnership, basket, rendered, monkeypatch, settings) -> None:
    from celery.exceptions import SoftTimeLimitExceeded

    def slow(content: object) -> None:
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(pdf, "render_pdf", slow)
    document = rendered(partnership)
    expected = f"It took longer than {settings.PDF_TASK_SOFT_TIME_LIMIT} seconds to prepare."
    assert (document.status, document.error) == (RenderStatus.FAILED, expected)


def test_a_storage_failure_is_recorded_and_raised_for_the_task_to_retry(
    partnership, basket, scrutiny, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        document = pdf.report_pdf_request(partnership, SPAN, by=scrutiny, now=timezone.now())
    storage = ReportDocument._meta.get_field("file").storage

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "save", full)
    with pytest.raises(OSError):
        pdf.render_report(document.pk)
    document.refresh_from_db()
    assert document.status == RenderStatus.FAILED and "No space left on device" in document.error
    assert isinstance(OSError(), render_report_pdf.autoretry_for)

    monkeypatch.undo()
    pdf.render_report(document.pk)  # the retry
    document.refresh_from_db()
    assert document.status == RenderStatus.READY


def test_a_render_lost_with_its_worker_is_offered_again_and_swept(
    reader, partnership, basket, scrutiny, django_capture_on_commit_callbacks
) -> None:
    long_ago = timezone.now() - pdf.stale_after() - dt.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=False):
        pdf.report_pdf_request(partnership, SPAN, by=scrutiny, now=long_ago)

    page = squash(text_of(reader.get(pdf_url(partnership))))
    assert "This is taking longer than it should" in page and "Prepare the PDF again" in page

    with django_capture_on_commit_callbacks(execute=True):
        assert pdf.report_pdf_sweep(now=timezone.now()) == 1
    assert ReportDocument.objects.get().status == RenderStatus.READY
    assert pdf.report_pdf_sweep(now=timezone.now()) == 0


def test_beat_sweeps_the_lost_renders_every_ten_minutes(
    partnership, basket, scrutiny, django_capture_on_commit_callbacks
) -> None:
    from django_celery_beat.models import PeriodicTask

    from governance import periodic

    task = PeriodicTask.objects.get(task="reports.tasks.sweep_report_pdfs")  # put there by a migration
    assert task.enabled and (task.interval.every, task.interval.period) == (10, "minutes")
    long_ago = timezone.now() - pdf.stale_after() - dt.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=False):
        pdf.report_pdf_request(partnership, SPAN, by=scrutiny, now=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        runs = periodic.run_due_tasks()  # one tick of `make run`'s stand-in for beat
    assert any(run.task == task.task and run.ok for run in runs)
    assert ReportDocument.objects.get().status == RenderStatus.READY


def test_the_task_is_safe_to_run_twice(partnership, basket, rendered, monkeypatch) -> None:
    document = rendered(partnership)
    monkeypatch.setattr(pdf, "render_pdf", lambda content: pytest.fail("rendered twice"))
    assert render_report_pdf.apply(args=[document.pk]).get() == RenderStatus.READY
    assert render_report_pdf.apply(args=[0]).get() == "gone"


def test_the_render_task_goes_to_the_pdf_queue() -> None:
    route = celery_app.amqp.router.route({}, render_report_pdf.name)
    assert route["queue"].name == "pdf"
    assert render_report_pdf.acks_late


# ---------------------------------------------------------------------------
# The PDF's pages


def test_illustrative_figures_are_said_to_be_demonstration_data(partnership, basket, rendered, tmp_path) -> None:
    Indicator.objects.filter(pk=basket[0].pk).update(illustrative=True)
    document = rendered(partnership)
    pages = pdf_pages(stored(document), tmp_path)
    assert "Figures marked illustrative are demonstration data." in pages[0]
    assert "NI 8 Sport (illustrative)" in " ".join(pages)


def test_long_tables_repeat_their_headers_on_each_page(partnership, theme, rendered, tmp_path) -> None:
    for number in range(60):
        indicator = make_indicator(partnership, f"NI {number + 300}", theme=theme, title=f"Measure {number}")
        figures(indicator, Q2, str(number), "30")
    document = rendered(partnership)
    pages = pdf_pages(stored(document), tmp_path, layout=True)
    row = re.compile(r"Measure \d+\b.*Q2 2025/26\s+\d+%")  # a scorecard row, not a chart's caption
    scorecard = [page for page in pages if row.search(page)]
    assert len(scorecard) >= 3
    header = re.compile(r"^\s*Indicator\s+Period\s+Actual\s+Target\s+Rating\s+Direction of", re.M)
    assert all(header.search(page) for page in scorecard), scorecard
    assert all(f"Page {number} of {len(pages)}" in page for number, page in enumerate(pages, start=1))


def test_the_governance_tables_of_the_partnerships_boards_are_printed(
    partnership, board, basket, rendered, tmp_path
) -> None:
    document = rendered(partnership)
    whole = " ".join(pdf_pages(stored(document), tmp_path))
    assert "Size and meetings" in whole and "Attendance at the meetings held" in whole
    assert f"{partnership.name} {board.name}" in whole


def test_the_content_is_read_in_a_fixed_number_of_queries(partnership, theme, board) -> None:
    """Whatever the number of indicators (quarterly and yearly), risks and targets."""

    def queries_for(n: int) -> int:
        for number in range(n):
            quarterly = make_indicator(partnership, f"Q {n}-{number}", theme=theme)
            yearly = make_indicator(partnership, f"Y {n}-{number}", theme=theme, period_kind=PeriodKind.YEAR)
            figures(quarterly, Q2, "1", "2")
            figures(yearly, Period.year(2024), "3", "2")
            make_risk(theme, f"Risk {n}-{number}")
            Target.objects.create(partnership=partnership, code=f"T {n}-{number}", title="A target").indicators.add(
                quarterly
            )
        with CaptureQueriesContext(connection) as captured:
            pdf.report_html(pdf.report_content(partnership, SPAN, now=timezone.now()))
        return len(captured)

    assert queries_for(10) == queries_for(200)


# ---------------------------------------------------------------------------
# Who may


def test_only_report_readers_may_ask_for_or_download_the_pdf(
    client, partnership, basket, member, scrutiny, officer, other_officer, administrator, ask
) -> None:
    url = pdf_url(partnership)
    assert client.get(url).status_code == 302  # anonymous: to sign in
    response = client.post(url)
    assert response.status_code == 302 and "sign-in" in response["Location"]
    assert not ReportDocument.objects.exists()

    client.force_login(member)
    refused = client.get(url)
    assert refused.status_code == 403
    assert "Reports are for scrutiny councillors and partnership officers" in text_of(refused)
    assert client.post(url).status_code == 403
    assert not ReportDocument.objects.exists()

    client.force_login(scrutiny)
    document = ask(client, partnership)
    download = reverse("reports:report_pdf_download", args=[partnership.slug, document.pk])
    for reader in (officer, other_officer, administrator):  # readers read every partnership's reports
        client.force_login(reader)
        assert client.get(url).status_code == 200
        assert client.get(download).status_code == 200

    client.force_login(member)
    assert client.get(download).status_code == 403
    client.logout()
    assert client.get(download).status_code == 302


def test_the_action_refuses_a_member(partnership, member) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        pdf.report_pdf_request(partnership, SPAN, by=member, now=timezone.now())
    assert not ReportDocument.objects.exists()


def test_another_partnerships_document_is_not_found_under_this_partnership(
    reader, partnership, basket, other_partnership, ask
) -> None:
    document = ask(reader, partnership)
    other = reverse("reports:report_pdf_download", args=[other_partnership.slug, document.pk])
    assert reader.get(other).status_code == 404
    assert reader.get(reverse("reports:report_pdf_download", args=[partnership.slug, 999999])).status_code == 404
    assert reader.get(reverse("reports:report_pdf", args=["no-such-partnership"])).status_code == 404


def test_a_period_that_cannot_be_read_is_a_400_with_the_reason(reader, partnership) -> None:
    url = reverse("reports:report_pdf", args=[partnership.slug])
    response = reader.get(url, {"period": "next-year"})
    assert response.status_code == 400
    assert "There is no such period: choose one from the list." in text_of(response)
    refused = reader.post(f"{url}?period=2099-00")
    assert refused.status_code == 400
    assert not ReportDocument.objects.exists()


def test_the_download_answers_head_but_not_post(reader, partnership, basket, ask) -> None:
    document = ask(reader, partnership)
    url = reverse("reports:report_pdf_download", args=[partnership.slug, document.pk])
    assert reader.head(url).status_code == 200
    assert reader.post(url).status_code == 405


def test_the_status_page_runs_a_bounded_number_of_queries(
    reader, partnership, theme, basket, django_assert_max_num_queries, ask
) -> None:
    ask(reader, partnership)
    for number in range(200):
        figures(make_indicator(partnership, f"B {number}", theme=theme), Q2, "1", "2")
    with django_assert_max_num_queries(4):  # the user, the partnership, the document, whether anything changed
        assert reader.get(pdf_url(partnership)).status_code == 200
