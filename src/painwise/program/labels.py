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
    "discuss_with_clinician": _("Talk with your clinician"),
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


def activity_label(key: str) -> str:
    return str(ACTIVITY_NAMES.get(key, key))


def unit_label(unit: str) -> str:
    return str(UNIT_NAMES.get(unit, unit))
