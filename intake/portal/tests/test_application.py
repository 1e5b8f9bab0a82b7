"""The application through HTTP: the working copy, autosave, review, submit, receipt."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.applications.models import Application, Document, Submission
from intake.applications.tests.factories import (
    LETTER,
    add_documents,
    call_with_vacancies,
    complete_profile,
    draft_for,
)
from intake.programme.selectors import call_current

pytestmark = pytest.mark.django_db


def _choice_post(vacancies, letters=None, n=3, **extra):
    data = {"choice-TOTAL_FORMS": str(n), "choice-INITIAL_FORMS": "0"}
    for i in range(n):
        data[f"choice-{i}-vacancy"] = str(vacancies[i].pk) if i < len(vacancies) else ""
        data[f"choice-{i}-letter"] = (letters or [LETTER] * n)[i] if i < len(vacancies) else ""
    data.update(extra)
    return data


def test_the_form_and_its_autosave_keep_the_draft(client, applicant):
    call, vacancies = call_with_vacancies()
    page = client.get(reverse("apply:edit", args=[call.year]) + f"?vacancy={vacancies[1].pk}")
    assert page.status_code == 200
    assert re.search(rf'<option value="{vacancies[1].pk}" selected', page.content.decode())
    response = client.post(
        reverse("apply:autosave", args=[call.year]), _choice_post(vacancies[:1], ["Mon texte"])
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    application = Application.objects.get(applicant=applicant)
    assert application.draft["choices"][0] == {"vacancy": vacancies[0].pk, "letter": "Mon texte"}
    page = client.get(reverse("apply:edit", args=[call.year])).content.decode()
    assert "Mon texte" in page and "2 words · 1 paragraph —" in page


def test_after_the_deadline_the_form_is_refused_and_what_was_typed_is_shown_again(
    client, applicant
):
    call, vacancies = call_with_vacancies()
    draft_for(applicant, call, vacancies[:1])
    call.closes_at = timezone.now() - timedelta(seconds=1)
    call.save()
    response = client.post(
        reverse("apply:edit", args=[call.year]), _choice_post(vacancies[:1], ["Typed late"])
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "has passed" in page and "Typed late" in page
    response = client.post(
        reverse("apply:autosave", args=[call.year]), _choice_post(vacancies[:1], ["x"])
    )
    assert response.status_code == 409 and "has passed" in response.json()["message"]
    assert Application.objects.get().draft["choices"][0]["letter"] == LETTER


def test_review_shows_why_an_applicant_is_not_eligible(client, applicant):
    call, vacancies = call_with_vacancies()
    complete_profile(applicant, nationality="CH")
    draft_for(applicant, call, vacancies[:1])
    page = client.get(reverse("apply:review", args=[call.year])).content.decode()
    assert 'data-verdict="ineligible"' in page
    assert re.search(r'data-rule="nationality" data-passed="false"', page)
    assert "NATO member country" in page and "Missing documents" in page
    response = client.post(
        reverse("apply:review", args=[call.year]),
        {"key": str(uuid.uuid4()), "declaration": "on", "consent": "on"},
    )
    assert response.status_code == 400 and Submission.objects.count() == 0


def test_submit_twice_with_the_same_key_makes_one_submission(client, applicant):
    call, vacancies = call_with_vacancies()
    complete_profile(applicant)
    add_documents(applicant)
    draft_for(applicant, call, vacancies[:2])
    key = str(uuid.uuid4())
    form = {"key": key, "declaration": "on", "consent": "on"}
    first = client.post(reverse("apply:review", args=[call.year]), form)
    second = client.post(reverse("apply:review", args=[call.year]), form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("apply:receipt", args=[call.year])
    assert Submission.objects.count() == 1
    receipt = client.get(first["Location"]).content.decode()
    application = Application.objects.get()
    assert application.reference in receipt and "Brussels time" in receipt
    pdf = client.get(reverse("apply:receipt-pdf", args=[call.year]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    dashboard = client.get(reverse("apply:dashboard")).content.decode()
    assert 'data-progress="under_review"' in dashboard
    assert 'data-step="submitted" data-state="done"' in dashboard
    assert 'data-step="screening" data-state="upcoming"' in dashboard


def test_another_applicants_receipt_is_not_reachable(client, applicant, make_user):
    call, vacancies = call_with_vacancies()
    other = make_user(email="other@example.org")
    complete_profile(other)
    add_documents(other)
    draft_for(other, call, vacancies[:1])
    from intake.applications import services

    services.application_submit(
        call_year=call.year,
        user=other,
        key=uuid.uuid4(),
        declaration=True,
        consent=True,
        moment=timezone.now(),
    )
    assert client.get(reverse("apply:receipt", args=[call.year])).status_code == 404
    assert client.get(reverse("apply:receipt-pdf", args=[call.year])).status_code == 404
    assert client.get(reverse("apply:withdraw", args=[call.year])).status_code == 404


def test_an_autosave_that_is_not_a_draft_form_is_refused_without_touching_the_draft(
    client, applicant
):
    call, vacancies = call_with_vacancies()
    draft_for(applicant, call, vacancies[:1])
    response = client.post(reverse("apply:autosave", args=[call.year]), {"choice-0-letter": "x"})
    assert response.status_code == 400 and response.json()["saved"] is False
    assert Application.objects.get().draft["choices"][0]["letter"] == LETTER


def test_the_demo_applicant_can_apply_at_once(settings, reference_data):
    from django.core.management import call_command

    from intake.accounts.models import User
    from intake.applications import services

    settings.INTAKE_DEMO = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    user = User.objects.get(email="applicant@demo.intake.test")
    call = call_current()
    assert call.state() == "open"
    facts = services.applicant_facts(user).data
    verdict, _day = services.application_verdict(call=call, facts=facts)
    assert verdict.eligible, verdict.failed()
    assert Document.objects.filter(owner=user).count() == 2
