"""Sign-in throttling that cannot be turned against the account's owner: the client address
behind declared proxies, a cap per address across accounts and per account across addresses,
both checked before any password is hashed, and an emailed link that lifts the account cap."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from painwise.accounts import throttle

LOGIN = reverse("accounts:login")
PASSWORD = "correct horse battery"


def fail(email, ip, n):
    AccessAttempt.objects.create(
        username=email,
        ip_address=ip,
        failures_since_start=n,
        user_agent="t",
        http_accept="*",
        path_info=LOGIN,
    )


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.1"),  # no proxy declared: the header is the client's own word
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the spoofed entry is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "", "10.0.0.1"),
    ],
)
def test_the_client_address_comes_from_trusted_proxies_only(settings, trusted, forwarded, expected):
    settings.PAINWISE_TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert throttle.client_ip(request) == expected


@pytest.mark.django_db
def test_behind_a_proxy_one_attacker_does_not_lock_out_the_owner(client, patient, settings):
    settings.PAINWISE_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(6):
        client.post(
            LOGIN,
            {"username": patient.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
            **proxy,
        )
    owner = client.post(
        LOGIN,
        {"username": patient.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        **proxy,
    )
    assert owner.status_code == 302  # the attacker's address is locked, not the owner's


@pytest.mark.django_db
def test_an_address_over_its_cap_is_refused_before_any_hashing(
    client, patient, settings, monkeypatch
):
    settings.PAINWISE_LOGIN_FAILURES_PER_ADDRESS = 8
    for n in range(4):
        fail(f"user{n}@example.org", "127.0.0.1", 2)
    from django.contrib.auth.hashers import MD5PasswordHasher

    monkeypatch.setattr(MD5PasswordHasher, "verify", lambda *a: pytest.fail("hashed"))
    response = client.post(LOGIN, {"username": patient.email, "password": PASSWORD})
    assert response.status_code == 200 and "Too many sign-in attempts" in response.content.decode()


@pytest.mark.django_db
def test_an_account_over_its_cap_signs_in_by_emailed_link_which_lifts_it(client, patient, settings):
    settings.PAINWISE_LOGIN_FAILURES_PER_ACCOUNT = 6
    fail(patient.email, "198.51.100.1", 3)
    fail(patient.email, "198.51.100.2", 3)
    refused = client.post(LOGIN, {"username": patient.email, "password": PASSWORD})
    assert refused.status_code == 200 and "signs in with a link" in refused.content.decode()
    answer = client.post(reverse("accounts:request_link"), {"email": patient.email})
    unknown = client.post(reverse("accounts:request_link"), {"email": "nobody@example.org"})
    assert answer.status_code == unknown.status_code == 302
    assert [m.to for m in mail.outbox] == [[patient.email]]
    link = re.search(r"(/accounts/link/[^\s]+)", mail.outbox[0].body).group(1)
    assert client.post(link).status_code == 302
    assert not AccessAttempt.objects.filter(username=patient.email).exists()
    client.logout()
    assert client.post(LOGIN, {"username": patient.email, "password": PASSWORD}).status_code == 302
