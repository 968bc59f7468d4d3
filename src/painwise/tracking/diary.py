"""Importing a pain diary kept elsewhere: upload, preview with the person's mapping, confirm.

The web page, the API and `painwise import diary` share these functions. The rules are the
core's (clinical/tracking/diary.py); here: who may import for whom, where the file waits
between the preview and the confirmation, and the one transaction that stores it.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from painwise.accounts.models import Role, User
from painwise.audit import services as audit
from painwise.clinical.common import fill
from painwise.clinical.tracking import diary as rules
from painwise.lib import clock
from painwise.lib.errors import DomainError
from painwise.lib.jobs import periodic_job
from painwise.tracking.models import CheckIn, DiaryUpload
from painwise.tracking.services import alerts_after_commit, local_today
from painwise.tracking.signals import checkins_changed

audit.register({"tracking.diary_imported": gettext_lazy("Pain diary imported")})

KEEP_UPLOADS = dt.timedelta(days=1)
FIELD_LABELS = {
    "date": gettext_lazy("Date (or date and time)"),
    "time": gettext_lazy("Time"),
    "pain": gettext_lazy("Pain, 0 to 10"),
    "stress": gettext_lazy("Stress, 0 to 10"),
    "sleep_quality": gettext_lazy("Sleep quality, 0 to 10"),
    "sleep_hours": gettext_lazy("Hours slept"),
    "mood": gettext_lazy("Mood, 0 to 10"),
    "activity_minutes": gettext_lazy("Minutes of activity"),
    "steps": gettext_lazy("Steps"),
    "note": gettext_lazy("Notes"),
}


@dataclass(frozen=True)
class Preview:
    upload: DiaryUpload
    mapping: dict[str, str]
    date_order: str
    diary: rules.Diary

    def skipped_text(self) -> list[tuple[int, str]]:
        return [(s.line, fill(_(s.reason), s.params)) for s in self.diary.skipped]


def _refuse(error: rules.DiaryError) -> DomainError:
    return DomainError(_(str(error)), "file")


def _check_patient(patient: User) -> None:
    if patient.role != Role.PATIENT:
        raise DomainError(_("Only patients keep check-ins."))


def upload(patient: User, raw: bytes, name: str, *, by: User) -> tuple[DiaryUpload, list[str]]:
    """Keep an uploaded file for its preview; returns it and its column names."""
    _check_patient(patient)
    try:
        text = rules.decode(raw)
        header, _rows = rules.read_table(text)
    except rules.DiaryError as error:
        raise _refuse(error) from None
    DiaryUpload.objects.filter(created_at__lt=clock.now() - KEEP_UPLOADS).delete()
    stored = DiaryUpload.objects.create(
        patient=patient, uploaded_by=by, name=name[:200], content=text
    )
    return stored, header


def first_guess(content: str, mapping: dict[str, str] | None = None) -> tuple[dict[str, str], str]:
    """Which column is which (from the column names, unless ``mapping`` is given) and how the
    dates are written (from the dates of the date column), for the person to check."""
    header, rows = rules.read_table(content)
    mapping = mapping or rules.guess_mapping(header)
    order = "ymd"
    if mapping.get("date") in header:
        at = header.index(mapping["date"])
        order = rules.guess_date_order(row[at] for row in rows if at < len(row))
    return mapping, order


def existing_days(patient: User) -> set[dt.date]:
    return set(CheckIn.objects.filter(patient=patient).values_list("local_date", flat=True))


def preview(
    patient: User, upload_id: object, mapping: dict[str, str], date_order: str = "ymd"
) -> Preview:
    """What the import would store and skip, with this mapping (nothing is stored)."""
    stored = upload_of(patient, upload_id)
    if stored is None:
        raise DomainError(_("That file is no longer here. Choose it again."), "file")
    mapping = {name: column for name, column in mapping.items() if column}
    try:
        parsed = rules.parse(
            stored.content,
            mapping,
            time_zone=patient.time_zone,
            today=local_today(patient),
            existing=existing_days(patient),
            date_order=date_order,
        )
    except rules.DiaryError as error:
        raise _refuse(error) from None
    return Preview(stored, mapping, date_order, parsed)


def upload_of(patient: User, upload_id: object) -> DiaryUpload | None:
    """The patient's own waiting upload with this id (another person's is not found)."""
    return DiaryUpload.objects.filter(patient=patient, pk=_id(upload_id)).first()


def _id(value: object) -> int | None:
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() and len(text) < 18 else None


def confirm(
    patient: User, upload_id: object, mapping: dict[str, str], date_order: str, *, by: User
) -> int:
    """Store the previewed rows in one transaction, marked as imported; returns how many."""
    with transaction.atomic():
        result = preview(patient, upload_id, mapping, date_order)
        now = clock.now()
        rows = [
            CheckIn(
                patient=patient,
                local_date=e.date,
                created_at=now,
                updated_at=now,
                pain_now=e.values["pain"],
                pain_average=e.values["pain"],
                stress=e.values.get("stress"),
                sleep_quality=e.values.get("sleep_quality"),
                sleep_hours=e.values.get("sleep_hours"),
                mood=e.values.get("mood"),
                activity_minutes=e.values.get("activity_minutes"),
                note=e.note,
                imported=True,
            )
            for e in result.diary.entries
        ]
        CheckIn.objects.bulk_create(rows, batch_size=1000)
        audit.record(
            "tracking.diary_imported",
            actor=by,
            patient=patient,
            data={
                "stored": len(rows),
                "skipped": len(result.diary.skipped),
                "rounded": result.diary.rounded,
                "file": result.upload.name,
            },
        )
        result.upload.delete()
        if rows:
            checkins_changed.send(CheckIn, patient=patient, first=min(r.local_date for r in rows))
            alerts_after_commit(patient)
    return len(rows)


def import_file(
    patient: User,
    raw: bytes,
    name: str,
    mapping: dict[str, str],
    date_order: str | None,
    *,
    by: User,
    dry_run: bool = False,
) -> tuple[int, Preview]:
    """Upload, preview and (unless ``dry_run``) confirm in one go, for the CLI and the API.
    An empty ``mapping`` is guessed from the column names, and a ``date_order`` of None from
    the dates. Returns how many rows were stored and the preview."""
    stored, _header = upload(patient, raw, name, by=by)
    mapping, guessed = first_guess(stored.content, mapping)
    date_order = date_order or guessed
    result = preview(patient, stored.pk, mapping, date_order)
    if dry_run:
        stored.delete()
        return 0, result
    return confirm(patient, stored.pk, mapping, date_order, by=by), result


@periodic_job("tracking.diary_uploads")
def forget_old_uploads() -> int:
    """Files previewed and never confirmed are not kept beyond a day."""
    deleted, _counts = DiaryUpload.objects.filter(
        created_at__lt=clock.now() - KEEP_UPLOADS
    ).delete()
    return deleted


def summary(result: Preview) -> dict[str, Any]:
    """The preview as plain data (API, CLI)."""
    d = result.diary
    return {
        "entries": len(d.entries),
        "days": d.days,
        "rounded": d.rounded,
        "first_day": d.entries[0].date.isoformat() if d.entries else None,
        "last_day": d.entries[-1].date.isoformat() if d.entries else None,
        "skipped": [{"line": line, "reason": text} for line, text in result.skipped_text()],
    }
