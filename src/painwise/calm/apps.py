from django.apps import AppConfig


class CalmConfig(AppConfig):
    name = "painwise.calm"
    label = "calm"
    verbose_name = "Calm and cope"

    def ready(self) -> None:
        from painwise.calm import practices
        from painwise.tracking.services import register_checkin_prefill

        practices.register()
        register_checkin_prefill(practices.checkin_prefill)
