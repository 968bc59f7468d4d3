"""The versioned JSON API. One router per area; every route shares one error shape.

django-ninja, not DRF: our input schemas are pydantic models that the clinical core already
uses, so the API, the CLI and the core validate intakes with one and the same schema, and the
OpenAPI document comes from those types with no extra layer (see README, Architecture).
"""

import datetime as dt

from django.db import connection
from django.http import HttpRequest
from ninja import NinjaAPI, Router, Schema, Status

import painwise
from painwise.accounts import access
from painwise.accounts import services as account_services
from painwise.accounts.models import ApiToken, User
from painwise.api import errors
from painwise.api.assessments import router as assessments_router
from painwise.api.auth import session_or_token
from painwise.api.calm import router as calm_router
from painwise.api.gmi import router as gmi_router
from painwise.api.learn import router as learn_router
from painwise.api.neurofeedback import router as neurofeedback_router
from painwise.api.program import router as program_router
from painwise.api.records import router as records_router
from painwise.api.tracking import router as tracking_router
from painwise.audit import services as audit

api = NinjaAPI(
    title="Painwise API",
    version="1",
    description=(
        "The Painwise JSON API. Authenticate with the browser session (send the CSRF token) "
        "or with `Authorization: Bearer <token>` (create one with `painwise token USER`)."
    ),
    urls_namespace="api-v1",
    auth=session_or_token,
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.install(api)


class HealthOut(Schema):
    status: str
    database: str
    version: str


@api.get("/health", auth=None, response={200: HealthOut, 503: HealthOut}, tags=["system"])
def health(request: HttpRequest) -> Status:
    """Is Painwise up, and can it reach its database? For load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # noqa: BLE001 - any database failure means "unhealthy", not a 500
        database = "unreachable"
    status = 200 if database == "ok" else 503
    return Status(
        status,
        {
            "status": "ok" if status == 200 else "unhealthy",
            "database": database,
            "version": painwise.__version__,
        },
    )


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    role: str
    time_zone: str


class PatientOut(Schema):
    id: int
    display_name: str
    time_zone: str


accounts = Router(tags=["accounts"])


class TokenOut(Schema):
    id: int
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime
    revoked_at: dt.datetime | None


@accounts.get("/tokens", response=errors.answers(list[TokenOut]))
def list_tokens(request: HttpRequest) -> list[ApiToken]:
    """Your own API tokens, newest first (their keys are never shown again)."""
    return list(account_services.tokens_of(request.user))


@accounts.post("/tokens/{token_id}/revoke", response=errors.answers(TokenOut, 404))
def revoke_token(request: HttpRequest, token_id: int) -> ApiToken:
    """Revoke one of your own tokens at once (revoking the one you call with works too)."""
    return account_services.revoke_token(request.user, token_id)


@accounts.get("/me", response=errors.answers(MeOut))
def me(request: HttpRequest) -> User:
    """The signed-in account."""
    return request.user  # MeOut picks its fields


@accounts.get("/patients", response=errors.answers(list[PatientOut]))
def list_patients(request: HttpRequest) -> list[PatientOut]:
    """Patients whose data you may read: yourself as a patient, your linked patients as a
    clinician (a clinician's read of the list is audited)."""
    if request.user.role == "clinician":
        audit.record("access.patients_listed", actor=request.user, data={"via": "api"})
    return [
        PatientOut(id=p.pk, display_name=p.display_name, time_zone=p.time_zone)
        for p in access.visible_patients(request.user).order_by("display_name", "pk")
    ]


@accounts.get(
    "/patients/{patient_id}",
    response=errors.answers(PatientOut, 404),
)
def get_patient(request: HttpRequest, patient_id: int) -> PatientOut:
    patient = access.get_patient(request.user, patient_id, what="api.patient")
    return PatientOut(id=patient.pk, display_name=patient.display_name, time_zone=patient.time_zone)


api.add_router("/", accounts)
api.add_router("/", assessments_router)
api.add_router("/", tracking_router)
api.add_router("/", program_router)
api.add_router("/", learn_router)
api.add_router("/", gmi_router)
api.add_router("/", calm_router)
api.add_router("/", neurofeedback_router)
api.add_router("/", records_router)
