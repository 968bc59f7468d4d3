"""Private clinical notes: added by a clinician on the care team, read by the care team only."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from painwise.accounts.models import User
from painwise.audit import services as audit
from painwise.clinic.models import ClinicalNote
from painwise.lib.errors import DomainError

audit.register(
    {
        "clinic.note_added": _("Clinician added a clinical note"),
        "clinic.outcomes_viewed": _("Clinician viewed cohort outcomes"),
    }
)

MAX_NOTE = 5000


@transaction.atomic
def add_note(patient: User, *, author: User, text: str) -> ClinicalNote:
    """Add a note (the caller has checked that ``author`` may see ``patient``)."""
    text = text.strip()
    if not text:
        raise DomainError(str(_("Write the note first.")), "text")
    if len(text) > MAX_NOTE:
        raise DomainError(str(_("A note can be at most 5,000 characters.")), "text")
    note = ClinicalNote.objects.create(patient=patient, author=author, text=text)
    audit.record("clinic.note_added", actor=author, patient=patient, obj=note)
    return note


def notes_of(patient: User, limit: int = 50) -> list[ClinicalNote]:
    """The newest notes first (a bounded list: the page does not grow with the history)."""
    rows = ClinicalNote.objects.filter(patient=patient).select_related("author")
    return list(rows.order_by("-created_at", "-pk")[:limit])
