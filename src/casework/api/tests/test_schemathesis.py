"""Property-based test of the open data API against its own OpenAPI description."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from casework.funding.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def keep_test_connection():
    """Calls through the WSGI app fire request signals that would close the test's
    connection (its transaction is not in autocommit); Django's test client disconnects
    them the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.slow
def test_api_conforms_to_its_schema(keep_test_connection):
    from casework.site.wsgi import application

    ContributionFactory(year=2023)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case):
            # Its WSGI client does not unpack gzip, which the site sends when asked.
            case.call_and_validate(headers={"Accept-Encoding": "identity"})

        check()
