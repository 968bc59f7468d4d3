from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from painwise.accounts.decorators import patient_required
from painwise.web import clock


@patient_required
def today(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "program/today.html",
        {"nav": "today", "today": clock.local_today(user.time_zone)},
    )
