"""The web intake, page by page, over the test client."""

import pytest
from django.urls import reverse

from painwise.alerts.models import Alert
from painwise.assessment.models import AssessmentRecord, IntakeDraft
from painwise.audit.models import AuditEntry

from .answers import (
    ABOUT,
    FIRST_PAGES,
    MOOD,
    NO_NERVES,
    NO_OTHER,
    PAIN,
    STARTBACK,
    WORRY,
    answer_pages,
    step,
)


def walk(client, *, mood=MOOD, nerves=NO_NERVES, other=NO_OTHER):
    step(client, "about", ABOUT)
    for slug in ("warning-nerves", "warning-legs"):  # each page takes its own answers
        r = step(client, slug, nerves)
        if r["Location"].startswith("/assessment/results/"):
            return r
    r = step(client, "warning-other", other)
    if r["Location"].startswith("/assessment/results/"):
        return r
    step(client, "pain", PAIN)
    step(client, "pain-level", PAIN)
    step(
        client,
        "inflammatory",
        {"inflammatory__back_pain_onset_age": "30", "inflammatory__buttock_pain": "on"},
    )
    step(client, "startback", STARTBACK)
    step(client, "sensitivity", {"sensitivity__touch": "on", "sensitivity__fatigue": "on"})
    step(client, "pattern", {"neuroplastic_signs__worse_with_stress": "on"})
    if mood is None:
        step(client, "mood", {"skip": "1"})
        step(client, "worry", {"skip": "1"})
    else:
        step(client, "mood", mood)
        if mood.get("phq9__8", "0") != "0":
            client.post(reverse("assessment:answer_help"))
        step(client, "worry", WORRY)
    return client.post(reverse("assessment:check"))


@pytest.mark.django_db
class TestIntake:
    def test_a_new_patient_is_sent_to_the_intake(self, client, patient):
        client.force_login(patient)
        response = client.get(reverse("home"), follow=True)
        assert response.redirect_chain[-1][0] == reverse("assessment:start")
        page = response.content.decode()
        assert "10 to 15 minutes" in page and "stop at any time" in page
        assert reverse("assessment:step", args=["about"]) in page

    def test_the_whole_intake_is_assessed_and_kept(self, client, patient):
        client.force_login(patient)
        response = walk(client)
        record = AssessmentRecord.objects.get()
        assert response["Location"] == reverse("assessment:result", args=[record.pk])
        r = record.result
        assert record.intake["pain_duration_weeks"] == 20
        assert (
            record.intake["inflammatory"]["onset_before_35"] is True
        )  # derived from the age given
        assert r["triage"] == "self_management"
        assert r["startback"] == {"total": 5, "psychosocial": 4, "risk": "high"}
        assert r["nociplastic"] == {
            "grade": "exam_needed",
            "criteria_met": ["C1", "C2", "C5", "C6"],
        }
        assert r["mood"]["phq9_total"] == 8 and r["mood"]["safety_alert"] is False
        assert list(Alert.objects.all()) == []
        assert not IntakeDraft.objects.exists()
        assert (
            AuditEntry.objects.filter(action="assessment.submitted", patient=patient).count() == 1
        )

    def test_mood_questions_can_be_skipped(self, client, patient):
        client.force_login(patient)
        response = walk(client, mood=None)
        record = AssessmentRecord.objects.get()
        assert response["Location"] == reverse("assessment:result", args=[record.pk])
        assert "phq9" not in record.intake and record.result["mood"]["phq9_total"] is None


SELF_HARM = MOOD | {"phq9__8": "1"}


def up_to_mood(client):
    later = [("inflammatory", {}), ("startback", STARTBACK), ("sensitivity", {}), ("pattern", {})]
    answer_pages(client, FIRST_PAGES + later)
    return step(client, "mood", SELF_HARM)


@pytest.mark.django_db
class TestSelfHarmAnswer:
    def test_crisis_help_is_the_very_next_screen_and_the_clinician_is_told_at_once(
        self, client, patient, clinician, settings
    ):
        settings.PAINWISE_CRISIS_COUNTRY = "GB"
        client.force_login(patient)
        response = up_to_mood(client)
        assert response["Location"] == reverse("assessment:answer_help")
        # The care team knows now, even if the person stops here.
        assert [a.kind for a in Alert.objects.filter(patient=patient)] == ["safety"]
        page = client.get(response["Location"]).content.decode()
        assert 'href="tel:116123"' in page and 'href="tel:999"' in page
        assert "Your clinician can see your answer in Painwise now" in page
        assert "phq9" not in page  # no rule ids for patients
        # Read, then on to the next page of questions; the finished intake raises no second
        # alert and shows the results straight away, crisis help included.
        assert client.post(response["Location"])["Location"] == reverse(
            "assessment:step", args=["worry"]
        )
        step(client, "worry", WORRY)
        done = client.post(reverse("assessment:check"))
        record = AssessmentRecord.objects.get()
        assert done["Location"] == reverse("assessment:result", args=[record.pk])
        assert Alert.objects.filter(patient=patient, kind="safety").count() == 1
        result = client.get(done["Location"]).content.decode()
        assert "Help is there for you, right now" in result

    def test_alone_no_care_team_is_claimed_and_every_country_is_one_tap_away(
        self, client, patient, settings
    ):
        settings.PAINWISE_CRISIS_COUNTRY = ""
        client.force_login(patient)
        page = client.get(up_to_mood(client)["Location"]).content.decode()
        assert "care team" not in page and "clinician can see" not in page
        assert "No clinician is linked to your Painwise account" in page
        assert "call your local emergency number" in page
        assert 'href="tel:112"' in page and 'href="tel:988"' in page and "<details" in page

    def test_unread_crisis_help_comes_before_results_and_the_program(self, client, patient):
        client.force_login(patient)
        up_to_mood(client)
        step(client, "worry", WORRY)
        client.post(reverse("assessment:check"))
        record = AssessmentRecord.objects.get()
        crisis_url = reverse("assessment:crisis", args=[record.pk])
        assert client.get(reverse("assessment:result", args=[record.pk]))["Location"] == crisis_url
        assert client.get(reverse("program:today"))["Location"] == crisis_url
        client.post(crisis_url)
        assert client.get(reverse("program:today")).status_code == 200


@pytest.mark.django_db
class TestMore:
    def test_red_flag_pages_cannot_be_skipped_or_half_answered(self, client, patient):
        client.force_login(patient)
        step(client, "about", ABOUT)
        # Jumping ahead lands back on the first open step.
        response = client.get(reverse("assessment:step", args=["pain"]))
        assert response["Location"] == reverse("assessment:step", args=["warning-nerves"])
        half = dict(list(NO_NERVES.items())[:3])
        response = step(client, "warning-nerves", half)
        assert response.status_code == 200
        assert "Please answer this question." in response.content.decode()
        assert IntakeDraft.objects.get().completed_steps == ["about"]

    def test_an_emergency_answer_stops_the_intake_at_once(self, client, patient, clinician):
        client.force_login(patient)
        response = walk(client, nerves={**NO_NERVES, "red_flags__saddle_numbness": "yes"})
        record = AssessmentRecord.objects.get()
        assert response["Location"] == reverse("assessment:result", args=[record.pk])
        assert (record.triage, record.complete, record.program_allowed) == (
            "emergency",
            False,
            False,
        )
        assert record.red_flags == ["suspected_cauda_equina"]
        assert Alert.objects.get().kind == "emergency"
        page = client.get(response["Location"]).content.decode()
        assert "Go to an emergency department now" in page
        # Every way back into the program or the intake leads to the emergency page.
        for name in ["program:today", "assessment:start", "assessment:check"]:
            assert client.get(reverse(name))["Location"] == reverse("assessment:status")
        assert client.get(reverse("assessment:step", args=["about"]))["Location"] == reverse(
            "assessment:status"
        )

    @pytest.mark.parametrize(
        ("page", "yes", "rule"),
        [
            (  # the cancer question sits on the first red-flag page, beside the legs
                "nerves",
                ["red_flags__history_of_cancer", "leg_numbness_or_tingling"],
                "suspected_metastatic_cord_compression",
            ),
            (
                "other",
                ["red_flags__fever_or_chills", "red_flags__recent_infection_or_spinal_procedure"],
                "suspected_spinal_infection",
            ),
        ],
    )
    def test_a_combined_red_flag_is_caught_on_its_page(self, client, patient, page, yes, rule):
        client.force_login(patient)
        calm = {"nerves": NO_NERVES, "other": NO_OTHER}[page]
        walk(client, **{page: calm | dict.fromkeys(yes, "yes")})
        assert AssessmentRecord.objects.get().red_flags == [rule]

    def test_an_urgent_result_pauses_the_program_until_a_clinician_clears_it(
        self, client, patient, clinician
    ):
        client.force_login(patient)
        walk(client, other={**NO_OTHER, "red_flags__significant_trauma": "yes"}, mood=None)
        record = AssessmentRecord.objects.get()
        assert record.triage == "urgent" and record.complete
        assert client.get(reverse("program:today"))["Location"] == reverse("assessment:status")
        assert (
            "Please see a doctor first" in client.get(reverse("assessment:status")).content.decode()
        )
        client.force_login(clinician)
        client.post(reverse("clinic:clear", args=[patient.pk, record.pk]), {"note": "X-ray clear"})
        client.force_login(patient)
        assert client.get(reverse("program:today")).status_code == 200

    def test_under_18_is_told_painwise_is_for_adults(self, client, patient):
        client.force_login(patient)
        response = step(client, "about", {**ABOUT, "age": "16"})
        assert "Painwise is for adults" in response.content.decode()
        assert not IntakeDraft.objects.exists()

    def test_a_repeat_assessment_keeps_the_old_one(self, client, patient):
        client.force_login(patient)
        walk(client, mood=None)
        client.post(reverse("assessment:restart"))
        walk(client, mood=None)
        assert AssessmentRecord.objects.filter(patient=patient).count() == 2

    def test_another_patients_result_is_not_found(self, client, patient, other_patient):
        client.force_login(patient)
        walk(client, mood=None)
        record = AssessmentRecord.objects.get()
        client.force_login(other_patient)
        assert client.get(reverse("assessment:result", args=[record.pk])).status_code == 404
        assert client.get(reverse("assessment:crisis", args=[record.pk])).status_code == 404

    def test_the_check_page_lists_the_answers(self, client, patient):
        client.force_login(patient)
        answer_pages(client, FIRST_PAGES)
        for slug in ["inflammatory", "startback", "sensitivity", "pattern"]:
            step(client, slug, STARTBACK if slug == "startback" else {})
        step(client, "mood", {"skip": "1"})
        step(client, "worry", {"skip": "1"})
        page = client.get(reverse("assessment:check")).content.decode()
        assert "20 weeks" in page and "Lower back, Neck" in page and "Skipped for now." in page


@pytest.mark.django_db
def test_my_assessments_lists_the_newest_twenty_and_says_how_many_there_are(
    client, patient, assess
):
    from painwise.assessment.services import RECORDS_LISTED

    made = [assess(patient, age=30 + i) for i in range(RECORDS_LISTED + 3)]
    client.force_login(patient)
    text = client.get(reverse("assessment:history")).content.decode()
    assert "Your newest 20 of 23 assessments." in text
    assert text.count(">View<") == RECORDS_LISTED == 20
    assert reverse("assessment:result", args=[made[-1].pk]) in text
    assert reverse("assessment:result", args=[made[0].pk]) not in text
