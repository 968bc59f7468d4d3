"""The baseline for bench/bench_checkin_load.py: a Django app that only parses a check-in and
inserts one row, on the same database, served the same way. Not part of Painwise."""

import json
import os

import dj_database_url
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

SECRET_KEY = "bench-only"  # noqa: S105 - a local benchmark's throwaway app
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES = {"default": dj_database_url.parse(os.environ["BARE_DATABASE_URL"], conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
USE_TZ = True

TABLE = """CREATE TABLE IF NOT EXISTS bare_checkin (
    id {pk}, patient integer NOT NULL, pain_now integer NOT NULL,
    pain_average integer NOT NULL, created timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)"""


def create_table() -> None:
    pk = (
        "serial PRIMARY KEY"
        if connection.vendor == "postgresql"
        else "integer PRIMARY KEY AUTOINCREMENT"
    )
    with connection.cursor() as cursor:
        cursor.execute(TABLE.format(pk=pk))


@csrf_exempt
def checkin(request: HttpRequest) -> HttpResponse:
    try:
        data = json.loads(request.body)
        values = [int(data["patient"]), int(data["pain_now"]), int(data["pain_average"])]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "invalid"}, status=422)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bare_checkin (patient, pain_now, pain_average) VALUES (%s, %s, %s)", values
        )
    return JsonResponse({"saved": True}, status=201)


urlpatterns = [path("checkins", checkin)]


def application():  # type: ignore[no-untyped-def]
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()
