"""assess(intake) -> Assessment: triage, classification, risk, grading, mood, with reasons.

No I/O. The rules themselves live in rules.py; this module applies them in order and
records, for each decision, which rule fired and why, in one plain sentence.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from painwise.clinical.assessment import rules as R
from painwise.clinical.assessment.intake import Intake, parse_intake
from painwise.clinical.common import Reason
from painwise.clinical.common import gettext_noop as _

TRIAGE_LEVELS = ("emergency", "urgent", "review", "self_management")


@dataclass(frozen=True, slots=True)
class StartBackResult:
    total: int
    psychosocial: int
    risk: str  # low | medium | high


@dataclass(frozen=True, slots=True)
class InflammatoryResult:
    count: int
    recommendation: str  # refer_rheumatology | consider_hla_b27_test | none


@dataclass(frozen=True, slots=True)
class NociplasticResult:
    grade: str  # probable | possible | exam_needed | not_met
    criteria_met: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NeuroplasticResult:
    count: int
    present: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MoodResult:
    phq9_total: int | None
    phq9_band: str | None
    gad7_total: int | None
    gad7_band: str | None
    safety_alert: bool


@dataclass(frozen=True, slots=True)
class Assessment:
    triage: str
    red_flags: tuple[str, ...]
    pain_type: str
    chronic: bool
    startback: StartBackResult
    inflammatory: InflammatoryResult
    nociplastic: NociplasticResult
    neuroplastic_signs: NeuroplasticResult
    mood: MoodResult
    program_allowed: bool
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
    # The validated intake the result came from (not part of the JSON output); the plan builder
    # reads details such as "moving feels unsafe" from it.
    intake: Intake | None = field(default=None, compare=False, repr=False)

    @property
    def emergency_flags(self) -> tuple[str, ...]:
        return tuple(f.id for f in R.FLAGS if f.tier == R.EMERGENCY and f.id in self.red_flags)

    @property
    def urgent_flags(self) -> tuple[str, ...]:
        return tuple(f.id for f in R.FLAGS if f.tier == R.URGENT and f.id in self.red_flags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "triage": self.triage,
            "red_flags": list(self.red_flags),
            "pain_type": self.pain_type,
            "chronic": self.chronic,
            "startback": {
                "total": self.startback.total,
                "psychosocial": self.startback.psychosocial,
                "risk": self.startback.risk,
            },
            "inflammatory": {
                "count": self.inflammatory.count,
                "recommendation": self.inflammatory.recommendation,
            },
            "nociplastic": {
                "grade": self.nociplastic.grade,
                "criteria_met": list(self.nociplastic.criteria_met),
            },
            "neuroplastic_signs": {
                "count": self.neuroplastic_signs.count,
                "present": list(self.neuroplastic_signs.present),
            },
            "mood": {
                "phq9_total": self.mood.phq9_total,
                "phq9_band": self.mood.phq9_band,
                "gad7_total": self.mood.gad7_total,
                "gad7_band": self.mood.gad7_band,
                "safety_alert": self.mood.safety_alert,
            },
            "program_allowed": self.program_allowed,
            "reasons": [r.to_dict() for r in self.reasons],
        }


# --- the steps ----------------------------------------------------------------------------------


def red_flags(intake: Intake) -> list[R.Flag]:
    """Every flag that fires, emergency and urgent alike, in table order."""
    return [flag for flag in R.FLAGS if flag.test(intake)]


def is_radicular(intake: Intake) -> bool:
    return intake.leg_pain_below_knee or intake.leg_numbness_or_tingling


def is_chronic(intake: Intake) -> bool:
    return intake.pain_duration_weeks > R.CHRONIC_AFTER_WEEKS


def inflammatory(intake: Intake) -> InflammatoryResult:
    inf = intake.inflammatory
    count = sum(1 for name in R.INFLAMMATORY_FEATURES if getattr(inf, name))
    recommendation = "none"
    if (
        inf.back_pain_onset_age is not None
        and inf.back_pain_onset_age < R.NG65_ONSET_BEFORE_AGE
        and is_chronic(intake)
    ):
        if count >= 4:
            recommendation = "refer_rheumatology"
        elif count == 3:
            recommendation = "consider_hla_b27_test"
    return InflammatoryResult(count=count, recommendation=recommendation)


def startback(intake: Intake) -> StartBackResult:
    sb = intake.startback
    bother = sb.bothersomeness >= R.BOTHERSOMENESS_POSITIVE_FROM
    total = sum(1 for name in R.STARTBACK_BOOLEANS if getattr(sb, name)) + bother
    psychosocial = sum(1 for name in R.STARTBACK_PSYCHOSOCIAL if getattr(sb, name)) + bother
    if psychosocial >= 4:
        risk = "high"
    elif total <= 3:
        risk = "low"
    else:
        risk = "medium"
    return StartBackResult(total=total, psychosocial=psychosocial, risk=risk)


def nociplastic(intake: Intake) -> NociplasticResult:
    s = intake.sensitivity
    held = {
        "C1": is_chronic(intake),
        "C2": intake.pain_distribution in R.REGIONAL_DISTRIBUTIONS,
        "C5": any(getattr(s, name) for name in R.HYPERSENSITIVITY_HISTORY),
        "C6": any(getattr(s, name) for name in R.COMORBIDITIES),
    }
    exam = intake.clinical_exam
    if exam is None:
        # C3 and C4 need an examination: not assessed, never listed.
        grade = "exam_needed" if held["C1"] and held["C2"] else "not_met"
    else:
        held["C3"] = not exam.nociceptive_or_neuropathic_fully_explains
        held["C4"] = exam.hypersensitivity_signs
        if all(held[c] for c in ("C1", "C2", "C3", "C4", "C5", "C6")):
            grade = "probable"
        elif all(held[c] for c in ("C1", "C2", "C3", "C4")):
            grade = "possible"
        else:
            grade = "not_met"
    return NociplasticResult(
        grade=grade, criteria_met=tuple(sorted(c for c, ok in held.items() if ok))
    )


def neuroplastic(intake: Intake) -> NeuroplasticResult:
    present = {name for name, value in intake.neuroplastic_signs if value}
    if is_chronic(intake):
        present.add("persists_beyond_healing")
    if len(set(intake.pain_regions)) >= R.MULTIPLE_SITES_FROM:
        present.add("multiple_sites")
    return NeuroplasticResult(count=len(present), present=tuple(sorted(present)))


def mood(intake: Intake) -> MoodResult:
    phq9_total = sum(intake.phq9) if intake.phq9 is not None else None
    gad7_total = sum(intake.gad7) if intake.gad7 is not None else None
    return MoodResult(
        phq9_total=phq9_total,
        phq9_band=R.band(phq9_total, R.PHQ9_BANDS) if phq9_total is not None else None,
        gad7_total=gad7_total,
        gad7_band=R.band(gad7_total, R.GAD7_BANDS) if gad7_total is not None else None,
        safety_alert=intake.phq9 is not None and intake.phq9[8] > 0,
    )


# --- reasons --------------------------------------------------------------------------------------

_RISK_REASON = {
    "high": (
        R.STARTBACK_HIGH,
        _(
            "{psychosocial} of your 5 answers about worry, mood and how much the pain bothers "
            "you were positive, so we give extra weight to the thinking-and-feeling side of pain."
        ),
    ),
    "medium": (
        R.STARTBACK_MEDIUM,
        _(
            "{total} of 9 back-pain screening answers were positive, mostly about physical "
            "effects, which puts you in the medium group."
        ),
    ),
    "low": (
        R.STARTBACK_LOW,
        _(
            "{total} of 9 back-pain screening answers were positive, which puts you in the low group."
        ),
    ),
}
_NOCIPLASTIC_REASON = {
    "probable": (
        R.NOCIPLASTIC_PROBABLE,
        _(
            "All six criteria for nociplastic pain hold: the nervous system itself is likely "
            "amplifying the pain, which is something it can learn to turn down."
        ),
    ),
    "possible": (
        R.NOCIPLASTIC_POSSIBLE,
        _(
            "The four criteria a clinician can check hold, so nociplastic pain is possible; the "
            "remaining two are about sensitivity and sleep, tiredness or focus."
        ),
    ),
    "exam_needed": (
        R.NOCIPLASTIC_EXAM_NEEDED,
        _(
            "Your pain has lasted over 12 weeks and is spread beyond one small spot, which fits "
            "nociplastic pain; a clinician needs to examine you to say more."
        ),
    ),
    "not_met": (
        R.NOCIPLASTIC_NOT_MET,
        _("The criteria for the next grade of nociplastic pain are not met: {missing}."),
    ),
}
_CRITERION_NAMES = {
    "C1": "pain for over 12 weeks",
    "C2": "pain spread beyond one spot",
    "C3": "pain not fully explained by tissue or nerve damage",
    "C4": "signs of sensitivity on examination",
    "C5": "a history of sensitivity in the painful area",
    "C6": "sensitivity to sound, light or smell, poor sleep, tiredness or trouble focusing",
}
_BAND_WORDS = {
    "minimal": "minimal",
    "mild": "mild",
    "moderate": "moderate",
    "moderately_severe": "moderately severe",
    "severe": "severe",
}


def _triage_reason(
    triage: str, flags: list[R.Flag], radicular: bool, inf: InflammatoryResult
) -> Reason:
    if triage == "emergency":
        return Reason(
            R.TRIAGE_EMERGENCY,
            _(
                "At least one answer points to something that needs emergency care today, so "
                "this comes before anything else."
            ),
        )
    if triage == "urgent":
        return Reason(
            R.TRIAGE_URGENT,
            _(
                "At least one answer should be checked by a doctor within the next few days "
                "before you start the program."
            ),
        )
    if triage == "review":
        why = (
            _("you have pain or tingling going down the leg")
            if radicular
            else _("your answers fit an inflammatory type of back pain")
        )
        return Reason(
            R.TRIAGE_REVIEW,
            _(
                "No warning signs, but {why}, so a clinician should review this with you; you "
                "can start the program meanwhile."
            ),
            {"why": why},
        )
    return Reason(
        R.TRIAGE_SELF_MANAGEMENT,
        _(
            "No warning signs, no nerve pain down the leg and no sign of inflammatory back pain, "
            "so the program is a safe place to start."
        ),
    )


def assess(intake: Intake | Mapping[str, Any]) -> Assessment:
    """Assess an intake (an Intake, or plain data that is validated first)."""
    if not isinstance(intake, Intake):
        intake = parse_intake(intake)
    reasons: list[Reason] = []

    fired = red_flags(intake)
    reasons.extend(Reason(flag.id, flag.reason) for flag in fired)
    radicular = is_radicular(intake)
    inf = inflammatory(intake)

    if any(f.tier == R.EMERGENCY for f in fired):
        triage = "emergency"
    elif fired:
        triage = "urgent"
    elif radicular or inf.recommendation != "none":
        triage = "review"
    else:
        triage = "self_management"
    reasons.append(_triage_reason(triage, fired, radicular, inf))

    if radicular:
        reasons.append(
            Reason(
                R.RADICULAR,
                _(
                    "Pain below the knee, or numbness or tingling in the leg, can "
                    "come from an irritated nerve root in the back."
                ),
            )
        )

    if triage in ("emergency", "urgent") or inf.recommendation == "refer_rheumatology":
        pain_type = "specific_suspected"
        reasons.append(
            Reason(
                R.PAIN_TYPE_SPECIFIC,
                _(
                    "A specific cause needs to be ruled out first, so we "
                    "do not yet call this non-specific back pain."
                ),
            )
        )
    elif radicular:
        pain_type = "radicular"
        reasons.append(
            Reason(
                R.PAIN_TYPE_RADICULAR,
                _("Your back pain comes with leg symptoms that fit an irritated nerve root."),
            )
        )
    else:
        pain_type = "nonspecific"
        reasons.append(
            Reason(
                R.PAIN_TYPE_NONSPECIFIC,
                _(
                    "Your answers fit non-specific back pain, the "
                    "kind most people have, where no single damaged "
                    "part explains the pain."
                ),
            )
        )

    chronic = is_chronic(intake)
    weeks = intake.pain_duration_weeks
    weeks_text = f"{weeks:g}"
    if chronic:
        reasons.append(
            Reason(
                R.CHRONIC,
                _(
                    "Your pain has lasted {weeks} weeks, more than 12, so it counts "
                    "as long-lasting (chronic)."
                ),
                {"weeks": weeks_text},
            )
        )
    else:
        reasons.append(
            Reason(
                R.CHRONIC,
                _(
                    "Your pain has lasted {weeks} weeks, not more than 12, so it "
                    "does not count as chronic yet."
                ),
                {"weeks": weeks_text},
            )
        )

    if inf.recommendation == "refer_rheumatology":
        reasons.append(
            Reason(
                R.INFLAMMATORY_REFER,
                _(
                    "{count} of 9 signs of inflammatory back pain, with "
                    "pain that began before 45 and has lasted over 3 "
                    "months: NICE advises a referral to a joint "
                    "specialist (rheumatologist)."
                ),
                {"count": inf.count},
            )
        )
    elif inf.recommendation == "consider_hla_b27_test":
        reasons.append(
            Reason(
                R.INFLAMMATORY_HLA_B27,
                _(
                    "3 of 9 signs of inflammatory back pain, with pain "
                    "that began before 45 and has lasted over 3 "
                    "months: NICE advises a blood test (HLA-B27) and a "
                    "referral if it is positive."
                ),
            )
        )
    else:
        reasons.append(
            Reason(
                R.INFLAMMATORY_NONE,
                _(
                    "Your answers do not call for an inflammatory "
                    "back-pain check ({count} of 9 signs)."
                ),
                {"count": inf.count},
            )
        )

    sb = startback(intake)
    rule_id, template = _RISK_REASON[sb.risk]
    reasons.append(Reason(rule_id, template, {"total": sb.total, "psychosocial": sb.psychosocial}))

    noci = nociplastic(intake)
    rule_id, template = _NOCIPLASTIC_REASON[noci.grade]
    params: dict[str, Any] = {}
    if noci.grade == "not_met":
        needed = ("C1", "C2") if intake.clinical_exam is None else ("C1", "C2", "C3", "C4")
        missing = [c for c in needed if c not in noci.criteria_met]
        params["missing"] = "; ".join(_CRITERION_NAMES[c] for c in missing) or "none"
    reasons.append(Reason(rule_id, template, params))

    neuro = neuroplastic(intake)
    reasons.append(
        Reason(
            R.NEUROPLASTIC_SIGNS,
            _(
                "Signs that the nervous system may be keeping the pain going: {count} of 12; "
                "this helps us choose what to teach, it is not a diagnosis."
            ),
            {"count": neuro.count},
        )
    )

    md = mood(intake)
    if md.phq9_total is not None:
        reasons.append(
            Reason(
                R.PHQ9_BAND,
                _("Your mood score is {total} of 27, in the {band} range."),
                {"total": md.phq9_total, "band": _BAND_WORDS[md.phq9_band or "minimal"]},
            )
        )
    if md.gad7_total is not None:
        reasons.append(
            Reason(
                R.GAD7_BAND,
                _("Your worry score is {total} of 21, in the {band} range."),
                {"total": md.gad7_total, "band": _BAND_WORDS[md.gad7_band or "minimal"]},
            )
        )
    if md.safety_alert:
        reasons.append(
            Reason(
                R.PHQ9_ITEM9,
                _(
                    "You told us you have had thoughts of being better off dead "
                    "or of hurting yourself, so we show you where to get help "
                    "now and let your care team know."
                ),
            )
        )

    program_allowed = triage in ("review", "self_management")
    if program_allowed:
        reasons.append(
            Reason(
                R.PROGRAM_ALLOWED,
                _("Nothing in your answers needs a doctor first, so you can start your program."),
            )
        )
    else:
        reasons.append(
            Reason(
                R.PROGRAM_PAUSED,
                _(
                    "The program waits until a doctor has checked the "
                    "warning signs; your safety comes first."
                ),
            )
        )

    return Assessment(
        triage=triage,
        red_flags=tuple(sorted(flag.id for flag in fired)),
        pain_type=pain_type,
        chronic=chronic,
        startback=sb,
        inflammatory=inf,
        nociplastic=noci,
        neuroplastic_signs=neuro,
        mood=md,
        program_allowed=program_allowed,
        reasons=tuple(reasons),
        intake=intake,
    )


NEUTRAL_INTAKE = {
    "age": 40,
    "pain_duration_weeks": 0,
    "pain_distribution": "discrete",
    "pain_now": 0,
    "pain_average_week": 0,
    "pain_worst_week": 0,
}


def screen_emergency(
    red_flags_answers: Mapping[str, bool], leg_numbness_or_tingling: bool = False
) -> tuple[R.Flag, ...]:
    """The emergency flags that fire on the red-flag answers alone.

    The intake asks red flags first; this lets it stop at once, before the rest is asked.
    Every emergency rule depends only on the red-flag answers and leg numbness or tingling
    (a property test checks that it agrees with the full engine on every intake), so the
    neutral values filled in here for the other required fields cannot change the result.
    """
    probe = parse_intake(
        {
            **NEUTRAL_INTAKE,
            "red_flags": dict(red_flags_answers),
            "leg_numbness_or_tingling": leg_numbness_or_tingling,
        }
    )
    return tuple(flag for flag in red_flags(probe) if flag.tier == R.EMERGENCY)
