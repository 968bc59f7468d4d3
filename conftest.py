"""The cast every test can use: a patient, their clinician, an unrelated patient and
clinician, and a staff admin."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server

# Property tests explore the same examples on every run, so a CI result can be reproduced
# exactly; set HYPOTHESIS_PROFILE=explore for fresh random examples when hunting bugs.
hypothesis_settings.register_profile("repeatable", derandomize=True, deadline=None)
hypothesis_settings.register_profile("explore", deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def make_user(email: str, role: str = "patient", **extra: object):
    from painwise.accounts.models import User

    extra.setdefault("display_name", email.split("@")[0].title())
    return User.objects.create_user(
        email=email, password="correct horse battery", role=role, **extra
    )


@pytest.fixture
def patient(db):
    return make_user("pat@example.org", time_zone="Europe/London")


@pytest.fixture
def clinician(db, patient):
    from painwise.accounts.services import link_patient

    user = make_user("clin@example.org", role="clinician")
    link_patient(patient=patient, clinician=user)
    return user


@pytest.fixture
def other_patient(db):
    return make_user("other@example.org")


@pytest.fixture
def other_clinician(db, other_patient):
    from painwise.accounts.services import link_patient

    user = make_user("otherclin@example.org", role="clinician")
    link_patient(patient=other_patient, clinician=user)
    return user


@pytest.fixture
def staff_admin(db):
    from painwise.accounts.models import User

    return User.objects.create_superuser(
        "admin@example.org", "correct horse battery", display_name="Admin"
    )


@pytest.fixture
def cast(patient, clinician, other_patient, other_clinician, staff_admin):
    return {
        "patient": patient,
        "clinician": clinician,
        "other_patient": other_patient,
        "other_clinician": other_clinician,
        "admin": staff_admin,
    }
