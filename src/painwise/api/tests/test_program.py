import pytest

from painwise.assessment.services import record_assessment
from tests.clinical.factories import intake
from tests.helpers import post_json


@pytest.mark.django_db
class TestApi:
    def test_plan_quotas_logs_and_tests(self, client, ready):
        client.force_login(ready)
        plan = client.get("/api/v1/plan").json()
        assert (
            plan["intensity"] == "lighter"
            and plan["modules"][0]["reason"]["rule"] == "plan_education"
        )
        assert client.get("/api/v1/quotas").json()[0]["phase"] == "baseline"
        for path, amount, status in [
            ("/api/v1/tolerance-tests", 15, 201),
            ("/api/v1/tolerance-tests", -1, 422),
            ("/api/v1/activity-logs", 10, 201),
        ]:
            response = post_json(client, path, {"activity": "walking", "amount": amount})
            assert response.status_code == status, (path, amount)
        bad = post_json(client, "/api/v1/tolerance-tests", {"activity": "walking", "amount": 2000})
        assert bad.status_code == 400 and "24 hours" in bad.json()["message"]
        unknown = post_json(client, "/api/v1/activity-logs", {"activity": "swimming", "amount": 10})
        assert unknown.status_code == 422
        not_mine = post_json(client, "/api/v1/activity-logs", {"activity": "sitting", "amount": 10})
        assert (
            not_mine.status_code == 400
            and "not one of your activities" in not_mine.json()["message"]
        )
        assert len(client.get("/api/v1/activity-logs").json()) == 1

    def test_no_plan_while_paused(self, client, patient):
        record_assessment(
            patient, intake(red_flags={"gait_disturbance": True}), source="intake", actor=patient
        )
        client.force_login(patient)
        assert client.get("/api/v1/plan").status_code == 409

    @pytest.mark.parametrize(
        ("viewer", "status"),
        [("clinician", 200), ("other_clinician", 404), ("other_patient", 404), ("admin", 404)],
    )
    def test_patient_plan_follows_the_rule(self, client, cast, viewer, status):
        record_assessment(cast["patient"], intake(), source="intake", actor=cast["patient"])
        client.force_login(cast[viewer])
        assert client.get(f"/api/v1/patients/{cast['patient'].pk}/plan").status_code == status
