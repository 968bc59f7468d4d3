import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from painwise.assessment.services import record_assessment
from painwise.audit.models import AuditEntry
from painwise.program import services
from painwise.program.models import (
    ActivityLog,
    ActivityTrack,
    FlareDeclaration,
    Plan,
    ToleranceTest,
)
from tests.clinical.factories import intake


@pytest.fixture
def ready(patient):
    record_assessment(
        patient, intake(startback={"unsafe_to_be_active": True}), source="intake", actor=patient
    )
    return patient


def post_json(client, path, data):
    return client.post(path, json.dumps(data), content_type="application/json")


@pytest.mark.django_db
class TestTodayPage:
    def test_the_first_visit_builds_the_plan_and_starts_the_baseline_week(self, client, ready):
        client.force_login(ready)
        page = client.get(reverse("program:today")).content.decode()
        plan = Plan.objects.get()
        assert plan.source == "assessment" and "pain_reprocessing" in [
            m["key"] for m in plan.data["modules"]
        ]
        assert "This is your baseline week" in page
        assert ActivityTrack.objects.get().key == "walking"

    def test_tolerance_tests_then_quota_after_the_baseline_week(self, client, ready):
        client.force_login(ready)
        with time_machine.travel("2026-11-02 10:00Z", tick=False):
            client.get(reverse("program:today"))
            track = ActivityTrack.objects.get()
        for n, value in enumerate(["10", "12", "14"]):
            with time_machine.travel(f"2026-11-0{2 + n} 10:00Z", tick=False):
                client.post(reverse("program:tolerance"), {"track": track.pk, "amount": value})
        assert ToleranceTest.objects.count() == 3
        with time_machine.travel("2026-11-05 10:00Z", tick=False):
            assert "Enough for a baseline" in client.get(reverse("program:today")).content.decode()
        with time_machine.travel("2026-11-09 10:00Z", tick=False):
            page = client.get(reverse("program:today")).content.decode()
            assert "Today's quota: 10 minutes" in page  # 80% of 12
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

    def test_the_clinician_adjusts_any_part_and_it_is_audited(self, client, ready, clinician):
        client.force_login(ready)
        client.get(reverse("program:today"))
        track = ActivityTrack.objects.get()
        client.force_login(clinician)
        url = reverse("clinic:plan", args=[ready.pk])
        assert client.get(url).status_code == 200
        client.post(
            url,
            {
                "form": "plan",
                "daily_minutes": "12",
                "modules": ["graded_exposure"],
                "exercises": ["walking", "pelvic_tilt"],
                "activities": ["walking", "walking_distance"],
            },
        )
        plan = services.current_plan(ready)
        assert plan.source == "clinician" and "graded_exposure" not in [
            m["key"] for m in plan.data["modules"]
        ]
        tracks = {t.key: t.unit for t in ActivityTrack.objects.filter(patient=ready, active=True)}
        assert tracks == {"walking": "minutes", "walking_distance": "metres"}
        client.post(
            url,
            {
                "form": "track",
                "track": track.pk,
                f"t{track.pk}-goal": "40",
                f"t{track.pk}-baseline": "18",
                f"t{track.pk}-weekly_increment": "0.15",
            },
        )
        track.refresh_from_db()
        assert (track.goal, track.baseline, track.weekly_increment) == (40, 18, 0.15)
        assert (
            AuditEntry.objects.filter(action="program.plan_adjusted", actor=clinician).count() == 2
        )

    @pytest.mark.parametrize("viewer", ["other_clinician", "other_patient", "admin"])
    def test_nobody_else_sees_or_adjusts_the_plan(self, client, cast, viewer):
        client.force_login(cast[viewer])
        assert client.get(reverse("clinic:plan", args=[cast["patient"].pk])).status_code == 404


@pytest.mark.django_db
class TestApi:
    def test_plan_quotas_logs_and_tests(self, client, ready):
        client.force_login(ready)
        plan = client.get("/api/v1/plan").json()
        assert (
            plan["intensity"] == "lighter"
            and plan["modules"][0]["reason"]["rule"] == "plan_education"
        )
        assert client.get("/api/v1/quotas").json()[0]["phase"] == "baseline"
        assert (
            post_json(
                client, "/api/v1/tolerance-tests", {"activity": "walking", "amount": 15}
            ).status_code
            == 201
        )
        bad = post_json(client, "/api/v1/tolerance-tests", {"activity": "walking", "amount": 2000})
        assert bad.status_code == 400 and "24 hours" in bad.json()["message"]
        assert (
            post_json(
                client, "/api/v1/tolerance-tests", {"activity": "walking", "amount": -1}
            ).status_code
            == 422
        )
        assert (
            post_json(
                client, "/api/v1/activity-logs", {"activity": "walking", "amount": 10}
            ).status_code
            == 201
        )
        unknown = post_json(client, "/api/v1/activity-logs", {"activity": "swimming", "amount": 10})
        assert unknown.status_code == 422
        not_mine = post_json(client, "/api/v1/activity-logs", {"activity": "sitting", "amount": 10})
        assert (
            not_mine.status_code == 400
            and "not one of your activities" in not_mine.json()["message"]
        )
        assert len(client.get("/api/v1/activity-logs").json()) == 1

    def test_no_plan_while_paused(self, client, patient):
        record_assessment(
            patient, intake(red_flags={"gait_disturbance": True}), source="intake", actor=patient
        )
        client.force_login(patient)
        assert client.get("/api/v1/plan").status_code == 409

    @pytest.mark.parametrize(
        ("viewer", "status"),
        [("clinician", 200), ("other_clinician", 404), ("other_patient", 404), ("admin", 404)],
    )
    def test_patient_plan_follows_the_rule(self, client, cast, viewer, status):
        record_assessment(cast["patient"], intake(), source="intake", actor=cast["patient"])
        client.force_login(cast[viewer])
        assert client.get(f"/api/v1/patients/{cast['patient'].pk}/plan").status_code == status
