import hashlib

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

import painwise
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


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _api(request):  # the API answers in its own error shape, in production too
        return JsonResponse(
            {"error": "not_found", "message": "There is no such address in the API.", "fields": []},
            status=404,
        )
    return render(request, "web/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _api(request):
        return JsonResponse(
            {"error": "server_error", "message": "Something went wrong on our side.", "fields": []},
            status=500,
        )
    # No context processors here: the error may have come from one of them.
    return HttpResponse(render_to_string("web/500.html"), status=500)


# --- the installable web app ----------------------------------------------------------------


SW_FILES = (
    "painwise/css/painwise.css",
    "painwise/js/outbox.js",
    "painwise/logo.svg",
    "painwise/favicon.svg",
    "painwise/icons.svg",
    "painwise/icon-192.png",
)


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the root so that it may look after every page."""
    # The cache's name follows the files it keeps (their names carry a hash of their content):
    # a new style sheet or script makes a new cache, and the old one is deleted on activation.
    kept = [static(name) for name in SW_FILES]
    assets = hashlib.sha256("".join(kept).encode()).hexdigest()[:12]
    body = render_to_string(
        "web/sw.js",
        {
            "version": f"{painwise.__version__}-{assets}",
            "kept": kept,
            "offline_url": reverse("offline_checkin"),
            "checkin_url": reverse("tracking:checkin"),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline_checkin(request: HttpRequest) -> HttpResponse:
    """The check-in page the service worker keeps for use without a network. It holds no
    one's data (it is the same for everyone), so it may be kept on the device."""
    response = render(request, "web/offline_checkin.html")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def csrf_json(request: HttpRequest) -> JsonResponse:
    """A CSRF token for a page script that sends what was kept offline."""
    return JsonResponse({"token": get_token(request)}, headers={"Cache-Control": "no-store"})
