"""build_plan(assessment, preferences) -> Plan: modules, daily minutes, activities, pace.

Every choice carries a reason in plain words ("because you told us moving feels unsafe"). The
intensity follows stratified care (Hill et al. 2011): low / medium / high STarT Back risk ->
lighter / standard / psychologically informed program. No plan at all while the assessment
does not allow the program (red flags).
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from painwise.clinical.assessment.engine import Assessment
from painwise.clinical.common import Reason, RuleBook
from painwise.clinical.common import gettext_noop as _
from painwise.clinical.program.catalog import ACTIVITIES, EXERCISE_BY_SLUG, EXERCISES

RULES = RuleBook(
    """
plan_education
    source: clinical-facts 13 (ACP 2017); PRODUCT.md
    summary: Everyone gets pain education.

plan_graded_activity
    source: clinical-facts 7, 11 (exercise first-line: ACP 2017, NICE NG59)
    summary: Everyone gets graded activity.

plan_pain_reprocessing
    source: clinical-facts 5 (Ashar 2022); 3 (matched treatment for high risk)
    summary: High fear or high STarT risk adds pain reprocessing.

plan_graded_exposure
    source: clinical-facts 7 (graded exposure for high pain-related fear)
    summary: High fear or high STarT risk adds graded exposure emphasis.

plan_cbt
    source: clinical-facts 13 (ACP 2017: CBT); 3 (psychologically informed care)
    summary: Catastrophizing or low mood adds CBT.

plan_sleep
    source: clinical-facts 12 (sleep and pain)
    summary: Poor sleep adds the sleep module.

plan_mindfulness
    source: clinical-facts 13 (MBSR, Cherkin 2016)
    summary: Stress-linked pain adds mindfulness and breathing.

plan_graded_motor_imagery
    source: clinical-facts 6 (Bray and Moseley 2011; low-certainty adjunct, Bowering 2013)
    summary: Left/right judgement of backs or necks below the usual range in the person's latest session adds graded motor imagery.

plan_neurofeedback
    source: clinical-facts 9 (Hesam-Shariati 2022: low-certainty evidence; no LBP guideline recommends EEG neurofeedback)
    summary: Only when the person opted in: neurofeedback as an optional add-on, with no share of the daily time, never instead of a core module.

plan_discuss_radicular
    source: clinical-facts 2.2 (radicular bin, ACP/APS 2007)
    summary: Radicular pain adds a discuss-with-your-clinician step.

plan_intensity
    source: clinical-facts 3: Hill et al. 2011 (stratified care)
    summary: STarT risk low/medium/high -> lighter/standard/psychologically informed.

plan_review_date
    source: Program issue (every 4 weeks, a setting)
    summary: The plan is reviewed every 4 weeks.
"""
)
R_EDUCATION = RULES.id("plan_education")
R_ACTIVITY = RULES.id("plan_graded_activity")
R_PRT = RULES.id("plan_pain_reprocessing")
R_EXPOSURE = RULES.id("plan_graded_exposure")
R_CBT = RULES.id("plan_cbt")
R_SLEEP = RULES.id("plan_sleep")
R_MINDFUL = RULES.id("plan_mindfulness")
R_DISCUSS = RULES.id("plan_discuss_radicular")
R_GMI = RULES.id("plan_graded_motor_imagery")
R_NEURO = RULES.id("plan_neurofeedback")
R_INTENSITY = RULES.id("plan_intensity")
R_REVIEW = RULES.id("plan_review_date")

INTENSITY = {"low": "lighter", "medium": "standard", "high": "psychologically_informed"}
DEFAULT_MINUTES = {"lighter": 10, "standard": 15, "psychologically_informed": 20}
MIN_MINUTES, MAX_MINUTES = 5, 90
# Relative share of the daily time for each module (graded activity's own quotas are extra).
WEIGHTS = {
    "education": 3,
    "graded_activity": 3,
    "pain_reprocessing": 4,
    "graded_exposure": 2,
    "cbt": 3,
    "sleep": 2,
    "mindfulness": 3,
    "graded_motor_imagery": 2,
    "neurofeedback": 0,  # optional add-on: on top of the daily time, never part of it
    "discuss_with_clinician": 0,
}
EXERCISES_PER_DAY = {"lighter": 3, "standard": 4, "psychologically_informed": 4}


class PlanNotAllowed(Exception):
    """The assessment found red flags: there is no plan until a clinician clears them."""


@dataclass(frozen=True, slots=True)
class Preferences:
    daily_minutes: int | None = None  # the time budget the person chose
    activities: tuple[str, ...] = ("walking",)
    goals: dict[str, float] = field(default_factory=dict)  # activity -> goal amount
    exercises: tuple[str, ...] = ()  # swapped-in exercises (replace the defaults)
    review_weeks: int = 4
    switched_off: tuple[str, ...] = ()  # modules a clinician switched off


@dataclass(frozen=True, slots=True)
class Signals:
    """What tracking adds, if known: recent fear, catastrophizing, sleep, a stress pattern."""

    fear: float | None = None  # 0-10
    catastrophizing: float | None = None  # 0-10
    sleep_quality: float | None = None  # 0-10, 10 = best
    stress_pattern: bool = False
    laterality_below_usual: bool = False  # the latest left/right judgement session, if any
    neurofeedback_opted_in: bool = False  # the person chose to try neurofeedback


@dataclass(frozen=True, slots=True)
class PlanModule:
    key: str
    minutes: int
    reason: Reason


@dataclass(frozen=True, slots=True)
class PlanActivity:
    key: str
    unit: str
    goal: float


@dataclass(frozen=True, slots=True)
class Plan:
    intensity: str
    daily_minutes: int
    modules: tuple[PlanModule, ...]
    activities: tuple[PlanActivity, ...]
    exercises: tuple[str, ...]
    starts: dt.date
    review_date: dt.date
    reasons: tuple[Reason, ...]

    def module_keys(self) -> list[str]:
        return [m.key for m in self.modules]

    def to_dict(self, *, record: bool = False) -> dict[str, Any]:
        """Plain JSON data; ``record=True`` keeps each reason's template (for storing)."""

        def reason(r: Reason) -> dict[str, Any]:
            return r.to_record() if record else r.to_dict()

        return {
            "intensity": self.intensity,
            "daily_minutes": self.daily_minutes,
            "modules": [
                {"key": m.key, "minutes": m.minutes, "reason": reason(m.reason)}
                for m in self.modules
            ],
            "activities": [{"key": a.key, "unit": a.unit, "goal": a.goal} for a in self.activities],
            "exercises": list(self.exercises),
            "starts": self.starts.isoformat(),
            "review_date": self.review_date.isoformat(),
            "reasons": [reason(r) for r in self.reasons],
        }


HIGH = 6  # a 0-10 score at or above this counts as high (Painwise default)
LOW_SLEEP = 4


def _holding(*candidates: tuple[bool, str]) -> list[str]:
    """The reasons whose condition holds, in order (the first one is shown)."""
    return [why for held, why in candidates if held]


def _fear_reasons(assessment: Assessment, sig: Signals) -> list[str]:
    answers = assessment.intake.startback if assessment.intake else None
    return _holding(
        (
            bool(answers and answers.unsafe_to_be_active),
            _("because you told us moving feels unsafe"),
        ),
        (
            sig.fear is not None and sig.fear >= HIGH,
            _("because your check-ins show a lot of fear of moving"),
        ),
        (
            assessment.startback.risk == "high",
            _("because worry and mood weigh heavily in your answers"),
        ),
    )


def _mood_reasons(assessment: Assessment, sig: Signals) -> list[str]:
    answers = assessment.intake.startback if assessment.intake else None
    low_mood = assessment.mood.phq9_total is not None and assessment.mood.phq9_total >= 10
    return _holding(
        (
            bool(answers and answers.feels_terrible_never_better),
            _("because you feel the pain will never get better"),
        ),
        (
            sig.catastrophizing is not None and sig.catastrophizing >= HIGH,
            _("because pain often fills your thoughts"),
        ),
        (low_mood, _("because your mood has been low")),
        (
            not low_mood and bool(answers and answers.not_enjoyed_things),
            _("because you have not enjoyed things as you used to"),
        ),
    )


def _sleeps_badly(assessment: Assessment, sig: Signals) -> bool:
    intake = assessment.intake
    return (
        (intake is not None and intake.sensitivity.sleep_disturbance)
        or (sig.sleep_quality is not None and sig.sleep_quality <= LOW_SLEEP)
        or (intake is not None and intake.phq9 is not None and intake.phq9[2] >= 2)
    )


def _stress_reasons(assessment: Assessment, sig: Signals) -> list[str]:
    signs = assessment.intake.neuroplastic_signs if assessment.intake else None
    worry = assessment.mood.gad7_total is not None and assessment.mood.gad7_total >= 10
    return _holding(
        (
            bool(signs and (signs.worse_with_stress or signs.began_during_stress)),
            _("because your pain is linked with stress"),
        ),
        (sig.stress_pattern, _("because your own check-ins link stress with your pain")),
        (worry, _("because worry has been high")),
    )


def choose_modules(assessment: Assessment, sig: Signals) -> list[tuple[str, Reason]]:
    """Every module the assessment and tracking call for, each with its reason."""
    chosen = [
        ("education", Reason(R_EDUCATION, _MODULE_TEXT["education"])),
        ("graded_activity", Reason(R_ACTIVITY, _MODULE_TEXT["graded_activity"])),
    ]
    fear = _fear_reasons(assessment, sig)
    if fear:
        chosen.append(
            (
                "pain_reprocessing",
                Reason(R_PRT, _MODULE_TEXT["pain_reprocessing"], {"why": fear[0]}),
            )
        )
        chosen.append(
            (
                "graded_exposure",
                Reason(R_EXPOSURE, _MODULE_TEXT["graded_exposure"], {"why": fear[0]}),
            )
        )
    mood_why = _mood_reasons(assessment, sig)
    if mood_why:
        chosen.append(("cbt", Reason(R_CBT, _MODULE_TEXT["cbt"], {"why": mood_why[0]})))
    if _sleeps_badly(assessment, sig):
        chosen.append(("sleep", Reason(R_SLEEP, _MODULE_TEXT["sleep"])))
    stress = _stress_reasons(assessment, sig)
    if stress:
        chosen.append(
            ("mindfulness", Reason(R_MINDFUL, _MODULE_TEXT["mindfulness"], {"why": stress[0]}))
        )
    if sig.laterality_below_usual:
        chosen.append(("graded_motor_imagery", Reason(R_GMI, _MODULE_TEXT["graded_motor_imagery"])))
    if sig.neurofeedback_opted_in:
        chosen.append(("neurofeedback", Reason(R_NEURO, _MODULE_TEXT["neurofeedback"])))
    if assessment.pain_type == "radicular":
        chosen.append(
            ("discuss_with_clinician", Reason(R_DISCUSS, _MODULE_TEXT["discuss_with_clinician"]))
        )
    return chosen


def _activities(prefs: Preferences) -> tuple[PlanActivity, ...]:
    activities = []
    for key in prefs.activities or ("walking",):
        kind = ACTIVITIES.get(key)
        if kind is None:
            raise ValueError(f"unknown activity {key!r}")
        goal = prefs.goals.get(key, kind.default_goal)
        if goal <= 0:
            raise ValueError(f"the goal for {key} must be more than 0")
        activities.append(PlanActivity(key, kind.unit, float(goal)))
    return tuple(activities)


def build_plan(
    assessment: Assessment,
    preferences: Preferences | None = None,
    *,
    today: dt.date,
    signals: Signals | None = None,
    clinician_cleared: bool = False,
) -> Plan:
    """Build the plan. Raises PlanNotAllowed while red flags pause the program, unless they
    were dealt with (``clinician_cleared``: a clinician cleared them, or, for someone with no
    clinician, a doctor's visit was confirmed)."""
    if not assessment.program_allowed and not clinician_cleared:
        raise PlanNotAllowed("the assessment found red flags; a clinician must clear them first")
    prefs = preferences or Preferences()
    sig = signals or Signals()
    intensity = INTENSITY[assessment.startback.risk]
    chosen = [
        (key, reason)
        for key, reason in choose_modules(assessment, sig)
        if key not in prefs.switched_off
    ]
    budget = prefs.daily_minutes if prefs.daily_minutes is not None else DEFAULT_MINUTES[intensity]
    budget = max(MIN_MINUTES, min(MAX_MINUTES, budget))
    minutes = _allocate(budget, [key for key, _r in chosen])
    modules = tuple(PlanModule(key, minutes[key], reason) for key, reason in chosen)
    fear = bool(_fear_reasons(assessment, sig))
    exercises = _exercises(intensity, fear, prefs.exercises)
    review_date = today + dt.timedelta(weeks=prefs.review_weeks)
    reasons = (
        Reason(
            R_INTENSITY,
            _("Your program is {label}, matched to your answers: {why}."),
            {"label": _INTENSITY_WORDS[intensity], "why": _INTENSITY_WHY[intensity]},
        ),
        *[m.reason for m in modules],
        Reason(
            R_REVIEW,
            _("We will review your plan on {date}, with the same questions as today."),
            {"date": review_date.isoformat()},
        ),
    )
    return Plan(
        intensity, budget, modules, _activities(prefs), exercises, today, review_date, reasons
    )


_MODULE_TEXT = {
    "education": _(
        "Everyone starts by learning how pain works: knowing that hurt "
        "does not mean harm makes every other step easier."
    ),
    "graded_activity": _(
        "Movement is the anchor of recovery; your activity grows a "
        "little each week, below the level that causes flare-ups."
    ),
    "pain_reprocessing": _(
        "Pain reprocessing, {why}: it teaches your brain to read back sensations as safe."
    ),
    "graded_exposure": _(
        "Graded exposure, {why}: you try feared movements in small steps and see what "
        "really happens."
    ),
    "cbt": _(
        "Thinking skills (CBT), {why}: they loosen the grip of unhelpful thoughts about pain."
    ),
    "sleep": _(
        "Sleep, because you told us you sleep badly: poor sleep turns pain up the next day."
    ),
    "mindfulness": _("Mindfulness and calm breathing, {why}: they settle the alarm system."),
    "graded_motor_imagery": _(
        "Left and right training, because telling left from right in pictures of backs was "
        "harder for you than usual: it trains the brain's map of your body."
    ),
    "neurofeedback": _(
        "Brain-signal training (neurofeedback), because you chose to try it: an optional "
        "add-on with early evidence only. It comes on top of your program, never instead of it."
    ),
    "discuss_with_clinician": _(
        "Talk with a doctor or physiotherapist about the pain going down your leg, so they can "
        "check the nerve and adjust your exercises."
    ),
}
_INTENSITY_WORDS = {
    "lighter": _("lighter"),
    "standard": _("standard"),
    "psychologically_informed": _("more psychologically informed"),
}
_INTENSITY_WHY = {
    "lighter": _("your pain affects you less, so a short daily routine is enough"),
    "standard": _("your pain affects what you do, so the focus is on getting moving again"),
    "psychologically_informed": _(
        "worry and fear play a big part, so the program works on them alongside movement"
    ),
}


def _allocate(budget: int, keys: list[str]) -> dict[str, int]:
    """Share the daily minutes by weight; at least 2 minutes for each module that has time."""
    weighted = [k for k in keys if WEIGHTS[k] > 0]
    total = sum(WEIGHTS[k] for k in weighted)
    out = {k: 0 for k in keys}
    if not weighted:
        return out
    raw = {k: budget * WEIGHTS[k] / total for k in weighted}
    for k in weighted:
        out[k] = max(2, int(raw[k]))
    # Hand out what rounding left, largest remainder first, without going over the budget.
    left = budget - sum(out[k] for k in weighted)
    for k in sorted(weighted, key=lambda k: raw[k] - int(raw[k]), reverse=True):
        if left <= 0:
            break
        out[k] += 1
        left -= 1
    while sum(out[k] for k in weighted) > budget:
        biggest = max(weighted, key=lambda k: out[k])
        if out[biggest] <= 1:
            break
        out[biggest] -= 1
    return out


def _exercises(intensity: str, fear: bool, swapped: tuple[str, ...]) -> tuple[str, ...]:
    if swapped:
        unknown = [s for s in swapped if s not in EXERCISE_BY_SLUG]
        if unknown:
            raise ValueError(f"unknown exercises: {', '.join(unknown)}")
        return tuple(dict.fromkeys(swapped))
    count = EXERCISES_PER_DAY[intensity]
    if intensity == "lighter" or fear:
        pool = [e for e in EXERCISES if e.level == 1 and e.slug != "walking"]
        if fear:  # start graded exposure with the gentlest feared movement
            pool.sort(key=lambda e: not e.exposure)
    else:
        pool = [e for e in EXERCISES if e.level == 2] + [e for e in EXERCISES if e.level == 1]
    return tuple(e.slug for e in pool[:count])
