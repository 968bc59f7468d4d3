"""Explicit motor imagery: movements to imagine, easy to harder, each as calm steps in our own
words. Imagining comes before doing: the brain rehearses the movement without threat, and the
real movement follows on the fear ladder and in the activity plan."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Script:
    key: str
    title: Promise
    grade: int  # 1 = easiest
    steps: tuple[Promise, ...]


SETTLE = _(
    "Sit or lie comfortably and close your eyes if you like. Take a few slow breaths. You are "
    "only going to imagine moving: your body stays still and safe."
)
CLOSE = _(
    "Let the picture fade. Notice how your body feels now, without judging it. Open your eyes "
    "when you are ready."
)

SCRIPTS: dict[str, Script] = {
    s.key: s
    for s in [
        Script(
            "turn_head",
            _("Turning your head to look over each shoulder"),
            1,
            (
                SETTLE,
                _(
                    "Picture yourself sitting in a favourite chair. Imagine slowly turning your "
                    "head to the left, as if to look at something pleasant beside you."
                ),
                _(
                    "Feel, in your mind, the neck turning smoothly and easily. Come back to the "
                    "middle. Now imagine turning to the right, just as easily."
                ),
                CLOSE,
            ),
        ),
        Script(
            "turn_trunk",
            _("Turning your upper body to each side"),
            2,
            (
                SETTLE,
                _(
                    "Picture yourself standing, relaxed. Imagine turning your shoulders and chest "
                    "slowly to the left, as if to hand someone a cup, with your hips facing ahead."
                ),
                _(
                    "Imagine the movement as easy, loose and strong. Come back to the middle, then "
                    "imagine turning to the right in the same calm way."
                ),
                CLOSE,
            ),
        ),
        Script(
            "side_bend",
            _("Bending to each side"),
            2,
            (
                SETTLE,
                _(
                    "Picture yourself standing tall. Imagine sliding your left hand down the side "
                    "of your leg, bending gently to the left, then rising again."
                ),
                _(
                    "See it as smooth and safe, your back moving like a flexible branch. Now imagine "
                    "the same to the right."
                ),
                CLOSE,
            ),
        ),
        Script(
            "bend_forward",
            _("Bending forward to pick something up"),
            3,
            (
                SETTLE,
                _(
                    "Picture a light object on the floor in front of you, like a sock. Imagine "
                    "bending forward, your back rounding naturally, and picking it up."
                ),
                _(
                    "Imagine it as easy and ordinary, something your back is built for. Imagine "
                    "standing up again, holding the sock, feeling steady."
                ),
                CLOSE,
            ),
        ),
        Script(
            "lift_bag",
            _("Lifting a bag of shopping"),
            4,
            (
                SETTLE,
                _(
                    "Picture a bag of shopping on a low table. Imagine stepping close, bending your "
                    "knees and back together, and lifting it smoothly."
                ),
                _(
                    "Feel, in your mind, your back and legs sharing the load, strong and relaxed. "
                    "Imagine carrying the bag a few steps and putting it down."
                ),
                CLOSE,
            ),
        ),
    ]
}
