"""The eligibility review: it cannot confirm an application whose last submission lacks a
required document or fact (issue #12), unless the office overrides with a reason, which is
kept on the review, in the history and in the audit log."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from intake.accounts.roles import Role
from intake.applications.facts import confirmation_gaps
from intake.applications.models import StageChange, Submission
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.models import AuditEvent
from intake.selection import review
from intake.selection.models import EligibilityReview
from intake.selection.moves import selection_move_locked
from intake.selection.tests.factories import call_with_vacancies, complete_snapshot, in_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, make_user):
    user = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")  # staff pages ask for a second factor
    client.force_login(user)
    return user


@pytest.fixture
def bare(make_user):
    """An application at "assessment completed" whose submission had no document and no date
    of birth (as seen in the issue)."""
    call, vacancies = call_with_vacancies()
    user = make_user(email="bare@example.org")
    application = in_pipeline(user, call, vacancies[:1], stage=Stage.ASSESSMENT_COMPLETED)
    snapshot = complete_snapshot(user, vacancies[:1], "Letter")
    snapshot["documents"] = []
    snapshot["profile"]["date_of_birth"] = None
    Submission.objects.filter(application=application).update(snapshot=snapshot)
    return application


def _traces():
    return (
        StageChange.objects.count(),
        AuditEvent.objects.count(),
        EligibilityReview.objects.count(),
    )


def _all_checks(application):
    return [k for k, _label in review.checklist(application.submissions.get().snapshot)]


def test_what_a_confirmation_lacks_is_read_from_the_submitted_facts():
    assert confirmation_gaps(None) == ["date_of_birth", "nationalities", "cv", "degree"]
    snapshot = complete_snapshot(
        type("U", (), {"first_name": "", "last_name": "", "email": ""}), [], ""
    )
    assert confirmation_gaps(snapshot) == []
    snapshot["documents"] = [d for d in snapshot["documents"] if d["kind"] == "cv"]
    assert confirmation_gaps(snapshot) == ["proof_of_studies"]
    snapshot["documents"][0]["language"] = "nl"
    assert confirmation_gaps(snapshot) == ["proof_of_studies", "translation"]


def test_the_review_cannot_confirm_an_application_whose_documents_are_missing(client, office, bare):
    # Given an application without documents or date of birth, every checklist item ticked
    url = reverse("backoffice:eligibility-review", args=[bare.pk])
    page = client.get(reverse("backoffice:application", args=[bare.pk])).content.decode()
    assert "data-gaps" in page and "the date of birth; CV; Proof of ongoing studies" in page
    before = _traces()
    # When the office confirms it without an override
    response = client.post(url, {"decision": "eligible", "checks": _all_checks(bare)}, follow=True)
    # Then it is refused, naming what is missing, and nothing is written
    assert "Eligibility cannot be confirmed: missing the date of birth; CV" in (
        response.content.decode()
    )
    bare.refresh_from_db()
    assert bare.stage == Stage.ASSESSMENT_COMPLETED
    assert _traces() == before


def test_a_move_cannot_confirm_eligibility_around_the_review(office, bare):
    before = _traces()
    with pytest.raises(IllegalMove, match="Eligibility cannot be confirmed"):
        selection_move_locked(application_id=bare.pk, to=Stage.ELIGIBILITY_CONFIRMED, by=office)
    assert _traces() == before


def test_the_office_may_override_with_a_reason_shown_on_the_page_and_audited(client, office, bare):
    # When the office confirms with an override and its reason
    url = reverse("backoffice:eligibility-review", args=[bare.pk])
    client.post(
        url,
        {
            "decision": "eligible",
            "checks": _all_checks(bare),
            "override_reason": "Documents received by post, checked by hand",
        },
    )
    # Then eligibility is confirmed, the override is kept on the review and in the history
    bare.refresh_from_db()
    assert bare.stage == Stage.ELIGIBILITY_CONFIRMED
    result = EligibilityReview.objects.get(application=bare)
    assert (result.missing, result.override_reason) == (
        ["date_of_birth", "cv", "proof_of_studies"],
        "Documents received by post, checked by hand",
    )
    change = StageChange.objects.get(application=bare, to_stage=Stage.ELIGIBILITY_CONFIRMED)
    assert change.by == office and change.reason == (
        "Override (missing the date of birth; CV; Proof of ongoing studies (with dates)): "
        "Documents received by post, checked by hand"
    )
    # And audited
    event = AuditEvent.objects.get(action="eligibility.override", target_id=str(bare.pk))
    assert event.actor == office and event.data["missing"] == [
        "date_of_birth",
        "cv",
        "proof_of_studies",
    ]
    moved = AuditEvent.objects.get(action="application.moved", target_id=str(bare.pk))
    assert moved.data["override"] is True
    # And shown on the application's page, with its history row
    page = client.get(reverse("backoffice:application", args=[bare.pk])).content.decode()
    assert "data-override" in page and "Documents received by post, checked by hand" in page
    assert "Confirmed by override, although the submission lacked the date of birth" in page
    assert page.count("Documents received by post, checked by hand") == 2  # review, history


def test_a_blank_override_reason_is_no_override(client, office, bare):
    before = _traces()
    url = reverse("backoffice:eligibility-review", args=[bare.pk])
    client.post(
        url, {"decision": "eligible", "checks": _all_checks(bare), "override_reason": "   "}
    )
    bare.refresh_from_db()
    assert bare.stage == Stage.ASSESSMENT_COMPLETED and _traces() == before


def test_a_complete_application_is_confirmed_without_an_override(client, office, make_user):
    call, vacancies = call_with_vacancies()
    application = in_pipeline(make_user(), call, vacancies[:1], stage=Stage.ASSESSMENT_COMPLETED)
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert "data-gaps" not in page and "review-override" not in page
    url = reverse("backoffice:eligibility-review", args=[application.pk])
    client.post(url, {"decision": "eligible", "checks": _all_checks(application)})
    application.refresh_from_db()
    assert application.stage == Stage.ELIGIBILITY_CONFIRMED
    assert not EligibilityReview.objects.get(application=application).overridden
    assert not AuditEvent.objects.filter(action="eligibility.override").exists()
