from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "painwise.program"
    label = "program"

    def ready(self) -> None:
        from painwise.program import receivers, services  # noqa: F401 - connects the receivers
        from painwise.tracking.services import register_checkin_prefill

        register_checkin_prefill(services.checkin_prefill)
