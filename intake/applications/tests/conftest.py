"""Fixtures shared by the application tests."""

from __future__ import annotations

import pytest

from intake.applications.tests.factories import (
    add_documents,
    call_with_vacancies,
    complete_profile,
    draft_for,
)


@pytest.fixture
def ready(make_user, reference_data):
    """An eligible applicant with a complete profile, documents and a draft for two vacancies."""
    user = make_user(email="ines@example.org")
    call, vacancies = call_with_vacancies()
    complete_profile(user)
    add_documents(user)
    application = draft_for(user, call, vacancies[:2])
    return user, call, vacancies, application
