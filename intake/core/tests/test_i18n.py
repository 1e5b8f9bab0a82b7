from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

BASE_DIR = Path(settings.BASE_DIR)
PO = BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def test_every_message_in_the_catalogue_has_a_french_translation():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []
    same_in_french = {"Administration"}
    copies = [
        e.msgid
        for e in po.translated_entries()
        if e.msgstr == e.msgid and len(e.msgid) > 12 and e.msgid not in same_in_french
    ]
    assert copies == [], "French must be real French, not copies of the English"


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="needs GNU gettext (make test installs it)"
)
def test_the_catalogue_covers_every_string_in_the_sources(tmp_path):
    """Extracts the strings again (as `make messages` does) into a copy and finds none missing."""
    locale = tmp_path / "locale"
    shutil.copytree(BASE_DIR / "locale", locale)
    for mo in locale.glob("**/*.mo"):
        mo.unlink()
    env = {**os.environ, "INTAKE_ENV": "test", "INTAKE_LOCALE_DIR": str(locale)}
    # makemessages writes to the project's own ./locale (its first locale path comes from the
    # working directory, whatever LOCALE_PATHS says): read what it wrote, then put the committed
    # catalogue back whatever happens.
    committed = PO.read_bytes()
    try:
        _makemessages(env)
        po = polib.pofile(str(PO))
    finally:
        PO.write_bytes(committed)
    missing = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
    assert missing == [], f"run `make messages` and translate: {missing}"


def _makemessages(env: dict[str, str]) -> None:
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            "--no-location",
            "--no-obsolete",
            "-i",
            ".venv/*",
            "-i",
            "e2e/*",
            "-i",
            "bench/*",
            "-i",
            "staticfiles/*",
        ],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.mark.django_db
def test_accept_language_decides_the_first_visit(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-BE,fr;q=0.9,en;q=0.5")
    assert response.headers["Content-Language"] == "fr"
    assert "Programme de stages de l" in response.content.decode()
    assert "Skip to main content" not in response.content.decode()


@pytest.mark.django_db
def test_the_switcher_choice_is_remembered_in_a_cookie_and_the_profile(client, make_user):
    response = client.post(reverse("set-language"), {"language": "fr", "next": "/newsletter/"})
    assert response["Location"] == "/newsletter/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").headers["Content-Language"] == "fr"
    user = make_user(email="switch@example.org", language="en")
    client.force_login(user)
    client.post(reverse("set-language"), {"language": "fr", "next": "/"})
    user.refresh_from_db()
    assert user.language == "fr"


@pytest.mark.django_db
def test_the_profile_language_applies_on_a_new_device(client, make_user):
    user = make_user(email="device@example.org", language="fr")
    client.force_login(user)
    response = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["Content-Language"] == "fr"


@pytest.mark.django_db
def test_the_switcher_ignores_unknown_languages_and_foreign_return_pages(client):
    response = client.post(
        reverse("set-language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "text"), [("en", "Page not found"), ("fr", "Page introuvable")])
def test_the_404_page_exists_in_both_languages(client, lang, text):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 404
    assert text in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("intake.core.tests.error_urls")
@pytest.mark.parametrize(
    ("lang", "text"), [("en", "Something went wrong"), ("fr", "Une erreur est survenue")]
)
def test_the_500_page_exists_in_both_languages(client, lang, text):
    client.raise_request_exception = False
    response = client.get("/broken/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 500
    assert text in response.content.decode()
    assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "text"), [("en", "Access refused"), ("fr", "Accès refusé")])
def test_the_403_page_exists_in_both_languages(lang, text):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("newsletter:subscribe"), {"email": "x@example.org"}, HTTP_ACCEPT_LANGUAGE=lang
    )
    assert response.status_code == 403
    assert text in response.content.decode()
