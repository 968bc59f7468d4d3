"""Sleep diary and breathing practice: checked, saved in one transaction, audited."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from painwise.accounts.models import User
from painwise.audit import services as audit
from painwise.calm.models import BreathingSession, MindfulSession, Pattern, SleepEntry
from painwise.calm.scripts import LENGTHS, SCRIPTS
from painwise.clinical.sleep import NightError, SleepSettings, night
from painwise.lib import clock
from painwise.lib.errors import DomainError

audit.register(
    {
        "calm.sleep_saved": gettext_lazy("Sleep diary night saved"),
        "calm.breathing_logged": gettext_lazy("Breathing practice logged"),
        "calm.mindful_logged": gettext_lazy("Mindfulness session logged"),
    }
)
SETTINGS = SleepSettings()
NIGHT_MESSAGES = {
    "minutes_to_sleep": gettext_lazy("Please give the minutes as 0 or more."),
    "minutes_awake": gettext_lazy(
        "The time to fall asleep and the time awake add up to more than the whole night. "
        "Please check them."
    ),
    "out_of_bed": gettext_lazy("That makes a night longer than 24 hours. Please check the times."),
    "final_wake": gettext_lazy("Please check the time you woke up."),
}
LONGEST_BREATHING = 2 * 60 * 60


def today(patient: User) -> dt.date:
    return clock.local_today(patient.time_zone)


@transaction.atomic
def save_night(patient: User, night_of: dt.date, answers: dict[str, Any]) -> SleepEntry:
    """Save (or correct) one night. A night in the future is refused; so is one the core says
    cannot have happened, with the answer to fix."""
    if night_of >= today(patient):
        raise DomainError(_("Choose last night or an earlier night."), "night_of")
    for name in ("bed_time", "final_wake", "out_of_bed"):
        if answers[name].tzinfo is not None:  # a wall-clock time has no zone of its own
            raise DomainError(_("Give the clock time as it was where you slept."), name)
    try:
        found = night(
            night_of,
            answers["bed_time"],
            answers["minutes_to_sleep"],
            answers["minutes_awake"],
            answers["final_wake"],
            answers["out_of_bed"],
            patient.time_zone,
            SETTINGS,
        )
    except NightError as exc:
        raise DomainError(str(NIGHT_MESSAGES.get(exc.field, exc)), exc.field) from None
    entry, _created = SleepEntry.objects.update_or_create(
        patient=patient,
        night_of=night_of,
        defaults={
            **answers,
            "in_bed_minutes": found.in_bed_minutes,
            "asleep_minutes": found.asleep_minutes,
            "efficiency": found.efficiency,
            "created_at": clock.now(),
        },
    )
    audit.record("calm.sleep_saved", actor=patient, patient=patient, obj=entry)
    return entry


def nights(patient: User, days: int = 56) -> list[SleepEntry]:
    """The nights of the last ``days`` days, oldest first."""
    since = today(patient) - dt.timedelta(days=days)
    return list(SleepEntry.objects.filter(patient=patient, night_of__gte=since))


def weekly(entries: list[SleepEntry], end: dt.date, weeks: int = 8) -> list[dict[str, Any]]:
    """Mean efficiency, time asleep and quality for each of the last ``weeks`` weeks to ``end``
    (a week with no entry has None)."""
    out = []
    for w in range(weeks - 1, -1, -1):
        last = end - dt.timedelta(days=7 * w)
        first = last - dt.timedelta(days=6)
        rows = [e for e in entries if first <= e.night_of <= last]
        n = len(rows)
        out.append(
            {
                "start": first,
                "nights": n,
                "efficiency": sum(e.efficiency for e in rows) / n if n else None,
                "asleep_hours": sum(e.asleep_minutes for e in rows) / n / 60 if n else None,
                "quality": sum(e.quality for e in rows) / n if n else None,
            }
        )
    return out


@transaction.atomic
def log_breathing(patient: User, seconds: Any, pattern: Any) -> BreathingSession:
    if pattern not in Pattern.values:
        raise DomainError(_("Choose a breathing pattern."), "pattern")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise DomainError(_("The time could not be read."), "seconds")
    if not 10 <= seconds <= LONGEST_BREATHING:
        raise DomainError(_("Only practice from 10 seconds to 2 hours is logged."), "seconds")
    session = BreathingSession.objects.create(
        patient=patient, local_date=today(patient), pattern=pattern, seconds=round(seconds)
    )
    audit.record("calm.breathing_logged", actor=patient, patient=patient, obj=session)
    return session


@transaction.atomic
def log_mindful(patient: User, script: Any, minutes: Any, seconds: Any) -> MindfulSession:
    """A guided session, logged when it ends (early or on time): the seconds practised."""
    if script not in SCRIPTS or minutes not in LENGTHS:
        raise DomainError(_("Choose a session and its length."), "script")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise DomainError(_("The time could not be read."), "seconds")
    if not 10 <= seconds <= minutes * 60 + 60:
        raise DomainError(_("That time does not fit the session, so it was not saved."), "seconds")
    session = MindfulSession.objects.create(
        patient=patient,
        local_date=today(patient),
        script=script,
        planned_minutes=minutes,
        seconds=round(seconds),
    )
    audit.record("calm.mindful_logged", actor=patient, patient=patient, obj=session)
    return session


def calm_minutes(patient: User, start: dt.date, end: dt.date) -> int:
    """Minutes of mindfulness and slow breathing from ``start`` to ``end`` (local dates)."""
    seconds = 0
    for model in (BreathingSession, MindfulSession):
        rows = model.objects.filter(patient=patient, local_date__range=(start, end))
        seconds += sum(rows.values_list("seconds", flat=True))
    return round(seconds / 60)
