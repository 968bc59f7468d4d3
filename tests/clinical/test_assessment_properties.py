"""Property-based tests: no valid intake crashes the engine, and emergencies always win."""

import json

from hypothesis import given
from hypothesis import strategies as st

from painwise.clinical.assessment import assess
from painwise.clinical.assessment.engine import TRIAGE_LEVELS

from .factories import valid_intakes

CES_AND_DEFICIT = """saddle_numbness new_bladder_dysfunction bowel_incontinence_or_rectal_numbness
    new_sexual_dysfunction sciatica_both_legs progressive_leg_weakness gait_disturbance""".split()


@given(valid_intakes)
def test_no_valid_intake_crashes_and_the_output_is_consistent(data):
    res = assess(data)
    out = json.loads(json.dumps(res.to_dict()))
    assert out["triage"] in TRIAGE_LEVELS
    assert out["program_allowed"] == (out["triage"] in ("review", "self_management"))
    assert out["red_flags"] == sorted(out["red_flags"])
    assert (out["triage"] in ("emergency", "urgent")) == bool(out["red_flags"])
    assert 0 <= out["startback"]["psychosocial"] <= out["startback"]["total"] <= 9
    assert out["neuroplastic_signs"]["count"] == len(out["neuroplastic_signs"]["present"])
    fired = {r["rule"] for r in out["reasons"]}
    assert set(out["red_flags"]) <= fired
    if data.get("clinical_exam") is None:
        assert not {"C3", "C4"} & set(out["nociplastic"]["criteria_met"])


@given(valid_intakes, st.sampled_from(CES_AND_DEFICIT))
def test_any_emergency_item_gives_emergency_and_no_program(data, item):
    data = {**data, "red_flags": {**data.get("red_flags", {}), item: True}}
    res = assess(data)
    assert res.triage == "emergency"
    assert res.program_allowed is False
    assert res.pain_type == "specific_suspected"


@given(
    valid_intakes,
    st.sampled_from(["iv_drug_use", "immunosuppression", "recent_infection_or_spinal_procedure"]),
)
def test_fever_with_a_risk_factor_is_always_an_emergency(data, risk):
    data = {**data, "red_flags": {**data.get("red_flags", {}), "fever_or_chills": True, risk: True}}
    res = assess(data)
    assert res.triage == "emergency"
    assert "possible_infection" not in res.red_flags


@given(valid_intakes)
def test_the_early_emergency_screen_agrees_with_the_full_engine(data):
    from painwise.clinical.assessment.engine import screen_emergency

    full = assess(data)
    early = screen_emergency(data.get("red_flags", {}), data.get("leg_numbness_or_tingling", False))
    assert tuple(f.id for f in early) == full.emergency_flags
