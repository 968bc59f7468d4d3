import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from painwise.assessment.services import record_assessment
from painwise.program import services
from painwise.program.models import (
    ActivityLog,
    ActivityTrack,
    FlareDeclaration,
    Plan,
    ToleranceTest,
)
from tests.clinical.factories import intake


@pytest.mark.django_db
class TestTodayPage:
    def test_storing_the_assessment_builds_the_plan_and_starts_the_baseline_week(
        self, client, ready
    ):
        client.force_login(ready)
        plan = Plan.objects.get()  # built when the assessment was stored, not on a page view
        page = client.get(reverse("program:today")).content.decode()
        assert Plan.objects.count() == 1
        assert plan.source == "assessment" and "pain_reprocessing" in [
            m["key"] for m in plan.data["modules"]
        ]
        assert "This is your baseline week" in page
        assert ActivityTrack.objects.get().key == "walking"

    def test_tolerance_tests_then_quota_after_the_baseline_week(self, client, patient):
        client.force_login(patient)
        with time_machine.travel("2026-11-02 10:00Z", tick=False):
            record_assessment(patient, intake(), source="intake", actor=patient)
            track = ActivityTrack.objects.get()
        for n, value in enumerate(["10", "12", "14"]):
            with time_machine.travel(f"2026-11-0{2 + n} 10:00Z", tick=False):
                client.post(reverse("program:tolerance"), {"track": track.pk, "amount": value})
        assert ToleranceTest.objects.count() == 3
        with time_machine.travel("2026-11-05 10:00Z", tick=False):
            assert "Enough for a baseline" in client.get(reverse("program:today")).content.decode()
        with time_machine.travel("2026-11-09 10:00Z", tick=False):
            page = client.get(reverse("program:today")).content.decode()
            assert "Today's quota: 9.6 minutes" in page  # 80% of 12, as it is
            client.post(reverse("program:log"), {"track": track.pk, "amount": "9.6"})
            assert ActivityLog.objects.get().amount == 9.6
            assert "Quota done for today" in client.get(reverse("program:today")).content.decode()

    @pytest.mark.parametrize("value", ["0", "-3", "1441", "abc", ""])
    def test_absurd_tolerance_tests_are_refused_with_a_message(self, client, ready, value):
        client.force_login(ready)
        client.get(reverse("program:today"))
        track = ActivityTrack.objects.get()
        response = client.post(
            reverse("program:tolerance"), {"track": track.pk, "amount": value}, follow=True
        )
        assert ToleranceTest.objects.count() == 0
        assert (
            "not saved" in response.content.decode() or "more than 0" in response.content.decode()
        )

    def test_a_tolerance_test_too_small_to_count_says_what_to_do_without_a_clinician(
        self, client, ready
    ):
        client.force_login(ready)
        client.get(reverse("program:today"))
        track = ActivityTrack.objects.get()
        response = client.post(
            reverse("program:tolerance"), {"track": track.pk, "amount": "0.05"}, follow=True
        )
        text = response.content.decode()
        assert "at least 0.1: if you could not do any, start with an easier activity" in text
        assert "clinician" not in text and ToleranceTest.objects.count() == 0

    def test_a_flare_is_one_tap_and_lowers_the_quota(self, client, ready):
        client.force_login(ready)
        client.get(reverse("program:today"))
        track = ActivityTrack.objects.get()
        services.set_baseline(track, 20, by=ready)
        before = services.track_states(ready)[0].state.quota
        response = client.post(reverse("program:flare"))
        assert response["Location"] == reverse("program:flare")
        assert FlareDeclaration.objects.count() == 1
        assert "Your flare-up plan" in client.get(reverse("program:flare")).content.decode()
        tomorrow = services.today_for(ready) + dt.timedelta(days=1)
        after = services.track_states(ready, tomorrow)[0].state.quota
        assert after < before

    def test_no_program_content_while_red_flags_wait(self, client, patient):
        record_assessment(
            patient, intake(red_flags={"constant_night_pain": True}), source="intake", actor=patient
        )
        client.force_login(patient)
        for name in ["program:today", "program:plan", "program:progress", "program:flare"]:
            assert client.get(reverse(name))["Location"] == reverse("assessment:status")
        assert Plan.objects.count() == 0

    def test_another_patients_activity_is_not_theirs(self, client, ready, other_patient):
        record_assessment(other_patient, intake(), source="intake", actor=other_patient)
        client.force_login(ready)
        client.get(reverse("program:today"))
        track = ActivityTrack.objects.get(patient=ready)
        client.force_login(other_patient)
        client.get(reverse("program:today"))
        assert (
            client.post(reverse("program:log"), {"track": track.pk, "amount": "5"}).status_code
            == 404
        )
        assert ActivityLog.objects.count() == 0


@pytest.mark.django_db
class TestPlanChanges:
    def test_the_patient_can_swap_exercises_and_change_the_time_budget_and_history_is_kept(
        self, client, ready
    ):
        client.force_login(ready)
        client.get(reverse("program:plan"))
        client.post(
            reverse("program:preferences"),
            {"daily_minutes": "25", "exercises": ["bird_dog", "glute_bridge"]},
        )
        plans = list(Plan.objects.order_by("pk"))
        assert len(plans) == 2 and plans[0].superseded_at is not None
        assert plans[1].source == "patient"
        assert plans[1].data["daily_minutes"] == 25 and plans[1].data["exercises"] == [
            "bird_dog",
            "glute_bridge",
        ]

    def test_a_new_assessment_rebuilds_the_plan(self, client, ready):
        client.force_login(ready)
        client.get(reverse("program:today"))
        record_assessment(
            ready, intake(sensitivity={"sleep_disturbance": True}), source="review", actor=ready
        )
        client.get(reverse("program:today"))
        current = services.current_plan(ready)
        assert "sleep" in [m["key"] for m in current.data["modules"]]
        assert Plan.objects.count() == 2


@pytest.mark.django_db
class TestFlareToday:
    def test_a_declared_flare_lowers_todays_quota_at_once_and_today_shows_the_plan(
        self, client, patient
    ):
        with time_machine.travel("2026-10-01 09:00Z", tick=False):
            record_assessment(patient, intake(), source="intake", actor=patient)
        track = ActivityTrack.objects.get()
        for offset, value in enumerate([20, 20, 20]):
            ToleranceTest.objects.create(
                track=track, local_date=track.started_on + dt.timedelta(days=offset), value=value
            )
        client.force_login(patient)
        client.post(
            reverse("program:flare_plan"),
            {"what_helps": "A warm shower", "what_to_reduce": "Gardening"},
        )
        before = services.track_states(patient)[0].state.quota
        response = client.post(reverse("program:flare"), follow=True)
        after = services.track_states(patient)[0].state.quota
        assert after < before
        assert "Your quota is lower from today" in response.content.decode()
        today = client.get(reverse("program:today")).content.decode()
        assert "Flare-up: a gentler day" in today and "A warm shower" in today
        assert "I&#x27;m having a flare-up" not in today  # already in one
        client.post(reverse("program:flare"))
        assert FlareDeclaration.objects.count() == 1  # twice in a day is one flare

    def test_in_the_baseline_week_no_quota_is_claimed_to_drop(self, client, ready):
        client.force_login(ready)
        response = client.post(reverse("program:flare"), follow=True)
        page = response.content.decode()
        assert "Go gently today" in page and "quota is lower" not in page
