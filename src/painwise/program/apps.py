from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "painwise.program"
    label = "program"
