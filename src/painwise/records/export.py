"""Everything Painwise keeps about a patient, for them to take away (JSON, or CSV files in a
zip), and the deletion of their account.

"Everything" is what deleting the account removes: Django's own deletion collector finds
every row that belongs to the person, so a table added later is exported without a change
here. Left out: secrets and machinery (password and key hashes, sign-in links, stored API
answers), and the clinicians' private notes, which are the clinic's record (the patient asks
the clinic for them). Added: who read their record, from the audit trail (who, when, what;
never the entry's data).
"""

import csv
import datetime as dt
import io
import json
import zipfile
from typing import Any

from django.contrib.admin.utils import NestedObjects
from django.core.serializers.json import DjangoJSONEncoder
from django.db import router, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from painwise.accounts.models import User
from painwise.audit import services as audit
from painwise.audit.models import AuditEntry
from painwise.lib import clock
from painwise.lib.errors import DomainError

audit.register(
    {
        "records.exported": _("Patient downloaded their data"),
        "records.account_deleted": _("Patient deleted their account"),
        "records.fhir_exported": _("FHIR record exported"),
        "records.summary_downloaded": _("Patient downloaded a summary for their doctor"),
    }
)

# Secrets and machinery, never part of a download.
LEFT_OUT = {
    "accounts.apitoken",
    "accounts.loginlink",
    "accounts.idempotencykey",
    "accounts.invitation",
    "clinic.clinicalnote",
    "audit.auditentry",
}
SECRET_FIELDS = {"password", "key_hash"}
USER_FIELDS = ("email", "display_name", "full_name", "time_zone", "role", "date_joined")


def _rows(patient: User) -> dict[str, list[dict[str, Any]]]:
    collector = NestedObjects(using=router.db_for_write(User))
    collector.collect([patient])
    tables: dict[str, list[dict[str, Any]]] = {}
    for model, instances in sorted(collector.data.items(), key=lambda m: m[0]._meta.label_lower):
        label = model._meta.label_lower
        if label in LEFT_OUT or model is User:
            continue
        tables[label] = [_row(obj) for obj in sorted(instances, key=lambda o: o.pk)]
    return tables


def _row(obj: Model) -> dict[str, Any]:
    row: dict[str, Any] = {"id": obj.pk}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in SECRET_FIELDS:
            continue
        row[field.name] = getattr(obj, field.attname)
    return row


def access_log(patient: User) -> list[dict[str, Any]]:
    """Who read or changed the person's record, and when (the audit trail, without data)."""
    entries = AuditEntry.objects.filter(patient=patient).exclude(actor=patient)
    return [
        {"at": e.created_at, "action": e.action, "by_role": e.actor_role, "by": e.actor_ref}
        for e in entries.order_by("created_at", "pk")
    ]


def collect(patient: User) -> dict[str, Any]:
    account = {name: getattr(patient, name) for name in USER_FIELDS}
    return {
        "format": "painwise-export-1",
        "exported_at": clock.now(),
        "account": account,
        "tables": _rows(patient),
        "access_log": access_log(patient),
    }


def as_json(patient: User) -> bytes:
    data = collect(patient)
    audit.record("records.exported", actor=patient, patient=patient, data={"format": "json"})
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    names = list(dict.fromkeys(name for row in rows for name in row))
    writer = csv.DictWriter(out, fieldnames=names)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, cls=DjangoJSONEncoder) if isinstance(v, (dict, list)) else v
                for k, v in row.items()
            }
        )
    return out.getvalue()


README = """Your Painwise data, exported on {date}.

Each CSV file is one kind of record (for example tracking.checkin.csv holds your daily
check-ins), one row per record. account.csv is your account; access_log.csv lists who on your
care team read or changed your record, and when. The JSON download holds the same data.
"""


def as_csv_zip(patient: User) -> bytes:
    data = collect(patient)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(date=data["exported_at"].date()))
        archive.writestr("account.csv", _csv([data["account"]]))
        archive.writestr("access_log.csv", _csv(data["access_log"]))
        for label, rows in data["tables"].items():
            if rows:
                archive.writestr(f"{label}.csv", _csv(rows))
    audit.record("records.exported", actor=patient, patient=patient, data={"format": "csv"})
    return buffer.getvalue()


def export_name(patient: User, extension: str) -> str:
    return f"painwise-{patient.pk}-{dt.date.today().isoformat()}.{extension}"


@transaction.atomic
def delete_account(patient: User, *, confirm_email: str) -> None:
    """Delete the account and everything that belongs to it. The audit trail keeps its
    entries (with ids, never names or content) and records the deletion, without content."""
    if confirm_email.strip().lower() != patient.email.lower():
        raise DomainError(_("Type the email address of this account to confirm."), "email")
    audit.record("records.account_deleted", actor=patient, patient=patient)
    patient.delete()
