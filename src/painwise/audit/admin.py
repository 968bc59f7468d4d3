from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from painwise.audit import services as audit
from painwise.audit.models import AuditEntry
from painwise.lib.tables import csv_download

# What an export holds: ids, roles, actions and times, never an entry's data.
CSV = (
    "id",
    "created_at",
    "action",
    "actor_ref",
    "actor_role",
    "patient_ref",
    "object_type",
    "object_id",
)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail is read-only, for everyone, forever. Staff see who did what and when,
    never an entry's data (it can hold clinical details, such as a triage result)."""

    list_display = ("created_at", "action", "actor", "patient", "object_type", "object_id")
    fields = (
        "created_at",
        "action",
        "actor",
        "actor_ref",
        "actor_role",
        "patient",
        "patient_ref",
        "object_type",
        "object_id",
    )
    readonly_fields = fields
    list_filter = ("action", "actor_role")
    actions = ["export_csv"]
    search_fields = ("actor__email", "patient__email", "action")
    date_hierarchy = "created_at"

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        audit.record(
            "audit.read",
            actor=request.user,
            data={"view": "list", "query": request.GET.urlencode()[:200]},
        )
        return super().changelist_view(request, extra_context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        audit.record(
            "audit.read", actor=request.user, data={"view": "entry", "entry": str(object_id)[:20]}
        )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="Export the selected entries as CSV")
    def export_csv(self, request: HttpRequest, queryset: QuerySet[AuditEntry]) -> HttpResponse:
        """The trail as a spreadsheet, with ids and roles, without the entries' data (which
        can hold clinical details). The export itself is recorded."""
        rows = queryset.order_by("created_at", "pk")
        audit.record(
            "audit.read", actor=request.user, data={"view": "export", "count": rows.count()}
        )
        lines = (
            [e.created_at.isoformat() if name == "created_at" else getattr(e, name) for name in CSV]
            for e in rows.iterator(chunk_size=2000)
        )
        return csv_download("painwise-audit.csv", CSV, lines)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
