"""``manage.py load_demo``: load the Oxfordshire demo data and print the demo logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from decisions import demo as decisions_demo
from meetings import demo as meetings_demo
from partnerships import demo as partnerships_demo


class Command(BaseCommand):
    help = (
        "Load (or refresh) the Oxfordshire demo: partnerships, boards, members, MoUs and logins; two years of "
        "meetings with papers and minutes; the decisions, including the three Supporting People disputes of "
        "2004-2008. Safe to run twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # One transaction: a failure part-way leaves the database as it was.
        with transaction.atomic():
            users = partnerships_demo.load_demo()
            meetings_demo.load_demo(users)
            decisions_demo.load_demo(users)
        lines = partnerships_demo.summary_lines()
        lines += ["", *meetings_demo.summary_lines(), "", *decisions_demo.summary_lines()]
        self.stdout.write("\n".join(lines))
