from typing import Any

from django.http import HttpRequest

from painwise.lib import clock
from painwise.tracking.services import checked_in_on


def checkin_banner(request: HttpRequest) -> dict[str, Any]:
    """The in-app reminder: a patient who has not checked in today sees a banner (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.role != "patient":
        return {}
    if request.resolver_match is not None and request.resolver_match.namespace in (
        "tracking",
        "assessment",
    ):
        return {}
    today = clock.local_today(user.time_zone)
    return {"checkin_due": not checked_in_on(user, today)}
