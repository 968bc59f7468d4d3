from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class FriendlyNotFoundMiddleware:
    """In development (`make run`), a wrong address shows Painwise's own page, as in
    production, instead of the framework's technical page. The API keeps its JSON errors."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(("/api/", "/static/"))
        ):
            return render(request, "web/404.html", status=404)
        return response


class NoStoreMiddleware:
    """Pages and API answers for a signed-in person hold their health data: no browser or
    proxy may keep them (``Cache-Control: no-store``), so the next user of the same browser
    cannot see them. A response that set its own caching (static files, the service worker,
    the offline page that holds no one's data) keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store, private"
        return response
