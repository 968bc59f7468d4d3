import pytest
from django.urls import reverse

from painwise.audit.models import AuditEntry


def post_settings(client, **data):
    return client.post(reverse("accounts:settings"), data)


@pytest.mark.django_db
class TestSettingsPage:
    def test_it_changes_the_time_zone_and_audits_it(self, client, patient):
        client.force_login(patient)
        response = post_settings(client, display_name="Patricia", time_zone="Asia/Tokyo")
        assert response.status_code == 302
        patient.refresh_from_db()
        assert patient.time_zone == "Asia/Tokyo"
        entry = AuditEntry.objects.get(action="accounts.settings_changed")
        assert entry.data == {"fields": ["display_name", "time_zone"]}

    def test_a_bad_time_zone_changes_nothing(self, client, patient):
        client.force_login(patient)
        response = post_settings(client, display_name="Changed", time_zone="Nowhere/Else")
        assert "Nowhere/Else" in response.content.decode()  # shown again, to be put right
        patient.refresh_from_db()
        assert (patient.display_name, patient.time_zone) == ("Pat", "Europe/London")
