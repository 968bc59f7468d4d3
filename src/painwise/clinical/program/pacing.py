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
  A declared flare acts on the day it is declared; one shown by pain acts from the next day.
  Once pain is back within 1 point of its pre-flare 7-day mean, the quota climbs back to the
  pre-flare quota in equal steps, one per such day; then weekly progress resumes.
"""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from painwise.clinical.common import Reason, RuleBook, at_least, at_most
from painwise.clinical.common import gettext_noop as _

RULES = RuleBook(
    """
pacing_baseline
    source: clinical-facts 7: NHS-style pacing pages (baseline over several days, 3-7 [M])
    summary: Baseline = mean of 3-7 tolerance tests in the first week, or a clinician's value.

pacing_start
    source: clinical-facts 7: Australian Therapeutic Guidelines (start at about 80% of baseline)
    summary: The first quota is 80% of baseline (below the flare threshold).

pacing_progress
    source: clinical-facts 7: Australian Therapeutic Guidelines (+10-20% of baseline per week); adherence threshold: clinician default
    summary: +10% of baseline after a week with adherence >= 80% and no flare; capped at the goal.

pacing_hold
    source: clinical-facts 7: operant graded activity (Lindström 1992); clinician default
    summary: The quota holds after a week with adherence under 80% or a flare.

pacing_flare v2
    source: clinical-facts 7: Costa et al. 2019 (flare definition); relative-rest numbers [U]: clinician defaults
    summary: A declared flare, or pain >= 2 above the 7-day mean on 2 days running: relative rest.

pacing_recover
    source: clinical-facts 7 (rebuild from the last comfortable quota [U]): clinician default
    summary: Back to the pre-flare quota in equal steps once pain is within 1 point of its mean.
"""
)
BASELINE = RULES.id("pacing_baseline")
START = RULES.id("pacing_start")
PROGRESS = RULES.id("pacing_progress")
HOLD = RULES.id("pacing_hold")
FLARE = RULES.id("pacing_flare")
RECOVER = RULES.id("pacing_recover")


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
        check_weekly_increment(self.weekly_increment)
        if not 0 < self.floor_fraction <= self.start_fraction <= 1:
            raise ValueError("need 0 < floor_fraction <= start_fraction <= 1")


UNITS = {"minutes": 24 * 60, "metres": 100_000, "repetitions": 1_000}
# eTG: 10-20% of baseline a week; a clinician may choose 5% for a slower climb.
WEEKLY_INCREMENT_RANGE = (0.05, 0.20)


class PacingError(ValueError):
    pass


def check_weekly_increment(value: float) -> float:
    low, high = WEEKLY_INCREMENT_RANGE
    if not (isinstance(value, int | float) and low <= value <= high):
        raise PacingError(f"The weekly step must be between {low:.0%} and {high:.0%}.")
    return float(value)


# The smallest amount a tolerance test can be, in its unit (a tenth of a minute, a metre or a
# repetition); less is a slip of the finger or a machine's number (5e-324 was once stored).
SMALLEST_AMOUNT = 0.1


def check_tolerance(value: float, unit: str) -> float:
    """A tolerance test must be a real, possible amount of the activity."""
    if unit not in UNITS:
        raise PacingError(f"unknown unit {unit!r}")
    if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value):
        raise PacingError("must be a number")
    if value < SMALLEST_AMOUNT:
        raise PacingError(
            "must be at least 0.1: if you could not do any, start with an easier activity"
        )
    if value > UNITS[unit]:
        limit = "24 hours" if unit == "minutes" else f"{UNITS[unit]} {unit}"
        raise PacingError(f"must be at most {limit}")
    return float(value)


def baseline_from(tests: Sequence[float], settings: PacingSettings) -> float | None:
    """The mean of the first week's tolerance tests, once there are enough of them."""
    if len(tests) < settings.min_tolerance_tests:
        return None
    used = list(tests)[: settings.max_tolerance_tests]
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


_WEEK_BEFORE = tuple(dt.timedelta(days=k) for k in range(1, 8))  # 1 to 7 days back


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def detect_flare(
    pains: dict[dt.date, float], day: dt.date, declared: bool, settings: PacingSettings
) -> bool:
    """A flare is what the person declares, or pain >= 2 points above their 7-day mean on the
    last `flare_days_running` days (the mean taken over the 7 days before those days)."""
    if declared:
        return True
    run_days = [day - dt.timedelta(days=k) for k in range(settings.flare_days_running)]
    if any(d not in pains for d in run_days):
        return False  # a day of the run without a pain rating: no flare shown (as below)
    first = run_days[-1]
    window = [pains[d] for d in (first - back for back in _WEEK_BEFORE) if d in pains]
    mean = _mean(window)
    if mean is None or len(window) < 3:
        return False
    return all(d in pains and at_least(pains[d], mean + settings.flare_pain_rise) for d in run_days)


class _Replay:
    """The engine's state while it replays the days one by one (see ``run``)."""

    def __init__(
        self,
        baseline: float,
        goal: float,
        start: dt.date,
        days: Sequence[DayLog],
        settings: PacingSettings,
    ) -> None:
        self.settings, self.goal = settings, goal
        self.floor = min(goal, settings.floor_fraction * baseline)
        self.step = settings.weekly_increment * baseline
        self.quota = max(self.floor, min(goal, settings.start_fraction * baseline))
        self.by_date = {d.date: d for d in days}
        self.pains = {d.date: d.pain for d in days if d.pain is not None}
        self.phase = "normal"
        self.pre_flare = self.rest = self.reference = 0.0
        self.history: list[DayQuota] = []
        self.flare_days: list[dt.date] = []
        self.week_ratio: list[float] = []
        self.week_flare = False
        self.events: list[tuple[dt.date, Reason]] = [
            (
                start,
                Reason(
                    START,
                    _(
                        "Your first quota is {q} ({pct}% of your baseline of {b}), "
                        "below the level that brings on a flare."
                    ),
                    {
                        "q": amount_words(self.quota),
                        "pct": round(settings.start_fraction * 100),
                        "b": amount_words(baseline),
                    },
                ),
            ),
        ]

    # The replay's own values that a checkpoint carries as they are.
    CARRIED = ("quota", "phase", "pre_flare", "rest", "reference", "week_flare")

    def snapshot(self, day: dt.date, baseline: float, start: dt.date) -> "Checkpoint":
        """The state at the end of ``day`` (closed), with the little of the past that the
        days after it can still read: two weeks of quotas, the last flare day, the last event."""
        back = day - dt.timedelta(days=7 * self.settings.rest_weeks_back)
        return Checkpoint(
            date=day,
            baseline=baseline,
            goal=self.goal,
            quota_start=start,
            settings=self.settings,
            week_ratio=tuple(self.week_ratio),
            flare_days=tuple(self.flare_days[-1:]),
            history=tuple(h for h in self.history if h.date >= back),
            events=tuple(self.events[-1:]),
            **{name: getattr(self, name) for name in self.CARRIED},
        )

    def resume(self, checkpoint: "Checkpoint") -> None:
        for name in self.CARRIED:
            setattr(self, name, getattr(checkpoint, name))
        self.week_ratio = list(checkpoint.week_ratio)
        self.flare_days = list(checkpoint.flare_days)
        self.history = list(checkpoint.history)
        self.events = list(checkpoint.events)

    def end_of_week(self, day: dt.date) -> None:
        """Progress after a week kept with no flare; otherwise hold (only in normal phase)."""
        adherence = sum(self.week_ratio) / len(self.week_ratio) if self.week_ratio else 0.0
        if self.phase == "normal":
            if at_least(adherence, self.settings.adherence_to_progress) and not self.week_flare:
                self._progress(day, adherence)
            else:
                self._hold(day, adherence)
        self.week_ratio, self.week_flare = [], False

    def _progress(self, day: dt.date, adherence: float) -> None:
        new = min(self.goal, self.quota + self.step)
        if new > self.quota:
            self.events.append(
                (
                    day,
                    Reason(
                        PROGRESS,
                        _(
                            "Last week you kept to your quota {a}% of the time with no flare, so it "
                            "grows by {inc} to {q}."
                        ),
                        {
                            "a": round(adherence * 100),
                            # the step as shown is the difference of the quotas as shown
                            "inc": amount_words(round(new, 1) - round(self.quota, 1)),
                            "q": amount_words(new),
                        },
                    ),
                )
            )
        self.quota = new

    def _hold(self, day: dt.date, adherence: float) -> None:
        why = _("there was a flare") if self.week_flare else _("you kept to it {a}% of the time")
        self.events.append(
            (
                day,
                Reason(
                    HOLD,
                    _("Your quota stays at {q} this week because {why}; steady beats fast."),
                    {
                        "q": amount_words(self.quota),
                        # a sentence of its own, so that it is translated when shown
                        "why": {"template": why, "params": {"a": round(adherence * 100)}},
                    },
                ),
            )
        )

    def done_on(self, day: dt.date) -> float:
        found = self.by_date.get(day)
        return found.done if found else 0.0

    def open_week_and_day(self, day: dt.date, start: dt.date) -> None:
        """A new day: the week's end first (every 7th day after the start), then a declared
        flare, then the day's quota goes into the history."""
        offset = (day - start).days
        if offset > 0 and offset % 7 == 0:
            self.end_of_week(day)
        self.open_day(day)
        self.history.append(DayQuota(day, self.quota, self.done_on(day), self.phase))

    def open_day(self, day: dt.date) -> None:
        """A flare the person declares acts on the day they declare it."""
        if self.by_date.get(day, DayLog(day)).flare_declared:
            self.flare(day, starts=day)

    def close_day(self, day: dt.date, done: float) -> None:
        """The day is over: count its adherence, then apply a flare that the day's pain shows
        (from tomorrow), or the way back."""
        self.week_ratio.append(min(done / self.quota, 1.0) if self.quota > 0 else 1.0)
        if detect_flare(self.pains, day, False, self.settings):
            self.flare(day, starts=day + dt.timedelta(days=1))
        elif self.phase in ("rest", "recovering") and day not in self.flare_days:
            self.recover(day)

    def flare(self, day: dt.date, *, starts: dt.date) -> None:
        """A new flare lowers the quota to relative rest from ``starts``; the following days of
        the same flare hold it there."""
        if self.flare_days and self.flare_days[-1] == day:
            return  # declared this morning and shown by the day's pain as well: one flare
        self.week_flare = True
        onset = not self.flare_days or self.flare_days[-1] != day - dt.timedelta(days=1)
        self.flare_days.append(day)
        if not onset or self.quota <= self.floor:
            return
        if self.phase == "normal":
            self.pre_flare = self.quota
            before = [
                self.pains[day - dt.timedelta(days=k)]
                for k in range(2, 9)
                if day - dt.timedelta(days=k) in self.pains
            ]
            found = _mean(before)
            self.reference = found if found is not None else (self.pains.get(day) or 0.0)
        two_weeks = _quota_on(
            self.history, day - dt.timedelta(days=7 * self.settings.rest_weeks_back), self.quota
        )
        self.rest = max(self.floor, min(two_weeks, self.quota - self.step))
        if self.rest < self.quota:
            self.events.append(
                (
                    starts,
                    Reason(
                        FLARE,
                        _(
                            "A flare-up: your quota drops to {r} for now. Less, not nothing; it "
                            "comes back once the flare settles."
                        ),
                        {"r": amount_words(self.rest)},
                    ),
                )
            )
        self.quota, self.phase = self.rest, "rest"

    def recover(self, day: dt.date) -> None:
        """Once pain is back near its pre-flare mean, climb back in equal steps."""
        pain = self.pains.get(day)
        if pain is None or not at_most(pain, self.reference + self.settings.return_band):
            return
        step = (self.pre_flare - self.rest) / self.settings.recovery_steps
        self.quota = min(self.pre_flare, self.quota + step)
        self.phase = "recovering"
        if at_least(self.quota, self.pre_flare):
            self.quota, self.phase = self.pre_flare, "normal"
            self.events.append(
                (
                    day + dt.timedelta(days=1),
                    Reason(
                        RECOVER,
                        _("The flare has settled: you are back to your quota of {q}."),
                        {"q": amount_words(self.quota)},
                    ),
                )
            )


def run(
    *,
    baseline: float | None,
    goal: float,
    quota_start: dt.date,
    days: Sequence[DayLog],
    today: dt.date,
    settings: PacingSettings | None = None,
    resume: "Checkpoint | None" = None,
) -> PacingState:
    """Replay every day from ``quota_start`` to ``today`` and return today's quota.

    ``days`` may skip dates (no log, no check-in); a skipped day counts as nothing done.
    With ``resume`` (a checkpoint of the same baseline, goal, start and settings, before
    ``today``) the replay goes on from the day after it, and ``days`` need only reach back
    ``lookback_days(settings)`` before that day: the same quota, phase and latest event as a
    replay from the start, with the history and events from the checkpoint's short tail on.
    """
    settings = settings or PacingSettings()
    if baseline is None:
        _check(goal)
        return PacingState("baseline", None, goal, None, None, (), ())
    last_closed = today - dt.timedelta(days=1)  # today is opened, never closed
    replay, day = _begin(baseline, goal, quota_start, days, settings, resume, last_closed)
    while day <= today:
        replay.open_week_and_day(day, quota_start)
        if day == today:
            break  # today's quota is set; today's outcome is not known yet
        replay.close_day(day, replay.done_on(day))
        day += dt.timedelta(days=1)
    last = replay.history[-1] if replay.history else None
    return PacingState(
        phase=last.phase if last else "normal",
        baseline=baseline,
        goal=goal,
        quota=last.quota if last else replay.quota,
        floor=replay.floor,
        history=tuple(replay.history),
        events=tuple(replay.events),
        flare_days=tuple(replay.flare_days),
    )


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The replay's state at the end of ``date``, for a later replay to go on from instead of
    from the start (``run(resume=...)``). Valid only for the same baseline, goal, start and
    settings (``fits``), and only while nothing dated on or before ``date`` changes."""

    date: dt.date
    baseline: float
    goal: float
    quota_start: dt.date
    settings: PacingSettings
    quota: float
    phase: str
    pre_flare: float
    rest: float
    reference: float
    week_ratio: tuple[float, ...]
    week_flare: bool
    flare_days: tuple[dt.date, ...]
    history: tuple[DayQuota, ...]
    events: tuple[tuple[dt.date, Reason], ...]

    def fits(
        self, baseline: float, goal: float, quota_start: dt.date, settings: PacingSettings
    ) -> bool:
        return (self.baseline, self.goal, self.quota_start, self.settings) == (
            baseline,
            goal,
            quota_start,
            settings,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "baseline": self.baseline,
            "goal": self.goal,
            "quota_start": self.quota_start.isoformat(),
            "settings": asdict(self.settings),
            "quota": self.quota,
            "phase": self.phase,
            "pre_flare": self.pre_flare,
            "rest": self.rest,
            "reference": self.reference,
            "week_ratio": list(self.week_ratio),
            "week_flare": self.week_flare,
            "flare_days": [d.isoformat() for d in self.flare_days],
            "history": [[h.date.isoformat(), h.quota, h.done, h.phase] for h in self.history],
            "events": [[d.isoformat(), r.to_record()] for d, r in self.events],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Checkpoint":
        day = dt.date.fromisoformat
        return cls(
            date=day(data["date"]),
            baseline=data["baseline"],
            goal=data["goal"],
            quota_start=day(data["quota_start"]),
            settings=PacingSettings(**data["settings"]),
            quota=data["quota"],
            phase=data["phase"],
            pre_flare=data["pre_flare"],
            rest=data["rest"],
            reference=data["reference"],
            week_ratio=tuple(data["week_ratio"]),
            week_flare=data["week_flare"],
            flare_days=tuple(day(d) for d in data["flare_days"]),
            history=tuple(DayQuota(day(d), q, done, ph) for d, q, done, ph in data["history"]),
            events=tuple(
                (day(d), Reason(r["rule"], r["template"], r["params"])) for d, r in data["events"]
            ),
        )


def lookback_days(settings: PacingSettings) -> int:
    """How many days before a checkpoint's next day a resumed replay must read: a flare shown
    by pain looks at its days running and the 7 days before them (``flare_days_running`` + 6
    days back), and a new flare's reference pain at the days 2 to 8 back."""
    return max(settings.flare_days_running + 6, 8)


def checkpoint(
    *,
    baseline: float,
    goal: float,
    quota_start: dt.date,
    days: Sequence[DayLog],
    on: dt.date,
    settings: PacingSettings | None = None,
    resume: Checkpoint | None = None,
) -> Checkpoint:
    """The state at the end of ``on`` (a day on or after ``quota_start``), from the start or
    from an earlier checkpoint."""
    settings = settings or PacingSettings()
    replay, day = _begin(baseline, goal, quota_start, days, settings, resume, on)
    while day <= on:
        replay.open_week_and_day(day, quota_start)
        replay.close_day(day, replay.done_on(day))
        day += dt.timedelta(days=1)
    return replay.snapshot(on, baseline, quota_start)


def _check(goal: float, baseline: float | None = None) -> None:
    if goal <= 0:
        raise PacingError("goal must be more than 0")
    if baseline is not None and baseline <= 0:
        raise PacingError("baseline must be more than 0")


def _begin(
    baseline: float,
    goal: float,
    quota_start: dt.date,
    days: Sequence[DayLog],
    settings: PacingSettings,
    resume: Checkpoint | None,
    last_closed: dt.date,
) -> tuple[_Replay, dt.date]:
    """A replay ready for its first day: ``quota_start``, or the day after ``resume`` (which
    must end on or before ``last_closed``, the last day the replay closes)."""
    _check(goal, baseline)
    replay = _Replay(baseline, goal, quota_start, days, settings)
    if resume is None:
        return replay, quota_start
    if not resume.fits(baseline, goal, quota_start, settings):
        raise PacingError("the checkpoint is of another baseline, goal, start or settings")
    if resume.date > last_closed:
        raise PacingError("the checkpoint is not before the days to replay")
    replay.resume(resume)
    return replay, resume.date + dt.timedelta(days=1)


def _quota_on(history: list[DayQuota], day: dt.date, default: float) -> float:
    for h in reversed(history):
        if h.date <= day:
            return h.quota
    return default


def amount_words(value: float) -> str:
    """An amount as people read it: at most one decimal, none when it is whole (16.5, 16)."""
    return f"{round(value, 1):.1f}".removesuffix(".0")


def with_settings(settings: PacingSettings, **changes: Any) -> PacingSettings:
    return replace(settings, **changes)
