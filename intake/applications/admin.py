from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from intake.applications.models import Application, MemberCountry, Submission


@admin.register(MemberCountry)
class MemberCountryAdmin(admin.ModelAdmin):
    list_display = ["code", "joined_on", "left_on"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Applications change only through their services (audited): the admin only reads."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["reference", "call", "stage", "version", "submitted_at", "eligible"]
    list_filter = ["call", "stage", "eligible"]
    search_fields = ["reference"]
    exclude = ["draft"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["application", "version", "submitted_at", "eligible"]
