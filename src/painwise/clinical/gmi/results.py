"""Left/right judgement in numbers: a session's accuracy and median response time, per side and
per body part, against norms kept as settings; when to move up a level; whether a result is
below the usual range (which adds graded motor imagery to the plan).

The norms are practice conventions (clinical-facts 6, marked unconfirmed there), not
trial-tested thresholds; they are settings, and the pages say so.
"""

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from painwise.clinical.common import RuleBook

RULES = RuleBook(
    """
gmi_norm_accuracy
    source: clinical-facts 6: the 80% accuracy target used by the Recognise app (unconfirmed; a setting)
    summary: Accuracy at or above the setting (80%) is within the usual range, per side and per body part.

gmi_norm_response_time
    source: clinical-facts 6: about 1.6 s for backs and necks, 2.0 s for hands and feet (unconfirmed; settings)
    summary: A median response time at or below the body part's setting is within the usual range.

gmi_valid_answer
    source: Painwise: answers faster than a person can see and press, or slower than the setting, are refused
    summary: A response time below 150 ms or above 30 s (settings) is not a judgement; the answer is refused and logged.

gmi_level_up
    source: clinical-facts 6 (a practice convention, not trial-tested)
    summary: Move up a level after two sessions in a row with accuracy at or above the norm on both sides and steady response times.

gmi_below_usual
    source: clinical-facts 6: Bray and Moseley 2011 (trunk judgement less accurate in back pain)
    summary: A finished trunk or neck session with accuracy or median response time outside the usual range adds graded motor imagery to the plan.
"""
)
ACCURACY = RULES.id("gmi_norm_accuracy")
RESPONSE_TIME = RULES.id("gmi_norm_response_time")
VALID = RULES.id("gmi_valid_answer")
LEVEL_UP = RULES.id("gmi_level_up")
BELOW_USUAL = RULES.id("gmi_below_usual")

SIDES = ("left", "right")


@dataclass(frozen=True, slots=True)
class GmiSettings:
    """Named settings (docs/rules/gmi.md gives each one's source)."""

    accuracy_norm: float = 0.80
    response_norm_ms: dict[str, int] = field(
        default_factory=lambda: {"trunk": 1600, "neck": 1600, "hand": 2000, "foot": 2000}
    )
    fastest_ms: int = 150  # quicker than seeing and pressing: not a judgement
    slowest_ms: int = 30_000
    level_up_sessions: int = 2
    steady_ratio: float = 0.20  # a side's median may rise at most this much between sessions
    top_level: int = 4
    session_sizes: tuple[int, int] = (20, 50)


@dataclass(frozen=True, slots=True)
class Trial:
    part: str
    side: str  # the right answer
    correct: bool
    response_ms: int


@dataclass(frozen=True, slots=True)
class Stat:
    n: int
    correct: int
    median_ms: float | None

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.n if self.n else None


@dataclass(frozen=True, slots=True)
class Summary:
    overall: Stat
    by_side: dict[str, Stat]
    by_part: dict[str, Stat]


def valid_response(ms: float, settings: GmiSettings | None = None) -> bool:
    """Whether a response time is a judgement at all (rule gmi_valid_answer)."""
    settings = settings or GmiSettings()
    return settings.fastest_ms <= ms <= settings.slowest_ms


def _stat(trials: Iterable[Trial]) -> Stat:
    rows = list(trials)
    times = [t.response_ms for t in rows]
    return Stat(
        len(rows), sum(t.correct for t in rows), statistics.median(times) if times else None
    )


def summarize(trials: Sequence[Trial]) -> Summary:
    parts = sorted({t.part for t in trials})
    return Summary(
        _stat(trials),
        {side: _stat(t for t in trials if t.side == side) for side in SIDES},
        {part: _stat(t for t in trials if t.part == part) for part in parts},
    )


def accuracy_ok(stat: Stat, settings: GmiSettings | None = None) -> bool | None:
    settings = settings or GmiSettings()
    return None if stat.accuracy is None else stat.accuracy >= settings.accuracy_norm


def time_ok(stat: Stat, part: str, settings: GmiSettings | None = None) -> bool | None:
    settings = settings or GmiSettings()
    if stat.median_ms is None:
        return None
    return stat.median_ms <= settings.response_norm_ms[part]


def _steady(before: Summary, after: Summary, settings: GmiSettings) -> bool:
    for side in SIDES:
        old, new = before.by_side[side].median_ms, after.by_side[side].median_ms
        if old is None or new is None or new > old * (1 + settings.steady_ratio):
            return False
    return True


def next_level(level: int, history: Sequence[Summary], settings: GmiSettings | None = None) -> int:
    """The level for the next session, from the finished sessions at ``level`` (oldest first):
    up one after ``level_up_sessions`` sessions in a row with accuracy at or above the norm on
    both sides, each no slower on either side than the one before by more than the setting."""
    settings = settings or GmiSettings()
    need = settings.level_up_sessions
    recent = list(history)[-need:]
    if level >= settings.top_level or len(recent) < need:
        return level
    if not all(accuracy_ok(s.by_side[side], settings) for s in recent for side in SIDES):
        return level
    if not all(_steady(a, b, settings) for a, b in zip(recent, recent[1:], strict=False)):
        return level
    return level + 1


def below_usual(summary: Summary, settings: GmiSettings | None = None) -> bool:
    """Whether a session's back and neck judgements fall outside the usual range (rule
    gmi_below_usual): accuracy below the norm or a median time above it, on either body part."""
    settings = settings or GmiSettings()
    for part in ("trunk", "neck"):
        stat = summary.by_part.get(part)
        if stat is None or not stat.n:
            continue
        if accuracy_ok(stat, settings) is False or time_ok(stat, part, settings) is False:
            return True
    return False
