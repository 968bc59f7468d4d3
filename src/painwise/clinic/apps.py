from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "painwise.clinic"
    label = "clinic"
