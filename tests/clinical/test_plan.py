"""The plan builder: modules with reasons, matched intensity, time budget, no plan on red flags."""

import datetime as dt

import pytest

from painwise.clinical.assessment import assess
from painwise.clinical.program.plan import PlanNotAllowed, Preferences, Signals, build_plan
from tests.clinical.factories import intake

TODAY = dt.date(2026, 11, 22)


def plan_for(prefs=None, signals=None, **overrides):
    return build_plan(assess(intake(**overrides)), prefs, today=TODAY, signals=signals)


def keys(plan):
    return plan.module_keys()


def test_everyone_gets_education_and_graded_activity():
    plan = plan_for()
    assert keys(plan) == ["education", "graded_activity"]
    assert plan.intensity == "lighter"
    assert all(m.reason.text for m in plan.modules)


def test_no_plan_at_all_while_the_program_is_not_allowed():
    with pytest.raises(PlanNotAllowed):
        plan_for(red_flags={"significant_trauma": True})
    # ...unless a clinician who saw the person cleared the red flag
    cleared = build_plan(
        assess(intake(red_flags={"significant_trauma": True})), today=TODAY, clinician_cleared=True
    )
    assert "education" in cleared.module_keys()


def test_moving_feels_unsafe_adds_pain_reprocessing_and_graded_exposure_with_the_reason():
    plan = plan_for(startback={"unsafe_to_be_active": True})
    assert {"pain_reprocessing", "graded_exposure"} <= set(keys(plan))
    reason = next(m.reason for m in plan.modules if m.key == "pain_reprocessing")
    assert "because you told us moving feels unsafe" in reason.text


def test_high_startback_risk_is_more_psychologically_informed():
    sb = {
        k: True
        for k in [
            "unsafe_to_be_active",
            "worrying_thoughts",
            "feels_terrible_never_better",
            "not_enjoyed_things",
        ]
    }
    plan = plan_for(startback=sb)
    assert plan.intensity == "psychologically_informed"
    assert {"pain_reprocessing", "graded_exposure", "cbt"} <= set(keys(plan))


@pytest.mark.parametrize(
    ("overrides", "risk", "intensity"),
    [
        ({}, "low", "lighter"),
        (
            {
                "startback": {
                    "leg_pain": True,
                    "shoulder_or_neck_pain": True,
                    "walked_only_short_distances": True,
                    "dressed_more_slowly": True,
                }
            },
            "medium",
            "standard",
        ),
    ],
)
def test_matched_intensity(overrides, risk, intensity):
    plan = plan_for(**overrides)
    assert plan.intensity == intensity
    assert plan.reasons[0].rule == "plan_intensity"


@pytest.mark.parametrize(
    ("overrides", "signals", "module"),
    [
        ({"phq9": [2, 2, 2, 1, 1, 1, 1, 0, 0]}, None, "cbt"),
        ({"startback": {"feels_terrible_never_better": True}}, None, "cbt"),
        ({}, Signals(catastrophizing=7), "cbt"),
        ({"sensitivity": {"sleep_disturbance": True}}, None, "sleep"),
        ({}, Signals(sleep_quality=3), "sleep"),
        ({"neuroplastic_signs": {"worse_with_stress": True}}, None, "mindfulness"),
        ({}, Signals(stress_pattern=True), "mindfulness"),
        ({"gad7": [2, 2, 2, 1, 1, 1, 1]}, None, "mindfulness"),
        ({"leg_pain_below_knee": True}, None, "discuss_with_clinician"),
        ({}, Signals(fear=7), "graded_exposure"),
        ({}, Signals(laterality_below_usual=True), "graded_motor_imagery"),
    ],
)
def test_each_module_is_added_for_its_reason(overrides, signals, module):
    assert module in keys(plan_for(signals=signals, **overrides))


@pytest.mark.parametrize(
    ("overrides", "signals", "module"),
    [
        ({}, Signals(fear=5), "graded_exposure"),
        ({"phq9": [1] * 8 + [0]}, None, "cbt"),
        ({}, Signals(sleep_quality=5), "sleep"),
        ({}, Signals(laterality_below_usual=False), "graded_motor_imagery"),
    ],
)
def test_and_not_without_it(overrides, signals, module):
    assert module not in keys(plan_for(signals=signals, **overrides))


@pytest.mark.parametrize("budget", [5, 12, 30, 90])
def test_the_daily_time_budget_is_shared_and_never_exceeded(budget):
    sb = {
        k: True for k in ["unsafe_to_be_active", "worrying_thoughts", "feels_terrible_never_better"]
    }
    plan = plan_for(
        Preferences(daily_minutes=budget),
        startback=sb,
        sensitivity={"sleep_disturbance": True},
        neuroplastic_signs={"worse_with_stress": True},
    )
    total = sum(m.minutes for m in plan.modules)
    assert total <= max(budget, 2 * len([m for m in plan.modules if m.minutes]))
    assert plan.daily_minutes == budget


def test_swapped_exercises_and_goals_and_the_review_date():
    plan = plan_for(
        Preferences(
            exercises=("bird_dog", "glute_bridge"),
            activities=("walking", "sitting"),
            goals={"sitting": 45},
        )
    )
    assert plan.exercises == ("bird_dog", "glute_bridge")
    assert [(a.key, a.unit, a.goal) for a in plan.activities] == [
        ("walking", "minutes", 30),
        ("sitting", "minutes", 45),
    ]
    assert plan.review_date == TODAY + dt.timedelta(weeks=4)


def test_a_clinician_can_switch_a_module_off():
    plan = plan_for(Preferences(switched_off=("sleep",)), sensitivity={"sleep_disturbance": True})
    assert "sleep" not in keys(plan)
