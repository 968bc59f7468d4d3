"""A wrong address shows Painwise's own page, also in development mode (make run)."""

import pytest
from django.test import override_settings

from painwise.web import settings as production


@pytest.mark.django_db
def test_a_wrong_address_in_development_shows_our_own_page(client, settings):
    middleware = list(production.MIDDLEWARE)
    middleware.insert(0, "painwise.web.middleware.FriendlyNotFoundMiddleware")
    with override_settings(DEBUG=True, MIDDLEWARE=middleware):
        response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We could not find that page" in page and "Traceback" not in page
    assert "Using the URLconf" not in page


@pytest.mark.django_db
def test_the_api_keeps_its_json_errors(client):
    middleware = ["painwise.web.middleware.FriendlyNotFoundMiddleware", *production.MIDDLEWARE]
    with override_settings(DEBUG=True, MIDDLEWARE=middleware):
        response = client.get("/api/v1/patients/999999")
    assert response.status_code in (401, 404)
    assert response["Content-Type"].startswith("application/json")
