from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def check_custom_protocol(**_kwargs: Any) -> list[checks.CheckMessage]:
    """A clinic's own protocol that cannot run is found by `painwise check`, not mid-session."""
    from painwise.neurofeedback import services

    try:
        services.custom_terms()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="painwise.E101")]
    return []


class NeurofeedbackConfig(AppConfig):
    name = "painwise.neurofeedback"
    label = "neurofeedback"
    verbose_name = "EEG neurofeedback"

    def ready(self) -> None:
        from painwise.neurofeedback import practices

        practices.register()
        checks.register(check_custom_protocol)
