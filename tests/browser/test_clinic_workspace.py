"""The clinician's workspace in a real browser: the caseload with an alert at the top, the
patient, acknowledging the alert, adjusting the plan, the visit PDF and the FHIR export; and a
patient who downloads their data and deletes their account."""

import json
import re
import zipfile

from playwright.sync_api import expect

from tests.browser.conftest import sign_in as login

CLINICIAN = "clinician@demo.painwise.example"


def _demo_with_an_alert():
    from painwise.accounts.models import User
    from painwise.alerts.services import raise_alert
    from painwise.demo import load_demo

    load_demo()
    maria = User.objects.get(email="maria@demo.painwise.example")
    raise_alert(
        maria,
        kind="deterioration",
        message="Pain 2 points above baseline for two weeks.",
        source="browser-test",
    )
    return maria


def test_a_clinician_works_through_the_caseload(live, phone, axe_check, tmp_path):
    maria = _demo_with_an_alert()
    login(phone, live, CLINICIAN)
    expect(phone.get_by_role("heading", name="My patients")).to_be_visible()
    # Open alerts come first: the list of alerts, then the table sorted by need.
    first_row = phone.locator("table.caseload tbody tr").first
    expect(first_row.locator(".badge-danger")).to_be_visible()
    axe_check(phone, "clinic-caseload")
    phone.get_by_role("link", name=re.compile("Maria")).first.click()
    expect(phone.get_by_role("heading", name="Open alerts")).to_be_visible()
    axe_check(phone, "clinic-patient-workspace")

    alert = phone.locator(".alert", has_text="Pain 2 points above baseline")
    alert.get_by_label("What did you do? (required)").fill("Called her; a busy week at work")
    alert.get_by_role("button", name="Acknowledge").click()
    expect(phone.get_by_text("Alert marked as dealt with.")).to_be_visible()
    expect(phone.locator(".alert", has_text="Pain 2 points above baseline")).to_have_count(0)

    phone.get_by_role("link", name="See and adjust the plan").click()
    phone.get_by_label("Daily minutes").fill("20")
    phone.get_by_label("Why this change?").first.fill("More time for graded exposure")
    phone.get_by_role("button", name="Save the plan").click()
    expect(phone.get_by_text("Plan saved as a new version.")).to_be_visible()
    expect(phone.get_by_role("cell", name="More time for graded exposure")).to_be_visible()
    axe_check(phone, "clinic-plan-versions")

    phone.get_by_role("link", name=re.compile("Back to")).click()
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Visit summary (PDF)").click()
    pdf = tmp_path / "visit.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Export record (FHIR)").click()
    bundle = tmp_path / "bundle.json"
    download.value.save_as(bundle)
    document = json.loads(bundle.read_text())
    assert document["resourceType"] == "Bundle"
    assert document["entry"][0]["resource"]["id"] == f"p{maria.pk}"

    phone.goto(live + "/clinic/outcomes/")
    expect(phone.get_by_role("heading", name="Cohort outcomes")).to_be_visible()
    axe_check(phone, "clinic-outcomes")


def test_a_patient_downloads_their_data_and_deletes_their_account(live, phone, axe_check, tmp_path):
    from painwise.accounts.models import User
    from painwise.demo import load_demo

    load_demo()
    login(phone, live, "james@demo.painwise.example")
    phone.goto(live + "/accounts/settings/")
    phone.get_by_role("link", name="My care team").click()
    expect(phone.get_by_role("heading", name="My care team")).to_be_visible()
    axe_check(phone, "care-team")
    phone.goto(live + "/accounts/settings/")
    phone.get_by_role("link", name="My data: download or delete").click()
    phone.wait_for_url("**/my-data/")
    axe_check(phone, "my-data")
    with phone.expect_download() as download:
        phone.get_by_role("button", name="Download as spreadsheets (CSV)").click()
    archive = tmp_path / "data.zip"
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as z:
        assert "tracking.checkin.csv" in z.namelist()

    phone.get_by_label("Type your email address to confirm").fill("wrong@example.org")
    phone.get_by_role("button", name="Delete my account").click()
    expect(
        phone.get_by_text("Type the email address of this account to confirm.", exact=True)
    ).to_be_visible()
    assert User.objects.filter(email="james@demo.painwise.example").exists()
    phone.get_by_label("Type your email address to confirm").fill("james@demo.painwise.example")
    phone.get_by_role("button", name="Delete my account").click()
    expect(phone.get_by_role("heading", name="Your account is deleted")).to_be_visible()
    axe_check(phone, "account-deleted", desktop=False)
    assert not User.objects.filter(email="james@demo.painwise.example").exists()
    login(phone, live, "james@demo.painwise.example")
    expect(phone.get_by_role("heading", name="Sign in")).to_be_visible()
