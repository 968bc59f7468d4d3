"""The thought record: five short steps, each saved as it is answered (a draft until the last).
The thinking traps are explained in plain words, in our own wording."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from painwise.accounts.access import set_shared
from painwise.accounts.models import User
from painwise.audit import services as audit
from painwise.calm.models import ThoughtRecord, Trap
from painwise.lib import clock
from painwise.lib.errors import ConflictError
from painwise.lib.forms import text_field

audit.register(
    {
        "calm.thought_saved": gettext_lazy("Thought record step saved"),
        "calm.thought_shared": gettext_lazy("Thought record shared or unshared"),
    }
)

TRAP_HELP: dict[str, Promise] = {
    Trap.CATASTROPHIZING: gettext_lazy(
        "Jumping to the worst outcome: this pain means I will end up in a wheelchair."
    ),
    Trap.ALL_OR_NOTHING: gettext_lazy(
        "Seeing only two boxes: if I cannot do it all, I have failed."
    ),
    Trap.FORTUNE_TELLING: gettext_lazy(
        "Being sure how things will go: the walk will wreck my back."
    ),
    Trap.MIND_READING: gettext_lazy("Knowing what others think: they think I am making it up."),
    Trap.SHOULD: gettext_lazy("Strict rules for yourself: I should be able to push through."),
    Trap.LABELLING: gettext_lazy("A name instead of a fact: I am useless."),
    Trap.DISCOUNTING: gettext_lazy("Waving away what went well: that good day was just luck."),
    Trap.EMOTIONAL_REASONING: gettext_lazy(
        "Taking a feeling as proof: I feel scared, so it must be dangerous."
    ),
    Trap.OVERGENERALISING: gettext_lazy("One event becomes a rule: it always goes wrong for me."),
}


def percent(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=_("0 = not at all, 100 = as strong as it gets"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "5"}),
    )


def _needed(label: Promise, example: Promise | str = "") -> forms.CharField:
    return text_field(label, required=True, help_text=example)


class SituationForm(forms.Form):
    situation = _needed(
        gettext_lazy("What was happening?"),
        gettext_lazy(
            "Where were you, what were you doing? For example: bending to load the washing machine."
        ),
    )


class ThoughtForm(forms.Form):
    thought = _needed(
        gettext_lazy("What went through your mind?"),
        gettext_lazy(
            "The thought, in the words it came in. For example: I have damaged my back again."
        ),
    )
    emotion = forms.CharField(
        label=gettext_lazy("What did you feel?"),
        max_length=80,
        help_text=gettext_lazy("One word is enough: scared, angry, low."),
    )
    intensity_before = percent(gettext_lazy("How strong was the feeling?"))


class TrapsForm(forms.Form):
    traps = forms.MultipleChoiceField(
        label=gettext_lazy("Do any of these thinking traps fit? Choose any, or none."),
        choices=[(t.value, t.label) for t in Trap],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class EvidenceForm(forms.Form):
    evidence_for = _needed(gettext_lazy("What supports the thought?"))
    evidence_against = _needed(
        gettext_lazy("What does not fit with it?"),
        gettext_lazy("What would you tell a friend who had this thought? What happened last time?"),
    )


class BalancedForm(forms.Form):
    balanced = _needed(
        gettext_lazy("A more balanced thought"),
        gettext_lazy(
            "Something true that takes in both sides. For example: it hurts, and I have had "
            "flares before that settled."
        ),
    )
    intensity_after = percent(gettext_lazy("How strong is the feeling now?"))


@dataclass(frozen=True)
class Step:
    title: Promise
    form: type[forms.Form]

    @property
    def fields(self) -> tuple[str, ...]:
        """The record's fields this step fills: its form's fields."""
        return tuple(self.form.base_fields)


STEPS: tuple[Step, ...] = (
    Step(gettext_lazy("The situation"), SituationForm),
    Step(gettext_lazy("The thought and the feeling"), ThoughtForm),
    Step(gettext_lazy("Thinking traps"), TrapsForm),
    Step(gettext_lazy("The evidence"), EvidenceForm),
    Step(gettext_lazy("A balanced thought"), BalancedForm),
)


def first_open_step(record: ThoughtRecord) -> int:
    """Where a draft goes on: the step after the last one saved (1-based)."""
    return min(record.steps_done + 1, len(STEPS))


def start(patient: User) -> ThoughtRecord:
    return ThoughtRecord.objects.create(
        patient=patient, local_date=clock.local_today(patient.time_zone)
    )


@transaction.atomic
def save_step(patient: User, record_id: int, number: int, data: dict[str, Any]) -> ThoughtRecord:
    record = ThoughtRecord.objects.select_for_update().get(pk=record_id, patient=patient)
    if record.finished_at is not None:
        raise ConflictError(_("This thought record is finished. Start a new one for a new moment."))
    step = STEPS[number - 1]
    for name in step.fields:
        setattr(record, name, data[name])
    fields = [*step.fields, "steps_done"]
    record.steps_done = max(record.steps_done, number)
    if number == len(STEPS):
        record.finished_at = clock.now()
        fields.append("finished_at")
    record.save(update_fields=fields)
    audit.record(
        "calm.thought_saved", actor=patient, patient=patient, obj=record, data={"step": number}
    )
    return record


def share(patient: User, record_id: int, shared: bool) -> ThoughtRecord:
    rows = ThoughtRecord.objects.filter(patient=patient)
    return set_shared(patient, rows, record_id, shared, "calm.thought_shared")
