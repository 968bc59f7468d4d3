from django.contrib import admin
from django.http import HttpRequest

from painwise.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail is read-only, for everyone, forever."""

    list_display = ("created_at", "action", "actor", "patient", "object_type", "object_id")
    list_filter = ("action",)
    search_fields = ("actor__email", "patient__email", "action")
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
