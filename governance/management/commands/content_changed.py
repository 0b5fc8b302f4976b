"""`manage.py content_changed`: after writing to the database around the portal (an
update() or SQL in a shell, a restore), every kept page is made again on its next
request, at once, rather than when its lifetime ends (governance/pagecache.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from governance.pagecache import content_changed


class Command(BaseCommand):
    help = "Renew the content epoch: no page, feed or API answer kept before now is served again."

    def handle(self, *args: Any, **options: Any) -> None:
        content_changed()  # outside a transaction: at once
        self.stdout.write("The content epoch is renewed: pages are made again on their next request.")
