"""axe-core on every placement page not walked by the journeys, in English and French: the
clearance officer's authorities, an authority's form, the delegations; a delegation's cases and
one case; a division's placements; a referee's link when unknown."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from e2e.test_newsletter_journey import SECRET
from e2e.test_selection_journey import staff_log_in
from intake.accounts.roles import Role
from intake.placements.models import DelegationMember
from intake.placements.tests.factories import placement_for

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_placement_pages_pass_axe(page, make_user, axe_check, tab_to, language):
    placement = placement_for(make_user(email="cand@example.org"), nationalities=("PT",))
    officer = make_user(role=Role.CLEARANCE_OFFICER, email="officer@example.org", language=language)
    TOTP.activate(officer, SECRET)
    staff_log_in(page, officer, "/backoffice/clearance/authorities/", tab_to)
    assert page.locator("html").get_attribute("lang") == language
    for path in (
        "/backoffice/clearance/authorities/",
        "/backoffice/clearance/authorities/PT/",
        "/backoffice/clearance/delegations/",
        "/backoffice/",
    ):
        page.goto(path)
        axe_check(page)
    page.context.clear_cookies()
    contact = make_user(role=Role.DELEGATION, email="d@example.org", language=language)
    DelegationMember.objects.create(user=contact, country="PT")
    TOTP.activate(contact, SECRET)
    staff_log_in(page, contact, "/backoffice/delegation/", tab_to)
    axe_check(page)
    page.goto(f"/backoffice/delegation/{placement.pk}/")
    assert page.locator("[data-state]").is_visible(), page.locator("main").inner_text()[:500]
    axe_check(page)
    page.context.clear_cookies()
    manager = make_user(role=Role.HIRING_MANAGER, email="hm@example.org", language=language)
    placement.vacancy.unit.hiring_managers.add(manager)
    TOTP.activate(manager, SECRET)
    staff_log_in(page, manager, "/backoffice/division/placements/", tab_to)
    assert page.locator(f"[data-placement='{placement.pk}']").is_visible()
    axe_check(page)
    page.context.clear_cookies()
    page.goto("/references/not-a-real-link/")
    assert page.locator("[data-link=unknown]").is_visible()
    axe_check(page)
