"""Rule missed_checkins: a week without a check-in alerts the care team, once per silence."""

import datetime as dt

import pytest
import time_machine

from painwise.alerts.models import Alert
from painwise.lib import clock
from painwise.tracking.jobs import alert_missed_checkins
from painwise.tracking.models import CheckIn


def last_checkin(patient, days_ago):
    CheckIn.objects.create(
        patient=patient,
        local_date=clock.now().date() - dt.timedelta(days=days_ago),
        pain_now=4,
        pain_average=4,
    )


@pytest.mark.django_db
class TestMissedCheckins:
    def test_six_days_is_quiet_and_seven_alerts(self, patient, clinician):
        last_checkin(patient, 6)
        assert alert_missed_checkins() == 0
        with time_machine.travel(clock.now() + dt.timedelta(days=1)):
            assert alert_missed_checkins() == 1
        alert = Alert.objects.get()
        assert alert.kind == "missed_checkins" and alert.rules == ["missed_checkins"]

    def test_one_alert_per_silence_and_a_new_one_after_a_return(self, patient, clinician):
        last_checkin(patient, 10)
        assert alert_missed_checkins() == 1
        assert alert_missed_checkins() == 0  # the same silence
        last_checkin(patient, 0)
        with time_machine.travel(clock.now() + dt.timedelta(days=8)):
            assert alert_missed_checkins() == 1
        assert Alert.objects.count() == 2

    def test_nobody_is_alerted_for_a_patient_without_a_care_team(self, patient):
        last_checkin(patient, 30)
        assert alert_missed_checkins() == 0

    def test_someone_who_never_checked_in_is_not_missing_check_ins(self, patient, clinician):
        assert alert_missed_checkins() == 0

    def test_the_number_of_days_is_a_setting(self, patient, clinician, settings):
        settings.PAINWISE_TRACKING = {"missed_checkin_days": 14}
        last_checkin(patient, 10)
        assert alert_missed_checkins() == 0
