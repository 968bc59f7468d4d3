"""The cast every test can use: a patient, their clinician, an unrelated patient and
clinician, and a staff admin."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server

# Property tests explore the same examples on every run, so a CI result can be reproduced
# exactly, and they are capped so that the core's tests stay fast (under 5 s). For more:
# HYPOTHESIS_PROFILE=deep (1,000 repeatable examples a test) or =explore (fresh random ones).
hypothesis_settings.register_profile("repeatable", derandomize=True, deadline=None, max_examples=40)
hypothesis_settings.register_profile("deep", derandomize=True, deadline=None, max_examples=1000)
hypothesis_settings.register_profile("explore", deadline=None, max_examples=300)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


# A test that cannot reach the database (pytest-django refuses it one without the django_db
# marker or one of these fixtures) gives the same result on SQLite and PostgreSQL: the pure
# core, and the CLI tests that start their own processes on their own SQLite. It is marked
# no_db, and CI's PostgreSQL pass leaves it out (it ran on SQLite).
DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        uses_db = item.get_closest_marker("django_db") or DB_FIXTURES & set(item.fixturenames)
        if not uses_db:
            item.add_marker(pytest.mark.no_db)


def make_user(email: str, role: str = "patient", **extra: object):
    from painwise.accounts.models import User

    extra.setdefault("display_name", email.split("@")[0].title())
    return User.objects.create_user(
        email=email, password="correct horse battery", role=role, **extra
    )


@pytest.fixture
def patient(db):
    return make_user("pat@example.org", time_zone="Europe/London")


def clinician_of(patient, email: str):
    from painwise.accounts.services import link_patient

    user = make_user(email, role="clinician")
    link_patient(patient=patient, clinician=user)
    return user


@pytest.fixture
def clinician(db, patient):
    return clinician_of(patient, "clin@example.org")


@pytest.fixture
def other_patient(db):
    return make_user("other@example.org")


@pytest.fixture
def other_clinician(db, other_patient):
    return clinician_of(other_patient, "otherclin@example.org")


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


@pytest.fixture
def assess(db):
    """Assess a patient through the service: ``assess(patient, red_flags={...})``."""
    from painwise.assessment.services import record_assessment
    from tests.clinical.factories import intake

    def run(patient, **answers):
        return record_assessment(patient, intake(**answers), source="intake", actor=patient)

    return run


@pytest.fixture
def assessed(patient, assess):
    """A patient with a calm assessment: the program is open."""
    assess(patient, age=50)
    return patient


@pytest.fixture
def ready(patient, assess):
    """A patient whose plan includes pain reprocessing (moving feels unsafe)."""
    assess(patient, startback={"unsafe_to_be_active": True})
    return patient
