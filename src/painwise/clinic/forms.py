from django import forms
from django.utils.translation import gettext_lazy as _

from painwise.lib.forms import text_field


class ClearForm(forms.Form):
    note = text_field(
        _("What did you find?"),
        required=True,
        help_text=_(
            "For example: seen in clinic, no sign of cauda equina; safe to start the program."
        ),
    )


class ExamForm(forms.Form):
    hypersensitivity_signs = forms.TypedChoiceField(
        label=_("Signs of pain hypersensitivity in the painful region on examination?"),
        help_text=_(
            "Evoked pain such as allodynia to touch, pressure, heat or cold, or painful after-sensations."
        ),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    nociceptive_or_neuropathic_fully_explains = forms.TypedChoiceField(
        label=_("Do nociceptive or neuropathic mechanisms fully explain the pain?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


class ResolveAlertForm(forms.Form):
    note = text_field(_("Note"), rows=1)
