from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "painwise.tracking"
    label = "tracking"

    def ready(self) -> None:
        from painwise.tracking import diary, jobs  # noqa: F401 - periodic jobs, audit actions
