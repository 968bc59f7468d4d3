"""Reading a page changes nothing: no patient page writes to the database on GET (plans are
built when an assessment is stored, reminder settings when they are saved). Clinician reads
write exactly one thing, their audit entry."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from painwise.assessment.models import AssessmentRecord
from painwise.assessment.services import record_assessment
from painwise.clinical.tracking.checkin import CheckInData
from painwise.tracking.services import save_checkin
from tests.clinical.factories import intake

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.I)


def writes(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in (200, 302), (url, response.status_code)
    return [
        q["sql"][:80]
        for q in queries.captured_queries
        if WRITE.match(q["sql"]) and "django_session" not in q["sql"]
    ]


@pytest.mark.django_db
def test_no_patient_page_writes_on_get(client, patient):
    record = record_assessment(patient, intake(), source="intake", actor=patient)
    save_checkin(patient, CheckInData(pain_now=4, pain_average=4))
    client.force_login(patient)
    urls = [
        reverse(name)
        for name in [
            "program:today",
            "program:plan",
            "program:preferences",
            "program:progress",
            "program:exercises",
            "program:flare",
            "program:flare_plan",
            "tracking:checkin",
            "tracking:entries",
            "tracking:goals",
            "tracking:weekly",
            "tracking:beliefs",
            "tracking:review",
            "tracking:reminders",
            "assessment:history",
            "accounts:settings",
        ]
    ] + [reverse("assessment:result", args=[record.pk])]
    found = {url: w for url in urls if (w := writes(client, url))}
    assert found == {}


@pytest.mark.django_db
def test_a_clinician_read_writes_only_its_audit_entry(client, patient, clinician):
    record_assessment(patient, intake(), source="intake", actor=patient)
    client.force_login(clinician)
    for url in [
        reverse("clinic:patient", args=[patient.pk]),
        reverse("clinic:plan", args=[patient.pk]),
        reverse(
            "clinic:assessment", args=[patient.pk, AssessmentRecord.objects.get(patient=patient).pk]
        ),
    ]:
        assert [w for w in writes(client, url) if "audit_auditentry" not in w] == [], url
