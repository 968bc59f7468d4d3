import pytest
from django.urls import reverse

from painwise.alerts.services import raise_alert
from painwise.audit.models import AuditEntry


@pytest.mark.django_db
class TestHome:
    def test_it_lists_the_clinicians_patients_with_the_worst_alert_first(
        self, client, cast, assess
    ):
        patient = cast["patient"]
        raise_alert(patient, kind="deterioration", message="Pain up", source="t:1")
        assess(patient, red_flags={"saddle_numbness": True})
        client.force_login(cast["clinician"])
        page = client.get(reverse("clinic:home")).content.decode()
        assert patient.display_name in page
        assert cast["other_patient"].display_name not in page
        assert page.index("Emergency red flag") < page.index("Getting worse")

    def test_the_read_is_audited_naming_everyone_shown(self, client, cast):
        client.force_login(cast["clinician"])
        client.get(reverse("clinic:home"))
        entry = AuditEntry.objects.get(action="clinic.dashboard_viewed")
        assert entry.actor == cast["clinician"]
        assert entry.data["patients"] == [cast["patient"].pk]

    @pytest.mark.parametrize("viewer", ["patient", "admin"])
    def test_it_is_not_there_for_anyone_but_a_clinician(self, client, cast, viewer):
        client.force_login(cast[viewer])
        assert client.get(reverse("clinic:home")).status_code == 404

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, db):
        response = client.get(reverse("clinic:home"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
