"""What the sleep diary and slow breathing offer Today, the weekly review and the clinician
(see lib/practices). Thinking skills (CBT) have no pages yet."""

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from painwise.calm import services
from painwise.calm.models import (
    BreathingSession,
    MindfulSession,
    PlannedActivity,
    ProblemSheet,
    SleepEntry,
    ThoughtRecord,
)
from painwise.lib.practices import Module, TodayItem
from painwise.lib.practices import register as register_module


def _sleep_today(patient: Any, minutes: int, day: dt.date) -> list[TodayItem]:
    done = SleepEntry.objects.filter(patient=patient, night_of=day - dt.timedelta(days=1)).exists()
    return [
        TodayItem(
            _("Sleep diary: last night"),
            reverse("calm:sleep"),
            max(1, min(minutes, 2)),
            done,
            _("A minute about how you slept."),
        )
    ]


def _calm_today(patient: Any, minutes: int, day: dt.date) -> list[TodayItem]:
    done = services.calm_minutes(patient, day, day) > 0
    return [
        TodayItem(
            _("Mindfulness or slow breathing"),
            reverse("calm:mindful"),
            max(minutes, 3),
            done,
            _("A short guided session, or breathing with the circle."),
        )
    ]


def _cbt_today(patient: Any, minutes: int, day: dt.date) -> list[TodayItem]:
    done = (
        ThoughtRecord.objects.filter(
            patient=patient, finished_at__isnull=False, local_date=day
        ).exists()
        or PlannedActivity.objects.filter(activity__patient=patient, day=day, done=True).exists()
        or ProblemSheet.objects.filter(patient=patient, local_date=day).exists()
    )
    return [
        TodayItem(
            _("Thinking skills"),
            reverse("calm:thought_list"),
            max(minutes, 5),
            done,
            _("A thought record, a planned activity, or a problem to solve."),
        )
    ]


def _cbt_week(patient: Any, start: dt.date, end: dt.date) -> list[str]:
    n = ThoughtRecord.objects.filter(
        patient=patient, finished_at__isnull=False, local_date__range=(start, end)
    ).count()
    done = PlannedActivity.objects.filter(
        activity__patient=patient, day__range=(start, end), done=True
    ).count()
    lines = []
    if n:
        lines.append(ngettext("%(n)s thought record.", "%(n)s thought records.", n) % {"n": n})
    if done:
        lines.append(
            ngettext("%(n)s planned activity done.", "%(n)s planned activities done.", done)
            % {"n": done}
        )
    return lines


def _sleep_week(patient: Any, start: dt.date, end: dt.date) -> list[str]:
    n = SleepEntry.objects.filter(patient=patient, night_of__range=(start, end)).count()
    if not n:
        return []
    return [
        ngettext("%(n)s night in the sleep diary.", "%(n)s nights in the sleep diary.", n)
        % {"n": n}
    ]


def _calm_week(patient: Any, start: dt.date, end: dt.date) -> list[str]:
    minutes = services.calm_minutes(patient, start, end)
    if not minutes:
        return []
    return [
        ngettext(
            "%(n)s minute of mindfulness and slow breathing.",
            "%(n)s minutes of mindfulness and slow breathing.",
            minutes,
        )
        % {"n": minutes}
    ]


def _clinician(patient: Any) -> dict[str, Any]:
    today = services.today(patient)
    entries = services.nights(patient)
    weeks = services.weekly(entries, today - dt.timedelta(days=1))
    return {
        "weeks": [w for w in weeks if w["nights"]],
        "good": round(services.SETTINGS.good_efficiency * 100),
        "calm_minutes": services.calm_minutes(patient, today - dt.timedelta(days=27), today),
        "thought_records": ThoughtRecord.objects.filter(
            patient=patient, finished_at__isnull=False
        ).count(),
        "problem_sheets": ProblemSheet.objects.filter(patient=patient).count(),
        "shared_problems": list(ProblemSheet.objects.filter(patient=patient, shared=True)[:10]),
        "shared_thoughts": list(
            ThoughtRecord.objects.filter(patient=patient, shared=True, finished_at__isnull=False)[
                :10
            ]
        ),
    }


def _daily(
    patient: Any, start: dt.date | None, end: dt.date | None
) -> dict[dt.date, dict[str, float]]:
    """For the personal patterns: last night's sleep efficiency (%) on the day after it, and
    the minutes of mindfulness and slow breathing logged each day."""
    out: dict[dt.date, dict[str, float]] = {}
    nights = SleepEntry.objects.filter(patient=patient)
    if start is not None:
        nights = nights.filter(night_of__gte=start - dt.timedelta(days=1))
    if end is not None:
        nights = nights.filter(night_of__lt=end)
    for night_of, efficiency in nights.values_list("night_of", "efficiency"):
        out.setdefault(night_of + dt.timedelta(days=1), {})["sleep_efficiency"] = efficiency * 100
    for model in (BreathingSession, MindfulSession):
        rows = model.objects.filter(patient=patient)
        if start is not None:
            rows = rows.filter(local_date__gte=start)
        if end is not None:
            rows = rows.filter(local_date__lte=end)
        for day, seconds in rows.values_list("local_date", "seconds"):
            minutes = out.setdefault(day, {})
            minutes["practice_minutes"] = minutes.get("practice_minutes", 0.0) + seconds / 60
    return out


def checkin_prefill(patient: Any) -> dict[str, Any]:
    """Today's logged mindfulness and slow breathing, as the check-in's practice minutes."""
    day = services.today(patient)
    minutes = _daily(patient, day, day).get(day, {}).get("practice_minutes")
    return {"practice_minutes": round(minutes)} if minutes else {}


def register() -> None:
    register_module(
        Module(
            "sleep",
            "calm:sleep",
            _sleep_today,
            _sleep_week,
            clinician=("calm/_clinician.html", _clinician),
            daily=_daily,
        )
    )
    register_module(Module("mindfulness", "calm:mindful", _calm_today, _calm_week))
    register_module(Module("cbt", "calm:thought_list", _cbt_today, _cbt_week))
