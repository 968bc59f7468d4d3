"""Health data is not kept by browsers or proxies: every page and API answer for a signed-in
person says Cache-Control: no-store; the data-free files the offline app keeps do not."""

import pytest
from django.urls import reverse

PATIENT_PAGES = [
    "program:today",
    "tracking:checkin",
    "tracking:review",
    "program:plan",
    "learn:practice",
    "neurofeedback:home",
    "accounts:settings",
    "accounts:tokens",
]
API = ["/api/v1/me", "/api/v1/checkins", "/api/v1/review", "/api/v1/tokens"]


@pytest.mark.django_db
def test_every_personal_answer_is_no_store(client, assessed):
    client.force_login(assessed)
    for url in [reverse(name) for name in PATIENT_PAGES] + API:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


@pytest.mark.django_db
def test_a_clinicians_pages_are_no_store(client, cast):
    client.force_login(cast["clinician"])
    for url in [reverse("clinic:home"), "/api/v1/patients"]:
        response = client.get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"], url


@pytest.mark.django_db
def test_the_offline_files_hold_no_one_and_may_be_kept(client, assessed):
    client.force_login(assessed)
    offline = client.get(reverse("offline_checkin"))
    assert offline["Cache-Control"] == "no-cache"
    assert assessed.display_name.encode() not in offline.content
    assert assessed.email.encode() not in offline.content
    worker = client.get("/sw.js")
    assert worker["Service-Worker-Allowed"] == "/" and b"/offline/checkin/" in worker.content


@pytest.mark.django_db
def test_api_errors_are_json_in_production_too(client, patient, settings):
    settings.DEBUG = False
    client.force_login(patient)
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_a_server_error_in_the_api_is_json(rf):
    from painwise.web.views import server_error

    response = server_error(rf.get("/api/v1/checkins"))
    assert response.status_code == 500 and b'"server_error"' in response.content


def test_the_service_workers_cache_is_named_after_the_files_it_keeps(client, monkeypatch):
    import re

    from painwise.web import views

    def cache_name():
        found = re.search(
            r'const CACHE = "(painwise-[^"]+)";', client.get("/sw.js").content.decode()
        )
        return found.group(1)

    first = cache_name()
    assert re.fullmatch(r"painwise-[\d.]+-[0-9a-f]{12}", first)
    assert cache_name() == first  # the same files, the same cache
    # A new style sheet (its name carries its content's hash) means a new cache, so the
    # worker's activation deletes the old one and nothing stale is kept on the device.
    monkeypatch.setattr(views, "static", lambda name: f"/static/{name}.new")
    second = cache_name()
    assert (
        second != first
        and "/static/painwise/css/painwise.css.new" in client.get("/sw.js").content.decode()
    )
