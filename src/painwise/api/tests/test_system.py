import pytest


@pytest.mark.django_db
def test_health_needs_no_login_and_checks_the_database(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_the_openapi_schema_is_served_at_a_stable_url(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Painwise API"
    assert "/api/v1/health" in schema["paths"]
    assert "/api/v1/patients/{patient_id}" in schema["paths"]


@pytest.mark.django_db
def test_the_api_docs_load_from_our_own_static_files(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in html.lower()
