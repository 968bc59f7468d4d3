import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from painwise.accounts import services


@pytest.mark.django_db
class TestLoginLink:
    def test_it_signs_in_once_and_only_on_post(self, client, patient):
        key = services.issue_login_link(patient, valid_for=dt.timedelta(hours=24))
        url = reverse("accounts:login_link", args=[key])
        assert client.get(url).status_code == 200  # a mail scanner opening it spends nothing
        assert client.post(url).status_code == 302
        assert client.get(reverse("accounts:settings")).status_code == 200
        client.logout()
        assert client.post(url).status_code == 410

    def test_it_expires(self, client, patient):
        with time_machine.travel("2026-11-22 08:00Z", tick=False):
            key = services.issue_login_link(patient, valid_for=dt.timedelta(hours=24))
        with time_machine.travel("2026-11-23 08:00:01Z", tick=False):
            assert client.post(reverse("accounts:login_link", args=[key])).status_code == 410

    def test_an_unknown_key_does_nothing(self, client, patient):
        assert client.post(reverse("accounts:login_link", args=["nope"])).status_code == 410


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_a_link_never_redirects_off_site(client, patient, target):
    key = services.issue_login_link(patient, valid_for=dt.timedelta(hours=1))
    response = client.post(reverse("accounts:login_link", args=[key]) + "?next=" + target)
    assert response.status_code == 302
    assert response["Location"] == "/"
