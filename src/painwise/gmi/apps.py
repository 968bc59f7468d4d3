from django.apps import AppConfig


class GmiConfig(AppConfig):
    name = "painwise.gmi"
    label = "gmi"
    verbose_name = "Graded motor imagery"

    def ready(self) -> None:
        from painwise.gmi import practices

        practices.register()
