from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "painwise.assessment"
    label = "assessment"
