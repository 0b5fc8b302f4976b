"""Schemathesis against /api/v1/openapi.json over the loaded demo (issue 9 item 7 "must
show"): for every operation of the description, generated requests get no 5xx and
every response matches its schema. Deterministic and quick: few examples each,
derandomized, no example database.

Each operation is its own test, driven through ``operation.as_strategy()`` with
Hypothesis (schemathesis's pytest loader does not run under pytest 9)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from governance.wsgi import application

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

OPERATIONS = sorted(
    (path, method.upper())
    for path, methods in SchemaGenerator().get_schema(request=None, public=True)["paths"].items()
    for method in methods
)


@pytest.fixture
def api_schema(settings) -> Iterator[schemathesis.BaseSchema]:
    """The description the app serves, called in-process through WSGI. The handler's
    close_old_connections is disconnected meanwhile, as Django's test client does: it
    would end the demo's open transaction after the first request."""
    settings.API_ANON_RATE = "1000000/min"
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_operation_of_the_description_is_tested() -> None:
    assert len(OPERATIONS) == 19
    assert ("/api/v1/vote_events/{id}/", "GET") in OPERATIONS


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_the_api_answers_generated_requests_as_its_description_says(
    api_schema: schemathesis.BaseSchema, path: str, method: str
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=15, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    def answers(case: schemathesis.Case) -> None:
        # Called through WSGI, nothing would undo a gzip body (GZipMiddleware): ask for none.
        case.call_and_validate(
            checks=[not_a_server_error, response_schema_conformance], headers={"Accept-Encoding": "identity"}
        )

    answers()
