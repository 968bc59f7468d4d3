"""Sign-in throttling that cannot be turned against the person who owns the account.

* The client's address is the connection's, or, behind reverse proxies that the operator
  declares with PAINWISE_TRUSTED_PROXIES (their number), the address the outermost trusted
  proxy saw: the entry that many places from the right of X-Forwarded-For. A client cannot
  choose its address by sending its own header.
* django-axes locks an (email, address) pair after PAINWISE_LOGIN_FAILURE_LIMIT failures.
* Before any password is hashed (Argon2 is deliberately slow), two caps are checked on the
  failures of the last lockout period: per address across all accounts
  (PAINWISE_LOGIN_FAILURES_PER_ADDRESS) and per account across all addresses
  (PAINWISE_LOGIN_FAILURES_PER_ACCOUNT). The account cap does not lock the person out: it
  asks for a one-time sign-in link by email, and signing in with it clears the failures.
"""

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from painwise.lib import clock


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the outermost trusted proxy saw it (see the module)."""
    trusted = int(getattr(settings, "PAINWISE_TRUSTED_PROXIES", 0))
    remote = request.META.get("REMOTE_ADDR")
    if trusted <= 0:
        return remote
    chain = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    # The last `trusted` entries were added by our proxies; the one before them is the client
    # as the outermost proxy saw it. Anything further left was sent by the client itself.
    if len(chain) < trusted:
        return remote
    return chain[-trusted]


def _failures(**lookup: str | None) -> int:
    from axes.models import AccessAttempt

    since = clock.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(attempt_time__gte=since, **lookup).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return int(total or 0)


def address_over_cap(request: HttpRequest) -> bool:
    return _failures(ip_address=client_ip(request)) >= settings.PAINWISE_LOGIN_FAILURES_PER_ADDRESS


def account_over_cap(email: str) -> bool:
    return _failures(username__iexact=email) >= settings.PAINWISE_LOGIN_FAILURES_PER_ACCOUNT


def clear_account(email: str) -> None:
    """A sign-in by emailed link proves the person: their account's failures are forgotten."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.filter(username__iexact=email).delete()
