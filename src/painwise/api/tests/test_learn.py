"""The Learn and Practice endpoints: the page rules over JSON, with the one error shape."""

import pytest

from painwise.learn import services
from painwise.learn.models import JournalEntry, SomaticSession
from tests.helpers import post_json


@pytest.mark.django_db
class TestLessons:
    def test_the_list_follows_the_plan_and_a_check_finishes_a_lesson(self, client, ready):
        client.force_login(ready)
        rows = client.get("/api/v1/lessons").json()
        assert rows[0]["id"] == "your-pain-is-real" and rows[0]["position"] == 1
        fear = next(r for r in rows if r["id"] == "hurt-is-not-harm")
        assert fear["position"] <= 4 and "worry about moving" in fear["early_because"]
        detail = client.get("/api/v1/lessons/hurt-is-not-harm").json()
        assert detail["body_markdown"].startswith("When something hurts")
        assert (
            len(detail["questions"]) == 2 and "correct" not in detail["questions"][0]["choices"][0]
        )
        checked = post_json(client, "/api/v1/lessons/hurt-is-not-harm/check", {"answers": [1, 1]})
        assert checked.status_code == 200 and checked.json()["correct"] == 2
        assert client.get("/api/v1/lessons").json()[fear["position"] - 1]["finished"]

    @pytest.mark.parametrize("answers", [[1], [1, 9], [-1, 0], [0, 0, 0]])
    def test_bad_answers_are_refused(self, client, ready, answers):
        client.force_login(ready)
        response = post_json(client, "/api/v1/lessons/hurt-is-not-harm/check", {"answers": answers})
        assert response.status_code == 400 and response.json()["error"] == "bad_request"

    def test_unknown_lesson_404_and_paused_program_409(self, client, ready, patient, assess):
        client.force_login(ready)
        assert client.get("/api/v1/lessons/nope").status_code == 404
        assert (
            post_json(client, "/api/v1/lessons/nope/check", {"answers": [0, 0]}).status_code == 404
        )


@pytest.mark.django_db
class TestPractice:
    def test_somatic_session_finished_once(self, client, ready):
        client.force_login(ready)
        started = post_json(
            client, "/api/v1/somatic-sessions", {"pain_before": 6, "fear_before": 5}
        )
        assert started.status_code == 201
        url = f"/api/v1/somatic-sessions/{started.json()['id']}/finish"
        assert post_json(client, url, {"pain_after": 3, "fear_after": 2}).status_code == 200
        again = post_json(client, url, {"pain_after": 9, "fear_after": 9})
        assert again.status_code == 409 and again.json()["error"] == "conflict"
        listed = client.get("/api/v1/somatic-sessions").json()
        assert listed["summary"] == "In your first session your pain was lower afterwards."
        assert SomaticSession.objects.get().pain_after == 3

    @pytest.mark.parametrize(
        "body",
        [
            {"pain_before": 11, "fear_before": 0},
            {"pain_before": 3},
            {"pain_before": "x", "fear_before": 1},
        ],
    )
    def test_bad_ratings_change_nothing(self, client, ready, body):
        client.force_login(ready)
        assert post_json(client, "/api/v1/somatic-sessions", body).status_code == 422
        assert not SomaticSession.objects.exists()

    def test_journal_privacy_and_ownership(self, client, ready, other_patient, clinician):
        theirs = services.add_journal_entry(other_patient, "stress", "Theirs.")
        client.force_login(ready)
        mine = post_json(client, "/api/v1/journal", {"kind": "moved", "text": "It moved."})
        assert mine.status_code == 201 and mine.json()["shared"] is False
        over = post_json(client, "/api/v1/journal", {"kind": "moved", "text": "x" * 1001})
        assert over.status_code == 422
        assert (
            post_json(client, f"/api/v1/journal/{theirs.pk}/share", {"shared": True}).status_code
            == 404
        )
        client.force_login(clinician)
        summary = client.get(f"/api/v1/patients/{ready.pk}/practice").json()
        assert summary["shared_journal_entries"] == []
        client.force_login(ready)
        post_json(client, f"/api/v1/journal/{mine.json()['id']}/share", {"shared": True})
        client.force_login(clinician)
        summary = client.get(f"/api/v1/patients/{ready.pk}/practice").json()
        assert [e["text"] for e in summary["shared_journal_entries"]] == ["It moved."]
        assert client.get(f"/api/v1/patients/{other_patient.pk}/practice").status_code == 404
        assert JournalEntry.objects.get(pk=theirs.pk).shared is False

    def test_exposure_steps_and_trials(self, client, ready, other_patient):
        client.force_login(ready)
        step = post_json(
            client, "/api/v1/exposure-steps", {"name": "Lift a box", "fear": 70}
        ).json()
        trial = post_json(
            client,
            f"/api/v1/exposure-steps/{step['id']}/trials",
            {"predicted_pain": 7, "predicted_harm": "A slipped disc."},
        )
        assert trial.status_code == 201
        done = post_json(
            client,
            f"/api/v1/exposure-trials/{trial.json()['id']}/finish",
            {"actual_pain": 3, "fear_after": 20},
        ).json()
        assert "4 points less than you feared" in done["result"]
        assert client.get("/api/v1/exposure-steps").json()[0]["state"] == "climbed"
        theirs = services.add_step(other_patient, "Theirs", 10)
        foreign = post_json(
            client,
            f"/api/v1/exposure-steps/{theirs.pk}/trials",
            {"predicted_pain": 1, "predicted_harm": "x"},
        )
        assert foreign.status_code == 404
        assert (
            post_json(client, "/api/v1/exposure-steps", {"name": "x", "fear": 101}).status_code
            == 422
        )

    def test_practice_waits_while_the_program_is_paused(self, client, patient, assess):
        assess(patient, red_flags={"significant_trauma": True})
        client.force_login(patient)
        assert client.get("/api/v1/lessons").status_code == 409
        body = {"pain_before": 1, "fear_before": 1}
        assert post_json(client, "/api/v1/somatic-sessions", body).status_code == 409


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,body",
    [
        ("/api/v1/journal", {"kind": "other", "text": "a\x00b"}),
        ("/api/v1/exposure-steps", {"name": "Lift\x00", "fear": 40}),
    ],
)
def test_a_nul_character_is_refused_and_saves_nothing(client, ready, path, body):
    """PostgreSQL cannot store NUL; the API says so instead of failing (found by the fuzz test)."""
    client.force_login(ready)
    response = post_json(client, path, body)
    assert response.status_code == 422
    assert "NUL" in response.content.decode()
    assert not JournalEntry.objects.exists()
