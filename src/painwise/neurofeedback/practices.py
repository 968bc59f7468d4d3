"""What neurofeedback offers the Today page, the weekly review, the plan and the clinician
(see lib/practices). Offered only to a person who opted in."""

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from painwise.lib.practices import Module, TodayItem
from painwise.lib.practices import register as register_module
from painwise.neurofeedback import services
from painwise.neurofeedback.models import NfSession, Status

SESSION_MINUTES = 15  # a usual session: check, 1 minute of calibration, a block or two


def _today(patient: Any, minutes: int, day: dt.date) -> list[TodayItem]:
    if not services.profile(patient).opted_in:
        return []
    return [
        TodayItem(
            _("Brain-signal training (optional)"),
            reverse("neurofeedback:home"),
            SESSION_MINUTES,
            services.done_on(patient, day),
            _("An add-on you chose to try: watch a calm scene follow your brain's rhythm."),
        )
    ]


def _week(patient: Any, start: dt.date, end: dt.date) -> list[str]:
    n = NfSession.objects.filter(
        patient=patient, status=Status.FINISHED, local_date__range=(start, end)
    ).count()
    if not n:
        return []
    return [ngettext("%(n)s neurofeedback session.", "%(n)s neurofeedback sessions.", n) % {"n": n}]


def _clinician(patient: Any) -> dict[str, Any]:
    rows = []
    for session in services.history(patient):
        summary = session.summary or {}
        rows.append(
            {
                "date": session.local_date,
                "protocol": session.protocol,
                "board": session.board,
                "minutes": round((summary.get("seconds") or 0) / 60, 1),
                "reward": summary.get("time_in_reward"),
                "change": summary.get("protocol_change"),
                "artifacts": sum((summary.get("artifacts") or {}).values()),
                "windows": summary.get("windows"),
                "latency": summary.get("latency_ms_p95"),
            }
        )
    return {"rows": rows, "opted_in": services.profile(patient).opted_in}


def register() -> None:
    register_module(
        Module(
            "neurofeedback",
            "neurofeedback:home",
            _today,
            _week,
            clinician=("neurofeedback/_clinician.html", _clinician),
            signals=lambda patient: {"neurofeedback_opted_in": services.profile(patient).opted_in},
        )
    )
