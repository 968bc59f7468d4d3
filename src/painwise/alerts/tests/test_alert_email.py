import json

import pytest

from tests.clinical.factories import intake


@pytest.mark.django_db
def test_an_emergency_emails_the_linked_clinicians_without_clinical_details(
    client, patient, clinician, other_clinician, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(patient)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/assessments",
            json.dumps(intake(red_flags={"saddle_numbness": True})),
            content_type="application/json",
        )
    assert response.status_code == 201
    assert [m.to for m in mailoutbox] == [[clinician.email]]  # only the linked clinician
    body = mailoutbox[0].body
    assert f"/clinic/patients/{patient.pk}/" in body
    assert "saddle" not in body.lower() and "cauda" not in body.lower()


@pytest.mark.django_db
def test_a_deterioration_alert_is_not_emailed(
    patient, clinician, mailoutbox, django_capture_on_commit_callbacks
):
    from painwise.alerts.services import raise_alert

    with django_capture_on_commit_callbacks(execute=True):
        raise_alert(patient, kind="deterioration", message="x", source="t:1")
    assert mailoutbox == []
