from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from painwise.accounts.decorators import patient_required
from painwise.assessment.services import program_status
from painwise.web import clock


def gate(request: HttpRequest) -> HttpResponse | None:
    """Red flags always win: no program content until the assessment allows it."""
    status = program_status(request.user)
    if status.crisis is not None:
        return redirect("assessment:crisis", pk=status.crisis.pk)
    if status.state == "needs_intake":
        return redirect("assessment:start")
    if status.state in ("emergency", "urgent"):
        return redirect("assessment:status")
    return None


@patient_required
def today(request: HttpRequest) -> HttpResponse:
    if (stop := gate(request)) is not None:
        return stop
    user = request.user
    return render(
        request,
        "program/today.html",
        {"nav": "today", "today": clock.local_today(user.time_zone)},
    )
