"""Property-based fuzzing of the whole API from its own OpenAPI schema (schemathesis): whatever
a client sends, the server answers with a documented, non-5xx response."""

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from painwise.web.wsgi import application  # noqa: E402

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def bearer(db):
    from conftest import make_user

    from painwise.accounts.services import issue_token
    from painwise.assessment.services import record_assessment
    from tests.clinical.factories import intake

    patient = make_user("fuzz@example.org")
    record_assessment(patient, intake(), source="intake", actor=patient)
    return f"Bearer {issue_token(patient, 'fuzz')}"


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_the_server_fail(case, bearer):
    case.headers = {**(case.headers or {}), "Authorization": bearer}
    response = case.call()
    case.validate_response(response, checks=(not_a_server_error,))
