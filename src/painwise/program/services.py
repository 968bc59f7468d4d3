"""The plan and the graded-activity engine at the edge: build, store, replay, log.

The rules live in the clinical core (clinical/program). This module gathers the data the core
needs, stores the results, and writes the audit trail.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from painwise.accounts.models import User
from painwise.assessment.services import latest_complete, program_status
from painwise.audit import services as audit
from painwise.clinical.assessment import assess
from painwise.clinical.program import pacing
from painwise.clinical.program.catalog import ACTIVITIES
from painwise.clinical.program.plan import Preferences, Signals, build_plan
from painwise.lib import clock, practices
from painwise.lib.errors import ConflictError, DomainError
from painwise.lib.jobs import periodic_job
from painwise.lib.reads import once_per_view
from painwise.program.models import (
    ActivityLog,
    ActivityTrack,
    FlareDeclaration,
    FlarePlan,
    PacingCheckpoint,
    Plan,
    PlanSource,
    ToleranceTest,
)
from painwise.tracking.models import BeliefsCheck, CheckIn, InsightSnapshot


def pacing_settings(track: ActivityTrack | None = None) -> pacing.PacingSettings:
    base = pacing.PacingSettings(**getattr(settings, "PAINWISE_PACING", {}))
    if track is not None and track.weekly_increment != base.weekly_increment:
        return pacing.with_settings(base, weekly_increment=track.weekly_increment)
    return base


def today_for(patient: User) -> dt.date:
    return clock.local_today(patient.time_zone)


# --- plans ------------------------------------------------------------------------------------


def current_plan(patient: User) -> Plan | None:
    return (
        Plan.objects.filter(patient=patient, superseded_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )


def _signals(patient: User, today: dt.date) -> Signals:
    """What tracking knows: fear and sleep over the last 14 days, catastrophizing from the
    latest monthly check, and whether a stress-pain pattern showed up."""
    recent = CheckIn.objects.filter(patient=patient, local_date__gte=today - dt.timedelta(days=13))
    fear = [v for v in recent.values_list("fear", flat=True) if v is not None]
    sleep = [v for v in recent.values_list("sleep_quality", flat=True) if v is not None]
    beliefs = BeliefsCheck.objects.filter(patient=patient).order_by("-local_date").first()
    snapshot = InsightSnapshot.objects.filter(patient=patient).first()
    stress = bool(snapshot) and any(
        r["factor"] == "stress" and r["shown"] and r["rho"] > 0
        for r in snapshot.data.get("relations", [])
    )
    return Signals(
        fear=sum(fear) / len(fear) if len(fear) >= 3 else None,
        catastrophizing=beliefs.catastrophizing_score if beliefs else None,
        sleep_quality=sum(sleep) / len(sleep) if len(sleep) >= 3 else None,
        stress_pattern=stress,
        **practices.plan_signals(patient),
    )


def _preferences(data: dict[str, Any]) -> Preferences:
    return Preferences(
        daily_minutes=data.get("daily_minutes"),
        activities=tuple(data.get("activities") or ("walking",)),
        goals={k: float(v) for k, v in (data.get("goals") or {}).items()},
        exercises=tuple(data.get("exercises") or ()),
        review_weeks=int(
            data.get("review_weeks", getattr(settings, "PAINWISE_PLAN_REVIEW_WEEKS", 4))
        ),
        switched_off=tuple(data.get("switched_off") or ()),
    )


@transaction.atomic
def build_for(
    patient: User,
    *,
    actor: User | None,
    source: str = PlanSource.ASSESSMENT,
    preferences: dict[str, Any] | None = None,
    reason: str = "",
    review_date: dt.date | None = None,
) -> Plan:
    """Build a new plan version from the latest complete assessment. Raises ConflictError while
    red flags pause the program (no plan at all). A clinician's version says why (``reason``)
    and may set its own review date."""
    if source == PlanSource.CLINICIAN and not reason.strip():
        raise DomainError(
            _("Say why you change the plan (it is kept with the new version)."), "reason"
        )
    _take_turn(patient)
    status = program_status(patient)
    if not status.open:
        raise ConflictError(_("The program is paused until the assessment allows it."))
    record = latest_complete(patient)
    if record is None:
        raise ConflictError(_("Finish the assessment first."))
    old = current_plan(patient)
    prefs_data = {**(old.preferences if old else {}), **(preferences or {})}
    today = today_for(patient)
    core = build_plan(
        assess(record.intake),
        _preferences(prefs_data),
        today=today,
        signals=_signals(patient, today),
        clinician_cleared=record.reopened,
    )
    if review_date is not None and not today < review_date <= today + dt.timedelta(days=366):
        raise DomainError(_("Choose a review date after today and within a year."), "review_date")
    if old is not None:
        old.superseded_at = clock.now()
        old.save(update_fields=["superseded_at"])
    plan = Plan.objects.create(
        patient=patient,
        created_by=actor,
        source=source,
        assessment=record,
        data=core.to_dict(record=True),
        preferences=prefs_data,
        review_date=review_date or core.review_date,
        reason=reason.strip(),
    )
    _sync_tracks(patient, core.to_dict()["activities"], today)
    audit.record(
        "program.plan_built" if source == PlanSource.ASSESSMENT else "program.plan_adjusted",
        actor=actor,
        patient=patient,
        obj=plan,
        data={"source": source, "reason": reason.strip()} if reason.strip() else {"source": source},
    )
    return plan


def _sync_tracks(patient: User, activities: list[dict[str, Any]], today: dt.date) -> None:
    wanted = {a["key"]: a for a in activities}
    for track in ActivityTrack.objects.filter(patient=patient):
        active = track.key in wanted
        changed = []
        if track.active != active:
            track.active = active
            changed.append("active")
        if active and track.goal != wanted[track.key]["goal"]:
            track.goal = wanted[track.key]["goal"]
            changed.append("goal")
        if changed:
            track.save(update_fields=changed)
        wanted.pop(track.key, None)
    for key, a in wanted.items():
        ActivityTrack.objects.create(
            patient=patient, key=key, unit=a["unit"], goal=a["goal"], started_on=today
        )


def plan_for(patient: User) -> Plan | None:
    """The plan the patient follows now: None while the program is paused (red flags) or before
    the first assessment. Reading never builds: plans are built when an assessment is stored
    or a clinician reopens the program (see receivers.py)."""
    if not program_status(patient).open:
        return None
    return once_per_view(("current_plan", patient.pk), lambda: current_plan(patient))


def _take_turn(patient: User) -> None:
    """Lock the person's row for the rest of the transaction: plan builds for one person run
    one after another. (SQLite's transactions already write one at a time.)"""
    User.objects.select_for_update().filter(pk=patient.pk).values_list("pk", flat=True).first()


def plan_is_stale(patient: User, plan: Plan | None) -> bool:
    """Is there a newer complete assessment than the one the plan was built from?"""
    latest = latest_complete(patient)
    return latest is not None and (plan is None or plan.assessment_id != latest.pk)


@transaction.atomic
def rebuild_if_stale(patient: User, *, actor: User | None = None) -> Plan | None:
    """Build the plan when the latest complete assessment has none yet and the program is
    open. Called when an assessment is stored or a program reopens, and by `painwise setup`
    for data from before plans were built at that moment. Builds for one person take turns
    (a row lock; on SQLite the write transaction), so however many run at once, each
    assessment gets one plan version."""
    _take_turn(patient)
    plan = current_plan(patient)
    if not program_status(patient).open or not plan_is_stale(patient, plan):
        return plan
    return build_for(patient, actor=actor)


def build_missing_plans() -> int:
    """Build every plan that should exist and does not (idempotent). Returns how many."""
    built = 0
    patients = User.objects.filter(role="patient", assessments__complete=True).distinct()
    for patient in patients.iterator():
        before = current_plan(patient)
        if rebuild_if_stale(patient) is not before:
            built += 1
    return built


# --- graded activity --------------------------------------------------------------------------


def _record(
    track: ActivityTrack, model: type[Any], action: str, day: dt.date, **amount: float
) -> Any:
    with transaction.atomic():
        row = model.objects.create(track=track, local_date=day, **amount)
        audit.record(
            action,
            actor=track.patient,
            patient=track.patient,
            obj=row,
            data={"activity": track.key, **amount},
        )
    return row


def record_tolerance(
    track: ActivityTrack, value: float, *, on: dt.date | None = None
) -> ToleranceTest:
    try:
        value = pacing.check_tolerance(value, track.unit)
    except pacing.PacingError as exc:
        raise DomainError(_("The tolerance test %(why)s.") % {"why": exc}, "amount") from None
    day = clock.recent_day(on, track.patient.time_zone)
    return _record(track, ToleranceTest, "program.tolerance_recorded", day, value=value)


@transaction.atomic
def set_baseline(track: ActivityTrack, value: float, *, by: User) -> None:
    try:
        value = pacing.check_tolerance(value, track.unit)
    except pacing.PacingError as exc:
        raise DomainError(str(exc), "baseline") from None
    track.baseline, track.baseline_set_by = value, by
    track.quota_start = track.quota_start or today_for(track.patient)
    track.save(update_fields=["baseline", "baseline_set_by", "quota_start"])
    audit.record(
        "program.plan_adjusted",
        actor=by,
        patient=track.patient,
        obj=track,
        data={"baseline": value, "activity": track.key},
    )


# The smallest amount worth logging, in the activity's unit (a tenth of a minute, a metre or a
# repetition); anything smaller is a typing slip or a machine's number.
MIN_AMOUNT = 0.1


def log_activity(track: ActivityTrack, amount: float, *, on: dt.date | None = None) -> ActivityLog:
    if not MIN_AMOUNT <= amount <= pacing.UNITS[track.unit]:
        raise DomainError(
            _("Enter an amount between 0.1 and %(max)d.") % {"max": pacing.UNITS[track.unit]},
            "amount",
        )
    day = clock.recent_day(on, track.patient.time_zone)
    return _record(track, ActivityLog, "program.activity_logged", day, amount=amount)


@transaction.atomic
def declare_flare(patient: User) -> FlareDeclaration:
    """A flare the person declares acts today (the engine lowers today's quota). Declaring it
    twice on one day is one flare."""
    today = today_for(patient)
    existing = FlareDeclaration.objects.filter(patient=patient, local_date=today).first()
    if existing is not None:
        return existing
    flare = FlareDeclaration.objects.create(patient=patient, local_date=today)
    audit.record("program.flare_declared", actor=patient, patient=patient, obj=flare)
    return flare


def in_flare_today(patient: User, states: list["TrackState"]) -> bool:
    """Is a flare running today: declared today (check-in or button), or a quota in relative
    rest because of one?"""
    today = today_for(patient)
    declared = FlareDeclaration.objects.filter(patient=patient, local_date=today).exists()
    flared_checkin = CheckIn.objects.filter(patient=patient, local_date=today, flare=True).exists()
    return declared or flared_checkin or any(st.state.phase == "rest" for st in states)


@dataclass(frozen=True)
class TrackState:
    track: ActivityTrack
    tests: list[ToleranceTest]
    baseline: float | None
    state: pacing.PacingState
    done_today: float

    @property
    def in_baseline(self) -> bool:
        return self.state.phase == "baseline"

    @property
    def tests_needed(self) -> int:
        """Tolerance tests still needed before a baseline can be set."""
        return max(0, pacing_settings(self.track).min_tolerance_tests - len(self.tests))

    @property
    def remaining(self) -> float | None:
        if self.state.quota is None:
            return None
        return max(0.0, self.state.quota - self.done_today)


def _baseline_and_start(
    track: ActivityTrack, tests: list[ToleranceTest], s: pacing.PacingSettings
) -> tuple[float | None, dt.date | None]:
    """Clinician's baseline if set; else the mean of the first week's tests once there are 3.
    The quota starts after the baseline week (or the day after the 3rd test, if later)."""
    if track.baseline is not None:
        return track.baseline, track.quota_start or track.started_on
    values = [t.value for t in tests]
    base = pacing.baseline_from(values, s)
    if base is None:
        return None, None
    third = tests[s.min_tolerance_tests - 1].local_date
    start = max(
        track.started_on + dt.timedelta(days=s.baseline_window_days), third + dt.timedelta(days=1)
    )
    return base, start


# Checkpoints stay further back than any typed-in entry can be dated (MAX_DAYS_BACK, plus a
# few days for a change of time zone), and move on once they are a week older than that: Today
# then replays at most about 43 days however long the history. What can change older days (a
# diary import, an edit of an imported row) drops them (``forget_checkpoints``).
CHECKPOINT_LAG_DAYS = clock.MAX_DAYS_BACK + 5
CHECKPOINT_EVERY_DAYS = 7
CHECKPOINT_BATCH = 200  # activities a worker round moves on at most


@dataclass(frozen=True)
class _Inputs:
    """What the replays of one patient's activities read, from ``since`` (or the start)."""

    done: dict[tuple[int, dt.date], float]
    pains: dict[dt.date, list[float]]
    flares: set[dt.date]

    def day_logs(self, track: ActivityTrack, first: dt.date, last: dt.date) -> list[pacing.DayLog]:
        days = {d for (tid, d) in self.done if tid == track.pk} | set(self.pains) | self.flares
        return [
            pacing.DayLog(
                d,
                self.done.get((track.pk, d), 0.0),
                sum(self.pains[d]) / len(self.pains[d]) if self.pains.get(d) else None,
                d in self.flares,
            )
            for d in sorted(days)
            if first <= d <= last
        ]


def _inputs(patient: User, tracks: list[ActivityTrack], since: dt.date | None) -> _Inputs:
    """The activities' logs, the check-ins' pain and flares, and declared flares (3 queries)."""
    later = {} if since is None else {"local_date__gte": since}
    done: dict[tuple[int, dt.date], float] = defaultdict(float)
    for track_id, day, amount in ActivityLog.objects.filter(track__in=tracks, **later).values_list(
        "track_id", "local_date", "amount"
    ):
        done[(track_id, day)] += amount
    pains: dict[dt.date, list[float]] = defaultdict(list)
    flares: set[dt.date] = set(
        FlareDeclaration.objects.filter(patient=patient, **later).values_list(
            "local_date", flat=True
        )
    )
    for day, pain, flare in CheckIn.objects.filter(patient=patient, **later).values_list(
        "local_date", "pain_average", "flare"
    ):
        pains[day].append(pain)
        if flare:
            flares.add(day)
    return _Inputs(done, pains, flares)


def _tests_of(tracks: list[ActivityTrack]) -> dict[int, list[ToleranceTest]]:
    tests: dict[int, list[ToleranceTest]] = defaultdict(list)
    for t in ToleranceTest.objects.filter(track__in=tracks).order_by("created_at", "pk"):
        tests[t.track_id].append(t)
    return tests


def _stored_checkpoint(
    track: ActivityTrack, base: float, start: dt.date, s: pacing.PacingSettings, before: dt.date
) -> pacing.Checkpoint | None:
    """The track's stored checkpoint if it is of this baseline, goal, start and settings and
    ends before ``before``; else None (the replay then starts from the start)."""
    try:
        stored = track.checkpoint
    except ObjectDoesNotExist:
        return None
    if stored.data is None:
        return None
    try:
        found = pacing.Checkpoint.from_dict(stored.data)
    except (KeyError, TypeError, ValueError):
        return None  # written by another version of the engine: replay from the start
    if found.date >= before or not found.fits(base, track.goal, start, s):
        return None
    return found


@dataclass(frozen=True)
class _TrackReplay:
    """What one activity's replay up to ``until`` needs: its settings, baseline and start
    (``start`` None while no quota runs by then), and the checkpoint it goes on from."""

    track: ActivityTrack
    settings: pacing.PacingSettings
    baseline: float | None
    start: dt.date | None
    resume: pacing.Checkpoint | None

    @property
    def running(self) -> bool:
        """Whether a quota runs by ``until`` (else the activity is still in its baseline)."""
        return self.start is not None and self.baseline is not None

    @property
    def first_day(self) -> dt.date | None:
        """The first day the replay reads: its start, or the checkpoint's lookback (never
        before the start: a replay from the start does not read the days before it)."""
        if self.start is None or self.resume is None:
            return self.start
        back = self.resume.date + dt.timedelta(days=1 - pacing.lookback_days(self.settings))
        return max(self.start, back)


def _engine_args(r: "_TrackReplay", inputs: "_Inputs", until: dt.date) -> dict[str, Any]:
    """The engine's arguments for this replay up to ``until`` (a running quota only)."""
    assert r.start is not None and r.baseline is not None
    return {
        "baseline": r.baseline,
        "goal": r.track.goal,
        "quota_start": r.start,
        "days": inputs.day_logs(r.track, r.first_day or r.start, until),
        "settings": r.settings,
        "resume": r.resume,
    }


def _replays(
    tracks: list[ActivityTrack],
    tests: dict[int, list[ToleranceTest]],
    until: dt.date,
    *,
    resume: bool,
) -> list[_TrackReplay]:
    """Each activity's replay up to ``until``, going on from its stored checkpoint when
    ``resume`` and the checkpoint (before ``until``) still fits."""
    out = []
    for track in tracks:
        s = pacing_settings(track)
        base, start = _baseline_and_start(track, tests[track.pk], s)
        if base is None or start is None or start > until:
            out.append(_TrackReplay(track, s, base, None, None))
            continue
        found = _stored_checkpoint(track, base, start, s, until) if resume else None
        out.append(_TrackReplay(track, s, base, start, found))
    return out


def _reads_from(replays: list[_TrackReplay], until: dt.date) -> dt.date:
    return min((r.first_day for r in replays if r.first_day is not None), default=until)


def track_states(
    patient: User, today: dt.date | None = None, *, recent: bool = False
) -> list[TrackState]:
    """Replay each active activity up to today (5 queries for all activities).

    ``recent``: go on from each activity's stored checkpoint where it still fits, reading only
    the days since (Today: the same quota, phase and latest event at a cost that does not grow
    with the history); the states' history and events then begin a little before it. Without
    it, every day from the start (the progress charts, the API, the visit summary)."""
    today = today or today_for(patient)
    query = ActivityTrack.objects.filter(patient=patient, active=True).order_by("pk")
    tracks = list(query.select_related("checkpoint") if recent else query)
    if not tracks:
        return []
    tests = _tests_of(tracks)
    replays = _replays(tracks, tests, today, resume=recent)
    inputs = _inputs(patient, tracks, _reads_from(replays, today) if recent else None)
    out = []
    for r in replays:
        if not r.running:
            state = pacing.PacingState("baseline", r.baseline, r.track.goal, None, None, (), ())
        else:
            state = pacing.run(**_engine_args(r, inputs, today), today=today)
        done_today = inputs.done.get((r.track.pk, today), 0.0)
        out.append(TrackState(r.track, tests[r.track.pk], r.baseline, state, done_today))
    return out


@periodic_job("program.pacing_checkpoints")
def move_checkpoints() -> int:
    """Move on the checkpoints of activities whose checkpoint is missing or more than
    ``CHECKPOINT_LAG_DAYS`` + ``CHECKPOINT_EVERY_DAYS`` days old (at most a batch a round);
    returns how many were written."""
    stale = clock.now().date() - dt.timedelta(days=CHECKPOINT_LAG_DAYS + CHECKPOINT_EVERY_DAYS)
    due = list(
        ActivityTrack.objects.filter(active=True)
        .filter(Q(checkpoint__isnull=True) | Q(checkpoint__as_of__lt=stale))
        .order_by("patient_id", "pk")
        .values_list("patient_id", "pk")[:CHECKPOINT_BATCH]
    )
    moved = 0
    for patient_id, rows in groupby(due, key=lambda row: row[0]):
        moved += _move_checkpoints(patient_id, [pk for _p, pk in rows])
    return moved


def _move_checkpoints(patient_id: int, track_ids: list[int]) -> int:
    """One patient's checkpoints, at their local date minus the lag. The tracks stay locked
    until the checkpoints are written, so an import that drops them waits for this and drops
    what it wrote (never the other way round)."""
    with transaction.atomic():
        patient = User.objects.get(pk=patient_id)
        on = today_for(patient) - dt.timedelta(days=CHECKPOINT_LAG_DAYS)
        tracks = list(
            ActivityTrack.objects.select_for_update(of=("self",))
            .filter(pk__in=track_ids)
            .select_related("checkpoint")
            .order_by("pk")
        )
        tests = _tests_of(tracks)
        replays = _replays(tracks, tests, on, resume=True)
        inputs = _inputs(patient, tracks, _reads_from(replays, on))
        for r in replays:
            data = None
            if r.running:
                data = pacing.checkpoint(**_engine_args(r, inputs, on), on=on).to_dict()
            PacingCheckpoint.objects.update_or_create(
                track=r.track, defaults={"as_of": on, "data": data, "saved_at": clock.now()}
            )
    return len(tracks)


def forget_checkpoints(patient: User, first: dt.date) -> int:
    """Drop the patient's checkpoints that a change on ``first`` makes stale (on or after it),
    once any checkpoint being written for them is in (the tracks' lock)."""
    list(ActivityTrack.objects.select_for_update().filter(patient=patient).values_list("pk"))
    deleted, _kinds = PacingCheckpoint.objects.filter(
        track__patient=patient, as_of__gte=first
    ).delete()
    return deleted


def logged_minutes_today(patient: User) -> int:
    """Minutes of graded activity logged today (prefills the check-in)."""
    total = ActivityLog.objects.filter(
        track__patient=patient, track__unit="minutes", local_date=today_for(patient)
    ).aggregate(total=Sum("amount"))["total"]
    return round(total or 0)


def checkin_prefill(patient: User) -> dict[str, Any]:
    """The check-in's activity minutes, from the activity the patient logged today."""
    minutes = logged_minutes_today(patient)
    return {"activity_minutes": minutes} if minutes else {}


@transaction.atomic
def save_flare_plan(patient: User, data: dict[str, Any]) -> FlarePlan:
    plan, _created = FlarePlan.objects.select_for_update().get_or_create(patient=patient)
    for name in ("what_helps", "what_to_reduce", "who_to_call", "staple_exercises"):
        setattr(plan, name, data.get(name, getattr(plan, name)))
    plan.updated_at = clock.now()
    plan.save()
    audit.record("program.flare_plan_saved", actor=patient, patient=patient, obj=plan)
    return plan


@transaction.atomic
def adjust_track(
    track: ActivityTrack,
    *,
    by: User,
    goal: float,
    baseline: float | None,
    weekly_increment: float,
    reason: str = "",
) -> None:
    """A clinician changes an activity's goal, baseline or weekly step, and says why."""
    if not reason.strip():
        raise DomainError(_("Say why you make this change (it is kept in the record)."), "reason")
    if goal <= 0:
        raise DomainError(_("The goal must be more than 0."), "goal")
    try:
        weekly_increment = pacing.check_weekly_increment(weekly_increment)
    except pacing.PacingError as exc:
        raise DomainError(str(exc), "weekly_increment") from None
    track.goal, track.weekly_increment = goal, weekly_increment
    fields = ["goal", "weekly_increment"]
    if baseline is not None:
        try:
            track.baseline = pacing.check_tolerance(baseline, track.unit)
        except pacing.PacingError as exc:
            raise DomainError(str(exc), "baseline") from None
        track.baseline_set_by = by
        track.quota_start = track.quota_start or today_for(track.patient)
        fields += ["baseline", "baseline_set_by", "quota_start"]
    track.save(update_fields=fields)
    audit.record(
        "program.plan_adjusted",
        actor=by,
        patient=track.patient,
        obj=track,
        data={
            "activity": track.key,
            "reason": reason.strip(),
            "goal": goal,
            "baseline": baseline,
            "weekly_increment": weekly_increment,
        },
    )


ACTIVITY_KEYS = tuple(ACTIVITIES)
