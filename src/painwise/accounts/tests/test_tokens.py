"""API tokens: they expire, stop working when the password changes or the account is switched
off, and their owner can list and revoke them (page and API); sign-in link keys never reach
the logs (tests/test_logs.py)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from painwise.accounts.models import ApiToken
from painwise.accounts.services import change_password, issue_token


def me(client, key):
    return client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code


@pytest.mark.django_db
class TestTokens:
    def test_a_token_stops_working_after_its_lifetime(self, client, patient, settings):
        settings.PAINWISE_API_TOKEN_DAYS = 30
        key = issue_token(patient, "app")
        assert me(client, key) == 200
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=30, minutes=1)
        with time_machine.travel(later):
            assert me(client, key) == 401

    def test_a_password_change_and_a_deactivated_account_end_tokens(
        self, client, patient, other_patient
    ):
        key = issue_token(patient, "app")
        change_password(patient, "another long phrase")
        assert me(client, key) == 401
        theirs = issue_token(other_patient, "app")
        other_patient.is_active = False
        other_patient.save()
        other_patient.is_active = True
        other_patient.save()
        assert me(client, theirs) == 401  # revoked when switched off, not back when on again

    def test_the_owner_lists_and_revokes_tokens_on_the_page(self, client, patient, other_patient):
        client.force_login(patient)
        page = client.post(reverse("accounts:tokens"), {"name": "diary app"})
        key = page.context["new_key"]
        assert key.startswith("pw_") and key.encode() in page.content
        listed = client.get(reverse("accounts:tokens"))
        assert b"diary app" in listed.content and key.encode() not in listed.content
        token = ApiToken.objects.get(user=patient)
        theirs = ApiToken.issue(other_patient, "x")[0]
        assert client.post(reverse("accounts:revoke_token", args=[theirs.pk])).status_code == 404
        client.post(reverse("accounts:revoke_token", args=[token.pk]))
        client.logout()  # the bearer token alone
        assert me(client, key) == 401
        theirs.refresh_from_db()
        assert theirs.revoked_at is None

    def test_the_owner_lists_and_revokes_tokens_over_the_api(self, client, patient, other_patient):
        key = issue_token(patient, "a")
        spare = issue_token(patient, "b")
        auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        listed = client.get("/api/v1/tokens", **auth).json()
        assert [t["name"] for t in listed] == ["b", "a"] and "key" not in listed[0]
        spare_id = ApiToken.objects.get(name="b").pk
        theirs = ApiToken.issue(other_patient, "x")[0]
        assert client.post(f"/api/v1/tokens/{theirs.pk}/revoke", **auth).status_code == 404
        revoked = client.post(f"/api/v1/tokens/{spare_id}/revoke", **auth)
        assert revoked.status_code == 200 and revoked.json()["revoked_at"]
        assert me(client, spare) == 401 and me(client, key) == 200
