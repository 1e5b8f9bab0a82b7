from django.contrib import admin

from intake.content.models import FaqEntry, FaqTopic, Page, StipendRate


@admin.register(StipendRate)
class StipendRateAdmin(admin.ModelAdmin):
    list_display = ["year", "monthly_amount"]


@admin.register(FaqTopic)
class FaqTopicAdmin(admin.ModelAdmin):
    list_display = ["slug", "title_en", "title_fr", "order"]


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["question_en", "topic", "order", "published"]
    list_filter = ["topic", "published"]
    search_fields = ["question_en", "question_fr", "answer_en", "answer_fr"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["slug", "title_en", "title_fr", "updated_at"]
