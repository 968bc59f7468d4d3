"""Limits on everything a person sends: every string of every API body has a maximum length
(read from the OpenAPI schema, so a new field is covered), and dates and amounts have sensible
bounds (no year 1 or 9999, no tomorrow, no 5e-324)."""

import datetime as dt
import json

import pytest

from painwise.tracking.models import CheckIn


def _strings_without_limit(schema):
    def resolve(node):
        while isinstance(node, dict) and "$ref" in node:
            node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
        return node

    found = []

    def walk(node, where, depth=0):
        node = resolve(node)
        if depth > 6:
            return
        for key in ("anyOf", "oneOf", "allOf"):
            for option in node.get(key, []):
                walk(option, where, depth + 1)
        for name, child in node.get("properties", {}).items():
            walk(child, f"{where}.{name}", depth + 1)
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"], f"{where}.*", depth + 1)
        if node.get("type") == "array":
            walk(node.get("items", {}), f"{where}[]", depth + 1)
        dated = node.get("format") in ("date", "date-time", "time")
        if node.get("type") == "string" and "enum" not in node and not dated:
            if "maxLength" not in node:
                found.append(where)

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = (operation.get("requestBody") or {}).get("content", {})
            if "application/json" in content:
                walk(content["application/json"]["schema"], f"{method.upper()} {path}")
    return found


@pytest.mark.django_db
def test_every_api_string_has_a_maximum_length(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert _strings_without_limit(schema) == []


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "tomorrow", 0])
def test_impossible_days_are_refused_and_store_nothing(client, assessed, day):
    client.force_login(assessed)
    if day == "tomorrow":
        day = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    body = {"pain_now": 3, "pain_average": 3, "date": day}
    response = client.post("/api/v1/checkins", json.dumps(body), content_type="application/json")
    assert 400 <= response.status_code < 500 and CheckIn.objects.count() == 0
    log = client.post(
        "/api/v1/activity-logs",
        json.dumps({"activity": "walking", "amount": 5, "date": day}),
        content_type="application/json",
    )
    assert 400 <= log.status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize("amount", [5e-324, -1, 0, 1e300])
def test_impossible_amounts_are_refused(client, assessed, amount):
    client.force_login(assessed)
    log = client.post(
        "/api/v1/activity-logs",
        json.dumps({"activity": "walking", "amount": amount}),
        content_type="application/json",
    )
    assert 400 <= log.status_code < 500, (amount, log.content)
