import pytest
from django.urls import reverse

from painwise.audit.models import AuditEntry
from painwise.clinic.tests.conftest import OUTSIDERS
from painwise.program import services
from painwise.program.models import ActivityTrack


def track_form(track, **values):
    data = {
        "goal": "40",
        "baseline": "18",
        "weekly_increment": "0.15",
        "reason": "Tolerance tests were steady",
        **values,
    }
    return {"form": "track", "track": track.pk, **{f"t{track.pk}-{k}": v for k, v in data.items()}}


@pytest.mark.django_db
class TestAdjustPlan:
    def test_the_clinician_adjusts_any_part_and_each_change_is_audited(self, client, cast, assess):
        patient = cast["patient"]
        assess(patient, startback={"unsafe_to_be_active": True})
        track = ActivityTrack.objects.get()
        client.force_login(cast["clinician"])
        url = reverse("clinic:plan", args=[patient.pk])
        assert client.get(url).status_code == 200
        client.post(
            url,
            {
                "form": "plan",
                "daily_minutes": "12",
                "modules": ["graded_exposure"],
                "exercises": ["walking", "pelvic_tilt"],
                "activities": ["walking", "walking_distance"],
                "reason": "Fear of walking far; exposure later",
            },
        )
        plan = services.current_plan(patient)
        assert plan.source == "clinician"
        assert (
            plan.reason == "Fear of walking far; exposure later"
            and plan.created_by == cast["clinician"]
        )
        assert "graded_exposure" not in [m["key"] for m in plan.data["modules"]]
        tracks = {t.key: t.unit for t in ActivityTrack.objects.filter(patient=patient, active=True)}
        assert tracks == {"walking": "minutes", "walking_distance": "metres"}
        client.post(url, track_form(track))
        track.refresh_from_db()
        assert (track.goal, track.baseline, track.weekly_increment) == (40, 18, 0.15)
        adjusted = AuditEntry.objects.filter(
            action="program.plan_adjusted", actor=cast["clinician"]
        )
        assert adjusted.count() == 2
        assert {e.data.get("reason") for e in adjusted} == {
            "Fear of walking far; exposure later",
            "Tolerance tests were steady",
        }
        # The page lists the versions with who and why.
        page = client.get(url).content.decode()
        assert "Fear of walking far; exposure later" in page and "Versions of the plan" in page

    def test_a_change_without_a_reason_changes_nothing(self, client, cast, assess):
        patient = cast["patient"]
        assess(patient)
        track = ActivityTrack.objects.get()
        before = services.current_plan(patient)
        client.force_login(cast["clinician"])
        url = reverse("clinic:plan", args=[patient.pk])
        plan_form = {"form": "plan", "daily_minutes": "12", "exercises": ["walking"]}
        page = client.post(url, {**plan_form, "activities": ["walking"], "reason": " "})
        assert page.status_code == 200 and "This field is required" in page.content.decode()
        assert services.current_plan(patient).pk == before.pk
        client.post(url, track_form(track, reason=""))
        track.refresh_from_db()
        assert track.goal != 40

    def test_the_clinician_sets_the_review_date_within_a_year(self, client, cast, assess):
        import datetime as dt

        patient = cast["patient"]
        assess(patient)
        client.force_login(cast["clinician"])
        url = reverse("clinic:plan", args=[patient.pk])
        today = services.today_for(patient)
        base = {
            "form": "plan",
            "daily_minutes": "15",
            "exercises": ["walking"],
            "activities": ["walking"],
            "reason": "Review with the physio",
        }
        for bad in (today, today + dt.timedelta(days=367)):
            client.post(url, {**base, "review_date": bad.isoformat()})
            assert services.current_plan(patient).source == "assessment"
        wanted = today + dt.timedelta(days=366)
        client.post(url, {**base, "review_date": wanted.isoformat()})
        assert services.current_plan(patient).review_date == wanted

    def test_a_weekly_step_outside_5_to_20_percent_changes_nothing(self, client, cast, assess):
        assess(cast["patient"])
        track = ActivityTrack.objects.get()
        client.force_login(cast["clinician"])
        url = reverse("clinic:plan", args=[cast["patient"].pk])
        page = client.post(url, track_form(track, weekly_increment="0.5")).content.decode()
        track.refresh_from_db()
        assert track.weekly_increment == 0.10 and track.goal != 40
        assert "valid choice" in page

    def test_there_is_no_plan_to_adjust_while_red_flags_wait(self, client, cast, assess):
        assess(cast["patient"], red_flags={"significant_trauma": True})
        client.force_login(cast["clinician"])
        response = client.get(reverse("clinic:plan", args=[cast["patient"].pk]))
        assert response.status_code == 200 and response.context["plan"] is None

    @pytest.mark.parametrize("viewer", OUTSIDERS)
    def test_nobody_else_sees_or_adjusts_it(self, client, cast, viewer):
        client.force_login(cast[viewer])
        assert client.get(reverse("clinic:plan", args=[cast["patient"].pk])).status_code == 404
