"""The graded-activity engine: baselines, time-contingent quotas, steady progress, flare-ups.

Every parameter is a named setting in PacingSettings with its source (docs/rules/program.md,
clinical-facts section 7). The engine replays a person's days from the start, so today's quota
is always explained by what happened: each change carries a reason.

The rules:
- Baseline: the mean of 3 to 7 tolerance tests in the first week (how much the person can do
  before pain or fatigue makes them want to stop), or a value a clinician enters. Without one
  the plan stays in the baseline week: no quota is guessed.
- Quota: start at 80% of baseline. At each week's end, add 10% of baseline if the week's
  adherence was >= 80% and there was no flare; otherwise hold. Never above the goal.
  Quotas are time-contingent: the person stops at the quota even on a good day.
- Flare: declared by the person, or average pain >= 2 points above their 7-day mean on two days
  running. The quota drops to relative rest (less, not nothing): the quota of two weeks
  earlier, and at least one weekly step below the current quota, never below 50% of baseline.
  Once pain is back within 1 point of its pre-flare 7-day mean, the quota climbs back to the
  pre-flare quota in equal steps, one per such day; then weekly progress resumes.
"""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from painwise.clinical.common import Reason, RuleBook
from painwise.clinical.common import gettext_noop as _

RULES = RuleBook()
BASELINE = RULES.add(
    "pacing_baseline",
    source="clinical-facts 7: NHS-style pacing pages (baseline over several days, 3-7 [M])",
    summary="Baseline = mean of 3-7 tolerance tests in the first week, or a clinician's value.",
)
START = RULES.add(
    "pacing_start",
    source="clinical-facts 7: Australian Therapeutic Guidelines (start at about 80% of baseline)",
    summary="The first quota is 80% of baseline (below the flare threshold).",
)
PROGRESS = RULES.add(
    "pacing_progress",
    source="clinical-facts 7: Australian Therapeutic Guidelines (+10-20% of baseline per week); "
    "adherence threshold: clinician default",
    summary="+10% of baseline after a week with adherence >= 80% and no flare; capped at the goal.",
)
HOLD = RULES.add(
    "pacing_hold",
    source="clinical-facts 7: operant graded activity (Lindström 1992); clinician default",
    summary="The quota holds after a week with adherence under 80% or a flare.",
)
FLARE = RULES.add(
    "pacing_flare",
    source="clinical-facts 7: Costa et al. 2019 (flare definition); relative-rest numbers [U]: "
    "clinician defaults",
    summary="A declared flare, or pain >= 2 above the 7-day mean on 2 days running: relative rest.",
)
RECOVER = RULES.add(
    "pacing_recover",
    source="clinical-facts 7 (rebuild from the last comfortable quota [U]): clinician default",
    summary="Back to the pre-flare quota in equal steps once pain is within 1 point of its mean.",
)


@dataclass(frozen=True, slots=True)
class PacingSettings:
    start_fraction: float = 0.80  # eTG: ~80% of baseline
    weekly_increment: float = 0.10  # eTG: 10-20% of baseline; allowed 0.05-0.20
    adherence_to_progress: float = 0.80  # clinician default
    min_tolerance_tests: int = 3  # 3-7 tests in the first week [M]
    max_tolerance_tests: int = 7
    baseline_window_days: int = 7
    flare_pain_rise: float = 2.0  # issue rule; clinician default
    flare_days_running: int = 2
    rest_weeks_back: int = 2  # "the quota of two weeks earlier" [U]: clinician default
    floor_fraction: float = 0.50  # never below 50% of baseline [U]: clinician default
    return_band: float = 1.0  # pain back within 1 point of its 7-day mean
    recovery_steps: int = 3  # clinician default

    def __post_init__(self) -> None:
        if not 0.05 <= self.weekly_increment <= 0.20:
            raise ValueError("weekly_increment must be between 0.05 and 0.20 of baseline")
        if not 0 < self.floor_fraction <= self.start_fraction <= 1:
            raise ValueError("need 0 < floor_fraction <= start_fraction <= 1")


UNITS = {"minutes": 24 * 60, "metres": 100_000, "repetitions": 1_000}


class PacingError(ValueError):
    pass


def check_tolerance(value: float, unit: str) -> float:
    """A tolerance test must be a real, possible amount of the activity."""
    if unit not in UNITS:
        raise PacingError(f"unknown unit {unit!r}")
    if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value):
        raise PacingError("must be a number")
    if value <= 0:
        raise PacingError("must be more than 0: if you could not do any, tell your clinician")
    if value > UNITS[unit]:
        limit = "24 hours" if unit == "minutes" else f"{UNITS[unit]} {unit}"
        raise PacingError(f"must be at most {limit}")
    return float(value)


def baseline_from(tests: Sequence[float], s: PacingSettings) -> float | None:
    """The mean of the first week's tolerance tests, once there are enough of them."""
    if len(tests) < s.min_tolerance_tests:
        return None
    used = list(tests)[: s.max_tolerance_tests]
    return sum(used) / len(used)


@dataclass(frozen=True, slots=True)
class DayLog:
    date: dt.date
    done: float = 0.0  # amount of the activity done that day
    pain: float | None = None  # the day's mean average pain (check-ins)
    flare_declared: bool = False


@dataclass(frozen=True, slots=True)
class DayQuota:
    date: dt.date
    quota: float
    done: float
    phase: str  # normal | rest | recovering


@dataclass(frozen=True, slots=True)
class PacingState:
    phase: str  # baseline | normal | rest | recovering
    baseline: float | None
    goal: float
    quota: float | None  # today's quota
    floor: float | None
    history: tuple[DayQuota, ...]
    events: tuple[tuple[dt.date, Reason], ...]
    flare_days: tuple[dt.date, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "phase": self.phase,
            "baseline": self.baseline,
            "goal": self.goal,
            "quota": None if self.quota is None else round(self.quota, 2),
            "floor": self.floor,
            "events": [{"date": d.isoformat(), **r.to_dict()} for d, r in self.events],
        }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def detect_flare(
    pains: dict[dt.date, float], day: dt.date, declared: bool, s: PacingSettings
) -> bool:
    """A flare is what the person declares, or pain >= 2 points above their 7-day mean on the
    last `flare_days_running` days (the mean taken over the 7 days before those days)."""
    if declared:
        return True
    run = [day - dt.timedelta(days=k) for k in range(s.flare_days_running)]
    first = run[-1]
    window = [
        pains[first - dt.timedelta(days=k)]
        for k in range(1, 8)
        if first - dt.timedelta(days=k) in pains
    ]
    mean = _mean(window)
    if mean is None or len(window) < 3:
        return False
    return all(d in pains and pains[d] >= mean + s.flare_pain_rise - 1e-9 for d in run)


def run(
    *,
    baseline: float | None,
    goal: float,
    quota_start: dt.date,
    days: Sequence[DayLog],
    today: dt.date,
    s: PacingSettings | None = None,
) -> PacingState:
    """Replay every day from ``quota_start`` to ``today`` and return today's quota.

    ``days`` may skip dates (no log, no check-in); a skipped day counts as nothing done.
    """
    s = s or PacingSettings()
    if goal <= 0:
        raise PacingError("goal must be more than 0")
    if baseline is None:
        return PacingState("baseline", None, goal, None, None, (), ())
    if baseline <= 0:
        raise PacingError("baseline must be more than 0")

    floor = min(goal, s.floor_fraction * baseline)
    step = s.weekly_increment * baseline
    quota = max(floor, min(goal, s.start_fraction * baseline))
    events: list[tuple[dt.date, Reason]] = [
        (
            quota_start,
            Reason(
                START,
                _(
                    "Your first quota is {q} ({pct}% of your baseline of {b}), "
                    "below the level that brings on a flare."
                ),
                {"q": _n(quota), "pct": round(s.start_fraction * 100), "b": _n(baseline)},
            ),
        ),
    ]
    by_date = {d.date: d for d in days}
    pains = {d.date: d.pain for d in days if d.pain is not None}
    phase = "normal"
    pre_flare = rest = reference = 0.0
    history: list[DayQuota] = []
    flare_days: list[dt.date] = []
    week_ratio: list[float] = []
    week_flare = False

    day = quota_start
    while day <= today:
        offset = (day - quota_start).days
        if offset > 0 and offset % 7 == 0:
            # A week is over: progress or hold.
            adherence = sum(week_ratio) / len(week_ratio) if week_ratio else 0.0
            if phase == "normal":
                if adherence >= s.adherence_to_progress - 1e-9 and not week_flare:
                    new = min(goal, quota + step)
                    if new > quota:
                        events.append(
                            (
                                day,
                                Reason(
                                    PROGRESS,
                                    _(
                                        "Last week you kept to your quota {a}% of the time with no flare, so it "
                                        "grows by {inc} to {q}."
                                    ),
                                    {"a": round(adherence * 100), "inc": _n(step), "q": _n(new)},
                                ),
                            )
                        )
                    quota = new
                else:
                    why = (
                        _("there was a flare")
                        if week_flare
                        else _("you kept to it {a}% of the time")
                    )
                    events.append(
                        (
                            day,
                            Reason(
                                HOLD,
                                _(
                                    "Your quota stays at {q} this week because {why}; "
                                    "steady beats fast."
                                ),
                                {"q": _n(quota), "why": why.format(a=round(adherence * 100))},
                            ),
                        )
                    )
            week_ratio, week_flare = [], False

        log = by_date.get(day, DayLog(day))
        history.append(DayQuota(day, quota, log.done, phase))
        if day == today:
            break  # today's quota is set; today's outcome is not known yet
        week_ratio.append(min(log.done / quota, 1.0) if quota > 0 else 1.0)

        if detect_flare(pains, day, log.flare_declared, s):
            week_flare = True
            # A new flare lowers the quota; the following days of the same flare hold it.
            onset = not flare_days or flare_days[-1] != day - dt.timedelta(days=1)
            flare_days.append(day)
            if onset and quota > floor:
                if phase == "normal":
                    pre_flare = quota
                    window = [
                        pains[day - dt.timedelta(days=k)]
                        for k in range(2, 9)
                        if day - dt.timedelta(days=k) in pains
                    ]
                    found = _mean(window)
                    reference = found if found is not None else (pains.get(day) or 0.0)
                two_weeks = _quota_on(
                    history, day - dt.timedelta(days=7 * s.rest_weeks_back), quota
                )
                rest = max(floor, min(two_weeks, quota - step))
                if rest < quota:
                    events.append(
                        (
                            day + dt.timedelta(days=1),
                            Reason(
                                FLARE,
                                _(
                                    "A flare-up: your quota drops to {r} for now. Less, not nothing; it "
                                    "comes back once the flare settles."
                                ),
                                {"r": _n(rest)},
                            ),
                        )
                    )
                quota, phase = rest, "rest"
        elif phase in ("rest", "recovering"):
            pain = pains.get(day)
            if pain is not None and pain <= reference + s.return_band + 1e-9:
                quota = min(pre_flare, quota + (pre_flare - rest) / s.recovery_steps)
                phase = "recovering"
                if quota >= pre_flare - 1e-9:
                    quota, phase = pre_flare, "normal"
                    events.append(
                        (
                            day + dt.timedelta(days=1),
                            Reason(
                                RECOVER,
                                _("The flare has settled: you are back to your quota of {q}."),
                                {"q": _n(quota)},
                            ),
                        )
                    )
        day += dt.timedelta(days=1)

    return PacingState(
        phase=history[-1].phase if history else "normal",
        baseline=baseline,
        goal=goal,
        quota=history[-1].quota if history else quota,
        floor=floor,
        history=tuple(history),
        events=tuple(events),
        flare_days=tuple(flare_days),
    )


def _quota_on(history: list[DayQuota], day: dt.date, default: float) -> float:
    for h in reversed(history):
        if h.date <= day:
            return h.quota
    return default


def _n(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")


def with_settings(s: PacingSettings, **changes: Any) -> PacingSettings:
    return replace(s, **changes)
