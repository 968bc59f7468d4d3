"""The demo patients' 12 weeks show a real improvement and at least one real pattern."""

import pytest

from painwise.accounts.models import User
from painwise.demo import load_demo
from painwise.tracking import services


@pytest.mark.django_db
def test_demo_is_believable_and_safe_to_load_twice():
    load_demo()
    lines = load_demo()
    assert any("clinician@demo.painwise.example" in line for line in lines)
    patients = User.objects.filter(role="patient")
    assert patients.count() == 3
    for patient in patients:
        data = services.review_for(patient)
        pain = {s.key: s for s in data.review.signals}["symptoms"].measures["pain"]
        assert pain.meaningful, (patient.display_name, pain)
        assert len(data.days) >= 70
        assert data.patterns.insights, patient.display_name
        assert data.review.deterioration == ()
        assert services.due_prompts(patient)["goals"] is False
    maria = User.objects.get(display_name="Maria")
    assert any("stress" in i.text for i in services.review_for(maria).patterns.insights)
    aiko = User.objects.get(display_name="Aiko")
    assert any(i.rule == "delayed_pain" for i in services.review_for(aiko).patterns.insights)


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_emails_no_one(mailoutbox, django_capture_on_commit_callbacks):
    """Demo patients raise real alerts in Painwise, but nobody is emailed about made-up
    people (make run used to print an alert email at every start)."""
    from painwise.alerts.models import Alert

    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    assert Alert.objects.filter(kind__in=["emergency", "urgent", "safety"]).exists()
    assert mailoutbox == []
