from django.urls import path

from intake.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("security/required/", views.mfa_required, name="mfa-required"),
    path("password/reset/code/", views.password_reset_code, name="password-reset-code"),
    path("password/reset/code/resend/", views.password_reset_resend, name="password-reset-resend"),
    path("password/reset/new/", views.password_reset_set, name="password-reset-set"),
    path("password/reset/done/", views.password_reset_done, name="password-reset-done"),
]
