from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from intake.accounts import views as account_views
from intake.api.api import api
from intake.core import views as core_views
from intake.site import views as site_views

admin.site.site_header = "Intake"

urlpatterns = [
    path("", site_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("language/", account_views.set_language, name="set-language"),
    # Intake's reset by code replaces allauth's reset by link (same URL name, listed first).
    path(
        "accounts/password/reset/",
        account_views.password_reset_request,
        name="account_reset_password",
    ),
    path("accounts/", include("intake.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("newsletter/", include("intake.newsletter.urls")),
    path("references/", include("intake.portal.referee_urls")),
    path("vacancies/", include("intake.programme.urls")),
    path("eligibility/", include("intake.applications.urls")),
    path("apply/", include("intake.portal.urls")),
    path("", include("intake.content.urls")),
    path("backoffice/", include("intake.backoffice.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

if settings.INTAKE_DEMO or settings.TESTING:
    urlpatterns += [
        path("dev/mailbox/", core_views.dev_mailbox, name="dev-mailbox"),
        path("dev/mailbox/<int:pk>/", core_views.dev_mailbox_message, name="dev-mailbox-message"),
    ]

if settings.BENCH_VIEWS:
    from intake.core.bench_views import bare_upload

    urlpatterns += [path("bench/bare-upload", bare_upload, name="bench-bare-upload")]
handler404 = "intake.core.views.not_found"
