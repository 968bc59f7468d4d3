from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest

from painwise.accounts.models import ApiToken, CareLink, Team, User
from painwise.audit import services as audit

# Fields of an account whose change the audit trail records (who may do what).
WATCHED = ("email", "role", "is_active", "is_staff", "is_superuser")


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name", "role", "time_zone")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class CareLinkInline(admin.TabularInline):
    model = CareLink
    fk_name = "patient"
    extra = 0
    autocomplete_fields = ["clinician"]
    verbose_name = "treating clinician"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Staff create clinician accounts here and link patients to clinicians."""

    add_form = UserCreationForm
    form = UserEditForm
    ordering = ("email",)
    list_display = ("email", "display_name", "role", "is_active", "date_joined")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("email", "display_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("display_name", "role", "time_zone")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "display_name",
                    "role",
                    "time_zone",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    filter_horizontal = ("groups",)
    inlines = [CareLinkInline]

    def get_inlines(self, request: HttpRequest, obj: User | None) -> list[type]:
        return [CareLinkInline] if obj is not None and obj.is_patient else []

    # Every change staff make to accounts and care links is in the audit trail, with who made
    # it: links grant access to health data at once, and roles decide what a person may do.

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        before = User.objects.filter(pk=obj.pk).values(*WATCHED).first() if change else None
        super().save_model(request, obj, form, change)
        after = {name: getattr(obj, name) for name in WATCHED}
        if before is None:
            audit.record("admin.user_created", actor=request.user, obj=obj, data={"role": obj.role})
        elif changed := {k: [before[k], v] for k, v in after.items() if before[k] != v}:
            audit.record("admin.user_changed", actor=request.user, obj=obj, data=changed)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for link in formset.deleted_objects:
            audit.record(
                "admin.care_link_removed",
                actor=request.user,
                patient=link.patient,
                obj=link,
                data={"clinician_ref": link.clinician_id},
            )
            link.delete()
        for link in instances:
            new = link.pk is None
            link.save()
            audit.record(
                "admin.care_link_added" if new else "admin.care_link_changed",
                actor=request.user,
                patient=link.patient,
                obj=link,
                data={"clinician_ref": link.clinician_id},
            )
        formset.save_m2m()

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        """The confirmation lists the accounts and how many records go with them, never the
        records themselves: their names can be clinical (a goal, a triage result), and staff
        run the service, they do not read health data."""
        _to_delete, model_count, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        accounts = [str(user) for user in objs]
        total = sum(model_count.values())
        return accounts, {"records (all of the account's data)": total}, perms_needed, protected

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        _record_deletion(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            _record_deletion(request, user)
        super().delete_queryset(request, queryset)


def _record_deletion(request: HttpRequest, user: User) -> None:
    audit.record(
        "admin.user_deleted",
        actor=request.user,
        patient=user if user.is_patient else None,
        obj=user,
        data={"user_ref": user.pk, "role": user.role},
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "key_hash", "created_at", "last_used_at")
    fields = ("user", "name", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tokens are shown once, so they are issued by `painwise token`


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    """Staff set up teams of clinicians; a patient's clinician then shares the patient with a
    team they belong to (from the patient's page). Staff see which patients are shared, not
    their data."""

    list_display = ("name", "created_at")
    search_fields = ("name",)
    filter_horizontal = ("members",)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "members":
            kwargs["queryset"] = User.objects.filter(role="clinician", is_active=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
