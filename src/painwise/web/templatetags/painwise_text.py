"""Text filters: a clinical reason in the reader's language."""

from typing import Any

from django import template
from django.utils import formats

from painwise.lib.reasons import reason_text

register = template.Library()


@register.filter(name="reason_text")
def reason_text_filter(reason: Any) -> str:
    return reason_text(reason)


@register.filter
def seconds(ms: float | None) -> str:
    """A time in milliseconds as seconds with one decimal (1234 -> "1.2"), the unit people
    read answer times in; empty for none."""
    if ms is None:
        return ""
    return formats.number_format(round(ms / 1000, 1), 1)
