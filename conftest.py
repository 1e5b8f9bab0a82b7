"""Fixtures shared by every test: people made through services, and the real task worker."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from intake.accounts.roles import Role
from intake.accounts.services import user_create

GOOD_PASSWORD = "Brussels-Intern#2026x"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits live in the cache: every test starts with none used (and no member list
    kept from another test's database)."""
    from intake.applications.selectors import members_changed

    cache.clear()
    members_changed()
    yield
    cache.clear()
    members_changed()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request served in French (the test client
    runs it in this thread) leaves French active after it."""
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def make_user(db):
    counter = {"n": 0}

    def make(
        *,
        email: str | None = None,
        role: Role = Role.APPLICANT,
        language: str = "en",
        password: str = GOOD_PASSWORD,
        first_name: str = "Ines",
        last_name: str = "Peeters",
    ):
        counter["n"] += 1
        return user_create(
            email=email or f"person{counter['n']}@example.org",
            password=password,
            first_name=first_name,
            last_name=last_name,
            language=language,
            role=role,
            verified=True,
        )

    return make


@pytest.fixture
def run_worker(transactional_db):
    """Runs the real background worker until the queue is empty (django-tasks-db, batch mode).

    The worker commits and closes connections as in production, so tests that use it run on a
    transactional database rather than inside one rolled-back transaction.
    """

    def run() -> None:
        call_command("run_worker", "--batch")

    return run


@pytest.fixture
def mailbox():
    """What the worker delivered (the test runner swaps the transport for Django's locmem)."""
    from django.core import mail

    class Box:
        def all(self):
            return list(mail.outbox)

        def to(self, email: str):
            return [m for m in mail.outbox if email in m.to]

        def last_to(self, email: str):
            messages = self.to(email)
            assert messages, f"no email was delivered to {email}"
            return messages[-1]

    return Box()


@pytest.fixture
def reference_data(db):
    """The data migrations' rows (member countries, FAQ, pages, clearance authorities), which a
    transactional test's flush removes: loaded again by the same migration functions."""
    import importlib

    from django.apps import apps

    for module in (
        "intake.applications.migrations.0002_nato_members",
        "intake.content.migrations.0002_seed_faq_and_pages",
        "intake.placements.migrations.0002_clearance_authorities",
        "intake.onboarding.migrations.0002_entry_rules",
        "intake.onboarding.migrations.0003_entry_rules_seed",
    ):
        importlib.import_module(module).seed(apps, None)
