"""Pain reprocessing practice in numbers: somatic tracking before and after, the fear ladder.

Sentences describe what the person's own records show, never more (no cause, no forecast).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from painwise.clinical.common import Reason, RuleBook
from painwise.clinical.common import gettext_noop as _

RULES = RuleBook(
    """
somatic_before_after
    source: clinical-facts 5 (somatic tracking in PRT, Ashar 2022); Painwise: describes the person's own ratings only
    summary: Of the last sessions with both ratings, how many ended with lower pain than they began.

exposure_step_climbed
    source: clinical-facts 7 (graded exposure as behavioural experiments, Vlaeyen); the fear level is a Painwise setting
    summary: A step is climbed when the fear rated after an experiment is below the setting; until then it is repeated.

exposure_prediction
    source: clinical-facts 7 (experiments that test the predicted harm; Körfer 2020)
    summary: The gap between the pain predicted before an experiment and the pain reported after it.
"""
)
SOMATIC = RULES.id("somatic_before_after")
CLIMBED = RULES.id("exposure_step_climbed")
PREDICTION = RULES.id("exposure_prediction")


@dataclass(frozen=True, slots=True)
class PracticeSettings:
    """Named settings (docs/rules/learn.md gives each one's source)."""

    somatic_window: int = 12  # sessions the summary sentence looks back over
    exposure_fear_to_move_on: int = 30  # 0-100; Painwise default, unconfirmed in the sources


def somatic_summary(
    pairs: Sequence[tuple[int, int]], settings: PracticeSettings | None = None
) -> Reason | None:
    """``pairs`` are (pain before, pain after) of finished sessions, oldest first."""
    settings = settings or PracticeSettings()
    recent = list(pairs)[-settings.somatic_window :]
    if not recent:
        return None
    lower = sum(after < before for before, after in recent)
    higher = sum(after > before for before, after in recent)
    params = {"lower": lower, "n": len(recent), "higher": higher}
    if len(recent) == 1:
        template = (
            _("In your first session your pain was lower afterwards.")
            if lower
            else _("In your first session your pain was not lower afterwards.")
        )
    elif higher:
        template = _(
            "In {lower} of your last {n} sessions your pain was lower afterwards, "
            "and in {higher} it was higher."
        )
    else:
        template = _("In {lower} of your last {n} sessions your pain was lower afterwards.")
    return Reason(SOMATIC, template, params)


StepState = Literal["not_tried", "practising", "climbed"]


def step_state(fears_after: Sequence[int], settings: PracticeSettings | None = None) -> StepState:
    """A ladder step's state from the fear (0-100) rated after each finished experiment."""
    settings = settings or PracticeSettings()
    if not fears_after:
        return "not_tried"
    return "climbed" if fears_after[-1] < settings.exposure_fear_to_move_on else "practising"


def next_step(states: Sequence[tuple[int, StepState]]) -> int | None:
    """The step to try next: (step id, state) pairs in ladder order (lowest fear first). The
    lowest step not yet climbed; a step is repeated until climbed before the next is offered."""
    return next((step for step, state in states if state != "climbed"), None)


def prediction_gap(predicted: int, actual: int) -> Reason:
    """What an experiment showed: the pain expected against the pain felt (both 0-10)."""
    params = {"predicted": predicted, "actual": actual, "gap": abs(predicted - actual)}
    if actual < predicted:
        template = _(
            "You expected {predicted} out of 10 and it was {actual}: {gap} points less than "
            "you feared. Your nervous system just learned something."
        )
    elif actual == predicted:
        template = _(
            "You expected {predicted} out of 10 and it was {actual}, as you thought. You did "
            "it anyway, and that counts."
        )
    else:
        template = _(
            "You expected {predicted} out of 10 and it was {actual}. That is useful to know: "
            "next time, try a smaller version of this step."
        )
    return Reason(PREDICTION, template, params)
