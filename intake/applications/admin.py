from django.contrib import admin

from intake.applications.models import MemberCountry


@admin.register(MemberCountry)
class MemberCountryAdmin(admin.ModelAdmin):
    list_display = ["code", "joined_on", "left_on"]
