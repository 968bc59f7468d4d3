"""Arbitrary Unicode into every form and every API text field: a lone surrogate (as the raw
bytes a browser or client can send), a NUL character and a 100,000-character string, one at a
time, into each text field of every form on every page a patient or a clinician can open
(found from the URL list and the pages themselves), and into every string of every API body
(found from the OpenAPI schema). Nothing answers with a server error."""

import datetime as dt
import json
import re
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urljoin

import pytest

from tests.test_every_url import SKIP, concrete, routes, world  # noqa: F401 - the fixture

NASTY_FORM = [b"\xed\xa0\x80", b"a\x00b", b"x" * 100_000]  # surrogate, NUL, very long
NASTY_JSON = ['"\\ud800"', '"a\\u0000b"', json.dumps("x" * 100_000)]
TEXT_TYPES = {"text", "email", "number", "date", "time", "search", "url", "tel", "password", ""}


class Forms(HTMLParser):
    """Every POST form of a page: its action and its fields with their current values."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.current = {"action": a.get("action") or "", "fields": [], "text": set()}
            self.forms.append(self.current)
        if self.current is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.current["fields"].append((name, a.get("value", "on")))
                elif kind == "radio" and not any(n == name for n, _v in self.current["fields"]):
                    self.current["fields"].append((name, a.get("value", "")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.current["fields"].append((name, a.get("value") or ""))
                if kind in TEXT_TYPES:
                    self.current["text"].add(name)
        elif tag == "textarea":
            self.current["fields"].append((name, ""))
            self.current["text"].add(name)
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select:
            if not any(n == self.select for n, _v in self.current["fields"]):
                self.current["fields"].append((self.select, a.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        if tag == "select":
            self.select = None


def body(fields, name, nasty):
    parts = []
    for field, value in fields:
        raw = nasty if field == name else str(value).encode()
        parts.append(quote_from_bytes(field.encode()) + "=" + quote_from_bytes(raw))
    return "&".join(parts)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["owner", "linked"])
def test_nasty_text_in_every_form_gives_no_server_error(client, world, role):  # noqa: F811
    client.raise_request_exception = False
    ids = sorted({1, world["owner"].pk})
    urls = sorted({u for r in routes() if not r.startswith(SKIP) for u in concrete(r, ids)})
    urls = [u for u in urls if not u.startswith("/admin/") and not u.startswith("/api/")]
    client.force_login(world[role])
    posted, problems = 0, []
    for url in urls:
        page = client.get(url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        parser = Forms()
        parser.feed(page.content.decode(errors="replace"))
        for form in parser.forms:
            action = urljoin(url, form["action"]) if form["action"] else url
            if "logout" in action:
                continue
            for name in sorted(form["text"] - {"csrfmiddlewaretoken"}):
                for nasty in NASTY_FORM:
                    response = client.post(
                        action,
                        body(form["fields"], name, nasty),
                        content_type="application/x-www-form-urlencoded",
                    )
                    posted += 1
                    if response.status_code >= 500:
                        problems.append(f"{action} {name}={nasty[:12]!r}: {response.status_code}")
        client.force_login(world[role])  # a form may have changed the session
    print(f"{role}: {posted} form posts")
    assert posted > (100 if role == "owner" else 10), posted
    assert problems == []


def _resolve(schema, node):
    while isinstance(node, dict) and "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _value(schema, node, nasty, depth=0):
    """A JSON text for ``node`` with every string replaced by ``nasty``."""
    node = _resolve(schema, node)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            options = [o for o in node[key] if _resolve(schema, o).get("type") != "null"]
            return _value(schema, options[0] if options else node[key][0], nasty, depth + 1)
    kind = node.get("type")
    if "enum" in node:
        return json.dumps(node["enum"][0])
    if kind == "object" or "properties" in node:
        if depth > 4:
            return "{}"
        items = [
            f"{json.dumps(k)}: {_value(schema, v, nasty, depth + 1)}"
            for k, v in node.get("properties", {}).items()
        ]
        return "{" + ", ".join(items) + "}"
    if kind == "array":
        return "[" + _value(schema, node.get("items", {}), nasty, depth + 1) + "]"
    if kind == "integer":
        return "1"
    if kind == "number":
        return "1.5"
    if kind == "boolean":
        return "false"
    if kind == "string" and node.get("format") == "date":
        return json.dumps(dt.date.today().isoformat())
    if kind == "string" and node.get("format") == "date-time":
        return json.dumps(dt.datetime.now(dt.UTC).isoformat())
    if kind == "string" and node.get("format") == "time":
        return '"08:00"'
    return nasty


@pytest.mark.django_db
def test_nasty_text_in_every_api_string_gives_no_server_error(client, world):  # noqa: F811
    client.raise_request_exception = False
    client.force_login(world["owner"])
    schema = client.get("/api/v1/openapi.json").json()
    sent, problems = 0, []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = (operation.get("requestBody") or {}).get("content", {})
            if method not in ("post", "put", "patch") or "application/json" not in content:
                continue
            url = re.sub(r"\{\w+\}", "1", path)
            for nasty in NASTY_JSON:
                text = _value(schema, content["application/json"]["schema"], nasty)
                response = getattr(client, method)(url, text, content_type="application/json")
                sent += 1
                if response.status_code >= 500:
                    problems.append(f"{method.upper()} {url} {nasty[:10]}: {response.status_code}")
    print(f"api: {sent} bodies")
    assert sent > 30, sent
    assert problems == []


@pytest.mark.django_db
def test_ids_typed_by_hand_are_ascii_digits_only(client, world):  # noqa: F811
    from django.urls import reverse

    from painwise.lib.forms import whole_number

    assert [whole_number(x) for x in ("12", "²", "1²", "", "-1", "9" * 19, " 3")] == [
        12,
        None,
        None,
        None,
        None,
        None,
        None,
    ]
    client.raise_request_exception = False
    client.force_login(world["owner"])
    quota = client.post(reverse("program:log"), {"rest_of_quota": "1", "track": "²"})
    assert quota.status_code == 404
    keyed = client.get("/api/v1/neurofeedback/sessions/²", HTTP_X_PAINWISE_SESSION_KEY="k")
    assert keyed.status_code < 500
