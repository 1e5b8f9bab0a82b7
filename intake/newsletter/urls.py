from django.urls import path

from intake.newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("check-your-inbox/", views.check_inbox, name="check-inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("call-alert/", views.alert_subscribe_view, name="alert"),
    path("call-alert/confirm/<str:token>/", views.alert_confirm_view, name="alert-confirm"),
    path("call-alert/stop/<str:token>/", views.alert_stop_view, name="alert-stop"),
]
