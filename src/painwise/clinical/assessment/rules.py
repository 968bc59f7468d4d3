"""Every assessment rule, in one readable place, each with a stable id and its source.

The ids are stable: reasons, alerts, tests and docs/rules/assessment.md all use them. Changing
a rule's logic means bumping its version here and updating its page in the same commit.
Sources refer to ../shared/clinical-facts.md sections (and the primary works named there).
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from painwise.clinical.assessment.intake import Intake
from painwise.clinical.common import RuleBook
from painwise.clinical.common import gettext_noop as _

RULES = RuleBook()


class Triage(StrEnum):
    """The triage levels, worst first. The one word for each level, used everywhere."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    REVIEW = "review"
    SELF_MANAGEMENT = "self_management"

    @property
    def red_flag(self) -> bool:
        """Emergency and urgent results pause the program until a clinician clears them."""
        return self in (Triage.EMERGENCY, Triage.URGENT)


# --- Red flags --------------------------------------------------------------------------------

CES_ITEMS = (
    "saddle_numbness",
    "new_bladder_dysfunction",
    "bowel_incontinence_or_rectal_numbness",
    "new_sexual_dysfunction",
    "sciatica_both_legs",
)


def _ces(i: Intake) -> bool:
    return any(getattr(i.red_flags, item) for item in CES_ITEMS)


def _spinal_infection(i: Intake) -> bool:
    f = i.red_flags
    return f.fever_or_chills and (
        f.iv_drug_use or f.immunosuppression or f.recent_infection_or_spinal_procedure
    )


@dataclass(frozen=True, slots=True)
class Flag:
    id: str
    tier: Triage  # EMERGENCY or URGENT
    test: Callable[[Intake], bool]
    reason: str


EMERGENCY = Triage.EMERGENCY
URGENT = Triage.URGENT

FLAGS: tuple[Flag, ...] = (
    Flag(
        RULES.add(
            "suspected_cauda_equina",
            source="clinical-facts 1.2-1.3: BMJ Best Practice (cauda equina syndrome); "
            "British Association of Spine Surgeons 2018 pathway",
            summary="Any of saddle numbness, new bladder dysfunction, bowel incontinence or "
            "rectal numbness, new sexual dysfunction, sciatica in both legs.",
        ),
        EMERGENCY,
        _ces,
        _(
            "You told us about numbness between the legs, new bladder, bowel or sexual "
            "problems, or sciatica in both legs; these can mean pressure on the nerves at "
            "the base of the spine, which needs emergency care today."
        ),
    ),
    Flag(
        RULES.add(
            "progressive_neurological_deficit",
            source="clinical-facts 1.2-1.3: UK community red-flag sheet 2023; ACP/APS 2007",
            summary="Progressive leg weakness or a disturbance of walking.",
        ),
        EMERGENCY,
        lambda i: i.red_flags.progressive_leg_weakness or i.red_flags.gait_disturbance,
        _(
            "You told us your legs are getting weaker or your walking has changed; nerves "
            "that are losing strength need to be checked by a doctor today."
        ),
    ),
    Flag(
        RULES.add(
            "suspected_spinal_infection",
            source="clinical-facts 1.2-1.3: Gloucestershire NHS pathway; AHCPR table",
            summary="Fever or chills together with IV drug use, immunosuppression, or a recent "
            "infection or spinal procedure.",
        ),
        EMERGENCY,
        _spinal_infection,
        _(
            "You told us about fever or chills together with something that raises the "
            "chance of an infection in the spine; this needs to be checked by a doctor today."
        ),
    ),
    Flag(
        RULES.add(
            "suspected_metastatic_cord_compression",
            source="clinical-facts 1.3: NICE NG234 (replaces CG75)",
            summary="History of cancer with leg numbness or tingling, progressive leg "
            "weakness, gait disturbance or any cauda equina item.",
        ),
        EMERGENCY,
        lambda i: (
            i.red_flags.history_of_cancer
            and (
                i.leg_numbness_or_tingling
                or i.red_flags.progressive_leg_weakness
                or i.red_flags.gait_disturbance
                or _ces(i)
            )
        ),
        _(
            "You have had cancer and you told us about changes in the feeling or strength of "
            "your legs; the cancer team needs to check your spine today."
        ),
    ),
    Flag(
        RULES.add(
            "possible_malignancy",
            source="clinical-facts 1.2-1.3: Gloucestershire pathway; community red-flag "
            "sheet 2023 (first-ever back pain over 60)",
            summary="History of cancer, unexplained weight loss, or first-ever back pain "
            "after the age of 60.",
        ),
        URGENT,
        lambda i: (
            i.red_flags.history_of_cancer
            or i.red_flags.unexplained_weight_loss
            or (i.age > 60 and i.first_episode)
        ),
        _(
            "A past cancer, weight loss you cannot explain, or back pain starting for the "
            "first time after 60 should be checked by a doctor within days."
        ),
    ),
    Flag(
        RULES.add(
            "possible_infection",
            source="clinical-facts 1.2-1.3: Gloucestershire pathway; community red-flag sheet 2023",
            summary="Fever or chills, IV drug use or immunosuppression, when "
            "suspected_spinal_infection did not fire.",
        ),
        URGENT,
        lambda i: (
            (
                i.red_flags.fever_or_chills
                or i.red_flags.iv_drug_use
                or i.red_flags.immunosuppression
            )
            and not _spinal_infection(i)
        ),
        _(
            "Fever, a weaker immune system or injecting drugs can make an infection more "
            "likely, so a doctor should check your back within days."
        ),
    ),
    Flag(
        RULES.add(
            "possible_fracture",
            source="clinical-facts 1.2-1.3: Gloucestershire pathway",
            summary="Significant trauma, or osteoporosis or long-term steroid use.",
        ),
        URGENT,
        lambda i: i.red_flags.significant_trauma or i.red_flags.osteoporosis_or_long_term_steroids,
        _(
            "A hard fall or accident, thin bones or long-term steroid tablets can make a "
            "broken bone in the spine possible, so a doctor should check within days."
        ),
    ),
    Flag(
        RULES.add(
            "non_mechanical_pain",
            source="clinical-facts 1.2-1.3: Gloucestershire pathway (persistent night pain); "
            "community red-flag sheet 2023 (non-mechanical pain)",
            summary="Constant pain at night.",
        ),
        URGENT,
        lambda i: i.red_flags.constant_night_pain,
        _(
            "Pain that stays constant at night, whatever position you are in, should be "
            "checked by a doctor within days."
        ),
    ),
)

# --- Decisions --------------------------------------------------------------------------------

RULES.read(
    """
triage_emergency
    source: clinical-facts 1.3 (emergency tier)
    summary: Any emergency flag fired.

triage_urgent
    source: clinical-facts 1.3 (urgent tier)
    summary: No emergency flag, at least one urgent flag.

triage_review
    source: clinical-facts 1.3 (routine tier); ACP/APS 2007 triage
    summary: No red flag, but radicular symptoms or an inflammatory recommendation.

triage_self_management
    source: clinical-facts 1.3, 2.2
    summary: No red flag, no radicular symptoms, no inflammatory recommendation.

radicular
    source: clinical-facts 2.2: ACP/APS 2007 (radiculopathy bin)
    summary: Leg pain below the knee, or numbness or tingling in the leg.

pain_type_specific_suspected
    source: clinical-facts 2.2: ACP/APS 2007 (other specific spinal cause)
    summary: Triage emergency or urgent, or inflammatory recommendation refer_rheumatology.

pain_type_radicular
    source: clinical-facts 2.2: ACP/APS 2007
    summary: Not specific, and radicular.

pain_type_nonspecific
    source: clinical-facts 2.2: ACP/APS 2007; about 85% of primary-care back pain
    summary: Neither specific nor radicular.

chronic
    source: clinical-facts 2.1: ACP 2017 (chronic = over 12 weeks); IASP/ICD-11
    summary: pain_duration_weeks > 12.

inflammatory_refer_rheumatology
    source: clinical-facts 1.2: NICE NG65
    summary: Onset before 45, pain over 12 weeks, and 4 or more of the nine features.

inflammatory_consider_hla_b27_test
    source: clinical-facts 1.2: NICE NG65
    summary: Onset before 45, pain over 12 weeks, and exactly 3 of the nine features.

inflammatory_none
    source: clinical-facts 1.2: NICE NG65
    summary: Otherwise no inflammatory recommendation.

startback_high
    source: clinical-facts 3: Hill et al. 2008 (Keele STarT Back)
    summary: Psychosocial subscale 4 or 5.

startback_medium
    source: clinical-facts 3: Hill et al. 2008
    summary: Total 4 or more with psychosocial subscale 3 or less.

startback_low
    source: clinical-facts 3: Hill et al. 2008
    summary: Total 3 or less (and psychosocial under 4).

nociplastic_probable
    source: clinical-facts 2.4: Kosek et al. 2021, Pain 162:2629
    summary: With a clinical exam: criteria C1 to C6 all hold.

nociplastic_possible
    source: clinical-facts 2.4: Kosek et al. 2021
    summary: With a clinical exam: C1 to C4 hold, not all of C5 and C6.

nociplastic_exam_needed
    source: clinical-facts 2.4: Kosek et al. 2021 (step 4 needs an examination)
    summary: No clinical exam yet; C1 and C2 hold.

nociplastic_not_met
    source: clinical-facts 2.4: Kosek et al. 2021
    summary: The criteria for the next grade are not met.

neuroplastic_signs
    source: clinical-facts 10: practitioner criteria (Schubiner and PRT practice); for education, never diagnosis
    summary: Count of self-reported signs plus persists_beyond_healing and multiple_sites.

phq9_band
    source: clinical-facts 4: Kroenke et al. 2001
    summary: PHQ-9 total banded 0-4, 5-9, 10-14, 15-19, 20-27.

gad7_band
    source: clinical-facts 4: Spitzer et al. 2006
    summary: GAD-7 total banded 0-4, 5-9, 10-14, 15-21.

phq9_item9_safety_alert
    source: clinical-facts 4.1: PHQ scoring guidance (any item-9 answer above 0)
    summary: PHQ-9 item 9 above 0 raises a safety alert whatever the total.

program_allowed
    source: clinical-facts 1.3 engine notes (stop all programme content on red flags)
    summary: The program runs when triage is review or self_management.

program_paused
    source: clinical-facts 1.3 engine notes
    summary: The program waits when triage is emergency or urgent.
"""
)
TRIAGE_EMERGENCY = RULES.id("triage_emergency")
TRIAGE_URGENT = RULES.id("triage_urgent")
TRIAGE_REVIEW = RULES.id("triage_review")
TRIAGE_SELF_MANAGEMENT = RULES.id("triage_self_management")
RADICULAR = RULES.id("radicular")
PAIN_TYPE_SPECIFIC = RULES.id("pain_type_specific_suspected")
PAIN_TYPE_RADICULAR = RULES.id("pain_type_radicular")
PAIN_TYPE_NONSPECIFIC = RULES.id("pain_type_nonspecific")
CHRONIC = RULES.id("chronic")
INFLAMMATORY_REFER = RULES.id("inflammatory_refer_rheumatology")
INFLAMMATORY_HLA_B27 = RULES.id("inflammatory_consider_hla_b27_test")
INFLAMMATORY_NONE = RULES.id("inflammatory_none")
STARTBACK_HIGH = RULES.id("startback_high")
STARTBACK_MEDIUM = RULES.id("startback_medium")
STARTBACK_LOW = RULES.id("startback_low")
NOCIPLASTIC_PROBABLE = RULES.id("nociplastic_probable")
NOCIPLASTIC_POSSIBLE = RULES.id("nociplastic_possible")
NOCIPLASTIC_EXAM_NEEDED = RULES.id("nociplastic_exam_needed")
NOCIPLASTIC_NOT_MET = RULES.id("nociplastic_not_met")
NEUROPLASTIC_SIGNS = RULES.id("neuroplastic_signs")
PHQ9_BAND = RULES.id("phq9_band")
GAD7_BAND = RULES.id("gad7_band")
PHQ9_ITEM9 = RULES.id("phq9_item9_safety_alert")
PROGRAM_ALLOWED = RULES.id("program_allowed")
PROGRAM_PAUSED = RULES.id("program_paused")

for _flag in FLAGS:
    assert _flag.id in RULES


# --- Scoring helpers (also used by the web intake and the check-ins) --------------------------

INFLAMMATORY_FEATURES = (
    "onset_before_35",
    "wakes_second_half_of_night",
    "buttock_pain",
    "better_with_movement",
    "better_within_48h_of_nsaids",
    "relative_with_spondyloarthritis",
    "arthritis",
    "enthesitis",
    "psoriasis",
)
STARTBACK_BOOLEANS = (
    "leg_pain",
    "shoulder_or_neck_pain",
    "walked_only_short_distances",
    "dressed_more_slowly",
    "unsafe_to_be_active",
    "worrying_thoughts",
    "feels_terrible_never_better",
    "not_enjoyed_things",
)
STARTBACK_PSYCHOSOCIAL = (
    "unsafe_to_be_active",
    "worrying_thoughts",
    "feels_terrible_never_better",
    "not_enjoyed_things",
)
BOTHERSOMENESS_POSITIVE_FROM = 3  # "very much" or "extremely"
REGIONAL_DISTRIBUTIONS = ("regional", "multifocal", "widespread")
HYPERSENSITIVITY_HISTORY = ("touch", "pressure", "movement", "heat_or_cold")
COMORBIDITIES = ("sound", "light", "smell", "sleep_disturbance", "fatigue", "cognitive_problems")
MULTIPLE_SITES_FROM = 4
CHRONIC_AFTER_WEEKS = 12
NG65_ONSET_BEFORE_AGE = 45
PHQ9_BANDS = (
    (20, "severe"),
    (15, "moderately_severe"),
    (10, "moderate"),
    (5, "mild"),
    (0, "minimal"),
)
GAD7_BANDS = ((15, "severe"), (10, "moderate"), (5, "mild"), (0, "minimal"))


def band(total: int, bands: tuple[tuple[int, str], ...]) -> str:
    for floor, name in bands:
        if total >= floor:
            return name
    raise ValueError(f"no band for {total}")
