"""A page view reads the program's status and plan once, however many parts of the page ask;
a request that may write, and anything outside a request, reads afresh each time."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from painwise.lib.reads import ReadOncePerViewMiddleware, once_per_view


def _reads_in(method):
    calls = []

    def view(request):
        for _ in range(3):
            once_per_view("key", lambda: calls.append(1) or len(calls))
        return HttpResponse()

    ReadOncePerViewMiddleware(view)(getattr(RequestFactory(), method)("/"))
    return len(calls)


@pytest.mark.parametrize(("method", "reads"), [("get", 1), ("head", 1), ("post", 3), ("put", 3)])
def test_only_a_page_view_reads_once(method, reads):
    assert _reads_in(method) == reads


def test_outside_a_request_every_read_is_made():
    calls = []
    for _ in range(2):
        once_per_view("key", lambda: calls.append(1))
    assert len(calls) == 2


@pytest.mark.django_db
def test_today_asks_for_the_assessment_records_once_for_the_status(client, ready):
    client.force_login(ready)
    client.get(reverse("program:today"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("program:today"))
    assert page.status_code == 200
    records = [q for q in queries if 'FROM "assessment_assessmentrecord"' in q["sql"]]
    # the status (crisis, blocking results, latest complete) and the recently reopened result
    assert len(records) == 4, [q["sql"][:200] for q in records]
    plans = [q for q in queries if 'FROM "program_plan"' in q["sql"]]
    assert len(plans) == 1
    # "checked in today?": for Today's prompts and for the check-in banner, asked once
    exists = 'SELECT 1 AS "a" FROM "tracking_checkin"'
    today = [q for q in queries if q["sql"].startswith(exists) and '"flare"' not in q["sql"]]
    assert len(today) == 1, [q["sql"][:200] for q in today]
