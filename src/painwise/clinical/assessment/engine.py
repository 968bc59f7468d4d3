"""assess(intake) -> Assessment: triage, classification, risk, grading, mood, with reasons.

No I/O. The rules themselves live in rules.py; this module applies them in order and
records, for each decision, which rule fired and why, in one plain sentence.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from painwise.clinical.assessment import rules
from painwise.clinical.assessment.intake import WEEKS_PER_UNIT, Intake, parse_intake
from painwise.clinical.assessment.rules import Triage
from painwise.clinical.common import Reason
from painwise.clinical.common import gettext_noop as _

TRIAGE_LEVELS = tuple(Triage)


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
    triage: Triage
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
        return tuple(
            f.id for f in rules.FLAGS if f.tier == rules.EMERGENCY and f.id in self.red_flags
        )

    @property
    def urgent_flags(self) -> tuple[str, ...]:
        return tuple(f.id for f in rules.FLAGS if f.tier == rules.URGENT and f.id in self.red_flags)

    def to_dict(self, *, record: bool = False) -> dict[str, Any]:
        """The result as plain JSON data. ``record=True`` keeps each reason's template, so
        that a stored result can be shown later in the reader's language."""
        return {
            "triage": str(self.triage),
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
            "reasons": [r.to_record() if record else r.to_dict() for r in self.reasons],
        }


# --- the steps ----------------------------------------------------------------------------------


def red_flags(intake: Intake) -> list[rules.Flag]:
    """Every flag that fires, emergency and urgent alike, in table order."""
    return [flag for flag in rules.FLAGS if flag.test(intake)]


def is_radicular(intake: Intake) -> bool:
    return intake.leg_pain_below_knee or intake.leg_numbness_or_tingling


def is_chronic(intake: Intake) -> bool:
    return intake.pain_duration_weeks > rules.CHRONIC_AFTER_WEEKS


def inflammatory(intake: Intake) -> InflammatoryResult:
    answers = intake.inflammatory
    count = sum(1 for name in rules.INFLAMMATORY_FEATURES if getattr(answers, name))
    recommendation = "none"
    if (
        answers.back_pain_onset_age is not None
        and answers.back_pain_onset_age < rules.NG65_ONSET_BEFORE_AGE
        and is_chronic(intake)
    ):
        if count >= 4:
            recommendation = "refer_rheumatology"
        elif count == 3:
            recommendation = "consider_hla_b27_test"
    return InflammatoryResult(count=count, recommendation=recommendation)


def startback(intake: Intake) -> StartBackResult:
    answers = intake.startback
    bother = answers.bothersomeness >= rules.BOTHERSOMENESS_POSITIVE_FROM
    total = sum(1 for name in rules.STARTBACK_BOOLEANS if getattr(answers, name)) + bother
    psychosocial = (
        sum(1 for name in rules.STARTBACK_PSYCHOSOCIAL if getattr(answers, name)) + bother
    )
    if psychosocial >= 4:
        risk = "high"
    elif total <= 3:
        risk = "low"
    else:
        risk = "medium"
    return StartBackResult(total=total, psychosocial=psychosocial, risk=risk)


def nociplastic(intake: Intake) -> NociplasticResult:
    sensitivity = intake.sensitivity
    held = {
        "C1": is_chronic(intake),
        "C2": intake.pain_distribution in rules.REGIONAL_DISTRIBUTIONS,
        "C5": any(getattr(sensitivity, name) for name in rules.HYPERSENSITIVITY_HISTORY),
        "C6": any(getattr(sensitivity, name) for name in rules.COMORBIDITIES),
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
    if len(set(intake.pain_regions)) >= rules.MULTIPLE_SITES_FROM:
        present.add("multiple_sites")
    return NeuroplasticResult(count=len(present), present=tuple(sorted(present)))


def mood(intake: Intake) -> MoodResult:
    phq9_total = sum(intake.phq9) if intake.phq9 is not None else None
    gad7_total = sum(intake.gad7) if intake.gad7 is not None else None
    return MoodResult(
        phq9_total=phq9_total,
        phq9_band=rules.band(phq9_total, rules.PHQ9_BANDS) if phq9_total is not None else None,
        gad7_total=gad7_total,
        gad7_band=rules.band(gad7_total, rules.GAD7_BANDS) if gad7_total is not None else None,
        safety_alert=intake.phq9 is not None and intake.phq9[8] > 0,
    )


# --- reasons: one plain sentence for each decision -------------------------------------------

_RISK_REASON = {
    "high": (
        rules.STARTBACK_HIGH,
        _(
            "{psychosocial} of your 5 answers about worry, mood and how much the pain bothers "
            "you were yes: worry and fear play a big part, so your program works on them "
            "alongside movement."
        ),
    ),
    "medium": (
        rules.STARTBACK_MEDIUM,
        _(
            "{total} of 9 answers about how your back affects you were yes, mostly about what "
            "the pain stops you doing: your program puts getting moving again first."
        ),
    ),
    "low": (
        rules.STARTBACK_LOW,
        _(
            "{total} of 9 answers about how your back affects you were yes: it affects you less "
            "than most, so a short daily routine is enough."
        ),
    ),
}
_NOCIPLASTIC_REASON = {
    "probable": (
        rules.NOCIPLASTIC_PROBABLE,
        _(
            "Your answers and your clinician's examination fit a nervous system that has become "
            "sensitive and amplifies pain (doctors call it nociplastic pain); a sensitive "
            "nervous system can learn to calm down."
        ),
    ),
    "possible": (
        rules.NOCIPLASTIC_POSSIBLE,
        _(
            "Your clinician's examination fits a sensitive nervous system that amplifies pain "
            "(nociplastic pain is possible); signs about sensitivity, sleep, tiredness or focus "
            "would make it likely."
        ),
    ),
    "exam_needed": (
        rules.NOCIPLASTIC_EXAM_NEEDED,
        _(
            "Your pain has lasted over 12 weeks and is spread beyond one small spot, which can "
            "mean a sensitive nervous system; a clinician needs to examine you to say more."
        ),
    ),
    "not_met": (
        rules.NOCIPLASTIC_NOT_MET,
        _("Not every sign of a sensitive nervous system is there yet: {missing}."),
    ),
}
CRITERION_NAMES = {
    "C1": _("pain for over 12 weeks is missing"),
    "C2": _("pain spread beyond one spot is missing"),
    "C3": _("the examination found tissue or nerve damage that explains the pain"),
    "C4": _("the examination found no signs of sensitivity"),
    "C5": _("no history of sensitivity in the painful area"),
    "C6": _("no sensitivity to sound, light or smell, poor sleep, tiredness or trouble focusing"),
}
_BAND_WORDS = {
    "minimal": _("minimal"),
    "mild": _("mild"),
    "moderate": _("moderate"),
    "moderately_severe": _("moderately severe"),
    "severe": _("severe"),
}
# What a band means for the person reading it (no bare scores without a sentence).
_MOOD_MEANING = {
    "minimal": _("little sign of low mood"),
    "mild": _("some low mood, which is common with long-lasting pain"),
    "moderate": _("low mood that is worth talking about with your doctor; it can get better"),
    "moderately_severe": _("low mood that needs care: please talk with your doctor soon"),
    "severe": _("low mood that needs care: please talk with your doctor soon"),
}
_WORRY_MEANING = {
    "minimal": _("little sign of worry"),
    "mild": _("some worry, which is common with long-lasting pain"),
    "moderate": _("worry that is worth talking about with your doctor; it can get better"),
    "severe": _("worry that needs care: please talk with your doctor soon"),
}
_TRIAGE_REASONS = {
    Triage.EMERGENCY: (
        rules.TRIAGE_EMERGENCY,
        _(
            "At least one answer points to something that needs emergency care today, so "
            "this comes before anything else."
        ),
    ),
    Triage.URGENT: (
        rules.TRIAGE_URGENT,
        _(
            "At least one answer should be checked by a doctor within the next few days; the "
            "program waits until then."
        ),
    ),
    Triage.REVIEW: (
        rules.TRIAGE_REVIEW,
        _(
            "No warning signs, but {why}, so a clinician should review this with you; you "
            "can start the program meanwhile."
        ),
    ),
    Triage.SELF_MANAGEMENT: (
        rules.TRIAGE_SELF_MANAGEMENT,
        _(
            "No warning signs, no nerve pain down the leg and no sign of inflammatory back pain, "
            "so the program is a safe place to start."
        ),
    ),
}


def triage_reason(triage: Triage, radicular: bool = False) -> Reason:
    rule_id, template = _TRIAGE_REASONS[triage]
    if triage != Triage.REVIEW:
        return Reason(rule_id, template)
    why = (
        _("you have pain or tingling going down the leg")
        if radicular
        else _("your answers fit an inflammatory type of back pain")
    )
    return Reason(rule_id, template, {"why": why})


def pain_type_reasons(pain_type: str, radicular: bool) -> list[Reason]:
    reasons = []
    if radicular:
        reasons.append(
            Reason(
                rules.RADICULAR,
                _(
                    "Pain below the knee, or numbness or tingling in the leg, can "
                    "come from an irritated nerve root in the back."
                ),
            )
        )
    if pain_type == "specific_suspected":
        reasons.append(
            Reason(
                rules.PAIN_TYPE_SPECIFIC,
                _(
                    "A specific cause needs to be ruled out first, so we "
                    "do not yet call this non-specific back pain."
                ),
            )
        )
    elif pain_type == "radicular":
        reasons.append(
            Reason(
                rules.PAIN_TYPE_RADICULAR,
                _("Your back pain comes with leg symptoms that fit an irritated nerve root."),
            )
        )
    else:
        reasons.append(
            Reason(
                rules.PAIN_TYPE_NONSPECIFIC,
                _(
                    "Your answers fit non-specific back pain, the "
                    "kind most people have, where no single damaged "
                    "part explains the pain."
                ),
            )
        )
    return reasons


_UNIT_WORDS = {
    "weeks": (_("{n} week"), _("{n} weeks")),
    "months": (_("{n} month"), _("{n} months")),
    "years": (_("{n} year"), _("{n} years")),
}


def duration_words(weeks: float, unit: str | None) -> dict[str, Any]:
    """A duration as people say it, in the unit they gave it in (or the natural one), as a
    phrase for a reason: 104.36 weeks given as years -> "2 years"."""
    if unit is None:
        unit = "weeks" if weeks < 26 else "months" if weeks < 104 else "years"
    amount = round(weeks / WEEKS_PER_UNIT[unit], 1)
    one, many = _UNIT_WORDS[unit]
    return {"template": one if amount == 1 else many, "params": {"n": f"{amount:g}"}}


def chronic_reason(intake: Intake) -> Reason:
    params = {
        "duration": duration_words(intake.pain_duration_weeks, intake.pain_duration_unit),
        "weeks": f"{intake.pain_duration_weeks:g}",
    }
    if is_chronic(intake):
        return Reason(
            rules.CHRONIC,
            _(
                "Your pain has lasted {duration}, more than 12 weeks, so it counts "
                "as long-lasting (chronic)."
            ),
            params,
        )
    return Reason(
        rules.CHRONIC,
        _(
            "Your pain has lasted {duration}, not more than 12 weeks, so it "
            "does not count as chronic yet."
        ),
        params,
    )


def inflammatory_reason(result: InflammatoryResult) -> Reason:
    if result.recommendation == "refer_rheumatology":
        return Reason(
            rules.INFLAMMATORY_REFER,
            _(
                "{count} of 9 signs of inflammatory back pain, with "
                "pain that began before 45 and has lasted over 3 "
                "months: NICE advises a referral to a joint "
                "specialist (rheumatologist)."
            ),
            {"count": result.count},
        )
    if result.recommendation == "consider_hla_b27_test":
        return Reason(
            rules.INFLAMMATORY_HLA_B27,
            _(
                "3 of 9 signs of inflammatory back pain, with pain "
                "that began before 45 and has lasted over 3 "
                "months: NICE advises a blood test (HLA-B27) and a "
                "referral if it is positive."
            ),
        )
    return Reason(
        rules.INFLAMMATORY_NONE,
        _("Your answers do not call for an inflammatory back-pain check ({count} of 9 signs)."),
        {"count": result.count},
    )


def startback_reason(result: StartBackResult) -> Reason:
    rule_id, template = _RISK_REASON[result.risk]
    return Reason(rule_id, template, {"total": result.total, "psychosocial": result.psychosocial})


def nociplastic_reason(result: NociplasticResult, examined: bool) -> Reason:
    rule_id, template = _NOCIPLASTIC_REASON[result.grade]
    if result.grade != "not_met":
        return Reason(rule_id, template)
    needed = ("C1", "C2", "C3", "C4") if examined else ("C1", "C2")
    missing = [CRITERION_NAMES[c] for c in needed if c not in result.criteria_met]
    return Reason(rule_id, template, {"missing": missing or [_("none")]})


def neuroplastic_reason(result: NeuroplasticResult) -> Reason:
    return Reason(
        rules.NEUROPLASTIC_SIGNS,
        _(
            "Signs that the nervous system may be keeping the pain going: {count} of 12; "
            "this helps us choose what to teach, it is not a diagnosis."
        ),
        {"count": result.count},
    )


def _band_reason(
    rule_id: str, template: str, total: int | None, band: str | None, meaning: dict[str, str]
) -> list[Reason]:
    if total is None or band is None:
        return []
    params = {"total": total, "band": _BAND_WORDS[band], "meaning": meaning[band]}
    return [Reason(rule_id, template, params)]


def mood_reasons(result: MoodResult) -> list[Reason]:
    reasons = [
        *_band_reason(
            rules.PHQ9_BAND,
            _("Your answers about mood add up to {total} out of 27 ({band}): {meaning}."),
            result.phq9_total,
            result.phq9_band,
            _MOOD_MEANING,
        ),
        *_band_reason(
            rules.GAD7_BAND,
            _("Your answers about worry add up to {total} out of 21 ({band}): {meaning}."),
            result.gad7_total,
            result.gad7_band,
            _WORRY_MEANING,
        ),
    ]
    if result.safety_alert:
        reasons.append(
            Reason(
                rules.PHQ9_ITEM9,
                _(
                    "You told us you have had thoughts of being better off dead "
                    "or of hurting yourself, so we show you where to get help "
                    "now."
                ),
            )
        )
    return reasons


def program_reason(allowed: bool) -> Reason:
    if allowed:
        return Reason(
            rules.PROGRAM_ALLOWED,
            _("Nothing in your answers needs a doctor first, so you can start your program."),
        )
    return Reason(
        rules.PROGRAM_PAUSED,
        _(
            "The program waits until a doctor has checked the "
            "warning signs; your safety comes first."
        ),
    )


# --- the assessment ------------------------------------------------------------------------------


def decide_triage(fired: Sequence[rules.Flag], radicular: bool, inf: InflammatoryResult) -> Triage:
    """The worst red-flag tier wins; without red flags, leg or inflammatory signs mean review."""
    if any(f.tier == Triage.EMERGENCY for f in fired):
        return Triage.EMERGENCY
    if fired:
        return Triage.URGENT
    if radicular or inf.recommendation != "none":
        return Triage.REVIEW
    return Triage.SELF_MANAGEMENT


def classify(triage: Triage, radicular: bool, inf: InflammatoryResult) -> str:
    """ACP/APS 2007's three bins: specific cause suspected, radicular, or non-specific."""
    if triage.red_flag or inf.recommendation == "refer_rheumatology":
        return "specific_suspected"
    return "radicular" if radicular else "nonspecific"


def assess(intake: Intake | Mapping[str, Any]) -> Assessment:
    """Assess an intake (an Intake, or plain data that is validated first)."""
    if not isinstance(intake, Intake):
        intake = parse_intake(intake)
    fired = red_flags(intake)
    radicular = is_radicular(intake)
    inflammatory_result = inflammatory(intake)
    triage = decide_triage(fired, radicular, inflammatory_result)
    pain_type = classify(triage, radicular, inflammatory_result)
    risk = startback(intake)
    grading = nociplastic(intake)
    signs = neuroplastic(intake)
    mood_result = mood(intake)
    program_allowed = not triage.red_flag
    reasons = (
        *(Reason(flag.id, flag.reason) for flag in fired),
        triage_reason(triage, radicular),
        *pain_type_reasons(pain_type, radicular),
        chronic_reason(intake),
        inflammatory_reason(inflammatory_result),
        startback_reason(risk),
        nociplastic_reason(grading, examined=intake.clinical_exam is not None),
        neuroplastic_reason(signs),
        *mood_reasons(mood_result),
        program_reason(program_allowed),
    )
    return Assessment(
        triage=triage,
        red_flags=tuple(sorted(flag.id for flag in fired)),
        pain_type=pain_type,
        chronic=is_chronic(intake),
        startback=risk,
        inflammatory=inflammatory_result,
        nociplastic=grading,
        neuroplastic_signs=signs,
        mood=mood_result,
        program_allowed=program_allowed,
        reasons=reasons,
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
) -> tuple[rules.Flag, ...]:
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
    return tuple(flag for flag in red_flags(probe) if flag.tier == Triage.EMERGENCY)


@dataclass(frozen=True, slots=True)
class SymptomTriage:
    """The red-flag result of symptoms reported after the intake (in a check-in)."""

    triage: Triage | None  # None: nothing new fired
    red_flags: tuple[str, ...]
    reasons: tuple[Reason, ...]
    intake: dict[str, Any]  # the latest intake with the new symptoms added

    def to_dict(self, *, record: bool = False) -> dict[str, Any]:
        return {
            "triage": None if self.triage is None else str(self.triage),
            "red_flags": list(self.red_flags),
            "program_allowed": self.triage is None,
            "reasons": [r.to_record() if record else r.to_dict() for r in self.reasons],
        }


def triage_new_symptoms(
    latest_intake: Mapping[str, Any] | None, symptoms: Sequence[str]
) -> SymptomTriage:
    """Run the same red-flag rules on the latest intake (or a neutral one) with the newly
    reported symptoms added. Only flags that the new symptoms make fire count: an old flag,
    already dealt with, does not fire again."""
    base: dict[str, Any] = dict(latest_intake or NEUTRAL_INTAKE)
    base.pop("clinical_exam", None)
    merged: dict[str, Any] = {**base, "red_flags": dict(base.get("red_flags", {}))}
    for symptom in symptoms:
        if symptom == "leg_numbness_or_tingling":
            merged["leg_numbness_or_tingling"] = True
        else:
            merged["red_flags"][symptom] = True
    before = {f.id for f in red_flags(parse_intake(base))}
    new = [f for f in red_flags(parse_intake(merged)) if f.id not in before]
    if not new:
        return SymptomTriage(None, (), (), merged)
    triage = decide_triage(new, radicular=False, inf=InflammatoryResult(0, "none"))
    reasons = (*(Reason(f.id, f.reason) for f in new), triage_reason(triage))
    return SymptomTriage(triage, tuple(sorted(f.id for f in new)), reasons, merged)
