"""The Idempotency-Key header on every POST of the API (the convention of the IETF draft
"The Idempotency-Key HTTP Header Field"):

* the same key with the same request (method, path, body) returns the first answer again,
  with ``Idempotent-Replayed: true``, and stores nothing new;
* the same key with another request is refused (422, ``idempotency_key_reused``);
* the same key while the first request is still being answered: 409, try again shortly;
* keys are per user (another person's key is another key) and kept for a day by default.

An answer of 500 or more is not kept (nothing was stored: the work is rolled back with it)."""

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse

from painwise.accounts import idempotency
from painwise.api.auth import TokenAuth

HEADER = "HTTP_IDEMPOTENCY_KEY"
MAX_KEY = 255


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": code, "message": message, "fields": []}, status=status)


def _user(request: HttpRequest):  # type: ignore[no-untyped-def]
    if request.user.is_authenticated:
        return request.user
    scheme, _sep, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() == "bearer" and token:
        return TokenAuth().authenticate(request, token.strip())
    return None


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.META.get(HEADER)
        if key is None or request.method != "POST" or not request.path.startswith("/api/"):
            return self.get_response(request)
        if not key or len(key) > MAX_KEY or not key.isprintable():
            return _error(
                400,
                "invalid_idempotency_key",
                "Idempotency-Key must be 1 to 255 printable characters.",
            )
        user = _user(request)
        if user is None:
            return self.get_response(request)  # the API answers 401 itself
        body = request.body
        print_ = idempotency.fingerprint(request.method, request.get_full_path(), body)
        with transaction.atomic():
            found = idempotency.claim(user, key, print_)
            if found is None:
                response = self.get_response(request)
                if response.status_code >= 500:
                    transaction.set_rollback(True)
                    return response
                idempotency.answer(
                    user,
                    key,
                    response.status_code,
                    response.get("Content-Type", ""),
                    response.content,
                )
                return response
        if found.fingerprint != print_:
            return _error(
                422,
                "idempotency_key_reused",
                "This Idempotency-Key was already used for a different request. Use a new key "
                "for a new request.",
            )
        if found.status is None:
            return _error(
                409,
                "idempotency_key_in_use",
                "The first request with this key is still being answered. Try again in a moment.",
            )
        replay = HttpResponse(
            bytes(found.body),
            status=found.status,
            content_type=found.content_type or "application/json",
        )
        replay["Idempotent-Replayed"] = "true"
        return replay
