import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")
application = get_wsgi_application()

# Every URL module, with the views, forms and libraries they import, imported now rather
# than on a process's first request: under gunicorn --preload this is done once in the
# master, so a worker forked later (a restart after --max-requests) answers its first
# request at once instead of spending half a second importing while requests queue.
get_resolver().url_patterns  # noqa: B018 - the import is the point

# The same for the digest of the code that is part of every kept page's key.
from governance.pagecache import code_version  # noqa: E402 - once Django is set up

code_version()
