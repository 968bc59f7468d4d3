"""What the plan builder knows about activities and exercises: keys, units, levels.

The words, steps and drawings live in the program app (program/exercises.py); a test checks
that both lists name the same exercises.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ActivityKind:
    key: str
    unit: str  # minutes | metres | repetitions
    default_goal: float


ACTIVITIES: dict[str, ActivityKind] = {
    a.key: a
    for a in (
        ActivityKind("walking", "minutes", 30),
        ActivityKind("walking_distance", "metres", 2000),
        ActivityKind("sitting", "minutes", 60),
        ActivityKind("standing", "minutes", 30),
        ActivityKind("sit_to_stand", "repetitions", 15),
    )
}


@dataclass(frozen=True, slots=True)
class ExerciseKind:
    slug: str
    level: int  # 1 gentle, 2 moderate, 3 harder
    focus: str  # mobility | strength | endurance | aerobic | stretch
    exposure: bool = False  # a feared everyday movement, used in graded exposure


# slug, level, focus, and "exposure" for a feared everyday movement (graded exposure).
_EXERCISE_TABLE = """
walking                 1  aerobic
pelvic_tilt             1  mobility
knee_to_chest           1  stretch
lower_trunk_rotation    1  mobility
cat_camel               1  mobility   exposure
childs_pose             1  stretch    exposure
supine_marching         1  strength
open_book               1  mobility
glute_bridge            2  strength
bird_dog                2  endurance
modified_curl_up        2  endurance
side_bridge             2  endurance
hip_hinge               2  strength   exposure
sit_to_stand            2  strength   exposure
clamshell               2  strength
dead_bug                2  endurance
hip_flexor_stretch      1  stretch
hamstring_stretch       1  stretch
figure_four_stretch     1  stretch
standing_back_extension 1  mobility   exposure
heel_raises             2  strength
step_ups                3  strength
wall_squat              3  strength
floor_to_waist_lift     3  strength   exposure
"""
EXERCISES: tuple[ExerciseKind, ...] = tuple(
    ExerciseKind(slug, int(level), focus, exposure=bool(flag))
    for slug, level, focus, *flag in (line.split() for line in _EXERCISE_TABLE.strip().splitlines())
)
EXERCISE_BY_SLUG = {e.slug: e for e in EXERCISES}
