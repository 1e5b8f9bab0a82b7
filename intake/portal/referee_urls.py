from django.urls import path

from intake.portal.views import referee

app_name = "references"

urlpatterns = [path("<str:token>/", referee.referee_form, name="form")]
