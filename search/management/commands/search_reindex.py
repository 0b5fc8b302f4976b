"""``manage.py search_reindex``: rebuild the search index from everything stored (after
a bulk load that bypassed the saves the index listens to, such as the demo's replay)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from search.actions import index_rebuild


class Command(BaseCommand):
    help = (
        "Index every paper version, agenda item, minute and decision for search, reading each file's text "
        "that was never read (or could not be). Safe to run at any time."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--reread", action="store_true", help="Read the text of every file again.")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = index_rebuild(reread=options["reread"])
        self.stdout.write(f"Indexed {summary}.")
