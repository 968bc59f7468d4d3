"""Property-based fuzzing of the whole API from its own OpenAPI schema (schemathesis): whatever
a client sends, the server answers with a documented, non-5xx response. It runs as a patient
and as a clinician. PAINWISE_FUZZ_EXAMPLES sets the examples per operation and role (6 in the
suite; 100 gives more than 5,000 requests per role); the counts are written to
test-results/fuzz-counts.json."""

import json
import os
from collections import Counter
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from painwise.web.wsgi import application  # noqa: E402

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
EXAMPLES = int(os.environ.get("PAINWISE_FUZZ_EXAMPLES", "6"))
COUNTS: Counter[str] = Counter()
OUT = Path(__file__).resolve().parent.parent / "test-results" / "fuzz-counts.json"


@pytest.fixture(scope="module", autouse=True)
def write_counts():
    yield
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({"examples_per_operation": EXAMPLES, "requests": dict(COUNTS)}))


@pytest.fixture(params=["patient", "clinician"])
def bearer(request, db):
    from conftest import make_user

    from painwise.accounts.services import issue_token, link_patient
    from painwise.assessment.services import record_assessment
    from tests.clinical.factories import intake

    patient = make_user("fuzz@example.org")
    record_assessment(patient, intake(), source="intake", actor=patient)
    if request.param == "patient":
        return request.param, f"Bearer {issue_token(patient, 'fuzz')}"
    clinician = make_user("fuzz-clinician@example.org", role="clinician")
    link_patient(patient=patient, clinician=clinician)
    return request.param, f"Bearer {issue_token(clinician, 'fuzz')}"


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_the_server_fail(case, bearer):
    role, token = bearer
    case.headers = {**(case.headers or {}), "Authorization": token}
    response = case.call()
    COUNTS[role] += 1
    case.validate_response(response, checks=(not_a_server_error,))
