import pytest
from django.test import Client
from django.urls import reverse

from painwise.accounts.models import ApiToken
from painwise.accounts.services import issue_token
from painwise.audit.models import AuditEntry


@pytest.mark.django_db
class TestPasswordChange:
    def test_signed_in_with_the_old_password_and_the_new_one_twice(self, client, patient):
        key = issue_token(patient, "phone")
        client.force_login(patient)
        response = client.post(
            reverse("accounts:password_change"),
            {
                "old_password": "correct horse battery",
                "new_password1": "a brand new long phrase",
                "new_password2": "a brand new long phrase",
            },
        )
        assert response["Location"] == reverse("accounts:settings")
        patient.refresh_from_db()
        assert patient.check_password("a brand new long phrase")
        # Still signed in here; every API token stopped working.
        assert client.get(reverse("accounts:settings")).status_code == 200
        assert ApiToken.objects.get(key_hash=ApiToken.hash_key(key)).revoked_at is not None
        headers = {"Authorization": f"Bearer {key}"}
        assert Client().get("/api/v1/me", headers=headers).status_code == 401
        assert AuditEntry.objects.filter(action="accounts.password_changed").exists()

    @pytest.mark.parametrize(
        ("old", "new2", "message"),
        [
            (
                "wrong password",
                "a brand new long phrase",
                "Your old password was entered incorrectly",
            ),
            ("correct horse battery", "something else entirely", "didn’t match"),
        ],
    )
    def test_a_wrong_old_password_or_a_mismatch_changes_nothing(
        self, client, patient, old, new2, message
    ):
        client.force_login(patient)
        response = client.post(
            reverse("accounts:password_change"),
            {
                "old_password": old,
                "new_password1": "a brand new long phrase",
                "new_password2": new2,
            },
        )
        assert response.status_code == 200 and message in response.content.decode()
        patient.refresh_from_db()
        assert patient.check_password("correct horse battery")

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, db):
        response = client.get(reverse("accounts:password_change"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
