"""The review's findings in clinical language, for alerts and the clinician's pages (the
patient's own pages speak to the patient)."""

from typing import Any

from django.utils.translation import gettext, gettext_noop

from painwise.clinical.common import Reason
from painwise.lib.reasons import reason_text

CLINICAL_TEMPLATES = {
    "deterioration_pain": gettext_noop(
        "Pain deterioration: 7-day mean pain {a} and {b} in the last two weeks against a "
        "baseline of {c} (threshold: baseline + {p})."
    ),
    "deterioration_peg_interference": gettext_noop(
        "PEG interference up from {b} to {c} since the first PEG."
    ),
    "plateau": gettext_noop(
        "Plateau: {w} weeks of regular check-ins and no meaningful change in pain or PSFS over "
        "the last {n} weeks."
    ),
}
LAG_WORDS = {0: gettext_noop("same day"), 1: gettext_noop("next day")}
FACTOR_NAMES = {
    "sleep_quality": gettext_noop("Sleep quality"),
    "sleep_hours": gettext_noop("Hours slept"),
    "stress": gettext_noop("Stress"),
    "activity_minutes": gettext_noop("Activity minutes"),
    "practice_minutes": gettext_noop("Practice minutes"),
}


def clinical_reason(reason: Reason) -> Reason:
    """The finding in clinical words: the same rule and parameters, the clinician's sentence
    (where there is one)."""
    template = CLINICAL_TEMPLATES.get(reason.rule)
    return Reason(reason.rule, template, reason.params) if template else reason


def clinical_text(reason: Reason) -> str:
    return reason_text(clinical_reason(reason))


def relation_rows(patterns: dict[str, Any]) -> list[str]:
    """The personal patterns shown to the patient, as statistics: factor, lag, rho, interval."""
    rows = []
    for r in patterns.get("relations", []):
        if r.get("shown"):
            rows.append(
                gettext(
                    "%(f)s vs pain (%(lag)s): rho %(rho).2f, interval %(lo).2f to %(hi).2f, n=%(n)s"
                )
                % {
                    "f": gettext(FACTOR_NAMES.get(r["factor"], r["factor"])),
                    "lag": gettext(LAG_WORDS[r["lag"]]),
                    "rho": r["rho"],
                    "lo": r["interval"][0],
                    "hi": r["interval"][1],
                    "n": r["n"],
                }
            )
    return rows
