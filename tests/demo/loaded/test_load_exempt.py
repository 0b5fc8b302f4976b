"""The demo publishes nothing of its exempt items (SPEC §4; LGA 1972 Schedule 12A):
no exempt item's title or minute, and no exempt paper's title, in the text of any
public paper version (read with the search app's own extraction, search/extract.py),
in any search entry the public may match (search/queries.py), or in the agenda packs
and minutes the public downloads (rendered here: the ``demo`` fixture loads with
``--no-documents``). The draft minutes of a meeting, a public paper of the next one,
show an exempt item as the public minutes do: its number and category only."""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from pypdf import PdfReader

from demo import content
from meetings import pdf
from meetings.models import AgendaItem, DocumentKind, Meeting, Paper, PaperVersion
from search.extract import extract_text
from search.queries import public_entries, public_matches

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

_SPACE = re.compile(r"\s+")


def _squeezed(text: str) -> str:
    """Lower case with no white space, so a phrase wrapped across lines still matches."""
    return _SPACE.sub("", text).lower()


def _secrets() -> dict[str, str]:
    """What the public must never read, each squeezed: the exempt items' titles and
    minutes and the titles of their papers."""
    secrets: dict[str, str] = {}
    for item in AgendaItem.objects.filter(exempt=True):
        secrets[f"title of exempt item {item.pk}"] = item.title
        if item.minutes:
            secrets[f"minute of exempt item {item.pk}"] = item.minutes
    for paper in Paper.objects.filter(item__exempt=True):
        secrets[f"title of exempt paper {paper.pk}"] = paper.title
    assert len(secrets) >= 8  # three exempt items, two minuted, and their papers
    return {what: _squeezed(text) for what, text in secrets.items()}


def _leaks(text: str, secrets: dict[str, str]) -> list[str]:
    squeezed = _squeezed(text)
    return [what for what, secret in secrets.items() if secret in squeezed]


def _version_text(version: PaperVersion) -> str:
    with version.file.open("rb") as handle:
        data = handle.read()
    return extract_text(
        data,
        name=version.original_name,
        content_type=version.content_type,
        max_chars=settings.SEARCH_BODY_MAX_CHARS,
    )


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _meetings_with_exempt_items() -> list[Meeting]:
    return list(Meeting.objects.public().filter(items__exempt=True).distinct().order_by("start"))


def test_no_public_paper_names_an_exempt_item_or_paper() -> None:
    secrets = _secrets()
    versions = list(PaperVersion.objects.public().select_related("paper"))
    assert len(versions) >= 100
    leaks = {}
    for version in versions:
        found = _leaks(f"{version.paper.title}\n{_version_text(version)}", secrets)
        if found:
            leaks[f"{version.paper.item.meeting_id}/{version.paper_id}/v{version.number}"] = found
    assert leaks == {}


def test_the_draft_minutes_show_an_exempt_item_as_the_public_minutes_do() -> None:
    meetings = _meetings_with_exempt_items()
    checked = 0
    for previous in meetings:
        minutes_papers = Paper.objects.public().filter(title=content.minutes_title(previous.date))
        draft = minutes_papers.filter(item__meeting__board=previous.board).first()
        if draft is None:  # the latest meeting: its minutes are not yet on an agenda
            continue
        text = _SPACE.sub(" ", _version_text(draft.versions.public().get()))
        for item in previous.items.order_by("order"):
            if item.is_public:
                assert f"{item.order}. {item.title}" in text
            else:
                heading = f"{item.order}. Exempt item: {item.get_exempt_category_display()}"
                assert f"{heading} {content.EXEMPT_ITEM_MINUTE}" in text
        checked += 1
    assert checked >= 2  # the Commissioning Body's contract award, the Board's office lease


def test_no_search_entry_the_public_may_match_names_an_exempt_item_or_paper() -> None:
    secrets = _secrets()
    entries = list(public_entries())
    assert len(entries) >= 300
    leaks = {
        f"{entry.kind} {entry.pk}": found
        for entry in entries
        if (found := _leaks(f"{entry.title}\n{entry.body}", secrets))
    }
    assert leaks == {}
    for item in AgendaItem.objects.filter(exempt=True):
        assert not public_matches(f'"{item.title}"').exists(), item.title
    for paper in Paper.objects.filter(item__exempt=True):
        assert not public_matches(f'"{paper.title}"').exists(), paper.title


def test_the_agenda_packs_and_minutes_name_no_exempt_item() -> None:
    """The packs of the meetings with exempt items and of the meetings after them (which
    carry the draft minutes as a merged paper), and the minutes of the former."""
    secrets = _secrets()
    meetings = _meetings_with_exempt_items()
    assert len(meetings) >= 3
    documents: list[tuple[Meeting, str]] = []
    for meeting in meetings:
        documents += [(meeting, kind) for kind in pdf.public_kinds(meeting)]
        following = Meeting.objects.public().filter(board=meeting.board, start__gt=meeting.start).order_by("start")
        if (after := following.first()) is not None:
            documents.append((after, DocumentKind.AGENDA_PACK))
    kinds = {kind for _, kind in documents}
    assert kinds == {DocumentKind.AGENDA_PACK, DocumentKind.MINUTES}
    for meeting, kind in documents:
        document = pdf.content_for(meeting, kind)
        assert document is not None
        text = _pdf_text(pdf.render_pdf(document).pdf)
        assert _leaks(text, secrets) == [], (meeting.pk, kind)
        if kind == DocumentKind.MINUTES or meeting in meetings:
            assert "Exempt item" in text, (meeting.pk, kind)
