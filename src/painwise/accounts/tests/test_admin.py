import pytest

from painwise.accounts.models import CareLink, User


@pytest.mark.django_db
def test_a_staff_admin_creates_a_clinician_and_links_a_patient_in_the_admin(
    client, staff_admin, patient
):
    client.force_login(staff_admin)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "newdoc@example.org",
            "display_name": "Dr New",
            "role": "clinician",
            "time_zone": "Europe/London",
            "usable_password": "true",
            "password1": "a long quiet river",
            "password2": "a long quiet river",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    doctor = User.objects.get(email="newdoc@example.org")
    assert doctor.role == "clinician" and doctor.check_password("a long quiet river")
    change = f"/admin/accounts/user/{patient.pk}/change/"
    page = client.get(change)
    assert page.status_code == 200 and "treating clinician" in page.content.decode().lower()


@pytest.mark.django_db
def test_the_admin_is_for_staff_only(client, clinician):
    client.force_login(clinician)
    assert client.get("/admin/").status_code == 302  # to the admin login


@pytest.mark.django_db
def test_create_clinician_and_link_commands(tmp_path):
    from painwise.accounts.services import create_clinician, link_patient

    doc = create_clinician(email="c@example.org", display_name="C", password=None)
    assert not doc.has_usable_password()
    pat = User.objects.create_user("p@example.org", "x-long-password", display_name="P")
    link_patient(patient=pat, clinician=doc)
    link_patient(patient=pat, clinician=doc)  # idempotent
    assert CareLink.objects.count() == 1
