import pytest
from django.urls import reverse

from painwise.clinic.tests.conftest import OUTSIDERS


@pytest.mark.django_db
class TestAssessmentDetail:
    def test_it_shows_each_finding_with_the_rule_behind_it_and_the_answers_as_a_table(
        self, client, cast, assess
    ):
        record = assess(cast["patient"], red_flags={"constant_night_pain": True})
        client.force_login(cast["clinician"])
        url = reverse("clinic:assessment", args=[cast["patient"].pk, record.pk])
        page = client.get(url).content.decode()
        assert "Non-mechanical (constant night) pain" in page and "Constant pain at night." in page
        assert "Urgent: medical review within days" in page
        assert "non_mechanical_pain" not in page and "You told us" not in page
        assert "{&#x27;" not in page and "<pre" not in page  # no JSON
        assert "Pain that stays constant" not in page
        assert "How old are you?" in page and "<dt>" in page

    def test_a_record_of_another_patient_is_not_found_under_this_one(self, client, cast, assess):
        other = assess(cast["other_patient"])
        client.force_login(cast["clinician"])
        url = reverse("clinic:assessment", args=[cast["patient"].pk, other.pk])
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("viewer", OUTSIDERS)
    def test_nobody_else_sees_it(self, client, cast, assess, viewer):
        record = assess(cast["patient"])
        client.force_login(cast[viewer])
        url = reverse("clinic:assessment", args=[cast["patient"].pk, record.pk])
        assert client.get(url).status_code == 404
