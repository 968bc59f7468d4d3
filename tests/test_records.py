"""A patient's own data: the download holds everything they entered and no secrets; deleting
the account removes it all and leaves only a content-free line in the audit trail."""

import io
import json
import zipfile

import pytest
from conftest import make_user
from django.urls import reverse

from painwise.accounts.models import ApiToken, User
from painwise.accounts.services import issue_token
from painwise.audit import services as audit
from painwise.audit.models import AuditEntry
from painwise.clinic.models import ClinicalNote
from painwise.clinical.tracking.checkin import CheckInData
from painwise.tracking.models import CheckIn
from painwise.tracking.services import save_checkin
from tests.helpers import checkin_history, read_pdf

NOTE = "marker-5512 long walk"


@pytest.fixture
def kept(patient, clinician, assess):
    assess(patient)
    save_checkin(patient, CheckInData(pain_now=4, pain_average=5, note=NOTE))
    issue_token(patient, "phone")
    ClinicalNote.objects.create(patient=patient, author=clinician, text="clinic-only-3391")
    audit.record("clinic.patient_viewed", actor=clinician, patient=patient, data={"what": "x"})
    return patient


@pytest.mark.django_db
class TestDownload:
    def test_json_holds_their_data_and_who_read_it_but_no_secrets(self, client, kept):
        client.force_login(kept)
        response = client.post(reverse("records:download", args=["json"]))
        assert response["Content-Disposition"].startswith("attachment")
        data = json.loads(response.content)
        assert data["account"]["email"] == kept.email
        assert data["tables"]["tracking.checkin"][0]["note"] == NOTE
        assert "assessment.assessmentrecord" in data["tables"]
        assert "program.plan" in data["tables"]
        assert "clinic.patient_viewed" in [e["action"] for e in data["access_log"]]
        text = response.content.decode()
        for secret in (kept.password, ApiToken.objects.get().key_hash, "clinic-only-3391"):
            assert secret not in text
        assert AuditEntry.objects.filter(action="records.exported", actor=kept).exists()

    def test_csv_zip_has_one_file_per_kind_of_record(self, client, kept):
        client.force_login(kept)
        response = client.post(reverse("records:download", args=["csv"]))
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            names = set(archive.namelist())
            assert {"README.txt", "account.csv", "access_log.csv", "tracking.checkin.csv"} <= names
            assert NOTE in archive.read("tracking.checkin.csv").decode()
            assert not any("apitoken" in n or "clinicalnote" in n for n in names)

    def test_fhir_download_is_a_bundle(self, client, kept):
        client.force_login(kept)
        response = client.post(reverse("records:download", args=["fhir"]))
        assert json.loads(response.content)["resourceType"] == "Bundle"

    def test_a_one_page_summary_for_a_doctor_without_a_clinician_in_painwise(
        self, client, patient, assess, tmp_path
    ):
        assess(patient)
        checkin_history(patient, 30)
        client.force_login(patient)
        assert (
            "Download the summary (PDF)" in client.get(reverse("records:my_data")).content.decode()
        )
        response = client.post(reverse("records:download", args=["pdf"]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        pages, text = read_pdf(response.content, tmp_path)
        text = " ".join(text.split())  # lines wrap where the page is full
        assert pages == 1
        for expected in (
            "Visit summary",
            "Downloaded by the patient to share with their doctor",
            "Pain (7-day mean, 0-10): 6.0 → 3.0 *",
            "Current plan",
        ):
            assert expected in text, expected
        assert "For " not in text  # no clinician named: none asked for it
        assert AuditEntry.objects.filter(
            action="records.summary_downloaded", actor=patient, patient=patient
        ).exists()
        assert client.get(reverse("records:download", args=["pdf"])).status_code == 405

    def test_an_unknown_format_and_a_get_do_nothing(self, client, kept):
        client.force_login(kept)
        assert client.post(reverse("records:download", args=["xml"])).status_code == 404
        assert client.get(reverse("records:download", args=["json"])).status_code == 405

    def test_only_patients_have_this_page(self, client, clinician):
        client.force_login(clinician)
        assert client.get(reverse("records:my_data")).status_code == 404


@pytest.mark.django_db
class TestDelete:
    def test_deleting_removes_everything_and_keeps_a_content_free_audit_line(
        self, client, kept, other_patient
    ):
        save_checkin(other_patient, CheckInData(pain_now=3, pain_average=3))
        pk = kept.pk
        client.force_login(kept)
        response = client.post(reverse("records:delete"), {"email": kept.email.upper()})
        assert response.status_code == 302 and response["Location"] == reverse("records:deleted")
        assert not User.objects.filter(pk=pk).exists()
        assert not CheckIn.objects.filter(patient_id=pk).exists()
        assert not ClinicalNote.objects.exists() and not ApiToken.objects.exists()
        assert CheckIn.objects.filter(patient=other_patient).count() == 1
        entry = AuditEntry.objects.get(action="records.account_deleted")
        assert entry.patient_ref == pk and entry.data == {} and entry.patient_id is None
        assert not AuditEntry.objects.filter(data__icontains=NOTE).exists()
        # Signed out: the next page is the public one.
        assert client.get(reverse("records:my_data")).status_code == 302

    def test_a_wrong_email_deletes_nothing(self, client, kept):
        client.force_login(kept)
        response = client.post(reverse("records:delete"), {"email": "someone@else.org"})
        assert response.status_code == 400
        assert "Type the email address of this account" in response.content.decode()
        assert User.objects.filter(pk=kept.pk).exists()

    def test_the_page_speaks_of_a_care_team_only_to_someone_who_has_one(self, client, patient):
        from conftest import clinician_of

        client.force_login(patient)
        alone = client.get(reverse("records:my_data")).content.decode()
        assert "care team" not in alone and "who else read your record" in alone
        clinician_of(patient, "clin@example.org")
        linked = client.get(reverse("records:my_data")).content.decode()
        assert "who on your care team read your record" in linked
        assert "Your care team will no longer see your record" in linked
        refused = client.post(reverse("records:delete"), {"email": "someone@else.org"})
        assert "Your care team will no longer see your record" in refused.content.decode()

    def test_nobody_deletes_another_account(self, client, kept, clinician):
        client.force_login(clinician)
        assert client.post(reverse("records:delete"), {"email": kept.email}).status_code == 404
        other = make_user("x@example.org")
        client.force_login(other)
        client.post(reverse("records:delete"), {"email": kept.email})
        assert User.objects.filter(pk=kept.pk).exists()
