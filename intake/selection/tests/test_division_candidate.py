"""A hiring manager's candidate page (issue #12): the office's evaluation (the online
assessment's result, the screening score) is shown; the decision form offers only the vacancy's
intakes and starts with no decision chosen, and Record without a decision records nothing."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from intake.accounts.roles import Role
from intake.applications.pipeline import Stage
from intake.core.models import AuditEvent
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection import assessments, scoring
from intake.selection.models import Consideration
from intake.selection.moves import selection_move_locked
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client, make_user):
    call, _ = call_with_vacancies(n=0)
    unit = make_unit("unit-a")
    march = make_vacancy(call, unit, reference="A-01", intake="march")
    either = make_vacancy(call, unit, reference="A-02", intake="either")
    manager = make_user(role=Role.HIRING_MANAGER, email="hm@example.org")
    unit.hiring_managers.add(manager)
    TOTP.activate(manager, "JBSWY3DPEHPK3PXP")
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    candidate = in_pipeline(
        make_user(email="c@example.org"), call, [march, either], stage="released"
    )
    client.force_login(manager)
    return {"march": march, "either": either, "candidate": candidate, "office": office}


def page(client, application) -> str:
    response = client.get(reverse("backoffice:division-candidate", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


def form_of(html: str, reference: str) -> str:
    return re.search(rf'data-decision-form="{reference}".*?</form>', html, re.S).group(0)


def test_the_page_shows_the_assessment_result_and_the_screening_score(client, world, make_user):
    # Given a candidate who took the assessment (72.5) and was rated 80 and 60 by the office
    call, _none = call_with_vacancies(2028, n=0)
    world_unit = world["march"].unit
    vacancy = make_vacancy(call, world_unit, reference="B-01")
    office = world["office"]
    application = in_pipeline(make_user(email="r@example.org"), call, [vacancy], stage="longlisted")
    selection_move_locked(application_id=application.pk, to=Stage.ASSESSMENT_INVITED, by=office)
    invitation = application.assessment
    assessments.assessment_complete(invitation_id=invitation.pk, score=Decimal("72.5"), by=office)
    call.raters_per_application = 2
    call.save()
    second = make_user(role=Role.PROGRAMME_OFFICE, email="second@example.org")
    for rater, value in ((office, 4), (second, 3)):
        scoring.rating_save(
            application=application,
            rater=rater,
            scores={c.pk: value for c in scoring.criteria_for(call)},
        )
    for stage in (Stage.ELIGIBILITY_CONFIRMED, Stage.RELEASED):
        selection_move_locked(application_id=application.pk, to=stage, by=office)
    # When their hiring manager opens the candidate's page
    html = page(client, application)
    # Then it shows the assessment's result and the screening score
    assert re.search(r"data-assessment-result>\s*Completed: score 72.50<", html)
    assert re.search(r"data-screening-score>\s*70.0/100 \(average of 2 ratings\)<", html)
    # But neither who rated nor what they wrote
    assert "second@example.org" not in html


def test_without_an_assessment_or_ratings_the_page_says_so(client, world):
    html = page(client, world["candidate"])
    assert "data-assessment-result>Not taken<" in html
    assert "data-screening-score>Not rated<" in html


def test_the_decision_form_offers_only_the_vacancys_intakes_and_no_decision_chosen(client, world):
    html = page(client, world["candidate"])
    march, either = form_of(html, "A-01"), form_of(html, "A-02")
    assert 'value="march"' in march and 'value="september"' not in march
    assert 'value="march"' in either and 'value="september"' in either
    for form in (march, either):
        assert " selected>" not in form and "selected=" not in form
        assert '<option value="">— Choose a decision —</option>' in form


def test_record_without_a_decision_says_so_keeps_the_choice_and_records_nothing(client, world):
    candidate = world["candidate"]
    audit = AuditEvent.objects.count()
    response = client.post(
        reverse("backoffice:division-decide", args=[candidate.pk]),
        {"vacancy": world["either"].pk, "status": "", "intake": "september"},
    )
    assert response.status_code == 400
    form = form_of(response.content.decode(), "A-02")
    assert "Choose a decision first: nothing was recorded." in form and 'role="alert"' in form
    assert f'id="status-{world["either"].pk}" name="status" aria-invalid="true"' in form
    assert '<option value="september" selected>' in form  # what was chosen is kept
    candidate.refresh_from_db()
    assert candidate.stage == Stage.RELEASED
    assert not Consideration.objects.exists() and AuditEvent.objects.count() == audit


def test_a_proposal_for_a_single_intake_vacancy_is_for_its_intake(client, world):
    candidate = world["candidate"]
    url = reverse("backoffice:division-decide", args=[candidate.pk])
    client.post(url, {"vacancy": world["march"].pk, "status": "shortlisted"})
    client.post(url, {"vacancy": world["march"].pk, "status": "proposed", "intake": ""})
    assert Consideration.objects.get(vacancy=world["march"]).intake == "march"
    response = client.post(
        url, {"vacancy": world["march"].pk, "status": "proposed", "intake": "september"}
    )
    assert response.status_code == 400
    assert Consideration.objects.get(vacancy=world["march"]).intake == "march"
