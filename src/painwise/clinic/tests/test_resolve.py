import pytest
from django.urls import reverse

from painwise.alerts.models import Alert
from painwise.alerts.services import raise_alert
from painwise.clinic.tests.conftest import OUTSIDERS


def resolve(client, patient, alert, note="Phoned: feeling better"):
    url = reverse("clinic:resolve_alert", args=[patient.pk, alert.pk])
    return client.post(url, {"note": note})


@pytest.mark.django_db
class TestResolve:
    def test_an_alert_is_dealt_with_and_keeps_its_note(self, client, cast):
        alert = raise_alert(cast["patient"], kind="deterioration", message="x", source="t:1")
        client.force_login(cast["clinician"])
        resolve(client, cast["patient"], alert)
        alert.refresh_from_db()
        assert alert.resolved_by == cast["clinician"] and alert.resolution_note.startswith("Phoned")

    def test_a_red_flag_alert_ends_only_by_clearing_the_result(self, client, cast, assess):
        assess(cast["patient"], red_flags={"saddle_numbness": True})
        alert = Alert.objects.get(kind="emergency")
        client.force_login(cast["clinician"])
        resolve(client, cast["patient"], alert)
        alert.refresh_from_db()
        assert alert.resolved_at is None

    def test_another_patients_alert_is_not_found_under_this_one(self, client, cast):
        alert = raise_alert(cast["other_patient"], kind="plateau", message="x", source="t:2")
        client.force_login(cast["clinician"])
        assert resolve(client, cast["patient"], alert).status_code == 404
        alert.refresh_from_db()
        assert alert.resolved_at is None

    @pytest.mark.parametrize("viewer", OUTSIDERS)
    def test_nobody_else_can_resolve(self, client, cast, viewer):
        alert = raise_alert(cast["patient"], kind="plateau", message="x", source="t:3")
        client.force_login(cast[viewer])
        assert resolve(client, cast["patient"], alert).status_code == 404
        alert.refresh_from_db()
        assert alert.resolved_at is None

    def test_two_clinicians_at_once_the_first_note_stands_and_is_audited_once(self, cast):
        from conftest import clinician_of

        from painwise.alerts.services import resolve_alert
        from painwise.audit.models import AuditEntry

        colleague = clinician_of(cast["patient"], "colleague@example.org")
        alert = raise_alert(cast["patient"], kind="plateau", message="x", source="t:4")
        stale = Alert.objects.get(pk=alert.pk)  # the colleague's page, loaded before the click
        resolve_alert(alert, by=cast["clinician"], note="Phoned")
        resolve_alert(stale, by=colleague, note="Emailed")
        assert (stale.resolved_by, stale.resolution_note) == (cast["clinician"], "Phoned")
        alert.refresh_from_db()
        assert (alert.resolved_by, alert.resolution_note) == (cast["clinician"], "Phoned")
        assert AuditEntry.objects.filter(action="clinic.alert_resolved").count() == 1
