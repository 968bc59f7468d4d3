"""The web intake, page by page, over the test client."""

import pytest
from django.urls import reverse

from painwise.assessment.models import AssessmentRecord, IntakeDraft
from painwise.audit.models import AuditEntry
from painwise.clinic.models import Alert

NO_NERVES = {
    f: "no"
    for f in [
        "red_flags__saddle_numbness",
        "red_flags__new_bladder_dysfunction",
        "red_flags__bowel_incontinence_or_rectal_numbness",
        "red_flags__new_sexual_dysfunction",
        "red_flags__sciatica_both_legs",
        "red_flags__progressive_leg_weakness",
        "red_flags__gait_disturbance",
        "leg_pain_below_knee",
        "leg_numbness_or_tingling",
        "red_flags__history_of_cancer",
    ]
}
NO_OTHER = {
    f: "no"
    for f in [
        "red_flags__fever_or_chills",
        "red_flags__iv_drug_use",
        "red_flags__immunosuppression",
        "red_flags__recent_infection_or_spinal_procedure",
        "red_flags__unexplained_weight_loss",
        "red_flags__constant_night_pain",
        "red_flags__significant_trauma",
        "red_flags__osteoporosis_or_long_term_steroids",
    ]
}
ABOUT = {"age": "44", "duration_amount": "20", "duration_unit": "weeks", "first_episode": "no"}
PAIN = {
    "pain_regions": ["lower_back", "neck"],
    "pain_distribution": "multifocal",
    "pain_now": "3",
    "pain_average_week": "4",
    "pain_worst_week": "6",
}
STARTBACK = {
    **{
        f"startback__{f}": "agree"
        for f in [
            "leg_pain",
            "unsafe_to_be_active",
            "worrying_thoughts",
            "feels_terrible_never_better",
        ]
    },
    **{
        f"startback__{f}": "disagree"
        for f in [
            "shoulder_or_neck_pain",
            "walked_only_short_distances",
            "dressed_more_slowly",
            "not_enjoyed_things",
        ]
    },
    "startback__bothersomeness": "3",
}
MOOD = {**{f"phq9__{i}": "1" for i in range(9)}, **{f"gad7__{i}": "0" for i in range(7)}}


def step(client, slug, data):
    return client.post(reverse("assessment:step", args=[slug]), data)


def walk(client, *, mood=MOOD, nerves=NO_NERVES, other=NO_OTHER):
    step(client, "about", ABOUT)
    r = step(client, "warning-nerves", nerves)
    if r["Location"].startswith("/assessment/results/"):
        return r
    r = step(client, "warning-other", other)
    if r["Location"].startswith("/assessment/results/"):
        return r
    step(client, "pain", PAIN)
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
    else:
        step(client, "mood", mood)
    return client.post(reverse("assessment:check"))


@pytest.mark.django_db
class TestIntake:
    def test_a_new_patient_is_sent_to_the_intake(self, client, patient):
        client.force_login(patient)
        response = client.get(reverse("home"), follow=True)
        assert response.redirect_chain[-1][0] == reverse("assessment:step", args=["about"])

    def test_the_whole_intake_is_assessed_and_kept(self, client, patient):
        client.force_login(patient)
        response = walk(client)
        record = AssessmentRecord.objects.get()
        assert response["Location"] == reverse(
            "assessment:crisis", args=[record.pk]
        )  # phq9 item 9 = 1
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
        assert r["mood"]["phq9_total"] == 9 and r["mood"]["safety_alert"] is True
        assert [a.kind for a in Alert.objects.all()] == ["safety"]
        assert not IntakeDraft.objects.exists()
        assert (
            AuditEntry.objects.filter(action="assessment.submitted", patient=patient).count() == 1
        )

    def test_the_crisis_page_comes_first_and_the_program_waits_for_it(
        self, client, patient, settings
    ):
        settings.PAINWISE_CRISIS_COUNTRY = "GB"
        client.force_login(patient)
        walk(client)
        record = AssessmentRecord.objects.get()
        page = client.get(reverse("assessment:crisis", args=[record.pk])).content.decode()
        assert "116 123" in page and "999" in page
        # Results and the program show the crisis page until it is acknowledged.
        assert client.get(reverse("assessment:result", args=[record.pk]))["Location"].endswith(
            "/help-now/"
        )
        assert client.get(reverse("program:today"))["Location"].endswith("/help-now/")
        client.post(reverse("assessment:crisis", args=[record.pk]))
        assert client.get(reverse("program:today")).status_code == 200

    def test_mood_questions_can_be_skipped(self, client, patient):
        client.force_login(patient)
        response = walk(client, mood=None)
        record = AssessmentRecord.objects.get()
        assert response["Location"] == reverse("assessment:result", args=[record.pk])
        assert "phq9" not in record.intake and record.result["mood"]["phq9_total"] is None

    def test_red_flag_pages_cannot_be_skipped_or_half_answered(self, client, patient):
        client.force_login(patient)
        step(client, "about", ABOUT)
        # Jumping ahead lands back on the first open step.
        response = client.get(reverse("assessment:step", args=["pain"]))
        assert response["Location"] == reverse("assessment:step", args=["warning-nerves"])
        half = dict(list(NO_NERVES.items())[:5])
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

    def test_cancer_with_leg_tingling_is_caught_on_the_first_red_flag_page(self, client, patient):
        client.force_login(patient)
        walk(
            client,
            nerves={
                **NO_NERVES,
                "red_flags__history_of_cancer": "yes",
                "leg_numbness_or_tingling": "yes",
            },
        )
        record = AssessmentRecord.objects.get()
        assert record.red_flags == ["suspected_metastatic_cord_compression"]

    def test_fever_with_a_recent_spinal_procedure_stops_on_the_second_page(self, client, patient):
        client.force_login(patient)
        walk(
            client,
            other={
                **NO_OTHER,
                "red_flags__fever_or_chills": "yes",
                "red_flags__recent_infection_or_spinal_procedure": "yes",
            },
        )
        assert AssessmentRecord.objects.get().red_flags == ["suspected_spinal_infection"]

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
        for slug, data in [
            ("about", ABOUT),
            ("warning-nerves", NO_NERVES),
            ("warning-other", NO_OTHER),
            ("pain", PAIN),
        ]:
            step(client, slug, data)
        for slug in ["inflammatory", "startback", "sensitivity", "pattern"]:
            step(client, slug, STARTBACK if slug == "startback" else {})
        step(client, "mood", {"skip": "1"})
        page = client.get(reverse("assessment:check")).content.decode()
        assert "20 weeks" in page and "Lower back, Neck" in page and "Skipped for now." in page


@pytest.mark.django_db
class TestClinicSide:
    def test_the_clinician_sees_alerts_first_and_can_add_an_exam(self, client, patient, clinician):
        client.force_login(patient)
        walk(client, mood=None)
        record = AssessmentRecord.objects.get()
        client.force_login(clinician)
        assert client.get(reverse("clinic:home")).status_code == 200
        page = client.get(reverse("clinic:patient", args=[patient.pk])).content.decode()
        assert "exam_needed" in page
        response = client.post(
            reverse("clinic:exam", args=[patient.pk, record.pk]),
            {"hypersensitivity_signs": "yes", "nociceptive_or_neuropathic_fully_explains": "no"},
        )
        new = AssessmentRecord.objects.latest("pk")
        assert response["Location"] == reverse("clinic:assessment", args=[patient.pk, new.pk])
        assert new.source == "review"
        assert new.result["nociplastic"]["grade"] == "probable"
        record.refresh_from_db()
        assert record.result["nociplastic"]["grade"] == "exam_needed"  # history is kept

    @pytest.mark.parametrize("viewer", ["other_clinician", "patient", "admin"])
    def test_other_people_cannot_clear_or_examine(self, client, cast, viewer):
        client.force_login(cast["patient"])
        walk(client, other={**NO_OTHER, "red_flags__significant_trauma": "yes"}, mood=None)
        record = AssessmentRecord.objects.get()
        client.force_login(cast[viewer])
        url = reverse("clinic:clear", args=[cast["patient"].pk, record.pk])
        assert client.post(url, {"note": "fine"}).status_code == 404
        record.refresh_from_db()
        assert record.cleared_at is None

    def test_clearing_needs_a_note(self, client, patient, clinician):
        client.force_login(patient)
        walk(client, other={**NO_OTHER, "red_flags__constant_night_pain": "yes"}, mood=None)
        record = AssessmentRecord.objects.get()
        client.force_login(clinician)
        client.post(reverse("clinic:clear", args=[patient.pk, record.pk]), {"note": ""})
        record.refresh_from_db()
        assert record.cleared_at is None
