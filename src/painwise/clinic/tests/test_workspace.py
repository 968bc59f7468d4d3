"""The clinician's workspace beyond the list: filters, alert acknowledgement, notes,
invitations, unlinking and team shares, the visit PDF and cohort outcomes."""

import datetime as dt
import subprocess

import pytest
from conftest import make_user
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from painwise.accounts.models import CareLink, Invitation, Team
from painwise.alerts.services import raise_alert
from painwise.audit.models import AuditEntry
from painwise.clinic.models import ClinicalNote
from painwise.lib import clock
from painwise.tracking.models import CheckIn
from tests.helpers import PDF_NAME, read_pdf
from tests.helpers import checkin_history as history


@pytest.mark.django_db
class TestFilters:
    def test_by_risk_group_and_by_open_alert_kind(self, client, cast, assess):
        clinician = cast["clinician"]
        high = make_user("high@example.org", display_name="High Hana")
        low = cast["patient"]
        CareLink.objects.create(patient=high, clinician=clinician)
        worried = ("unsafe_to_be_active", "worrying_thoughts", "feels_terrible_never_better")
        record = assess(
            high, startback={**dict.fromkeys(worried, True), "not_enjoyed_things": True}
        )
        assert record.result["startback"]["risk"] == "high", record.result["startback"]
        assess(low)
        raise_alert(low, kind="plateau", message="flat", source="t:1")
        client.force_login(clinician)
        home = reverse("clinic:home")
        risk = client.get(home, {"risk": "high"}).content.decode()
        plateau = client.get(home, {"alert": "plateau"}).content.decode()
        low_row = f'href="{reverse("clinic:patient", args=[low.pk])}"'
        assert "High Hana" in risk and low_row not in risk
        assert low_row in plateau and "High Hana" not in plateau
        nonsense = client.get(home, {"risk": "<b>", "alert": "x" * 500})
        assert nonsense.status_code == 200  # a bad filter is ignored, never an error


@pytest.mark.django_db
class TestAcknowledge:
    def test_an_alert_needs_a_note_and_nothing_disappears_without_one(self, client, cast):
        alert = raise_alert(cast["patient"], kind="missed_checkins", message="x", source="t:9")
        client.force_login(cast["clinician"])
        url = reverse("clinic:resolve_alert", args=[cast["patient"].pk, alert.pk])
        client.post(url, {"note": "   "})
        alert.refresh_from_db()
        assert alert.resolved_at is None
        client.post(url, {"note": "Phoned, back from holiday"})
        alert.refresh_from_db()
        assert alert.resolved_at and alert.resolution_note == "Phoned, back from holiday"


@pytest.mark.django_db
class TestNotes:
    def test_a_note_is_kept_for_the_care_team_and_never_shown_to_the_patient(self, client, cast):
        patient, clinician = cast["patient"], cast["clinician"]
        client.force_login(clinician)
        client.post(reverse("clinic:note", args=[patient.pk]), {"text": "marker-7781 guarded"})
        note = ClinicalNote.objects.get()
        assert note.author == clinician and note.patient == patient
        assert AuditEntry.objects.filter(action="clinic.note_added", actor=clinician).exists()
        page = client.get(reverse("clinic:patient", args=[patient.pk])).content.decode()
        assert "marker-7781" in page
        client.force_login(patient)
        for url in ("/", "/progress/", "/my-data/", "/accounts/settings/care-team/"):
            assert "marker-7781" not in client.get(url, follow=True).content.decode()
        client.force_login(cast["other_clinician"])
        assert (
            client.post(reverse("clinic:note", args=[patient.pk]), {"text": "x"}).status_code == 404
        )
        assert ClinicalNote.objects.count() == 1

    def test_an_empty_note_is_refused(self, client, cast):
        client.force_login(cast["clinician"])
        client.post(reverse("clinic:note", args=[cast["patient"].pk]), {"text": "  "})
        assert not ClinicalNote.objects.exists()


@pytest.mark.django_db(transaction=True)
class TestInviteAndUnlink:
    def test_invite_list_and_withdraw(self, client, cast):
        client.force_login(cast["clinician"])
        client.post(reverse("clinic:invite"), {"email": "new.person@example.org"})
        invitation = Invitation.objects.get()
        assert "new.person@example.org" in client.get(reverse("clinic:home")).content.decode()
        client.force_login(cast["other_clinician"])
        url = reverse("clinic:withdraw", args=[invitation.pk])
        assert client.post(url).status_code == 404
        client.force_login(cast["clinician"])
        client.post(url)
        invitation.refresh_from_db()
        assert invitation.withdrawn_at is not None
        client.post(reverse("clinic:invite"), {"email": "not an email"})
        assert Invitation.objects.count() == 1

    def test_the_clinician_unlinks_and_loses_access(self, client, cast):
        patient = cast["patient"]
        client.force_login(cast["clinician"])
        client.post(reverse("clinic:unlink", args=[patient.pk]))
        assert client.get(reverse("clinic:patient", args=[patient.pk])).status_code == 404
        assert AuditEntry.objects.get(action="accounts.care_link_removed").data["by"] == "clinician"

    def test_a_linked_clinician_shares_with_their_team(self, client, cast):
        patient, clinician = cast["patient"], cast["clinician"]
        colleague = make_user("physio@example.org", role="clinician")
        team = Team.objects.create(name="Back team")
        team.members.add(clinician, colleague)
        client.force_login(clinician)
        client.post(reverse("clinic:share", args=[patient.pk]), {"team": team.pk})
        client.force_login(colleague)
        assert client.get(reverse("clinic:patient", args=[patient.pk])).status_code == 200
        # Shared, not linked: the colleague cannot unlink the patient or share on.
        client.post(reverse("clinic:unlink", args=[patient.pk]))
        assert CareLink.objects.filter(patient=patient).count() == 1


@pytest.mark.django_db
class TestReport:
    def test_one_page_pdf_with_the_patients_figures(self, client, cast, assess, tmp_path):
        patient = cast["patient"]
        assess(patient)
        history(patient, 60)
        raise_alert(patient, kind="deterioration", message="Pain up two weeks running", source="t")
        client.force_login(cast["clinician"])
        response = client.get(reverse("clinic:report", args=[patient.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        pages, text = read_pdf(response.content, tmp_path)
        assert pages == 1
        for expected in (
            "Visit summary",
            "Triage and risk",
            "Pain (7-day mean, 0-10): 6.0 → 3.0 *",
            "Check-in days: 7 of the last 7",
            "Pain up two weeks running",
            "Current plan",
        ):
            assert expected in text, expected
        assert AuditEntry.objects.filter(
            action="clinic.patient_viewed", data__what="clinic.report"
        ).exists()
        # The page as an image: drawn (charts and text), not blank, A4 proportions.
        pdf = tmp_path / PDF_NAME
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True
        )
        from PIL import Image

        with Image.open(tmp_path / "page-1.png") as image:
            width, height = image.size
            assert abs(height / width - 297 / 210) < 0.01
            grey = image.convert("L")
            dark = sum(1 for v in grey.get_flattened_data() if v < 128)
            assert dark > 0.01 * width * height  # ink on the page
            # Colour from the charts' lines (not only black text).
            assert any(r != g or g != b for r, g, b in image.convert("RGB").get_flattened_data())

    def test_outsiders_get_no_report(self, client, cast):
        client.force_login(cast["other_clinician"])
        assert client.get(reverse("clinic:report", args=[cast["patient"].pk])).status_code == 404


@pytest.mark.django_db
class TestOutcomes:
    def test_figures_and_csv_for_the_clinicians_own_patients(self, client, cast, assess):
        patient, clinician = cast["patient"], cast["clinician"]
        history(patient, 90)  # 6 -> 3: meaningful at weeks 4 and 12
        history(cast["other_patient"], 90, pain=lambda i: 0)  # not this clinician's
        client.force_login(clinician)
        page = client.get(reverse("clinic:outcomes")).content.decode()
        assert "1 patient with check-ins matches" in page
        csv = client.get(reverse("clinic:outcomes"), {"format": "csv"}).content.decode()
        rows = [r.split(",") for r in csv.strip().splitlines()]
        assert rows[1][:7] == ["4", "1", "1", "100.0", "1", "1", "100.0"]
        assert rows[2][:7] == ["12", "1", "1", "100.0", "1", "1", "100.0"]
        assert rows[1][7:9] == ["0", "0.0"]  # 3 is not pain-free

    def test_filters_and_bad_input(self, client, cast):
        history(cast["patient"], 40)
        client.force_login(cast["clinician"])
        url = reverse("clinic:outcomes")
        month = (clock.now().date() - dt.timedelta(days=40)).strftime("%Y-%m")
        assert "1 patient" in client.get(url, {"start_month": month}).content.decode()
        assert "0 patients" in client.get(url, {"start_month": "1999-01"}).content.decode()
        assert "0 patients" in client.get(url, {"risk": "high"}).content.decode()
        for wrong in ("13/2026", f"{month}-01" + "9" * 5000):
            bad = client.get(url, {"start_month": wrong, "risk": "nope"})
            assert bad.status_code == 200 and "Choose a month" in bad.content.decode()

    def test_queries_do_not_grow_with_the_cohort(self, client, cast):
        clinician = cast["clinician"]
        client.force_login(clinician)

        def count():
            with CaptureQueriesContext(connection) as queries:
                client.get(reverse("clinic:outcomes"))
            return len(queries)

        history(cast["patient"], 90)
        small = count()
        for i in range(15):
            history(_linked(clinician, i), 90)
        assert count() == small


def _linked(clinician, i):
    patient = make_user(f"cohort{i}@example.org")
    CareLink.objects.create(patient=patient, clinician=clinician)
    return patient


@pytest.mark.django_db
def test_check_in_days_count_the_last_7_of_the_patients_own_calendar(client, cast):
    import time_machine

    sydney = make_user("syd@example.org", display_name="Sydney Sue", time_zone="Australia/Sydney")
    CareLink.objects.create(patient=sydney, clinician=cast["clinician"])
    # 20:00 UTC on 22 Nov is 07:00 on 23 Nov in Sydney: her eight days end a day after UTC's.
    with time_machine.travel(dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC), tick=False):
        CheckIn.objects.bulk_create(
            CheckIn(
                patient=sydney,
                local_date=dt.date(2026, 11, 23) - dt.timedelta(days=i),
                pain_now=3,
                pain_average=3,
            )
            for i in range(8)
        )
        client.force_login(cast["clinician"])
        page = client.get(reverse("clinic:home")).content.decode()
    row = page.split("Sydney Sue")[1].split("</tr>")[0]
    assert "7/7" in row and "8/7" not in row


@pytest.mark.django_db
def test_the_patient_page_title_is_the_patients_name(client, cast):
    client.force_login(cast["clinician"])
    page = client.get(reverse("clinic:patient", args=[cast["patient"].pk])).content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert cast["patient"].display_name in title and "<" not in title and "note" not in title
    assert page.count('id="notes"') == 1


@pytest.mark.django_db
def test_the_patient_page_lists_the_newest_twenty_assessments(client, cast, assess):
    from painwise.assessment.services import RECORDS_LISTED as RECORDS_SHOWN

    patient = cast["patient"]
    first = [assess(patient, age=30 + i) for i in range(RECORDS_SHOWN + 5)][0]
    client.force_login(cast["clinician"])
    text = client.get(reverse("clinic:patient", args=[patient.pk])).content.decode()
    listed = text[text.index("The newest 20 of 25 assessments") :]
    listed = listed[: listed.index("</table>")]
    assert listed.count("<tr><td>") == RECORDS_SHOWN == 20
    assert reverse("clinic:assessment", args=[patient.pk, first.pk]) not in listed  # the oldest
