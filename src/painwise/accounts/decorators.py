"""Decorators that gate pages by role. Outsiders get 404 from the access layer; these only
route signed-in people to the part of Painwise that is theirs."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from painwise.accounts.models import Role

View = Callable[..., HttpResponse]


def role_required(role: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.role != role:
                raise Http404("Not here")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


patient_required = role_required(Role.PATIENT)
clinician_required = role_required(Role.CLINICIAN)
