"""The Learn and Practice pages over the test client: the rules as a person meets them, bad
input that changes nothing, and 404 for anything not one's own."""

import datetime as dt

import pytest
from django.urls import reverse

from painwise.audit.models import AuditEntry
from painwise.learn import services
from painwise.learn.models import (
    ExposureStep,
    ExposureTrial,
    JournalEntry,
    LessonProgress,
    SomaticSession,
)
from painwise.learn.tests.data import stressful_days
from painwise.tracking.models import ActivityGoal
from tests.helpers import monthly_checks


def page(client, name, *args):
    return client.get(reverse(name, args=args)).content.decode()


def refused(client, person, name, data):
    """A bad form comes back with its message (and the caller checks nothing was stored)."""
    client.force_login(person)
    response = client.post(reverse(name), data)
    assert response.status_code == 200 and "Please check the form" in response.content.decode()


@pytest.mark.django_db
class TestLessons:
    def test_the_plan_decides_the_order(self, client, patient, assess, other_patient):
        assess(patient, startback={"unsafe_to_be_active": True})  # fear of moving
        assess(other_patient, sensitivity={"sleep_disturbance": True})  # poor sleep
        client.force_login(patient)
        ids = [r.lesson.id for r in services.lesson_rows(patient)]
        assert ids[:2] == ["your-pain-is-real", "the-alarm-system"]
        assert ids.index("hurt-is-not-harm") < ids.index("what-scans-show") < 5
        text = page(client, "learn:lessons")
        assert "Suggested early for you, because it speaks to worry about moving." in text
        sleep_ids = [r.lesson.id for r in services.lesson_rows(other_patient)]
        assert sleep_ids.index("sleep-food-and-recovery") <= 3
        assert ids.index("sleep-food-and-recovery") > 8

    def test_reading_a_lesson_writes_nothing_until_it_is_opened_or_answered(self, client, assessed):
        client.force_login(assessed)
        text = page(client, "learn:lesson", "hurt-is-not-harm")
        assert "Hurt does not always mean harm" in text and "Check what you learned" in text
        assert not LessonProgress.objects.exists()
        assert client.post(reverse("learn:opened", args=["hurt-is-not-harm"])).status_code == 204
        progress = LessonProgress.objects.get()
        assert progress.finished_at is None
        assert AuditEntry.objects.filter(action="learn.lesson_opened").count() == 1

    def test_answering_the_check_finishes_the_lesson_and_explains_each_answer(
        self, client, assessed
    ):
        client.force_login(assessed)
        url = reverse("learn:lesson", args=["hurt-is-not-harm"])
        response = client.post(url, {"q0": "1", "q1": "0"})
        assert response.status_code == 302 and response["Location"].endswith("#check")
        progress = LessonProgress.objects.get()
        assert (progress.answers, progress.correct) == ([1, 0], 1)
        assert progress.finished_on == services.today(assessed)
        text = page(client, "learn:lesson", "hurt-is-not-harm")
        assert "You got 1 of 2 right." in text
        assert "Sadly not. Long rest tends to make backs stiffer" in text  # the chosen answer's why
        assert "The best answer:" in text
        # Answering again keeps the day it was finished.
        first = progress.finished_at
        client.post(url, {"q0": "1", "q1": "1"})
        progress.refresh_from_db()
        assert progress.correct == 2 and progress.finished_at == first
        assert AuditEntry.objects.filter(action="learn.lesson_finished").count() == 1

    @pytest.mark.parametrize(
        "data", [{}, {"q0": "1"}, {"q0": "9", "q1": "0"}, {"q0": "x", "q1": "0"}]
    )
    def test_an_incomplete_check_is_explained_and_saves_nothing(self, client, assessed, data):
        client.force_login(assessed)
        response = client.post(reverse("learn:lesson", args=["hurt-is-not-harm"]), data)
        assert response.status_code == 200 and "Please check the form" in response.content.decode()
        assert not LessonProgress.objects.exists()

    def test_an_unknown_lesson_is_404(self, client, assessed):
        client.force_login(assessed)
        assert client.get(reverse("learn:lesson", args=["no-such-lesson"])).status_code == 404
        assert client.post(reverse("learn:opened", args=["no-such-lesson"])).status_code == 404

    def test_today_offers_the_next_lesson_then_marks_it_done(self, client, assessed):
        client.force_login(assessed)
        today = page(client, "program:today")
        assert "Lesson: Your pain is real, and it can change" in today
        client.post(reverse("learn:lesson", args=["your-pain-is-real"]), {"q0": "1", "q1": "0"})
        today = page(client, "program:today")
        assert "Lesson: Your pain is real, and it can change" in today and "Done today" in today

    def test_a_red_flag_pauses_learning_too(self, client, patient, assess):
        assess(patient, red_flags={"significant_trauma": True})
        client.force_login(patient)
        response = client.get(reverse("learn:lessons"))
        assert response["Location"] == reverse("assessment:status")


@pytest.mark.django_db
class TestSomaticTracking:
    def test_a_session_before_and_after_then_the_sentence(self, client, ready):
        client.force_login(ready)
        response = client.post(reverse("learn:somatic"), {"pain_before": "6", "fear_before": "7"})
        session = SomaticSession.objects.get()
        assert response["Location"] == reverse("learn:somatic_session", args=[session.pk])
        assert "Notice the sensation" in page(client, "learn:somatic_session", session.pk)
        url = reverse("learn:somatic_session", args=[session.pk])
        client.post(url, {"pain_after": "4", "fear_after": "3"})
        session.refresh_from_db()
        assert (session.pain_after, session.fear_after) == (4, 3) and session.finished_at
        text = page(client, "learn:practice")
        assert "In your first session your pain was lower afterwards." in text
        assert 'id="chart-somatic-t"' in text

    def test_a_session_is_finished_once(self, client, ready):
        client.force_login(ready)
        session = services.start_somatic(ready, 5, 5)
        url = reverse("learn:somatic_session", args=[session.pk])
        client.post(url, {"pain_after": "3", "fear_after": "2"})
        again = client.post(url, {"pain_after": "9", "fear_after": "9"})
        assert "already finished" in again.content.decode()
        session.refresh_from_db()
        assert (session.pain_after, session.fear_after) == (3, 2)

    @pytest.mark.parametrize(
        "data",
        [
            {"pain_before": "11", "fear_before": "2"},
            {"pain_before": "-1", "fear_before": "2"},
            {"pain_before": "3"},
        ],
    )
    def test_ratings_out_of_range_save_nothing(self, client, ready, data):
        client.force_login(ready)
        response = client.post(reverse("learn:somatic"), data)
        assert response.status_code == 200 and "Please check the form" in response.content.decode()
        assert not SomaticSession.objects.exists()

    def test_the_service_refuses_what_the_form_would(self, ready):
        from painwise.lib.errors import DomainError

        with pytest.raises(DomainError):
            services.start_somatic(ready, 11, 0)
        with pytest.raises(DomainError):
            services.start_somatic(ready, True, 0)

    def test_another_persons_session_is_404(self, client, ready, other_patient, assess):
        assess(other_patient)
        session = services.start_somatic(other_patient, 5, 5)
        client.force_login(ready)
        url = reverse("learn:somatic_session", args=[session.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"pain_after": "1", "fear_after": "1"}).status_code == 404
        session.refresh_from_db()
        assert session.finished_at is None


@pytest.mark.django_db
class TestJournal:
    def test_an_entry_by_hand_is_private_by_default(self, client, assessed):
        client.force_login(assessed)
        client.post(
            reverse("learn:journal"), {"kind": "absorbed", "text": "Fine all through the film."}
        )
        entry = JournalEntry.objects.get()
        assert entry.text == "Fine all through the film." and not entry.shared
        assert "Fine all through the film." in page(client, "learn:journal")

    @pytest.mark.parametrize(
        "data",
        [
            {"kind": "absorbed", "text": ""},
            {"kind": "absorbed", "text": "x" * 1001},
            {"kind": "pattern", "text": "mine"},
            {"kind": "", "text": "x"},
        ],
    )
    def test_bad_entries_save_nothing(self, client, assessed, data):
        refused(client, assessed, "learn:journal", data)
        assert not JournalEntry.objects.exists()

    def test_a_shown_pattern_is_added_with_one_tap_and_only_once(self, client, assessed):
        stressful_days(assessed)
        client.force_login(assessed)
        offered = services.offered_patterns(assessed)
        assert offered, "the stress pattern should be shown"
        key, reason = offered[0]
        assert reason.text in page(client, "tracking:review")  # the same sentence as Progress
        client.post(reverse("learn:accept_pattern"), {"key": key})
        entry = JournalEntry.objects.get()
        assert entry.kind == "pattern" and entry.pattern["rule"] == "personal_pattern"
        assert key not in dict(services.offered_patterns(assessed))
        client.post(reverse("learn:accept_pattern"), {"key": key})
        assert JournalEntry.objects.count() == 1

    def test_a_pattern_that_is_not_shown_cannot_be_added(self, client, assessed):
        client.force_login(assessed)  # no check-ins: no pattern is shown
        response = client.post(
            reverse("learn:accept_pattern"), {"key": "0123456789abcdef"}, follow=True
        )
        assert "no longer shown" in response.content.decode()
        assert not JournalEntry.objects.exists()

    def test_private_entries_never_reach_the_clinician_shared_ones_do(
        self, client, assessed, clinician
    ):
        client.force_login(assessed)
        client.post(reverse("learn:journal"), {"kind": "stress", "text": "Secret thought."})
        client.post(
            reverse("learn:journal"),
            {"kind": "moved", "text": "It switched sides.", "shared": "on"},
        )
        client.force_login(clinician)
        text = page(client, "clinic:patient", assessed.pk)
        assert "It switched sides." in text and "Secret thought." not in text
        private = JournalEntry.objects.get(text="Secret thought.")
        client.force_login(assessed)
        client.post(reverse("learn:share", args=[private.pk]), {"shared": "1"})
        client.force_login(clinician)
        assert "Secret thought." in page(client, "clinic:patient", assessed.pk)

    def test_without_a_clinician_there_is_no_sharing(self, client, assessed):
        client.force_login(assessed)
        text = page(client, "learn:journal")
        assert "Share this entry with my clinician" not in text
        assert "only you can see them" in text
        entry = services.add_journal_entry(assessed, "stress", "Hm.")
        client.post(reverse("learn:share", args=[entry.pk]), {"shared": "1"})
        entry.refresh_from_db()
        assert not entry.shared

    def test_another_persons_entry_is_404(self, client, assessed, other_patient):
        entry = services.add_journal_entry(other_patient, "stress", "Theirs.")
        client.force_login(assessed)
        assert (
            client.post(reverse("learn:share", args=[entry.pk]), {"shared": "1"}).status_code == 404
        )


@pytest.mark.django_db
class TestFearLadder:
    def test_a_step_tried_as_an_experiment_then_climbed_and_made_a_goal(self, client, ready):
        client.force_login(ready)
        client.post(reverse("learn:ladder"), {"name": "Bend to pick up a sock", "fear": "60"})
        client.post(reverse("learn:ladder"), {"name": "Carry a shopping bag", "fear": "80"})
        low = ExposureStep.objects.get(fear=60)
        assert services.suggested_step(services.ladder(ready)) == low
        client.post(
            reverse("learn:try_step", args=[low.pk]),
            {"predicted_pain": "8", "predicted_harm": "My back will lock."},
        )
        trial = ExposureTrial.objects.get()
        response = client.post(
            reverse("learn:trial", args=[trial.pk]),
            {"actual_pain": "3", "what_happened": "A twinge, then fine.", "fear_after": "40"},
        )
        assert response["Location"] == reverse("learn:trial", args=[trial.pk])
        text = page(client, "learn:trial", trial.pk)
        assert "You expected 8 out of 10 and it was 3: 5 points less than you feared." in text
        assert "Repeat this step" in text  # fear 40 is not below 30
        assert services.suggested_step(services.ladder(ready)) == low
        second = services.start_trial(ready, low.pk, 5, "Lock again.")
        services.finish_trial(ready, second.pk, 2, "", 20)
        rung = next(r for r in services.ladder(ready) if r.step == low)
        assert rung.state == "climbed" and rung.tries == 2
        assert services.suggested_step(services.ladder(ready)).name == "Carry a shopping bag"
        assert "You climbed this step" in page(client, "learn:trial", second.pk)
        client.post(reverse("learn:make_goal", args=[low.pk]), {"score": "6"})
        assert ActivityGoal.objects.get(patient=ready).name == "Bend to pick up a sock"

    def test_an_experiment_is_finished_once(self, client, ready):
        client.force_login(ready)
        step = services.add_step(ready, "Sit for an hour", 50)
        trial = services.start_trial(ready, step.pk, 6, "Stiff all day.")
        services.finish_trial(ready, trial.pk, 4, "", 35)
        response = client.post(
            reverse("learn:trial", args=[trial.pk]), {"actual_pain": "9", "fear_after": "90"}
        )
        assert "already finished" in response.content.decode()
        trial.refresh_from_db()
        assert (trial.actual_pain, trial.fear_after) == (4, 35)

    @pytest.mark.parametrize(
        "data",
        [
            {"name": "", "fear": "50"},
            {"name": "x" * 121, "fear": "50"},
            {"name": "Lift", "fear": "101"},
            {"name": "Lift", "fear": "-5"},
        ],
    )
    def test_bad_steps_save_nothing(self, client, ready, data):
        refused(client, ready, "learn:ladder", data)
        assert not ExposureStep.objects.exists()

    def test_another_persons_ladder_is_404(self, client, ready, other_patient):
        step = services.add_step(other_patient, "Theirs", 50)
        trial = services.start_trial(other_patient, step.pk, 5, "Something.")
        client.force_login(ready)
        for name, pk in [("learn:try_step", step.pk), ("learn:trial", trial.pk)]:
            assert client.get(reverse(name, args=[pk])).status_code == 404
        posted = client.post(
            reverse("learn:try_step", args=[step.pk]),
            {"predicted_pain": "3", "predicted_harm": "x"},
        )
        assert posted.status_code == 404
        assert client.post(reverse("learn:remove_step", args=[step.pk])).status_code == 404
        assert (
            client.post(reverse("learn:make_goal", args=[step.pk]), {"score": "5"}).status_code
            == 404
        )
        assert ExposureTrial.objects.count() == 1 and not ActivityGoal.objects.exists()


@pytest.mark.django_db
def test_the_weekly_review_counts_the_weeks_practice(client, ready):
    services.start_somatic(ready, 5, 5)
    done = services.start_somatic(ready, 6, 6)
    services.finish_somatic(ready, done.pk, 4, 4)
    client.force_login(ready)
    text = page(client, "tracking:review")
    assert "1 somatic tracking session." in text


@pytest.mark.django_db
def test_the_plan_page_links_the_modules_that_have_pages(client, ready):
    client.force_login(ready)
    text = page(client, "program:plan")
    assert reverse("learn:lessons") in text and reverse("learn:ladder") in text


@pytest.mark.django_db
def test_the_attribution_chart_shows_the_latest_two_years(client, ready):
    today = monthly_checks(ready, 30)
    client.force_login(ready)
    text = page(client, "learn:practice")
    assert "“month 29”" in text  # the latest words, under a chart of the latest 24 months
    chart = text[text.index('id="chart-attribution-t"') :]
    first_shown = (today - dt.timedelta(days=30 * 23)).strftime("%-d %b")
    assert first_shown in chart


@pytest.mark.django_db
def test_the_clinician_sees_every_session_counted_and_the_latest_two_years_of_beliefs(
    client, ready, clinician
):
    from django.utils import timezone

    now = timezone.now()
    SomaticSession.objects.bulk_create(
        SomaticSession(
            patient=ready,
            local_date=(now - dt.timedelta(days=40 - i)).date(),
            started_at=now - dt.timedelta(days=40 - i),
            finished_at=now - dt.timedelta(days=40 - i, minutes=-10),
            pain_before=6,
            fear_before=5,
            pain_after=2 if i >= 35 else 4,
            fear_after=3,
        )
        for i in range(40)
    )
    monthly_checks(ready, 30)
    client.force_login(clinician)
    text = page(client, "clinic:patient", ready.pk)
    # All 40 counted; the means are over the 30 shown: 25 sessions at 4 and 5 at 2 after.
    assert "<dd>40; last 30: mean NRS 6.0 before, 3.7 after</dd>" in text
    table = text[text.index("Somatic tracking ratings") :]
    assert table[: table.index("</table>")].count("<tr>") == 31  # the head and 30 rows
    assert "<td>month 29</td>" in text and "<td>month 6</td>" in text
    assert "<td>month 5</td>" not in text  # the oldest of 30 months are beyond two years
    summary = client.get(f"/api/v1/patients/{ready.pk}/practice").json()
    assert summary["somatic_sessions_finished"] == 40 and len(summary["somatic_sessions"]) == 30


@pytest.mark.django_db
def test_the_practice_page_lists_every_other_module_in_one_list(client, ready):
    from painwise.lib import practices
    from painwise.program.labels import MODULE_BLURBS, module_name

    client.force_login(ready)
    text = page(client, "learn:practice")
    listed = text[text.index('id="more-heading"') :]
    others = [m for m in practices.modules() if m.key in MODULE_BLURBS]
    assert len(others) == 5  # left and right, sleep, mindfulness, thinking skills, neurofeedback
    for module in others:
        assert f'href="{reverse(module.area_url)}"' in listed, module.key
        assert str(module_name(module.key)) in listed and str(MODULE_BLURBS[module.key]) in listed
    assert f'href="{reverse("learn:ladder")}"' in listed
    assert f'href="{reverse("learn:journal")}"' in listed
    assert f'href="{reverse("learn:lessons")}"' in listed
