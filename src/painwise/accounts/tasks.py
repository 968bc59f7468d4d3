"""Background tasks for accounts. Task arguments are primary keys, never model instances."""

from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from painwise.accounts.models import User


@task
def send_welcome_email(user_id: int) -> str:
    user = User.objects.get(pk=user_id)
    with translation.override("en"):
        context = {"user": user}
        subject = render_to_string("accounts/email/welcome_subject.txt", context).strip()
        body = render_to_string("accounts/email/welcome.txt", context)
    send_mail(subject, body, None, [user.email])
    return user.email
