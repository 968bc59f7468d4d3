"""One error shape for the whole API:

    {"error": "invalid_input", "message": "...", "fields": [{"field": "age", "message": "..."}]}

``fields`` names each bad field by its path in the request body, with array indices, for
example ``intakes[3].red_flags.saddle_numbness``.
"""

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import AfterValidator, Field

from painwise.clinical.assessment.intake import field_path, friendly_message
from painwise.lib.errors import DomainError


def _no_nul(value: str) -> str:
    # Web forms refuse NUL characters (Django's CharField); PostgreSQL cannot store them.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# Free text a person writes: never a NUL character (use with Field(...) for its length).
PlainText = Annotated[str, AfterValidator(_no_nul)]


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    error: str
    message: str
    fields: list[FieldError] = []


def answers(ok: Any, *errors: int, status: int = 200) -> dict[int, Any]:
    """An endpoint's responses: its own on success, and the one error shape for every error
    any endpoint can give (400 unreadable, 401 not signed in, 422 invalid) plus ``errors``."""
    return {status: ok, **{code: ErrorOut for code in sorted({400, 401, 422, *errors})}}


def _strip_location(loc: list[Any]) -> list[Any]:
    # ninja reports ("body", "<parameter name>", ...) or ("query", "<name>"); people want the
    # path inside their JSON document, so drop the transport part.
    if loc and loc[0] == "body":
        return loc[2:] if len(loc) > 2 else loc[1:]
    if loc and loc[0] in ("query", "path"):
        return loc[1:]
    return loc


def plain_message(error: dict[str, Any]) -> str:
    if "type" in error:
        return friendly_message(error)
    return str(error.get("msg", "is not valid")).removeprefix("Value error, ")


def error_response(
    api: NinjaAPI, request: HttpRequest, status: int, body: dict[str, Any]
) -> HttpResponse:
    return api.create_response(request, {"fields": [], **body}, status=status)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        fields = [
            {
                "field": field_path(_strip_location(list(err.get("loc", [])))) or "(body)",
                "message": plain_message(err),
            }
            for err in exc.errors
        ]
        return error_response(
            api,
            request,
            422,
            {"error": "invalid_input", "message": "Some fields are not valid.", "fields": fields},
        )

    @api.exception_handler(Http404)
    @api.exception_handler(ObjectDoesNotExist)
    def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A service looks rows up within what the caller may see, so a row it cannot find is,
        # to this caller, one that does not exist.
        return error_response(api, request, 404, {"error": "not_found", "message": "Not found."})

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(
            api,
            request,
            401,
            {"error": "not_authenticated", "message": "Sign in, or send a valid bearer token."},
        )

    @api.exception_handler(DomainError)
    def _refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
        # A service said no: the state forbids it (409) or the input breaks a rule (400).
        status, code = (409, "conflict") if exc.kind == "conflict" else (400, "bad_request")
        fields = [{"field": exc.field, "message": str(exc)}] if exc.field else []
        return error_response(
            api, request, status, {"error": code, "message": str(exc), "fields": fields}
        )

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = {400: "bad_request", 403: "forbidden", 405: "method_not_allowed", 409: "conflict"}
        return error_response(
            api,
            request,
            exc.status_code,
            {"error": code.get(exc.status_code, "error"), "message": str(exc)},
        )


DATE: dict[str, Any] = {"format": "date"}


class DateRange(Schema):
    """``?from=YYYY-MM-DD&to=YYYY-MM-DD``, both inclusive local dates, both optional."""

    start: str | None = Field(
        None, alias="from", description="YYYY-MM-DD, inclusive", json_schema_extra=DATE
    )
    end: str | None = Field(
        None, alias="to", description="YYYY-MM-DD, inclusive", json_schema_extra=DATE
    )

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        start, end = query_date(self.start, "from"), query_date(self.end, "to")
        if start and end and start > end:
            raise HttpError(400, "'from' must not be after 'to'.")
        return start, end


def query_date(value: str | None, name: str) -> dt.date | None:
    """A date from the query string. Empty means "not given" (``?from=&to=``)."""
    if value is None or value.strip() == "":
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HttpError(400, f"'{name}' must be a date like 2026-11-22.") from None
