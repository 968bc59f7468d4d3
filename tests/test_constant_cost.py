"""The cost of an everyday page must not grow with a person's history. The demo people are
built twice, with 30 weeks and with 60 weeks of history (check-ins, weekly and monthly checks,
practice, pacing), and every page Maria and her clinician open is fetched both times: the
longer history costs no more database queries, and the web pages weigh no more (charts and
tables show the most recent weeks; lists are bounded).

Left out: full-record downloads (the data export, FHIR), whole by design; and the weight of the
API's lists, which return the range a client asks for (`from`, `to`)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_every_url import SKIP, concrete, routes

WHOLE_RECORD = ("download", "fhir", "export", "delete")
SLACK = 1.1  # dates and figures differ between the two histories; their length does not


def _urls(patient_id):
    found = set()
    for route in routes():
        if route.startswith((*SKIP, "admin/")) or any(w in route for w in WHOLE_RECORD):
            continue
        if "<" in route and "patient_id>" not in route:
            continue  # a page of one object costs what that object costs
        found.update(concrete(route, [patient_id]))
    return sorted(found)


def _costs(client, monkeypatch, weeks):
    from painwise import demo
    from painwise.accounts.models import User

    monkeypatch.setattr(demo, "WEEKS", weeks)
    demo.load_demo()
    patient = User.objects.get(email="maria@demo.painwise.example")
    clinician = User.objects.get(email="clinician@demo.painwise.example")
    costs = {}
    for who in (patient, clinician):
        client.force_login(who)
        for url in _urls(patient.pk):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code == 200 and not response.streaming:
                page = url.replace(f"/{patient.pk}/", "/<id>/").replace(f"/{patient.pk}", "/<id>")
                costs[(who.role, page)] = (len(queries), len(response.content))
    return costs


@pytest.mark.django_db
def test_no_page_costs_more_with_a_longer_history(client, monkeypatch):
    shorter = _costs(client, monkeypatch, 30)
    longer = _costs(client, monkeypatch, 60)
    assert len(shorter) > 60 and set(shorter) == set(longer)
    more_queries = {
        k: (shorter[k][0], longer[k][0]) for k in shorter if longer[k][0] > shorter[k][0]
    }
    assert more_queries == {}
    heavier = {
        k: (shorter[k][1], longer[k][1])
        for k in shorter
        if "/api/" not in k[1] and longer[k][1] > shorter[k][1] * SLACK
    }
    assert heavier == {}
    # The person is told that the charts show their recent weeks.
    from painwise.accounts.models import User

    client.force_login(User.objects.get(email="maria@demo.painwise.example"))
    page = client.get("/track/review/").content.decode()
    assert "The charts show your last 26 weeks." in page
    cards = [part[: part.index("</section>")] for part in page.split('class="card signal"')[1:]]
    assert [card.count('<tr><th scope="row"') for card in cards] == [26, 26, 26]
