"""Nobody can empty the audit trail: entries keep who did what after an account is deleted;
staff changes to accounts and care links are recorded, and so is reading the trail; no way
through the app or the admin changes or removes an entry."""

import pytest
from django.urls import reverse

from painwise.accounts.models import CareLink
from painwise.audit import services as audit
from painwise.audit.models import AuditEntry, AuditError


@pytest.fixture
def staff(client, staff_admin):
    client.force_login(staff_admin)
    return staff_admin


@pytest.mark.django_db
def test_entries_keep_who_did_what_after_the_accounts_are_deleted(cast):
    patient, clinician = cast["patient"], cast["clinician"]
    audit.record("clinic.patient_viewed", actor=clinician, patient=patient, data={"what": "x"})
    patient_id, clinician_id = patient.pk, clinician.pk
    patient.delete()
    clinician.delete()
    entry = AuditEntry.objects.get(action="clinic.patient_viewed")
    assert entry.actor_id is None and entry.patient_id is None
    assert (entry.actor_ref, entry.actor_role, entry.patient_ref) == (
        clinician_id,
        "clinician",
        patient_id,
    )


@pytest.mark.django_db
def test_an_admin_deletion_is_recorded_with_who_did_it(client, staff, cast):
    patient = cast["patient"]
    pk = patient.pk
    response = client.post(reverse("admin:accounts_user_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.user_deleted")
    assert entry.actor_id == staff.pk and entry.data == {"user_ref": pk, "role": "patient"}
    assert entry.patient_ref == pk


@pytest.mark.django_db
def test_admin_role_changes_and_care_links_are_recorded(client, staff, cast):
    patient, other = cast["patient"], cast["other_clinician"]
    url = reverse("admin:accounts_user_change", args=[patient.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in ("password", "groups", "last_login", "date_joined")
    }
    data.update(
        {
            "email": patient.email,
            "display_name": patient.display_name,
            "role": "patient",
            "time_zone": patient.time_zone,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "clinician_links-TOTAL_FORMS": "2",
            "clinician_links-INITIAL_FORMS": "1",
            "clinician_links-MIN_NUM_FORMS": "0",
            "clinician_links-MAX_NUM_FORMS": "1000",
            "clinician_links-0-id": str(CareLink.objects.get(patient=patient).pk),
            "clinician_links-0-patient": str(patient.pk),
            "clinician_links-0-clinician": str(cast["clinician"].pk),
            "clinician_links-0-DELETE": "on",
            "clinician_links-0-created_at_0": "2026-11-01",
            "clinician_links-0-created_at_1": "10:00:00",
            "clinician_links-1-patient": str(patient.pk),
            "clinician_links-1-clinician": str(other.pk),
            "clinician_links-1-created_at_0": "2026-11-22",
            "clinician_links-1-created_at_1": "10:00:00",
        }
    )
    response = client.post(url, data)
    if response.status_code != 302:
        inline = response.context["inline_admin_formsets"][0].formset
        pytest.fail(
            f"{response.context['adminform'].form.errors} {inline.errors} {inline.non_form_errors()}"
        )
    actions = list(
        AuditEntry.objects.filter(action__startswith="admin.care_link").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["admin.care_link_added", "admin.care_link_removed"]
    assert CareLink.objects.get(patient=patient).clinician == other


@pytest.mark.django_db
def test_reading_the_trail_is_recorded_and_no_way_changes_it(client, staff, cast):
    audit.record("clinic.patient_viewed", actor=cast["clinician"], patient=cast["patient"])
    entry = AuditEntry.objects.get(action="clinic.patient_viewed")
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert AuditEntry.objects.filter(action="audit.read", actor=staff).exists()
    assert (
        client.post(
            reverse("admin:audit_auditentry_change", args=[entry.pk]), {"action": "x"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert client.post(
        reverse("admin:audit_auditentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    ).status_code in (200, 302)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    entry.action = "changed"
    with pytest.raises(AuditError):
        entry.save()
    with pytest.raises(AuditError):
        entry.delete()
    with pytest.raises(AuditError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AuditError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "clinic.patient_viewed"


@pytest.mark.django_db
def test_staff_see_who_did_what_but_no_clinical_content(client, staff, cast):
    from painwise.tracking.models import ActivityGoal

    patient = cast["patient"]
    audit.record(
        "assessment.completed"
        if "assessment.completed" in audit.ACTIONS
        else "clinic.patient_viewed",
        actor=patient,
        patient=patient,
        data={"triage": "emergency", "red_flags": ["saddle_numbness"]},
    )
    ActivityGoal.objects.create(patient=patient, name="lift my grandchild")
    entry = AuditEntry.objects.latest("pk")
    page = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).content.decode()
    listing = client.get(reverse("admin:audit_auditentry_changelist")).content.decode()
    for text in (page, listing):
        assert "saddle_numbness" not in text and "emergency" not in text
    confirm = client.get(reverse("admin:accounts_user_delete", args=[patient.pk])).content.decode()
    assert "lift my grandchild" not in confirm and "check-in" not in confirm.lower()
    assert patient.email in confirm


@pytest.mark.django_db
def test_staff_export_the_trail_as_csv_without_its_data_and_the_export_is_recorded(
    client, staff, cast
):
    audit.record(
        "clinic.patient_viewed",
        actor=cast["clinician"],
        patient=cast["patient"],
        data={"what": "secret-77"},
    )
    entries = list(AuditEntry.objects.values_list("pk", flat=True))
    response = client.post(
        reverse("admin:audit_auditentry_changelist"),
        {"action": "export_csv", "_selected_action": entries},
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert "clinic.patient_viewed" in text and "secret-77" not in text
    assert f",{cast['patient'].pk}," in text
    assert AuditEntry.objects.filter(action="audit.read", data__view="export").exists()
    assert AuditEntry.objects.filter(pk__in=entries).count() == len(entries)  # nothing removed
