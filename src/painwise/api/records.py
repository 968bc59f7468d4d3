"""A patient's whole record as a FHIR R4B Bundle."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from painwise.accounts import access
from painwise.api import errors
from painwise.audit import services as audit
from painwise.records import fhir

router = Router(tags=["records"])


@router.get(
    "/patients/{patient_id}/fhir",
    response=errors.answers(dict[str, Any], 404),
    openapi_extra={
        "responses": {
            200: {
                "description": "A FHIR R4B Bundle of type collection",
                "content": {"application/fhir+json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def patient_fhir(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The patient's record as a FHIR R4B Bundle (Patient, the intake as Questionnaire and
    QuestionnaireResponse, pain as Observation with LOINC 72514-3, other scores, red flags as
    Flag, the plan as CarePlan with Goals). For the patient themself and their clinicians;
    anyone else gets 404. Audited."""
    patient = access.get_patient(request.user, patient_id, what="api.fhir")
    audit.record("records.fhir_exported", actor=request.user, patient=patient, data={"via": "api"})
    body = json.dumps(fhir.bundle(patient), ensure_ascii=False)
    return HttpResponse(body, content_type="application/fhir+json")
