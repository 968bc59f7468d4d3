"""Form rendering that screen readers can follow: each input names its hint and its errors."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def accessible(field: BoundField) -> SafeString:
    """Render ``field``'s widget with ``aria-describedby`` pointing at its hint and errors,
    and ``aria-invalid`` when it has errors."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_hint")
    attrs = {}
    if field.errors:
        described.append(f"{field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def is_choice_group(field: BoundField) -> bool:
    """Radio buttons and checkbox lists get a fieldset and legend instead of a label."""
    return getattr(field.field.widget, "allow_multiple_selected", False) or (
        field.field.widget.input_type in ("radio", "checkbox")
        if hasattr(field.field.widget, "input_type") and hasattr(field.field, "choices")
        else False
    )
