import json

import pytest
from django.urls import reverse

from painwise.assessment import questions


@pytest.fixture
def official(tmp_path, settings):
    path = tmp_path / "official.json"
    path.write_text(
        json.dumps(
            {"startback.leg_pain": "OFFICIAL ITEM ONE", "startback.notice": "Used under licence X"}
        )
    )
    settings.PAINWISE_OFFICIAL_WORDING_FILE = str(path)
    questions._official_wording.cache_clear()
    yield
    questions._official_wording.cache_clear()


def test_our_own_wording_is_marked_adapted_from():
    step = questions.STEP_BY_SLUG["startback"]
    assert "Adapted from the Keele STarT Back" in str(questions.notice_for(step))
    assert "spread down one or both legs" in str(questions.label_for(step.questions[0]))


@pytest.mark.django_db
def test_a_licensed_clinic_can_load_the_official_wording(client, patient, official):
    step = questions.STEP_BY_SLUG["startback"]
    assert questions.label_for(step.questions[0]) == "OFFICIAL ITEM ONE"
    assert questions.notice_for(step) == "Used under licence X"
    assert str(questions.label_for(step.questions[1])).startswith(
        "At some point"
    )  # others unchanged
    from painwise.assessment.models import IntakeDraft

    IntakeDraft.objects.create(
        patient=patient,
        completed_steps=[
            "about",
            "warning-nerves",
            "warning-legs",
            "warning-other",
            "pain",
            "pain-level",
            "inflammatory",
        ],
    )
    client.force_login(patient)
    page = client.get(reverse("assessment:step", args=["startback"])).content.decode()
    assert "OFFICIAL ITEM ONE" in page and "Used under licence X" in page
