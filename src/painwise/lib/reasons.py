"""Reasons in the reader's language.

The clinical core explains each decision with a Reason: a rule id, a sentence template marked
for translation, and parameters. Stored results keep the template and the parameters, so the
sentence is rendered through the translation catalogue when it is shown, in the language of the
person reading it, not in the language it was stored in.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from painwise.clinical.common import Reason, fill


def reason_text(reason: Reason | Mapping[str, Any]) -> str:
    """The sentence of a reason (a core Reason, or a stored one), translated."""
    if isinstance(reason, Reason):
        return fill(reason.template, reason.params, gettext)
    template = reason.get("template")
    if not template:
        # Stored before templates were kept: the English sentence is all there is.
        return str(reason.get("text", ""))
    return fill(template, dict(reason.get("params") or {}), gettext)
