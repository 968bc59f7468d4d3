"""Who is on a patient's care team, and how that changes: invitations, links, team shares.

A clinician invites a patient by email (a single-use link that expires); the patient accepts
while signed in, which links them. A patient can use Painwise alone and accept an invitation
later. Either side can end a link, and a linked clinician can share the patient with a team
they belong to. Every change is audited, in the same transaction.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from painwise.accounts.models import (
    ApiToken,
    CareLink,
    Invitation,
    Role,
    Team,
    TeamShare,
    User,
)
from painwise.accounts.tasks import send_invitation
from painwise.audit import services as audit
from painwise.lib import clock
from painwise.lib.errors import ConflictError, DomainError

audit.register(
    {
        "accounts.invitation_sent": _("Clinician invited a patient"),
        "accounts.invitation_withdrawn": _("Clinician withdrew an invitation"),
        "accounts.care_link_removed": _("Clinician and patient unlinked"),
        "accounts.team_shared": _("Patient shared with a team"),
        "accounts.team_unshared": _("Patient no longer shared with a team"),
    }
)


def invitation_days() -> int:
    """How long an invitation link works (PAINWISE_INVITATION_DAYS, 14 by default)."""
    return int(getattr(settings, "PAINWISE_INVITATION_DAYS", 14))


OPEN_INVITATIONS_PER_CLINICIAN = 200


@transaction.atomic
def invite(clinician: User, email: str) -> Invitation:
    """Email ``email`` a link that links its holder to ``clinician`` once they accept.

    The answer does not depend on whether the email has an account: that would tell the
    clinician something the patient has not shared."""
    email = email.strip().lower()
    if clinician.role != Role.CLINICIAN:
        raise DomainError(_("Only a clinician can invite a patient."))
    if clinician.email.lower() == email:
        raise DomainError(_("That is your own email address."), "email")
    now = clock.now()
    open_ones = Invitation.objects.filter(
        clinician=clinician, accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now
    )
    if open_ones.count() >= OPEN_INVITATIONS_PER_CLINICIAN:
        raise ConflictError(
            _("You have %(n)d open invitations. Withdraw some before sending more.")
            % {"n": OPEN_INVITATIONS_PER_CLINICIAN}
        )
    invitation = Invitation.objects.create(
        clinician=clinician, email=email, expires_at=now + dt.timedelta(days=invitation_days())
    )
    audit.record("accounts.invitation_sent", actor=clinician, obj=invitation)
    transaction.on_commit(lambda: send_invitation.enqueue(invitation.pk))
    return invitation


def new_invitation_key(invitation: Invitation) -> str:
    """Make the secret of an invitation's link (called by the task that emails it) and keep
    only its hash. A second call replaces the first key."""
    key = secrets.token_urlsafe(32)
    Invitation.objects.filter(pk=invitation.pk).update(key_hash=ApiToken.hash_key(key))
    return key


def find_invitation(key: str) -> Invitation | None:
    """The open invitation with this key, or None (unknown, used, withdrawn or expired)."""
    if not key or len(key) > 100:
        return None
    invitation = (
        Invitation.objects.select_related("clinician")
        .filter(key_hash=ApiToken.hash_key(key))
        .first()
    )
    if invitation is None or not invitation.open or not invitation.clinician.is_active:
        return None
    return invitation


def remember_sign_up(key: str, user: User | None) -> None:
    """A new account was made from an invitation's page: offer it to them once they are in."""
    found = find_invitation(key)
    if found is not None and user is not None:
        Invitation.objects.filter(pk=found.pk, signed_up__isnull=True).update(signed_up=user)


def waiting_for(user: User) -> Invitation | None:
    """An open invitation this new person signed up from, if any."""
    invitation = (
        Invitation.objects.select_related("clinician")
        .filter(signed_up=user, accepted_at__isnull=True, withdrawn_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    return invitation if invitation is not None and invitation.open else None


@transaction.atomic
def accept(key: str, patient: User) -> CareLink:
    """The signed-in patient accepts an invitation: they are linked, and the link is spent."""
    found = find_invitation(key)
    if found is None:
        raise ConflictError(_("This invitation has been used, withdrawn or has expired."))
    return _accept(found.pk, patient)


@transaction.atomic
def accept_waiting(invitation_id: object, patient: User) -> CareLink:
    """Accept the invitation a new person signed up from (only theirs)."""
    found = waiting_for(patient)
    if found is None or str(found.pk) != str(invitation_id):
        raise ConflictError(_("This invitation has been used, withdrawn or has expired."))
    return _accept(found.pk, patient)


def _accept(invitation_id: int, patient: User) -> CareLink:
    if patient.role != Role.PATIENT:
        raise DomainError(_("Only a patient account can accept an invitation."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    if not invitation.open:
        raise ConflictError(_("This invitation has been used, withdrawn or has expired."))
    invitation.accepted_at, invitation.accepted_by = clock.now(), patient
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    link, created = CareLink.objects.get_or_create(patient=patient, clinician=invitation.clinician)
    if created:
        audit.record(
            "accounts.care_link_created",
            actor=patient,
            patient=patient,
            obj=link,
            data={"via": "invitation", "invitation": invitation.pk},
        )
    return link


@transaction.atomic
def withdraw(clinician: User, invitation_id: int) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id, clinician=clinician)
    if invitation.open:
        invitation.withdrawn_at = clock.now()
        invitation.save(update_fields=["withdrawn_at"])
        audit.record("accounts.invitation_withdrawn", actor=clinician, obj=invitation)
    return invitation


def open_invitations(clinician: User) -> list[Invitation]:
    return list(
        Invitation.objects.filter(
            clinician=clinician,
            accepted_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=clock.now(),
        ).order_by("-created_at")[:50]
    )


@transaction.atomic
def unlink(patient: User, clinician: User, *, by: User) -> bool:
    """End the link between a patient and a clinician (either of them may). The clinician's
    team shares of this patient end with it. Returns whether there was a link."""
    deleted, _counts = CareLink.objects.filter(patient=patient, clinician=clinician).delete()
    if deleted:
        TeamShare.objects.filter(patient=patient, shared_by=clinician).delete()
        audit.record(
            "accounts.care_link_removed",
            actor=by,
            patient=patient,
            data={"clinician": clinician.pk, "by": "patient" if by == patient else "clinician"},
        )
    return bool(deleted)


def linked_clinician(patient: User, clinician_id: object) -> User:
    """One of the patient's linked clinicians, or Http404."""
    from django.http import Http404

    link = (
        CareLink.objects.filter(patient=patient, clinician_id=clinician_id)
        .select_related("clinician")
        .first()
        if str(clinician_id).isascii() and str(clinician_id).isdigit()
        else None
    )
    if link is None:
        raise Http404("Not found")
    return link.clinician


def teams_of(clinician: User) -> list[Team]:
    return list(clinician.teams.order_by("name"))


@transaction.atomic
def share_with_team(patient: User, team_id: int, *, by: User) -> TeamShare:
    """A clinician linked to the patient shares them with one of the clinician's teams."""
    if not CareLink.objects.filter(patient=patient, clinician=by).exists():
        raise ConflictError(_("Only a clinician linked to this patient can share them."))
    team = Team.objects.filter(pk=team_id, members=by).first()
    if team is None:
        raise DomainError(_("Choose one of your teams."), "team")
    share, created = TeamShare.objects.get_or_create(
        team=team, patient=patient, defaults={"shared_by": by}
    )
    if created:
        audit.record(
            "accounts.team_shared", actor=by, patient=patient, obj=share, data={"team": team.pk}
        )
    return share


@transaction.atomic
def unshare(patient: User, share_id: int, *, by: User) -> None:
    """End a team share: the patient may end any of theirs; a clinician one they made."""
    shares = TeamShare.objects.filter(pk=share_id, patient=patient)
    if by != patient:
        shares = shares.filter(shared_by=by)
    share = shares.select_related("team").first()
    if share is None:
        raise TeamShare.DoesNotExist
    audit.record("accounts.team_unshared", actor=by, patient=patient, data={"team": share.team_id})
    share.delete()


def care_team(patient: User) -> dict[str, list[object]]:
    """What the patient's care-team page lists: the clinicians linked to them and the teams
    they are shared with (with the members' names)."""
    links = list(
        CareLink.objects.filter(patient=patient, clinician__is_active=True)
        .select_related("clinician")
        .order_by("clinician__display_name")
    )
    shares = list(
        TeamShare.objects.filter(patient=patient)
        .select_related("team")
        .prefetch_related("team__members")
        .order_by("team__name")
    )
    return {"links": list(links), "shares": list(shares)}
