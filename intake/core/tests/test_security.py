from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.urls import reverse

from intake.accounts.roles import Role

BASE_DIR = Path(settings.BASE_DIR)
pytestmark = pytest.mark.django_db

STAFF_URLS = [
    "/backoffice/",
    "/backoffice/newsletter/",
    "/backoffice/newsletter/create/",
    "/backoffice/newsletter/subscribers.csv",
    "/admin/",
]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("url", STAFF_URLS[:-1])
def test_applicants_get_a_404_on_staff_pages(client, make_user, url):
    client.force_login(make_user(role=Role.APPLICANT))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", [r for r in Role if r != Role.APPLICANT])
def test_staff_must_enrol_totp_before_any_staff_page(client, make_user, role):
    user = make_user(role=role)
    client.force_login(user)
    for url in STAFF_URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:mfa-required")), url
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    assert client.get("/backoffice/").status_code == 200


@pytest.mark.parametrize(
    ("role", "newsletter_status"),
    [
        (Role.PROGRAMME_OFFICE, 200),
        (Role.ADMINISTRATOR, 200),
        (Role.HIRING_MANAGER, 404),
        (Role.CLEARANCE_OFFICER, 404),
        (Role.PI_OFFICER, 404),
        (Role.TEMP_RECRUITER, 404),
    ],
)
def test_only_the_programme_office_and_administrators_edit_the_newsletter(
    client, make_user, role, newsletter_status
):
    user = make_user(role=role)
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    assert client.get("/backoffice/newsletter/").status_code == newsletter_status
    assert client.get("/backoffice/newsletter/subscribers.csv").status_code == newsletter_status


def test_the_django_admin_is_for_administrators_with_totp(client, make_user):
    office = make_user(role=Role.PROGRAMME_OFFICE)
    TOTP.activate(office, "JBSWY3DPEHPK3PXP")
    client.force_login(office)
    assert client.get("/admin/").status_code == 302  # not staff for the admin: its login page
    admin = make_user(role=Role.ADMINISTRATOR)
    TOTP.activate(admin, "JBSWY3DPEHPK3PXP")
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


def test_sessions_are_kept_on_the_server():
    assert settings.SESSION_ENGINE in {
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cache",
        "django.contrib.sessions.backends.cached_db",
    }


def test_the_dev_mailbox_does_not_exist_outside_demo_mode(client, settings):
    settings.INTAKE_DEMO = False
    assert client.get("/dev/mailbox/").status_code == 404


def test_pages_send_a_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_check_deploy_passes_with_production_settings():
    env = {
        **os.environ,
        "INTAKE_ENV": "production",
        "INTAKE_DOTENV_FILE": "",
        "SECRET_KEY": "a-long-random-production-secret-key-that-is-not-real-0123456789abcdef",
        "ALLOWED_HOSTS": "intake.example.org",
        "INTAKE_HTTPS": "true",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    env.pop("INTAKE_DEMO", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests of this session
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "INTAKE_ENV": "production", "SECRET_KEY": "", "INTAKE_DOTENV_FILE": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
