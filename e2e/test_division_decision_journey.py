"""The division's decision form in a real browser (issue #12): only the vacancy's intakes, no
decision chosen at first, Record without a decision says so and records nothing; keyboard only,
every page passes axe-core."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from e2e.test_newsletter_journey import SECRET
from e2e.test_selection_journey import staff_log_in
from intake.accounts.roles import Role
from intake.applications.pipeline import Stage
from intake.core.models import AuditEvent
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection.models import Consideration
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def options(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(f"{selector} option", "els => els.map(e => e.value)")


def test_a_hiring_manager_records_a_decision_only_once_chosen(page, make_user, axe_check, tab_to):
    # Given a candidate released for two of the unit's vacancies: March only, and either intake
    call, _ = call_with_vacancies(n=0)
    unit = make_unit("unit-a")
    march = make_vacancy(call, unit, reference="A-01", intake="march")
    either = make_vacancy(call, unit, reference="A-02", intake="either")
    application = in_pipeline(
        make_user(email="c@example.org"), call, [march, either], stage="released"
    )
    manager = make_user(role=Role.HIRING_MANAGER, email="hm@example.org", first_name="Hanna")
    unit.hiring_managers.add(manager)
    TOTP.activate(manager, SECRET)
    # When their hiring manager opens the candidate's page
    staff_log_in(page, manager, f"/backoffice/division/candidates/{application.pk}/", tab_to)
    axe_check(page)
    # Then each form offers only its vacancy's intakes, and no decision is chosen
    assert options(page, f"#intake-{march.pk}") == ["", "march"]
    assert options(page, f"#intake-{either.pk}") == ["", "march", "september"]
    for vacancy in (march, either):
        assert page.locator(f"#status-{vacancy.pk}").input_value() == ""
    audit = AuditEvent.objects.count()
    # When they press Record (keyboard only) without choosing a decision
    tab_to(page, "[data-decision-form='A-02'] button[type=submit]", max_presses=150)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Then the page says so, by the form, and nothing is recorded
    error = page.locator("[data-decision-form='A-02'] [data-decision-error]")
    assert error.get_attribute("role") == "alert"
    assert "Choose a decision first: nothing was recorded." in error.inner_text()
    assert page.locator(f"#status-{either.pk}").get_attribute("aria-invalid") == "true"
    axe_check(page)
    assert not Consideration.objects.exists() and AuditEvent.objects.count() == audit
    application.refresh_from_db()
    assert application.stage == Stage.RELEASED
    # When they choose "Shortlisted" with the keyboard and press Record
    tab_to(page, f"#status-{either.pk}", max_presses=150)
    page.keyboard.press("ArrowDown")  # from "— Choose a decision —" to the first decision
    assert page.locator(f"#status-{either.pk}").input_value() == "shortlisted"
    tab_to(page, "[data-decision-form='A-02'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Then it is recorded, and the form starts again with no decision chosen
    assert page.locator("[data-decision-form='A-02'] [data-decision=shortlisted]").is_visible()
    assert page.locator(f"#status-{either.pk}").input_value() == ""
    assert Consideration.objects.get().status == Consideration.Status.SHORTLISTED
    application.refresh_from_db()
    assert application.stage == Stage.SHORTLISTED
