"""Tracking rules, each with a stable id and its source (docs/rules/tracking.md)."""

from dataclasses import dataclass

from painwise.clinical.common import RuleBook

RULES = RuleBook(
    """
pain_meaningful_improvement
    source: clinical-facts 4: Ostelo et al. 2008 (2 points or 30% on a 0-10 pain scale)
    summary: 7-day mean pain dropped by >= 2 points or >= 30% against the baseline week.

psfs_meaningful_improvement
    source: clinical-facts 4: Stratford et al. 1995 (PSFS mean, detectable change 2 points)
    summary: PSFS mean rose by >= 2 points against the first ratings.

pain_free_or_nearly
    source: clinical-facts 5: Ashar et al. 2022 (0 or 1 out of 10)
    summary: 7-day mean average pain <= 1.

deterioration_pain
    source: Tracking issue rule; 2-point threshold from Ostelo et al. 2008 (clinical-facts 4)
    summary: 7-day mean pain >= 2 points above baseline in each of the last two weeks.

deterioration_peg_interference
    source: Tracking issue rule; PEG scale (Krebs et al. 2009); threshold is a named setting
    summary: PEG interference (mean of items 2 and 3) up by >= 2 against the first PEG.

plateau
    source: Tracking issue rule; clinician defaults (named settings)
    summary: After >= 6 weeks of regular use, no meaningful improvement in pain or function over the last 4 weeks.

personal_pattern
    source: Within-person Spearman correlation with a Bonferroni-adjusted interval (Bonett and Wright 2000); shown only with >= 14 days and an interval excluding zero
    summary: A relation between a daily factor and same-day or next-day pain.

missed_checkins
    source: Clinician workspace issue (a week without a check-in); the number of days is a named setting
    summary: A patient with a care team who used to check in has not checked in for 7 days or more.

delayed_pain
    source: clinical-facts 10 (delayed onset after activity); Welch interval on day-to-day pain changes
    summary: Pain rises more from a high-activity day to the next day than after other days.
"""
)
PAIN_IMPROVED = RULES.id("pain_meaningful_improvement")
PSFS_IMPROVED = RULES.id("psfs_meaningful_improvement")
PAIN_FREE = RULES.id("pain_free_or_nearly")
DETERIORATION_PAIN = RULES.id("deterioration_pain")
DETERIORATION_PEG = RULES.id("deterioration_peg_interference")
PLATEAU = RULES.id("plateau")
PATTERN = RULES.id("personal_pattern")
DELAYED_PAIN = RULES.id("delayed_pain")
MISSED_CHECKINS = RULES.id("missed_checkins")


@dataclass(frozen=True, slots=True)
class TrackingSettings:
    """Every threshold as a named setting. Sources in docs/rules/tracking.md."""

    baseline_days: int = 7  # the baseline week starts at the first check-in
    min_days_per_window: int = 3  # Painwise default: fewer days say too little
    pain_drop_points: float = 2.0  # Ostelo 2008
    pain_drop_fraction: float = 0.30  # Ostelo 2008
    psfs_rise_points: float = 2.0  # Stratford 1995
    pain_free_max: float = 1.0  # Ashar 2022
    deterioration_points: float = 2.0  # Tracking issue
    peg_interference_rise: float = 2.0  # Tracking issue
    plateau_min_weeks: int = 6  # Tracking issue (setting)
    plateau_window_weeks: int = 4  # Tracking issue (setting)
    regular_days_per_week: int = 4  # Tracking issue: ">= 4 check-ins a week"
    pattern_min_days: int = 14  # Tracking issue
    pattern_window_days: int = 365  # Painwise default: patterns of the last year of check-ins
    pattern_family_alpha: float = 0.05  # shared by all relations tested for one person
    high_activity_quantile: float = 0.75  # "high activity" = top quarter of the person's days
    delayed_min_pairs: int = 5
    detrend_window_days: int = 7  # "usual for you": a centred week (tested at 7, 14 and 28)
    missed_checkin_days: int = 7  # clinician workspace issue: "missed check-ins for 7 days"
