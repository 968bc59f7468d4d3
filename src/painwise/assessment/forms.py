"""Forms for each intake step, built from the question list (questions.py)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from painwise.assessment import questions as Q
from painwise.assessment import services
from painwise.assessment.regions import REGION_CHOICES
from painwise.clinical.assessment.intake import WEEKS_PER_UNIT
from painwise.lib.forms import text_field

WEEKS_PER = {unit: Decimal(str(weeks)) for unit, weeks in WEEKS_PER_UNIT.items()}
YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No"))]
AGREE_CHOICES = [("agree", _("Agree")), ("disagree", _("Disagree"))]


def field_name(key: str) -> str:
    return key.replace(".", "__")


def _yes_no(question: Q.Question, choices: list[tuple[str, Any]], true_value: str) -> forms.Field:
    return forms.TypedChoiceField(
        label=Q.label_for(question),
        help_text=question.help,
        choices=choices,
        coerce=lambda value: value == true_value,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please answer this question.")},
    )


def _scale(question: Q.Question, choices: list[tuple[int, Any]]) -> forms.Field:
    return forms.TypedChoiceField(
        label=Q.label_for(question),
        help_text=question.help,
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose an answer.")},
    )


def build_field(question: Q.Question) -> forms.Field:
    kind = question.kind
    label = Q.label_for(question)
    if kind == Q.YES_NO:
        return _yes_no(question, YES_NO_CHOICES, "yes")
    if kind == Q.AGREE:
        return _yes_no(question, AGREE_CHOICES, "agree")
    if kind == Q.TICK:
        return forms.BooleanField(label=label, help_text=question.help, required=False)
    if kind == Q.SCALE10:
        return _scale(question, [(n, str(n)) for n in range(11)])
    if kind == Q.FREQ:
        return _scale(question, Q.FREQ_CHOICES)
    if kind == Q.BOTHER:
        return _scale(question, Q.BOTHER_CHOICES)
    if kind in (Q.AGE, Q.ONSET_AGE):  # the age now must be given; the age at onset may not be
        return forms.IntegerField(
            label=label,
            help_text=question.help,
            required=kind == Q.AGE,
            min_value=0,
            max_value=120,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
    if kind == Q.REGIONS:
        return forms.MultipleChoiceField(
            label=label,
            help_text=question.help,
            choices=REGION_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
    if kind == Q.DISTRIBUTION:
        return forms.ChoiceField(
            label=label,
            help_text=question.help,
            choices=Q.DISTRIBUTION_CHOICES,
            widget=forms.RadioSelect,
            error_messages={"required": _("Please choose an answer.")},
        )
    raise ValueError(f"unknown question kind {kind}")


class StepForm(forms.Form):
    """One intake step. ``answers()`` returns the step's answers keyed by intake path."""

    step: Q.Step

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in self.step.questions:
            if question.kind == Q.DURATION:
                self.fields["duration_amount"] = forms.DecimalField(
                    label=Q.label_for(question),
                    help_text=question.help,
                    min_value=Decimal(0),
                    max_value=Decimal(5000),
                    decimal_places=1,
                    widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
                )
                self.fields["duration_unit"] = forms.ChoiceField(
                    label=_("Counted in"),
                    choices=[("weeks", _("weeks")), ("months", _("months")), ("years", _("years"))],
                    widget=forms.RadioSelect,
                    initial="months",
                )
            else:
                self.fields[field_name(question.key)] = build_field(question)

    def clean_age(self) -> int:
        age = self.cleaned_data["age"]
        if age < 18:
            raise ValidationError(
                _(
                    "Painwise is for adults. If you are under 18, please talk to your family "
                    "doctor about your back pain."
                ),
                code="under_18",
            )
        return age

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        onset = data.get("inflammatory__back_pain_onset_age")
        if onset is not None:
            data["inflammatory__onset_before_35"] = onset < 35
        return data

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        out: dict[str, Any] = {}
        for question in self.step.questions:
            if question.kind == Q.DURATION:
                amount, unit = data["duration_amount"], data["duration_unit"]
                weeks = (amount * WEEKS_PER[unit]).quantize(Decimal("0.1"))
                out[question.key] = float(weeks)
                out["pain_duration_unit"] = unit  # sentences repeat it in the person's unit
                out["_duration"] = {"amount": str(amount), "unit": unit}
            else:
                out[question.key] = data[field_name(question.key)]
        return out


def form_class(step: Q.Step) -> type[StepForm]:
    return type(f"{step.slug.title().replace('-', '')}Form", (StepForm,), {"step": step})


def initial_from(step: Q.Step, answers: dict[str, Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for question in step.questions:
        if question.kind == Q.DURATION:
            if "_duration" in answers:
                initial["duration_amount"] = answers["_duration"]["amount"]
                initial["duration_unit"] = answers["_duration"]["unit"]
            continue
        if question.key not in answers:
            continue
        value = answers[question.key]
        if question.kind == Q.YES_NO:
            value = "yes" if value else "no"
        elif question.kind == Q.AGREE:
            value = "agree" if value else "disagree"
        initial[field_name(question.key)] = value
    return initial


class SeenByDoctorForm(forms.Form):
    """For someone with no linked clinician: a doctor has checked the warning signs."""

    seen_on = forms.DateField(
        label=_("When did a doctor check you?"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    seen_by = text_field(
        _("Who checked you?"),
        rows=1,
        required=True,
        max_length=200,
        help_text=_("For example: Dr Patel at the emergency department of St Mary's Hospital."),
    )
    confirm = forms.BooleanField(
        label=_(
            "A doctor checked these warning signs and said it is safe for me to go on with a "
            "gentle program."
        ),
        error_messages={"required": _("Please tick this only if a doctor said so.")},
    )

    def __init__(self, *args: Any, record: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.record = record

    def save(self, patient: Any) -> None:
        services.confirm_seen_by_doctor(
            self.record, seen_on=self.cleaned_data["seen_on"], seen_by=self.cleaned_data["seen_by"]
        )
