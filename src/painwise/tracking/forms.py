from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from painwise.clinical.tracking.checkin import MAX_MINUTES, MAX_SLEEP_HOURS, NEW_SYMPTOMS

SCALE_CHOICES = [(n, str(n)) for n in range(11)]

NEW_SYMPTOM_LABELS = {
    "saddle_numbness": _("Numbness between the legs or around the bottom"),
    "new_bladder_dysfunction": _("New trouble peeing, or leaking"),
    "bowel_incontinence_or_rectal_numbness": _("Loss of bowel control"),
    "new_sexual_dysfunction": _("New loss of sexual feeling or function"),
    "sciatica_both_legs": _("Pain shooting down both legs"),
    "progressive_leg_weakness": _("A leg getting weaker"),
    "gait_disturbance": _("Trouble walking normally"),
    "leg_numbness_or_tingling": _("New numbness or tingling in a leg"),
    "fever_or_chills": _("Fever or chills"),
    "unexplained_weight_loss": _("Losing weight without trying"),
    "constant_night_pain": _("Constant pain at night, whatever position"),
    "significant_trauma": _("A fall or injury to the back"),
}
assert tuple(NEW_SYMPTOM_LABELS) == NEW_SYMPTOMS


def scale_field(label: Any, help_text: Any = "", required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=SCALE_CHOICES,
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a number from 0 to 10.")},
    )


PAIN_HELP = _("0 = no pain, 10 = the worst pain you can imagine")


class CheckInForm(forms.Form):
    pain_now = scale_field(_("Pain right now"), PAIN_HELP, required=True)
    pain_average = scale_field(_("Pain on average today"), PAIN_HELP, required=True)
    stiffness = scale_field(_("Stiffness"), _("0 = not stiff, 10 = very stiff"))
    sleep_quality = scale_field(
        _("How well did you sleep last night?"), _("0 = very badly, 10 = very well")
    )
    sleep_hours = forms.DecimalField(
        label=_("Hours slept"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(MAX_SLEEP_HOURS),
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )
    stress = scale_field(_("Stress today"), _("0 = calm, 10 = very stressed"))
    mood = scale_field(_("Mood today"), _("0 = very low, 10 = very good"))
    confidence = scale_field(
        _("How confident do you feel about being active?"), _("0 = not at all, 10 = fully")
    )
    fear = scale_field(_("How afraid are you of moving?"), _("0 = not afraid, 10 = very afraid"))
    activity_minutes = forms.IntegerField(
        label=_("Minutes of activity today"),
        required=False,
        min_value=0,
        max_value=MAX_MINUTES,
        help_text=_("Walking, exercise, housework: anything that got you moving."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    practice_minutes = forms.IntegerField(
        label=_("Minutes of practice today"),
        required=False,
        min_value=0,
        max_value=MAX_MINUTES,
        help_text=_("Breathing, body scans, pain lessons and other brain-training."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    flare = forms.TypedChoiceField(
        label=_("Are you having a flare-up?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda v: v == "yes",
        initial="no",
        widget=forms.RadioSelect,
    )
    new_symptoms = forms.MultipleChoiceField(
        label=_("Anything new since your last check-in?"),
        help_text=_("Tick any that are new. Most days, none are."),
        choices=list(NEW_SYMPTOM_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Anything else? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    date = forms.DateField(
        label=_("The day this check-in is for"),
        required=False,
        help_text=_("Leave it as today, or choose an earlier day you missed."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def cleaned(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("sleep_hours") is not None:
            data["sleep_hours"] = float(data["sleep_hours"])
        return data


class CheckInEditForm(CheckInForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["date"]
        del self.fields["new_symptoms"]


class GoalsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, 6):
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Activity %(n)d") % {"n": i},
                max_length=120,
                required=(i == 1),
                help_text=_(
                    "For example: walk to the shops, lift my grandchild, sit through a film"
                )
                if i == 1
                else "",
            )
            self.fields[f"rating_{i}"] = scale_field(
                _("How well can you do activity %(n)d now?") % {"n": i},
                _("0 = not at all, 10 = as well as before the pain") if i == 1 else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, 6):
            if data.get(f"name_{i}") and data.get(f"rating_{i}") is None:
                self.add_error(f"rating_{i}", _("Please rate this activity."))
        return data


class WeeklyForm(forms.Form):
    peg_pain = scale_field(_("Your pain on average in the last week"), PAIN_HELP, required=True)
    peg_enjoyment = scale_field(
        _("How much did pain get in the way of enjoying life?"),
        _("0 = not at all, 10 = completely"),
        required=True,
    )
    peg_activity = scale_field(
        _("How much did pain get in the way of your daily activity?"),
        _("0 = not at all, 10 = completely"),
        required=True,
    )

    def __init__(self, *args: Any, goals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = scale_field(
                _("How well can you do this now: %(name)s") % {"name": goal.name},
                _("0 = not at all, 10 = as well as before the pain"),
                required=True,
            )

    def ratings(self) -> dict[int, int]:
        return {goal.pk: self.cleaned_data[f"goal_{goal.pk}"] for goal in self.goals}


class BeliefsForm(forms.Form):
    attribution_brain = forms.IntegerField(
        label=_("Where do you think your pain comes from now?"),
        help_text=_(
            "0 = all from damage in my body, 100 = all from my brain and nervous system. Any number in between."
        ),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "5"}),
    )
    fear_damage = scale_field(
        _("I am afraid that moving will damage my back."),
        _("0 = not true at all, 10 = completely true"),
        required=True,
    )
    fear_avoid = scale_field(
        _("I avoid movements because they might make the pain worse."),
        _("0 = not true at all, 10 = completely true"),
        required=True,
    )
    catastrophizing_cant_stop = scale_field(
        _("When it hurts, I cannot stop thinking about the pain."),
        _("0 = not true at all, 10 = completely true"),
        required=True,
    )
    catastrophizing_awful = scale_field(
        _("When it hurts, I feel it is awful and will only get worse."),
        _("0 = not true at all, 10 = completely true"),
        required=True,
    )


class ReminderForm(forms.Form):
    enabled = forms.BooleanField(
        label=_("Send me a daily email reminder to check in"), required=False
    )
    time = forms.TimeField(
        label=_("At what time?"),
        help_text=_("Your own local time."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
