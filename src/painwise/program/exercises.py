"""The exercise library: our own words, our own drawings (stick figures drawn from joint
positions, see drawings.py). Each exercise: what it is for, steps, dose, easier and harder
versions, and safety notes. The slugs match the clinical core's catalog."""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Pose = dict[str, tuple[float, float]]


@dataclass(frozen=True)
class Exercise:
    slug: str
    name: Promise
    purpose: Promise
    steps: tuple[Promise, ...]
    dose: Promise
    easier: Promise
    harder: Promise
    safety: tuple[Promise, ...]
    pose: Pose = field(default_factory=dict)
    floor: bool = True


GENERAL_SAFETY = _(
    "Some discomfort while you move is normal and safe. Stop, and get checked by a doctor or "
    "physiotherapist, if you get new numbness, weakness, or pain shooting down a leg."
)

# Poses: side view, 200 x 120 box, floor at y=110. Joints: head, neck, hip, knee, ankle, toe,
# shoulder, elbow, hand (and a second arm/leg with a trailing 2 when it differs).
LYING_KNEES_BENT: Pose = {
    "head": (30, 96),
    "neck": (44, 100),
    "hip": (100, 102),
    "knee": (128, 78),
    "ankle": (152, 106),
    "toe": (162, 108),
    "shoulder": (46, 100),
    "elbow": (70, 104),
    "hand": (94, 106),
}
STANDING: Pose = {
    "head": (100, 14),
    "neck": (100, 28),
    "hip": (100, 66),
    "knee": (100, 88),
    "ankle": (100, 108),
    "toe": (110, 109),
    "shoulder": (100, 30),
    "elbow": (100, 50),
    "hand": (102, 68),
}
FOURS: Pose = {
    "head": (40, 50),
    "neck": (52, 56),
    "hip": (120, 56),
    "knee": (120, 106),
    "ankle": (156, 106),
    "toe": (164, 108),
    "shoulder": (56, 58),
    "elbow": (56, 82),
    "hand": (56, 106),
}
SITTING: Pose = {
    "head": (80, 20),
    "neck": (80, 34),
    "hip": (84, 72),
    "knee": (120, 72),
    "ankle": (120, 108),
    "toe": (130, 109),
    "shoulder": (80, 36),
    "elbow": (92, 54),
    "hand": (104, 64),
    "chair": (0, 0),
}

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "walking",
        _("Walking"),
        _("The simplest way to build up what your back can do, and good for mood and sleep."),
        (
            _("Walk at an easy pace, on flat ground to begin with."),
            _("Let your arms swing and look ahead, not down."),
            _("Stop when your timer says your quota is done, even if you feel you could go on."),
        ),
        _("Your daily walking quota (see Today)."),
        _("Shorter walks, two or three times a day."),
        _("Add gentle hills, or walk a little faster for one minute in five."),
        (_("Wear comfortable shoes."), GENERAL_SAFETY),
        {
            "head": (100, 14),
            "neck": (100, 28),
            "hip": (98, 66),
            "knee": (110, 86),
            "ankle": (104, 108),
            "toe": (114, 109),
            "shoulder": (100, 30),
            "elbow": (92, 48),
            "hand": (96, 64),
            "knee2": (88, 88),
            "ankle2": (80, 104),
            "toe2": (88, 108),
            "elbow2": (108, 48),
            "hand2": (112, 62),
        },
    ),
    Exercise(
        "pelvic_tilt",
        _("Pelvic tilt"),
        _("Gently moves the lower back and reminds it that movement is safe."),
        (
            _("Lie on your back with knees bent and feet flat."),
            _("Gently flatten your lower back into the floor by tilting your pelvis."),
            _(
                "Then let it arch a little the other way. Move slowly, breathing out as you flatten."
            ),
        ),
        _("10 slow tilts, once or twice a day."),
        _("Make the movement smaller."),
        _("Do it sitting on a chair, then standing."),
        (GENERAL_SAFETY,),
        LYING_KNEES_BENT,
    ),
    Exercise(
        "knee_to_chest",
        _("Knee to chest"),
        _("A gentle stretch for the lower back and buttocks."),
        (
            _("Lie on your back with knees bent."),
            _("Hold one knee with both hands and draw it gently towards your chest."),
            _("Hold for a few calm breaths, then lower it and change sides."),
        ),
        _("3 times each side, holding for 15 seconds."),
        _("Hold behind the thigh instead of the knee."),
        _("Bring both knees up together."),
        (_("Stop at a comfortable stretch, not pain."), GENERAL_SAFETY),
        {
            **LYING_KNEES_BENT,
            "knee": (110, 64),
            "ankle": (134, 74),
            "toe": (142, 70),
            "elbow": (80, 84),
            "hand": (104, 66),
        },
    ),
    Exercise(
        "lower_trunk_rotation",
        _("Knee rolls"),
        _("Eases stiffness by rotating the lower back gently from side to side."),
        (
            _("Lie on your back with knees bent and feet together."),
            _("Let both knees roll slowly to one side, as far as is comfortable."),
            _("Bring them back to the middle and roll to the other side."),
        ),
        _("10 rolls, side to side."),
        _("Make the roll smaller."),
        _("Lift your feet off the floor with knees bent, then roll."),
        (GENERAL_SAFETY,),
        {**LYING_KNEES_BENT, "knee": (132, 86), "ankle": (156, 104)},
    ),
    Exercise(
        "cat_camel",
        _("Cat and camel"),
        _("Moves the whole spine gently through bending and arching."),
        (
            _("Kneel on hands and knees, hands under shoulders, knees under hips."),
            _("Slowly round your back up towards the ceiling, letting your head drop."),
            _("Then slowly let your back sag and lift your head. Keep it smooth."),
        ),
        _("8 slow cycles."),
        _("Make the movement smaller."),
        _("Pause for a breath at each end."),
        (_("Move only within a comfortable range."), GENERAL_SAFETY),
        {**FOURS, "neck": (52, 50), "hip": (120, 52), "mid": (86, 40)},
    ),
    Exercise(
        "childs_pose",
        _("Child's pose"),
        _("A resting stretch for the back, and a calm place to breathe."),
        (
            _("Start on hands and knees."),
            _("Sit your bottom back towards your heels, arms stretched forward on the floor."),
            _("Rest there and breathe slowly into your back."),
        ),
        _("Hold for 30 seconds, 3 times."),
        _("Put a cushion between your heels and bottom."),
        _("Walk your hands to one side, then the other."),
        (_("Avoid it if your knees hurt; try knee to chest instead."), GENERAL_SAFETY),
        {
            "head": (60, 96),
            "neck": (74, 92),
            "hip": (130, 80),
            "knee": (120, 106),
            "ankle": (156, 106),
            "toe": (162, 108),
            "shoulder": (76, 92),
            "elbow": (50, 104),
            "hand": (30, 106),
        },
    ),
    Exercise(
        "supine_marching",
        _("Lying marches"),
        _("Wakes up the deep tummy muscles that support the back."),
        (
            _("Lie on your back with knees bent."),
            _("Keep your back still and lift one foot a little off the floor."),
            _("Put it down and lift the other, like slow marching."),
        ),
        _("10 lifts each side."),
        _("Lift the foot only a centimetre."),
        _("Straighten the leg a little as you lift it."),
        (GENERAL_SAFETY,),
        {**LYING_KNEES_BENT, "knee": (124, 70), "ankle": (146, 86), "toe": (154, 86)},
    ),
    Exercise(
        "open_book",
        _("Open book"),
        _(
            "Turns the upper back and opens the chest, easing stiffness between the shoulder blades."
        ),
        (
            _(
                "Lie on your side with knees bent and arms straight in front of you, palms together."
            ),
            _("Lift the top arm and open it over to the other side, following it with your eyes."),
            _("Go as far as is comfortable, then close the book again."),
        ),
        _("8 times each side."),
        _("Open only half way."),
        _("Hold the open position for two breaths."),
        (GENERAL_SAFETY,),
        {
            "head": (40, 92),
            "neck": (52, 96),
            "hip": (110, 100),
            "knee": (140, 80),
            "ankle": (160, 100),
            "toe": (166, 100),
            "shoulder": (56, 96),
            "elbow": (62, 70),
            "hand": (66, 46),
        },
    ),
    Exercise(
        "glute_bridge",
        _("Bridge"),
        _("Strengthens the buttocks and the back of the legs, which support the lower back."),
        (
            _("Lie on your back with knees bent, feet hip-width apart."),
            _(
                "Squeeze your buttocks and lift your hips until your body makes a straight line from knees to shoulders."
            ),
            _("Hold for a breath, then lower slowly."),
        ),
        _("2 sets of 10."),
        _("Lift only a little way."),
        _("Lift one foot off the floor while you hold the bridge."),
        (GENERAL_SAFETY,),
        {**LYING_KNEES_BENT, "hip": (104, 80), "knee": (134, 70)},
    ),
    Exercise(
        "bird_dog",
        _("Bird dog"),
        _(
            'One of McGill\'s "big three": builds endurance of the back and trunk while keeping the spine steady.'
        ),
        (
            _("Kneel on hands and knees with a flat back."),
            _("Slowly stretch one arm forward and the opposite leg back, keeping your back level."),
            _("Hold for about 8 seconds, come back, and switch sides."),
        ),
        _("Holds of 8-10 seconds: 6, then 4, then 2 on each side (a descending set)."),
        _("Move only the leg, or only the arm."),
        _("Draw a small square with the hand and foot while you hold."),
        (_("Keep your back from sagging or twisting."), GENERAL_SAFETY),
        {
            **FOURS,
            "elbow2": (36, 54),
            "hand2": (16, 50),
            "knee2": (150, 58),
            "ankle2": (182, 60),
            "toe2": (190, 62),
        },
    ),
    Exercise(
        "modified_curl_up",
        _("Modified curl-up"),
        _(
            'One of McGill\'s "big three": trains the front of the trunk without bending the lower back.'
        ),
        (
            _("Lie on your back with one knee bent and the other leg straight."),
            _("Slide your hands under the curve of your lower back to keep it steady."),
            _(
                "Lift your head and shoulders just a little off the floor, hold about 8 seconds, then lower."
            ),
        ),
        _("Holds of 8-10 seconds: 6, 4, then 2, switching the bent leg half way."),
        _("Lift only your head."),
        _("Lift your elbows off the floor as you hold."),
        (_("Keep your neck long; do not tuck your chin hard."), GENERAL_SAFETY),
        {
            "head": (34, 88),
            "neck": (48, 94),
            "hip": (104, 102),
            "knee": (130, 80),
            "ankle": (154, 106),
            "toe": (162, 108),
            "shoulder": (50, 96),
            "elbow": (76, 104),
            "hand": (96, 104),
            "knee2": (140, 104),
            "ankle2": (178, 106),
            "toe2": (184, 100),
        },
    ),
    Exercise(
        "side_bridge",
        _("Side bridge"),
        _(
            'One of McGill\'s "big three": builds endurance of the muscles along the side of the trunk.'
        ),
        (
            _("Lie on your side, propped on your elbow, knees bent."),
            _("Lift your hips so your body is straight from knees to shoulders."),
            _("Hold about 8 seconds, lower, and switch sides."),
        ),
        _("Holds of 8-10 seconds: 6, 4, then 2 on each side."),
        _("Keep your hips on the floor and just press up through the elbow."),
        _("Straighten your legs and lift from the feet."),
        (_("Stop if your shoulder hurts."), GENERAL_SAFETY),
        {
            "head": (44, 56),
            "neck": (54, 64),
            "hip": (110, 86),
            "knee": (140, 106),
            "ankle": (160, 92),
            "toe": (166, 92),
            "shoulder": (58, 66),
            "elbow": (58, 106),
            "hand": (80, 106),
        },
    ),
    Exercise(
        "hip_hinge",
        _("Hip hinge"),
        _("Practises bending forward from the hips, the way to pick things up with confidence."),
        (
            _("Stand with feet hip-width apart and knees soft."),
            _("Push your hips back and let your chest come forward, keeping your back long."),
            _("Go as far as is comfortable, then squeeze your buttocks to stand tall."),
        ),
        _("2 sets of 8."),
        _("Hold a kitchen counter, and only go a little way."),
        _("Hold a light bag in both hands."),
        (GENERAL_SAFETY,),
        {
            "head": (62, 38),
            "neck": (72, 44),
            "hip": (120, 62),
            "knee": (114, 86),
            "ankle": (114, 108),
            "toe": (124, 109),
            "shoulder": (74, 46),
            "elbow": (76, 66),
            "hand": (80, 84),
        },
    ),
    Exercise(
        "sit_to_stand",
        _("Sit to stand"),
        _("Builds leg strength for everyday life: chairs, cars, the toilet."),
        (
            _("Sit near the front of a firm chair, feet flat and a little apart."),
            _("Lean forward, then push through your feet to stand up tall."),
            _("Sit back down slowly, with control."),
        ),
        _("2 sets of 8-10."),
        _("Use your hands on the chair arms, or a higher seat."),
        _("Cross your arms, or use a lower seat."),
        (GENERAL_SAFETY,),
        SITTING,
    ),
    Exercise(
        "clamshell",
        _("Clamshell"),
        _("Strengthens the side of the hip, which steadies the pelvis when you walk."),
        (
            _("Lie on your side with knees bent and feet together."),
            _("Keeping your feet together, lift the top knee like a shell opening."),
            _("Lower it slowly."),
        ),
        _("2 sets of 12 each side."),
        _("Make the movement smaller."),
        _("Put a light band around your thighs."),
        (GENERAL_SAFETY,),
        {
            "head": (40, 92),
            "neck": (52, 96),
            "hip": (110, 100),
            "knee": (140, 72),
            "ankle": (160, 104),
            "toe": (166, 104),
            "shoulder": (56, 96),
            "elbow": (56, 80),
            "hand": (44, 70),
            "knee2": (142, 104),
        },
    ),
    Exercise(
        "dead_bug",
        _("Dead bug"),
        _("Trains the trunk to stay steady while the arms and legs move."),
        (
            _("Lie on your back, knees bent up over your hips, arms pointing to the ceiling."),
            _("Slowly lower one heel to touch the floor, keeping your back steady."),
            _("Bring it back and switch legs."),
        ),
        _("2 sets of 8 each side."),
        _("Keep your feet on the floor and slide one heel out."),
        _("Lower the opposite arm overhead at the same time."),
        (GENERAL_SAFETY,),
        {
            "head": (30, 96),
            "neck": (44, 100),
            "hip": (100, 102),
            "knee": (104, 66),
            "ankle": (134, 66),
            "toe": (140, 62),
            "shoulder": (46, 100),
            "elbow": (48, 76),
            "hand": (50, 54),
            "knee2": (128, 84),
            "ankle2": (160, 104),
            "toe2": (166, 102),
        },
    ),
    Exercise(
        "hip_flexor_stretch",
        _("Front of hip stretch"),
        _("Stretches the front of the hip, which can pull on the lower back after long sitting."),
        (
            _("Kneel on one knee on a cushion, the other foot in front."),
            _(
                "Tuck your pelvis under and shift gently forward until you feel a stretch at the front of the hip."
            ),
            _("Hold, breathing slowly, then switch sides."),
        ),
        _("Hold 30 seconds, twice each side."),
        _("Do it standing, one foot on a low step."),
        _("Raise the arm on the kneeling side overhead."),
        (_("Hold a chair for balance."), GENERAL_SAFETY),
        {
            "head": (98, 20),
            "neck": (98, 34),
            "hip": (100, 72),
            "knee": (132, 76),
            "ankle": (134, 108),
            "toe": (144, 109),
            "shoulder": (98, 36),
            "elbow": (100, 54),
            "hand": (104, 70),
            "knee2": (82, 106),
            "ankle2": (52, 106),
            "toe2": (46, 108),
        },
    ),
    Exercise(
        "hamstring_stretch",
        _("Back of thigh stretch"),
        _("Eases tight hamstrings, which make bending harder for the lower back."),
        (
            _("Lie on your back, one knee bent."),
            _(
                "Loop a towel around the other foot and raise the straight leg until you feel a stretch behind the thigh."
            ),
            _("Hold, then switch legs."),
        ),
        _("Hold 30 seconds, twice each side."),
        _("Bend the raised knee a little."),
        _("Gently point the toes towards you."),
        (GENERAL_SAFETY,),
        {
            **LYING_KNEES_BENT,
            "knee": (116, 62),
            "ankle": (130, 22),
            "toe": (126, 16),
            "elbow": (80, 72),
            "hand": (112, 40),
        },
    ),
    Exercise(
        "figure_four_stretch",
        _("Figure-four stretch"),
        _("Stretches the deep buttock muscles."),
        (
            _("Lie on your back with knees bent."),
            _("Cross one ankle over the other knee."),
            _(
                "Draw the bottom knee gently towards you until you feel a stretch in the buttock. Hold, then switch."
            ),
        ),
        _("Hold 30 seconds, twice each side."),
        _("Keep the bottom foot on the floor."),
        _("Pull the bottom thigh a little closer."),
        (GENERAL_SAFETY,),
        {
            **LYING_KNEES_BENT,
            "knee": (118, 62),
            "ankle": (142, 72),
            "toe": (150, 70),
            "hand": (112, 66),
            "elbow": (80, 86),
        },
    ),
    Exercise(
        "standing_back_extension",
        _("Standing back bend"),
        _("A small backwards bend that undoes long sitting and shows the back it can move."),
        (
            _("Stand tall with your hands on the back of your hips."),
            _("Gently lean back a little, looking up."),
            _("Come back to standing. Small and easy."),
        ),
        _("5 times, several times a day."),
        _("Make it smaller."),
        _("Go a little further, or hold for a breath."),
        (GENERAL_SAFETY,),
        {
            "head": (88, 16),
            "neck": (92, 30),
            "hip": (104, 66),
            "knee": (104, 88),
            "ankle": (100, 108),
            "toe": (110, 109),
            "shoulder": (92, 32),
            "elbow": (112, 48),
            "hand": (110, 64),
        },
    ),
    Exercise(
        "heel_raises",
        _("Heel raises"),
        _("Strengthens the calves and improves balance for walking."),
        (_("Stand holding the back of a chair."), _("Rise up onto your toes."), _("Lower slowly.")),
        _("2 sets of 12."),
        _("Go only half way up."),
        _("Do it on one leg."),
        (GENERAL_SAFETY,),
        {**STANDING, "hip": (100, 62), "knee": (100, 84), "ankle": (100, 102), "toe": (110, 109)},
    ),
    Exercise(
        "step_ups",
        _("Step-ups"),
        _("Builds leg strength for stairs and slopes."),
        (
            _("Stand in front of the bottom stair, holding the rail."),
            _("Step up with one foot, then bring the other up."),
            _("Step down the same way and switch the leading leg."),
        ),
        _("2 sets of 8 each side."),
        _("Use a lower step."),
        _("Use a higher step, or go slower."),
        (_("Always hold a rail."), GENERAL_SAFETY),
        {
            "head": (92, 12),
            "neck": (92, 26),
            "hip": (94, 62),
            "knee": (112, 62),
            "ankle": (114, 88),
            "toe": (124, 88),
            "shoulder": (92, 28),
            "elbow": (102, 44),
            "hand": (112, 50),
            "knee2": (90, 84),
            "ankle2": (88, 108),
            "toe2": (98, 109),
            "step": (0, 0),
        },
    ),
    Exercise(
        "wall_squat",
        _("Wall squat"),
        _("Strengthens the thighs with the wall supporting your back."),
        (
            _("Stand with your back against a wall, feet a step forward."),
            _("Slide down a little, as if to sit, keeping your back on the wall."),
            _("Hold for a few seconds, then slide back up."),
        ),
        _("2 sets of 8, holding 5 seconds."),
        _("Slide down only a little."),
        _("Go lower, or hold longer."),
        (_("Keep your knees over your feet."), GENERAL_SAFETY),
        {
            "head": (60, 30),
            "neck": (60, 44),
            "hip": (62, 80),
            "knee": (96, 80),
            "ankle": (96, 108),
            "toe": (106, 109),
            "shoulder": (60, 46),
            "elbow": (70, 64),
            "hand": (82, 74),
            "wall": (0, 0),
        },
    ),
    Exercise(
        "floor_to_waist_lift",
        _("Lifting practice"),
        _("Rebuilds confidence in lifting, step by step, using the hip hinge."),
        (
            _("Put a light bag on a chair first, not the floor."),
            _(
                "Stand close, hinge at the hips and bend your knees, keeping the bag close to your body."
            ),
            _("Stand up by pushing through your legs. Lower it the same way."),
        ),
        _("5 lifts; raise the weight or lower the start height only when it feels easy."),
        _("Lift from a table, with an empty bag."),
        _("Start from a lower step, then the floor."),
        (_("Keep the load close to your body."), GENERAL_SAFETY),
        {
            "head": (70, 40),
            "neck": (78, 48),
            "hip": (120, 66),
            "knee": (104, 86),
            "ankle": (112, 108),
            "toe": (122, 109),
            "shoulder": (80, 50),
            "elbow": (84, 72),
            "hand": (90, 92),
            "bag": (0, 0),
        },
    ),
)
EXERCISE_BY_SLUG = {e.slug: e for e in EXERCISES}
