"""Form fields every area uses, so that free text has the same limits everywhere."""

from typing import Any

from django import forms

# Free text has a limit everywhere: a note is a few paragraphs, not a file.
SHORT_TEXT = 200
LONG_TEXT = 2000


def text_field(
    label: Any,
    *,
    rows: int = 3,
    required: bool = False,
    help_text: Any = "",
    max_length: int = LONG_TEXT,
) -> forms.CharField:
    """A free-text answer written in a box of ``rows`` lines (a plain input for one line)."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows > 1 else forms.TextInput()
    return forms.CharField(
        label=label, required=required, help_text=help_text, max_length=max_length, widget=widget
    )


def whole_number(raw: object, digits: int = 18) -> int | None:
    """An id typed or sent by hand, or None: ASCII digits only ("²".isdigit() is true, but
    int("²") fails), and not so long that the database would refuse it."""
    text = str(raw)
    if not text or len(text) > digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
