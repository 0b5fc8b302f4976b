"""``manage.py load_demo``: load the Oxfordshire demo data and print the demo logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from partnerships.demo import load_demo, summary_lines


class Command(BaseCommand):
    help = "Load (or refresh) the Oxfordshire demo partnerships, boards, members, MoUs and logins. Safe to run twice."

    def handle(self, *args: Any, **options: Any) -> None:
        load_demo()
        self.stdout.write("\n".join(summary_lines()))
