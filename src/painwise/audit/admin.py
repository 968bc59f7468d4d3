import csv
import io
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from painwise.audit import services as audit
from painwise.audit.models import AuditEntry


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
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "id",
                "created_at",
                "action",
                "actor_ref",
                "actor_role",
                "patient_ref",
                "object_type",
                "object_id",
            ]
        )
        for e in rows.iterator(chunk_size=2000):
            writer.writerow(
                [
                    e.pk,
                    e.created_at.isoformat(),
                    e.action,
                    e.actor_ref,
                    e.actor_role,
                    e.patient_ref,
                    e.object_type,
                    e.object_id,
                ]
            )
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="painwise-audit.csv"'
        return response

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
