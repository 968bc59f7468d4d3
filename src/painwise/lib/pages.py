"""The shape every form page shares: show the form; on a valid POST, save through a service;
a rule the service enforces (DomainError) is shown beside its field and nothing is saved;
on success, say so and move on (post, redirect, get)."""

import json
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from painwise.lib.errors import DomainError


def posted(request: HttpRequest) -> Any:
    """The POST data to bind a form to, or None for a GET."""
    return request.POST if request.method == "POST" else None


def refuse(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal beside the field it concerns (or above the form)."""
    form.add_error(error.field if error.field in form.fields else None, str(error))


def save_form(
    request: HttpRequest, form: Any, done: Any, then: str | Callable[[Any], str]
) -> HttpResponse | None:
    """Save a valid posted ``form`` (its ``save(person)`` calls the service) and redirect to
    ``then`` (a URL name, or a function of what ``save`` returned); None when the page should
    be shown again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = form.save(request.user)
    except DomainError as exc:
        refuse(form, exc)
        return None
    if done:
        messages.success(request, done)
    return redirect(then(result) if callable(then) else then)


def act(request: HttpRequest, action: Callable[[], object], done: Any) -> bool:
    """A one-button action (a POST with no page of its own): run it through its service and
    say what happened, ``done`` or the service's refusal."""
    try:
        action()
    except DomainError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, done)
    return True


def form_page(
    request: HttpRequest,
    form: Any,
    template: str,
    context: dict[str, Any],
    done: Any,
    then: str | Callable[[Any], str],
) -> HttpResponse:
    """A whole form page: ``save_form``, or the page (``form`` added to ``context``)."""
    return save_form(request, form, done, then) or render(
        request, template, {**context, "form": form}
    )


def start_page(
    request: HttpRequest, form: Any, template: str, context: dict[str, Any], then: str
) -> HttpResponse:
    """A form that starts something (a session, an experiment) and then opens its own page:
    ``then`` is that page's URL name, given the new row's primary key."""
    return form_page(request, form, template, context, "", lambda row: reverse(then, args=[row.pk]))


def finish_page(
    request: HttpRequest,
    session: Any,
    form: Any,
    template: str,
    context: dict[str, Any],
    done: Any,
    then: str,
) -> HttpResponse:
    """The page that finishes a practice session (its ratings after): once the session is
    finished, opening the page again goes on to ``then`` (a URL or its name); otherwise the
    form, which saves once and then goes there too."""
    if session.finished_at is not None and request.method == "GET":
        return redirect(then)
    return form_page(request, form, template, {"session": session, **context}, done, then)


def download(body: bytes | str, name: str, content_type: str) -> HttpResponse:
    """A file to save, named ``name``."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def json_body(request: HttpRequest) -> dict[str, Any] | None:
    """A page script's JSON object, or None when the body is not one (bad JSON, not UTF-8, a
    list or a number)."""
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def json_reply(
    request: HttpRequest, handle: Callable[[dict[str, Any]], dict[str, Any]], unreadable: str
) -> JsonResponse:
    """Answer a page script's JSON call with what ``handle`` makes of the body's object. An
    unreadable body gets 400 and ``unreadable``; a refusal gets 409 (the state forbids it) or
    422 (the input breaks a rule) and the service's message, and changed nothing; a row the
    person cannot see is 404."""
    data = json_body(request)
    if data is None:
        return JsonResponse({"message": unreadable}, status=400)
    try:
        return JsonResponse(handle(data))
    except ObjectDoesNotExist as exc:
        raise Http404("Not found") from exc
    except DomainError as exc:
        return JsonResponse({"message": str(exc)}, status=409 if exc.kind == "conflict" else 422)
