from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db import transaction

from intake.accounts.models import User
from intake.core.audit import audit_record


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name", "language", "role")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    def save_model(self, request, obj, form, change):
        """A change of role is a decision on an account: it is audited."""
        previous = (
            User.objects.filter(pk=obj.pk).values_list("role", flat=True).first()
            if change
            else None
        )
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if previous != obj.role:
                audit_record(
                    action="user.role_changed",
                    actor=request.user,
                    target=obj,
                    request=request,
                    before=previous or "",
                    after=str(obj.role),
                )

    """Staff accounts are created here; the password policy applies (AUTH_PASSWORD_VALIDATORS)."""

    add_form = UserCreationForm
    form = UserEditForm
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "role",
        "language",
        "is_active",
        "last_login",
    ]
    list_filter = ["role", "is_active", "language"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "language")}),
        ("Access", {"fields": ("role", "is_active", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "first_name",
                    "last_name",
                    "language",
                    "role",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
