import re

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
    def test_it_creates_a_patient_whose_welcome_link_switches_the_account_on(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, form())
        assert response.status_code == 200 and b"Check your email" in response.content
        user = User.objects.get()
        assert user.email == "rosa@example.org"
        assert user.role == Role.PATIENT and not user.is_active
        assert user.time_zone == "Europe/Madrid"
        assert user.password.startswith("md5$")  # hashed (Argon2 outside tests)
        assert AuditEntry.objects.filter(action="accounts.signed_up", actor=user).exists()
        assert [m.to for m in mail.outbox] == [["rosa@example.org"]]
        # A password sign-in before the link fails exactly like a wrong password.
        early = client.post(
            reverse("accounts:login"),
            {"username": "rosa@example.org", "password": "a long quiet river"},
        )
        assert early.status_code == 200 and "do not match an account" in early.content.decode()
        link = re.search(r"(/accounts/link/[^\s]+)", mail.outbox[0].body).group(1)
        assert client.post(link).status_code == 302
        user.refresh_from_db()
        assert user.is_active
        assert client.get(reverse("accounts:settings")).status_code == 200
        client.logout()
        assert client.post(link).status_code == 410  # once only

    def test_a_known_email_gets_the_same_answer_and_its_owner_an_email(
        self, client, patient, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            known = client.post(URL, form(email=patient.email.upper()))
            new = client.post(URL, form(email="new@example.org"))
        strip = lambda r, e: r.content.decode().replace(e, "EMAIL")  # noqa: E731
        assert known.status_code == new.status_code == 200
        assert (
            strip(known, patient.email)
            == strip(new, "new@example.org").replace("new@example.org", "EMAIL")
            or "Check your email" in known.content.decode()
        )
        assert User.objects.filter(email__iexact=patient.email).count() == 1
        notice = [m for m in mail.outbox if m.to == [patient.email]]
        assert notice and "already have" in notice[0].subject
        patient.refresh_from_db()
        assert patient.is_active

    def test_sign_ups_are_throttled_per_address(self, client, settings):
        settings.PAINWISE_SIGNUPS_PER_HOUR = 2
        answers = [client.post(URL, form(email=f"p{n}@example.org")).status_code for n in range(3)]
        assert answers == [200, 200, 429]
        assert User.objects.count() == 2

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
            ({"time_zone": "Mars/Olympus"}, "time_zone", "Choose your time zone from the list"),
            ({"time_zone": ""}, "time_zone", "required"),
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

    def test_a_signed_in_person_is_sent_home(self, client, patient):
        client.force_login(patient)
        assert client.get(URL).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_password_reset_is_sent_by_the_worker_for_known_and_unknown_emails(
    client, patient, settings
):
    from django_tasks_db.models import DBTaskResult

    from painwise.lib.jobs import run

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    url = reverse("accounts:password_reset")
    known = client.post(url, {"email": patient.email})
    unknown = client.post(url, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert DBTaskResult.objects.count() == 2 and mail.outbox == []  # nothing sent in the request
    run(interval=0, once=True)
    assert [m.to for m in mail.outbox] == [[patient.email]]
    assert "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_typed_city_zone_is_accepted_in_its_own_spelling(client):
    from painwise.accounts.forms import SignUpForm

    form = SignUpForm(
        {
            "display_name": "Ana",
            "email": "ana@example.org",
            "password1": "a long walk by the sea",
            "password2": "a long walk by the sea",
            "time_zone": " america/new york ",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["time_zone"] == "America/New_York"


@pytest.mark.django_db
def test_without_javascript_the_time_zone_is_asked_not_assumed(client):
    page = client.get("/accounts/signup/").content.decode()
    field = (
        page.split('id="id_time_zone"')[0].rsplit("<input", 1)[1]
        + page.split('id="id_time_zone"')[1].split(">")[0]
    )
    assert 'value="UTC"' not in field and 'list="time-zones"' in field
    assert '<datalist id="time-zones">' in page and 'value="America/New_York"' in page
