"""What left and right training offers the Today page, the weekly review, the plan and the
clinician (see lib/practices)."""

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from painwise.clinical.gmi.results import SIDES
from painwise.gmi import services
from painwise.gmi.models import ImagerySession
from painwise.lib.practices import Module, TodayItem
from painwise.lib.practices import register as register_module


def _today(patient: Any, minutes: int, day: dt.date) -> list[TodayItem]:
    return [
        TodayItem(
            _("Left and right training"),
            reverse("gmi:home"),
            max(minutes, 3),
            services.done_on(patient, day) > 0,
            _("Pictures of backs: is each one turning to its left or right?"),
        )
    ]


def _week(patient: Any, start: dt.date, end: dt.date) -> list[str]:
    counts = services.counts_between(patient, start, end)
    lines = []
    if counts["sessions"]:
        n = counts["sessions"]
        lines.append(
            ngettext("%(n)s left and right session.", "%(n)s left and right sessions.", n)
            % {"n": n}
        )
    if counts["imagery"]:
        n = counts["imagery"]
        lines.append(
            ngettext("%(n)s motor imagery session.", "%(n)s motor imagery sessions.", n) % {"n": n}
        )
    return lines


def _percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


def _clinician(patient: Any) -> dict[str, Any]:
    rows = []
    for found in services.history(patient):
        for part, stat in found.summary.by_part.items():
            trials = [t for t in found.session.trials.all() if t.part == part]
            per_side = {
                side: services.results.summarize([t for t in _core(trials) if t.side == side])
                for side in SIDES
            }
            rows.append(
                {
                    "date": found.session.local_date,
                    "level": found.session.level,
                    "part": part,
                    "left": _percent(per_side["left"].overall.accuracy),
                    "right": _percent(per_side["right"].overall.accuracy),
                    "median": f"{stat.median_ms / 1000:.2f} s" if stat.median_ms else "",
                }
            )
    return {
        "rows": rows,
        "norm": round(services.SETTINGS.accuracy_norm * 100),
        "imagery": ImagerySession.objects.filter(
            patient=patient, finished_at__isnull=False
        ).count(),
    }


def _core(trials: list[Any]) -> list[Any]:
    return [services.Trial(t.part, t.side, t.correct, t.response_ms) for t in trials]


def register() -> None:
    register_module(
        Module(
            "graded_motor_imagery",
            "gmi:home",
            _today,
            _week,
            clinician=("gmi/_clinician.html", _clinician),
            signals=lambda patient: {"laterality_below_usual": services.below_usual(patient)},
        )
    )
