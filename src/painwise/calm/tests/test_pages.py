"""The sleep diary and the breathing pacer over the test client."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from painwise.calm import services
from painwise.calm.models import BreathingSession, SleepEntry

NIGHT = {
    "bed_time": "23:00",
    "minutes_to_sleep": "20",
    "wake_ups": "2",
    "minutes_awake": "40",
    "final_wake": "07:00",
    "out_of_bed": "07:30",
    "quality": "6",
}


def last_night(patient):
    return (services.today(patient) - dt.timedelta(days=1)).isoformat()


@pytest.mark.django_db
class TestSleepDiary:
    def test_a_night_is_saved_with_its_efficiency(self, client, assessed):
        client.force_login(assessed)
        response = client.post(
            reverse("calm:sleep"), {"night_of": last_night(assessed), **NIGHT}, follow=True
        )
        entry = SleepEntry.objects.get()
        assert (entry.in_bed_minutes, entry.asleep_minutes) == (510, 420)
        assert round(entry.efficiency * 100) == 82
        text = response.content.decode()
        assert "asleep for 82% of your time in bed, about 7.0 hours" in text

    def test_saving_the_same_night_again_corrects_it(self, client, assessed):
        client.force_login(assessed)
        night_of = last_night(assessed)
        client.post(reverse("calm:sleep"), {"night_of": night_of, **NIGHT})
        client.post(reverse("calm:sleep"), {"night_of": night_of, **NIGHT, "minutes_awake": "0"})
        assert SleepEntry.objects.get().asleep_minutes == 460

    @pytest.mark.parametrize(
        "change,message",
        [
            ({"minutes_awake": "500"}, "add up to more than the whole night"),
            ({"quality": "11"}, "Please check the form"),
            ({"bed_time": "25:00"}, "Please check the form"),
            ({"night_of": "2999-01-01"}, "Choose last night or an earlier night."),
            ({"bed_time": "20:00", "final_wake": "19:00", "out_of_bed": "21:00"}, "longer than 24"),
        ],
    )
    def test_a_night_that_does_not_fit_is_explained_and_saves_nothing(
        self, client, assessed, change, message
    ):
        client.force_login(assessed)
        data = {"night_of": last_night(assessed), **NIGHT, **change}
        response = client.post(reverse("calm:sleep"), data)
        assert response.status_code == 200 and message in response.content.decode()
        assert not SleepEntry.objects.exists()

    def test_the_clinician_sees_weekly_efficiency(self, client, assessed, clinician):
        client.force_login(assessed)
        client.post(reverse("calm:sleep"), {"night_of": last_night(assessed), **NIGHT})
        client.force_login(clinician)
        text = client.get(reverse("clinic:patient", args=[assessed.pk])).content.decode()
        assert "Sleep diary, weekly means" in text and "82%" in text


@pytest.mark.django_db
class TestBreathing:
    def log(self, client, body):
        return client.post(
            reverse("calm:breathe_log"), json.dumps(body), content_type="application/json"
        )

    def test_a_session_is_logged_in_minutes(self, client, assessed):
        client.force_login(assessed)
        reply = self.log(client, {"seconds": 185.2, "pattern": "slow"})
        assert reply.status_code == 200 and reply.json()["minutes"] == 3
        assert reply.json()["message"] == "Well done. 3 minutes logged."
        assert self.log(client, {"seconds": 40, "pattern": "box"}).json()["message"] == (
            "Well done. 40 seconds logged."
        )
        assert [b.seconds for b in BreathingSession.objects.order_by("pk")] == [185, 40]

    @pytest.mark.parametrize(
        "body",
        [
            {"seconds": 5, "pattern": "slow"},
            {"seconds": 9000, "pattern": "slow"},
            {"seconds": "a", "pattern": "slow"},
            {"seconds": 60, "pattern": "fast"},
        ],
    )
    def test_impossible_sessions_are_refused(self, client, assessed, body):
        client.force_login(assessed)
        assert self.log(client, body).status_code == 422
        assert not BreathingSession.objects.exists()

    def test_the_pacer_page_offers_three_patterns(self, client, assessed):
        client.force_login(assessed)
        text = client.get(reverse("calm:breathe")).content.decode()
        assert text.count('name="pattern"') == 3 and "Breathe in" in text


@pytest.mark.django_db
class TestMindfulness:
    def log(self, client, body):
        return client.post(
            reverse("calm:mindful_log"), json.dumps(body), content_type="application/json"
        )

    def test_the_sessions_and_their_lengths_are_offered(self, client, assessed):
        client.force_login(assessed)
        text = client.get(reverse("calm:mindful")).content.decode()
        for key in ("breath", "body_scan", "open_awareness", "kindness"):
            for minutes in (3, 5, 10, 20):
                assert reverse("calm:mindful_session", args=[key, minutes]) in text

    @pytest.mark.parametrize("minutes", [3, 5, 10, 20])
    def test_the_steps_fill_the_chosen_time_exactly(self, client, assessed, minutes):
        from painwise.calm.scripts import SCRIPTS

        for script in SCRIPTS.values():
            assert sum(script.seconds(minutes)) == minutes * 60
        client.force_login(assessed)
        page = client.get(reverse("calm:mindful_session", args=["body_scan", minutes]))
        assert page.status_code == 200 and page.content.decode().count("data-step ") == 6

    def test_an_unknown_session_or_length_is_404(self, client, assessed):
        client.force_login(assessed)
        assert client.get(reverse("calm:mindful_session", args=["nap", 5])).status_code == 404
        assert client.get(reverse("calm:mindful_session", args=["breath", 7])).status_code == 404

    def test_a_session_is_logged_and_counted_for_the_week(self, client, assessed):
        client.force_login(assessed)
        reply = self.log(client, {"script": "breath", "minutes": 3, "seconds": 180})
        assert reply.json()["message"] == "Well done. 3 minutes logged."
        text = client.get(reverse("tracking:review")).content.decode()
        assert "3 minutes of mindfulness and slow breathing." in text

    @pytest.mark.parametrize(
        "body",
        [
            {"script": "breath", "minutes": 3, "seconds": 241},
            {"script": "breath", "minutes": 3, "seconds": 5},
            {"script": "breath", "minutes": 4, "seconds": 100},
            {"script": "snore", "minutes": 3, "seconds": 100},
            {"script": "breath", "minutes": 3, "seconds": None},
        ],
    )
    def test_impossible_sessions_are_refused(self, client, assessed, body):
        from painwise.calm.models import MindfulSession

        client.force_login(assessed)
        assert self.log(client, body).status_code == 422
        assert not MindfulSession.objects.exists()


@pytest.mark.django_db
class TestThoughtRecords:
    STEPS = [
        {"situation": "Bending to load the washing machine."},
        {"thought": "I have damaged my back again.", "emotion": "scared", "intensity_before": "80"},
        {"traps": ["catastrophizing", "fortune_telling"]},
        {"evidence_for": "It hurt a lot.", "evidence_against": "Last flare settled in 3 days."},
        {"balanced": "It hurts, and flares have settled before.", "intensity_after": "40"},
    ]

    def step_url(self, record, n):
        return reverse("calm:thought_step", args=[record.pk, n])

    def test_a_record_step_by_step_with_a_draft_resumed(self, client, assessed):
        from painwise.calm.models import ThoughtRecord

        client.force_login(assessed)
        response = client.post(reverse("calm:thought_list"))
        record = ThoughtRecord.objects.get()
        assert response["Location"] == self.step_url(record, 1)
        for n, data in enumerate(self.STEPS[:2], start=1):
            assert client.post(self.step_url(record, n), data).status_code == 302
        # Away and back: the list offers the draft at the step where it stopped.
        text = client.get(reverse("calm:thought_list")).content.decode()
        assert self.step_url(record, 3) in text
        for n, data in enumerate(self.STEPS[2:], start=3):
            response = client.post(self.step_url(record, n), data)
        assert response["Location"] == reverse("calm:thought", args=[record.pk])
        record.refresh_from_db()
        assert record.finished_at is not None and record.traps == [
            "catastrophizing",
            "fortune_telling",
        ]
        assert (record.intensity_before, record.intensity_after) == (80, 40)
        text = client.get(reverse("calm:thought", args=[record.pk])).content.decode()
        assert "scared: 80 out of 100 before, 40 after." in text and "Expecting the worst" in text

    @pytest.mark.parametrize(
        "n,data",
        [
            (1, {"situation": ""}),
            (1, {"situation": "x" * 2001}),
            (2, {"thought": "x", "emotion": "sad", "intensity_before": "101"}),
            (3, {"traps": ["not_a_trap"]}),
        ],
    )
    def test_a_bad_answer_is_explained_and_saves_nothing(self, client, assessed, n, data):
        from painwise.calm import thoughts

        client.force_login(assessed)
        record = thoughts.start(assessed)
        response = client.post(self.step_url(record, n), data)
        assert response.status_code == 200 and "Please check the form" in response.content.decode()
        record.refresh_from_db()
        assert record.situation == "" and record.thought == "" and record.traps == []

    def test_private_unless_shared_and_404_for_others(
        self, client, assessed, clinician, other_patient, assess
    ):
        from painwise.calm import thoughts

        record = thoughts.start(assessed)
        for n, data in enumerate(self.STEPS, start=1):
            form = thoughts.STEPS[n - 1].form(data)
            assert form.is_valid(), form.errors
            thoughts.save_step(assessed, record.pk, n, form.cleaned_data)
        client.force_login(clinician)
        page = reverse("clinic:patient", args=[assessed.pk])
        assert "Bending to load the washing machine." not in client.get(page).content.decode()
        client.force_login(assessed)
        client.post(reverse("calm:thought_share", args=[record.pk]), {"shared": "1"})
        client.force_login(clinician)
        assert "Bending to load the washing machine." in client.get(page).content.decode()
        assess(other_patient)
        client.force_login(other_patient)
        assert client.get(reverse("calm:thought", args=[record.pk])).status_code == 404
        assert client.get(self.step_url(record, 1)).status_code == 404


@pytest.mark.django_db
class TestActivation:
    def test_a_week_with_one_activity_done(self, client, assessed):
        from painwise.calm.models import PlannedActivity, ValuedActivity

        client.force_login(assessed)
        client.post(reverse("calm:activities"), {"area": "people", "name": "Call my sister"})
        activity = ValuedActivity.objects.get()
        today = services.today(assessed)
        client.post(reverse("calm:activities"), {"activity": activity.pk, "day": today.isoformat()})
        planned = PlannedActivity.objects.get()
        prefix = f"m{planned.pk}"
        client.post(
            reverse("calm:mark_activity", args=[planned.pk]),
            {f"{prefix}-mood_before": "4", f"{prefix}-mood_after": "7", "done": "1"},
        )
        planned.refresh_from_db()
        assert (planned.done, planned.mood_before, planned.mood_after) == (True, 4, 7)
        text = client.get(reverse("calm:activities")).content.decode()
        assert "you did 1 of 1 planned activity" in text and "mood rose by 3 points" in text
        review = client.get(reverse("tracking:review")).content.decode()
        assert "1 planned activity done." in review

    def test_a_day_outside_the_coming_week_is_refused(self, client, assessed):
        from painwise.calm.models import PlannedActivity, ValuedActivity

        client.force_login(assessed)
        activity = ValuedActivity.objects.create(patient=assessed, area="fun", name="Cards")
        far = services.today(assessed) + dt.timedelta(days=9)
        response = client.post(reverse("calm:activities"), {"activity": activity.pk, "day": far})
        assert response.status_code == 200 and not PlannedActivity.objects.exists()

    def test_someone_elses_plan_is_404(self, client, assessed, other_patient, assess):
        from painwise.calm.models import PlannedActivity, ValuedActivity

        assess(other_patient)
        theirs = ValuedActivity.objects.create(patient=other_patient, area="fun", name="Cards")
        planned = PlannedActivity.objects.create(activity=theirs, day=services.today(other_patient))
        client.force_login(assessed)
        response = client.post(reverse("calm:mark_activity", args=[planned.pk]), {"done": "0"})
        assert response.status_code == 404


@pytest.mark.django_db
def test_a_problem_solving_sheet_and_its_review(client, assessed):
    from painwise.calm.models import ProblemSheet

    client.force_login(assessed)
    data = {
        "problem": "I cannot sit through my grandson's school play.",
        "option_1": "Sit at the end of a row and stand at the break",
        "pros_1": "I can move",
        "option_2": "Skip it",
        "cons_2": "I would miss it",
        "chosen": "0",
        "first_step": "Ask for an aisle seat on Monday.",
    }
    response = client.post(reverse("calm:problems"), data)
    sheet = ProblemSheet.objects.get()
    assert response["Location"] == reverse("calm:problem", args=[sheet.pk])
    assert len(sheet.options) == 2 and sheet.chosen == 0
    client.post(reverse("calm:problem", args=[sheet.pk]), {"review": "It went fine."})
    sheet.refresh_from_db()
    assert sheet.review == "It went fine."
    client.post(reverse("calm:problem_share", args=[sheet.pk]), {"shared": "1"})
    sheet.refresh_from_db()
    assert sheet.shared is False  # no clinician linked: nothing to share with
    bad = client.post(reverse("calm:problems"), {**data, "chosen": "2"})
    assert "Option 3 is empty" in bad.content.decode() and ProblemSheet.objects.count() == 1


@pytest.mark.django_db
def test_today_offers_what_the_plan_chose_and_ticks_it_when_done(client, patient, assess):
    assess(
        patient,
        sensitivity={"sleep_disturbance": True},  # the sleep module
        neuroplastic_signs={"worse_with_stress": True},  # mindfulness
        startback={"feels_terrible_never_better": True},  # CBT
    )
    client.force_login(patient)
    today = client.get(reverse("program:today")).content.decode()
    for title in ("Sleep diary: last night", "Mindfulness or slow breathing", "Thinking skills"):
        assert title in today
    client.post(reverse("calm:sleep"), {"night_of": last_night(patient), **NIGHT})
    client.post(
        reverse("calm:breathe_log"),
        json.dumps({"seconds": 120, "pattern": "slow"}),
        content_type="application/json",
    )
    from painwise.lib.practices import today_items
    from painwise.program.services import plan_for

    items = {
        i.title: i.done
        for i in today_items(patient, plan_for(patient).data["modules"], services.today(patient))
    }
    assert items["Sleep diary: last night"] is True
    assert items["Mindfulness or slow breathing"] is True
    assert items["Thinking skills"] is False


@pytest.mark.django_db
def test_diary_sleep_efficiency_is_a_factor_for_the_personal_patterns(assessed):
    """Nights in the diary that go with next-day pain show as a pattern, under the same rules
    as every other pattern; logged practice minutes reach the days too."""
    import random

    from painwise.calm.models import MindfulSession, SleepEntry
    from painwise.tracking import services as tracking
    from painwise.tracking.models import CheckIn

    rng = random.Random(3)
    today = services.today(assessed)
    nights, checkins = [], []
    for i in range(42, 0, -1):
        day = today - dt.timedelta(days=i)
        efficiency = rng.uniform(0.6, 0.95)
        nights.append(
            SleepEntry(
                patient=assessed,
                night_of=day - dt.timedelta(days=1),
                bed_time=dt.time(23),
                minutes_to_sleep=10,
                wake_ups=1,
                minutes_awake=30,
                final_wake=dt.time(7),
                out_of_bed=dt.time(7),
                quality=5,
                in_bed_minutes=480,
                asleep_minutes=round(480 * efficiency),
                efficiency=efficiency,
            )
        )
        pain = 7 - 6 * (efficiency - 0.6) + rng.gauss(0, 0.3)
        checkins.append(
            CheckIn(patient=assessed, local_date=day, pain_now=5, pain_average=round(pain))
        )
    SleepEntry.objects.bulk_create(nights)
    CheckIn.objects.bulk_create(checkins)
    MindfulSession.objects.create(
        patient=assessed,
        local_date=today - dt.timedelta(days=1),
        script="breath",
        planned_minutes=5,
        seconds=300,
    )
    days = tracking.days_for(assessed)
    assert days[-1].values["practice_minutes"] == 5
    assert days[0].values["sleep_efficiency"] == pytest.approx(nights[0].efficiency * 100)
    shown = [r.params.get("factor") for r in tracking.shown_patterns(assessed).values()]
    assert "more of the night asleep" in shown
    snapshot = tracking.recompute_insights(assessed)
    factors = [r["factor"] for r in snapshot.data["relations"] if r["shown"]]
    assert "sleep_efficiency" in factors
    tracking.recompute_all_insights()  # the nightly pass for everyone agrees
    snapshot.refresh_from_db()
    assert "sleep_efficiency" in [r["factor"] for r in snapshot.data["relations"] if r["shown"]]


@pytest.mark.django_db
def test_logged_minutes_fill_in_the_check_ins_practice_minutes(client, assessed):
    client.force_login(assessed)
    client.post(
        reverse("calm:breathe_log"),
        json.dumps({"seconds": 400, "pattern": "slow"}),
        content_type="application/json",
    )
    text = client.get(reverse("tracking:checkin")).content.decode()
    assert 'name="practice_minutes" value="7"' in text


@pytest.mark.django_db
def test_a_shared_problem_sheet_reaches_the_clinician_a_private_one_does_not(
    client, assessed, clinician
):
    from painwise.calm import activation
    from painwise.calm.models import ProblemSheet

    sheet = ProblemSheet.objects.create(
        patient=assessed,
        local_date=services.today(assessed),
        problem="The long drive.",
        options=[{"text": "Stop every hour", "pros": "", "cons": ""}],
        chosen=0,
        first_step="Plan the stops.",
    )
    page = reverse("clinic:patient", args=[assessed.pk])
    client.force_login(clinician)
    assert "The long drive." not in client.get(page).content.decode()
    activation.share_problem(assessed, sheet.pk, True)
    assert "The long drive." in client.get(page).content.decode()
