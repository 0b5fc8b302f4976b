"""The demo, loaded ONCE for all the demo tests that use the ``demo`` fixture
(``pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]``).

It is loaded (without rendering the public documents: ``--no-documents``) into the
test database inside a transaction that stays open while those tests run, each in a
savepoint within it, and is rolled back after the last of them, so the database is
left exactly as migrations made it (a flush would also empty rows that migrations
seed). None of those tests may be transactional: pytest-django keeps the plain
``django_db`` tests together, so the package's fixture is set up once.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from pytest_django import DjangoDbBlocker


@pytest.fixture(scope="package")
def demo(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """The whole demo, with its files in a temporary MEDIA_ROOT."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", "--no-documents", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
