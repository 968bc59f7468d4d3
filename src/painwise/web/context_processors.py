from typing import Any

from django.http import HttpRequest

from painwise import __version__
from painwise.assessment import crisis
from painwise.assessment.services import ProgramState
from painwise.clinical.assessment import Triage

# Templates compare with the same words as the code: {% if record.triage == Triage.EMERGENCY %}.
# (A dict, because Django templates would try to call an Enum class.)
TRIAGE = {level.name: level.value for level in Triage}
PROGRAM_STATE = {state.name: state.value for state in ProgramState}


def painwise(request: HttpRequest) -> dict[str, Any]:
    return {
        "painwise_version": __version__,
        "Triage": TRIAGE,
        "ProgramState": PROGRAM_STATE,
        "crisis_country": crisis.country(),
    }
