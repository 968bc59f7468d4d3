"""Names of the plan's parts as people read them (presentation only, shared with the clinic)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MODULE_NAMES: dict[str, Promise] = {
    "education": _("Understanding pain"),
    "graded_activity": _("Graded activity and exercise"),
    "pain_reprocessing": _("Pain reprocessing"),
    "graded_exposure": _("Graded exposure"),
    "cbt": _("Thinking skills (CBT)"),
    "sleep": _("Sleep"),
    "mindfulness": _("Mindfulness and breathing"),
    "graded_motor_imagery": _("Left and right training (motor imagery)"),
    "neurofeedback": _("Brain-signal training (neurofeedback, optional)"),
    "discuss_with_clinician": _("Talk with a doctor or physiotherapist"),
}

# One line under a module's name where the practice page lists it.
MODULE_BLURBS: dict[str, Promise] = {
    "cbt": _("Look again at a worrying thought, plan things you value, solve a problem."),
    "sleep": _("Note each night and see how much of your time in bed you sleep."),
    "mindfulness": _("Guided calm and a slow breathing pacer."),
    "graded_motor_imagery": _("Left or right? Quick picture practice, then imagined movement."),
    "neurofeedback": _("Practise a calm brain rhythm with a headset that reads brain signals."),
}

ACTIVITY_NAMES: dict[str, Promise] = {
    "walking": _("Walking"),
    "walking_distance": _("Walking distance"),
    "sitting": _("Sitting"),
    "standing": _("Standing"),
    "sit_to_stand": _("Sit to stand"),
}

INTENSITY_NAMES: dict[str, Promise] = {
    "lighter": _("lighter (STarT Back low risk)"),
    "standard": _("standard (STarT Back medium risk)"),
    "psychologically_informed": _("psychologically informed (STarT Back high risk)"),
}

UNIT_NAMES: dict[str, Promise] = {
    "minutes": _("minutes"),
    "metres": _("metres"),
    "repetitions": _("times"),
}


def module_name(key: str) -> str:
    return str(MODULE_NAMES.get(key, key))


def module_blurb(key: str) -> str:
    return str(MODULE_BLURBS.get(key, ""))


def activity_label(key: str) -> str:
    return str(ACTIVITY_NAMES.get(key, key))


def unit_label(unit: str) -> str:
    return str(UNIT_NAMES.get(unit, unit))
