"""The Idempotency-Key rules on the API: the same key and body answer once and store once;
another body is refused; keys are per user; an expired key is a new key; a server error keeps
nothing; a malformed key is refused."""

import datetime as dt

import pytest
import time_machine

from painwise.accounts.models import ApiToken, IdempotencyKey
from painwise.tracking.models import CheckIn

URL = "/api/v1/checkins"


def post(client, body, key, token=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key}
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(URL, body, content_type="application/json", **headers)


@pytest.fixture
def token(assessed):
    return ApiToken.issue(assessed, "test")[1]


@pytest.mark.django_db
class TestIdempotencyKey:
    def test_the_same_key_and_body_answer_once_and_store_once(self, client, token):
        first = post(client, {"pain_now": 4, "pain_average": 5}, "k-1", token)
        again = post(client, {"pain_now": 4, "pain_average": 5}, "k-1", token)
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
        assert CheckIn.objects.count() == 1

    def test_the_same_key_with_another_body_is_refused_and_stores_nothing(self, client, token):
        post(client, {"pain_now": 4, "pain_average": 5}, "k-2", token)
        other = post(client, {"pain_now": 7, "pain_average": 7}, "k-2", token)
        assert other.status_code == 422 and other.json()["error"] == "idempotency_key_reused"
        assert CheckIn.objects.count() == 1

    def test_a_keyed_request_looks_its_token_up_once(self, client, token):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            saved = post(client, {"pain_now": 4, "pain_average": 5}, "k-once", token)
        assert saved.status_code == 201
        lookups = [q for q in queries.captured_queries if 'FROM "accounts_apitoken"' in q["sql"]]
        assert len(lookups) == 1

    def test_keys_are_per_user(self, client, token, other_patient, assess):
        assess(other_patient, age=40)
        theirs = ApiToken.issue(other_patient, "test")[1]
        post(client, {"pain_now": 4, "pain_average": 5}, "shared", token)
        second = post(client, {"pain_now": 4, "pain_average": 5}, "shared", theirs)
        assert second.status_code == 201 and "Idempotent-Replayed" not in second
        assert CheckIn.objects.filter(patient=other_patient).count() == 1

    def test_an_expired_key_is_a_new_key(self, client, token):
        post(client, {"pain_now": 4, "pain_average": 5}, "k-3", token)
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)):
            later = post(client, {"pain_now": 4, "pain_average": 5}, "k-3", token)
        assert later.status_code == 201 and "Idempotent-Replayed" not in later
        assert CheckIn.objects.count() == 2

    def test_invalid_input_is_kept_and_replayed_without_storing(self, client, token):
        bad = post(client, {"pain_now": 40}, "k-4", token)
        again = post(client, {"pain_now": 40}, "k-4", token)
        assert bad.status_code == again.status_code == 422
        assert CheckIn.objects.count() == 0

    def test_a_server_error_keeps_nothing_so_a_retry_runs_again(self, client, token, monkeypatch):
        from painwise.tracking import services

        real = services.save_checkin
        calls = []

        def broken(patient, data):
            calls.append(1)
            real(patient, data)
            raise RuntimeError("the disk is full")

        monkeypatch.setattr(services, "save_checkin", broken)
        client.raise_request_exception = False
        failed = post(client, {"pain_now": 4, "pain_average": 5}, "k-5", token)
        assert failed.status_code == 500
        assert CheckIn.objects.count() == 0 and not IdempotencyKey.objects.exists()
        monkeypatch.setattr(services, "save_checkin", real)
        retried = post(client, {"pain_now": 4, "pain_average": 5}, "k-5", token)
        assert retried.status_code == 201 and CheckIn.objects.count() == 1

    @pytest.mark.parametrize("key", ["", "x" * 256, "tab\there"])
    def test_a_malformed_key_is_refused(self, client, token, key):
        response = post(client, {"pain_now": 4, "pain_average": 5}, key, token)
        assert response.status_code == 400 and response.json()["error"] == "invalid_idempotency_key"
        assert CheckIn.objects.count() == 0

    def test_it_works_with_the_browser_session_too(self, client, assessed):
        client.force_login(assessed)
        a = post(client, {"pain_now": 2, "pain_average": 3}, "web-1")
        b = post(client, {"pain_now": 2, "pain_average": 3}, "web-1")
        assert a.status_code == b.status_code == 201 and CheckIn.objects.count() == 1

    def test_old_keys_are_forgotten_by_the_periodic_job(self, client, token):
        from painwise.accounts.idempotency import forget_old_keys

        post(client, {"pain_now": 4, "pain_average": 5}, "k-6", token)
        assert forget_old_keys() == 0
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)):
            assert forget_old_keys() == 1
