from django.urls import path

from intake.applications import views

app_name = "applications"

urlpatterns = [path("", views.am_i_eligible, name="am-i-eligible")]
