import secrets
from decimal import Decimal
from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from painwise.accounts import idempotency
from painwise.clinical.tracking.checkin import (
    HOURS,
    MAX_MINUTES,
    MAX_SLEEP_HOURS,
    MINUTES,
    NEW_SYMPTOMS,
    REQUIRED,
    SCALE,
    VALUES,
    CheckInData,
)
from painwise.lib.errors import DomainError
from painwise.lib.forms import text_field
from painwise.tracking import services
from painwise.tracking.models import CheckIn

SCALE_CHOICES = [(n, str(n)) for n in range(11)]

# Labels for the check-in's red-flag symptoms (the list itself is declared in the core).
SYMPTOM_LABELS = {
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
SYMPTOM_CHOICES = [(name, SYMPTOM_LABELS[name]) for name in NEW_SYMPTOMS]


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
IN_THE_WAY = _("0 = not at all, 10 = completely")
AS_BEFORE = _("0 = not at all, 10 = as well as before the pain")
TRUE_FOR_ME = _("0 = not true at all, 10 = completely true")


def required_scale(label: Any, help_text: Any) -> forms.TypedChoiceField:
    return scale_field(label, help_text, required=True)


# How each daily value is asked (label, hint); the values themselves are the core's.
CHECKIN_WORDING: dict[str, tuple[Any, Any]] = {
    "pain_now": (_("Pain right now"), PAIN_HELP),
    "pain_average": (_("Pain on average today"), PAIN_HELP),
    "stiffness": (_("Stiffness"), _("0 = not stiff, 10 = very stiff")),
    "sleep_quality": (_("How well did you sleep last night?"), _("0 = very badly, 10 = very well")),
    "sleep_hours": (_("Hours slept"), ""),
    "stress": (_("Stress today"), _("0 = calm, 10 = very stressed")),
    "mood": (_("Mood today"), _("0 = very low, 10 = very good")),
    "confidence": (
        _("How confident do you feel about being active?"),
        _("0 = not at all, 10 = fully"),
    ),
    "fear": (_("How afraid are you of moving?"), _("0 = not afraid, 10 = very afraid")),
    "activity_minutes": (
        _("Minutes of activity today"),
        _("Walking, exercise, housework: anything that got you moving."),
    ),
    "practice_minutes": (
        _("Minutes of practice today"),
        _("Breathing, body scans, pain lessons and other brain-training."),
    ),
}


def value_field(name: str) -> forms.Field:
    """The form field for one of the core's daily values."""
    label, hint = CHECKIN_WORDING[name]
    if name in REQUIRED:
        hint = ""  # the page says once what 0 and 10 mean, above both
    kind = VALUES[name]
    if kind == SCALE:
        return scale_field(label, hint, required=name in REQUIRED)
    if kind == HOURS:
        return forms.DecimalField(
            label=label,
            required=False,
            min_value=Decimal(0),
            max_value=Decimal(MAX_SLEEP_HOURS),
            decimal_places=1,
            widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
        )
    assert kind == MINUTES
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_MINUTES,
        help_text=hint,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class CheckInForm(forms.Form):
    flare = forms.TypedChoiceField(
        label=_("Are you having a flare-up?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda v: v == "yes",
        initial="no",
        widget=forms.RadioSelect,
    )
    new_symptoms = forms.MultipleChoiceField(
        label=_("What is new since your last check-in?"),
        help_text=_("Tick any that are new."),
        choices=SYMPTOM_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = text_field(_("Anything else? (optional)"))
    date = forms.DateField(
        label=_("The day this check-in is for"),
        required=False,
        help_text=_("Leave it as today, or choose an earlier day you missed."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    # A one-time token: a double tap or a form sent again saves once (accounts/idempotency).
    once = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        values = {name: value_field(name) for name in VALUES}
        self.fields = {**values, **self.fields}
        if not self.is_bound:
            self.initial.setdefault("once", secrets.token_urlsafe(18))

    def values(self) -> dict[str, Any]:
        """The cleaned answers as plain values (decimals as floats), for the service."""
        data = dict(self.cleaned_data)
        data.pop("once", None)
        if data.get("sleep_hours") is not None:
            data["sleep_hours"] = float(data["sleep_hours"])
        return data

    def cleaned(self) -> CheckInData:
        data = {k: v for k, v in self.values().items() if v is not None}
        return CheckInData.model_validate(data)

    def save(self, patient: Any) -> services.SavedCheckIn:
        token = self.cleaned_data.get("once")
        if not token:
            return services.save_checkin(patient, self.cleaned())
        key = f"form:checkin:{token}"
        with transaction.atomic():
            first = idempotency.claim(patient, key, "form:checkin")
            if first is not None:  # sent before: show where the first one went, save nothing
                earlier = CheckIn.objects.filter(pk=int(bytes(first.body) or b"0"), patient=patient)
                if earlier.exists():
                    return services.SavedCheckIn(earlier.get(), None)
                raise DomainError(_("This check-in was already sent."))
            saved = services.save_checkin(patient, self.cleaned())
            idempotency.answer(patient, key, 200, "text/plain", str(saved.checkin.pk).encode())
        return saved


class CheckInEditForm(CheckInForm):
    def __init__(self, *args: Any, entry: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entry = entry
        del self.fields["once"]
        del self.fields["date"]
        del self.fields["new_symptoms"]

    def save(self, patient: Any) -> Any:  # type: ignore[override]
        return services.edit_checkin(self.entry.pk, patient, self.values())


class GoalsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, 6):
            self.fields[f"name_{i}"] = text_field(
                _("Activity %(n)d") % {"n": i},
                rows=1,
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
                AS_BEFORE if i == 1 else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, 6):
            if data.get(f"name_{i}") and data.get(f"rating_{i}") is None:
                self.add_error(f"rating_{i}", _("Please rate this activity."))
        return data

    def save(self, patient: Any) -> Any:
        data = self.cleaned_data
        names = [data.get(f"name_{i}", "") for i in range(1, 6)]
        return services.save_goals(patient, names, [data.get(f"rating_{i}") for i in range(1, 6)])


class WeeklyForm(forms.Form):
    peg_pain = required_scale(_("Your pain on average in the last week"), PAIN_HELP)
    peg_enjoyment = required_scale(
        _("How much did pain get in the way of enjoying life?"), IN_THE_WAY
    )
    peg_activity = required_scale(
        _("How much did pain get in the way of your daily activity?"), IN_THE_WAY
    )

    def __init__(self, *args: Any, goals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = required_scale(
                _("How well can you do this now: %(name)s") % {"name": goal.name}, AS_BEFORE
            )

    def peg(self) -> tuple[int, int, int]:
        data = self.cleaned_data
        return (data["peg_pain"], data["peg_enjoyment"], data["peg_activity"])

    def ratings(self) -> dict[int, int]:
        return {goal.pk: self.cleaned_data[f"goal_{goal.pk}"] for goal in self.goals}

    def save(self, patient: Any) -> Any:
        return services.save_weekly(patient, peg=self.peg(), ratings=self.ratings())


class BeliefsForm(forms.Form):
    attribution_causes = text_field(
        _("What do you think causes your back pain?"),
        help_text=_("In your own words. Name up to three things, if you like."),
        max_length=500,
    )
    attribution_brain = forms.IntegerField(
        label=_("Where do you think your pain comes from now?"),
        help_text=_(
            "0 = all from damage in my body, 100 = all from my brain and nervous system. Any number in between."
        ),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "5"}),
    )
    fear_damage = required_scale(_("I am afraid that moving will damage my back."), TRUE_FOR_ME)
    fear_avoid = required_scale(
        _("I avoid movements because they might make the pain worse."), TRUE_FOR_ME
    )
    catastrophizing_cant_stop = required_scale(
        _("When it hurts, I cannot stop thinking about the pain."), TRUE_FOR_ME
    )
    catastrophizing_awful = required_scale(
        _("When it hurts, I feel it is awful and will only get worse."), TRUE_FOR_ME
    )

    def save(self, patient: Any) -> Any:
        return services.save_beliefs(patient, self.cleaned_data)


class ReminderForm(forms.Form):
    enabled = forms.BooleanField(
        label=_("Send me a daily email reminder to check in"), required=False
    )
    time = forms.TimeField(
        label=_("At what time?"),
        help_text=_("Your own local time."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def save(self, patient: Any) -> None:
        services.update_reminders(patient, **self.cleaned_data)
