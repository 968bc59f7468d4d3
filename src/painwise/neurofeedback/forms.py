from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from painwise.neurofeedback import services
from painwise.neurofeedback.models import Profile

PROTOCOL_NAMES = {
    "alpha_up": _("Calm focus: raise the alpha rhythm (any headset; the usual start)"),
    "smr_theta": _(
        "Settled body: raise SMR, lower theta over the top of the head (needs a C3, C4 or Cz sensor)"
    ),
    "theta_beta": _("Clear head: lower the theta/beta ratio (needs a Cz, Fz, C3 or C4 sensor)"),
    "custom": _("Your clinic's own training"),
}


class ChoicesForm(forms.Form):
    opted_in = forms.BooleanField(
        required=False,
        label=_("Yes, I want to try brain-signal training as an add-on"),
    )
    board = forms.ChoiceField(label=_("Headset"))
    protocol = forms.ChoiceField(
        label=_("Training type"), choices=list(PROTOCOL_NAMES.items()), widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, profile: Profile, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"opted_in": profile.opted_in, "board": profile.board, "protocol": profile.protocol},
        )
        super().__init__(*args, **kwargs)
        self.fields["board"].choices = services.board_choices()
        self.fields["protocol"].choices = [(k, PROTOCOL_NAMES[k]) for k in services.protocol_keys()]

    def save(self, patient: Any) -> Profile:
        return services.choose(
            patient,
            opted_in=self.cleaned_data["opted_in"],
            board=self.cleaned_data["board"],
            protocol=self.cleaned_data["protocol"],
        )
