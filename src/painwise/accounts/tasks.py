"""Background tasks for accounts. Task arguments are primary keys, never model instances (and
never secrets: a sign-in link's key is made inside the task that emails it)."""

import datetime as dt

from django.conf import settings
from django.tasks import task
from django.utils import translation

from painwise.accounts.models import User
from painwise.lib.mail import send_templated

SIGNUP_LINK_HOURS = 48


def _link(user: User, *, activates: bool) -> str:
    from django.urls import reverse

    from painwise.accounts.services import issue_login_link

    key = issue_login_link(
        user, valid_for=dt.timedelta(hours=SIGNUP_LINK_HOURS), activates=activates
    )
    return settings.SITE_URL + reverse("accounts:login_link", args=[key])


@task
def send_welcome_email(user_id: int) -> str:
    """The welcome, with the link that switches the new account on and signs them in."""
    return _signup_email("welcome", user_id, activates=True)


@task
def send_signup_notice(user_id: int) -> str:
    """Someone signed up with the email of an existing account: tell its owner (the page
    said the same as for a new email, so nobody else learns the account exists)."""
    return _signup_email("signup_notice", user_id, activates=False)


def _signup_email(name: str, user_id: int, *, activates: bool) -> str:
    user = User.objects.get(pk=user_id)
    context = {"user": user, "link": _link(user, activates=activates), "hours": SIGNUP_LINK_HOURS}
    send_templated(f"accounts/email/{name}", context, user.email)
    return user.email


RESET_TEMPLATES = {
    "subject_template_name": "accounts/email/password_reset_subject.txt",
    "email_template_name": "accounts/email/password_reset.txt",
    "html_email_template_name": "accounts/email/password_reset.html",
}


@task
def send_password_reset(email: str, domain: str, use_https: bool) -> int:
    """The reset email, sent by the worker for every request (known email or not), so the
    request takes the same time either way. Returns how many accounts it went to."""
    from django.contrib.auth.forms import PasswordResetForm

    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return 0
    users = list(form.get_users(email))
    with translation.override("en"):
        form.save(domain_override=domain, use_https=use_https, **RESET_TEMPLATES)
    return len(users)


@task
def send_login_link_email(email: str) -> bool:
    """A one-time sign-in link for an active account with this email (nothing otherwise)."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        return False
    from painwise.accounts.services import login_link_url

    link = login_link_url(user, valid_for=dt.timedelta(hours=1))
    send_templated("accounts/email/login_link", {"user": user, "link": link}, user.email)
    return True


@task
def send_invitation(invitation_id: int) -> str:
    """A clinician's invitation, with its single-use link (the key is made here, never passed)."""
    from django.urls import reverse

    from painwise.accounts.care import invitation_days, new_invitation_key
    from painwise.accounts.models import Invitation

    invitation = Invitation.objects.select_related("clinician").get(pk=invitation_id)
    link = settings.SITE_URL + reverse("accounts:invitation", args=[new_invitation_key(invitation)])
    context = {
        "clinician": invitation.clinician.display_name,
        "link": link,
        "days": invitation_days(),
    }
    send_templated("accounts/email/invitation", context, invitation.email)
    return invitation.email
