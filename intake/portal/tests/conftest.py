"""Fixtures of the portal's page tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def applicant(make_user, reference_data, client):
    user = make_user(email="ines@example.org")
    client.force_login(user)
    return user
