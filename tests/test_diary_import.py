"""Importing a pain diary through the page, the clinician's page, the API and the CLI: what the
preview shows is what is stored, bad files store nothing, outsiders get 404."""

import datetime as dt
import json
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from painwise.audit.models import AuditEntry
from painwise.cli import main
from painwise.lib import clock
from painwise.tracking import diary
from painwise.tracking.models import CheckIn, DiaryUpload


def year_csv(days=365, start_back=400):
    today = clock.now().date()
    lines = ["Date,Time,Pain,Stress,Notes"]
    for i in range(days):
        day = today - dt.timedelta(days=start_back - i)
        if i % 9 == 4:
            continue  # gaps
        lines.append(f"{day.isoformat()},{8 + i % 12}:30,{(i % 20) / 2:.1f},{i % 11},day {i}")
    return "\n".join(lines) + "\n"


def upload(client, url, text, name="diary.csv"):
    return client.post(url, {"step": "upload", "file": SimpleUploadedFile(name, text.encode())})


def confirm(client, url, mapping=None):
    upload_id = DiaryUpload.objects.latest("pk").pk
    mapping = mapping or {
        "date": "Date",
        "time": "Time",
        "pain": "Pain",
        "stress": "Stress",
        "note": "Notes",
    }
    return client.post(
        url, {"step": "confirm", "upload": upload_id, "date_order": "ymd", **mapping}
    )


@pytest.mark.django_db
class TestPage:
    def test_preview_then_store_marks_rows_imported(self, client, assessed):
        patient = assessed
        client.force_login(patient)
        url = reverse("tracking:import_diary")
        page = upload(client, url, year_csv()).content.decode()
        assert "entries will be stored" in page and "rounded" in page
        assert not CheckIn.objects.exists()  # a preview stores nothing
        response = confirm(client, url)
        assert response.status_code == 302
        rows = CheckIn.objects.filter(patient=patient)
        assert rows.count() == 324 and all(r.imported for r in rows)
        assert rows.order_by("local_date").first().local_date < clock.now().date() - dt.timedelta(
            days=30
        )
        assert not DiaryUpload.objects.exists()
        entry = AuditEntry.objects.get(action="tracking.diary_imported")
        assert entry.data["stored"] == 324

    @pytest.mark.parametrize(
        ("raw", "message"),
        [
            (b"\xff\xfeD\x00a\x00", "not UTF-8"),
            (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
            (b"nonsense " * 1_200_000, "larger than 2 MB"),
            (b"hello world\n", "only one column"),
        ],
    )
    def test_bad_files_get_a_clear_message_and_store_nothing(self, client, assessed, raw, message):
        client.force_login(assessed)
        url = reverse("tracking:import_diary")
        response = client.post(url, {"step": "upload", "file": SimpleUploadedFile("x.csv", raw)})
        assert response.status_code == 400 and message in response.content.decode()
        assert not CheckIn.objects.exists() and not DiaryUpload.objects.exists()

    def test_a_future_date_and_pain_out_of_range_are_skipped_not_stored(self, client, assessed):
        client.force_login(assessed)
        url = reverse("tracking:import_diary")
        future = (clock.now().date() + dt.timedelta(days=3)).isoformat()
        page = upload(client, url, f"Date,Pain\n{future},5\n2026-01-01,14\n").content.decode()
        assert "has not happened yet" in page and "not a number from 0 to 10" in page
        assert "Store" not in page.split("Which column is which")[1].split("</form>")[0]
        assert not CheckIn.objects.exists()

    def test_day_first_dates_are_guessed_and_previewed_at_once(self, client, assessed):
        client.force_login(assessed)
        url = reverse("tracking:import_diary")
        day = clock.now().date() - dt.timedelta(days=40)
        rows = [f"{(day + dt.timedelta(d)):%d/%m/%Y} 08:30,{d % 11}" for d in range(25)]
        page = upload(client, url, "\n".join(["Date,Pain", *rows]) + "\n").content.decode()
        assert "25 entries will be stored" in page and "cannot be read" not in page
        assert '<option value="dmy" selected>' in page
        assert not CheckIn.objects.exists()

    def test_steps_show_in_the_notes_where_they_are_kept(self, client, assessed):
        client.force_login(assessed)
        url = reverse("tracking:import_diary")
        page = upload(client, url, 'Date,Pain,Steps\n2026-11-01,5,"5,400"\n').content.decode()
        table = page[page.index("<table") : page.index("</table>")]
        assert "Steps: 5400" in table and ">Notes<" in table and ">Steps<" not in table

    def test_a_date_too_long_to_be_one_is_skipped_not_a_server_error(self, client, assessed):
        client.force_login(assessed)
        url = reverse("tracking:import_diary")
        text = "Date,Pain\n99999999999999999999/1/2026,5\n2026-11-01,4\n"
        response = upload(client, url, text)
        assert response.status_code == 200
        assert "1 entry will be stored" in response.content.decode()
        assert "cannot be read" in response.content.decode()

    def test_another_mapping_is_shown_before_anything_is_stored(self, client, assessed):
        client.force_login(assessed)
        url = reverse("tracking:import_diary")
        upload(client, url, "When,Ache,Worry\n2026-01-01,5,9\n")
        upload_id = DiaryUpload.objects.get().pk
        page = client.post(
            url,
            {
                "step": "preview",
                "upload": upload_id,
                "date": "When",
                "pain": "Worry",
                "date_order": "ymd",
            },
        ).content.decode()
        assert "1 entry will be stored" in page and ">9<" in page
        assert not CheckIn.objects.exists()

    def test_another_patients_upload_is_not_found(self, client, assessed, other_patient, assess):
        client.force_login(assessed)
        upload(client, reverse("tracking:import_diary"), "Date,Pain\n2026-01-01,5\n")
        assess(other_patient)
        client.force_login(other_patient)
        confirm(client, reverse("tracking:import_diary"), {"date": "Date", "pain": "Pain"})
        assert not CheckIn.objects.exists()


@pytest.mark.django_db
class TestClinician:
    def test_a_linked_clinician_imports_and_an_outsider_cannot(
        self, client, assessed, clinician, other_clinician
    ):
        url = reverse("clinic:import_diary", args=[assessed.pk])
        client.force_login(other_clinician)
        assert client.get(url).status_code == 404
        client.force_login(clinician)
        upload(client, url, "Date,Pain\n2026-01-01,5\n2026-01-02,6\n")
        confirm(client, url, {"date": "Date", "pain": "Pain"})
        assert CheckIn.objects.filter(patient=assessed, imported=True).count() == 2
        assert AuditEntry.objects.get(action="tracking.diary_imported").actor == clinician


@pytest.mark.django_db
class TestApiAndCli:
    def test_api_dry_run_then_import(self, client, assessed):
        client.force_login(assessed)
        body = {"csv": "Date,Pain\n2026-01-01,5.5\n2026-01-02,x\n", "dry_run": True}
        response = client.post(
            "/api/v1/diary-import", json.dumps(body), content_type="application/json"
        )
        data = response.json()
        assert response.status_code == 200, data
        assert (data["stored"], data["entries"], data["rounded"]) == (0, 1, 1)
        assert data["skipped"][0]["line"] == 3
        body["dry_run"] = False
        data = client.post(
            "/api/v1/diary-import", json.dumps(body), content_type="application/json"
        ).json()
        assert data["stored"] == 1 and CheckIn.objects.get().pain_average == 6

    def test_api_clinician_needs_a_linked_patient(self, client, assessed, other_clinician):
        client.force_login(other_clinician)
        body = {"csv": "Date,Pain\n2026-01-01,5\n", "patient_id": assessed.pk}
        response = client.post(
            "/api/v1/diary-import", json.dumps(body), content_type="application/json"
        )
        assert response.status_code == 404 and not CheckIn.objects.exists()

    def test_cli_imports_with_a_mapping(self, assessed, tmp_path, capsys):
        path = tmp_path / "d.csv"
        path.write_text("Day,Score\n2026-01-01,4\n2026-01-02,5\n")
        assert (
            main(["import", "diary", assessed.email, str(path), "--map", "date=Day,pain=Score"])
            == 0
        )
        assert "Stored 2 entries" in capsys.readouterr().out
        assert CheckIn.objects.filter(imported=True).count() == 2

    def test_cli_reads_day_first_dates_without_being_told(self, assessed, tmp_path, capsys):
        path = tmp_path / "d.csv"
        path.write_text("Date,Pain\n31/10/2026,4\n01/11/2026,5\n")
        assert main(["import", "diary", assessed.email, str(path), "--dry-run"]) == 0
        assert "Would store 2 entries (2 days, 2026-10-31 to 2026-11-01)" in capsys.readouterr().out
        assert not CheckIn.objects.exists()

    def test_three_years_import_quickly(self, assessed):
        text = year_csv(days=3 * 365, start_back=3 * 365 + 5)
        start = time.perf_counter()
        count, _result = diary.import_file(
            assessed,
            text.encode(),
            "three.csv",
            {"date": "Date", "pain": "Pain", "stress": "Stress"},
            "ymd",
            by=assessed,
        )
        took = time.perf_counter() - start
        print(f"3 years ({count} entries) imported in {took:.2f} s")
        assert count > 900
