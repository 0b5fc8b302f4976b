"""The agenda pack as a document: it stays tagged after the papers are merged into it
(issue 11 item 14), with its language, title, bookmarks and contents links, and the
papers' pages are merged as they show, without their annotations or actions."""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
import pytest

from meetings import actions
from meetings.models import AgendaItem, Meeting, Paper, RenderStatus
from tests.meetings import test_pdf
from tests.meetings.test_pdf import pack, pages_text, stored, text_pdf

# The fixtures of the pack's other tests, found by pytest by name: MEDIA_ROOT in a
# temporary directory, eager tasks, and `published`, an agenda of two items with PDF
# papers (2 + 3 pages), an exempt item's paper and an unpublished one (never merged).
media = test_pdf.media
_eager = test_pdf._eager
meeting = test_pdf.meeting
add_item = test_pdf.add_item
add_paper = test_pdf.add_paper
published = test_pdf.published


def open_pack(meeting: Meeting) -> pikepdf.Pdf:
    document = pack(meeting)
    assert document.status == RenderStatus.READY, document.error
    return pikepdf.open(io.BytesIO(stored(document)))


def page_index(pdf: pikepdf.Pdf, destination: pikepdf.Object) -> int:
    """The index of the page an explicit destination ([page /XYZ ...]) points at."""
    return pdf.pages.index(pikepdf.Page(destination[0]))


def first_paper_page(pdf: pikepdf.Pdf) -> int:
    texts = pages_text(_bytes(pdf))
    return next(i for i, text in enumerate(texts) if "Budget report page 1" in text)


def _bytes(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def struct_pages(element: pikepdf.Object, found: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Every page object the structure tree under ``element`` refers to (/Pg)."""
    if isinstance(element, pikepdf.Dictionary):
        if "/Pg" in element:
            found.add(element.Pg.objgen)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/Type" in kid and kid.Type in ("/MCR", "/OBJR"):
                continue  # a reference to content, not a structure element
            struct_pages(kid, found)
    return found


def test_the_pack_stays_tagged_with_its_language_and_title(published):
    with open_pack(published) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in root
        assert root.StructTreeRoot.K  # the rendered agenda's structure, not an empty tree
        assert str(root.Lang) == "en-GB"
        assert "agenda pack" in str(pdf.docinfo.Title)
        assert root.ViewerPreferences.DisplayDocTitle is True
        # The structure tree points only at pages that are in the pack.
        pages = {page.obj.objgen for page in pdf.pages}
        referred = struct_pages(root.StructTreeRoot, set())
        assert referred and referred <= pages


def test_the_pack_has_all_the_papers_pages_in_order(published):
    with open_pack(published) as pdf:
        texts = pages_text(_bytes(pdf))
    start = next(i for i, text in enumerate(texts) if "Budget report page 1" in text)
    assert [text.strip() for text in texts[start:]] == [
        "Budget report page 1",
        "Budget report page 2",
        "JSNA summary page 1",
        "JSNA summary page 2",
        "JSNA summary page 3",
    ]
    assert all("Page " in text for text in texts[:start])  # the rendered part, with its footer


def test_each_paper_has_a_bookmark_at_its_first_page_after_the_agendas_own(published):
    with open_pack(published) as pdf:
        start = first_paper_page(pdf)
        with pdf.open_outline() as outline:
            top = [(item.title, page_index(pdf, item.destination)) for item in outline.root]
            own = [title for title, _ in top[:-2]]
    assert "Agenda" in own and "Contents" in own
    assert top[-2:] == [("1. Budget report", start), ("2. JSNA summary", start + 2)]


def test_the_contents_links_go_to_each_papers_first_page(published):
    with open_pack(published) as pdf:
        start = first_paper_page(pdf)
        destinations = pikepdf.NameTree(pdf.Root.Names.Dests)
        linked = {
            str(annotation.Dest): page_index(pdf, destinations[str(annotation.Dest)])
            for annotation in pdf.pages[0].obj.get("/Annots", [])
            if str(annotation.get("/Dest", "")).startswith("paper-")
        }
    papers = {paper.title: paper.pk for paper in Paper.objects.filter(item__meeting=published)}
    assert linked == {f"paper-{papers['Budget report']}": start, f"paper-{papers['JSNA summary']}": start + 2}


def with_page_extras(body: bytes) -> bytes:
    """The PDF with a link annotation and an open action on its first page, and its
    resources and media box inherited from the page tree instead of on the page."""
    with pikepdf.open(io.BytesIO(body)) as pdf:
        page = pdf.pages[0].obj
        page.Annots = pdf.make_indirect(
            pikepdf.Array(
                [
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.Link,
                        Rect=[0, 0, 100, 100],
                        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://example.com/tracker"),
                    )
                ]
            )
        )
        page.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)"))
        tree = pdf.Root.Pages
        tree.Resources = page.Resources
        tree.MediaBox = page.MediaBox
        del page["/Resources"]
        del page["/MediaBox"]
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


@pytest.fixture
def add_pdf(
    meeting: Meeting, officer, add_item: Callable[..., AgendaItem], add_paper: Callable[..., Paper]
) -> Callable[[str, bytes], Paper]:
    item = add_item(meeting, "Pooled budget outturn")

    def add(title: str, body: bytes) -> Paper:
        return add_paper(item, title, body, name=f"{title}.pdf")

    return add


def publish(meeting: Meeting, officer, capture) -> None:
    with capture(execute=True):
        actions.agenda_publish(meeting, by=officer, confirm_missing=True)


def test_a_papers_annotations_and_actions_are_left_out_and_inherited_attributes_kept(
    meeting, officer, add_pdf, django_capture_on_commit_callbacks
):
    add_pdf("Budget report", with_page_extras(text_pdf("Budget report page 1", "Budget report page 2")))
    publish(meeting, officer, django_capture_on_commit_callbacks)
    with open_pack(meeting) as pdf:
        last_two = list(pdf.pages)[-2:]
        for page in last_two:
            assert "/Annots" not in page.obj and "/AA" not in page.obj
            assert [float(value) for value in page.mediabox] == [0, 0, 595, 842]
        texts = pages_text(_bytes(pdf))
    assert [text.strip() for text in texts[-2:]] == ["Budget report page 1", "Budget report page 2"]
    assert "example.com/tracker" not in " ".join(texts)


def test_a_landscape_or_rotated_paper_page_keeps_its_size_and_rotation(
    meeting, officer, add_pdf, django_capture_on_commit_callbacks
):
    with pikepdf.open(io.BytesIO(text_pdf("Wide table page 1", "Turned page 2"))) as source:
        source.pages[0].mediabox = pikepdf.Array([0, 0, 842, 595])
        source.pages[1].obj.Rotate = 90
        out = io.BytesIO()
        source.save(out)
    add_pdf("Wide tables", out.getvalue())
    publish(meeting, officer, django_capture_on_commit_callbacks)
    with open_pack(meeting) as pdf:
        wide, turned = list(pdf.pages)[-2:]
        assert [float(value) for value in wide.mediabox] == [0, 0, 842, 595]
        assert "/Rotate" not in wide.obj
        assert int(turned.obj.Rotate) == 90
        # The rendered pages keep WeasyPrint's A4 boxes.
        assert [round(float(value)) for value in pdf.pages[0].mediabox] == [0, 0, 595, 842]


def encrypted(body: bytes, user: str) -> bytes:
    with pikepdf.open(io.BytesIO(body)) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner="owner-secret"))
        return out.getvalue()


def test_an_encrypted_paper_is_merged_only_if_it_opens_without_a_password(
    meeting, officer, add_pdf, django_capture_on_commit_callbacks
):
    add_pdf("Open report", encrypted(text_pdf("Open report page 1"), user=""))
    add_pdf("Locked report", encrypted(text_pdf("Locked report page 1"), user="secret"))
    publish(meeting, officer, django_capture_on_commit_callbacks)
    with open_pack(meeting) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        texts = pages_text(_bytes(pdf))
    assert texts[-1].strip() == "Open report page 1"
    joined = " ".join(texts)
    assert "Locked report page 1" not in joined
    assert "Locked report: PDF, available to download separately" in joined


def test_a_pack_without_pdf_papers_is_the_tagged_render_alone(
    meeting, officer, add_item, django_capture_on_commit_callbacks
):
    add_item(meeting, "Housing strategy")
    publish(meeting, officer, django_capture_on_commit_callbacks)
    with open_pack(meeting) as pdf:
        assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo.Producer).startswith("WeasyPrint")
