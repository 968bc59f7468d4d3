from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from painwise.clinical.program.plan import MAX_MINUTES, MIN_MINUTES
from painwise.program.exercises import EXERCISES


class AmountForm(forms.Form):
    """A tolerance test or an activity log: an amount in the activity's unit."""

    track = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.FloatField(
        label=_("How much?"),
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )


class FlarePlanForm(forms.Form):
    what_helps = forms.CharField(
        label=_("What helps me when I have a flare-up"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: a warm shower, slow breathing, a short gentle walk, my favourite music."
        ),
    )
    what_to_reduce = forms.CharField(
        label=_("What I will do less of for a few days (not stop)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    who_to_call = forms.CharField(
        label=_("Who I can call for support"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    staple_exercises = forms.MultipleChoiceField(
        label=_("My staple exercises for flare days"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(e.slug, e.name) for e in EXERCISES],
    )


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

    def __init__(
        self,
        *args: Any,
        modules: list[tuple[str, str]],
        activities: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["modules"].choices = modules
        self.fields["activities"].choices = activities


class TrackForm(forms.Form):
    goal = forms.FloatField(label=_("Goal"), min_value=0.1)
    baseline = forms.FloatField(
        label=_("Baseline (leave empty to use the patient's tests)"), required=False, min_value=0.1
    )
    weekly_increment = forms.TypedChoiceField(
        label=_("Weekly step"),
        coerce=float,
        choices=[(0.05, "5%"), (0.10, "10%"), (0.15, "15%"), (0.20, "20%")],
    )
