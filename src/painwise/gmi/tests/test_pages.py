"""Left and right training over the test client: sessions, answers (and the ones refused),
results, levels, the plan's rule, imagery, and what the clinician sees."""

import json

import pytest
from django.urls import reverse

from painwise.gmi import services
from painwise.gmi.models import GmiSession, GmiTrial, ImagerySession


def send(client, session, index, answer, ms):
    return client.post(
        reverse("gmi:answer", args=[session.pk]),
        json.dumps({"index": index, "answer": answer, "ms": ms}),
        content_type="application/json",
    )


def play(client, session, right=None, ms=900):
    """Answer every picture: the right answer for indices in ``right`` (all when None)."""
    for i, pic in enumerate(services.pictures(session)):
        good = right is None or i in right
        wrong = "left" if pic.side == "right" else "right"
        response = send(client, session, i, pic.side if good else wrong, ms)
        assert response.status_code == 200, response.content
    session.refresh_from_db()


@pytest.mark.django_db
class TestSessions:
    def test_starting_a_session_opens_the_trainer_with_its_pictures(self, client, assessed):
        client.force_login(assessed)
        response = client.post(
            reverse("gmi:home"), {"parts": "back", "size": "20", "feedback": "each"}
        )
        session = GmiSession.objects.get()
        assert response["Location"] == reverse("gmi:trainer", args=[session.pk])
        assert (session.size, session.parts, session.level) == (20, ["trunk", "neck"], 1)
        text = client.get(response["Location"]).content.decode()
        assert text.count("<template data-picture=") == 20
        assert "Picture 1 of 20" in text

    @pytest.mark.parametrize(
        "data", [{"parts": "ears", "size": "20"}, {"parts": "back", "size": "19"}, {}]
    )
    def test_a_bad_start_is_explained_and_saves_nothing(self, client, assessed, data):
        client.force_login(assessed)
        response = client.post(reverse("gmi:home"), {"feedback": "each", **data})
        assert response.status_code == 200 and "Please check the form" in response.content.decode()
        assert not GmiSession.objects.exists()

    def test_answers_are_stored_with_their_picture_and_time(self, client, assessed):
        client.force_login(assessed)
        session = services.start_session(assessed, "hands", 20)
        pic = services.pictures(session)[4]
        reply = send(client, session, 4, pic.side, 1234.6).json()
        assert reply == {"correct": True, "side": pic.side, "finished": False, "results": None}
        trial = GmiTrial.objects.get()
        assert (trial.index, trial.part, trial.side, trial.view) == (4, "hand", pic.side, pic.view)
        assert trial.response_ms == 1235 and trial.correct

    @pytest.mark.parametrize(
        "index,answer,ms,status",
        [
            (0, "left", 149, 422),
            (0, "left", -5, 422),
            (0, "left", 30_001, 422),
            (0, "left", "fast", 422),
            (0, "left", True, 422),
            (0, "up", 900, 422),
            (20, "left", 900, 422),
            (-1, "left", 900, 422),
            ("0", "left", 900, 422),
        ],
    )
    def test_impossible_answers_are_refused_and_logged(
        self, client, assessed, caplog, index, answer, ms, status
    ):
        client.force_login(assessed)
        session = services.start_session(assessed, "back", 20)
        with caplog.at_level("WARNING", logger="painwise.gmi"):
            response = send(client, session, index, answer, ms)
        assert response.status_code == status and response.json()["message"]
        assert not GmiTrial.objects.exists()
        assert "gmi answer refused" in caplog.text

    def test_a_second_answer_and_an_answer_after_the_end_are_refused(self, client, assessed):
        client.force_login(assessed)
        session = services.start_session(assessed, "back", 20)
        assert send(client, session, 0, "left", 800).status_code == 200
        assert send(client, session, 0, "right", 800).status_code == 409
        client.post(reverse("gmi:end", args=[session.pk]))
        assert send(client, session, 1, "left", 800).status_code == 409
        assert GmiTrial.objects.count() == 1

    def test_an_interrupted_session_keeps_its_answers(self, client, assessed):
        client.force_login(assessed)
        session = services.start_session(assessed, "back", 20)
        for i, pic in enumerate(services.pictures(session)[:3]):
            send(client, session, i, pic.side, 1000)
        # Coming back to the trainer shows only the pictures not yet answered.
        text = client.get(reverse("gmi:trainer", args=[session.pk])).content.decode()
        assert text.count("<template data-picture=") == 17
        response = client.post(reverse("gmi:end", args=[session.pk]), follow=True)
        assert "You got 3 of 3 right." in response.content.decode()

    def test_a_whole_session_gives_results_per_side_and_part(self, client, assessed):
        client.force_login(assessed)
        session = services.start_session(assessed, "back", 20)
        play(client, session, right=set(range(15)))
        assert session.finished_at is not None
        text = client.get(reverse("gmi:results", args=[session.pk])).content.decode()
        assert "You got 15 of 20 right." in text and "Backs" in text and "Necks" in text
        assert "they are a guide, not a test result" in text

    def test_someone_elses_session_is_404(self, client, assessed, other_patient, assess):
        assess(other_patient)
        theirs = services.start_session(other_patient, "back", 20)
        client.force_login(assessed)
        for name in ("gmi:trainer", "gmi:results"):
            assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
        assert send(client, theirs, 0, "left", 900).status_code == 404
        assert client.post(reverse("gmi:end", args=[theirs.pk])).status_code == 404
        assert not GmiTrial.objects.exists() and theirs.finished_at is None

    def test_two_good_steady_sessions_move_up_a_level(self, client, assessed):
        client.force_login(assessed)
        first = services.start_session(assessed, "back", 20)
        play(client, first)
        assert services.current_level(assessed) == 1
        second = services.start_session(assessed, "back", 20)
        play(client, second)
        assert services.current_level(assessed) == 2
        assert services.start_session(assessed, "back", 20).level == 2

    def test_only_the_session_that_moved_them_up_says_so(self, client, assessed):
        """An older session's results page does not credit it with a move up that later
        sessions earned (a weak session once read "Well done: your next session moves up")."""
        client.force_login(assessed)
        weak = services.start_session(assessed, "back", 20)
        play(client, weak, right={i for i in range(20) if i % 3})  # 13 of 20: below the target
        good = services.start_session(assessed, "back", 20)
        play(client, good)
        better = services.start_session(assessed, "back", 20)
        play(client, better)
        assert services.current_level(assessed) == 2
        said = "your next session moves up to level 2"
        for session, shown in ((weak, False), (good, False), (better, True)):
            page = client.get(reverse("gmi:results", args=[session.pk])).content.decode()
            assert (said in page) is shown, session.pk


@pytest.mark.django_db
def test_a_session_below_the_usual_range_adds_the_module_to_the_plan(client, assessed):
    from painwise.program.services import build_for, plan_for

    client.force_login(assessed)
    assert "graded_motor_imagery" not in [m["key"] for m in plan_for(assessed).data["modules"]]
    session = services.start_session(assessed, "back", 20)
    play(client, session, right=set(range(14)))  # 70%: below the 80% target
    assert services.below_usual(assessed)
    build_for(assessed, actor=assessed)
    plan = plan_for(assessed)
    assert "graded_motor_imagery" in [m["key"] for m in plan.data["modules"]]
    today = client.get(reverse("program:today")).content.decode()
    assert "Left and right training" in today and reverse("gmi:home") in today


@pytest.mark.django_db
def test_a_hands_session_never_adds_the_module(client, assessed):
    client.force_login(assessed)
    play(client, services.start_session(assessed, "hands", 20), right=set())
    assert not services.below_usual(assessed)


@pytest.mark.django_db
class TestImagery:
    def test_a_session_with_ratings_before_and_after(self, client, assessed):
        client.force_login(assessed)
        response = client.post(
            reverse("gmi:imagery"), {"movement": "turn_trunk", "pain_before": "5"}
        )
        session = ImagerySession.objects.get()
        assert response["Location"] == reverse("gmi:imagery_session", args=[session.pk])
        text = client.get(response["Location"]).content.decode()
        assert "Turning your upper body to each side" in text
        client.post(response["Location"], {"pain_after": "3", "vividness": "7", "threat": "2"})
        session.refresh_from_db()
        assert (session.pain_after, session.vividness, session.threat) == (3, 7, 2)
        again = client.post(
            response["Location"], {"pain_after": "1", "vividness": "1", "threat": "1"}
        )
        assert "already finished" in again.content.decode()
        session.refresh_from_db()
        assert session.pain_after == 3

    @pytest.mark.parametrize(
        "data",
        [{"movement": "fly", "pain_before": "5"}, {"movement": "turn_head", "pain_before": "11"}],
    )
    def test_bad_input_saves_nothing(self, client, assessed, data):
        client.force_login(assessed)
        response = client.post(reverse("gmi:imagery"), data)
        assert response.status_code == 200 and not ImagerySession.objects.exists()


@pytest.mark.django_db
def test_the_clinician_sees_accuracy_and_time_per_side_and_part(client, assessed, clinician):
    client.force_login(assessed)
    play(client, services.start_session(assessed, "back", 20), ms=1500)
    client.force_login(clinician)
    text = client.get(reverse("clinic:patient", args=[assessed.pk])).content.decode()
    assert "Graded motor imagery" in text and "Laterality judgement" in text
    assert "100%" in text and "1.50 s" in text


@pytest.mark.django_db
def test_the_weekly_review_counts_sessions(client, assessed):
    client.force_login(assessed)
    play(client, services.start_session(assessed, "back", 20))
    assert "1 left and right session." in client.get(reverse("tracking:review")).content.decode()


@pytest.mark.django_db
def test_the_patient_reads_answer_times_in_seconds_like_the_targets(client, assessed):
    """The targets are given in seconds (1.6 for backs), so the person's own times are too."""
    client.force_login(assessed)
    session = services.start_session(assessed, "back", 20)
    play(client, session, ms=1240)
    text = client.get(reverse("gmi:results", args=[session.pk])).content.decode()
    assert "Your typical answer took 1.2 seconds." in text and "1.2 s</td>" in text
    assert "ms</td>" not in text and "milliseconds" not in text
    home = client.get(reverse("gmi:home")).content.decode()
    assert "1.2 s</td>" in home and "ms</td>" not in home
