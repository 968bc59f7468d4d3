"""The calm-and-cope API: the same rules as the pages."""

import datetime as dt

import pytest

from painwise.calm import services
from painwise.calm.models import PlannedActivity, ProblemSheet, SleepEntry, ThoughtRecord
from tests.helpers import post_json


@pytest.mark.django_db
def test_a_night_over_the_api_and_one_that_cannot_be(client, assessed):
    client.force_login(assessed)
    night_of = (services.today(assessed) - dt.timedelta(days=1)).isoformat()
    body = {
        "night_of": night_of,
        "bed_time": "23:00",
        "minutes_to_sleep": 20,
        "wake_ups": 1,
        "minutes_awake": 40,
        "final_wake": "07:00",
        "out_of_bed": "07:30",
        "quality": 6,
    }
    made = post_json(client, "/api/v1/sleep-diary", body)
    assert made.status_code == 201 and made.json()["asleep_minutes"] == 420
    bad = post_json(client, "/api/v1/sleep-diary", {**body, "minutes_awake": 900})
    assert bad.status_code == 400 and bad.json()["fields"][0]["field"] == "minutes_awake"
    zoned = post_json(client, "/api/v1/sleep-diary", {**body, "bed_time": "23:00:00Z"})
    assert zoned.status_code == 400  # found by the fuzz test: was a 500
    assert SleepEntry.objects.get().minutes_awake == 40
    assert client.get("/api/v1/sleep-diary").json()[0]["efficiency"] == pytest.approx(420 / 510)


@pytest.mark.django_db
def test_records_over_the_api(client, assessed):
    client.force_login(assessed)
    thought = {
        "situation": "Bending.",
        "thought": "I broke it.",
        "emotion": "scared",
        "intensity_before": 80,
        "traps": ["catastrophizing"],
        "evidence_for": "Pain.",
        "evidence_against": "It settled before.",
        "balanced": "It hurts and it settles.",
        "intensity_after": 40,
    }
    assert post_json(client, "/api/v1/thought-records", thought).status_code == 201
    assert (
        post_json(client, "/api/v1/thought-records", {**thought, "traps": ["x"]}).status_code == 422
    )
    assert ThoughtRecord.objects.get().finished_at is not None
    activity = post_json(client, "/api/v1/activities", {"area": "fun", "name": "Cards"}).json()
    today = services.today(assessed).isoformat()
    planned = post_json(client, f"/api/v1/activities/{activity['id']}/plans", {"day": today})
    marked = post_json(
        client,
        f"/api/v1/plans/{planned.json()['id']}/mark",
        {"done": True, "mood_before": 3, "mood_after": 6},
    )
    assert marked.status_code == 200 and PlannedActivity.objects.get().done is True
    sheet = {
        "problem": "The play.",
        "options": [{"text": "Aisle seat"}, {"text": "Skip it"}],
        "chosen": 0,
        "first_step": "Ask on Monday.",
    }
    assert post_json(client, "/api/v1/problem-sheets", sheet).status_code == 201
    assert post_json(client, "/api/v1/problem-sheets", {**sheet, "chosen": 2}).status_code == 400
    assert ProblemSheet.objects.count() == 1
    assert (
        post_json(
            client,
            "/api/v1/mindfulness-sessions",
            {"script": "breath", "minutes": 3, "seconds": 180},
        ).status_code
        == 201
    )
    assert (
        post_json(
            client, "/api/v1/breathing-sessions", {"pattern": "box", "seconds": 5}
        ).status_code
        == 400
    )


@pytest.mark.django_db
def test_another_persons_records_are_404(client, assessed, other_patient, assess):
    from painwise.calm import activation, thoughts

    assess(other_patient)
    record = thoughts.start(other_patient)
    activity = activation.add_activity(other_patient, "fun", "Cards")
    planned = activation.plan(other_patient, activity.pk, services.today(other_patient))
    client.force_login(assessed)
    assert (
        post_json(
            client, f"/api/v1/thought-records/{record.pk}/share", {"shared": True}
        ).status_code
        == 404
    )
    assert (
        post_json(
            client,
            f"/api/v1/activities/{activity.pk}/plans",
            {"day": services.today(assessed).isoformat()},
        ).status_code
        == 404
    )
    assert post_json(client, f"/api/v1/plans/{planned.pk}/mark", {"done": False}).status_code == 404
