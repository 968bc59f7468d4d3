import pytest
from django.core import mail
from django.urls import reverse

from painwise.accounts.models import Role, User
from painwise.audit.models import AuditEntry

URL = reverse("accounts:signup")


def form(**overrides):
    data = {
        "display_name": "Rosa",
        "email": "Rosa@Example.org",
        "password1": "a long quiet river",
        "password2": "a long quiet river",
        "time_zone": "Europe/Madrid",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
class TestSignUp:
    def test_it_creates_a_patient_signs_them_in_and_welcomes_them(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, form())
        assert response.status_code == 302
        user = User.objects.get()
        assert user.email == "rosa@example.org"
        assert user.role == Role.PATIENT
        assert user.time_zone == "Europe/Madrid"
        assert user.password.startswith("md5$")  # hashed (Argon2 outside tests)
        assert client.get(reverse("accounts:settings")).status_code == 200
        assert AuditEntry.objects.filter(action="accounts.signed_up", actor=user).exists()
        assert [m.to for m in mail.outbox] == [["rosa@example.org"]]

    def test_it_offers_every_time_zone_and_marks_the_field_for_the_browser_default(self, client):
        html = client.get(URL).content.decode()
        assert 'data-browser-time-zone="true"' in html
        assert '<option value="Australia/Sydney">' in html

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"email": "not-an-email"}, "email", "valid email"),
            ({"password2": "something else"}, "password2", "not the same"),
            ({"password1": "12345678", "password2": "12345678"}, "password1", "too common"),
            ({"password1": "short", "password2": "short"}, "password1", "too short"),
            ({"time_zone": "Mars/Olympus"}, "time_zone", "Select a valid choice"),
            ({"display_name": ""}, "display_name", "required"),
        ],
    )
    def test_bad_input_is_explained_beside_the_field_and_creates_nothing(
        self, client, overrides, field, message
    ):
        response = client.post(URL, form(**overrides))
        assert response.status_code == 200
        html = response.content.decode()
        assert f'id="id_{field}_errors"' in html
        assert message in html
        assert 'aria-invalid="true"' in html
        assert User.objects.count() == 0
        assert mail.outbox == []

    def test_a_taken_email_is_refused_whatever_its_case(self, client, patient):
        response = client.post(URL, form(email=patient.email.upper()))
        assert "already exists" in response.content.decode()
        assert User.objects.count() == 1

    def test_a_signed_in_person_is_sent_home(self, client, patient):
        client.force_login(patient)
        assert client.get(URL).status_code == 302
