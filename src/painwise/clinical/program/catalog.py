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


EXERCISES: tuple[ExerciseKind, ...] = (
    ExerciseKind("walking", 1, "aerobic"),
    ExerciseKind("pelvic_tilt", 1, "mobility"),
    ExerciseKind("knee_to_chest", 1, "stretch"),
    ExerciseKind("lower_trunk_rotation", 1, "mobility"),
    ExerciseKind("cat_camel", 1, "mobility", exposure=True),
    ExerciseKind("childs_pose", 1, "stretch", exposure=True),
    ExerciseKind("supine_marching", 1, "strength"),
    ExerciseKind("open_book", 1, "mobility"),
    ExerciseKind("glute_bridge", 2, "strength"),
    ExerciseKind("bird_dog", 2, "endurance"),
    ExerciseKind("modified_curl_up", 2, "endurance"),
    ExerciseKind("side_bridge", 2, "endurance"),
    ExerciseKind("hip_hinge", 2, "strength", exposure=True),
    ExerciseKind("sit_to_stand", 2, "strength", exposure=True),
    ExerciseKind("clamshell", 2, "strength"),
    ExerciseKind("dead_bug", 2, "endurance"),
    ExerciseKind("hip_flexor_stretch", 1, "stretch"),
    ExerciseKind("hamstring_stretch", 1, "stretch"),
    ExerciseKind("figure_four_stretch", 1, "stretch"),
    ExerciseKind("standing_back_extension", 1, "mobility", exposure=True),
    ExerciseKind("heel_raises", 2, "strength"),
    ExerciseKind("step_ups", 3, "strength"),
    ExerciseKind("wall_squat", 3, "strength"),
    ExerciseKind("floor_to_waist_lift", 3, "strength", exposure=True),
)
EXERCISE_BY_SLUG = {e.slug: e for e in EXERCISES}
