"""The intake, step by step: every question in our own words.

Questionnaire items are written here, not copied: each set is marked with the published tool it
is adapted from. A clinic that holds a licence for an official wording can load it from a JSON
file (settings.PAINWISE_OFFICIAL_WORDING_FILE, see docs/official-wording.md); the answer codes
and scoring stay the same.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

YES_NO = "yes_no"  # a required Yes / No answer (red flags: never skipped)
AGREE = "agree"  # a required Agree / Disagree answer (STarT Back)
TICK = "tick"  # a box to tick if it applies
SCALE10 = "scale10"  # 0..10
FREQ = "freq"  # 0..3, how often (PHQ-9, GAD-7)
BOTHER = "bother"  # 0..4
AGE = "age"
ONSET_AGE = "onset_age"
DURATION = "duration"
REGIONS = "regions"
DISTRIBUTION = "distribution"


@dataclass(frozen=True)
class Question:
    key: str  # the path in the intake JSON, e.g. "red_flags.saddle_numbness"
    kind: str
    label: Promise | str
    help: Promise | str = ""


def numbered(instrument: str, kind: str, *labels: Promise) -> tuple[Question, ...]:
    """A questionnaire's items in its published order, keyed by position ("phq9.0" first)."""
    return tuple(Question(f"{instrument}.{i}", kind, label) for i, label in enumerate(labels))


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise | str
    intro: Promise | str
    questions: tuple[Question, ...]
    adapted_from: Promise | str = ""
    instrument: str = ""  # key for official wording files
    optional: bool = False  # the whole step may be skipped (mood questionnaires)
    screens_emergency: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


FREQ_CHOICES = [
    (0, _("Not at all")),
    (1, _("A few days")),
    (2, _("Most days")),  # more than half the days
    (3, _("Nearly every day")),
]
BOTHER_CHOICES = [
    (0, _("Not at all")),
    (1, _("A little")),
    (2, _("Moderately")),
    (3, _("Very much")),
    (4, _("Extremely")),
]
DISTRIBUTION_CHOICES = [
    ("discrete", _("In one small spot")),
    ("regional", _("Across one whole area, like the whole lower back")),
    ("multifocal", _("In several separate places")),
    ("widespread", _("In many places all over the body")),
]

STEPS: tuple[Step, ...] = (
    Step(
        "about",
        _("About you"),
        _("A few facts first. They help us read the rest of your answers."),
        (
            Question("age", AGE, _("How old are you?"), _("In years. Painwise is for adults.")),
            Question(
                "pain_duration_weeks",
                DURATION,
                _("How long have you had this back pain?"),
                _("Count from when this bout of pain began."),
            ),
            Question(
                "first_episode",
                YES_NO,
                _("Is this the first time in your life you have had back pain?"),
            ),
        ),
    ),
    Step(
        "warning-nerves",
        _("Warning signs: bladder, bowel and feeling"),
        _(
            "These questions look for rare problems that need a doctor quickly. Most people "
            "answer no to all of them. Please answer each one."
        ),
        (
            Question(
                "red_flags.saddle_numbness",
                YES_NO,
                _(
                    "Do you have numbness or a change in feeling between your legs, around your "
                    "bottom or genitals (where you would sit on a saddle)?"
                ),
            ),
            Question(
                "red_flags.new_bladder_dysfunction",
                YES_NO,
                _(
                    "Have you had new trouble with your bladder: hard to start or stop peeing, a "
                    "weak stream, not feeling when you pee, or leaking?"
                ),
            ),
            Question(
                "red_flags.bowel_incontinence_or_rectal_numbness",
                YES_NO,
                _("Have you lost control of your bowels, or lost the feeling of needing to poo?"),
            ),
            Question(
                "red_flags.new_sexual_dysfunction",
                YES_NO,
                _("Have you had new problems with sex, such as loss of feeling or of erections?"),
            ),
            Question(
                "red_flags.sciatica_both_legs",
                YES_NO,
                _(
                    "Do you have pain shooting down both legs, or leg pain that spread to both legs?"
                ),
            ),
        ),
        screens_emergency=True,
    ),
    Step(
        "warning-legs",
        _("Warning signs: legs"),
        _("A few more rare problems that need a doctor quickly. Please answer each one."),
        (
            Question(
                "red_flags.progressive_leg_weakness",
                YES_NO,
                _(
                    "Are one or both legs getting weaker, for example your foot slaps down or "
                    "your knee gives way more and more?"
                ),
            ),
            Question(
                "red_flags.gait_disturbance",
                YES_NO,
                _("Has the way you walk changed: unsteady, stumbling, or hard to walk normally?"),
            ),
            Question(
                "leg_pain_below_knee",
                YES_NO,
                _("Does your pain go down a leg, past the knee?"),
            ),
            Question(
                "leg_numbness_or_tingling",
                YES_NO,
                _("Do you have numbness, pins and needles or tingling in a leg or foot?"),
            ),
            Question(
                "red_flags.history_of_cancer",
                YES_NO,
                _("Have you ever had cancer?"),
            ),
        ),
        screens_emergency=True,
    ),
    Step(
        "warning-other",
        _("Warning signs: infection, bones and weight"),
        _("A few more questions about rare causes of back pain. Please answer each one."),
        (
            Question(
                "red_flags.fever_or_chills",
                YES_NO,
                _("With this back pain, have you had a fever, chills or shivers?"),
            ),
            Question(
                "red_flags.iv_drug_use",
                YES_NO,
                _("Do you inject drugs, or have you in the recent past?"),
            ),
            Question(
                "red_flags.immunosuppression",
                YES_NO,
                _(
                    "Is your immune system weakened, for example by medicines after a "
                    "transplant, chemotherapy or HIV?"
                ),
            ),
            Question(
                "red_flags.recent_infection_or_spinal_procedure",
                YES_NO,
                _(
                    "Have you recently had an infection (for example of the bladder or skin), or "
                    "an injection or operation on your spine?"
                ),
            ),
            Question(
                "red_flags.unexplained_weight_loss",
                YES_NO,
                _("Have you lost weight without trying?"),
            ),
            Question(
                "red_flags.constant_night_pain",
                YES_NO,
                _("Do you have pain at night that stays the same whatever position you lie in?"),
            ),
            Question(
                "red_flags.significant_trauma",
                YES_NO,
                _("Did a hard fall, accident or injury to your back start this pain?"),
            ),
            Question(
                "red_flags.osteoporosis_or_long_term_steroids",
                YES_NO,
                _(
                    "Do you have thin bones (osteoporosis), or have you taken steroid tablets for "
                    "more than a few months?"
                ),
            ),
        ),
        screens_emergency=True,
    ),
    Step(
        "pain",
        _("Where it hurts"),
        _("Tap every place that hurts, on the figures or in the list."),
        (
            Question("pain_regions", REGIONS, _("Where do you feel pain?")),
            Question(
                "pain_distribution", DISTRIBUTION, _("How would you describe where it hurts?")
            ),
        ),
    ),
    Step(
        "pain-level",
        _("How much it hurts"),
        _("0 means no pain, 10 means the worst pain you can imagine."),
        (
            Question(
                "pain_now",
                SCALE10,
                _("How bad is your pain right now?"),
            ),
            Question(
                "pain_average_week",
                SCALE10,
                _("On average over the last 7 days, how bad was your pain?"),
            ),
            Question(
                "pain_worst_week",
                SCALE10,
                _("At its worst in the last 7 days, how bad was your pain?"),
            ),
        ),
    ),
    Step(
        "inflammatory",
        _("Stiffness and inflammation"),
        _(
            "Some back pain comes from inflammation of the spine's joints. These questions "
            "check for it. Tick the ones that are true for you."
        ),
        (
            Question(
                "inflammatory.back_pain_onset_age",
                ONSET_AGE,
                _("How old were you when you first had back pain?"),
                _("Leave it empty if you do not know."),
            ),
            Question(
                "inflammatory.onset_before_35",
                TICK,
                _("My back pain first started before I was 35"),
                _("We fill this in from your age above when you give it."),
            ),
            Question(
                "inflammatory.wakes_second_half_of_night",
                TICK,
                _("The pain wakes me in the second half of the night"),
            ),
            Question("inflammatory.buttock_pain", TICK, _("I have pain in my buttocks")),
            Question(
                "inflammatory.better_with_movement", TICK, _("The pain gets better when I move")
            ),
            Question(
                "inflammatory.better_within_48h_of_nsaids",
                TICK,
                _(
                    "Anti-inflammatory painkillers (such as ibuprofen or naproxen) help a lot within two days"
                ),
            ),
            Question(
                "inflammatory.relative_with_spondyloarthritis",
                TICK,
                _(
                    "A parent, brother, sister or child of mine has spondyloarthritis (for "
                    "example ankylosing spondylitis)"
                ),
            ),
            Question(
                "inflammatory.arthritis",
                TICK,
                _("I have or have had arthritis (swollen, painful joints)"),
            ),
            Question(
                "inflammatory.enthesitis",
                TICK,
                _(
                    "I have or have had painful swelling where a tendon joins a bone, such as at "
                    "the heel (enthesitis)"
                ),
            ),
            Question(
                "inflammatory.psoriasis",
                TICK,
                _("I have or have had psoriasis (a skin condition with scaly patches)"),
            ),
        ),
        adapted_from=_(
            "Adapted from the NICE NG65 criteria for suspected axial spondyloarthritis."
        ),
    ),
    Step(
        "startback",
        _("How the pain affects you"),
        _("Think about the last two weeks. Choose the answer that fits best."),
        (
            Question(
                "startback.leg_pain",
                AGREE,
                _(
                    "At some point in the last two weeks, my back pain spread down one or both legs."
                ),
            ),
            Question(
                "startback.shoulder_or_neck_pain",
                AGREE,
                _("At some point in the last two weeks, I also had pain in my shoulder or neck."),
            ),
            Question(
                "startback.walked_only_short_distances",
                AGREE,
                _("Because of my back pain, I have only walked short distances."),
            ),
            Question(
                "startback.dressed_more_slowly",
                AGREE,
                _("Because of my back pain, getting dressed has taken me longer than usual."),
            ),
            Question(
                "startback.unsafe_to_be_active",
                AGREE,
                _("With a back like mine, being physically active is not really safe."),
            ),
            Question(
                "startback.worrying_thoughts",
                AGREE,
                _("Worrying thoughts have been on my mind much of the time."),
            ),
            Question(
                "startback.feels_terrible_never_better",
                AGREE,
                _("My back pain feels awful and I think it will never get better."),
            ),
            Question(
                "startback.not_enjoyed_things",
                AGREE,
                _("On the whole, I have not enjoyed the things I used to enjoy."),
            ),
            Question(
                "startback.bothersomeness",
                BOTHER,
                _("All in all, how much has your back pain bothered you in the last two weeks?"),
            ),
        ),
        adapted_from=_(
            "Adapted from the Keele STarT Back Screening Tool (© Keele University). The scoring "
            "follows the published tool; the wording here is our own."
        ),
        instrument="startback",
    ),
    Step(
        "sensitivity",
        _("Sensitivity"),
        _("Tick each one that is true for you most of the time."),
        (
            Question(
                "sensitivity.touch", TICK, _("In my painful area, light touch (like clothes) hurts")
            ),
            Question(
                "sensitivity.pressure",
                TICK,
                _("In my painful area, gentle pressure hurts more than I would expect"),
            ),
            Question(
                "sensitivity.movement",
                TICK,
                _("In my painful area, ordinary movements hurt more than I would expect"),
            ),
            Question(
                "sensitivity.heat_or_cold", TICK, _("In my painful area, warmth or cold hurts")
            ),
            Question("sensitivity.sound", TICK, _("Everyday sounds often feel too loud")),
            Question("sensitivity.light", TICK, _("Bright light bothers me a lot")),
            Question("sensitivity.smell", TICK, _("Smells bother me a lot")),
            Question("sensitivity.sleep_disturbance", TICK, _("I wake up often in the night")),
            Question("sensitivity.fatigue", TICK, _("I feel tired most of the time")),
            Question(
                "sensitivity.cognitive_problems",
                TICK,
                _("I have trouble concentrating or remembering things"),
            ),
        ),
        adapted_from=_(
            "Adapted from the IASP clinical criteria for nociplastic pain (Kosek et al. 2021)."
        ),
    ),
    Step(
        "pattern",
        _("How your pain behaves"),
        _(
            "Pain that the nervous system keeps going often behaves in certain ways. Tick each "
            "one that is true for you. There are no right or wrong answers."
        ),
        (
            Question(
                "neuroplastic_signs.began_during_stress",
                TICK,
                _("It began during or soon after a stressful time in my life"),
            ),
            Question(
                "neuroplastic_signs.began_without_injury", TICK, _("It began without an injury")
            ),
            Question(
                "neuroplastic_signs.symptoms_inconsistent",
                TICK,
                _("It changes a lot from day to day, or with where I am, not only with what I do"),
            ),
            Question(
                "neuroplastic_signs.pain_moves_or_spreads",
                TICK,
                _("It moves around, spreads or switches sides"),
            ),
            Question(
                "neuroplastic_signs.symmetrical_pain",
                TICK,
                _("It is in the same place on both sides of my body"),
            ),
            Question(
                "neuroplastic_signs.delayed_pain_after_activity",
                TICK,
                _("It often comes hours after an activity, not during it"),
            ),
            Question(
                "neuroplastic_signs.many_other_symptoms",
                TICK,
                _(
                    "Over the years I have had other symptoms too, such as headaches, stomach or "
                    "bowel trouble, jaw pain or tiredness"
                ),
            ),
            Question(
                "neuroplastic_signs.non_physical_triggers",
                TICK,
                _(
                    "Things that have nothing to do with movement set it off, like the weather, "
                    "time of day, screens, sounds or smells"
                ),
            ),
            Question(
                "neuroplastic_signs.worse_with_stress", TICK, _("It gets worse when I am stressed")
            ),
            Question(
                "neuroplastic_signs.eases_when_absorbed",
                TICK,
                _("It eases when I am absorbed in something I enjoy"),
            ),
        ),
        adapted_from=_(
            "Adapted from signs used in pain reprocessing practice (Schubiner and colleagues). "
            "They guide what we teach; they are not a diagnosis."
        ),
    ),
    Step(
        "mood",
        _("Mood"),
        _("Over the last two weeks, how often has each of these bothered you?"),
        numbered(
            "phq9",
            FREQ,
            _("Having little interest in or joy from things you usually like"),
            _("Feeling low, down or without hope"),
            _("Trouble falling or staying asleep, or sleeping too much"),
            _("Feeling tired or having little energy"),
            _("Eating much less or much more than usual"),
            _("Feeling bad about yourself, or that you have let yourself or others down"),
            _("Trouble keeping your mind on things, like reading or TV"),
            _(
                "Moving or speaking so slowly that others could notice, or being so restless "
                "that you could not keep still"
            ),
            _("Thoughts that you would be better off dead, or of hurting yourself in some way"),
        ),
        adapted_from=_(
            "Adapted from the PHQ-9 questionnaire (Spitzer, Williams, Kroenke and colleagues). "
            "The scoring follows the published tool; the wording here is our own."
        ),
        instrument="mood",
        optional=True,
    ),
    Step(
        "worry",
        _("Worry"),
        _("Over the last two weeks, how often has each of these bothered you?"),
        numbered(
            "gad7",
            FREQ,
            _("Feeling nervous, tense or on edge"),
            _("Not being able to stop worrying, or to control it"),
            _("Worrying too much about lots of different things"),
            _("Finding it hard to relax"),
            _("Being so restless that sitting still is hard"),
            _("Getting annoyed or cross easily"),
            _("Feeling afraid that something awful might happen"),
        ),
        adapted_from=_(
            "Adapted from the GAD-7 questionnaire (Spitzer, Williams, Kroenke and colleagues). "
            "The scoring follows the published tool; the wording here is our own."
        ),
        instrument="worry",
        optional=True,
    ),
)

STEP_BY_SLUG = {step.slug: step for step in STEPS}


@cache
def _official_wording(path: str) -> dict[str, str]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{path}: official wording must be a JSON object of key -> text")
    return data


def official_wording() -> dict[str, str]:
    path = getattr(settings, "PAINWISE_OFFICIAL_WORDING_FILE", "")
    return _official_wording(path) if path else {}


def label_for(question: Question) -> Promise | str:
    """Our own wording, unless the clinic loaded an official wording for this item."""
    return official_wording().get(question.key, question.label)


def notice_for(step: Step) -> Promise | str:
    official = official_wording()
    if step.instrument and f"{step.instrument}.notice" in official:
        return official[f"{step.instrument}.notice"]
    return step.adapted_from
