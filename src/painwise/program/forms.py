from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from painwise.clinical.program.plan import MAX_MINUTES, MIN_MINUTES
from painwise.lib.forms import text_field
from painwise.program import services
from painwise.program.exercises import EXERCISES
from painwise.program.labels import MODULE_NAMES, activity_label


class AmountForm(forms.Form):
    """A tolerance test or an activity log: an amount in the activity's unit."""

    track = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.FloatField(
        label=_("How much?"),
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )


class FlarePlanForm(forms.Form):
    what_helps = text_field(
        _("What helps me when I have a flare-up"),
        help_text=_(
            "For example: a warm shower, slow breathing, a short gentle walk, my favourite music."
        ),
    )
    what_to_reduce = text_field(_("What I will do less of for a few days (not stop)"))
    who_to_call = text_field(_("Who I can call for support"), rows=2)
    staple_exercises = forms.MultipleChoiceField(
        label=_("My staple exercises for flare days"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(e.slug, e.name) for e in EXERCISES],
    )

    def save(self, patient: Any) -> Any:
        return services.save_flare_plan(patient, self.cleaned_data)


class PreferencesForm(forms.Form):
    daily_minutes = forms.IntegerField(
        label=_("Minutes a day for practice and exercises"),
        min_value=MIN_MINUTES,
        max_value=MAX_MINUTES,
        help_text=_("Your activity quota comes on top of this."),
    )
    exercises = forms.MultipleChoiceField(
        label=_("My exercises"),
        widget=forms.CheckboxSelectMultiple,
        choices=[(e.slug, e.name) for e in EXERCISES],
        help_text=_("Swap in the ones you prefer. Choose 2 to 6."),
    )

    def clean_exercises(self) -> list[str]:
        chosen = self.cleaned_data["exercises"]
        if not 2 <= len(chosen) <= 6:
            raise forms.ValidationError(_("Choose between 2 and 6 exercises."))
        return chosen

    def save(self, patient: Any) -> Any:
        return services.build_for(
            patient, actor=patient, source="patient", preferences=self.cleaned_data
        )


class AdjustForm(forms.Form):
    """What a clinician can change: any part of the plan."""

    daily_minutes = forms.IntegerField(
        label=_("Daily minutes"), min_value=MIN_MINUTES, max_value=MAX_MINUTES
    )
    modules = forms.MultipleChoiceField(
        label=_("Modules switched off"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )
    exercises = forms.MultipleChoiceField(
        label=_("Exercises"),
        widget=forms.CheckboxSelectMultiple,
        choices=[(e.slug, e.name) for e in EXERCISES],
    )

    activities = forms.MultipleChoiceField(
        label=_("Graded activities"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each has its own baseline week, goal and quota."),
    )
    review_date = forms.DateField(
        label=_("Review date"),
        required=False,
        help_text=_("Empty: the plan's own review date."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = text_field(
        _("Why this change?"),
        rows=2,
        required=True,
        help_text=_("Kept with the new version of the plan, with your name."),
    )

    def __init__(self, data: Any, *, patient: Any, plan: Any) -> None:
        initial = {
            "daily_minutes": plan.data["daily_minutes"] if plan else 15,
            "modules": plan.preferences.get("switched_off", []) if plan else [],
            "exercises": plan.data["exercises"] if plan else [],
            "activities": [a["key"] for a in plan.data["activities"]] if plan else ["walking"],
            "review_date": plan.review_date if plan else None,
        }
        super().__init__(data, initial=initial)
        self.patient = patient
        self.fields["modules"].choices = [(key, str(name)) for key, name in MODULE_NAMES.items()]
        self.fields["activities"].choices = [
            (key, activity_label(key)) for key in services.ACTIVITY_KEYS
        ]
        self.done = _("Plan saved as a new version.")

    def save(self, clinician: Any) -> Any:
        data = self.cleaned_data
        preferences = {
            "daily_minutes": data["daily_minutes"],
            "switched_off": data["modules"],
            "exercises": data["exercises"],
            "activities": data["activities"],
        }
        return services.build_for(
            self.patient,
            actor=clinician,
            source="clinician",
            preferences=preferences,
            reason=data["reason"],
            # The date shown is the current one; only a changed date is the clinician's choice.
            review_date=None
            if data["review_date"] == self.initial["review_date"]
            else data["review_date"],
        )


class TrackForm(forms.Form):
    """A clinician's change to one activity: its goal, baseline and weekly step."""

    goal = forms.FloatField(label=_("Goal"), min_value=0.1)
    baseline = forms.FloatField(
        label=_("Baseline (leave empty to use the patient's tests)"), required=False, min_value=0.1
    )
    weekly_increment = forms.TypedChoiceField(
        label=_("Weekly step"),
        coerce=float,
        choices=[(0.05, "5%"), (0.10, "10%"), (0.15, "15%"), (0.20, "20%")],
    )
    reason = text_field(_("Why this change?"), rows=1, required=True)

    def __init__(self, data: Any, *, track: Any) -> None:
        initial = {
            "goal": track.goal,
            "baseline": track.baseline,
            "weekly_increment": track.weekly_increment,
        }
        super().__init__(data, initial=initial, prefix=f"t{track.pk}")
        self.track = track
        self.label = activity_label(track.key)
        self.done = _("%(a)s saved.") % {"a": self.label}

    def save(self, clinician: Any) -> None:
        data = self.cleaned_data
        services.adjust_track(
            self.track,
            by=clinician,
            goal=data["goal"],
            baseline=data["baseline"],
            weekly_increment=data["weekly_increment"],
            reason=data["reason"],
        )
