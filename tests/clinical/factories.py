"""Builders for intakes, and a hypothesis strategy for any valid intake."""

import copy

from hypothesis import strategies as st

from painwise.clinical.assessment import intake as schema
from painwise.clinical.assessment.regions import REGIONS

BASE = {
    "age": 45,
    "pain_duration_weeks": 26,
    "first_episode": False,
    "pain_regions": ["lower_back"],
    "pain_distribution": "discrete",
    "pain_now": 4,
    "pain_average_week": 4,
    "pain_worst_week": 6,
}


def intake(**overrides):
    """A calm, valid intake (non-specific, chronic, no flags) with nested overrides:
    ``intake(red_flags={"saddle_numbness": True})`` merges into the nested object."""
    data = copy.deepcopy(BASE)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    return data


def _booleans(model):
    names = [n for n, f in model.model_fields.items() if f.annotation is bool]
    return st.fixed_dictionaries({}, optional={n: st.booleans() for n in names})


EMERGENCY_ITEMS = schema.RedFlags.model_fields.keys()

valid_intakes = st.fixed_dictionaries(
    {
        "age": st.integers(18, 120),
        "pain_duration_weeks": st.one_of(
            st.integers(0, 2000), st.floats(0, 2000, allow_nan=False, allow_infinity=False)
        ),
        "pain_distribution": st.sampled_from(["discrete", "regional", "multifocal", "widespread"]),
        "pain_now": st.integers(0, 10),
        "pain_average_week": st.integers(0, 10),
        "pain_worst_week": st.integers(0, 10),
    },
    optional={
        "first_episode": st.booleans(),
        "pain_regions": st.lists(st.sampled_from(REGIONS), max_size=25),
        "leg_pain_below_knee": st.booleans(),
        "leg_numbness_or_tingling": st.booleans(),
        "red_flags": _booleans(schema.RedFlags),
        "inflammatory": _booleans(schema.Inflammatory).flatmap(
            lambda d: st.one_of(st.none(), st.integers(0, 120)).map(
                lambda age: {**d, "back_pain_onset_age": age}
            )
        ),
        "startback": _booleans(schema.StartBack).flatmap(
            lambda d: st.integers(0, 4).map(lambda b: {**d, "bothersomeness": b})
        ),
        "sensitivity": _booleans(schema.Sensitivity),
        "neuroplastic_signs": _booleans(schema.NeuroplasticSigns),
        "phq9": st.lists(st.integers(0, 3), min_size=9, max_size=9),
        "gad7": st.lists(st.integers(0, 3), min_size=7, max_size=7),
        "clinical_exam": _booleans(schema.ClinicalExam),
    },
)
