"""`painwise export fhir USER` and GET /api/v1/patients/{id}/fhir: the same Bundle, validated
with the R4B models; only the patient and their clinicians get it, everyone else 404."""

import json

import pytest

from painwise.audit.models import AuditEntry
from painwise.cli import main
from painwise.clinical.tracking.checkin import CheckInData
from painwise.records.tests.test_fhir import validate
from painwise.tracking.services import save_checkin


@pytest.fixture
def record(patient, assess):
    assess(patient)
    save_checkin(patient, CheckInData(pain_now=4, pain_average=6))
    return patient


@pytest.mark.django_db
class TestCli:
    def test_the_bundle_on_standard_output_validates(self, record, capsys):
        assert main(["export", "fhir", record.email]) == 0
        resources = validate(json.loads(capsys.readouterr().out))
        assert {r["resourceType"] for r in resources} >= {
            "Patient",
            "Questionnaire",
            "QuestionnaireResponse",
            "Observation",
            "CarePlan",
            "Goal",
        }
        assert AuditEntry.objects.filter(action="records.fhir_exported", data__via="cli").exists()

    def test_out_writes_a_file_and_says_what_is_in_it(self, record, tmp_path, capsys):
        out = tmp_path / "bundle.json"
        assert main(["export", "fhir", record.email, "--out", str(out)]) == 0
        validate(json.loads(out.read_text()))
        assert "1 Patient" in capsys.readouterr().err

    def test_unknown_people_and_clinicians_are_refused(self, clinician, capsys):
        for who in ("nobody@example.org", clinician.email):
            with pytest.raises(SystemExit) as exit_:
                main(["export", "fhir", who])
            assert exit_.value.code != 0
        assert capsys.readouterr().out == ""


@pytest.mark.django_db
class TestApi:
    def test_the_linked_clinician_and_the_patient_get_it(self, client, record, clinician):
        url = f"/api/v1/patients/{record.pk}/fhir"
        for who in (clinician, record):
            client.force_login(who)
            response = client.get(url)
            assert response.status_code == 200
            assert response["Content-Type"] == "application/fhir+json"
            validate(json.loads(response.content))

    def test_everyone_else_gets_404_with_nothing_in_it(
        self, client, record, other_clinician, other_patient, staff_admin
    ):
        url = f"/api/v1/patients/{record.pk}/fhir"
        for who in (other_clinician, other_patient, staff_admin):
            client.force_login(who)
            response = client.get(url)
            assert response.status_code == 404
            assert record.email not in response.content.decode()
        client.logout()
        assert client.get(url).status_code == 401
