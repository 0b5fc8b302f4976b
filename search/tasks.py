"""Celery tasks of the search index: thin, take ids, safe to run twice (SPEC §8).

Reading a file's text is the only slow one: it runs with soft and hard time limits,
and a file that cannot be read fails once, cleanly, with its reason kept. Only a
passing failure (the file storage could not be reached) is tried again, at most
SEARCH_EXTRACT_MAX_RETRIES times; the attempts are also counted on the entry, so a
worker killed mid-read (and the task redelivered, acks_late) gives up as well.
"""

from __future__ import annotations

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from . import actions

RETRY_SECONDS = 60


@shared_task(
    bind=True,
    acks_late=True,
    soft_time_limit=settings.SEARCH_EXTRACT_SOFT_TIME_LIMIT,
    time_limit=settings.SEARCH_EXTRACT_TIME_LIMIT,
    max_retries=settings.SEARCH_EXTRACT_MAX_RETRIES,
)
def extract_version_text(self: Task[[int], str], version_id: int) -> str:
    """Read the text of a paper version's file into the search index."""
    retries = self.request.retries or 0
    try:
        outcome = actions.version_extract(version_id, last_try=retries >= settings.SEARCH_EXTRACT_MAX_RETRIES)
    except SoftTimeLimitExceeded:
        actions.version_extract_failed(
            version_id, f"Reading the file took longer than {settings.SEARCH_EXTRACT_SOFT_TIME_LIMIT} seconds."
        )
        return actions.Outcome.FAILED
    if outcome == actions.Outcome.RETRY:
        raise self.retry(countdown=RETRY_SECONDS * (retries + 1))
    return outcome


@shared_task(acks_late=True)
def index_item(item_id: int) -> int:
    """Index an agenda item and its minute."""
    return actions.item_index(item_id)


@shared_task(acks_late=True)
def index_paper(paper_id: int) -> int:
    """Bring a paper's entries up to date with its title."""
    return actions.paper_reindex(paper_id)


@shared_task(acks_late=True)
def index_meeting(meeting_id: int) -> int:
    """Copy a meeting's date and board onto its entries."""
    return actions.meeting_reindex(meeting_id)


@shared_task(acks_late=True)
def index_proposal(proposal_id: int) -> int:
    """Index a decision."""
    return actions.proposal_index(proposal_id)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def sweep_index() -> str:
    """Beat: index what no task indexed (search/actions.py index_sweep)."""
    return str(actions.index_sweep())
