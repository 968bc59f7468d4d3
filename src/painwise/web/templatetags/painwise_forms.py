"""Form rendering that screen readers can follow: each input names its hint and its errors."""

from django import forms, template
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
    widget = field.field.widget
    return isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_inline(field: BoundField) -> bool:
    """Short answers (0-10 scales, Yes/No) sit side by side as big buttons."""
    choices = getattr(field.field, "choices", None)
    if not choices or getattr(field.field.widget, "input_type", "") != "radio":
        return False
    return all(len(str(label)) <= 9 for _value, label in choices)


@register.filter
def is_scale(field: BoundField) -> bool:
    """A 0-10 scale: eleven buttons in two rows of six."""
    return is_inline(field) and len(field.field.choices) >= 10


@register.filter
def is_grid(field: BoundField) -> bool:
    """Three to five short phrases (how often, how much): a two-column grid of buttons."""
    choices = getattr(field.field, "choices", None)
    if not choices or getattr(field.field.widget, "input_type", "") != "radio" or is_inline(field):
        return False
    return 3 <= len(choices) <= 5 and all(len(str(label)) <= 28 for _value, label in choices)


@register.filter
def field_named(form: forms.Form, name: str) -> BoundField:
    return form[name]
