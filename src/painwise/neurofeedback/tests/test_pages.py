"""Neurofeedback over the test client and the API: choices and the plan, starting a session,
the acquisition's key (only its own session, only while live), chunks stored once, the
results, privacy, and what the clinician sees."""

import pytest
from django.urls import reverse

from painwise.neurofeedback import launch, services
from painwise.neurofeedback.models import Chunk, NfSession

CHUNK = {
    "t": [1.0, 1.1],
    "score": [0.4, 0.7],
    "reward": [False, True],
    "threshold": [0.5, 0.5],
    "artifact": [None, None],
    "held": [False, False],
    "rel": {"alpha": [0.2, 0.3]},
    "abs": {"alpha": [5.0, 6.0]},
}
SUMMARY = {
    "seconds": 300.0,
    "windows": 3000,
    "good_windows": 2900,
    "time_in_reward": 0.61,
    "artifacts": {"blink": 100},
    "latency_ms_p95": 40.0,
}


@pytest.fixture
def opted(client, assessed):
    client.force_login(assessed)
    services.choose(assessed, opted_in=True, board="synthetic", protocol="alpha_up")
    return assessed


@pytest.fixture
def started(opted, monkeypatch):
    launched = []
    monkeypatch.setattr(
        launch, "start_local", lambda session, server: launched.append((session.pk, server))
    )
    return launched


def api(client, method, path, key=None, **body):
    headers = {"HTTP_X_PAINWISE_SESSION_KEY": key} if key else {}
    call = getattr(client, method)
    url = "/api/v1/neurofeedback" + path
    return (
        call(url, body, content_type="application/json", **headers)
        if method == "post"
        else call(url, **headers)
    )


@pytest.mark.django_db
class TestChoices:
    def test_opting_in_adds_the_optional_module_to_the_plan_and_today(self, client, assessed):
        from painwise.program.services import current_plan

        client.force_login(assessed)
        page = client.get(reverse("neurofeedback:home"))
        assert page.status_code == 200 and b"early" in page.content
        assert "neurofeedback" not in [m["key"] for m in current_plan(assessed).data["modules"]]
        response = client.post(
            reverse("neurofeedback:home"),
            {"opted_in": "on", "board": "synthetic", "protocol": "alpha_up"},
        )
        assert response.status_code == 302
        modules = {m["key"]: m for m in current_plan(assessed).data["modules"]}
        assert modules["neurofeedback"]["minutes"] == 0
        today = client.get(reverse("program:today"))
        assert b"Brain-signal training" in today.content

    def test_an_unknown_board_or_protocol_is_refused_and_nothing_changes(self, client, assessed):
        client.force_login(assessed)
        bad = client.post(
            reverse("neurofeedback:home"),
            {"opted_in": "on", "board": "nope", "protocol": "alpha_up"},
        )
        assert bad.status_code == 200
        assert not services.profile(assessed).opted_in

    def test_no_session_without_opting_in(self, client, assessed, monkeypatch):
        monkeypatch.setattr(launch, "start_local", lambda *a: pytest.fail("must not start"))
        client.force_login(assessed)
        client.post(reverse("neurofeedback:start"))
        assert not NfSession.objects.exists()


@pytest.mark.django_db
class TestSessions:
    def test_start_launches_the_acquisition_and_the_page_polls_for_its_stream(
        self, client, started
    ):
        response = client.post(reverse("neurofeedback:start"))
        session = NfSession.objects.get()
        assert response["Location"] == reverse("neurofeedback:session", args=[session.pk])
        assert started == [(session.pk, "http://testserver/")]
        status = client.get(reverse("neurofeedback:status", args=[session.pk])).json()
        assert status == {"status": "starting", "message": "", "stream": "", "control": ""}
        assert b"data-nf" in client.get(response["Location"]).content

    def test_the_key_opens_only_its_own_live_session(self, client, started, other_patient):
        client.post(reverse("neurofeedback:start"))
        session = NfSession.objects.get()
        key = session.stream_key
        client.logout()
        ok = api(
            client,
            "post",
            f"/sessions/{session.pk}/report",
            key,
            status="checking",
            stream_url="http://127.0.0.1:5555",
            details={"fs": 250},
        )
        assert ok.status_code == 200, ok.content
        assert (
            api(
                client, "post", f"/sessions/{session.pk}/report", "wrong", status="checking"
            ).status_code
            == 401
        )
        theirs = services.start(other_patient)
        assert api(client, "get", f"/sessions/{theirs.pk}", key).status_code == 401
        assert (
            api(
                client,
                "post",
                f"/sessions/{session.pk}/report",
                key,
                status="checking",
                stream_url="http://evil.example:1",
            ).status_code
            == 400
        )
        first = api(client, "post", f"/sessions/{session.pk}/chunks", key, seq=1, data=CHUNK)
        again = api(client, "post", f"/sessions/{session.pk}/chunks", key, seq=1, data=CHUNK)
        assert (first.status_code, first.json()["stored"]) == (201, True)
        assert (again.status_code, again.json()["stored"]) == (201, False)
        assert Chunk.objects.count() == 1
        bad = api(
            client, "post", f"/sessions/{session.pk}/chunks", key, seq=2, data={"t": [], "x": [1]}
        )
        assert bad.status_code == 400 and Chunk.objects.count() == 1
        done = api(
            client, "post", f"/sessions/{session.pk}/finish", key, summary=SUMMARY, events=[]
        )
        assert done.status_code == 200 and done.json()["status"] == "finished"
        late = api(client, "post", f"/sessions/{session.pk}/chunks", key, seq=3, data=CHUNK)
        assert late.status_code == 401  # the key stops working when the session ends

    def test_results_and_progress_show_the_session_beside_the_days_pain(
        self, client, started, opted
    ):
        client.post(reverse("neurofeedback:start"))
        session = NfSession.objects.get()
        services.report(session, status="training", stream_url="http://127.0.0.1:5000")
        services.add_chunk(session, 1, 1, CHUNK)
        services.finish(session, SUMMARY)
        page = client.get(reverse("neurofeedback:session", args=[session.pk]))
        assert b"61%" in page.content and b"chart-nf-session" in page.content
        home = client.get(reverse("neurofeedback:home"))
        assert b"chart-nf-trend" in home.content
        listed = client.get("/api/v1/neurofeedback/sessions").json()
        assert [s["summary"]["time_in_reward"] for s in listed] == [0.61]

    def test_another_patient_gets_404(self, client, started, other_patient):
        client.post(reverse("neurofeedback:start"))
        session = NfSession.objects.get()
        client.force_login(other_patient)
        assert client.get(reverse("neurofeedback:session", args=[session.pk])).status_code in (
            302,
            404,
        )
        assert api(client, "get", f"/sessions/{session.pk}").status_code in (404, 409)

    def test_a_failed_start_says_why(self, client, started):
        client.post(reverse("neurofeedback:start"))
        session = NfSession.objects.get()
        services.report(
            session, status="failed", message="We could not find your headset (Muse 2)."
        )
        status = client.get(reverse("neurofeedback:status", args=[session.pk])).json()
        assert status["status"] == "failed" and "could not find" in status["message"]
        assert (
            b"could not find"
            in client.get(reverse("neurofeedback:session", args=[session.pk])).content
        )


@pytest.mark.django_db
def test_the_clinician_sees_sessions(client, clinician, opted, started):
    from painwise.lib import practices

    client.post(reverse("neurofeedback:start"))
    session = NfSession.objects.get()
    services.finish(session, SUMMARY)
    panels = (
        {p.template: p.data for p in practices.clinician_panels(opted)}
        if hasattr(practices, "clinician_panels")
        else {}
    )
    data = panels.get("neurofeedback/_clinician.html")
    assert data is not None and data["opted_in"] and data["rows"][0]["reward"] == 0.61


@pytest.mark.django_db
def test_a_clinics_own_protocol_is_offered_and_given_to_the_acquisition(
    client, assessed, settings, monkeypatch
):
    from painwise.neurofeedback import acquire
    from painwise.neurofeedback.boards import board

    settings.PAINWISE_NF_CUSTOM_PROTOCOL = (
        '{"terms": [{"band": "smr", "sites": ["C4"], "direction": "up", "weight": 2},'
        ' {"band": "theta/beta", "sites": ["C4"], "direction": "down"}]}'
    )
    settings.PAINWISE_NF_INDIVIDUAL_ALPHA = True
    monkeypatch.setattr(launch, "start_local", lambda *a: None)
    client.force_login(assessed)
    assert b"Your clinic&#x27;s own training" in client.get(reverse("neurofeedback:home")).content
    client.post(
        reverse("neurofeedback:home"),
        {"opted_in": "on", "board": "synthetic", "protocol": "custom"},
    )
    client.post(reverse("neurofeedback:start"))
    session = NfSession.objects.get()
    assert session.protocol == "custom" and session.settings["individual_alpha"] is True
    terms = session.settings["protocol_terms"]
    running = acquire.Session(board("synthetic"), "custom", None, "k", terms=terms)
    assert [t.band for t in running.protocol.terms] == ["smr", "theta/beta"]
    with pytest.raises(acquire.AcquireError):
        acquire.Session(board("muse_2"), "custom", None, "k", terms=terms)  # no C4 on a Muse


@pytest.mark.django_db
def test_a_malformed_clinic_protocol_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.PAINWISE_NF_CUSTOM_PROTOCOL = '{"terms": [{"band": "gamma"}]}'
    with pytest.raises(ImproperlyConfigured, match="unknown band"):
        services.protocol_keys()


@pytest.mark.django_db
def test_the_system_check_names_a_malformed_clinic_protocol(settings):
    from painwise.neurofeedback.apps import check_custom_protocol

    assert check_custom_protocol() == []
    settings.PAINWISE_NF_CUSTOM_PROTOCOL = "not json"
    assert [e.id for e in check_custom_protocol()] == ["painwise.E101"]
