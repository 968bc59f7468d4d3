"""The permission rule, tested for each role against each other's data, over pages and API."""

import pytest
from django.urls import reverse

from painwise.accounts import access
from painwise.audit.models import AuditEntry


@pytest.mark.django_db
class TestVisiblePatients:
    def test_a_patient_sees_only_themself(self, cast):
        assert list(access.visible_patients(cast["patient"])) == [cast["patient"]]

    def test_a_clinician_sees_only_linked_patients(self, cast):
        assert list(access.visible_patients(cast["clinician"])) == [cast["patient"]]
        assert list(access.visible_patients(cast["other_clinician"])) == [cast["other_patient"]]

    def test_a_staff_admin_sees_no_clinical_data(self, cast):
        assert list(access.visible_patients(cast["admin"])) == []

    def test_a_switched_off_account_sees_nothing(self, cast):
        cast["clinician"].is_active = False
        cast["clinician"].save()
        assert list(access.visible_patients(cast["clinician"])) == []


# (viewer, patient) -> may the viewer read the patient's data?
MATRIX = [
    ("patient", "patient", True),
    ("patient", "other_patient", False),
    ("clinician", "patient", True),
    ("clinician", "other_patient", False),
    ("other_clinician", "patient", False),
    ("other_clinician", "other_patient", True),
    ("admin", "patient", False),
    ("other_patient", "patient", False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("viewer", "target", "allowed"), MATRIX)
def test_api_patient_detail(client, cast, viewer, target, allowed):
    client.force_login(cast[viewer])
    response = client.get(f"/api/v1/patients/{cast[target].pk}")
    assert response.status_code == (200 if allowed else 404)
    if not allowed:
        assert response.json() == {"error": "not_found", "message": "Not found.", "fields": []}


@pytest.mark.django_db
@pytest.mark.parametrize(("viewer", "target", "allowed"), MATRIX)
def test_clinic_patient_page(client, cast, viewer, target, allowed):
    client.force_login(cast[viewer])
    response = client.get(reverse("clinic:patient", args=[cast[target].pk]))
    # The clinic pages are for clinicians; everyone else is told there is nothing there.
    expected = 200 if allowed and cast[viewer].role == "clinician" else 404
    assert response.status_code == expected


@pytest.mark.django_db
def test_an_unknown_patient_id_is_404_not_500(client, cast):
    client.force_login(cast["clinician"])
    assert client.get("/api/v1/patients/999999").status_code == 404
    assert client.get(reverse("clinic:patient", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_anonymous_visitors_are_refused(client, cast):
    assert client.get(f"/api/v1/patients/{cast['patient'].pk}").status_code == 401
    response = client.get(reverse("clinic:patient", args=[cast["patient"].pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_clinician_reads_are_audited_but_a_patient_reading_their_own_data_is_not(client, cast):
    client.force_login(cast["clinician"])
    client.get(f"/api/v1/patients/{cast['patient'].pk}")
    client.get(reverse("clinic:patient", args=[cast["patient"].pk]))
    reads = AuditEntry.objects.filter(action="clinic.patient_viewed", actor=cast["clinician"])
    assert [e.data["what"] for e in reads.order_by("pk")] == [
        "api.patient",
        "clinic.patient_detail",
    ]
    assert all(e.patient_id == cast["patient"].pk for e in reads)
    client.force_login(cast["patient"])
    client.get(f"/api/v1/patients/{cast['patient'].pk}")
    assert not AuditEntry.objects.filter(
        action="clinic.patient_viewed", actor=cast["patient"]
    ).exists()


@pytest.mark.django_db
def test_api_patient_list_follows_the_rule(client, cast):
    for viewer, expected in [
        ("patient", ["patient"]),
        ("clinician", ["patient"]),
        ("other_clinician", ["other_patient"]),
        ("admin", []),
    ]:
        client.force_login(cast[viewer])
        ids = [p["id"] for p in client.get("/api/v1/patients").json()]
        assert ids == [cast[name].pk for name in expected], viewer


@pytest.mark.django_db
def test_bearer_tokens_authenticate_and_follow_the_same_rule(client, cast):
    from painwise.accounts.services import issue_token

    key = issue_token(cast["clinician"], "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/me", **auth).json()["email"] == cast["clinician"].email
    assert client.get(f"/api/v1/patients/{cast['patient'].pk}", **auth).status_code == 200
    assert client.get(f"/api/v1/patients/{cast['other_patient'].pk}", **auth).status_code == 404
    bad = {"HTTP_AUTHORIZATION": "Bearer pw_not-a-real-token"}
    assert client.get("/api/v1/me", **bad).status_code == 401


@pytest.mark.django_db
def test_session_api_writes_need_the_csrf_token(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["patient"])
    # GET is safe without a token; an unsafe method without one is refused.
    assert client.get("/api/v1/me").status_code == 200
    assert client.post("/api/v1/me").status_code in (403, 405)


@pytest.mark.django_db
def test_bearer_tokens_can_write_without_a_csrf_token(cast):
    """A token client is not a browser: it needs no CSRF token (a session write still does)."""
    import json

    from django.test import Client

    from painwise.accounts.services import issue_token
    from tests.clinical.factories import intake

    key = issue_token(cast["patient"], "test")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/assessments/evaluate",
        json.dumps(intake()),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200
    client.force_login(cast["patient"])
    no_csrf = client.post(
        "/api/v1/assessments/evaluate", json.dumps(intake()), content_type="application/json"
    )
    assert no_csrf.status_code == 403
