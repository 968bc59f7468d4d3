"""A patient's record as an HL7 FHIR R4B Bundle (the resources used are the same in R4).

- Patient; the intake as one Questionnaire (Painwise's own questions, in our words) and a
  QuestionnaireResponse per completed intake;
- daily pain as Observation with LOINC 72514-3 (pain severity 0-10, one per check-in); PEG,
  PSFS, STarT Back and mood scores as Observation under Painwise's own code system (their
  LOINC codes are not in our fact sheet, so we do not claim any);
- red flags as Flag (active while the program waits, inactive once a clinician cleared it);
- the plan as CarePlan with a Goal per activity goal and graded activity.

Plain dicts, built in a few queries whatever the history's length. The test suite validates
every resource with an independent library (fhir.resources' R4B models) and checks the
required codes (status, intent, gender) that library does not.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import translation

from painwise.accounts.models import User
from painwise.assessment import questions
from painwise.assessment.models import AssessmentRecord
from painwise.assessment.presenters import flat_answers
from painwise.clinical.assessment import RULES as ASSESSMENT_RULES
from painwise.program.labels import module_name
from painwise.program.models import ActivityTrack, Plan
from painwise.tracking.models import ActivityGoal, CheckIn, GoalRating, WeeklyCheck

LOINC = "http://loinc.org"
PAIN_SEVERITY = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
SURVEY = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey",
        }
    ]
}
QUESTIONNAIRE_VERSION = "1"

# Painwise's own scores (the code system lives under the site's address).
SCORES = {
    "peg": "PEG, mean of the three items (0-10)",
    "peg_interference": "PEG interference, mean of items 2 and 3 (0-10)",
    "psfs_mean": "PSFS mean of the patient's own activities (0-10)",
    "startback_total": "STarT Back total score (0-9)",
    "startback_psychosocial": "STarT Back psychosocial subscore (0-5)",
    "phq9_total": "PHQ-9 total score (0-27)",
    "gad7_total": "GAD-7 total score (0-21)",
}

KIND_TYPES = {
    questions.YES_NO: "boolean",
    questions.AGREE: "boolean",
    questions.TICK: "boolean",
    questions.SCALE10: "integer",
    questions.FREQ: "integer",
    questions.BOTHER: "integer",
    questions.AGE: "integer",
    questions.ONSET_AGE: "integer",
    questions.DURATION: "decimal",
}


def base_url() -> str:
    return settings.SITE_URL.rstrip("/")


def score_system() -> str:
    return f"{base_url()}/fhir/CodeSystem/painwise-scores"


def red_flag_system() -> str:
    return f"{base_url()}/fhir/CodeSystem/painwise-red-flags"


def questionnaire_url() -> str:
    return f"{base_url()}/fhir/Questionnaire/painwise-intake"


def _ref(kind: str, ident: str) -> dict[str, str]:
    return {"reference": f"{kind}/{ident}"}


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    """A bundle entry whose full URL is the resource's RESTful address on this site, so the
    relative references inside the bundle ("Patient/p12") resolve to entries in it."""
    return {
        "fullUrl": f"{base_url()}/fhir/{resource['resourceType']}/{resource['id']}",
        "resource": resource,
    }


def _instant(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="seconds")


def patient_resource(patient: User) -> dict[str, Any]:
    name = patient.full_name or patient.display_name
    return {
        "resourceType": "Patient",
        "id": f"p{patient.pk}",
        "identifier": [{"system": f"{base_url()}/patients", "value": str(patient.pk)}],
        "active": patient.is_active,
        "name": [{"text": name}],
        "telecom": [{"system": "email", "value": patient.email, "use": "home"}],
    }


def _question_type(question: questions.Question) -> str:
    return KIND_TYPES.get(question.kind, "string")


def questionnaire() -> dict[str, Any]:
    """Painwise's intake as a Questionnaire: one group per step, one item per question."""
    items = []
    for step in questions.STEPS:
        children = [
            {
                "linkId": q.key,
                "text": str(questions.label_for(q)),
                "type": _question_type(q),
                **({"repeats": True} if q.kind == questions.REGIONS else {}),
            }
            for q in step.questions
        ]
        items.append(
            {"linkId": step.slug, "text": str(step.title), "type": "group", "item": children}
        )
    return {
        "resourceType": "Questionnaire",
        "id": "painwise-intake",
        "url": questionnaire_url(),
        "version": QUESTIONNAIRE_VERSION,
        "name": "PainwiseIntake",
        "title": "Painwise intake",
        "status": "active",
        "subjectType": ["Patient"],
        "item": items,
    }


def _answers(kind: str, value: Any) -> list[dict[str, Any]]:
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        if v is None:
            continue
        if kind == "boolean":
            out.append({"valueBoolean": bool(v)})
        elif kind == "integer":
            out.append({"valueInteger": int(v)})
        elif kind == "decimal":
            out.append({"valueDecimal": float(v)})
        else:
            out.append({"valueString": str(v)})
    return out


def questionnaire_response(record: AssessmentRecord, patient_id: str) -> dict[str, Any]:
    answers = flat_answers(record.intake)
    items = []
    for step in questions.STEPS:
        children = []
        for q in step.questions:
            given = _answers(_question_type(q), answers.get(q.key))
            if given:
                children.append({"linkId": q.key, "answer": given})
        if children:
            items.append({"linkId": step.slug, "item": children})
    return {
        "resourceType": "QuestionnaireResponse",
        "id": f"qr{record.pk}",
        "questionnaire": f"{questionnaire_url()}|{QUESTIONNAIRE_VERSION}",
        "status": "completed",
        "subject": _ref("Patient", patient_id),
        "authored": _instant(record.created_at),
        "item": items,
    }


def _observation(
    ident: str, patient_id: str, coding: dict[str, str], when: str, value: float, **extra: Any
) -> dict[str, Any]:
    number = (
        {"valueInteger": value}
        if isinstance(value, int)
        else {"valueQuantity": {"value": round(value, 2), "unit": "score"}}
    )
    return {
        "resourceType": "Observation",
        "id": ident,
        "status": "final",
        "category": [SURVEY],
        "code": {"coding": [coding], "text": coding["display"]},
        "subject": _ref("Patient", patient_id),
        "effectiveDateTime": when,
        **number,
        **extra,
    }


def _score(key: str) -> dict[str, str]:
    return {"system": score_system(), "code": key, "display": SCORES[key]}


def pain_observations(patient: User, patient_id: str) -> Iterable[dict[str, Any]]:
    rows = CheckIn.objects.filter(patient=patient).order_by("local_date", "created_at")
    for pk, day, pain in rows.values_list("pk", "local_date", "pain_average"):
        yield _observation(f"pain{pk}", patient_id, PAIN_SEVERITY, day.isoformat(), int(pain))


def weekly_observations(patient: User, patient_id: str) -> Iterable[dict[str, Any]]:
    weeklies = list(WeeklyCheck.objects.filter(patient=patient).order_by("local_date", "pk"))
    ratings: dict[int, list[int]] = {}
    for weekly_id, score in GoalRating.objects.filter(weekly__patient=patient).values_list(
        "weekly_id", "score"
    ):
        ratings.setdefault(weekly_id, []).append(score)
    for w in weeklies:
        day = w.local_date.isoformat()
        items = [w.peg_pain, w.peg_enjoyment, w.peg_activity]
        if all(v is not None for v in items):
            yield _observation(f"peg{w.pk}", patient_id, _score("peg"), day, sum(items) / 3)
        if w.peg_enjoyment is not None and w.peg_activity is not None:
            interference = (w.peg_enjoyment + w.peg_activity) / 2
            yield _observation(
                f"pegi{w.pk}", patient_id, _score("peg_interference"), day, interference
            )
        if ratings.get(w.pk):
            mean = sum(ratings[w.pk]) / len(ratings[w.pk])
            yield _observation(f"psfs{w.pk}", patient_id, _score("psfs_mean"), day, mean)


def assessment_resources(
    records: list[AssessmentRecord], patient_id: str
) -> Iterable[dict[str, Any]]:
    complete = [r for r in records if r.complete]
    latest = complete[-1] if complete else None
    for record in complete:
        qr_id = f"qr{record.pk}"
        yield questionnaire_response(record, patient_id)
        when = _instant(record.created_at)
        derived = {"derivedFrom": [_ref("QuestionnaireResponse", qr_id)]}
        startback = record.result.get("startback") or {}
        mood = record.result.get("mood") or {}
        scores = {
            "startback_total": startback.get("total"),
            "startback_psychosocial": startback.get("psychosocial"),
            "phq9_total": mood.get("phq9_total"),
            "gad7_total": mood.get("gad7_total"),
        }
        for key, value in scores.items():
            if value is not None:
                yield _observation(
                    f"{key.replace('_', '-')}-{record.pk}",
                    patient_id,
                    _score(key),
                    when,
                    int(value),
                    **derived,
                )
        for flag in record.result.get("red_flags") or []:
            yield {
                "resourceType": "Flag",
                "id": f"flag{record.pk}-{flag}".replace("_", "-"),
                # Active while it stands: not cleared by a clinician, not superseded by a
                # later completed intake.
                "status": "active"
                if record is latest and record.cleared_at is None
                else "inactive",
                "category": [{"text": f"Red flag ({record.result.get('triage', '')})"}],
                "code": {
                    "coding": [{"system": red_flag_system(), "code": flag}],
                    "text": _flag_text(flag),
                },
                "subject": _ref("Patient", patient_id),
                "period": {"start": when},
            }


def _flag_text(flag: str) -> str:
    """ "Possible fracture: significant trauma, or osteoporosis ..." (the rule's summary)."""
    name = flag.replace("_", " ").capitalize()
    return f"{name}: {ASSESSMENT_RULES[flag].summary}" if flag in ASSESSMENT_RULES else name


def plan_resources(patient: User, patient_id: str) -> Iterable[dict[str, Any]]:
    plan = Plan.objects.filter(patient=patient, superseded_at__isnull=True).first()
    if plan is None:
        return
    goals = []
    for goal in ActivityGoal.objects.filter(patient=patient, archived_at__isnull=True).order_by(
        "position", "pk"
    ):
        goals.append(
            {
                "resourceType": "Goal",
                "id": f"goal{goal.pk}",
                "lifecycleStatus": "active",
                "description": {"text": f"Do more of: {goal.name}"},
                "subject": _ref("Patient", patient_id),
                "startDate": goal.created_at.date().isoformat(),
            }
        )
    for track in ActivityTrack.objects.filter(patient=patient, active=True).order_by("pk"):
        goals.append(
            {
                "resourceType": "Goal",
                "id": f"track{track.pk}",
                "lifecycleStatus": "active",
                "description": {"text": f"Graded activity: {track.key}"},
                "subject": _ref("Patient", patient_id),
                "startDate": track.started_on.isoformat(),
                "target": [
                    {
                        "measure": {"text": f"{track.key} ({track.unit} a day)"},
                        "detailQuantity": {"value": track.goal, "unit": track.unit},
                    }
                ],
            }
        )
    yield from goals
    activities = [
        {
            "detail": {
                "status": "in-progress",
                "description": f"{module_name(m['key'])}: {m['minutes']} minutes a day",
            }
        }
        for m in plan.data.get("modules", [])
    ]
    yield {
        "resourceType": "CarePlan",
        "id": f"plan{plan.pk}",
        "status": "active",
        "intent": "plan",
        "title": "Painwise program",
        "subject": _ref("Patient", patient_id),
        "period": {"start": _instant(plan.created_at), "end": plan.review_date.isoformat()},
        "created": _instant(plan.created_at),
        "goal": [_ref("Goal", g["id"]) for g in goals],
        "activity": activities,
    }


def bundle(patient: User) -> dict[str, Any]:
    """The whole record as a FHIR Bundle of type "collection"."""
    patient_id = f"p{patient.pk}"
    records = list(AssessmentRecord.objects.filter(patient=patient).order_by("created_at", "pk"))
    with translation.override("en"):
        resources = [
            patient_resource(patient),
            *([questionnaire()] if any(r.complete for r in records) else []),
            *assessment_resources(records, patient_id),
            *pain_observations(patient, patient_id),
            *weekly_observations(patient, patient_id),
            *plan_resources(patient, patient_id),
        ]
    return {
        "resourceType": "Bundle",
        "id": f"painwise-{patient.pk}",
        "type": "collection",
        "timestamp": _instant(dt.datetime.now(dt.UTC)),
        "entry": [_entry(r) for r in resources],
    }


def counts(document: dict[str, Any]) -> dict[str, int]:
    """How many resources of each type a bundle holds (for the CLI and the notes)."""
    found: dict[str, int] = {}
    for entry in document["entry"]:
        kind = entry["resource"]["resourceType"]
        found[kind] = found.get(kind, 0) + 1
    return found
