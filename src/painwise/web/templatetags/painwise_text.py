"""Text filters: a clinical reason in the reader's language."""

from typing import Any

from django import template

from painwise.lib.reasons import reason_text

register = template.Library()


@register.filter(name="reason_text")
def reason_text_filter(reason: Any) -> str:
    return reason_text(reason)
