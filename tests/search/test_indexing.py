"""Keeping the index current (search/apps.py, tasks.py, actions.py): a save queues a
task after the commit; the text extraction task fails cleanly on a bad or huge file and
tries a passing failure again a few times at most; the sweep and the rebuild index what
no task did; running anything twice changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from celery.exceptions import Retry, SoftTimeLimitExceeded
from django.core.management import call_command
from django.utils import timezone

from decisions.models import Proposal
from governance.queue import side_effects_paused
from meetings.models import MeetingStatus
from search import actions, tasks
from search.actions import Outcome
from search.models import EntryKind, Extraction, SearchEntry
from tests.commits import tasks_queued
from tests.factories import make_item, make_meeting, make_paper

from .conftest import docx_of, pdf_of, upload


@pytest.fixture
def item(db, media, board):
    meeting = make_meeting(board, timezone.now() - dt.timedelta(days=3), status=MeetingStatus.HELD)
    return make_item(meeting, "Carers strategy", description="The strategy for carers.")


@pytest.fixture
def paper(item):
    return make_paper(item, "Carers report", versions=0)


def entry_of(version) -> SearchEntry:
    return SearchEntry.objects.get(kind=EntryKind.PAPER, paper_version=version)


# ---------------------------------------------------------------------------
# Saves queue tasks, after the commit


def test_a_new_version_queues_its_text_extraction_after_commit(paper, django_capture_on_commit_callbacks, eager_tasks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        version = upload(paper, docx_of("Respite for carers."), "docx")
    assert callbacks, "nothing was queued"
    entry = entry_of(version)
    assert entry.extraction == Extraction.DONE
    assert "Respite for carers." in entry.body


def test_saves_of_items_meetings_papers_and_proposals_reindex(
    paper, item, django_capture_on_commit_callbacks, eager_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = upload(paper, docx_of("Text"), "docx")
        item.minutes = "Noted the strategy."
        item.save()
        proposal = Proposal.objects.create(board=item.meeting.board, item=item, title="Adopt", text="Agree it.")
    assert SearchEntry.objects.filter(item=item, kind=EntryKind.MINUTES, body="Noted the strategy.").exists()
    assert SearchEntry.objects.filter(proposal=proposal, body="Agree it.").exists()

    with django_capture_on_commit_callbacks(execute=True):
        paper.title = "Carers report, revised title"
        paper.save()
        item.minutes = ""
        item.save(update_fields=["minutes"])
        meeting = item.meeting
        meeting.start = meeting.start - dt.timedelta(days=7)
        meeting.save(update_fields=["start"])
    assert entry_of(version).title == "Carers report, revised title"
    assert not SearchEntry.objects.filter(item=item, kind=EntryKind.MINUTES).exists()
    assert set(SearchEntry.objects.values_list("on", flat=True)) == {meeting.date}


def test_a_save_that_touches_no_indexed_field_queues_nothing(item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        item.meeting.save(update_fields=["status"])
        item.save(update_fields=["order"])
    assert tasks_queued(callbacks) == []


def test_nothing_is_queued_while_side_effects_are_paused(paper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, side_effects_paused():
        upload(paper, docx_of("Text"), "docx")
    assert tasks_queued(callbacks) == []


# ---------------------------------------------------------------------------
# The extraction task


def test_the_task_reads_a_file_once(paper):
    version = upload(paper, pdf_of("Short breaks for carers."), "pdf")
    assert tasks.extract_version_text.run(version.pk) == Outcome.DONE
    assert tasks.extract_version_text.run(version.pk) == Outcome.DONE
    entry = entry_of(version)
    assert entry.attempts == 1
    assert "Short breaks for carers." in entry.body


def test_a_malformed_file_fails_cleanly_with_its_reason_and_is_not_retried(paper):
    version = upload(paper, b"%PDF-1.4 this is not a PDF", "pdf")
    assert tasks.extract_version_text.run(version.pk) == Outcome.FAILED
    entry = entry_of(version)
    assert entry.extraction == Extraction.FAILED
    assert "could not be read" in entry.extraction_error
    assert entry.attempts == 1
    assert tasks.extract_version_text.run(version.pk) == Outcome.FAILED  # no second reading
    assert entry_of(version).attempts == 1
    assert entry.title == "Carers report"  # still found by its title


def test_a_file_over_the_size_limit_is_not_read(paper, settings):
    settings.SEARCH_EXTRACT_MAX_BYTES = 1000
    version = upload(paper, docx_of("Paragraph. " * 500), "docx")
    assert version.size > 1000
    assert tasks.extract_version_text.run(version.pk) == Outcome.FAILED
    assert "larger than 1000" in entry_of(version).extraction_error


def test_a_file_whose_recorded_size_understates_it_is_still_stopped(paper, settings):
    settings.SEARCH_EXTRACT_MAX_BYTES = 1000
    version = upload(paper, docx_of("Paragraph. " * 500), "docx")
    type(version).objects.filter(pk=version.pk).update(size=10)
    assert tasks.extract_version_text.run(version.pk) == Outcome.FAILED
    assert "larger than" in entry_of(version).extraction_error


def test_a_file_that_takes_too_long_fails_with_that_reason(paper, monkeypatch):
    version = upload(paper, docx_of("Text"), "docx")

    def too_slow(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("search.actions.extract_text", too_slow)
    assert tasks.extract_version_text.run(version.pk) == Outcome.FAILED
    assert "took longer than" in entry_of(version).extraction_error


def test_a_storage_failure_is_retried_a_few_times_then_fails(paper, monkeypatch, settings):
    settings.SEARCH_EXTRACT_MAX_RETRIES = 3
    version = upload(paper, docx_of("Text"), "docx")

    def unreachable(self, name, mode="rb"):
        raise ConnectionError("storage unreachable")

    monkeypatch.setattr("django.core.files.storage.Storage.open", unreachable)
    retries = []
    monkeypatch.setattr(tasks.extract_version_text, "retry", lambda **kwargs: retries.append(kwargs) or Retry())
    for attempt in range(3):
        tasks.extract_version_text.push_request(retries=attempt)
        try:
            with pytest.raises(Retry):
                tasks.extract_version_text.run(version.pk)
        finally:
            tasks.extract_version_text.pop_request()
    assert [r["countdown"] for r in retries] == [60, 120, 180]
    assert entry_of(version).extraction == Extraction.PENDING
    tasks.extract_version_text.push_request(retries=3)
    try:
        assert tasks.extract_version_text.run(version.pk) == Outcome.FAILED
    finally:
        tasks.extract_version_text.pop_request()
    entry = entry_of(version)
    assert entry.extraction == Extraction.FAILED
    assert "could not be opened" in entry.extraction_error
    assert entry.attempts == 4


def test_a_task_redelivered_after_its_worker_was_killed_gives_up(paper, settings):
    """acks_late redelivers a task whose worker died mid-read (the hard time limit);
    the attempts counted on the entry stop the same file being tried for ever."""
    settings.SEARCH_EXTRACT_MAX_RETRIES = 3
    version = upload(paper, docx_of("Text"), "docx")
    actions.version_index(version)
    SearchEntry.objects.filter(paper_version=version).update(attempts=4)  # four readings that never finished
    assert tasks.extract_version_text.run(version.pk) == Outcome.FAILED
    assert "Gave up after 4 attempts" in entry_of(version).extraction_error


def test_the_task_for_a_version_that_is_gone_does_nothing(db):
    assert tasks.extract_version_text.run(987654) == Outcome.GONE
    assert tasks.index_item.run(987654) == 0
    assert tasks.index_proposal.run(987654) == 0
    assert tasks.index_meeting.run(987654) == 0
    assert tasks.index_paper.run(987654) == 0


def test_the_extraction_task_has_time_limits_and_late_acks():
    task = tasks.extract_version_text
    assert task.soft_time_limit and task.time_limit and task.soft_time_limit < task.time_limit
    assert task.acks_late


# ---------------------------------------------------------------------------
# Sweep and rebuild


def test_the_sweep_indexes_what_no_task_did(paper, item, board):
    with side_effects_paused():
        version = upload(paper, docx_of("Home adaptations."), "docx")
        proposal = Proposal.objects.create(board=board, item=item, title="Adopt", text="Agree.")
    assert not SearchEntry.objects.exists()
    summary = actions.index_sweep()
    assert (summary.versions, summary.read, summary.items, summary.proposals) == (1, 1, 1, 1)
    assert "Home adaptations." in entry_of(version).body
    assert SearchEntry.objects.filter(proposal=proposal).exists()
    assert actions.index_sweep() == actions.IndexSummary()  # nothing left


def test_the_sweep_reads_a_file_whose_task_was_lost(paper):
    version = upload(paper, docx_of("Lost task."), "docx")
    actions.version_index(version)  # entry made, the task that would read it lost
    assert actions.index_sweep().read == 0  # too soon: its task may still come
    later = timezone.now() + actions.PENDING_GRACE + dt.timedelta(minutes=1)
    assert actions.index_sweep(now=later).read == 1
    assert entry_of(version).extraction == Extraction.DONE


def test_the_reindex_command_builds_everything_and_is_idempotent(paper, item, capsys):
    upload(paper, docx_of("Text one."), "docx")
    item.minutes = "Minuted."
    item.save()
    call_command("search_reindex")
    assert "Indexed 1 paper versions (1 files read, 0 could not be read), 1 agenda items, 0 decisions" in (
        capsys.readouterr().out
    )
    before = list(SearchEntry.objects.order_by("pk").values_list("pk", "kind", "title", "body", "attempts"))
    assert len(before) == 3
    call_command("search_reindex")
    assert list(SearchEntry.objects.order_by("pk").values_list("pk", "kind", "title", "body", "attempts")) == before
    call_command("search_reindex", "--reread")
    assert SearchEntry.objects.get(kind=EntryKind.PAPER).attempts == 1


def test_deleting_a_source_deletes_its_entries(item, board):
    proposal = Proposal.objects.create(board=board, item=item, title="Adopt", text="Agree.")
    actions.item_index(item.pk)
    actions.proposal_index(proposal.pk)
    assert SearchEntry.objects.count() == 2
    proposal.delete()
    assert SearchEntry.objects.count() == 1
    item.meeting.delete()  # items cascade with their meeting (a meeting never published)
    assert not SearchEntry.objects.filter(item=item).exists()


def test_the_periodic_sweep_is_scheduled(db):
    from django_celery_beat.models import PeriodicTask

    periodic = PeriodicTask.objects.get(task="search.tasks.sweep_index")
    assert periodic.enabled and periodic.interval is not None
