"""The report's PDF through a real Celery worker on Redis (SPEC §7 "the report as PDF",
§8; issue 10 item 7): a reader's request commits a pending row and queues the render on
the ``pdf`` queue; the worker renders it with WeasyPrint and marks it ready; a second
request with nothing new is answered without the worker.

The worker shares the test database and (through the environment) MEDIA_ROOT, so the
file it saves is read here; it is deleted at the end.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.utils import timezone

from meetings.models import RenderStatus
from reports import pdf
from reports.models import Indicator, IndicatorTarget, IndicatorValue, ReportDocument, Theme
from reports.periods import Period, ReportSpan

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

Q1, Q2 = Period.quarter(2025, 1), Period.quarter(2025, 2)
SPAN = ReportSpan.of(Q2)
RECORDED = timezone.make_aware(dt.datetime(2025, 11, 14, 10, 0))
RENDER_TIMEOUT = 90.0  # the worker's first render imports WeasyPrint and loads its fonts


@pytest.fixture
def basket(partnership) -> list[Indicator]:
    theme = Theme.objects.create(partnership=partnership, name="Healthier communities")
    made = []
    for code, title, actual, target in (("NI 8", "Sport", "58", "60"), ("NI 39", "Alcohol", "270", "280")):
        indicator = Indicator.objects.create(
            partnership=partnership,
            theme=theme,
            code=code,
            slug=code.lower().replace(" ", "-"),
            title=title,
            unit="%",
            higher_is_better=code == "NI 8",
            created_at=RECORDED,
        )
        for model, value in ((IndicatorValue, actual), (IndicatorTarget, target)):
            model.objects.create(indicator=indicator, period_start=Q2.start, value=Decimal(value), recorded_at=RECORDED)
        made.append(indicator)
    return made


@pytest.fixture
def rendered_files() -> Iterator[list[str]]:
    """The names of the files the worker saved, deleted after the test."""
    names: list[str] = []
    yield names
    storage = ReportDocument._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def test_the_worker_renders_the_report_pdf_asked_for(worker, partnership, basket, scrutiny, rendered_files) -> None:
    document = pdf.report_pdf_request(partnership, SPAN, by=scrutiny, now=timezone.now())
    # Committed as pending; the render was queued on commit, for the worker.
    assert ReportDocument.objects.get(pk=document.pk).status == RenderStatus.PENDING

    worker.wait_for(
        lambda: ReportDocument.objects.get(pk=document.pk).status != RenderStatus.PENDING,
        "the worker to render the report's PDF",
        timeout=RENDER_TIMEOUT,
    )

    document.refresh_from_db()
    rendered_files.append(document.file.name)
    assert document.status == RenderStatus.READY, (document.error, worker.tail())
    assert document.pages and document.pages >= 4
    assert f"{partnership.slug}-{SPAN.slug}-" in document.file.name
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    # The row is marked ready before the task returns: wait for the worker's own line.
    succeeded = re.compile(r"reports\.tasks\.render_report_pdf\[[^\]]+\] succeeded")
    worker.wait_for(lambda: succeeded.search(worker.log_text()), "the worker to log the task's success", timeout=30)
    log = worker.log_text()

    # Nothing recorded since: the same file, no second task for the worker.
    again = pdf.report_pdf_request(partnership, SPAN, by=scrutiny, now=timezone.now())
    assert (again.status, again.file.name) == (RenderStatus.READY, document.file.name)
    assert log.count("reports.tasks.render_report_pdf[") == worker.log_text().count("reports.tasks.render_report_pdf[")


def test_a_new_figure_has_the_worker_render_a_new_file(worker, partnership, basket, scrutiny, rendered_files) -> None:
    first = pdf.report_pdf_request(partnership, SPAN, by=scrutiny, now=timezone.now())
    ready = lambda: ReportDocument.objects.get(pk=first.pk).status == RenderStatus.READY  # noqa: E731
    worker.wait_for(ready, "the first render", timeout=RENDER_TIMEOUT)
    first.refresh_from_db()
    rendered_files.append(first.file.name)

    IndicatorValue.objects.create(indicator=basket[0], period_start=Q2.start, value=Decimal("61"))
    second = pdf.report_pdf_request(partnership, SPAN, by=scrutiny, now=timezone.now())
    assert second.status == RenderStatus.PENDING
    worker.wait_for(ready, "the second render", timeout=RENDER_TIMEOUT)

    second.refresh_from_db()
    rendered_files.append(second.file.name)
    assert second.file.name != first.file.name
    assert second.file.storage.exists(first.file.name), "the first file is kept"
