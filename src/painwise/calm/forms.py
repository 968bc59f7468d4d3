import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from painwise.calm import services
from painwise.tracking.forms import scale_field

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def minutes(label: Any, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=1440,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class NightForm(forms.Form):
    night_of = forms.DateField(
        label=_("The night that began on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    bed_time = forms.TimeField(label=_("When did you go to bed?"), widget=TIME)
    minutes_to_sleep = minutes(_("About how many minutes did it take to fall asleep?"))
    wake_ups = forms.IntegerField(
        label=_("How many times did you wake up in the night?"), min_value=0, max_value=50
    )
    minutes_awake = minutes(
        _("About how many minutes were you awake in the night, in all?"),
        _("Not counting the time to fall asleep."),
    )
    final_wake = forms.TimeField(label=_("When did you wake up for the day?"), widget=TIME)
    out_of_bed = forms.TimeField(label=_("When did you get out of bed?"), widget=TIME)
    quality = scale_field(
        _("How well did you sleep?"), _("0 = very badly, 10 = very well"), required=True
    )

    def save(self, patient: Any) -> Any:
        data = dict(self.cleaned_data)
        night_of: dt.date = data.pop("night_of")
        return services.save_night(patient, night_of, data)
