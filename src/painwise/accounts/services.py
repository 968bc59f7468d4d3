"""State changes for accounts. Each runs in one transaction and writes its audit entry there."""

import datetime as dt
import secrets

from django.db import transaction

from painwise.accounts.models import ApiToken, CareLink, LoginLink, Role, SignUpAttempt, User
from painwise.accounts.tasks import send_signup_notice, send_welcome_email
from painwise.audit import services as audit
from painwise.lib import clock
from painwise.lib.errors import DomainError


class AccountError(DomainError):
    """An account cannot be created or linked as asked."""


@transaction.atomic
def sign_up_patient(
    *, email: str, display_name: str, password: str, time_zone: str, full_name: str = ""
) -> User | None:
    """Start a sign-up. Whether the email is new or already has an account, the request does
    the same and the answer is the same ("check your email"), because having a Painwise
    account is health information: a new address gets an account that is switched on by the
    link in its welcome email; a known one gets an email saying so (and nothing changes).
    Returns the new account, or None for a known email."""
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        existing_id = existing.pk
        transaction.on_commit(lambda: send_signup_notice.enqueue(existing_id))
        return None
    user = User.objects.create_user(
        email=email,
        password=password,
        display_name=display_name,
        full_name=full_name,
        time_zone=time_zone,
        role=Role.PATIENT,
        is_active=False,
    )
    audit.record("accounts.signed_up", actor=user, patient=user, obj=user)
    transaction.on_commit(lambda: send_welcome_email.enqueue(user.pk))
    return user


def sign_up_allowed(address: str) -> bool:
    """At most PAINWISE_SIGNUPS_PER_HOUR sign-ups an hour from one address (kept hashed)."""
    from django.conf import settings

    digest = ApiToken.hash_key(f"signup:{address}")
    since = clock.now() - dt.timedelta(hours=1)
    SignUpAttempt.objects.filter(created_at__lt=since).delete()
    if SignUpAttempt.objects.filter(address_hash=digest).count() >= getattr(
        settings, "PAINWISE_SIGNUPS_PER_HOUR", 5
    ):
        return False
    SignUpAttempt.objects.create(address_hash=digest)
    return True


@transaction.atomic
def create_clinician(
    *, email: str, display_name: str, password: str | None, actor: User | None = None
) -> User:
    if User.objects.filter(email__iexact=email).exists():
        raise AccountError(f"An account with the email {email} already exists")
    user = User.objects.create_user(
        email=email, password=password, display_name=display_name, role=Role.CLINICIAN
    )
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    audit.record("accounts.clinician_created", actor=actor, obj=user)
    return user


@transaction.atomic
def link_patient(*, patient: User, clinician: User, actor: User | None = None) -> CareLink:
    if patient.role != Role.PATIENT:
        raise AccountError(f"{patient.email} is not a patient account")
    if clinician.role != Role.CLINICIAN:
        raise AccountError(f"{clinician.email} is not a clinician account")
    link, created = CareLink.objects.get_or_create(patient=patient, clinician=clinician)
    if created:
        audit.record("accounts.care_link_created", actor=actor, patient=patient, obj=link)
    return link


@transaction.atomic
def update_settings(
    user: User, *, display_name: str, time_zone: str, full_name: str | None = None
) -> None:
    wanted = {"display_name": display_name, "time_zone": time_zone}
    if full_name is not None:
        wanted["full_name"] = full_name
    changed = {name: value for name, value in wanted.items() if getattr(user, name) != value}
    if not changed:
        return
    for name, value in changed.items():
        setattr(user, name, value)
    user.save(update_fields=list(changed))
    audit.record(
        "accounts.settings_changed",
        actor=user,
        patient=user if user.is_patient else None,
        obj=user,
        data={"fields": sorted(changed)},
    )


@transaction.atomic
def issue_token(user: User, name: str) -> str:
    token, key = ApiToken.issue(user, name)
    audit.record("accounts.token_issued", actor=user, obj=token, data={"name": name})
    return key


def issue_login_link(user: User, *, valid_for: dt.timedelta, activates: bool = False) -> str:
    """Create a one-time sign-in secret for ``user`` and return it (only its hash is stored).
    An ``activates`` link also switches on a new account that is waiting for it."""
    key = secrets.token_urlsafe(32)
    LoginLink.objects.create(
        user=user,
        key_hash=ApiToken.hash_key(key),
        expires_at=clock.now() + valid_for,
        activates=activates,
    )
    return key


def login_link_url(
    user: User, *, valid_for: dt.timedelta, activates: bool = False, next_url: str = ""
) -> str:
    """The full address of a new one-time sign-in link, for an email (the key is in it once)."""
    from django.conf import settings
    from django.urls import reverse

    key = issue_login_link(user, valid_for=valid_for, activates=activates)
    url = settings.SITE_URL + reverse("accounts:login_link", args=[key])
    return f"{url}?next={next_url}" if next_url else url


@transaction.atomic
def use_login_link(key: str) -> User | None:
    """Spend a one-time link. Returns its user, or None when it is unknown, used or expired."""
    link = (
        LoginLink.objects.select_for_update()
        .select_related("user")
        .filter(key_hash=ApiToken.hash_key(key))
        .first()
    )
    if link is None or link.used_at is not None or link.expires_at <= clock.now():
        return None
    if not link.user.is_active:
        if not (link.activates and link.user.last_login is None):
            return None  # a switched-off account stays off; only a new one is switched on
        link.user.is_active = True
        link.user.save(update_fields=["is_active"])
    link.used_at = clock.now()
    link.save(update_fields=["used_at"])
    audit.record(
        "accounts.login_link_used",
        actor=link.user,
        patient=link.user if link.user.is_patient else None,
        obj=link,
    )
    return link.user


@transaction.atomic
def change_password(user: User, new_password: str) -> int:
    """Set a new password (the old one was checked by the form). Every API token stops
    working: a password change is often a response to a leak. Returns the tokens revoked."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )
    audit.record(
        "accounts.password_changed",
        actor=user,
        patient=user if user.is_patient else None,
        obj=user,
        data={"tokens_revoked": revoked},
    )
    return revoked


def tokens_of(user: User) -> list[ApiToken]:
    """The person's tokens, newest first (never the keys: only their hashes are kept)."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-pk"))


@transaction.atomic
def revoke_token(user: User, token_id: int) -> ApiToken:
    """Revoke one of the person's own tokens (another person's is not found)."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        audit.record("accounts.token_revoked", actor=user, obj=token, data={"name": token.name})
    return token


def revoke_all_tokens(user: User) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )
