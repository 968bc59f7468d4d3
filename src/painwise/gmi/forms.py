from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from painwise.gmi import services
from painwise.gmi.imagery import SCRIPTS
from painwise.gmi.models import Feedback
from painwise.tracking.forms import scale_field

PAIN_HELP = _("0 = no pain, 10 = the worst pain you can imagine")


class StartForm(forms.Form):
    parts = forms.ChoiceField(
        label=_("What would you like to judge?"),
        choices=[
            ("back", _("Backs and necks")),
            ("hands", _("Hands")),
            ("feet", _("Feet")),
        ],
        initial="back",
        widget=forms.RadioSelect,
    )
    size = forms.TypedChoiceField(
        label=_("How many pictures?"),
        choices=[(20, "20"), (30, "30"), (40, "40"), (50, "50")],
        coerce=int,
        initial=services.DEFAULT_SIZE,
        widget=forms.RadioSelect,
    )
    feedback = forms.ChoiceField(
        label=_("When do you want to see if you were right?"),
        choices=Feedback.choices,
        initial=Feedback.EACH,
        widget=forms.RadioSelect,
    )

    def save(self, patient: Any) -> Any:
        data = self.cleaned_data
        return services.start_session(patient, data["parts"], data["size"], data["feedback"])


class ImageryStartForm(forms.Form):
    movement = forms.ChoiceField(
        label=_("Which movement will you imagine?"),
        choices=[(s.key, s.title) for s in sorted(SCRIPTS.values(), key=lambda s: s.grade)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a movement to imagine.")},
    )
    pain_before = scale_field(_("How strong is the pain right now?"), PAIN_HELP, required=True)

    def save(self, patient: Any) -> Any:
        data = self.cleaned_data
        return services.start_imagery(patient, data["movement"], data["pain_before"])


class ImageryAfterForm(forms.Form):
    pain_after = scale_field(_("How strong is the pain now?"), PAIN_HELP, required=True)
    vividness = scale_field(
        _("How clearly could you imagine the movement?"),
        _("0 = not at all, 10 = as clear as real"),
        required=True,
    )
    threat = scale_field(
        _("How threatening did the imagined movement feel?"),
        _("0 = not at all, 10 = very threatening"),
        required=True,
    )

    def __init__(self, *args: Any, session_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session_id = session_id

    def save(self, patient: Any) -> Any:
        d = self.cleaned_data
        return services.finish_imagery(
            patient, self.session_id, d["pain_after"], d["vividness"], d["threat"]
        )
