"""Exempt papers (issue 8 item 15): the members of the board and the deputies of its
seats (the deputyship ledger, today) read the published papers of its exempt items;
the public never does, by any route, the file's own address included. "Members may
read it before it is published" is not asked for an exempt paper: it is never published
to the public, and publishing it is what makes it readable by the members."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Paper, PaperVersion, members_paper_q, members_version_q
from partnerships.models import Deputyship, Membership
from tests.factories import make_item, make_meeting, make_paper


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def exempt_paper(board) -> Paper:
    meeting = make_meeting(board, days=10)  # agenda published
    return make_paper(make_item(meeting, "Tender prices", exempt=True), "Tender evaluation", published=True)


def download(paper: Paper) -> str:
    return reverse("meetings:paper_download", args=[paper.item.meeting_id, paper.pk, 1])


def test_members_and_deputies_read_exempt_papers_of_their_board(client, member, deputy, seat, exempt_paper):
    for user in (member, deputy):
        client.force_login(user)
        response = client.get(download(exempt_paper))
        assert response.status_code == 200, user
        assert response["Cache-Control"] == "private, no-cache"


def test_the_public_never_reads_an_exempt_paper_by_its_file_address(client, seat, exempt_paper):
    assert client.get(download(exempt_paper)).status_code == 404
    meeting_page = client.get(exempt_paper.item.meeting.get_absolute_url()).content.decode()
    assert "Tender evaluation" not in meeting_page and download(exempt_paper) not in meeting_page


def test_a_scrutiny_councillor_or_a_member_of_another_board_reads_nothing_exempt(
    client, scrutiny, member, seat, exempt_paper, other_board, county
):
    client.force_login(scrutiny)
    assert client.get(download(exempt_paper)).status_code == 404
    elsewhere = make_paper(make_item(make_meeting(other_board), "Other tender", exempt=True), "Theirs")
    client.force_login(member)
    assert client.get(download(elsewhere)).status_code == 404


def test_the_ledger_decides_today_who_deputises(client, deputy, seat, exempt_paper):
    Deputyship.objects.filter(membership=seat).update(end_date=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(deputy)
    assert client.get(download(exempt_paper)).status_code == 404


def test_a_member_whose_seat_has_ended_reads_no_more(client, member, seat, exempt_paper):
    Membership.objects.filter(pk=seat.pk).update(end_date=timezone.localdate() - dt.timedelta(days=1))
    Deputyship.objects.filter(membership=seat).update(end_date=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(member)
    assert client.get(download(exempt_paper)).status_code == 404


def test_an_unpublished_exempt_draft_stays_with_the_officers(client, member, seat, board, officer):
    draft = make_paper(make_item(make_meeting(board), "Draft", exempt=True), "Draft prices", published=False)
    client.force_login(member)
    assert client.get(download(draft)).status_code == 404
    client.force_login(officer)
    assert client.get(download(draft)).status_code == 200


def test_members_read_the_exempt_paper_only_once_the_agenda_is_published(client, member, seat, board):
    scheduled = make_meeting(board, published=False)
    paper = make_paper(make_item(scheduled, "Tender", exempt=True), "Prices", published=True)
    client.force_login(member)
    assert client.get(download(paper)).status_code == 404


def test_the_condition_and_the_instances_agree(board, exempt_paper):
    make_paper(make_item(make_meeting(board, published=False), "Draft", exempt=True), "Draft", published=False)
    make_paper(make_item(make_meeting(board), "Early"), "Early sight", published=False, members=True)
    for paper in Paper.objects.select_related("item__meeting"):
        assert Paper.objects.filter(members_paper_q(), pk=paper.pk).exists() is paper.members_may_read, paper
    for version in PaperVersion.objects.select_related("paper__item__meeting"):
        assert PaperVersion.objects.filter(members_version_q(), pk=version.pk).exists() is version.members_may_read


def test_the_paper_form_does_not_ask_members_may_read_it_before_publication_for_an_exempt_item(
    officer_client, exempt_paper
):
    item = exempt_paper.item
    page = officer_client.get(reverse("meetings:manage_paper_new", args=[item.meeting_id, item.pk]))
    text = page.content.decode()
    assert "Members may read it before it is published" not in text
    assert "Once you publish the paper, the members of the board and their deputies can read it." in text
    open_item = make_item(item.meeting, "Open item")
    text = officer_client.get(reverse("meetings:manage_paper_new", args=[item.meeting_id, open_item.pk])).content
    assert b"Members may read it before it is published" in text
