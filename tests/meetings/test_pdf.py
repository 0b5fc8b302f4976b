"""The agenda pack and minutes PDFs (SPEC §4 "Minutes", §8): rendered by the Celery task
with WeasyPrint, the PDF papers merged after the agenda, stored under a fresh name, and
rendered again only when the public content changes; nothing exempt or unpublished in
them; served only when public; WeasyPrint fetches only the portal's static files."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from meetings import actions, pdf
from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    DocumentKind,
    ExemptCategory,
    Meeting,
    MeetingStatus,
    Paper,
    RenderedDocument,
    RenderStatus,
)
from partnerships import actions as partnership_actions
from tests.factories import make_item, make_meeting

EXEMPT_TITLE = "Award of the Riverside hostel contract"
EXEMPT_PAPER = "Tender scores for Riverside"
UNPUBLISHED_PAPER = "Draft options not yet agreed"


# ---------------------------------------------------------------------------
# Helpers and local fixtures


def text_pdf(*pages: str) -> bytes:
    """A PDF with one line of (extractable) text on each page, built with pypdf."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for text in pages:
        page = writer.add_blank_page(595, 842)
        stream = DecodedStreamObject()
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream.set_data(f"BT /F1 16 Tf 72 760 Td ({escaped}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    """A minimal Word document that filetype recognises by its content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pages_text(body: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(io.BytesIO(body)).pages]


def stored(document: RenderedDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def _eager(eager_tasks: None) -> None:
    """Run the render task in-process even where REDIS_URL is set (CI)."""


@pytest.fixture
def meeting(board) -> Meeting:
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=40)
    return make_meeting(board, start, published=False, venue="County Hall, Shiretown")


@pytest.fixture
def add_item(officer) -> Callable[..., AgendaItem]:
    def add(meeting: Meeting, title: str, **fields: object) -> AgendaItem:
        return actions.item_add(meeting, title=title, by=officer, **fields)

    return add


@pytest.fixture
def add_paper(officer) -> Callable[..., Paper]:
    def add(item: AgendaItem, title: str, body: bytes, name: str = "paper.pdf", publish: bool = True) -> Paper:
        paper = actions.paper_add(
            item, SimpleUploadedFile(name, body), title=title, author_name="Olivia Officer", by=officer
        )
        if publish:
            actions.paper_publish(paper, by=officer)
        return paper

    return add


@pytest.fixture
def published(meeting, officer, add_item, add_paper, django_capture_on_commit_callbacks) -> Iterator[Meeting]:
    """A published agenda: two public items with PDF papers (2 + 3 pages), an exempt
    item with a published paper, and a public item whose paper is not yet published."""
    budget = add_item(meeting, "Pooled budget outturn", lead_officer="Olivia Officer")
    add_paper(budget, "Budget report", text_pdf("Budget report page 1", "Budget report page 2"))
    plan = add_item(meeting, "Joint strategic needs assessment")
    add_paper(plan, "JSNA summary", text_pdf("JSNA summary page 1", "JSNA summary page 2", "JSNA summary page 3"))
    exempt = add_item(meeting, EXEMPT_TITLE, exempt=True, exempt_category=ExemptCategory.FINANCIAL)
    add_paper(exempt, EXEMPT_PAPER, text_pdf("Tender scores page 1"))
    later = add_item(meeting, "Forward plan")
    add_paper(later, UNPUBLISHED_PAPER, text_pdf("Draft options page 1"), publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        actions.agenda_publish(meeting, by=officer, confirm_missing=True)
    meeting.refresh_from_db()
    yield meeting


def pack(meeting: Meeting) -> RenderedDocument:
    return RenderedDocument.objects.get(meeting=meeting, kind=DocumentKind.AGENDA_PACK)


# ---------------------------------------------------------------------------
# The agenda pack


def test_agenda_pack_is_the_rendered_agenda_followed_by_the_pdf_papers(published, board):
    document = pack(published)
    assert document.status == RenderStatus.READY, document.error
    body = stored(document)
    texts = pages_text(body)

    assert len(PdfReader(io.BytesIO(body)).pages) == document.pages == len(texts)
    first_paper_page = next(i for i, text in enumerate(texts) if "Budget report page 1" in text)
    assert first_paper_page >= 1
    # Rendered agenda pages, then 2 + 3 merged paper pages in agenda order.
    assert document.pages == first_paper_page + 5
    assert [t for t in texts[first_paper_page:] if t.strip()] == [
        "Budget report page 1",
        "Budget report page 2",
        "JSNA summary page 1",
        "JSNA summary page 2",
        "JSNA summary page 3",
    ]
    assert board.name in texts[0]
    assert "Contents" in texts[0]
    assert f"Page 1 of {document.pages}" in texts[0]
    # The contents gives the page each paper starts on, counted across the whole pack.
    assert re.search(rf"Budget report[ .]*{first_paper_page + 1}\b", texts[0])
    assert re.search(rf"JSNA summary[ .]*{first_paper_page + 3}\b", texts[0])


def test_exempt_items_and_unpublished_papers_never_reach_the_pack(published):
    text = " ".join(pages_text(stored(pack(published))))
    assert "Exempt item" in text
    assert "Financial or business affairs" in text
    for secret in (EXEMPT_TITLE, EXEMPT_PAPER, "Tender scores page 1", UNPUBLISHED_PAPER, "Draft options page 1"):
        assert secret not in text


def test_a_word_paper_is_listed_to_download_separately_with_its_address(
    meeting, officer, add_item, add_paper, django_capture_on_commit_callbacks
):
    item = add_item(meeting, "Housing strategy")
    paper = add_paper(item, "Housing strategy consultation", docx_bytes(), name="consultation.docx")
    with django_capture_on_commit_callbacks(execute=True):
        actions.agenda_publish(meeting, by=officer)
    text = " ".join(pages_text(stored(pack(meeting))))
    assert "Housing strategy consultation" in text
    assert "available to download separately" in text
    address = reverse("meetings:paper_download", args=[meeting.pk, paper.pk, 1])
    assert address in text.replace(" ", "")


def test_a_pdf_paper_that_cannot_be_read_is_listed_separately_not_fatal(
    meeting, officer, add_item, add_paper, django_capture_on_commit_callbacks
):
    item = add_item(meeting, "Pooled budget outturn")
    add_paper(item, "Budget report", text_pdf("Budget report page 1"))
    add_paper(item, "Scanned appendix", b"%PDF-1.4\nnot really a PDF\n%%EOF\n", name="appendix.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        actions.agenda_publish(meeting, by=officer)
    document = pack(meeting)
    assert document.status == RenderStatus.READY, document.error
    texts = pages_text(stored(document))
    assert texts[-1].strip() == "Budget report page 1"
    assert re.search(r"Scanned appendix: PDF, available to download separately", " ".join(texts))


def test_rendering_again_without_a_change_does_not_render(published, monkeypatch):
    before = pack(published)

    def must_not_render(content: pdf.DocumentContent) -> pdf.RenderedPdf:
        raise AssertionError("rendered although nothing changed")

    monkeypatch.setattr(pdf, "render_pdf", must_not_render)
    pdf.render_meeting_documents(published.pk)
    after = pack(published)
    assert after.status == RenderStatus.READY
    assert (after.rendered_at, after.file.name, after.content_hash) == (
        before.rendered_at,
        before.file.name,
        before.content_hash,
    )


def test_publishing_another_paper_renders_a_new_file_and_keeps_the_old_one(
    published, officer, add_paper, django_capture_on_commit_callbacks
):
    before = pack(published)
    old_name, old_body = before.file.name, stored(before)
    item = published.items.get(title="Forward plan")
    with django_capture_on_commit_callbacks(execute=True):
        add_paper(item, "Forward plan of business", text_pdf("Forward plan page 1"))

    after = pack(published)
    assert after.status == RenderStatus.READY
    assert after.content_hash != before.content_hash
    assert after.file.name != old_name
    assert after.pages == before.pages + 1
    assert "Forward plan page 1" in " ".join(pages_text(stored(after)))
    # The earlier file is still there, byte for byte.
    with after.file.storage.open(old_name, "rb") as handle:
        assert handle.read() == old_body


def test_a_failed_render_is_recorded_not_raised(published, monkeypatch, add_paper, django_capture_on_commit_callbacks):
    def broken(content: pdf.DocumentContent) -> pdf.RenderedPdf:
        raise RuntimeError("the font cache is unwritable")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    item = published.items.get(title="Forward plan")
    with django_capture_on_commit_callbacks(execute=True):
        add_paper(item, "Forward plan of business", text_pdf("Forward plan page 1"))
    document = pack(published)
    assert document.status == RenderStatus.FAILED
    assert "the font cache is unwritable" in document.error


def test_a_template_asking_for_a_remote_file_fails_the_render(published, monkeypatch):
    """The fetcher is wired into the render: a refused URL stops it (no silent fetch)."""
    monkeypatch.setattr(pdf, "PDF_FORMAT", pdf.PDF_FORMAT + 1)  # new content hash: render again
    monkeypatch.setattr(
        pdf,
        "render_to_string",
        lambda *args: '<html><head><link rel="stylesheet" href="http://example.com/x.css"></head></html>',
    )
    pdf.render_meeting_documents(published.pk)
    document = pack(published)
    assert document.status == RenderStatus.FAILED
    assert "http://example.com/x.css" in document.error


# ---------------------------------------------------------------------------
# The minutes


def test_minutes_pdf_exists_only_once_the_minutes_are_published(
    published, officer, seat, client, django_capture_on_commit_callbacks
):
    assert not RenderedDocument.objects.filter(meeting=published, kind=DocumentKind.MINUTES).exists()
    assert client.get(reverse("meetings:minutes_pdf", args=[published.pk])).status_code == 404

    items = {item.title: item for item in published.items.all()}
    items["Pooled budget outturn"].minutes = "The board agreed to carry the underspend forward."
    items["Pooled budget outturn"].save()
    items[EXEMPT_TITLE].minutes = "The board chose the Riverside bidder."
    items[EXEMPT_TITLE].save()
    Attendance.objects.create(meeting=published, membership=seat, person=seat.person, organisation=seat.organisation)
    Declaration.objects.create(
        item=items["Joint strategic needs assessment"], membership=seat, nature="Trustee of a local charity"
    )
    Declaration.objects.create(item=items[EXEMPT_TITLE], membership=seat, nature="Knows a bidder")
    Meeting.objects.filter(pk=published.pk).update(status=MeetingStatus.MINUTES_APPROVED)
    published.refresh_from_db()
    pdf.render_meeting_documents(published.pk)
    assert not RenderedDocument.objects.filter(meeting=published, kind=DocumentKind.MINUTES).exists()

    with django_capture_on_commit_callbacks(execute=True):
        actions.minutes_publish(published, by=officer)

    minutes = RenderedDocument.objects.get(meeting=published, kind=DocumentKind.MINUTES)
    assert minutes.status == RenderStatus.READY, minutes.error
    texts = pages_text(stored(minutes))
    text = " ".join(texts)
    assert "MINUTES" in texts[0] and "Contents" in texts[0]  # the cover label is set in capitals
    assert f"Page 1 of {minutes.pages}" in texts[0]
    assert "The board agreed to carry the underspend forward." in text
    assert "Cllr Mary Member" in text
    assert "Trustee of a local charity" in text
    for secret in (EXEMPT_TITLE, "Riverside bidder", "Knows a bidder"):
        assert secret not in text
    response = client.get(reverse("meetings:minutes_pdf", args=[published.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored(minutes)


def test_content_for_minutes_is_none_until_they_are_published(published):
    assert pdf.content_for(published, DocumentKind.MINUTES) is None
    assert pdf.content_for(published, DocumentKind.AGENDA_PACK) is not None


# ---------------------------------------------------------------------------
# Downloads and status


def test_download_and_status_are_404_until_the_agenda_is_published(meeting, client):
    for name in ("meetings:agenda_pack", "meetings:minutes_pdf", "meetings:documents_status"):
        assert client.get(reverse(name, args=[meeting.pk])).status_code == 404
    assert not RenderedDocument.objects.filter(meeting=meeting).exists()


def test_agenda_pack_is_served_inline_with_safe_headers(published, client):
    response = client.get(reverse("meetings:agenda_pack", args=[published.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    date = published.date.isoformat()
    assert response["Content-Disposition"] == f'inline; filename="partnership-board-{date}-agenda-pack.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_pack_made_stale_by_an_item_turning_exempt_is_not_served(
    published, client, django_capture_on_commit_callbacks
):
    # Bypassing the actions, so no render is queued: the view must notice by itself,
    # and (a GET never writes) leave the render to the beat sweep.
    AgendaItem.objects.filter(meeting=published, title="Pooled budget outturn").update(
        exempt=True, exempt_category=ExemptCategory.INDIVIDUAL
    )
    address = reverse("meetings:agenda_pack", args=[published.pk])
    before = pack(published)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert client.get(address).status_code == 404
        status = client.get(reverse("meetings:documents_status", args=[published.pk])).json()
    assert status["documents"] == {"agenda_pack": {"status": "pending"}}
    assert not queued, "a GET queues nothing"
    after = pack(published)
    assert (after.status, after.content_hash, after.requested_at) == (
        RenderStatus.READY,
        before.content_hash,
        before.requested_at,
    )

    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert pdf.renders_sweep(now=timezone.now()) == 1
    assert len(queued) == 1, "one render is queued for the changed content"
    assert pack(published).status == RenderStatus.PENDING
    with django_capture_on_commit_callbacks(execute=False) as again:
        assert pdf.renders_sweep(now=timezone.now()) == 0, "a claimed render is not claimed twice"
    assert not again

    for callback in queued:
        callback()
    assert pack(published).status == RenderStatus.READY
    response = client.get(address)
    assert response.status_code == 200
    text = " ".join(pages_text(b"".join(response.streaming_content)))
    assert "Pooled budget outturn" not in text
    assert "Budget report page 1" not in text


def test_the_sweep_requeues_lost_and_failed_renders_after_the_staleness_delay(
    published, django_capture_on_commit_callbacks
):
    now = timezone.now()
    document = pack(published)
    RenderedDocument.objects.filter(pk=document.pk).update(status=RenderStatus.FAILED, requested_at=now)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert pdf.renders_sweep(now=now + dt.timedelta(seconds=60)) == 0  # failed a minute ago: left alone
        assert not queued
        later = now + pdf._stale_after() + dt.timedelta(seconds=1)
        assert pdf.renders_sweep(now=later) == 1
    assert len(queued) == 1
    assert pack(published).status == RenderStatus.PENDING
    with django_capture_on_commit_callbacks(execute=False) as lost:
        # The worker died: still pending long after; claimed again, once.
        much_later = later + pdf._stale_after() + dt.timedelta(seconds=1)
        assert pdf.renders_sweep(now=much_later) == 1
        assert pdf.renders_sweep(now=much_later) == 0
    assert len(lost) == 1


def test_the_eager_sweep_renders_what_is_missing_in_process(published):
    RenderedDocument.objects.filter(meeting=published).delete()
    assert pdf.renders_sweep(now=timezone.now(), grace=dt.timedelta(0), eager=True) == 1
    assert pack(published).status == RenderStatus.READY
    assert pdf.renders_sweep(now=timezone.now(), grace=dt.timedelta(0), eager=True) == 0


def test_an_action_stores_the_new_content_hash_as_pending_before_the_render(
    published, officer, add_paper, django_capture_on_commit_callbacks
):
    before = pack(published)
    item = published.items.get(title="Forward plan")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        add_paper(item, "Forward plan of business", text_pdf("Forward plan page 1"))
    document = pack(published)
    assert document.status == RenderStatus.PENDING
    assert document.content_hash == pdf.content_for(published, DocumentKind.AGENDA_PACK).content_hash
    assert document.content_hash != before.content_hash
    assert queued


def test_status_says_pending_then_gives_the_link_when_ready(
    meeting, officer, add_item, add_paper, client, django_assert_max_num_queries
):
    item = add_item(meeting, "Pooled budget outturn")
    add_paper(item, "Budget report", text_pdf("Budget report page 1"))
    actions.agenda_publish(meeting, by=officer)  # on_commit never runs: nothing rendered yet
    address = reverse("meetings:documents_status", args=[meeting.pk])

    response = client.get(address)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {"meeting": meeting.pk, "documents": {"agenda_pack": {"status": "pending"}}}

    pdf.render_meeting_documents(meeting.pk)
    with django_assert_max_num_queries(8):
        payload = client.get(address).json()
    entry = payload["documents"]["agenda_pack"]
    document = pack(meeting)
    assert entry["status"] == "ready"
    assert entry["url"] == reverse("meetings:agenda_pack", args=[meeting.pk])
    assert entry["pages"] == document.pages
    assert entry["link_text"].startswith(f"Download the agenda pack (PDF, {document.pages} pages, ")


# ---------------------------------------------------------------------------
# The partial on the meeting page


def test_the_partial_announces_a_pending_pack_and_polls_for_it(published):
    document = pack(published)
    document.status = RenderStatus.PENDING
    html = render_to_string("meetings/_documents.html", {"meeting": published, "documents": {"agenda_pack": document}})
    status_url = reverse("meetings:documents_status", args=[published.pk])
    assert re.search(
        rf'<p class="govuk-body" aria-live="polite" data-document-kind="agenda_pack" data-status-url="{status_url}">',
        html,
    )
    assert "The agenda pack is being prepared. This page will update when it is ready." in html
    assert "Refresh the page</a>" in html
    assert re.search(r'<script src="/static/js/documents\.js" defer></script>', html)
    assert "<script>" not in html and "style=" not in html


def test_the_partial_links_to_a_ready_pack_with_pages_and_size(published):
    document = pack(published)
    html = render_to_string(
        "meetings/_documents.html", {"meeting": published, "documents": pdf.public_documents(published)}
    )
    link = reverse("meetings:agenda_pack", args=[published.pk])
    assert re.search(
        rf'<a class="govuk-link" href="{link}">Download the agenda pack \(PDF, {document.pages} pages, [\d.]+ KB\)</a>',
        html,
    )
    assert "aria-live" not in html


# ---------------------------------------------------------------------------
# WeasyPrint's URL fetcher (SPEC §8)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/",
        "https://example.com/static/css/print.css",
        "/static/../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/media/papers/secret.pdf",
        "data:text/css,body{}",
        "ftp://example.com/x.css",
    ],
)
def test_the_url_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ValueError):
        pdf.static_files_fetcher().fetch(url)


def test_the_url_fetcher_serves_the_portals_static_files(settings):
    fetcher = pdf.static_files_fetcher()
    for url in ("/static/css/print.css", settings.SITE_URL.rstrip("/") + "/static/css/print.css"):
        response = fetcher.fetch(url)
        assert response.content_type == "text/css"
        assert b"@page" in response.read()


@pytest.mark.django_db
def test_the_minutes_pdf_lists_the_decisions_taken_at_the_meeting(officer, board):
    """Issue 4: the minutes of a meeting list its decisions."""
    import datetime as dt

    from django.utils import timezone

    from decisions import actions as decision_actions
    from meetings.models import MeetingStatus
    from meetings.pdf import content_for

    now = timezone.now()
    meeting = make_meeting(
        board,
        now - dt.timedelta(days=30),
        venue="County Hall",
        status=MeetingStatus.MINUTES_PUBLISHED,
        agenda_published_at=now - dt.timedelta(days=45),
        minutes_published_at=now - dt.timedelta(days=1),
    )
    item = make_item(meeting, "Strategy", purpose="decision")
    secret = make_item(meeting, "Contract", purpose="decision", exempt=True)
    decision_actions.proposal_create(item, title="Adopt the strategy", text="Adopt.", by=officer)
    decision_actions.proposal_create(secret, title="Award to Acme", text="Award.", by=officer)
    data = content_for(meeting, "minutes").data
    minuted = [d for i in data["items"] for d in i.get("decisions", [])]
    assert [d["title"] for d in minuted] == ["Adopt the strategy"]
    assert "Award to Acme" not in str(data)


def _held_long_ago(meeting: Meeting, days: int = 400) -> None:
    shift = dt.timedelta(days=days + 40)
    Meeting.objects.filter(pk=meeting.pk).update(start=F("start") - shift, end=F("end") - shift)


def _sweep_time_for(meeting: Meeting, *, in_slot: bool) -> dt.datetime:
    """A time whose sweep reads the meeting's slice (this slot or the one before), or not."""
    now = timezone.now()
    slot = meeting.pk % pdf.SWEEP_SLICES
    for step in range(pdf.SWEEP_SLICES):
        at = now + pdf.SWEEP_INTERVAL * step
        read = slot in {pdf._sweep_slot(at), pdf._sweep_slot(at - pdf.SWEEP_INTERVAL)}
        if read is in_slot:
            return at
    raise AssertionError("no such slot")


def test_a_sweep_reads_an_old_meeting_with_ready_documents_only_in_its_slice_of_the_day(
    published, django_capture_on_commit_callbacks
):
    """At ten-year scale reading every public meeting's content every ten minutes took
    minutes of CPU: an old meeting whose documents are ready is read once a day."""
    _held_long_ago(published)
    AgendaItem.objects.filter(meeting=published, exempt=False).update(title="Renamed around the actions")
    assert published not in pdf.sweep_candidates(_sweep_time_for(published, in_slot=False))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert pdf.renders_sweep(now=_sweep_time_for(published, in_slot=False)) == 0
        assert pdf.renders_sweep(now=_sweep_time_for(published, in_slot=True)) == 1  # its stale pack, found
    assert len(queued) == 1
    assert pdf.sweep_candidates(timezone.now(), everything=True).filter(pk=published.pk).exists()


@pytest.mark.parametrize("state", ["missing", "failed", "pending", "no file"])
def test_a_sweep_reads_a_meeting_whose_documents_are_not_all_ready_whenever_it_runs(published, state):
    _held_long_ago(published)
    document = pack(published)
    if state == "missing":
        document.delete()
    elif state == "no file":
        RenderedDocument.objects.filter(pk=document.pk).update(file="")
    else:
        RenderedDocument.objects.filter(pk=document.pk).update(status=state)
    now = _sweep_time_for(published, in_slot=False)
    assert list(pdf.sweep_candidates(now)) == [published]


def test_a_sweep_reads_recent_and_coming_meetings_whenever_it_runs(published):
    assert pack(published).status == RenderStatus.READY
    now = _sweep_time_for(published, in_slot=False)
    assert list(pdf.sweep_candidates(now)) == [published]  # still to come
    _held_long_ago(published, days=pdf.RECENT_DAYS - 50)
    assert list(pdf.sweep_candidates(now)) == [published]  # held within RECENT_DAYS
    _held_long_ago(published, days=pdf.RECENT_DAYS)
    assert list(pdf.sweep_candidates(now)) == []


def test_choosing_what_a_sweep_reads_is_one_query(published, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(pdf.sweep_candidates(timezone.now()))


def test_a_sweep_does_not_read_again_a_meeting_whose_renders_were_all_just_claimed(published, monkeypatch):
    """After a restore thousands of meetings wait for renders: those claimed within the
    grace period are passed over without reading their content."""
    now = timezone.now()
    RenderedDocument.objects.filter(meeting=published).update(status=RenderStatus.PENDING, requested_at=now)
    read = []
    real = pdf.content_for
    monkeypatch.setattr(pdf, "content_for", lambda *args, **kwargs: read.append(args[0]) or real(*args, **kwargs))
    assert pdf.renders_sweep(now=now + dt.timedelta(seconds=60)) == 0
    assert read == []
    assert pdf.renders_sweep(now=now + pdf._stale_after() + dt.timedelta(seconds=1)) == 1  # lost: claimed again
    assert read


def test_a_sweep_reads_the_old_meetings_of_a_partnership_whose_board_was_just_renamed(
    published, administrator, django_capture_on_commit_callbacks
):
    """The board's name heads every page of its PDFs; renaming it goes through the
    partnerships' actions, which ask for no render: the next sweep finds them stale."""
    _held_long_ago(published)
    now = _sweep_time_for(published, in_slot=False)
    assert list(pdf.sweep_candidates(now)) == []
    partnership_actions.board_update(published.board, by=administrator, now=now, name="Renamed board")
    assert list(pdf.sweep_candidates(now + pdf.SWEEP_INTERVAL)) == [published]
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert pdf.renders_sweep(now=now + pdf.SWEEP_INTERVAL) == 1
    assert len(queued) == 1
    assert list(pdf.sweep_candidates(now + pdf.DETAILS_LOOKBACK + pdf.SWEEP_INTERVAL)) == [published]  # pending
