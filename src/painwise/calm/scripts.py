"""Guided mindfulness sessions in our own words. Each has calm steps with a share of the time;
the person chooses 3, 5, 10 or 20 minutes and the steps stretch to fit."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LENGTHS = (3, 5, 10, 20)  # minutes


@dataclass(frozen=True)
class Step:
    share: int  # parts of the whole time
    text: Promise


@dataclass(frozen=True)
class Script:
    key: str
    title: Promise
    summary: Promise
    steps: tuple[Step, ...]

    def seconds(self, minutes: int) -> list[int]:
        """Each step's seconds for a session of ``minutes``, adding up exactly."""
        total, parts = minutes * 60, sum(s.share for s in self.steps)
        out = [total * s.share // parts for s in self.steps]
        out[-1] += total - sum(out)
        return out


ARRIVE = Step(
    1,
    _(
        "Sit or lie so that you are comfortable enough. Let your eyes close, or rest "
        "them on the floor. Notice that you have arrived here, with nothing to do."
    ),
)
RETURN = Step(
    1,
    _(
        "Let the practice go. Notice the room around you, the sounds, the light. "
        "Move your fingers and toes. Come back when you are ready."
    ),
)

SCRIPTS: dict[str, Script] = {
    s.key: s
    for s in [
        Script(
            "breath",
            _("The breath"),
            _("Resting your attention on breathing, and coming back when it wanders."),
            (
                ARRIVE,
                Step(
                    2,
                    _(
                        "Find the place where you feel the breath most clearly: the nose, the "
                        "chest or the belly. Feel one breath in, and one breath out."
                    ),
                ),
                Step(
                    3,
                    _(
                        "Your mind will wander. That is what minds do. Each time you notice it, "
                        "gently bring your attention back to the next breath. That moment of "
                        "coming back is the practice."
                    ),
                ),
                Step(
                    2,
                    _(
                        "If pain calls for attention, notice it kindly, then come back to the "
                        "breath, as if the pain were a sound in the next room."
                    ),
                ),
                RETURN,
            ),
        ),
        Script(
            "body_scan",
            _("Body scan"),
            _("Moving your attention slowly through the body, noticing without fixing."),
            (
                ARRIVE,
                Step(
                    2,
                    _(
                        "Bring your attention to your feet. Notice whatever is there: warmth, "
                        "tingling, pressure, or nothing at all. Then move slowly up the legs."
                    ),
                ),
                Step(
                    2,
                    _(
                        "Move on to your hips and your back. If there is pain, notice its edges "
                        "and its texture with curiosity. You do not have to change it."
                    ),
                ),
                Step(
                    2,
                    _(
                        "Now the belly and chest, rising and falling. Then the shoulders, arms "
                        "and hands, the neck and the face. Let each part soften if it wants to."
                    ),
                ),
                Step(1, _("Finally, feel the whole body at once, breathing, here.")),
                RETURN,
            ),
        ),
        Script(
            "open_awareness",
            _("Open awareness"),
            _("Letting sounds, sensations and thoughts come and go like weather."),
            (
                ARRIVE,
                Step(
                    2,
                    _(
                        "Listen to the sounds around you, near and far. Let them come to you. "
                        "There is no need to name them."
                    ),
                ),
                Step(
                    3,
                    _(
                        "Widen your attention to include the body and the thoughts passing by. "
                        "Let each one come and go, like clouds crossing the sky. You are the "
                        "sky, not the clouds."
                    ),
                ),
                RETURN,
            ),
        ),
        Script(
            "kindness",
            _("Kindness"),
            _("Offering yourself the warmth you would give a friend in pain."),
            (
                ARRIVE,
                Step(
                    2,
                    _(
                        "Place a hand on your heart or wherever feels comforting. Feel its "
                        "warmth. Notice that this is a hard moment, and that pain is part of "
                        "being human."
                    ),
                ),
                Step(
                    3,
                    _(
                        "Say quietly to yourself: may I be kind to myself. May I be at ease. "
                        "May I feel safe in my body. Let the words rest, even if they feel "
                        "strange at first."
                    ),
                ),
                Step(
                    2,
                    _(
                        "Think of someone you care for, and offer them the same wishes. Then "
                        "return them to yourself."
                    ),
                ),
                RETURN,
            ),
        ),
    ]
}
