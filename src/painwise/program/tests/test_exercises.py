"""The exercise library's words and drawings (this app) match the core's catalogue of
exercises, one for one."""

from painwise.clinical.program.catalog import EXERCISES
from painwise.program.exercises import EXERCISE_BY_SLUG


def test_exercise_library_and_catalog_agree():
    assert {e.slug for e in EXERCISES} == set(EXERCISE_BY_SLUG)
    assert len(EXERCISE_BY_SLUG) >= 20
    must = {
        "walking",
        "hip_hinge",
        "sit_to_stand",
        "cat_camel",
        "pelvic_tilt",
        "modified_curl_up",
        "side_bridge",
        "bird_dog",
        "glute_bridge",
    }
    assert must <= set(EXERCISE_BY_SLUG)
    for e in EXERCISE_BY_SLUG.values():
        assert e.steps and e.dose and e.easier and e.harder and e.safety and e.pose
