"""How an assessment result is shown: the red-flag reasons, then the explained sections.

Shared by the patient's result page and the clinician's pages (presentation only; no state).
"""

from typing import Any

from django.utils.translation import gettext as gettext
from django.utils.translation import gettext_lazy as _

from painwise.assessment import questions
from painwise.assessment.forms import form_class, initial_from
from painwise.assessment.regions import REGION_LABELS
from painwise.clinical.assessment.intake import WEEKS_PER_UNIT
from painwise.clinical.assessment.rules import FLAGS

SECTIONS = [
    ("pain_type", _("Type of back pain"), ("radicular", "pain_type_")),
    ("chronic", _("How long it has lasted"), ("chronic",)),
    ("inflammatory", _("Inflammatory back pain"), ("inflammatory_",)),
    ("startback", _("How much the pain affects you"), ("startback_",)),
    ("nociplastic", _("A sensitised nervous system (nociplastic pain)"), ("nociplastic_",)),
    ("neuroplastic", _("Signs your nervous system is involved"), ("neuroplastic_signs",)),
    ("mood", _("Mood and worry"), ("phq9_band", "gad7_band")),
    ("next", _("What happens next"), ("program_",)),
]
FLAG_IDS = frozenset(f.id for f in FLAGS)


def findings(result: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split the stored reasons into the red-flag reasons and the explained sections."""
    reasons = result.get("reasons", [])
    flag_reasons = [r for r in reasons if r["rule"] in FLAG_IDS]
    sections = []
    for key, title, prefixes in SECTIONS:
        texts = [r for r in reasons if r["rule"].startswith(prefixes)]
        if texts:
            sections.append({"key": key, "title": title, "reasons": texts})
    return flag_reasons, sections


def reason_for(result: dict[str, Any], rule: str) -> dict[str, Any] | None:
    return next((r for r in result.get("reasons", []) if r["rule"] == rule), None)


# The few reasons a person reads first; the rest are folded under "your answers, explained".
SUMMARY_RULES = ("chronic", "pain_type_", "startback_")


def summary(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in result.get("reasons", []) if r["rule"].startswith(SUMMARY_RULES)]


def flat_answers(intake: dict[str, Any]) -> dict[str, Any]:
    """A stored intake (nested JSON) as the intake pages keep answers: "red_flags.x", "phq9.3"."""
    flat: dict[str, Any] = {}
    for key, value in intake.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{inner}": v for inner, v in value.items()})
        elif key in ("phq9", "gad7") and isinstance(value, list):
            flat.update({f"{key}.{i}": v for i, v in enumerate(value)})
        else:
            flat[key] = value
    weeks, unit = intake.get("pain_duration_weeks"), intake.get("pain_duration_unit")
    if weeks is not None:
        unit = unit or "weeks"
        flat["_duration"] = {"amount": f"{weeks / WEEKS_PER_UNIT[unit]:.3g}", "unit": unit}
    return flat


def answers_table(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers, step by step, in words (flat keys as the intake pages keep them)."""
    rows = []
    for current in questions.STEPS:
        Form = form_class(current)
        form = Form(initial=initial_from(current, answers))
        items = []
        for question in current.questions:
            if question.kind == questions.DURATION:
                duration = answers.get("_duration")
                units = dict(form.fields["duration_unit"].choices)
                value = f"{duration['amount']} {units[duration['unit']]}" if duration else "—"
                items.append((questions.label_for(question), value))
                continue
            if question.key not in answers:
                continue
            raw = answers[question.key]
            field = form.fields[question.key.replace(".", "__")]
            if question.kind == questions.TICK:
                if raw:
                    items.append((questions.label_for(question), gettext("Yes")))
                continue
            if question.kind == questions.REGIONS:
                value = ", ".join(str(REGION_LABELS[r]) for r in raw) or gettext("None chosen")
            elif hasattr(field, "choices"):
                key = form.initial.get(question.key.replace(".", "__"))
                value = str(dict(field.choices).get(key, raw))
            else:
                value = "—" if raw is None else str(raw)
            items.append((questions.label_for(question), value))
        skipped = current.optional and not any(q.key in answers for q in current.questions)
        rows.append({"step": current, "items": items, "skipped": skipped})
    return rows
