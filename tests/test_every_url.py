"""Six roles over every URL the site has, generated from the URL list (a new page is covered
without editing this test): anonymous, the patient, another patient, their linked clinician,
an unlinked clinician and a staff admin. Nobody gets a server error; nobody but the patient,
their clinician and (for account data only) staff sees the patient's private markers."""

import re

import pytest
from conftest import make_user
from django.urls import URLPattern, URLResolver, get_resolver

from painwise.accounts.services import link_patient

NAME = "Zebulon Quixote"
NOTE = "marker-note-4417"
SKIP = ("static/", "sw.js", "api/v1/docs", "api/v1/openapi.json", "admin/logout", "accounts/logout")


def routes(patterns=None, prefix=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from routes(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route


def concrete(route, ids):
    """Every parameter filled: ints with each candidate id, words with a harmless word."""
    if route.startswith("^") or "(?P" in route:
        return []
    route = route.replace("<path:object_id>", "<int:object_id>")  # the admin's object pages
    words = re.sub(r"<(?:str|slug|path):\w+>", "x", route)
    if "<" not in words:
        return ["/" + words]
    return ["/" + re.sub(r"<(?:int:)?\w+>", str(i), words) for i in ids]


@pytest.fixture
def world(db, assess):
    from painwise.clinical.tracking.checkin import CheckInData
    from painwise.tracking.services import save_checkin

    owner = make_user("owner@example.org", display_name=NAME)
    assess(owner, age=50)
    save_checkin(owner, CheckInData(pain_now=4, pain_average=4, note=NOTE))
    other = make_user("other@example.org")
    assess(other, age=40)
    linked = make_user("linked@example.org", role="clinician")
    link_patient(patient=owner, clinician=linked)
    unlinked = make_user("unlinked@example.org", role="clinician")
    staff = make_user("staff@example.org", role="admin", is_staff=True, is_superuser=True)
    return {"owner": owner, "other": other, "linked": linked, "unlinked": unlinked, "staff": staff}


@pytest.mark.django_db
def test_every_url_for_six_roles(client, world):
    owner = world["owner"]
    ids = sorted({1, 2, owner.pk})
    urls = sorted({u for r in routes() if not r.startswith(SKIP) for u in concrete(r, ids)})
    assert len(urls) > 80
    client.raise_request_exception = False
    problems = []
    seen = {"owner": 0, "linked": 0}
    for role in (None, "other", "unlinked", "linked", "staff", "owner"):
        client.logout()
        if role:
            client.force_login(world[role])
        for url in urls:
            response = client.get(url)
            if response.status_code >= 500:
                problems.append(f"{role or 'anonymous'} {url}: {response.status_code}")
                continue
            body = response.content.decode(errors="replace") if not response.streaming else ""
            if role in (None, "other", "unlinked") and (NAME in body or NOTE in body):
                problems.append(f"{role or 'anonymous'} {url}: shows the patient's data")
            if role == "staff" and NOTE in body:
                problems.append(f"staff {url}: shows clinical content")
            if role in seen and (NAME in body or NOTE in body):
                seen[role] += 1
    assert problems == []
    # The markers are findable: those allowed to see them do, on some pages.
    assert seen["owner"] > 5 and seen["linked"] > 0, seen
