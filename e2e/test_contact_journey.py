"""A visitor sends a question from the footer link; a field left wrong keeps the rest."""

from __future__ import annotations

import pytest
from django.core import mail

from intake.content.models import Question

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_send_a_question(page, run_worker, axe_check, settings):
    settings.PROGRAMME_MAILBOX = "internships@example.org"
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Ask a question").click()
    axe_check(page)
    page.get_by_label("Your name").fill("Sam Janssens")
    page.get_by_label("Your email address").fill("sam@example")
    page.get_by_label("Subject").fill("Start date")
    page.get_by_label("Your question").fill("When would a September placement start exactly?")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my question").click()
    assert page.locator("[data-error-summary]").is_visible()
    assert (
        page.get_by_label("Your question").input_value()
        == "When would a September placement start exactly?"
    )
    axe_check(page)
    page.get_by_label("Your email address").fill("sam@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my question").click()
    assert page.get_by_role("heading", name="Thank you, your question has been sent").is_visible()
    run_worker()
    assert Question.objects.get().email == "sam@example.org"
    assert [m.to for m in mail.outbox] == [["internships@example.org"], ["sam@example.org"]]
