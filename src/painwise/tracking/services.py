"""Tracking state changes and the figures the review shows.

Check-ins are stored as given; the clinical core turns them into daily means, the three
signals, alerts and personal patterns. Every change runs in one transaction with its audit entry.
"""

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from painwise.accounts.models import Role, User
from painwise.alerts import services as alerts
from painwise.alerts.models import AlertKind
from painwise.assessment import services as assessment
from painwise.assessment.models import AssessmentRecord, Source
from painwise.audit import services as audit
from painwise.clinical.common import Reason
from painwise.clinical.tracking.checkin import CheckInData
from painwise.clinical.tracking.patterns import Patterns, find_patterns
from painwise.clinical.tracking.rules import TrackingSettings
from painwise.clinical.tracking.signals import (
    FIELDS,
    Day,
    Entry,
    Review,
    WeeklyRating,
    daily_means,
    review,
    review_window,
)
from painwise.lib import clock, practices
from painwise.lib.errors import DomainError
from painwise.lib.reads import once_per_view
from painwise.tracking.clinical import clinical_reason
from painwise.tracking.models import (
    ActivityGoal,
    BeliefsCheck,
    CheckIn,
    CheckInEdit,
    GoalRating,
    InsightSnapshot,
    ReminderSettings,
    WeeklyCheck,
)
from painwise.tracking.signals import checkins_changed

log = logging.getLogger(__name__)

MAX_DAYS_BACK = clock.MAX_DAYS_BACK


def tracking_settings() -> TrackingSettings:
    return TrackingSettings(**getattr(settings, "PAINWISE_TRACKING", {}))


def local_today(patient: User) -> dt.date:
    return clock.local_today(patient.time_zone)


# --- check-ins --------------------------------------------------------------------------------

VALUE_FIELDS = CheckIn.VALUE_FIELDS


@dataclass(frozen=True)
class SavedCheckIn:
    checkin: CheckIn
    red_flag_record: AssessmentRecord | None


def save_checkin(patient: User, data: CheckInData) -> SavedCheckIn:
    """Store a new check-in (the web form and the API both hand over a validated CheckInData).
    Several a day are allowed. New red-flag symptoms take the same emergency or urgent path as
    the assessment."""
    if patient.role != Role.PATIENT:
        raise DomainError(_("Only patients keep check-ins."))
    date = clock.recent_day(data.date, patient.time_zone)
    values = data.model_dump(include=set(VALUE_FIELDS))
    with transaction.atomic():
        checkin = CheckIn.objects.create(
            patient=patient,
            local_date=date,
            new_symptoms=sorted(data.new_symptoms),
            **{name: _clean(name, value) for name, value in values.items()},
        )
        audit.record("tracking.checkin_saved", actor=patient, patient=patient, obj=checkin)
        record = assessment.record_new_red_flags(
            patient, list(checkin.new_symptoms), source=Source.CHECKIN
        )
        alerts_after_commit(patient)
    return SavedCheckIn(checkin, record)


def _clean(name: str, value: Any) -> Any:
    if name == "sleep_hours" and value is not None:
        return Decimal(str(value)).quantize(Decimal("0.1"))
    if name == "note":
        return value or ""
    if name == "flare":
        return bool(value)
    return value


def can_edit(checkin: CheckIn, patient: User) -> bool:
    """Entries can be edited on the day they were made (the patient's own day)."""
    made_on = checkin.created_at.astimezone(patient.tzinfo).date()
    return checkin.patient_id == patient.pk and made_on == local_today(patient)


def edit_checkin(checkin_id: int, patient: User, data: dict[str, Any]) -> CheckIn:
    """Change today's entry; the values before and after are kept as history. Two tabs editing
    at once both land: the row lock orders them and each edit records what it replaced."""
    with transaction.atomic():
        checkin = CheckIn.objects.select_for_update().get(pk=checkin_id, patient=patient)
        if not can_edit(checkin, patient):
            raise DomainError(_("Only today's check-ins can be changed."))
        before = checkin.snapshot()
        changed = []
        for name in VALUE_FIELDS:
            if name in data:
                value = _clean(name, data[name])
                if getattr(checkin, name) != value:
                    setattr(checkin, name, value)
                    changed.append(name)
        if not changed:
            return checkin
        checkin.updated_at = clock.now()
        checkin.save(update_fields=[*changed, "updated_at"])
        CheckInEdit.objects.create(
            checkin=checkin, editor=patient, before=before, after=checkin.snapshot()
        )
        audit.record(
            "tracking.checkin_edited",
            actor=patient,
            patient=patient,
            obj=checkin,
            data={"fields": changed},
        )
        checkins_changed.send(CheckIn, patient=patient, first=checkin.local_date)
        alerts_after_commit(patient)
    return checkin


# --- reading ----------------------------------------------------------------------------------

# (date, the core's daily fields in order, flare): one row per check-in, read in one query.
_ENTRY_FIELDS = ("local_date", *FIELDS, "flare")


def days_for(patient: User, start: dt.date | None = None, end: dt.date | None = None) -> list[Day]:
    """The patient's daily means (one query, and one for each module's practice values)."""
    rows = CheckIn.objects.filter(patient=patient)
    if start is not None:
        rows = rows.filter(local_date__gte=start)
    if end is not None:
        rows = rows.filter(local_date__lte=end)
    return with_practice(_daily_means(rows), practices.daily_values(patient, start, end))


def _daily_means(rows: QuerySet[CheckIn]) -> list[Day]:
    entries = []
    for row in rows.values_list(*_ENTRY_FIELDS):
        values = dict(zip(_ENTRY_FIELDS[1:-1], row[1:-1], strict=True))
        if values["sleep_hours"] is not None:
            values["sleep_hours"] = float(values["sleep_hours"])
        entries.append(Entry(row[0], values, bool(row[-1])))
    return daily_means(entries)


def review_days(
    patient: User, today: dt.date, rules: TrackingSettings
) -> tuple[list[Day], list[dt.date]]:
    """The days the review and the personal patterns read (the baseline week and the recent
    days: ``review_window``), and the date of every check-in up to today, for the counts. The
    same queries and about the same work for a year of history or ten: only the dates are read
    from every day."""
    dates = list(
        CheckIn.objects.filter(patient=patient, local_date__lte=today)
        .order_by("local_date")
        .values_list("local_date", flat=True)
        .distinct()
    )
    if not dates:
        return [], []
    baseline, recent = review_window(dates[0], dates[-1], today, rules)
    rows = CheckIn.objects.filter(patient=patient).filter(
        Q(local_date__range=baseline) | Q(local_date__range=recent)
    )
    # Practice values feed only the patterns, which read no further back than the recent days.
    return with_practice(_daily_means(rows), practices.daily_values(patient, *recent)), dates


def pain_by_day(patient: User, dates: list[dt.date]) -> dict[dt.date, float]:
    """The day's pain (average pain, or pain now when that was all the check-in asked; the
    mean of the day's check-ins) for each of ``dates`` that has one. One query."""
    found: dict[dt.date, list[int]] = {}
    rows = CheckIn.objects.filter(patient=patient, local_date__in=set(dates))
    for day, average, now in rows.values_list("local_date", "pain_average", "pain_now"):
        value = average if average is not None else now
        if value is not None:
            found.setdefault(day, []).append(value)
    return {day: round(sum(v) / len(v), 1) for day, v in found.items()}


def with_practice(days: list[Day], extra: dict[dt.date, dict[str, float]]) -> list[Day]:
    """Add what the practice modules recorded to the check-in days: the sleep diary's
    efficiency, and minutes of practice logged in the app (the larger of those and the minutes
    the person reported, so nothing is counted twice)."""
    for day in days:
        for name, value in extra.get(day.date, {}).items():
            reported = day.values.get(name)
            day.values[name] = max(reported, value) if reported is not None else value
    return days


def weekly_for(patient: User) -> list[WeeklyRating]:
    """Weekly PEG and PSFS ratings (two queries)."""
    checks = list(WeeklyCheck.objects.filter(patient=patient).order_by("local_date", "created_at"))
    ratings: dict[int, dict[str, int]] = {}
    for weekly_id, goal_id, score in GoalRating.objects.filter(weekly__patient=patient).values_list(
        "weekly_id", "goal_id", "score"
    ):
        ratings.setdefault(weekly_id, {})[str(goal_id)] = score
    return [
        WeeklyRating(
            w.local_date, w.peg_pain, w.peg_enjoyment, w.peg_activity, ratings.get(w.pk, {})
        )
        for w in checks
    ]


@dataclass(frozen=True)
class ReviewData:
    today: dt.date
    days: list[Day]
    weekly: list[WeeklyRating]
    review: Review
    patterns: Patterns
    beliefs: list[BeliefsCheck]


def recent_beliefs(patient: User, months: int) -> list[BeliefsCheck]:
    """The latest ``months`` monthly beliefs checks, oldest first (one query)."""
    latest = BeliefsCheck.objects.filter(patient=patient).order_by("-local_date", "-created_at")
    return list(latest[:months])[::-1]


def review_for(patient: User) -> ReviewData:
    today = local_today(patient)
    rules = tracking_settings()
    days, dates = review_days(patient, today, rules)
    weekly = weekly_for(patient)
    beliefs = recent_beliefs(patient, 12)  # the latest year
    return ReviewData(
        today,
        days,
        weekly,
        review(days, weekly, today, rules, checkin_dates=dates),
        find_patterns(days, rules),
        beliefs,
    )


# --- alerts -------------------------------------------------------------------------------------


def alerts_after_commit(patient: User) -> None:
    """Deterioration and plateau read the person's history, so they are evaluated by the
    worker after the save commits, never in the request: a save costs the same for a person
    with one day of history and one with three years. The red-flag path stays in the request."""
    from painwise.tracking.tasks import evaluate_patient_alerts

    # Queued in the same transaction as the save (one commit, and no save without its
    # evaluation): the database queue's worker sees the task only once the save is committed.
    evaluate_patient_alerts.enqueue(patient.pk)


def evaluate_alerts(patient: User) -> list[str]:
    """Raise deterioration and plateau alerts for the care team (once per event)."""
    today = local_today(patient)
    rules = tracking_settings()
    days, dates = review_days(patient, today, rules)
    result = review(days, weekly_for(patient), today, rules, checkin_dates=dates)
    raised = []
    open_kinds = set(patient.alerts.filter(resolved_at__isnull=True).values_list("kind", flat=True))
    if result.deterioration and AlertKind.DETERIORATION not in open_kinds:
        week = result.baseline_start and (today - result.baseline_start).days // 7
        alerts.raise_alert(
            patient,
            kind=AlertKind.DETERIORATION,
            source=f"tracking.deterioration:week{week}",
            rules=[r.rule for r in result.deterioration],
            reasons=[clinical_reason(r) for r in result.deterioration],
        )
        raised.append("deterioration")
    if result.plateau is not None and AlertKind.PLATEAU not in open_kinds:
        block = result.baseline_start and (today - result.baseline_start).days // (
            7 * rules.plateau_window_weeks
        )
        alerts.raise_alert(
            patient,
            kind=AlertKind.PLATEAU,
            source=f"tracking.plateau:block{block}",
            rules=[result.plateau.rule],
            reasons=[clinical_reason(result.plateau)],
        )
        raised.append("plateau")
    return raised


# --- goals, weekly and monthly forms ----------------------------------------------------------


@transaction.atomic
def save_goals(patient: User, names: list[str], ratings: list[int | None]) -> list[ActivityGoal]:
    """Name up to five activities that are hard now, with how well they can be done today."""
    names = [n.strip() for n in names]
    pairs = [(n, r) for n, r in zip(names, ratings, strict=True) if n]
    if not pairs:
        raise DomainError(_("Name at least one activity."), "name_1")
    if len(pairs) > ActivityGoal.MAX_ACTIVE:
        raise DomainError(_("Choose up to five activities."))
    if any(r is None for _n, r in pairs):
        raise DomainError(_("Rate how well you can do each activity now."))
    now = clock.now()
    ActivityGoal.objects.filter(patient=patient, archived_at__isnull=True).update(archived_at=now)
    goals = [
        ActivityGoal.objects.create(patient=patient, name=name, position=i)
        for i, (name, _r) in enumerate(pairs)
    ]
    weekly = WeeklyCheck.objects.create(patient=patient, local_date=local_today(patient))
    GoalRating.objects.bulk_create(
        GoalRating(weekly=weekly, goal=g, score=r) for g, (_n, r) in zip(goals, pairs, strict=True)
    )
    audit.record("tracking.goals_saved", actor=patient, patient=patient, data={"count": len(goals)})
    return goals


@transaction.atomic
def add_goal(patient: User, name: str, rating: int) -> ActivityGoal:
    """Add one activity to the ones the person wants back (a climbed fear-ladder step, say),
    with how well it can be done now (0-10), beside those already named."""
    name = name.strip()
    if not name:
        raise DomainError(_("Name the activity."), "name")
    if not 0 <= rating <= 10:
        raise DomainError(_("Rate it from 0 to 10."), "rating")
    current = list(
        ActivityGoal.objects.select_for_update().filter(patient=patient, archived_at__isnull=True)
    )
    if any(g.name.casefold() == name.casefold() for g in current):
        raise DomainError(_("This activity is already on your list."), "name")
    if len(current) >= ActivityGoal.MAX_ACTIVE:
        raise DomainError(
            _("You already have five activities. Change your list on the activities page first.")
        )
    goal = ActivityGoal.objects.create(patient=patient, name=name, position=len(current))
    weekly = WeeklyCheck.objects.create(patient=patient, local_date=local_today(patient))
    GoalRating.objects.create(weekly=weekly, goal=goal, score=rating)
    audit.record("tracking.goals_saved", actor=patient, patient=patient, data={"count": 1})
    return goal


def active_goals(patient: User) -> list[ActivityGoal]:
    return list(ActivityGoal.objects.filter(patient=patient, archived_at__isnull=True))


@transaction.atomic
def save_weekly(
    patient: User, *, peg: tuple[int, int, int], ratings: dict[int, int]
) -> WeeklyCheck:
    goals = {g.pk: g for g in active_goals(patient)}
    unknown = set(ratings) - set(goals)
    if unknown:
        raise DomainError(_("That activity is not one of yours."))
    weekly = WeeklyCheck.objects.create(
        patient=patient,
        local_date=local_today(patient),
        peg_pain=peg[0],
        peg_enjoyment=peg[1],
        peg_activity=peg[2],
    )
    GoalRating.objects.bulk_create(
        GoalRating(weekly=weekly, goal=goals[goal_id], score=score)
        for goal_id, score in ratings.items()
    )
    audit.record("tracking.weekly_saved", actor=patient, patient=patient, obj=weekly)
    alerts_after_commit(patient)
    return weekly


@transaction.atomic
def save_beliefs(patient: User, data: dict[str, Any]) -> BeliefsCheck:
    check = BeliefsCheck.objects.create(patient=patient, local_date=local_today(patient), **data)
    audit.record("tracking.beliefs_saved", actor=patient, patient=patient, obj=check)
    return check


def due_prompts(patient: User) -> dict[str, bool]:
    """What the Today page should ask for: goals once, PEG/PSFS weekly, beliefs monthly."""
    today = local_today(patient)
    has_goals = ActivityGoal.objects.filter(patient=patient, archived_at__isnull=True).exists()
    last_weekly = (
        WeeklyCheck.objects.filter(patient=patient, peg_pain__isnull=False)
        .order_by("-local_date")
        .values_list("local_date", flat=True)
        .first()
    )
    last_beliefs = (
        BeliefsCheck.objects.filter(patient=patient)
        .order_by("-local_date")
        .values_list("local_date", flat=True)
        .first()
    )
    return {
        "goals": not has_goals,
        "weekly": last_weekly is None or (today - last_weekly).days >= 7,
        "beliefs": last_beliefs is None or (today - last_beliefs).days >= 28,
        "checkin": not checked_in_on(patient, today),
    }


def checked_in_on(patient: User, day: dt.date) -> bool:
    """Has the patient checked in on ``day``? (Once per page view: Today's prompts and the
    check-in banner both ask.)"""
    return once_per_view(
        ("checked_in_on", patient.pk, day),
        lambda: CheckIn.objects.filter(patient=patient, local_date=day).exists(),
    )


# --- insights -----------------------------------------------------------------------------------


def shown_patterns(patient: User) -> dict[str, Reason]:
    """The personal patterns the progress page shows now, each under a stable key (the same
    sentence with the same words keeps its key), so that another page can offer them."""
    rules = tracking_settings()
    days, _dates = review_days(patient, local_today(patient), rules)
    return {pattern_key(reason): reason for reason in find_patterns(days, rules).insights}


def pattern_key(reason: Reason) -> str:
    record = json.dumps([reason.rule, reason.template, reason.params], sort_keys=True)
    return hashlib.sha256(record.encode()).hexdigest()[:16]


def recompute_insights(patient: User) -> InsightSnapshot:
    days = days_for(patient)
    patterns = find_patterns(days, tracking_settings())
    snapshot, _created = InsightSnapshot.objects.update_or_create(
        patient=patient,
        defaults={
            "computed_at": clock.now(),
            "days": len(days),
            "data": patterns.to_dict(record=True),
        },
    )
    return snapshot


def recompute_all_insights(batch: int = 2000) -> tuple[int, int]:
    """Recompute every patient's patterns in one pass over the check-ins (one streaming query,
    ordered by patient), and write the snapshots in bulk. Returns (patients, check-ins)."""
    rules = tracking_settings()
    now = clock.now()
    existing = dict(InsightSnapshot.objects.values_list("patient_id", "pk"))
    to_create: list[InsightSnapshot] = []
    to_update: list[InsightSnapshot] = []
    rows_seen = 0
    patients = 0

    def flush(patient_id: int, entries: list[Entry]) -> None:
        nonlocal patients
        days = with_practice(daily_means(entries), practices.daily_values(patient_id))
        snap = InsightSnapshot(
            patient_id=patient_id,
            computed_at=now,
            days=len(days),
            data=find_patterns(days, rules).to_dict(record=True),
        )
        if patient_id in existing:
            snap.pk = existing[patient_id]
            to_update.append(snap)
        else:
            to_create.append(snap)
        patients += 1
        if len(to_create) + len(to_update) >= 200:
            _write(to_create, to_update)

    current: int | None = None
    entries: list[Entry] = []
    query = (
        CheckIn.objects.order_by("patient_id", "local_date")
        .values_list("patient_id", *_ENTRY_FIELDS)
        .iterator(chunk_size=batch)
    )
    for row in query:
        rows_seen += 1
        if row[0] != current:
            if current is not None:
                flush(current, entries)
            current, entries = row[0], []
        values = dict(zip(_ENTRY_FIELDS[1:-1], row[2:-1], strict=True))
        if values["sleep_hours"] is not None:
            values["sleep_hours"] = float(values["sleep_hours"])
        entries.append(Entry(row[1], values, bool(row[-1])))
    if current is not None:
        flush(current, entries)
    _write(to_create, to_update)
    return patients, rows_seen


def _write(to_create: list[InsightSnapshot], to_update: list[InsightSnapshot]) -> None:
    with transaction.atomic():
        InsightSnapshot.objects.bulk_create(to_create)
        InsightSnapshot.objects.bulk_update(to_update, ["computed_at", "days", "data"])
    to_create.clear()
    to_update.clear()


@transaction.atomic
def update_reminders(patient: User, *, enabled: bool, time: dt.time) -> None:
    settings_row, _created = ReminderSettings.objects.select_for_update().get_or_create(
        patient=patient
    )
    settings_row.enabled, settings_row.time = enabled, time
    settings_row.save(update_fields=["enabled", "time"])
    audit.record(
        "tracking.reminder_settings_changed",
        actor=patient,
        patient=patient,
        data={"enabled": enabled, "time": time.strftime("%H:%M")},
    )


# Areas above tracking (the program, the practice modules) prefill the check-in with what they
# already know, such as today's logged activity minutes. They register here at start-up, so
# tracking never imports them.
CheckInPrefill = Callable[[User], dict[str, Any]]
CHECKIN_PREFILLS: list[CheckInPrefill] = []


def register_checkin_prefill(prefill: CheckInPrefill) -> CheckInPrefill:
    if prefill not in CHECKIN_PREFILLS:
        CHECKIN_PREFILLS.append(prefill)
    return prefill


def checkin_defaults(patient: User) -> dict[str, Any]:
    """What the other areas already know for today's check-in."""
    defaults: dict[str, Any] = {}
    for prefill in CHECKIN_PREFILLS:
        defaults.update(prefill(patient))
    return defaults


def reminder_settings(patient: User) -> ReminderSettings:
    """The patient's reminder settings, or the defaults (unsaved: reading never writes)."""
    return ReminderSettings.objects.filter(patient=patient).first() or ReminderSettings(
        patient=patient
    )
