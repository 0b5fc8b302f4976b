"""``manage.py load_demo``: load the Oxfordshire demo data and print the demo logins."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from demo.loader import load_demo, summary_lines


class Command(BaseCommand):
    help = (
        "Load (or refresh) the Oxfordshire demo: partnerships, boards, members, MoUs and logins; two years of "
        "meetings with papers and minutes; the decisions, including the three Supporting People disputes of "
        "2004-2008; then render the public agenda packs and minutes. Safe to run twice."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--no-documents",
            action="store_true",
            help="Do not render the public agenda packs and minutes (the beat task's sweep will).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # One transaction (inside load_demo): a failure part-way leaves the database as it was.
        load_demo(documents=not options["no_documents"])
        self.stdout.write("\n".join(summary_lines()))
