import datetime as dt

import pytest

from painwise.tracking import services
from painwise.tracking.models import CheckIn
from tests.helpers import post_json


@pytest.mark.django_db
class TestApi:
    def test_post_and_list_with_a_date_range(self, client, assessed):
        client.force_login(assessed)
        today = services.local_today(assessed)
        for back in (0, 3, 10):
            day = (today - dt.timedelta(days=back)).isoformat()
            assert (
                post_json(
                    client, "/api/v1/checkins", {"pain_now": 4, "pain_average": 4, "date": day}
                ).status_code
                == 201
            )
        start = (today - dt.timedelta(days=5)).isoformat()
        listed = client.get(f"/api/v1/checkins?from={start}&to={today.isoformat()}").json()
        assert len(listed) == 2

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"pain_now": 11, "pain_average": 4}, "pain_now"),
            ({"pain_now": "4", "pain_average": 4}, "pain_now"),
            ({"pain_now": 4}, "pain_average"),
            ({"pain_now": 4, "pain_average": 4, "mood": True}, "mood"),
            ({"pain_now": 4, "pain_average": 4, "colour": "red"}, "colour"),
            ({"pain_now": 4, "pain_average": 4, "new_symptoms": ["headache"]}, "new_symptoms[0]"),
            ({"pain_now": 4, "pain_average": 4, "note": "a\u0000b"}, "note"),
        ],
    )
    def test_bad_input_names_the_field(self, client, assessed, payload, field):
        client.force_login(assessed)
        response = post_json(client, "/api/v1/checkins", payload)
        assert response.status_code == 422
        assert field in {f["field"] for f in response.json()["fields"]}
        assert CheckIn.objects.count() == 0

    def test_empty_and_bad_range_parameters(self, client, assessed):
        client.force_login(assessed)
        post_json(client, "/api/v1/checkins", {"pain_now": 4, "pain_average": 4})
        assert len(client.get("/api/v1/checkins?from=&to=").json()) == 1
        bad = client.get("/api/v1/checkins?from=yesterday")
        assert bad.status_code == 400 and "must be a date" in bad.json()["message"]
        assert client.get("/api/v1/checkins?from=2026-12-01&to=2026-11-01").status_code == 400

    def test_a_future_date_is_refused(self, client, assessed):
        client.force_login(assessed)
        tomorrow = (services.local_today(assessed) + dt.timedelta(days=1)).isoformat()
        response = post_json(
            client, "/api/v1/checkins", {"pain_now": 4, "pain_average": 4, "date": tomorrow}
        )
        assert response.status_code == 400
        assert "has not happened yet" in response.json()["message"]

    def test_review_is_plain_json(self, client, assessed):
        client.force_login(assessed)
        post_json(client, "/api/v1/checkins", {"pain_now": 4, "pain_average": 4})
        body = client.get("/api/v1/review").json()
        assert set(body["signals"]) == {"function", "symptoms", "confidence"}
        assert body["baseline_complete"] is False

    @pytest.mark.parametrize(
        ("viewer", "status"),
        [
            ("patient", 200),
            ("clinician", 200),
            ("other_clinician", 404),
            ("other_patient", 404),
            ("admin", 404),
        ],
    )
    def test_patient_checkins_and_review_follow_the_rule(self, client, cast, viewer, status):
        client.force_login(cast[viewer])
        pk = cast["patient"].pk
        assert client.get(f"/api/v1/patients/{pk}/checkins").status_code == status
        assert client.get(f"/api/v1/patients/{pk}/review").status_code == status
