from typing import Any

from django.contrib import admin

from intake.programme.admin_mixins import PublicContentAdmin
from intake.programme.models import (
    Call,
    FieldOfStudy,
    OrganisationalUnit,
    Vacancy,
    VacancyLanguage,
    VacancyStatusChange,
)
from intake.programme.services import vacancy_changed


@admin.register(OrganisationalUnit)
class OrganisationalUnitAdmin(PublicContentAdmin, admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name_en", "name_fr"]
    filter_horizontal = ["hiring_managers"]


@admin.register(FieldOfStudy)
class FieldOfStudyAdmin(PublicContentAdmin, admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr"]


@admin.register(Call)
class CallAdmin(PublicContentAdmin, admin.ModelAdmin):
    list_display = ["year", "opens_at", "closes_at", "time_zone", "archived_at"]
    # Archived only from the back office, once every applicant has an outcome (selection).
    readonly_fields = ["archived_at"]


class VacancyLanguageInline(admin.TabularInline):
    model = VacancyLanguage
    extra = 1


class VacancyStatusChangeInline(admin.TabularInline):
    model = VacancyStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "reason", "at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Vacancy)
class VacancyAdmin(PublicContentAdmin, admin.ModelAdmin):
    """Texts are edited here; the status moves only through the back office's services."""

    list_display = [
        "reference",
        "title_en",
        "unit",
        "call",
        "status",
        "places",
        "intake",
        "telework",
    ]
    list_filter = ["call", "status", "unit", "intake", "telework"]
    search_fields = ["reference", "title_en", "title_fr"]
    readonly_fields = ["status", "published_at"]
    filter_horizontal = ["fields_of_study"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [VacancyLanguageInline, VacancyStatusChangeInline]

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        vacancy_changed(obj.call_id)

    def delete_model(self, request: Any, obj: Any) -> None:
        super().delete_model(request, obj)
        vacancy_changed(obj.call_id)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        calls = set(queryset.values_list("call_id", flat=True))
        super().delete_queryset(request, queryset)
        for call_id in calls:
            vacancy_changed(call_id)
