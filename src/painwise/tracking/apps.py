from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "painwise.tracking"
    label = "tracking"
