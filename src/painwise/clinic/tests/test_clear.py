import pytest
from django.urls import reverse

from painwise.alerts.models import Alert
from painwise.assessment.services import program_status
from painwise.audit.models import AuditEntry
from painwise.clinic.tests.conftest import OUTSIDERS


def clear(client, patient, record, note="Seen in clinic: X-ray clear"):
    return client.post(reverse("clinic:clear", args=[patient.pk, record.pk]), {"note": note})


@pytest.mark.django_db
class TestClear:
    def test_an_urgent_result_is_cleared_with_a_note_and_the_program_reopens(
        self, client, cast, assess
    ):
        patient = cast["patient"]
        record = assess(patient, red_flags={"significant_trauma": True})
        assert program_status(patient).paused
        client.force_login(cast["clinician"])
        clear(client, patient, record)
        record.refresh_from_db()
        assert record.cleared_by == cast["clinician"] and "X-ray" in record.clearance_note
        assert program_status(patient).open
        assert not Alert.objects.filter(patient=patient, resolved_at__isnull=True).exists()
        assert AuditEntry.objects.filter(action="assessment.cleared").exists()

    def test_the_patient_page_says_the_latest_result_was_cleared(self, client, cast, assess):
        """The latest result's triage reads "program paused"; once cleared, the page says so
        beside it, with who, when and the note, on the patient page and the result's own."""
        patient = cast["patient"]
        record = assess(patient, red_flags={"significant_trauma": True})
        client.force_login(cast["clinician"])
        said = "this result no longer pauses the program"
        assert said not in client.get(reverse("clinic:patient", args=[patient.pk])).content.decode()
        clear(client, patient, record)
        name = cast["clinician"].display_name
        for page in (
            reverse("clinic:patient", args=[patient.pk]),
            reverse("clinic:assessment", args=[patient.pk, record.pk]),
        ):
            text = client.get(page).content.decode()
            assert f"Cleared by {name} on " in text and said in text, page
            assert "Seen in clinic: X-ray clear" in text, page

    def test_clearing_needs_a_note(self, client, cast, assess):
        record = assess(cast["patient"], red_flags={"constant_night_pain": True})
        client.force_login(cast["clinician"])
        clear(client, cast["patient"], record, note="")
        record.refresh_from_db()
        assert record.cleared_at is None

    def test_only_a_red_flag_result_can_be_cleared(self, client, cast, assess):
        record = assess(cast["patient"])
        client.force_login(cast["clinician"])
        response = clear(client, cast["patient"], record)
        record.refresh_from_db()
        assert record.cleared_at is None
        follow = client.get(response["Location"]).content.decode()
        assert "Only a result with warning signs can be cleared" in follow

    @pytest.mark.parametrize("viewer", OUTSIDERS)
    def test_nobody_else_can_clear(self, client, cast, assess, viewer):
        record = assess(cast["patient"], red_flags={"significant_trauma": True})
        client.force_login(cast[viewer])
        assert clear(client, cast["patient"], record).status_code == 404
        record.refresh_from_db()
        assert record.cleared_at is None
