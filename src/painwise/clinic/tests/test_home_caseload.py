"""The patient list: every column, sorting and search, with a query count that does not grow
with the number of patients."""

import pytest
from conftest import clinician_of, make_user
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from painwise.accounts.services import link_patient
from painwise.alerts.services import raise_alert
from tests.helpers import checkin_history


def history(patient, baseline, recent, days=40):
    checkin_history(patient, days, lambda i: baseline if i < 7 else recent)


@pytest.mark.django_db
class TestCaseload:
    def test_the_columns_say_who_needs_the_clinician_and_how_each_patient_is_doing(
        self, client, assess
    ):
        ana = make_user("ana@example.org", full_name="Ana María López")
        ben = make_user("ben@example.org", full_name="Benjamin Okoro")
        clinician = clinician_of(ana, "doc@example.org")
        link_patient(patient=ben, clinician=clinician)
        assess(
            ana,
            startback={
                "unsafe_to_be_active": True,
                "worrying_thoughts": True,
                "feels_terrible_never_better": True,
                "not_enjoyed_things": True,
            },
        )
        assess(ben, red_flags={"significant_trauma": True})
        history(ana, baseline=7, recent=4)
        client.force_login(clinician)
        page = client.get(reverse("clinic:home")).content.decode()
        assert "Ana María López" in page and "Benjamin Okoro" in page
        assert "7.0 → 4.0 (-3.0)" in page and "7/7" in page and ">high<" in page
        # The urgent red flag puts Ben first.
        assert page.index("Benjamin Okoro") < page.index("Ana María López")

    def test_sorting_and_search(self, client, cast, assess):
        other = make_user("zed@example.org", full_name="Zed Quinn")
        link_patient(patient=other, clinician=cast["clinician"])
        client.force_login(cast["clinician"])
        by_name = client.get(reverse("clinic:home") + "?sort=name").content.decode()
        assert by_name.index("Pat") < by_name.index("Zed Quinn")
        found = client.get(reverse("clinic:home") + "?q=quinn").content.decode()
        assert "Zed Quinn" in found and ">Pat<" not in found
        none = client.get(reverse("clinic:home") + "?q=nobody").content.decode()
        assert "No patient of yours matches" in none
        assert client.get(reverse("clinic:home") + "?sort=%00bogus").status_code == 200

    def test_the_query_count_does_not_grow_with_the_caseload(self, client, assess):
        clinician = make_user("many@example.org", role="clinician")

        def queries():
            client.force_login(clinician)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse("clinic:home")).status_code == 200
            return len(captured)

        def add(n, start):
            for i in range(start, start + n):
                patient = make_user(f"p{i}@example.org")
                link_patient(patient=patient, clinician=clinician)
                assess(patient)
                history(patient, 6, 4, days=10)
                raise_alert(patient, kind="plateau", message="x", source=f"t:{i}")

        add(2, 0)
        few = queries()
        add(8, 2)
        assert queries() == few
