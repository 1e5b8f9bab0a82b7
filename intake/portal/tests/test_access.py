"""Who may use the applicant's pages: an account, and an applicant's one."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_applicant_area_needs_an_account(client):
    response = client.get(reverse("apply:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_have_no_applicant_area(client, make_user):
    from allauth.mfa.totp.internal.auth import TOTP

    from intake.accounts.roles import Role

    staff = make_user(email="office@example.org", role=Role.PROGRAMME_OFFICE)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    client.force_login(staff)
    for name in ("apply:dashboard", "apply:profile", "apply:documents"):
        assert client.get(reverse(name)).status_code == 404
