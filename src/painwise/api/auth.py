"""API authentication: the browser session (with CSRF) or a bearer token."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from painwise.accounts.models import ApiToken
from painwise.lib import clock


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # The idempotency middleware may have looked this token up already for this request.
        known = getattr(request, "_painwise_bearer", None)
        if known is not None and known[0] == token:
            return known[1]
        now = clock.now()
        found = (
            ApiToken.objects.select_related("user")
            .filter(
                key_hash=ApiToken.hash_key(token),
                revoked_at__isnull=True,
                created_at__gt=now - ApiToken.lifetime(),
            )
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        # Touch last_used_at at most once a minute: a busy client must not write on every call.
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request._painwise_bearer = (token, found.user)  # type: ignore[attr-defined]
        return found.user


# The token first: a request that carries a bearer token is not a browser session, and must not
# be held to the session's CSRF check. Browser requests (no Authorization header) fall through to
# the session, where CSRF applies.
session_or_token = [TokenAuth(), django_auth]
