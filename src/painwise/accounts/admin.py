from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest

from painwise.accounts.models import ApiToken, CareLink, User


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


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "key_hash", "created_at", "last_used_at")
    fields = ("user", "name", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tokens are shown once, so they are issued by `painwise token`
