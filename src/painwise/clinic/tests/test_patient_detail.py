import pytest
from django.urls import reverse

from painwise.audit.models import AuditEntry
from painwise.clinic.tests.conftest import OUTSIDERS


@pytest.mark.django_db
class TestPatientDetail:
    def test_it_shows_the_latest_result_in_clinical_language(self, client, cast, assess):
        assess(cast["patient"], pain_distribution="regional", pain_duration_weeks=30)
        client.force_login(cast["clinician"])
        page = client.get(reverse("clinic:patient", args=[cast["patient"].pk])).content.decode()
        assert cast["patient"].display_name in page
        assert "Examination needed (C3, C4 not assessed)" in page
        assert "C1 duration &gt; 3 months" in page and "STarT Back" in page
        for raw in ("exam_needed", "graded_activity", "You told us", "Your pain", "your first"):
            assert raw not in page, raw

    def test_each_read_is_audited(self, client, cast):
        client.force_login(cast["clinician"])
        client.get(reverse("clinic:patient", args=[cast["patient"].pk]))
        assert AuditEntry.objects.filter(
            action="clinic.patient_viewed", actor=cast["clinician"], patient=cast["patient"]
        ).exists()

    @pytest.mark.parametrize("viewer", OUTSIDERS)
    def test_nobody_else_sees_it(self, client, cast, viewer):
        client.force_login(cast[viewer])
        url = reverse("clinic:patient", args=[cast["patient"].pk])
        assert client.get(url).status_code == 404

    def test_an_unknown_id_is_not_found(self, client, cast):
        client.force_login(cast["clinician"])
        assert client.get(reverse("clinic:patient", args=[999999])).status_code == 404
