import pytest

from painwise.alerts.models import Alert
from painwise.assessment.models import AssessmentRecord
from tests.clinical.factories import intake
from tests.helpers import post_json

post = post_json


@pytest.mark.django_db
class TestEvaluate:
    def test_it_evaluates_without_storing(self, client, clinician):
        client.force_login(clinician)
        response = post(
            client, "/api/v1/assessments/evaluate", intake(red_flags={"saddle_numbness": True})
        )
        assert response.status_code == 200
        body = response.json()
        assert body["triage"] == "emergency"
        assert body["red_flags"] == ["suspected_cauda_equina"]
        assert AssessmentRecord.objects.count() == 0
        assert Alert.objects.count() == 0

    def test_bad_input_names_each_field_and_stores_nothing(self, client, patient):
        client.force_login(patient)
        bad = intake(age=17, pain_now=11, red_flags={"saddle_numbness": "yes", "unknown": True})
        del bad["pain_distribution"]
        response = post(client, "/api/v1/assessments", bad)
        assert response.status_code == 422
        body = response.json()
        assert body["error"] == "invalid_input"
        fields = {f["field"]: f["message"] for f in body["fields"]}
        assert fields == {
            "age": "Painwise is for adults (age must be 18 or over)",
            "pain_now": "must be 10 or less",
            "pain_distribution": "is required",
            "red_flags.saddle_numbness": "must be true or false",
            "red_flags.unknown": "is not a known field",
        }
        assert AssessmentRecord.objects.count() == 0

    def test_malformed_json_is_a_clear_400(self, client, patient):
        client.force_login(patient)
        response = client.post("/api/v1/assessments", "{not json", content_type="application/json")
        assert response.status_code in (400, 422)
        assert "error" in response.json()
        assert AssessmentRecord.objects.count() == 0

    def test_anonymous_is_refused(self, client):
        assert post(client, "/api/v1/assessments/evaluate", intake()).status_code == 401


@pytest.mark.django_db
class TestCreate:
    def test_it_stores_for_the_signed_in_patient_and_keeps_history(self, client, patient):
        client.force_login(patient)
        first = post(client, "/api/v1/assessments", intake())
        second = post(client, "/api/v1/assessments", intake(pain_duration_weeks=5))
        assert first.status_code == second.status_code == 201
        assert first.json()["result"]["chronic"] is True
        history = client.get("/api/v1/assessments").json()
        assert [h["id"] for h in history] == [second.json()["id"], first.json()["id"]]
        assert [h["result"]["chronic"] for h in history] == [False, True]

    def test_an_emergency_alerts_the_linked_clinician(self, client, patient, clinician):
        client.force_login(patient)
        response = post(client, "/api/v1/assessments", intake(red_flags={"gait_disturbance": True}))
        assert response.status_code == 201
        alert = Alert.objects.get()
        assert (alert.kind, alert.rules) == ("emergency", ["progressive_neurological_deficit"])

    def test_a_safety_answer_alerts_whatever_the_triage(self, client, patient):
        client.force_login(patient)
        post(client, "/api/v1/assessments", intake(phq9=[0] * 8 + [1]))
        assert [a.kind for a in Alert.objects.all()] == ["safety"]

    def test_after_a_red_flag_a_calm_answer_cannot_be_stored_until_cleared(
        self, client, patient, clinician
    ):
        from painwise.assessment.services import clear_program, program_status

        client.force_login(patient)
        post(client, "/api/v1/assessments", intake(red_flags={"significant_trauma": True}))
        refused = post(client, "/api/v1/assessments", intake())
        assert refused.status_code == 409
        assert program_status(patient).state == "urgent"
        clear_program(AssessmentRecord.objects.get(), clinician=clinician, note="X-ray normal")
        assert program_status(patient).state == "open"
        assert post(client, "/api/v1/assessments", intake()).status_code == 201

    def test_only_patients_store_assessments(self, client, clinician):
        client.force_login(clinician)
        assert post(client, "/api/v1/assessments", intake()).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("viewer", "target", "status"),
    [
        ("patient", "patient", 200),
        ("clinician", "patient", 200),
        ("other_clinician", "patient", 404),
        ("other_patient", "patient", 404),
        ("admin", "patient", 404),
    ],
)
def test_patient_assessment_history_follows_the_permission_rule(
    client, cast, viewer, target, status
):
    client.force_login(cast[viewer])
    assert client.get(f"/api/v1/patients/{cast[target].pk}/assessments").status_code == status
