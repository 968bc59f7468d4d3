"""A service's refusal (DomainError) becomes the API's one error shape: 409 when the person's
state forbids the action, 400 when the input breaks a rule, with the field named."""

import pytest

from painwise.assessment.services import record_assessment
from tests.clinical.factories import intake
from tests.helpers import post_json


@pytest.mark.django_db
def test_a_new_assessment_while_red_flags_wait_is_a_conflict(client, patient):
    record_assessment(
        patient, intake(red_flags={"significant_trauma": True}), source="intake", actor=patient
    )
    client.force_login(patient)
    response = post_json(client, "/api/v1/assessments", intake())
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "conflict" and "clinician must review" in body["message"]


@pytest.mark.django_db
def test_a_rule_broken_by_the_input_is_a_bad_request_naming_the_field(client, ready):
    client.force_login(ready)
    response = post_json(
        client, "/api/v1/tolerance-tests", {"activity": "walking", "amount": 24 * 60 + 1}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "bad_request"
    assert body["fields"] == [{"field": "amount", "message": body["message"]}]
    assert body["message"].startswith("The tolerance test must be at most 24 hours")
