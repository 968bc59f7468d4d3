import datetime as dt
import threading

import pytest
import time_machine
from django.urls import reverse

from painwise.alerts.models import Alert
from painwise.assessment.models import AssessmentRecord
from painwise.assessment.services import record_assessment
from painwise.clinical.tracking.checkin import CheckInData
from painwise.tracking import services
from painwise.tracking.models import CheckIn, CheckInEdit
from tests.clinical.factories import intake

FORM = {"pain_now": "5", "pain_average": "4", "flare": "no"}


@pytest.mark.django_db
class TestCheckInPage:
    def test_it_saves_a_minimal_check_in_for_today(self, client, assessed):
        client.force_login(assessed)
        response = client.post(reverse("tracking:checkin"), FORM)
        assert response.status_code == 302
        entry = CheckIn.objects.get()
        assert (entry.pain_now, entry.pain_average, entry.stiffness) == (5, 4, None)
        assert entry.local_date == services.local_today(assessed)

    def test_the_list_of_recent_check_ins_stops_at_sixty(self, client, assessed):
        from painwise.tracking.views import ENTRIES_SHOWN

        today = services.local_today(assessed)
        CheckIn.objects.bulk_create(
            CheckIn(patient=assessed, local_date=today, pain_now=i % 11, pain_average=3)
            for i in range(ENTRIES_SHOWN + 10)
        )
        client.force_login(assessed)
        text = client.get(reverse("tracking:entries")).content.decode()
        assert text.count('<th scope="row">') == ENTRIES_SHOWN == 60
        assert "Your latest 60 check-ins are shown." in text
        CheckIn.objects.filter(pk__in=CheckIn.objects.values("pk")[:20]).delete()
        text = client.get(reverse("tracking:entries")).content.decode()
        assert text.count('<th scope="row">') == 50 and "latest" not in text

    def test_several_entries_a_day_use_the_days_mean(self, client, assessed):
        client.force_login(assessed)
        client.post(reverse("tracking:checkin"), FORM)
        client.post(reverse("tracking:checkin"), {**FORM, "pain_average": "6"})
        days = services.days_for(assessed)
        assert len(days) == 1 and days[0].values["pain_average"] == 5 and days[0].entries == 2

    @pytest.mark.parametrize(
        ("data", "field"),
        [
            ({"pain_now": "11"}, "pain_now"),
            ({"pain_now": ""}, "pain_now"),
            ({"pain_average": "x"}, "pain_average"),
            ({"sleep_hours": "25"}, "sleep_hours"),
            ({"activity_minutes": "-5"}, "activity_minutes"),
            ({"activity_minutes": "2000"}, "activity_minutes"),
            ({"stress": "3.5"}, "stress"),
        ],
    )
    def test_bad_values_are_explained_and_nothing_is_saved(self, client, assessed, data, field):
        client.force_login(assessed)
        response = client.post(reverse("tracking:checkin"), {**FORM, **data})
        assert response.status_code == 200
        assert f'id="id_{field}_errors"' in response.content.decode()
        assert CheckIn.objects.count() == 0

    def test_a_future_date_is_refused(self, client, assessed):
        client.force_login(assessed)
        tomorrow = services.local_today(assessed) + dt.timedelta(days=1)
        response = client.post(reverse("tracking:checkin"), {**FORM, "date": tomorrow.isoformat()})
        assert "has not happened yet" in response.content.decode()
        assert CheckIn.objects.count() == 0

    def test_today_is_the_patients_local_day(self, client, assessed):
        assessed.time_zone = "Pacific/Auckland"
        assessed.save()
        client.force_login(assessed)
        with time_machine.travel("2026-11-22 12:30Z", tick=False):  # 01:30 on the 23rd in Auckland
            client.post(reverse("tracking:checkin"), FORM)
        assert CheckIn.objects.get().local_date == dt.date(2026, 11, 23)

    def test_a_new_red_flag_symptom_takes_the_emergency_path(self, client, assessed, clinician):
        client.force_login(assessed)
        response = client.post(
            reverse("tracking:checkin"), {**FORM, "new_symptoms": ["new_bladder_dysfunction"]}
        )
        record = AssessmentRecord.objects.filter(source="checkin").get()
        assert response["Location"] == reverse("assessment:result", args=[record.pk])
        assert (record.triage, record.red_flags) == ("emergency", ["suspected_cauda_equina"])
        assert CheckIn.objects.count() == 1  # the check-in itself is kept
        assert Alert.objects.get().kind == "emergency"
        assert client.get(reverse("program:today"))["Location"] == reverse("assessment:status")

    def test_a_new_urgent_symptom_pauses_the_program(self, client, assessed):
        client.force_login(assessed)
        client.post(reverse("tracking:checkin"), {**FORM, "new_symptoms": ["constant_night_pain"]})
        record = AssessmentRecord.objects.filter(source="checkin").get()
        assert (record.triage, record.red_flags) == ("urgent", ["non_mechanical_pain"])

    def test_an_old_cleared_flag_does_not_fire_again(self, client, patient, clinician):
        from painwise.assessment.services import clear_program

        first = record_assessment(
            patient, intake(red_flags={"history_of_cancer": True}), source="intake", actor=patient
        )
        clear_program(first, clinician=clinician, note="oncology follow-up, fine")
        client.force_login(patient)
        client.post(reverse("tracking:checkin"), {**FORM, "new_symptoms": ["significant_trauma"]})
        record = AssessmentRecord.objects.filter(source="checkin").get()
        assert record.red_flags == ["possible_fracture"]  # not possible_malignancy again
        # ...but cancer with new leg tingling is new, and an emergency.
        clear_program(record, clinician=clinician, note="x-ray fine")
        client.post(
            reverse("tracking:checkin"), {**FORM, "new_symptoms": ["leg_numbness_or_tingling"]}
        )
        latest = AssessmentRecord.objects.filter(source="checkin").latest("pk")
        assert latest.red_flags == ["suspected_metastatic_cord_compression"]


@pytest.mark.django_db
class TestEditing:
    def test_an_edit_keeps_the_history(self, client, assessed):
        client.force_login(assessed)
        client.post(reverse("tracking:checkin"), FORM)
        entry = CheckIn.objects.get()
        client.post(
            reverse("tracking:edit", args=[entry.pk]),
            {**FORM, "pain_now": "2", "note": "better after a walk"},
        )
        entry.refresh_from_db()
        assert entry.pain_now == 2 and entry.note == "better after a walk"
        edit = CheckInEdit.objects.get()
        assert edit.before["pain_now"] == 5 and edit.after["pain_now"] == 2

    def test_yesterdays_entry_cannot_be_edited(self, client, assessed):
        client.force_login(assessed)
        with time_machine.travel(dt.datetime.now(dt.UTC) - dt.timedelta(days=1), tick=False):
            client.post(reverse("tracking:checkin"), FORM)
        entry = CheckIn.objects.get()
        client.post(reverse("tracking:edit", args=[entry.pk]), {**FORM, "pain_now": "1"})
        entry.refresh_from_db()
        assert entry.pain_now == 5

    def test_someone_elses_entry_is_not_found(self, client, assessed, other_patient):
        record_assessment(other_patient, intake(), source="intake", actor=other_patient)
        client.force_login(assessed)
        client.post(reverse("tracking:checkin"), FORM)
        entry = CheckIn.objects.get()
        client.force_login(other_patient)
        assert client.get(reverse("tracking:edit", args=[entry.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_at_once_both_land(patient):
    """Two simultaneous saves (new entries and edits of one entry) all land; none is lost."""
    record_assessment(patient, intake(), source="intake", actor=patient)
    first = services.save_checkin(patient, CheckInData(pain_now=5, pain_average=5)).checkin
    errors = []

    def work(i):
        from django.db import connection

        try:
            services.save_checkin(patient, CheckInData(pain_now=i, pain_average=i))
            services.edit_checkin(first.pk, patient, {"note": f"tab {i}"})
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert CheckIn.objects.filter(patient=patient).count() == 3
    edits = list(CheckInEdit.objects.filter(checkin=first).order_by("pk"))
    assert len(edits) == 2
    # Each edit recorded what it replaced: the second saw the first's result.
    assert edits[1].before["note"] == edits[0].after["note"]


@pytest.mark.django_db
def test_a_double_submitted_checkin_form_saves_once(client, assessed):
    from django.urls import reverse

    from painwise.tracking.models import CheckIn

    client.force_login(assessed)
    page = client.get(reverse("tracking:checkin"))
    token = page.context["form"].initial["once"]
    assert f'name="once" value="{token}"'.encode() in page.content
    form = {"pain_now": "4", "pain_average": "5", "flare": "no", "once": token}
    first = client.post(reverse("tracking:checkin"), form)
    second = client.post(reverse("tracking:checkin"), form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert CheckIn.objects.filter(patient=assessed).count() == 1
    fresh = client.get(reverse("tracking:checkin")).context["form"].initial["once"]
    assert fresh != token
    client.post(reverse("tracking:checkin"), {**form, "once": fresh})
    assert CheckIn.objects.filter(patient=assessed).count() == 2
