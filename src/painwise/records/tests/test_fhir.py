"""The FHIR R4B export, checked by an independent library (fhir.resources' R4B models) and by
our own checks of what that library does not check: required codes, references, the
questionnaire's link ids and answer types."""

import datetime as dt
import importlib

import pytest
from fhir.resources.R4B.bundle import Bundle

from painwise.accounts.models import Invitation  # noqa: F401 - accounts is loaded
from painwise.lib import clock
from painwise.records import fhir
from painwise.tracking.models import ActivityGoal, CheckIn, GoalRating, WeeklyCheck

# Required value sets the R4B models do not check (they check structure only).
CODES = {
    "Bundle": {"type": {"collection"}},
    "Observation": {"status": {"registered", "preliminary", "final", "amended"}},
    "Questionnaire": {"status": {"draft", "active", "retired", "unknown"}},
    "QuestionnaireResponse": {
        "status": {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
    },
    "Flag": {"status": {"active", "inactive", "entered-in-error"}},
    "CarePlan": {
        "status": {
            "draft",
            "active",
            "on-hold",
            "revoked",
            "completed",
            "entered-in-error",
            "unknown",
        },
        "intent": {"proposal", "plan", "order", "option"},
    },
    "Goal": {
        "lifecycleStatus": {
            "proposed",
            "planned",
            "accepted",
            "active",
            "on-hold",
            "completed",
            "cancelled",
            "entered-in-error",
            "rejected",
        }
    },
    "Patient": {"gender": {"male", "female", "other", "unknown"}},
}
ITEM_TYPES = {
    "boolean": "valueBoolean",
    "integer": "valueInteger",
    "decimal": "valueDecimal",
    "string": "valueString",
}


def validate(document):
    """Every resource through the R4B models, then our checks. Returns the resources."""
    Bundle.model_validate(document)
    resources = [e["resource"] for e in document["entry"]]
    for resource in resources:
        kind = resource["resourceType"]
        model = getattr(importlib.import_module(f"fhir.resources.R4B.{kind.lower()}"), kind)
        model.model_validate(resource)
        for name, allowed in CODES.get(kind, {}).items():
            if name in resource:
                assert resource[name] in allowed, (kind, name, resource[name])
        for activity in resource.get("activity", []):
            assert activity["detail"]["status"] in {
                "not-started",
                "scheduled",
                "in-progress",
                "on-hold",
                "completed",
                "cancelled",
                "stopped",
                "unknown",
                "entered-in-error",
            }
    for name, allowed in CODES["Bundle"].items():
        assert document[name] in allowed
    # Every reference points at an entry of the bundle.
    present = {f"{r['resourceType']}/{r['id']}" for r in resources}
    for resource in resources:
        for ref in _references(resource):
            assert ref in present, ref
    # Answers use link ids of the questionnaire, with the value type the item declares.
    questionnaires = [r for r in resources if r["resourceType"] == "Questionnaire"]
    types = {}
    for q in questionnaires:
        for group in q["item"]:
            types |= {item["linkId"]: item["type"] for item in group["item"]}
    for response in (r for r in resources if r["resourceType"] == "QuestionnaireResponse"):
        assert response["questionnaire"].startswith(questionnaires[0]["url"])
        for group in response["item"]:
            for item in group["item"]:
                for answer in item["answer"]:
                    assert list(answer) == [ITEM_TYPES[types[item["linkId"]]]], item
    return resources


def _references(node):
    if isinstance(node, dict):
        if set(node) == {"reference"}:
            yield node["reference"]
        for value in node.values():
            yield from _references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _references(value)


@pytest.fixture
def year(patient, assess):
    assess(patient, startback={"unsafe_to_be_active": True})
    start = clock.now().date() - dt.timedelta(days=364)
    CheckIn.objects.bulk_create(
        CheckIn(
            patient=patient, local_date=start + dt.timedelta(i), pain_now=5, pain_average=(i % 11)
        )
        for i in range(365)
    )
    goal = ActivityGoal.objects.create(patient=patient, name="Gardening")
    for week in range(0, 52, 4):
        weekly = WeeklyCheck.objects.create(
            patient=patient,
            local_date=start + dt.timedelta(7 * week),
            peg_pain=5,
            peg_enjoyment=4,
            peg_activity=6,
        )
        GoalRating.objects.create(weekly=weekly, goal=goal, score=3 + week // 13)
    return patient


@pytest.mark.django_db
class TestBundle:
    def test_a_year_of_data_validates_and_holds_what_the_issue_lists(self, year):
        resources = validate(fhir.bundle(year))
        kinds = fhir.counts({"entry": [{"resource": r} for r in resources]})
        assert kinds["Patient"] == 1 and kinds["Questionnaire"] == 1
        assert kinds["QuestionnaireResponse"] == 1 and kinds["CarePlan"] == 1
        assert kinds["Goal"] >= 2  # the patient's own activity and graded activity
        pain = [
            r
            for r in resources
            if r["resourceType"] == "Observation" and r["code"]["coding"][0]["code"] == "72514-3"
        ]
        assert len(pain) == 365
        assert pain[0]["code"]["coding"][0]["system"] == "http://loinc.org"
        assert {p["valueInteger"] for p in pain} == set(range(11))
        peg = [r for r in resources if r["id"].startswith("peg")]
        assert peg and peg[0]["valueQuantity"]["value"] == 5.0

    def test_red_flags_are_flags_active_until_cleared(self, patient, assess, clinician):
        from painwise.assessment import services as assessment

        record = assess(patient, red_flags={"significant_trauma": True})
        [flag] = [r for r in validate(fhir.bundle(patient)) if r["resourceType"] == "Flag"]
        assert flag["status"] == "active"
        assert flag["code"]["coding"][0]["code"] == "possible_fracture"
        assert "fracture" in flag["code"]["text"].lower()
        assessment.clear_program(record, clinician=clinician, note="X-ray clear")
        [flag] = [r for r in validate(fhir.bundle(patient)) if r["resourceType"] == "Flag"]
        assert flag["status"] == "inactive"

    def test_a_new_patient_is_a_patient_alone(self, patient):
        resources = validate(fhir.bundle(patient))
        assert [r["resourceType"] for r in resources] == ["Patient"]
        assert resources[0]["telecom"][0]["value"] == patient.email
