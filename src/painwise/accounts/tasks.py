"""Background tasks for accounts. Task arguments are primary keys, never model instances (and
never secrets: a sign-in link's key is made inside the task that emails it)."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from painwise.accounts.models import User

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
    user = User.objects.get(pk=user_id)
    with translation.override("en"):
        context = {"user": user, "link": _link(user, activates=True), "hours": SIGNUP_LINK_HOURS}
        subject = render_to_string("accounts/email/welcome_subject.txt", context).strip()
        body = render_to_string("accounts/email/welcome.txt", context)
    send_mail(subject, body, None, [user.email])
    return user.email


@task
def send_signup_notice(user_id: int) -> str:
    """Someone signed up with the email of an existing account: tell its owner (the page
    said the same as for a new email, so nobody else learns the account exists)."""
    user = User.objects.get(pk=user_id)
    with translation.override("en"):
        context = {"user": user, "link": _link(user, activates=False), "hours": SIGNUP_LINK_HOURS}
        subject = render_to_string("accounts/email/signup_notice_subject.txt", context).strip()
        body = render_to_string("accounts/email/signup_notice.txt", context)
    send_mail(subject, body, None, [user.email])
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
    with translation.override("en"):
        context = {"user": user, "link": link}
        subject = render_to_string("accounts/email/login_link_subject.txt", context).strip()
        body = render_to_string("accounts/email/login_link.txt", context)
    send_mail(subject, body, None, [user.email])
    return True


@task
def send_invitation(invitation_id: int) -> str:
    """A clinician's invitation, with its single-use link (the key is made here, never passed)."""
    from django.urls import reverse

    from painwise.accounts.care import invitation_days, new_invitation_key
    from painwise.accounts.models import Invitation

    invitation = Invitation.objects.select_related("clinician").get(pk=invitation_id)
    link = settings.SITE_URL + reverse("accounts:invitation", args=[new_invitation_key(invitation)])
    with translation.override("en"):
        context = {
            "clinician": invitation.clinician.display_name,
            "link": link,
            "days": invitation_days(),
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])
    return invitation.email
