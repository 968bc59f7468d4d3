from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "painwise.clinic"
    label = "clinic"

    def ready(self) -> None:
        from painwise.clinic import notes  # noqa: F401 - registers its audit actions
