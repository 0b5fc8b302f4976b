"""The search app keeps its index current without the apps it indexes knowing about it:
it listens to their saves and queues a small task for each change, after the
transaction commits (governance/queue.py ``enqueue``; nothing is queued while side
effects are paused, as during the demo's replay, and the periodic sweep or
``manage.py search_reindex`` indexes those).

The receivers only queue; the tasks call search/actions.py. A save that touches none of
the fields the index copies (a publication time, a status) queues nothing: what is
public is decided when the index is read, not stored in it. Deletions need no receiver:
an entry goes with its source (on_delete=CASCADE).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save

# The fields of each source that an entry copies; a save naming none of them is ignored.
PAPER_FIELDS = {"title"}
ITEM_FIELDS = {"title", "description", "minutes", "meeting", "meeting_id"}
MEETING_FIELDS = {"start", "title", "board", "board_id"}
PROPOSAL_FIELDS = {"title", "text", "escalation_result", "determination", "item", "item_id"}


def _touches(update_fields: Iterable[str] | None, fields: set[str]) -> bool:
    return update_fields is None or bool(fields & set(update_fields))


def version_saved(sender: type, instance: Any, created: bool, **kwargs: Any) -> None:
    """A new version: read its file's text (a version's file never changes afterwards)."""
    from governance.queue import enqueue

    from .tasks import extract_version_text

    if created and not kwargs.get("raw"):
        enqueue(extract_version_text, instance.pk)


def paper_saved(sender: type, instance: Any, created: bool, **kwargs: Any) -> None:
    from governance.queue import enqueue

    from .tasks import index_paper

    # A new paper has no version yet; its first version's task reads its title.
    if not created and not kwargs.get("raw") and _touches(kwargs.get("update_fields"), PAPER_FIELDS):
        enqueue(index_paper, instance.pk)


def item_saved(sender: type, instance: Any, created: bool, **kwargs: Any) -> None:
    from governance.queue import enqueue

    from .tasks import index_item

    if not kwargs.get("raw") and _touches(kwargs.get("update_fields"), ITEM_FIELDS):
        enqueue(index_item, instance.pk)


def meeting_saved(sender: type, instance: Any, created: bool, **kwargs: Any) -> None:
    from governance.queue import enqueue

    from .tasks import index_meeting

    # A new meeting has no items yet, so no entries to place.
    if not created and not kwargs.get("raw") and _touches(kwargs.get("update_fields"), MEETING_FIELDS):
        enqueue(index_meeting, instance.pk)


def proposal_saved(sender: type, instance: Any, created: bool, **kwargs: Any) -> None:
    from governance.queue import enqueue

    from .tasks import index_proposal

    if not kwargs.get("raw") and _touches(kwargs.get("update_fields"), PROPOSAL_FIELDS):
        enqueue(index_proposal, instance.pk)


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        from decisions.models import Proposal
        from meetings.models import AgendaItem, Meeting, Paper, PaperVersion

        post_save.connect(version_saved, sender=PaperVersion, dispatch_uid="search.version_saved")
        post_save.connect(paper_saved, sender=Paper, dispatch_uid="search.paper_saved")
        post_save.connect(item_saved, sender=AgendaItem, dispatch_uid="search.item_saved")
        post_save.connect(meeting_saved, sender=Meeting, dispatch_uid="search.meeting_saved")
        post_save.connect(proposal_saved, sender=Proposal, dispatch_uid="search.proposal_saved")
