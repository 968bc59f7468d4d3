import datetime as dt

import pytest
from django.urls import reverse

from painwise.assessment.services import record_assessment
from painwise.tracking import services
from tests.clinical.factories import intake
from tests.helpers import checkin_history


def fill(patient, days):
    checkin_history(
        patient,
        days,
        lambda i: 5 - (i % 3),
        end=services.local_today(patient),
        stress=lambda i: i % 10,
        sleep_quality=lambda i: (i * 7) % 11,
        activity_minutes=lambda i: (i * 13) % 90,
    )


@pytest.mark.django_db
def test_the_review_pages_query_count_does_not_grow_with_data(
    client, patient, other_patient, django_assert_max_num_queries
):
    for p, days in ((patient, 20), (other_patient, 300)):
        record_assessment(p, intake(), source="intake", actor=p)
        fill(p, days)
    counts = []
    for p in (patient, other_patient):
        client.force_login(p)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("tracking:review")).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    # At most 17 (one of them the check-in dates, for the counts), plus one count for each kind of practice in the week (lessons, somatic
    # sessions, experiments, left/right and imagery sessions, sleep nights, calm minutes (2),
    # thought records, planned activities), plus the practice values for the patterns (sleep
    # diary, breathing, mindfulness): a fixed number, whatever the history.
    assert counts[1] <= 30


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["other_clinician", "other_patient", "admin"])
def test_only_the_linked_clinician_sees_the_progress(client, cast, viewer):
    client.force_login(cast[viewer])
    assert client.get(reverse("clinic:patient", args=[cast["patient"].pk])).status_code == 404


@pytest.mark.django_db
def test_the_review_shows_the_last_year_of_monthly_answers(client, patient):
    from tests.helpers import monthly_checks

    record_assessment(patient, intake(), source="intake", actor=patient)
    fill(patient, 30)
    today = monthly_checks(patient, 15)
    client.force_login(patient)
    text = client.get(reverse("tracking:review")).content.decode()
    table = text[text.index('id="beliefs-heading"') :]
    table = table[: table.index("</table>")]
    assert table.count('<th scope="row"') == 12
    oldest_shown = today - dt.timedelta(days=30 * 11)
    assert oldest_shown.strftime("%-d %b %Y") in table
    assert (oldest_shown - dt.timedelta(days=30)).strftime("%-d %b %Y") not in table
