"""The left/right training API: pictures without answers, answers with their times, refusals."""

import pytest

from painwise.gmi import services
from painwise.gmi.models import GmiTrial
from tests.helpers import post_json


@pytest.mark.django_db
def test_a_session_over_the_api(client, assessed):
    client.force_login(assessed)
    created = post_json(client, "/api/v1/gmi/sessions", {"parts": "hands", "size": 20})
    assert created.status_code == 201
    body = created.json()
    assert len(body["pictures"]) == 20 and "side" not in body["pictures"][0]
    assert body["pictures"][0]["svg"].startswith("<svg")
    session_id = body["id"]
    truth = services.pictures(services.GmiSession.objects.get(pk=session_id))
    url = f"/api/v1/gmi/sessions/{session_id}/trials"
    ok = post_json(client, url, {"index": 0, "answer": truth[0].side, "response_ms": 812.4})
    assert ok.status_code == 201 and ok.json()["correct"] is True
    assert (
        post_json(client, url, {"index": 0, "answer": "left", "response_ms": 900}).status_code
        == 409
    )
    for bad, status in (
        ({"index": 1, "answer": "left", "response_ms": 20}, 400),  # quicker than a judgement
        ({"index": 99, "answer": "left", "response_ms": 900}, 400),  # no such picture
        ({"index": 1, "answer": "up", "response_ms": 900}, 422),  # not left or right
    ):
        assert post_json(client, url, bad).status_code == status
    ended = post_json(client, f"/api/v1/gmi/sessions/{session_id}/end", {})
    assert ended.status_code == 200 and ended.json()["overall"]["n"] == 1
    assert (
        post_json(client, url, {"index": 2, "answer": "left", "response_ms": 900}).status_code
        == 409
    )
    listed = client.get("/api/v1/gmi/sessions").json()
    assert listed[0]["by_part"]["hand"]["correct"] == 1
    assert GmiTrial.objects.count() == 1


@pytest.mark.django_db
def test_another_persons_session_is_404(client, assessed, other_patient, assess):
    assess(other_patient)
    theirs = services.start_session(other_patient, "back", 20)
    client.force_login(assessed)
    url = f"/api/v1/gmi/sessions/{theirs.pk}/trials"
    assert (
        post_json(client, url, {"index": 0, "answer": "left", "response_ms": 900}).status_code
        == 404
    )
    assert post_json(client, f"/api/v1/gmi/sessions/{theirs.pk}/end", {}).status_code == 404
    assert not GmiTrial.objects.exists()
