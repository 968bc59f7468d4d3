from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from painwise.alerts.models import AlertKind
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
    note = text_field(_("What did you do?"), rows=1, required=True)


class NoteForm(forms.Form):
    text = text_field(
        _("New note"),
        rows=4,
        required=True,
        help_text=_("Private to the care team: the patient does not see clinical notes."),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Patient's email address"), max_length=254)


class ShareForm(forms.Form):
    team = forms.TypedChoiceField(label=_("Team"), coerce=int, choices=[])

    def __init__(self, *args: Any, teams: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(t.pk, t.name) for t in teams]


class CaseloadFilter(forms.Form):
    """The caseload's filters (a GET form: bad values are ignored, never an error page)."""

    risk = forms.ChoiceField(
        label=_("STarT Back risk"),
        required=False,
        choices=[("", _("Any")), ("high", _("High")), ("medium", _("Medium")), ("low", _("Low"))],
    )
    alert = forms.ChoiceField(label=_("Open alert"), required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["alert"].choices = [("", _("Any")), *AlertKind.choices]

    def values(self) -> dict[str, str]:
        if not self.is_valid():
            return {"risk": "", "alert": ""}
        return {"risk": self.cleaned_data["risk"], "alert": self.cleaned_data["alert"]}
