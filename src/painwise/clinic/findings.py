"""An assessment result in clinical language, for clinicians (the patient's pages speak to the
patient). Each finding is a clinical label, its value, and why: the rule's own summary, which
is written for clinicians. No rule ids, no patient-addressed sentences.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from painwise.clinical.assessment import RULES, Triage

FLAG_NAMES = {
    "suspected_cauda_equina": gettext_lazy("Suspected cauda equina syndrome"),
    "progressive_neurological_deficit": gettext_lazy("Progressive neurological deficit"),
    "suspected_spinal_infection": gettext_lazy("Suspected spinal infection"),
    "suspected_metastatic_cord_compression": gettext_lazy(
        "Suspected metastatic spinal cord compression"
    ),
    "possible_malignancy": gettext_lazy("Possible malignancy"),
    "possible_infection": gettext_lazy("Possible infection"),
    "possible_fracture": gettext_lazy("Possible vertebral fracture"),
    "non_mechanical_pain": gettext_lazy("Non-mechanical (constant night) pain"),
}
TRIAGE_NAMES = {
    Triage.EMERGENCY: gettext_lazy("Emergency: same-day emergency assessment"),
    Triage.URGENT: gettext_lazy("Urgent: medical review within days; program paused"),
    Triage.REVIEW: gettext_lazy("Clinician review; program may start"),
    Triage.SELF_MANAGEMENT: gettext_lazy("Self-management"),
}
PAIN_TYPES = {
    "specific_suspected": gettext_lazy("Specific spinal cause suspected"),
    "radicular": gettext_lazy("Radicular pain / radiculopathy"),
    "nonspecific": gettext_lazy("Non-specific low back pain"),
}
CRITERIA = {
    "C1": gettext_lazy("C1 duration > 3 months"),
    "C2": gettext_lazy("C2 regional/multifocal/widespread"),
    "C3": gettext_lazy("C3 not fully explained by nociceptive/neuropathic mechanisms"),
    "C4": gettext_lazy("C4 evoked hypersensitivity on examination"),
    "C5": gettext_lazy("C5 history of hypersensitivity"),
    "C6": gettext_lazy("C6 comorbidity"),
}
GRADES = {
    "probable": gettext_lazy("Probable nociplastic pain"),
    "possible": gettext_lazy("Possible nociplastic pain"),
    "exam_needed": gettext_lazy("Examination needed (C3, C4 not assessed)"),
    "not_met": gettext_lazy("Criteria not met"),
}
NG65 = {
    "refer_rheumatology": gettext_lazy("Refer to rheumatology"),
    "consider_hla_b27_test": gettext_lazy("Consider HLA-B27; refer if positive"),
    "none": gettext_lazy("No referral indicated"),
}


@dataclass(frozen=True)
class Finding:
    label: str
    value: str
    why: str


def _why(rule_id: str) -> str:
    return RULES[rule_id].summary if rule_id in RULES else ""


def red_flags(result: dict[str, Any]) -> list[Finding]:
    return [
        Finding(str(FLAG_NAMES.get(flag, flag)), _("Present"), _why(flag))
        for flag in result.get("red_flags", [])
    ]


def clinical_findings(result: dict[str, Any]) -> list[Finding]:
    """Every finding of a result, in clinical terms. A result stopped early at a red flag (or
    a check-in symptom) has its triage and flags only."""
    triage = Triage(result["triage"])
    found = [Finding(_("Triage"), str(TRIAGE_NAMES[triage]), _why(f"triage_{triage}"))]
    if "startback" not in result:
        return found
    sb, inf, noci, mood = (result[k] for k in ("startback", "inflammatory", "nociplastic", "mood"))
    met = ", ".join(str(CRITERIA[c]) for c in noci["criteria_met"]) or _("none")
    found += [
        Finding(_("Classification"), str(PAIN_TYPES[result["pain_type"]]), ""),
        Finding(_("Chronic (> 12 weeks)"), _("Yes") if result["chronic"] else _("No"), ""),
        Finding(
            _("STarT Back"),
            _("%(risk)s risk (total %(t)d/9, psychosocial %(p)d/5)")
            % {"risk": sb["risk"], "t": sb["total"], "p": sb["psychosocial"]},
            _why(f"startback_{sb['risk']}"),
        ),
        Finding(
            _("NICE NG65 inflammatory screen"),
            _("%(n)d/9 features: %(rec)s")
            % {"n": inf["count"], "rec": NG65[inf["recommendation"]]},
            _why(f"inflammatory_{inf['recommendation']}"),
        ),
        Finding(
            _("IASP nociplastic grading"),
            _("%(grade)s; criteria met: %(met)s") % {"grade": GRADES[noci["grade"]], "met": met},
            _why(f"nociplastic_{noci['grade']}"),
        ),
        Finding(
            _("Neuroplastic signs (education, not diagnosis)"),
            _("%(n)d of 12") % {"n": result["neuroplastic_signs"]["count"]},
            ", ".join(result["neuroplastic_signs"]["present"]).replace("_", " "),
        ),
    ]
    for name, total, band, top in (
        ("PHQ-9", mood["phq9_total"], mood["phq9_band"], 27),
        ("GAD-7", mood["gad7_total"], mood["gad7_band"], 21),
    ):
        value = _("not answered") if total is None else f"{total}/{top} ({band.replace('_', ' ')})"
        found.append(Finding(name, value, ""))
    if mood["safety_alert"]:
        found.append(Finding(_("PHQ-9 item 9"), _("Positive"), _why("phq9_item9_safety_alert")))
    return found
