"""Every clinician URL and the clinician API calls, tried against another clinician's patient,
an unlinked patient and by a patient user: 404 every time, with nothing about the patient in
the answer, and nothing changed. The list of URLs comes from the clinic's URL table, so a new
page is covered without editing this test."""

import re

import pytest
from conftest import make_user
from django.urls import get_resolver

from painwise.accounts.models import CareLink, Invitation, Team, TeamShare
from painwise.alerts.services import raise_alert
from painwise.audit.models import AuditEntry

SECRET = "Quintessa Marlowe-Vance"


def clinic_routes():
    resolver = get_resolver()
    for pattern in resolver.url_patterns:
        if str(pattern.pattern) == "clinic/":
            for p in pattern.url_patterns:
                yield "/clinic/" + str(p.pattern), p.name


@pytest.fixture
def world(db, assess):
    target = make_user("target@example.org", full_name=SECRET, display_name=SECRET)
    record = assess(target, age=50)
    owner = make_user("owner-doc@example.org", role="clinician")
    CareLink.objects.create(patient=target, clinician=owner)
    team = Team.objects.create(name="Owner team")
    team.members.add(owner)
    share = TeamShare.objects.create(team=team, patient=target, shared_by=owner)
    alert = raise_alert(target, kind="plateau", message=f"{SECRET} flat", source="t:1")
    invitation = Invitation.objects.create(
        clinician=owner, email="someone@example.org", expires_at="2999-01-01T00:00Z"
    )
    stranger = make_user("stranger-doc@example.org", role="clinician")
    unlinked = make_user("unlinked@example.org", full_name=SECRET, display_name=SECRET)
    assess(unlinked, age=40)
    return {
        "target": target,
        "unlinked": unlinked,
        "stranger": stranger,
        "patient_user": make_user("plain@example.org"),
        "ids": {
            "pk": record.pk,
            "alert_id": alert.pk,
            "share_id": share.pk,
            "invitation_id": invitation.pk,
        },
    }


def fill(route, patient_id, ids):
    url = route.replace("<int:patient_id>", str(patient_id))
    return re.sub(r"<int:(\w+)>", lambda m: str(ids[m.group(1)]), url)


@pytest.mark.django_db
def test_no_clinician_url_opens_for_an_outsider(client, world):
    routes = list(clinic_routes())
    assert len(routes) >= 15
    cases = [
        ("stranger", world["stranger"], world["target"]),  # another clinician's patient
        ("stranger", world["stranger"], world["unlinked"]),  # a patient linked to nobody
        ("patient", world["patient_user"], world["target"]),  # a patient user
    ]
    before = (CareLink.objects.count(), TeamShare.objects.count(), Invitation.objects.count())
    checked = 0
    for label, who, patient in cases:
        client.force_login(who)
        for route, _name in routes:
            if "<int:patient_id>" not in route and label == "stranger":
                continue  # the clinician's own pages (home, invitations, outcomes)
            url = fill(route, patient.pk, world["ids"])
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if response.status_code == 405:
                    continue  # a POST-only page asked with GET: nothing read, nothing said
                assert response.status_code == 404, (label, method, url, response.status_code)
                assert SECRET not in response.content.decode(errors="replace"), url
                checked += 1
    assert checked > 40
    assert (
        CareLink.objects.count(),
        TeamShare.objects.count(),
        Invitation.objects.count(),
    ) == before
    assert AuditEntry.objects.filter(action="access.denied").exists()


@pytest.mark.django_db
def test_no_clinician_api_call_opens_for_an_outsider(client, world):
    from painwise.api.v1 import api

    calls = [path for path in api.get_openapi_schema()["paths"] if "{patient_id}" in path]
    assert any(p.endswith("/fhir") for p in calls)
    for who, patient in (
        (world["stranger"], world["target"]),
        (world["stranger"], world["unlinked"]),
        (world["patient_user"], world["target"]),
    ):
        client.force_login(who)
        for path in calls:
            url = path.replace("{patient_id}", str(patient.pk))
            response = client.get(url)
            if response.status_code == 405:
                continue
            assert response.status_code == 404, (url, response.status_code)
            assert SECRET not in response.content.decode()
