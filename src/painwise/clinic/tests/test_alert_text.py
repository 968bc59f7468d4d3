"""An alert keeps what it says as sentence templates and parameters: each clinician reads it in
their own language, and the record keeps the text as raised."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from painwise.alerts.models import Alert
from painwise.alerts.services import raise_alert
from painwise.lib import clock
from painwise.tracking.jobs import alert_missed_checkins
from painwise.tracking.models import CheckIn
from tests.test_i18n import write_mo

MISSED = "No check-in for {days} days or more (the last was on {date})."


@pytest.fixture
def german(tmp_path, settings):
    write_mo(
        tmp_path / "de" / "LC_MESSAGES" / "django.mo",
        {MISSED: "Seit {days} Tagen oder mehr kein Eintrag (zuletzt am {date})."},
    )
    settings.LOCALE_PATHS = [tmp_path]
    settings.LANGUAGES = [("en", "English"), ("de", "Deutsch")]


@pytest.mark.django_db
class TestAlertText:
    def test_a_raised_alert_reads_in_the_clinicians_language(self, patient, clinician, german):
        last = clock.now().date() - dt.timedelta(days=9)
        CheckIn.objects.create(patient=patient, local_date=last, pain_now=4, pain_average=4)
        with translation.override("de"):  # whatever language the worker runs in
            assert alert_missed_checkins() == 1
        alert = Alert.objects.get()
        english = f"No check-in for 7 days or more (the last was on {last.isoformat()})."
        assert alert.message == english  # the record's text, in the source language
        assert alert.reasons[0]["rule"] == "missed_checkins"
        with translation.override("en"):
            assert alert.text == english
        with translation.override("de"):
            assert alert.text == f"Seit 7 Tagen oder mehr kein Eintrag (zuletzt am {last})."

    def test_the_clinicians_pages_show_it_in_their_language(
        self, client, patient, clinician, german
    ):
        last = clock.now().date() - dt.timedelta(days=9)
        CheckIn.objects.create(patient=patient, local_date=last, pain_now=4, pain_average=4)
        alert_missed_checkins()
        client.force_login(clinician)
        german_text = f"Seit 7 Tagen oder mehr kein Eintrag (zuletzt am {last.isoformat()})."
        for url in (reverse("clinic:home"), reverse("clinic:patient", args=[patient.pk])):
            page = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
            assert german_text in page, url

    def test_an_alert_raised_before_reasons_were_kept_shows_its_message(self, patient):
        alert = raise_alert(patient, kind="plateau", message="Plateau: as stored.", source="t")
        assert alert.reasons == [] and alert.text == "Plateau: as stored."

    def test_an_alert_says_its_reasons_or_a_message(self, patient):
        with pytest.raises(ValueError):
            raise_alert(patient, kind="plateau", source="t")
