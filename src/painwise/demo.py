"""Demo data for `painwise demo`: a clinician and three patients with believable histories.

Each patient has an assessment, activities they want back, and 12 weeks of daily check-ins
(with the odd missed day) that show a real improvement and at least one real pattern, plus
weekly and monthly forms. The numbers come from a seeded model of each person, so they are the
same on every run; dates are relative to today.

Running it twice is safe: the demo patients are rebuilt from scratch, never doubled.
"""

import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from painwise.accounts import services as accounts
from painwise.accounts.access import clinicians_of
from painwise.accounts.models import Role, User
from painwise.alerts import services as alerts
from painwise.assessment.models import AssessmentRecord
from painwise.assessment.services import clear_program, record_assessment
from painwise.calm import services as calm
from painwise.calm import thoughts
from painwise.calm.models import BreathingSession
from painwise.clinical.program import pacing
from painwise.gmi import services as gmi
from painwise.gmi.models import GmiSession, GmiTrial
from painwise.learn import services as learn
from painwise.learn.models import (
    ExposureStep,
    ExposureTrial,
    JournalEntry,
    LessonProgress,
    SomaticSession,
)
from painwise.lib import clock
from painwise.program.models import ActivityLog, ActivityTrack, FlarePlan, Plan, ToleranceTest
from painwise.program.services import build_for
from painwise.tracking.models import (
    ActivityGoal,
    BeliefsCheck,
    CheckIn,
    GoalRating,
    ReminderSettings,
    WeeklyCheck,
)

DEMO_PASSWORD = "painwise-demo"  # noqa: S105 - printed on purpose; demo accounts only
CLINICIAN = ("clinician@demo.painwise.example", "Dr Sam Okafor")
WEEKS = 12


@dataclass(frozen=True)
class Persona:
    email: str
    name: str
    time_zone: str
    seed: int
    full_name: str
    intake: dict
    goals: tuple[str, ...]
    pain_start: float
    pain_end: float
    stress_effect: float  # pain points per stress point above 5, the same day
    sleep_effect: float  # pain points per sleep point below 6, the next day
    delayed_effect: float  # pain points the day after 60+ active minutes
    urgent_cleared: str = ""


def _intake(**extra: object) -> dict:
    base = {
        "age": 52,
        "pain_duration_weeks": 40,
        "first_episode": False,
        "pain_regions": ["lower_back", "buttock_left", "buttock_right"],
        "pain_distribution": "regional",
        "pain_now": 6,
        "pain_average_week": 6,
        "pain_worst_week": 8,
    }
    base.update(extra)
    return base


PERSONAS = (
    Persona(
        "maria@demo.painwise.example",
        "Maria",
        "Europe/London",
        11,
        "Maria Santos",
        _intake(
            startback={
                "walked_only_short_distances": True,
                "dressed_more_slowly": True,
                "unsafe_to_be_active": True,
                "worrying_thoughts": True,
                "bothersomeness": 2,
            },
            sensitivity={"pressure": True, "sleep_disturbance": True, "fatigue": True},
            neuroplastic_signs={
                "began_during_stress": True,
                "worse_with_stress": True,
                "symptoms_inconsistent": True,
                "eases_when_absorbed": True,
            },
            phq9=[1, 1, 2, 2, 0, 1, 1, 0, 0],
            gad7=[2, 1, 1, 2, 1, 1, 1],
        ),
        ("Walk to the shops and back", "Garden for half an hour", "Sit through a film"),
        6.4,
        2.6,
        0.38,
        0.0,
        0.0,
    ),
    Persona(
        "james@demo.painwise.example",
        "James",
        "America/New_York",
        23,
        "James Whitfield",
        _intake(
            age=44,
            pain_duration_weeks=78,
            leg_pain_below_knee=True,
            pain_regions=["lower_back", "thigh_right", "lower_leg_right"],
            startback={
                "leg_pain": True,
                "walked_only_short_distances": True,
                "unsafe_to_be_active": True,
                "worrying_thoughts": True,
                "feels_terrible_never_better": True,
                "not_enjoyed_things": True,
                "bothersomeness": 3,
            },
            neuroplastic_signs={"delayed_pain_after_activity": True, "worse_with_stress": True},
            phq9=[2, 2, 2, 1, 1, 1, 1, 0, 0],
            gad7=[1, 1, 2, 1, 1, 0, 1],
        ),
        ("Play football with my son", "Drive for an hour", "Sleep through the night"),
        6.9,
        4.0,
        0.1,
        0.45,
        0.0,
    ),
    Persona(
        "aiko@demo.painwise.example",
        "Aiko",
        "Australia/Sydney",
        37,
        "Aiko Tanaka",
        _intake(
            age=63,
            pain_duration_weeks=120,
            pain_distribution="multifocal",
            pain_regions=["lower_back", "upper_back", "neck", "shoulder_left"],
            red_flags={"osteoporosis_or_long_term_steroids": True},
            sensitivity={"touch": True, "sound": True, "fatigue": True},
            neuroplastic_signs={
                "pain_moves_or_spreads": True,
                "many_other_symptoms": True,
                "delayed_pain_after_activity": True,
            },
        ),
        ("Carry the shopping", "Do a yoga class", "Walk the dog for 30 minutes"),
        5.8,
        3.0,
        0.12,
        0.0,
        1.6,
        urgent_cleared="Seen in clinic: DEXA and X-ray show no fracture. Safe to start the program.",
    ),
)


def _clip(value: float, low: float = 0, high: float = 10) -> float:
    return max(low, min(high, value))


def _at(day: dt.date, hour: int, tz: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=zoneinfo.ZoneInfo(tz))


def _build_history(patient: User, persona: Persona, clinician: User) -> None:
    rng = random.Random(persona.seed)  # noqa: S311 - a seeded model of a person, not security
    today = clock.local_today(patient.time_zone)
    start = today - dt.timedelta(days=7 * WEEKS - 1)
    days = (today - start).days + 1

    record = record_assessment(patient, persona.intake, source="intake", actor=patient)
    AssessmentRecord.objects.filter(pk=record.pk).update(
        created_at=_at(start - dt.timedelta(days=1), 18, patient.time_zone)
    )
    if persona.urgent_cleared:
        record.refresh_from_db()
        clear_program(record, clinician=clinician, note=persona.urgent_cleared)
        AssessmentRecord.objects.filter(pk=record.pk).update(
            cleared_at=_at(start, 10, patient.time_zone)
        )

    goals = [
        ActivityGoal.objects.create(
            patient=patient, name=name, position=i, created_at=_at(start, 19, patient.time_zone)
        )
        for i, name in enumerate(persona.goals)
    ]
    checkins: list[CheckIn] = []
    stress_series, sleep_series, activity_series, pain_series = [], [], [], []
    for i in range(days):
        day = start + dt.timedelta(days=i)
        progress = i / (days - 1)
        stress = _clip(round(rng.gauss(5, 2.2)))
        sleep = _clip(round(rng.gauss(5.5 + 1.5 * progress, 1.8)))
        activity = max(0, round(rng.gauss(12 + 28 * progress, 8)))
        if persona.delayed_effect and rng.random() < 0.2:
            activity = rng.randint(65, 95)  # a big day: gardening, a long walk
        prev_sleep = sleep_series[-1] if sleep_series else sleep
        prev_activity = activity_series[-1] if activity_series else activity
        pain = (
            persona.pain_start
            + (persona.pain_end - persona.pain_start) * progress
            + persona.stress_effect * (stress - 5)
            + persona.sleep_effect * (6 - prev_sleep)
            + (persona.delayed_effect if prev_activity >= 60 else 0)
            + rng.gauss(0, 0.55)
        )
        pain = _clip(pain)
        stress_series.append(stress)
        sleep_series.append(sleep)
        activity_series.append(activity)
        pain_series.append(pain)
        if rng.random() < 0.09:
            continue  # a missed day
        checkins.append(
            CheckIn(
                patient=patient,
                local_date=day,
                created_at=_at(day, 20, patient.time_zone),
                updated_at=_at(day, 20, patient.time_zone),
                pain_now=round(_clip(pain + rng.gauss(0, 0.7))),
                pain_average=round(pain),
                stiffness=round(_clip(pain - 1 + rng.gauss(0, 0.8))),
                sleep_quality=round(sleep),
                sleep_hours=Decimal(
                    str(round(_clip(5 + sleep * 0.35 + rng.gauss(0, 0.5), 3, 10), 1))
                ),
                stress=round(stress),
                mood=round(_clip(7 - 0.4 * (stress - 5) - 0.3 * (pain - 4) + rng.gauss(0, 0.8))),
                confidence=round(_clip(3 + 5 * progress + rng.gauss(0, 0.8))),
                fear=round(_clip(7 - 4.5 * progress + rng.gauss(0, 0.8))),
                activity_minutes=activity,
                practice_minutes=max(0, round(rng.gauss(10, 4))),
                flare=pain >= persona.pain_start + 1.5,
                note="",
            )
        )
    tests, logs = _follow_the_quota(patient, checkins, start, rng)
    CheckIn.objects.bulk_create(checkins)

    for week in range(WEEKS):
        day = start + dt.timedelta(days=7 * week + 6)
        progress = week / (WEEKS - 1)
        weekly = WeeklyCheck.objects.create(
            patient=patient,
            local_date=day,
            created_at=_at(day, 20, patient.time_zone),
            peg_pain=round(sum(pain_series[7 * week : 7 * week + 7]) / 7),
            peg_enjoyment=round(_clip(6.5 - 4 * progress + rng.gauss(0, 0.6))),
            peg_activity=round(_clip(7 - 4 * progress + rng.gauss(0, 0.6))),
        )
        GoalRating.objects.bulk_create(
            GoalRating(
                weekly=weekly,
                goal=g,
                score=round(_clip(2 + j * 0.5 + 5 * progress + rng.gauss(0, 0.5))),
            )
            for j, g in enumerate(goals)
        )
    for month in range(3):
        day = start + dt.timedelta(days=28 * month + 1)
        BeliefsCheck.objects.create(
            patient=patient,
            local_date=day,
            created_at=_at(day, 20, patient.time_zone),
            attribution_brain=20 + 22 * month,
            attribution_causes=[
                "A worn disc, and lifting my grandson.",
                "The disc, and stress at work makes it worse.",
                "Stress and worry more than my back itself.",
            ][month],
            fear_damage=7 - 2 * month,
            fear_avoid=7 - 2 * month,
            catastrophizing_cant_stop=6 - 2 * month,
            catastrophizing_awful=6 - month,
        )
    ReminderSettings.objects.update_or_create(
        patient=patient, defaults={"enabled": True, "time": dt.time(19, 0)}
    )

    # Graded activity: a baseline week of tolerance tests, then the walking logged each day.
    # The plan built with the assessment opened the walking track today; this person began
    # twelve weeks ago.
    track, _created = ActivityTrack.objects.update_or_create(
        patient=patient,
        key="walking",
        defaults={"unit": "minutes", "goal": 30, "started_on": start, "active": True},
    )
    for offset, value in zip((0, 1, 3, 5), tests, strict=True):
        ToleranceTest.objects.create(
            track=track,
            local_date=start + dt.timedelta(days=offset),
            value=value,
            created_at=_at(start + dt.timedelta(days=offset), 18, patient.time_zone),
        )
    ActivityLog.objects.bulk_create(
        ActivityLog(
            track=track, local_date=day, amount=amount, created_at=_at(day, 17, patient.time_zone)
        )
        for day, amount in logs
    )
    if persona.name == "Maria":
        FlarePlan.objects.create(
            patient=patient,
            what_helps="A warm shower, slow breathing, a short walk round the garden, my audiobook.",
            what_to_reduce="Gardening and long drives, for two or three days.",
            who_to_call="My sister Ana; Dr Okafor's clinic if it lasts more than a week.",
            staple_exercises=["pelvic_tilt", "knee_to_chest", "walking"],
        )
    _practice(patient, start, pain_series, rng)
    _left_right(patient, start, rng)
    _calm(patient, start, rng)
    # One plan, as if built at the start and kept: the demo skips the plan versions that
    # twelve real weeks would leave behind.
    plan = build_for(patient, actor=None)
    Plan.objects.filter(patient=patient).exclude(pk=plan.pk).delete()
    Plan.objects.filter(pk=plan.pk).update(created_at=_at(start, 9, patient.time_zone))


def _practice(patient: User, start: dt.date, pains: list[float], rng: random.Random) -> None:
    """Lessons read, somatic tracking twice a week, a few journal entries and a fear ladder,
    over the same weeks (written straight to the tables, with their dates)."""
    tz = patient.time_zone
    for week, row in enumerate(learn.lesson_rows(patient)[:8]):
        day = start + dt.timedelta(days=3 * week + 1)
        LessonProgress.objects.create(
            patient=patient,
            lesson=row.lesson.id,
            opened_at=_at(day, 19, tz),
            finished_at=_at(day, 19, tz),
            finished_on=day,
            answers=[
                next(i for i, c in enumerate(q.choices) if c.correct) for q in row.lesson.questions
            ],
            correct=2,
        )
    for i in range(7, len(pains), 4):
        day = start + dt.timedelta(days=i)
        before = round(_clip(pains[i] + 0.5))
        after = round(_clip(before - rng.choice([0, 1, 1, 2, 2, 3])))
        SomaticSession.objects.create(
            patient=patient,
            local_date=day,
            started_at=_at(day, 21, tz),
            finished_at=_at(day, 21, tz),
            pain_before=before,
            fear_before=round(_clip(before + 1)),
            pain_after=after,
            fear_after=round(_clip(after)),
        )
    for days, kind, text, shared in [
        (12, "absorbed", "No pain at all through the whole film with Ana.", False),
        (30, "delayed", "Gardening was fine on the day; it hurt the next morning.", True),
        (55, "stress", "Worse before the meeting with my manager, better once it was over.", False),
    ]:
        day = start + dt.timedelta(days=days)
        JournalEntry.objects.create(
            patient=patient,
            local_date=day,
            created_at=_at(day, 20, tz),
            kind=kind,
            text=text,
            shared=shared,
        )
    for name, fear, trials in [
        ("Bend to put on my socks", 40, [(6, 3, 35, 20), (5, 2, 20, 27)]),
        ("Carry the shopping from the car", 65, [(8, 4, 50, 60)]),
        ("Lift my grandson", 90, []),
    ]:
        step = ExposureStep.objects.create(patient=patient, name=name, fear=fear)
        for n, (predicted, actual, fear_after, days) in enumerate(trials):
            day = start + dt.timedelta(days=days + 7 * n)
            ExposureTrial.objects.create(
                step=step,
                local_date=day,
                started_at=_at(day, 11, tz),
                finished_at=_at(day, 12, tz),
                predicted_pain=predicted,
                predicted_harm="My back will go and I will be stuck in bed.",
                actual_pain=actual,
                what_happened="Stiff for a minute, then fine.",
                fear_after=fear_after,
            )


def _left_right(patient: User, start: dt.date, rng: random.Random) -> None:
    """Weekly left/right sessions of backs and necks: less accurate and slower at first
    (Bray and Moseley 2011 found about 53-67% with back pain), better over the weeks."""
    tz = patient.time_zone
    today = clock.local_today(tz)
    for week in range(1, 12):
        day = start + dt.timedelta(days=7 * week + 2)
        if day >= today:
            break
        accuracy, typical = min(0.95, 0.6 + 0.035 * week), max(1100, 2300 - 110 * week)
        session = GmiSession.objects.create(
            patient=patient,
            local_date=day,
            started_at=_at(day, 18, tz),
            finished_at=_at(day, 18, tz),
            level=1 if week < 6 else 2,
            parts=["trunk", "neck"],
            size=20,
            seed=rng.randrange(2**31),
        )
        GmiTrial.objects.bulk_create(
            GmiTrial.answered(
                session,
                i,
                pic,
                pic.side if rng.random() < accuracy else _other(pic.side),
                max(400, round(rng.gauss(typical, 350))),
                answered_at=_at(day, 18, tz),
            )
            for i, pic in enumerate(gmi.pictures(session))
        )


def _calm(patient: User, start: dt.date, rng: random.Random) -> None:
    """A sleep diary for the last four weeks (nights getting a little better), some slow
    breathing and mindfulness, and one shared thought record."""
    tz = patient.time_zone
    today = clock.local_today(tz)
    for n in range(28, 0, -1):
        night_of = today - dt.timedelta(days=n)
        if night_of < start or rng.random() < 0.2:
            continue
        settle = max(5, round(rng.gauss(25 + n / 2, 10)))  # older nights took longer
        calm.save_night(
            patient,
            night_of,
            {
                "bed_time": dt.time(22, rng.choice([30, 45])) if n % 3 else dt.time(23, 15),
                "minutes_to_sleep": min(settle, 90),
                "wake_ups": rng.randint(0, 3),
                "minutes_awake": rng.randint(10, 40) + n,
                "final_wake": dt.time(6, rng.choice([30, 45])),
                "out_of_bed": dt.time(7, rng.choice([0, 15])),
                "quality": min(10, max(0, round(rng.gauss(6 - n / 10, 1.2)))),
            },
        )
    for n in range(0, 21, 3):
        day = today - dt.timedelta(days=n)
        BreathingSession.objects.create(
            patient=patient, local_date=day, pattern="slow", seconds=rng.randint(180, 420)
        )
    record = thoughts.start(patient)
    for number, answers in enumerate(
        [
            {"situation": "Stiff and sore getting out of the car after the drive to Ana's."},
            {
                "thought": "My back is getting worse and worse.",
                "emotion": "worried",
                "intensity_before": 75,
            },
            {"traps": ["catastrophizing", "overgeneralising"]},
            {
                "evidence_for": "It was sore for an hour.",
                "evidence_against": "Last month the same drive left me sore for a day; today it was an hour.",
            },
            {
                "balanced": "Long drives make me stiff, and I am recovering faster than before.",
                "intensity_after": 35,
            },
        ],
        start=1,
    ):
        thoughts.save_step(patient, record.pk, number, answers)
    if clinicians_of(patient).exists():
        thoughts.share(patient, record.pk, True)


def _other(side: str) -> str:
    return "left" if side == "right" else "right"


def _follow_the_quota(
    patient: User, checkins: list[CheckIn], start: dt.date, rng: random.Random
) -> tuple[list[float], list[tuple[dt.date, float]]]:
    """Walk the pacing engine through the weeks as this person would: four tolerance tests in
    the first week, then the quota on most days (big days stay big for the person whose pain
    shows up the day after). Check-in activity minutes then match what was logged, plus a
    little everyday activity. Returns (tests, logs)."""
    by_day = {c.local_date: c for c in checkins}
    tests = [round(rng.uniform(13, 16), 1) for _ in range(4)]
    baseline = sum(tests) / len(tests)
    quota_start = start + dt.timedelta(days=7)
    today = clock.local_today(patient.time_zone)
    days: list[pacing.DayLog] = []
    logs: list[tuple[dt.date, float]] = []
    day = quota_start
    while day < today:
        state = pacing.run(
            baseline=baseline, goal=30, quota_start=quota_start, days=days, today=day
        )
        quota = state.quota or 0.0
        c = by_day.get(day)
        big = c is not None and c.activity_minutes is not None and c.activity_minutes >= 65
        if big:
            done = float(c.activity_minutes or 0)
        else:
            done = float(round(quota * rng.uniform(0.95, 1.05))) if rng.random() < 0.93 else 0.0
        if c is not None:
            c.activity_minutes = round(done + rng.uniform(0, 8))
        if done:
            logs.append((day, done))
        pain = float(c.pain_average) if c is not None else None
        days.append(pacing.DayLog(day, done, pain, bool(c is not None and c.flare)))
        day += dt.timedelta(days=1)
    return tests, logs


def _clinician() -> User:
    email, name = CLINICIAN
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, display_name=name, role=Role.CLINICIAN
        )
    else:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load_demo() -> list[str]:
    """Build the demo people. Their alerts are real alerts in Painwise, but no email goes out
    about made-up people (the console would print it at every `make run`)."""
    with alerts.without_emails():
        return _load()


def _load() -> list[str]:
    clinician = _clinician()
    lines = [
        f"Demo accounts (password for all: {DEMO_PASSWORD}):",
        f"  clinician  {clinician.email}",
    ]
    for persona in PERSONAS:
        User.objects.filter(email=persona.email).delete()  # rebuild, never double
        patient = User.objects.create_user(
            email=persona.email,
            password=DEMO_PASSWORD,
            display_name=persona.name,
            full_name=persona.full_name,
            role=Role.PATIENT,
            time_zone=persona.time_zone,
        )
        accounts.link_patient(patient=patient, clinician=clinician)
        _build_history(patient, persona, clinician)
        lines.append(f"  patient    {patient.email}  ({persona.time_zone})")
    return lines
