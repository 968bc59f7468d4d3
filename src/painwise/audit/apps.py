from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "painwise.audit"
    label = "audit"
