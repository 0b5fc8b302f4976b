"""The WSGI application, and what a new worker would otherwise do on its first requests.

Under gunicorn --preload this module is imported once, in the master, and each worker is
forked from it; a worker replaced after --max-requests starts with what was done here. A
fresh worker's first meeting page took about a second (importing the bank holidays,
compiling templates, building the URL resolver's reverse lookups, importing the Redis
client) while the requests behind it queued; now that first request costs what any other
does (issue 11 item 13). Nothing here opens a database or Redis connection: those are
opened by each worker, after the fork.
"""

import gc
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")
application = get_wsgi_application()


def preload() -> None:
    from django.conf import settings
    from django.core.cache import caches
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template
    from django.urls import get_resolver, reverse
    from django.utils import timezone

    from governance.pagecache import code_version
    from meetings.working_days import CALENDARS, bank_holidays

    # Every URL module, with the views, forms and libraries they import, and the reverse
    # lookups that {% url %} and reverse() use.
    get_resolver().url_patterns  # noqa: B018 - the import is the point
    reverse("home")
    # The digest of the code that is part of every kept page's key.
    code_version()
    # The cache backend (the Redis client is imported; it connects on first use).
    caches["default"]  # noqa: B018
    # The bank holidays of the years the deadlines on current pages fall in.
    year = timezone.localdate().year
    for calendar in CALENDARS:
        for offset in (-1, 0, 1):
            bank_holidays(calendar, year + offset)
    # The project's templates, compiled into the cached loader.
    root = Path(settings.BASE_DIR) / "templates"
    for path in sorted(root.rglob("*")):
        if path.suffix in {".html", ".txt"}:
            try:
                get_template(str(path.relative_to(root)))
            except (TemplateDoesNotExist, TemplateSyntaxError):  # pragma: no cover - found by the template tests
                pass

    # What was loaded stays for the process's life: the cyclic collector need not walk
    # it again (nor, in a forked worker, touch and so copy its pages).
    gc.freeze()


preload()
