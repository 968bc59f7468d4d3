"""Reads are audited everywhere: the clinician's patient list over the API, and refused reads
(a 404 to the asker, an entry in the audit trail)."""

import pytest

from painwise.audit.models import AuditEntry


@pytest.mark.django_db
def test_the_clinicians_patient_list_over_the_api_is_audited(client, cast):
    client.force_login(cast["clinician"])
    response = client.get("/api/v1/patients")
    assert response.status_code == 200 and [p["id"] for p in response.json()] == [
        cast["patient"].pk
    ]
    entry = AuditEntry.objects.get(action="access.patients_listed")
    assert entry.actor_id == cast["clinician"].pk


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_clinician", "other_patient"])
def test_a_refused_read_is_a_404_and_is_recorded(client, cast, who):
    asker = cast[who]
    client.force_login(asker)
    response = client.get(f"/api/v1/patients/{cast['patient'].pk}/checkins")
    assert response.status_code == 404
    entry = AuditEntry.objects.get(action="access.denied")
    assert entry.actor_id == asker.pk and entry.data["patient_id"] == str(cast["patient"].pk)
    assert entry.patient_id is None  # the trail does not link the asker to the record


@pytest.mark.django_db
def test_a_refused_read_of_a_patient_who_does_not_exist_looks_the_same(client, cast):
    client.force_login(cast["other_clinician"])
    assert client.get("/api/v1/patients/999999/checkins").status_code == 404
    assert client.get("/api/v1/patients/abc/checkins").status_code in (404, 422)
    assert AuditEntry.objects.filter(action="access.denied").count() >= 1
