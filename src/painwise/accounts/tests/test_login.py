import pytest
from django.urls import reverse

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")


@pytest.mark.django_db
class TestLogin:
    def test_it_signs_in_and_out(self, client, patient):
        response = client.post(
            LOGIN, {"username": patient.email, "password": "correct horse battery"}
        )
        assert response.status_code == 302
        assert client.get(reverse("accounts:settings")).status_code == 200
        assert client.post(LOGOUT).status_code == 302
        assert client.get(reverse("accounts:settings")).status_code == 302  # back to login

    def test_a_wrong_password_gets_a_clear_message(self, client, patient):
        response = client.post(LOGIN, {"username": patient.email, "password": "nope"})
        assert response.status_code == 200
        assert "do not match an account" in response.content.decode()

    def test_logout_needs_a_post(self, client, patient):
        client.force_login(patient)
        assert client.get(LOGOUT).status_code == 405

    def test_repeated_failures_pause_sign_in_and_say_why(self, client, patient, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert (
                client.post(LOGIN, {"username": patient.email, "password": "x"}).status_code == 200
            )
        locked = client.post(LOGIN, {"username": patient.email, "password": "x"})
        assert locked.status_code == 429
        html = locked.content.decode()
        assert "too many wrong passwords" in html
        assert "15 minutes" in html
        # Even the right password is refused while the pause lasts.
        again = client.post(LOGIN, {"username": patient.email, "password": "correct horse battery"})
        assert again.status_code == 429

    def test_the_pause_ends_after_the_cool_off(self, client, patient, settings):
        import time_machine

        with time_machine.travel("2026-11-22 10:00Z", tick=False):
            for _ in range(settings.AXES_FAILURE_LIMIT):
                client.post(LOGIN, {"username": patient.email, "password": "x"})
        with time_machine.travel("2026-11-22 10:16Z", tick=False):
            ok = client.post(
                LOGIN, {"username": patient.email, "password": "correct horse battery"}
            )
        assert ok.status_code == 302


@pytest.mark.django_db
def test_password_reset_by_email(client, patient, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": patient.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/reset/") :]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new = "a brand new long phrase"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    patient.refresh_from_db()
    assert patient.check_password(new)


@pytest.mark.django_db
def test_password_reset_for_an_unknown_email_says_the_same_and_sends_nothing(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []
