"""Scoring: weighted totals on 100, one rating per rater, two independent raters who see each
other only after rating, their disagreement flagged; the list sorts by score; the office edits
the criteria."""

from __future__ import annotations

from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove
from intake.core.models import AuditEvent
from intake.selection import scoring
from intake.selection.models import Criterion, Rating
from intake.selection.selectors import ScreeningFilters, screening_list
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def raters(make_user):
    people = [
        make_user(role=Role.PROGRAMME_OFFICE, email=f"rater{i}@example.org") for i in range(3)
    ]
    for person in people:
        TOTP.activate(person, "JBSWY3DPEHPK3PXP")
    return people


def _all(call, value):
    return {c.pk: value for c in scoring.criteria_for(call)}


def test_the_total_weighs_the_criteria(make_user, raters):
    call, vacancies = call_with_vacancies()
    application = in_pipeline(make_user(), call, vacancies[:1])
    criteria = list(scoring.criteria_for(call))
    assert [c.weight for c in criteria] == [3, 2, 2, 1]
    scores = dict(zip([c.pk for c in criteria], [5, 0, 0, 0], strict=True))
    rating = scoring.rating_save(application=application, rater=raters[0], scores=scores)
    assert rating.total == Decimal("37.5")  # 3×5 / (8×5) × 100
    assert scoring.rating_save(
        application=application, rater=raters[0], scores=_all(call, 5)
    ).total == Decimal("100.0")
    assert Rating.objects.count() == 1  # the same rater again: an update
    assert AuditEvent.objects.filter(action="application.rated").count() == 2
    with pytest.raises(IllegalMove, match="from 0 to 5"):
        scoring.rating_save(
            application=application, rater=raters[0], scores={**_all(call, 5), criteria[0].pk: 6}
        )
    with pytest.raises(IllegalMove, match="from 0 to 5"):
        scoring.rating_save(application=application, rater=raters[0], scores={criteria[0].pk: 1})
    with pytest.raises(IllegalMove, match="already has its raters"):
        scoring.rating_save(application=application, rater=raters[1], scores=_all(call, 1))


def test_two_independent_raters_and_their_disagreement(make_user, raters):
    call, vacancies = call_with_vacancies(raters_per_application=2)
    application = in_pipeline(make_user(), call, vacancies[:1])
    scoring.rating_save(application=application, rater=raters[0], scores=_all(call, 5))
    seen_by_second = scoring.agreement(application, raters[1])
    assert not seen_by_second.visible and seen_by_second.ratings == []  # not before rating
    scoring.rating_save(application=application, rater=raters[1], scores=_all(call, 2))
    both = scoring.agreement(application, raters[1])
    assert both.visible and both.gap == Decimal("60.0") and both.disagree
    assert both.average == Decimal("70.0")
    assert scoring.agreement(application, raters[2]).visible  # the office, once both rated
    with pytest.raises(IllegalMove):
        scoring.rating_save(application=application, rater=raters[2], scores=_all(call, 3))


def test_the_list_sorts_by_score(make_user, raters):
    call, vacancies = call_with_vacancies()
    low, high, none = (in_pipeline(make_user(), call, vacancies[:1]) for _ in range(3))
    scoring.rating_save(application=low, rater=raters[0], scores=_all(call, 1))
    scoring.rating_save(application=high, rater=raters[0], scores=_all(call, 4))
    ordered = [a.pk for a in screening_list(call, ScreeningFilters(sort="-score"), user=raters[2])]
    assert ordered == [high.pk, low.pk, none.pk]


def test_rating_and_editing_criteria_in_the_back_office(client, make_user, raters):
    call, vacancies = call_with_vacancies()
    application = in_pipeline(make_user(), call, vacancies[:1])
    client.force_login(raters[0])
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert "Motivation and fit with the vacancies" in page
    data = {f"score-{pk}": "4" for pk in _all(call, 0)} | {"comment": "Solid"}
    client.post(reverse("backoffice:application-rate", args=[application.pk]), data)
    assert Rating.objects.get().total == Decimal("80.0")
    url = reverse("backoffice:criteria", args=[call.year])
    criteria = list(Criterion.objects.filter(call=call))
    form = {
        "form-TOTAL_FORMS": str(len(criteria) + 1),
        "form-INITIAL_FORMS": str(len(criteria)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "12",
    }
    for i, c in enumerate(criteria):
        form |= {
            f"form-{i}-id": str(c.pk),
            f"form-{i}-name_en": c.name_en,
            f"form-{i}-name_fr": c.name_fr,
            f"form-{i}-weight": str(c.weight),
            f"form-{i}-order": str(c.order),
        }
    form[f"form-{len(criteria) - 1}-DELETE"] = "on"
    form |= {
        f"form-{len(criteria)}-name_en": "Writing",
        f"form-{len(criteria)}-name_fr": "Rédaction",
        f"form-{len(criteria)}-weight": "11",
        f"form-{len(criteria)}-order": "9",
    }
    response = client.post(url, form)
    assert response.status_code == 400 and "A weight from 1 to 10." in response.content.decode()
    form[f"form-{len(criteria)}-weight"] = "2"
    assert client.post(url, form).status_code == 302
    names = list(Criterion.objects.filter(call=call).values_list("name_en", flat=True))
    assert "Languages" not in names and "Writing" in names


def test_the_eligibility_review_checks_documents_then_decides(
    client, make_user, raters, reference_data
):
    from intake.selection import review
    from intake.selection.tests.factories import submitted

    call, vacancies = call_with_vacancies()
    application = submitted(make_user(email="rev@example.org"), call, vacancies[:1])
    application.stage = "assessment_completed"
    application.save()
    client.force_login(raters[0])
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert "The proof of ongoing studies shows" in page and "degree shows" not in page
    url = reverse("backoffice:eligibility-review", args=[application.pk])
    response = client.post(url, {"decision": "eligible", "checks": ["cv"]}, follow=True)
    assert "Tick every item" in response.content.decode()
    response = client.post(url, {"decision": "ineligible", "rule": "academic"}, follow=True)
    assert "give the reason" in response.content.decode()
    client.post(
        url,
        {"decision": "ineligible", "rule": "academic", "reason": "Proof shows 1 year, not 2"},
    )
    application.refresh_from_db()
    assert application.stage == "ineligible"
    assert application.stage_changes.last().reason == "academic: Proof shows 1 year, not 2"
    keys = [k for k, _label in review.checklist(application.submissions.get().snapshot)]
    client.post(url, {"decision": "eligible", "checks": keys})  # a correction after a review
    application.refresh_from_db()
    assert application.stage == "eligibility_confirmed"
    assert application.eligibility_review.eligible and application.eligibility_review.rule == ""
