"""What Learn and Practice offer the Today page and the weekly review (see lib/practices)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from painwise.learn import services
from painwise.learn.models import LessonProgress
from painwise.lib.practices import Module, TodayItem
from painwise.lib.practices import register as register_module
from painwise.tracking import services as tracking


def _lesson_today(patient: Any, minutes: int, day: dt.date) -> list[TodayItem]:
    read = LessonProgress.objects.filter(patient=patient, finished_on=day).first()
    if read is not None and (lesson := services.get_lesson(read.lesson)) is not None:
        url = reverse("learn:lesson", args=[lesson.id])
        return [TodayItem(_("Lesson: %(t)s") % {"t": lesson.title}, url, lesson.minutes, True)]
    lesson = services.next_lesson_for(patient)
    if lesson is None:
        return []
    url = reverse("learn:lesson", args=[lesson.id])
    return [TodayItem(_("Lesson: %(t)s") % {"t": lesson.title}, url, lesson.minutes, False)]


def _somatic_today(patient: Any, minutes: int, day: dt.date) -> list[TodayItem]:
    done = services.done_on(patient, day, "somatic")
    return [
        TodayItem(
            _("Somatic tracking"),
            reverse("learn:somatic"),
            max(minutes, 5),
            done,
            _("Notice the pain with calm curiosity."),
        )
    ]


def _exposure_today(patient: Any, minutes: int, day: dt.date) -> list[TodayItem]:
    done = services.done_on(patient, day, "exposure")
    step = services.suggested_step(services.ladder(patient))
    if step is None:
        return [TodayItem(_("Build your fear ladder"), reverse("learn:ladder"), minutes, done)]
    return [
        TodayItem(
            _("Fear ladder: %(step)s") % {"step": step.name},
            reverse("learn:ladder"),
            minutes,
            done,
            _("A small experiment: guess, try, compare."),
        )
    ]


# What the weekly review says for each kind of practice done that week (written out in full
# so that makemessages finds both forms).
WEEK_LINES: list[tuple[str, Callable[[int], str]]] = [
    ("lessons", lambda n: ngettext("%(n)s lesson finished.", "%(n)s lessons finished.", n)),
    (
        "somatic",
        lambda n: ngettext(
            "%(n)s somatic tracking session.", "%(n)s somatic tracking sessions.", n
        ),
    ),
    (
        "exposure",
        lambda n: ngettext("%(n)s fear ladder experiment.", "%(n)s fear ladder experiments.", n),
    ),
]


def _week(patient: Any, start: dt.date, end: dt.date) -> list[str]:
    counts = services.counts_between(patient, start, end)
    return [line(counts[key]) % {"n": counts[key]} for key, line in WEEK_LINES if counts[key]]


def register() -> None:
    register_module(
        Module(
            "education",
            "learn:lessons",
            _lesson_today,
            _week,
            clinician=("learn/_clinician.html", _clinician),
        )
    )
    # One weekly summary covers the three (it is given with education's).
    register_module(Module("pain_reprocessing", "learn:practice", _somatic_today))
    register_module(Module("graded_exposure", "learn:ladder", _exposure_today))


def _clinician(patient: Any) -> dict[str, Any]:
    view = services.for_clinician(patient)
    sessions = view.somatic
    pairs = [(s.pain_before, s.pain_after) for s in sessions if s.pain_after is not None]
    beliefs = tracking.recent_beliefs(patient, 24)  # the latest two years, oldest first
    return {
        "view": view,
        "sentence": services.somatic_sentence(sessions),
        "mean_before": round(sum(b for b, _a in pairs) / len(pairs), 1) if pairs else None,
        "mean_after": round(sum(a for _b, a in pairs) / len(pairs), 1) if pairs else None,
        "beliefs": beliefs,
    }
