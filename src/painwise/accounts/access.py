"""The one permission rule for patient data, written once and used by pages, API and CLI.

- A patient sees only their own data.
- A clinician sees only the patients linked to them by a CareLink, or shared with a team they
  belong to; each such read is audited.
- Anyone else (another patient, an unlinked clinician, a staff admin without a link, an
  anonymous visitor) is told the patient does not exist: 404, never 403, so that outsiders
  cannot even learn whether an id is in use.
"""

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from painwise.accounts.models import CareLink, Role, TeamShare, User
from painwise.audit import services as audit
from painwise.lib.errors import ConflictError


def visible_patients(user: User) -> QuerySet[User]:
    """Every patient whose data ``user`` may read."""
    patients = User.objects.filter(role=Role.PATIENT, is_active=True)
    if not user.is_authenticated or not user.is_active:
        return patients.none()
    if user.role == Role.PATIENT:
        return patients.filter(pk=user.pk)
    if user.role == Role.CLINICIAN:
        linked = CareLink.objects.filter(clinician=user).values("patient")
        shared = TeamShare.objects.filter(team__members=user).values("patient")
        return patients.filter(Q(pk__in=linked) | Q(pk__in=shared))
    return patients.none()


def can_view_patient(user: User, patient: User) -> bool:
    return visible_patients(user).filter(pk=patient.pk).exists()


def get_patient(user: User, patient_id: object, *, what: str = "record") -> User:
    """Return the patient ``patient_id`` if ``user`` may see their data, else raise Http404.

    ``what`` names the data being read, for the audit trail of clinician reads.
    """
    try:
        pk = int(str(patient_id))
    except ValueError:
        pk = None
    patient = visible_patients(user).filter(pk=pk).first() if pk is not None else None
    if patient is None:
        # A refused read is recorded too: who asked for which record (the answer is 404 either
        # way, so that nobody learns whether the patient exists).
        if user.is_authenticated:
            audit.record(
                "access.denied", actor=user, data={"what": what, "patient_id": str(patient_id)[:40]}
            )
        raise Http404("No such patient")
    if user.pk != patient.pk:
        audit.record("clinic.patient_viewed", actor=user, patient=patient, data={"what": what})
    return patient


def clinicians_of(patient: User) -> QuerySet[User]:
    """Everyone on the patient's care team: the clinicians linked to them and the members of
    the teams they are shared with. Every "your clinician can see this" sentence asks this."""
    linked = CareLink.objects.filter(patient=patient).values("clinician")
    teams = TeamShare.objects.filter(patient=patient).values("team")
    return (
        User.objects.filter(
            Q(pk__in=linked) | Q(teams__in=teams), role=Role.CLINICIAN, is_active=True
        )
        .distinct()
        .order_by("display_name")
    )


def set_shared(patient: User, rows: QuerySet[Any], pk: int, shared: bool, action: str) -> Any:
    """Share one of the patient's own private records (``rows`` holds only theirs) with their
    care team, or make it private again. Sharing needs a linked clinician. Audited when it
    changes; raises ``DoesNotExist`` for a record that is not theirs."""
    with transaction.atomic():
        row = rows.select_for_update().get(pk=pk)
        if shared and not clinicians_of(patient).exists():
            raise ConflictError(
                _("No clinician is linked to your account, so there is no one to share with.")
            )
        if row.shared != shared:
            row.shared = shared
            row.save(update_fields=["shared"])
            audit.record(action, actor=patient, patient=patient, obj=row, data={"shared": shared})
    return row
