"""The one gate in front of every patient page: red flags always win.

``@patient_page(...)`` signs the person in, lets only patients through (anyone else gets 404),
and then sends them where their safety requires before the page runs:

1. a crisis page they have not yet read (a self-harm answer) comes first, always;
2. without a finished intake, to the intake (pages of the intake itself pass);
3. after an emergency result, to the emergency page; after an urgent one too, unless the page
   allows it (``allow_urgent``: check-ins go on while the patient waits for a doctor, because
   the care team wants the data).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from painwise.accounts.decorators import patient_required
from painwise.assessment.services import ProgramState, program_status

View = Callable[..., HttpResponse]


def where_to(request: HttpRequest, *, allow_urgent: bool, intake: bool) -> HttpResponse | None:
    status = program_status(request.user)
    if status.crisis is not None:
        return redirect("assessment:crisis", pk=status.crisis.pk)
    if status.state == ProgramState.NEEDS_INTAKE and not intake:
        return redirect("assessment:start")
    if status.state == ProgramState.EMERGENCY or (
        status.state == ProgramState.URGENT and not allow_urgent
    ):
        return redirect("assessment:status")
    return None


def patient_page(*, allow_urgent: bool = False, intake: bool = False) -> Callable[[View], View]:
    """Gate a patient page. ``intake=True`` marks the intake's own pages (no redirect to the
    intake; red flags still stop it)."""

    def decorator(view: View) -> View:
        @patient_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            stop = where_to(request, allow_urgent=allow_urgent, intake=intake)
            if stop is not None:
                return stop
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
