from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "painwise.web"
    label = "web"
    verbose_name = "Painwise web"
