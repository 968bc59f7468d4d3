from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from painwise.accounts.access import clinicians_of
from painwise.accounts.models import Role
from painwise.assessment import crisis


def home(request: HttpRequest) -> HttpResponse:
    """The front door: visitors get the welcome page, people get their own home."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "web/home.html")
    if user.role == Role.PATIENT:
        return redirect("program:today")
    if user.role == Role.CLINICIAN:
        return redirect("clinic:home")
    return redirect("admin:index")


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")


def help_now(request: HttpRequest) -> HttpResponse:
    """Crisis lines and emergency numbers: open to everyone, linked from every page."""
    user = request.user
    context = {
        "resources": crisis.resources(),
        "countries": crisis.other_countries(),
        "clinicians": list(clinicians_of(user)) if user.is_authenticated else [],
        "nav": "help",
    }
    return render(request, "web/help.html", context)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors here: the error may have come from one of them.
    return HttpResponse(render_to_string("web/500.html"), status=500)
