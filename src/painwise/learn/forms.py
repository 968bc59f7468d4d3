from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from painwise.clinical.learn.lessons import Lesson
from painwise.learn import services
from painwise.learn.models import EvidenceKind
from painwise.learn.services import TEXT_LIMITS
from painwise.lib.forms import text_field
from painwise.tracking import services as tracking
from painwise.tracking.forms import scale_field

PAIN_HELP = _("0 = no pain, 10 = the worst pain you can imagine")
FEAR_HELP = _("0 = not afraid at all, 10 = as afraid as I can be")
FEAR_100_HELP = _("0 = not afraid at all, 100 = as afraid as I can be")


def fear_100(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=FEAR_100_HELP,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "5"}),
        error_messages={"required": _("Please give a number from 0 to 100.")},
    )


def rating(label: Any, help_text: Any) -> forms.TypedChoiceField:
    return scale_field(label, help_text, required=True)


class CheckForm(forms.Form):
    """The lesson's two questions, built from the lesson file."""

    def __init__(self, *args: Any, lesson: Lesson, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lesson = lesson
        for n, question in enumerate(lesson.questions):
            self.fields[f"q{n}"] = forms.TypedChoiceField(
                label=question.prompt,
                choices=[(i, c.text) for i, c in enumerate(question.choices)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer.")},
            )

    def save(self, patient: Any) -> list[bool]:
        answers = [self.cleaned_data[f"q{n}"] for n in range(len(self.lesson.questions))]
        return services.finish_lesson(patient, self.lesson, answers)


class SomaticBeforeForm(forms.Form):
    pain_before = rating(_("How strong is the pain right now?"), PAIN_HELP)
    fear_before = rating(_("How worried or afraid of it are you right now?"), FEAR_HELP)

    def save(self, patient: Any) -> Any:
        return services.start_somatic(
            patient, self.cleaned_data["pain_before"], self.cleaned_data["fear_before"]
        )


class SomaticAfterForm(forms.Form):
    pain_after = rating(_("How strong is the pain now?"), PAIN_HELP)
    fear_after = rating(_("How worried or afraid of it are you now?"), FEAR_HELP)

    def __init__(self, *args: Any, session_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session_id = session_id

    def save(self, patient: Any) -> Any:
        return services.finish_somatic(
            patient,
            self.session_id,
            self.cleaned_data["pain_after"],
            self.cleaned_data["fear_after"],
        )


class JournalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What did you notice?"),
        choices=[(k, label) for k, label in EvidenceKind.choices if k != EvidenceKind.PATTERN],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you noticed.")},
    )
    text = text_field(
        _("Tell it in your own words"),
        help_text=_("For example: my back was fine all through the film."),
        required=True,
        max_length=TEXT_LIMITS["journal"],
    )
    shared = forms.BooleanField(label=_("Share this entry with my clinician"), required=False)

    def __init__(self, *args: Any, care_team: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not care_team:  # no one to share with: no promise of sharing
            del self.fields["shared"]

    def save(self, patient: Any) -> Any:
        data = self.cleaned_data
        return services.add_journal_entry(
            patient, data["kind"], data["text"], shared=data.get("shared", False)
        )


class StepForm(forms.Form):
    name = forms.CharField(
        label=_("A movement or activity you avoid"),
        help_text=_("For example: bending to pick up a sock."),
        max_length=TEXT_LIMITS["step"],
    )
    fear = fear_100(_("How afraid of it are you?"))

    def save(self, patient: Any) -> Any:
        return services.add_step(patient, self.cleaned_data["name"], self.cleaned_data["fear"])


class TrialBeforeForm(forms.Form):
    predicted_pain = rating(_("How much pain do you expect it to cause?"), PAIN_HELP)
    predicted_harm = text_field(
        _("What do you fear might happen?"),
        help_text=_("For example: my back will give way, or I will be in bed for days."),
        required=True,
        max_length=TEXT_LIMITS["harm"],
    )

    def __init__(self, *args: Any, step_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step_id = step_id

    def save(self, patient: Any) -> Any:
        data = self.cleaned_data
        return services.start_trial(
            patient, self.step_id, data["predicted_pain"], data["predicted_harm"]
        )


class TrialAfterForm(forms.Form):
    actual_pain = rating(_("How much pain did it cause?"), PAIN_HELP)
    what_happened = text_field(
        _("What happened?"), max_length=TEXT_LIMITS["happened"], help_text=_("Optional.")
    )
    fear_after = fear_100(_("How afraid of this step are you now?"))

    def __init__(self, *args: Any, trial_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.trial_id = trial_id

    def save(self, patient: Any) -> Any:
        data = self.cleaned_data
        return services.finish_trial(
            patient, self.trial_id, data["actual_pain"], data["what_happened"], data["fear_after"]
        )


class GoalForm(forms.Form):
    """A climbed ladder step becomes one of the activities the person wants back."""

    score = rating(
        _("How well can you do it now?"), _("0 = not at all, 10 = as well as before the pain")
    )

    def __init__(self, *args: Any, step: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step

    def save(self, patient: Any) -> Any:
        return tracking.add_goal(patient, self.step.name, self.cleaned_data["score"])
