from django.contrib import admin

from intake.content.models import FaqEntry, FaqTopic, Page, StipendRate
from intake.programme.admin_mixins import PublicContentAdmin


@admin.register(StipendRate)
class StipendRateAdmin(PublicContentAdmin, admin.ModelAdmin):
    list_display = ["year", "monthly_amount"]


@admin.register(FaqTopic)
class FaqTopicAdmin(PublicContentAdmin, admin.ModelAdmin):
    list_display = ["slug", "title_en", "title_fr", "order"]


@admin.register(FaqEntry)
class FaqEntryAdmin(PublicContentAdmin, admin.ModelAdmin):
    list_display = ["question_en", "topic", "order", "published"]
    list_filter = ["topic", "published"]
    search_fields = ["question_en", "question_fr", "answer_en", "answer_fr"]


@admin.register(Page)
class PageAdmin(PublicContentAdmin, admin.ModelAdmin):
    list_display = ["slug", "title_en", "title_fr", "updated_at"]
