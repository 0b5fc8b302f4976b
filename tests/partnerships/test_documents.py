"""Delegation evidence and memorandum documents (issue 11 item 3): checked as papers are
(type from the content, size limit, zip bombs) through the officer forms, stored under a
fresh name from the checked type, never overwritten, and served to anyone who may see
the pages listing them, with the headers papers are served with."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from governance.uploads import ALLOWED_TYPES, NOT_A_PAPER, TOO_COMPRESSED, TOO_LARGE_UNPACKED
from partnerships.models import AuditEvent, Delegation, MemorandumOfUnderstanding
from tests.meetings.test_upload_hostile import bomb_odt, docx, zeros_deflated
from tests.pages import error_summary, text_of
from tests.partnerships.test_queries import BOARD_QUERIES

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"%" * 2000 + b"\n%%EOF\n"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media: Path) -> list[Path]:
    return sorted(path for path in media.rglob("*") if path.is_file())


@pytest.fixture
def anonymous() -> Client:
    """A visitor who is not signed in (``officer_client`` signs in the ``client``)."""
    return Client()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """0.5 MB that declares 512 MiB unpacked."""
    return bomb_odt(zeros_deflated(512))


@pytest.fixture
def delegation_data(board, county, seat, date_input):
    return {
        "organisation": county.pk,
        "person": seat.person_id,
        "scope": "Agree the joint commissioning plan",
        "evidence_reference": "Cabinet, 19 November 2009, minute 87",
        **date_input("valid_from", D(2024, 1, 1)),
        **date_input("valid_to", None),
    }


@pytest.fixture
def mou_data(county, district, date_input):
    return {
        "title": "Memorandum of Understanding 2024",
        "text": "The partners agree to work together.",
        "required_signatories": [county.pk, district.pk],
        **date_input("effective_from", None),
        **date_input("review_date", None),
        "voting_unit": "organisation",
        "active_consent": "on",
        "fallback_from_round": "2",
    }


def record_delegation(client, board, data, content: bytes | None, name: str = "evidence.pdf"):
    if content is not None:
        data = {**data, "evidence_document": SimpleUploadedFile(name, content)}
    return client.post(reverse("manage:delegation_new", args=[board.partnership.slug, board.slug]), data)


def add_mou(client, board, data, content: bytes | None, name: str = "mou.pdf"):
    if content is not None:
        data = {**data, "document": SimpleUploadedFile(name, content)}
    return client.post(reverse("manage:mou_new", args=[board.partnership.slug, board.slug]), data)


def evidence_url(delegation: Delegation) -> str:
    board = delegation.board
    return reverse("delegation_evidence", args=[board.partnership.slug, board.slug, delegation.pk])


def document_url(mou: MemorandumOfUnderstanding) -> str:
    board = mou.board
    return reverse("mou_document", args=[board.partnership.slug, board.slug, mou.version])


# ---------------------------------------------------------------------------
# Refused through the officer forms, with nothing stored


def hostile(bomb_content: bytes) -> list[tuple[bytes, str, tuple[str, ...]]]:
    return [
        (HTML, "evidence.html", (NOT_A_PAPER,)),
        (HTML, "evidence.pdf", (NOT_A_PAPER,)),  # the name does not decide the type
        (bomb_content, "evidence.odt", (TOO_LARGE_UNPACKED, TOO_COMPRESSED)),
    ]


@pytest.mark.parametrize("case", [0, 1, 2], ids=["html", "html-named-pdf", "zip-bomb"])
def test_a_hostile_evidence_document_is_refused_with_the_form_error_and_nothing_stored(
    officer_client, board, delegation_data, media, bomb, case
):
    content, name, messages = hostile(bomb)[case]
    response = record_delegation(officer_client, board, delegation_data, content, name)
    assert response.status_code == 400
    summary = error_summary(response)
    assert any(message.replace("\xa0", " ") in summary for message in messages), summary
    assert response.context["form"].errors["evidence_document"]
    assert not Delegation.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize("case", [0, 1, 2], ids=["html", "html-named-pdf", "zip-bomb"])
def test_a_hostile_memorandum_document_is_refused_with_the_form_error_and_nothing_stored(
    officer_client, board, mou_data, media, bomb, case
):
    content, name, messages = hostile(bomb)[case]
    response = add_mou(officer_client, board, mou_data, content, name.replace("evidence", "mou"))
    assert response.status_code == 400
    summary = error_summary(response)
    assert any(message.replace("\xa0", " ") in summary for message in messages), summary
    assert response.context["form"].errors["document"]
    assert not MemorandumOfUnderstanding.objects.exists()
    assert stored_files(media) == []


def test_an_oversized_document_is_refused_on_both_forms(
    officer_client, board, delegation_data, mou_data, media, settings
):
    settings.UPLOAD_MAX_BYTES = 1024
    response = record_delegation(officer_client, board, delegation_data, PDF)
    assert "The selected file must be smaller than 1.0" in error_summary(response)
    response = add_mou(officer_client, board, mou_data, PDF)
    assert "The selected file must be smaller than 1.0" in error_summary(response)
    assert not Delegation.objects.exists()
    assert not MemorandumOfUnderstanding.objects.exists()
    assert stored_files(media) == []


def test_the_forms_say_which_files_they_take(officer_client, board):
    p, b = board.partnership.slug, board.slug
    for url in (reverse("manage:delegation_new", args=[p, b]), reverse("manage:mou_new", args=[p, b])):
        assert "PDF, DOCX, ODT or XLSX, up to 20.0 MB" in text_of(officer_client.get(url))


# ---------------------------------------------------------------------------
# Stored under a checked name, never overwritten


def test_valid_documents_are_stored_under_a_name_from_their_checked_type(
    officer_client, board, delegation_data, mou_data, media
):
    # A DOCX named .pdf is stored as the DOCX it is; the uploader's name is not kept.
    response = record_delegation(officer_client, board, delegation_data, docx(), "Cabinet minute 87.pdf")
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    name = delegation.evidence_document.name
    assert name.startswith(f"delegations/{dt.date.today():%Y}/delegation-") and name.endswith(".docx")
    assert "Cabinet" not in name
    assert (media / name).read_bytes() == docx()

    response = add_mou(officer_client, board, mou_data, PDF, "signed.html")
    assert response.status_code == 302
    mou = MemorandumOfUnderstanding.objects.get()
    assert mou.document.name.startswith(f"mous/{dt.date.today():%Y}/mou-{board.pk}-v1-")
    assert mou.document.name.endswith(".pdf")
    add_mou(officer_client, board, {**mou_data, "title": "Amended"}, PDF)
    second = MemorandumOfUnderstanding.objects.get(version=2)
    assert second.document.name.startswith(f"mous/{dt.date.today():%Y}/mou-{board.pk}-v2-")
    assert len(stored_files(media)) == 3


def test_replacing_the_evidence_keeps_the_old_file_and_audits_the_change(officer_client, board, delegation_data, media):
    record_delegation(officer_client, board, delegation_data, PDF)
    delegation = Delegation.objects.get()
    first = delegation.evidence_document.name
    edit = reverse("manage:delegation_edit", args=[board.partnership.slug, board.slug, delegation.pk])

    # An edit without a new file keeps the evidence and records no change of it.
    assert officer_client.post(edit, {**delegation_data, "scope": "Agree the budget"}).status_code == 302
    delegation.refresh_from_db()
    assert delegation.evidence_document.name == first

    response = officer_client.post(edit, {**delegation_data, "evidence_document": SimpleUploadedFile("new.pdf", PDF)})
    assert response.status_code == 302
    delegation.refresh_from_db()
    second = delegation.evidence_document.name
    assert second != first and second.endswith(".pdf")
    assert (media / first).read_bytes() == PDF  # the replaced file is kept
    assert (media / second).read_bytes() == PDF
    event = AuditEvent.objects.filter(verb="delegation_update").latest("pk")
    assert event.details["changed"]["evidence_document"] == [first, second]

    # A hostile replacement is refused and changes nothing.
    response = officer_client.post(edit, {**delegation_data, "evidence_document": SimpleUploadedFile("x.pdf", HTML)})
    assert NOT_A_PAPER in error_summary(response)
    delegation.refresh_from_db()
    assert delegation.evidence_document.name == second
    assert len(stored_files(media)) == 2


# ---------------------------------------------------------------------------
# Downloads: anonymous, with the paper headers


def assert_served_safely(response, content: bytes, extension: str, filename: str) -> None:
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == ALLOWED_TYPES[extension]
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["ETag"]


def test_anyone_downloads_the_documents_linked_from_the_public_pages(
    anonymous, officer_client, board, delegation_data, mou_data, media
):
    record_delegation(officer_client, board, delegation_data, docx(), "minute.pdf")
    add_mou(officer_client, board, mou_data, PDF)
    delegation = Delegation.objects.get()
    mou = MemorandumOfUnderstanding.objects.get()

    board_page = anonymous.get(board.get_absolute_url())
    assert f'href="{evidence_url(delegation)}"' in board_page.content.decode()
    size = f"{len(docx())} bytes"
    assert f"Evidence (DOCX, {size}) of the delegation to Cllr Mary Member" in text_of(board_page)
    mou_page = anonymous.get(mou.get_absolute_url())
    assert f'href="{document_url(mou)}"' in mou_page.content.decode()
    assert "Memorandum of understanding, version 1 (PDF, 2.0 KB)" in text_of(mou_page)
    person_page = anonymous.get(reverse("person", args=[delegation.person_id]))
    assert f'href="{evidence_url(delegation)}"' in person_page.content.decode()
    assert f"Evidence (DOCX, {size}) for" in text_of(person_page)

    response = anonymous.get(evidence_url(delegation))
    assert_served_safely(response, docx(), "docx", "Delegation evidence - Shireshire County Council.docx")
    response = anonymous.get(document_url(mou))
    name = f"Memorandum of understanding - {board.name} - version 1.pdf"
    assert_served_safely(response, PDF, "pdf", name)
    # Revalidation: the same ETag gets a 304.
    again = anonymous.get(document_url(mou), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_document_is_not_found_under_another_board_or_without_a_file(
    anonymous, officer_client, board, other_board, delegation_data, mou_data, media
):
    record_delegation(officer_client, board, delegation_data, PDF)
    add_mou(officer_client, board, mou_data, PDF)
    delegation = Delegation.objects.get()
    p, b = board.partnership.slug, board.slug
    op, ob = other_board.partnership.slug, other_board.slug
    for url in (
        reverse("delegation_evidence", args=[op, ob, delegation.pk]),  # another partnership's board
        reverse("delegation_evidence", args=[p, ob, delegation.pk]),  # a board not of that partnership
        reverse("delegation_evidence", args=[p, b, delegation.pk + 1]),
        reverse("mou_document", args=[op, ob, 1]),
        reverse("mou_document", args=[p, b, 2]),
    ):
        assert anonymous.get(url).status_code == 404, url

    # No file recorded, or a file missing from storage: 404, and no link on the page.
    record_delegation(officer_client, board, {**delegation_data, "scope": "Without evidence"}, None)
    bare = Delegation.objects.get(scope="Without evidence")
    add_mou(officer_client, board, {**mou_data, "title": "Without a document"}, None)
    assert anonymous.get(evidence_url(bare)).status_code == 404
    assert anonymous.get(reverse("mou_document", args=[p, b, 2])).status_code == 404
    (media / delegation.evidence_document.name).unlink()
    assert anonymous.get(evidence_url(delegation)).status_code == 404
    page = anonymous.get(board.get_absolute_url())
    assert "/evidence/" not in page.content.decode()


def test_a_download_is_for_reading_only(anonymous, officer_client, board, delegation_data, media):
    record_delegation(officer_client, board, delegation_data, PDF)
    url = evidence_url(Delegation.objects.get())
    assert anonymous.post(url).status_code == 405
    assert anonymous.head(url).status_code == 200


def test_the_evidence_links_cost_the_board_page_no_query(
    anonymous, officer_client, board, delegation_data, seat, media, django_assert_max_num_queries
):
    for scope in ("Agree the plan", "Agree the budget", "Agree the strategy"):
        record_delegation(officer_client, board, {**delegation_data, "scope": scope}, PDF)
    with django_assert_max_num_queries(BOARD_QUERIES):
        response = anonymous.get(board.get_absolute_url())
    assert response.content.decode().count("/evidence/") == 3
