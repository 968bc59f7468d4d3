import pytest
from django.urls import reverse

from painwise.assessment.models import AssessmentRecord
from painwise.clinic.tests.conftest import OUTSIDERS

EXAM = {"hypersensitivity_signs": "yes", "nociceptive_or_neuropathic_fully_explains": "no"}


@pytest.mark.django_db
class TestAddExam:
    def test_the_exam_reruns_the_assessment_and_keeps_the_history(self, client, cast, assess):
        patient = cast["patient"]
        record = assess(
            patient,
            pain_distribution="regional",
            pain_duration_weeks=30,
            sensitivity={"touch": True, "fatigue": True},
        )
        client.force_login(cast["clinician"])
        response = client.post(reverse("clinic:exam", args=[patient.pk, record.pk]), EXAM)
        new = AssessmentRecord.objects.latest("pk")
        assert response["Location"] == reverse("clinic:assessment", args=[patient.pk, new.pk])
        assert new.source == "review" and new.result["nociplastic"]["grade"] == "probable"
        record.refresh_from_db()
        assert record.result["nociplastic"]["grade"] == "exam_needed"

    def test_an_incomplete_exam_changes_nothing(self, client, cast, assess):
        record = assess(cast["patient"])
        client.force_login(cast["clinician"])
        client.post(reverse("clinic:exam", args=[cast["patient"].pk, record.pk]), {})
        assert AssessmentRecord.objects.count() == 1

    @pytest.mark.parametrize("viewer", OUTSIDERS)
    def test_nobody_else_can_examine(self, client, cast, assess, viewer):
        record = assess(cast["patient"])
        client.force_login(cast[viewer])
        url = reverse("clinic:exam", args=[cast["patient"].pk, record.pk])
        assert client.post(url, EXAM).status_code == 404
        assert AssessmentRecord.objects.count() == 1
