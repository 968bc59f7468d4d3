from django.apps import AppConfig


class CalmConfig(AppConfig):
    name = "painwise.calm"
    label = "calm"
    verbose_name = "Calm and cope"

    def ready(self) -> None:
        from painwise.calm import practices

        practices.register()
