"""Emails from templates: ``<name>_subject.txt`` (one line) and ``<name>.txt`` (the body)."""

from typing import Any

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def send_templated(name: str, context: dict[str, Any], to: str) -> None:
    """Render ``name``'s subject and body and send them to one address. Emails are written in
    English for now (the people they go to may not have a language set)."""
    with translation.override("en"):
        subject = render_to_string(f"{name}_subject.txt", context).strip()
        body = render_to_string(f"{name}.txt", context)
    send_mail(subject, body, None, [to])
