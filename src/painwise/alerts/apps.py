from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Alerts for the care team: raised by the area apps, read by the clinician's pages."""

    name = "painwise.alerts"
    label = "alerts"
    verbose_name = _("Alerts")
