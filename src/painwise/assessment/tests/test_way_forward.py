"""No dead end: a paused program reopens for someone alone once they confirm a doctor's visit,
and a person whose clinician reopened it is told so, not dropped on a blank first question."""

import datetime as dt

import pytest
from django.urls import reverse

from painwise.alerts.models import Alert
from painwise.assessment.models import AssessmentRecord
from painwise.assessment.services import program_status
from painwise.lib import clock

from .answers import NO_NERVES


def seen(client, **change):
    form = {
        "seen_on": clock.local_today("Europe/London").isoformat(),
        "seen_by": "Dr Patel, A&E",
        "confirm": "on",
    }
    data = {k: v for k, v in {**form, **change}.items() if v is not None}
    return client.post(reverse("assessment:status"), data)


@pytest.mark.django_db
class TestAloneAfterARedFlag:
    def test_confirming_a_doctors_visit_reopens_the_program_and_keeps_the_flag(
        self, client, patient, assess
    ):
        record = assess(patient, red_flags={"significant_trauma": True})
        client.force_login(patient)
        page = client.get(reverse("assessment:status")).content.decode()
        assert "No clinician is linked to your Painwise account" in page
        assert "Has a doctor checked you?" in page
        response = seen(client)
        assert response["Location"] == reverse("program:today")
        record.refresh_from_db()
        assert record.triage == "urgent" and record.red_flags == ["possible_fracture"]
        assert record.seen_by == "Dr Patel, A&E" and record.cleared_at is None
        assert program_status(patient).open
        today = client.get(reverse("program:today")).content.decode()
        assert "You told us Dr Patel, A&amp;E checked your warning signs" in today
        # The alert stays open for any clinician linked later.
        assert Alert.objects.get(patient=patient, kind="urgent").resolved_at is None

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"seen_on": "2999-01-01"}, "cannot be in the future"),
            ({"seen_on": "2000-01-01"}, "on or after the day of your answers"),
            ({"seen_by": ""}, "This field is required"),
            ({"confirm": ""}, "only if a doctor said so"),
        ],
    )
    def test_a_doubtful_confirmation_changes_nothing(
        self, client, patient, assess, change, message
    ):
        assess(patient, red_flags={"constant_night_pain": True})
        client.force_login(patient)
        data = {k: v for k, v in change.items() if v != ""} if "confirm" in change else change
        if "confirm" in change:
            form = {"seen_on": clock.local_today("Europe/London").isoformat(), "seen_by": "Dr X"}
            response = client.post(reverse("assessment:status"), form)
        else:
            response = seen(client, **data)
        assert response.status_code == 200 and message in response.content.decode()
        assert program_status(patient).paused

    def test_with_a_clinician_the_clinician_reopens_it(self, client, patient, clinician, assess):
        assess(patient, red_flags={"significant_trauma": True})
        client.force_login(patient)
        page = client.get(reverse("assessment:status")).content.decode()
        assert "Has a doctor checked you?" not in page
        assert "Your clinician can see these answers in Painwise now" in page
        seen(client)
        assert program_status(patient).paused


@pytest.mark.django_db
def test_after_a_clinician_reopens_an_early_stop_the_patient_is_told_and_carries_on(
    client, patient, clinician
):
    client.force_login(patient)
    client.post(
        reverse("assessment:step", args=["about"]),
        {"age": "50", "duration_amount": "2", "duration_unit": "years", "first_episode": "no"},
    )
    nerves = NO_NERVES | {"red_flags__saddle_numbness": "yes"}
    client.post(reverse("assessment:step", args=["warning-nerves"]), nerves)
    record = AssessmentRecord.objects.get()
    assert record.triage == "emergency" and not record.complete
    client.force_login(clinician)
    client.post(
        reverse("clinic:clear", args=[patient.pk, record.pk]), {"note": "Seen in A&E: no CES."}
    )
    client.force_login(patient)
    landing = client.get(reverse("home"), follow=True)
    assert landing.redirect_chain[-1][0] == reverse("assessment:start")
    page = landing.content.decode()
    assert "Your program is open again" in page and "Seen in A&amp;E: no CES." in page
    assert (clock.now() - record.created_at) < dt.timedelta(minutes=5)
