import datetime as dt
from typing import Any

from django.http import HttpRequest

from painwise.alerts.models import Alert, AlertKind
from painwise.lib import clock

# After a self-harm answer, "Help now" stays at the top of every page for this long.
HELP_SHOWN_FOR = dt.timedelta(days=90)


def safety(request: HttpRequest) -> dict[str, Any]:
    """Crisis help in the header for a patient who gave a self-harm answer (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.role != "patient":
        return {}
    recent = Alert.objects.filter(
        patient=user, kind=AlertKind.SAFETY, created_at__gte=clock.now() - HELP_SHOWN_FOR
    )
    return {"help_prominent": recent.exists()}
