"""One intern's arrival as P&I sees it: what relocation needs (never the selection's letters,
scores or notes), the checklist, the visa, the P&I contact, the arrival day and the history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.onboarding.models import Arrival, ArrivalStep, StepKind
from intake.onboarding.tests.factories import arrival_for, quick_user
from intake.selection import scoring
from intake.selection.models import DivisionNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def pi(make_user):
    user = make_user(role=Role.PI_OFFICER, email="officer@example.org")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


@pytest.fixture
def pi_client(client, pi):
    client.force_login(pi)
    return client


@pytest.fixture
def turkish():
    return arrival_for(
        quick_user(1, first_name="Elif", last_name="Yilmaz"), nationalities=["PT", "TR"]
    )


@pytest.fixture
def visa_needed():
    return arrival_for(quick_user(2, first_name="Can", last_name="Demir"), nationalities=["TR"])


def _url(arrival, name="arrival-case"):
    return reverse(f"backoffice:{name}", args=[arrival.pk])


def test_the_page_shows_what_relocation_needs(pi_client, visa_needed):
    page = pi_client.get(_url(visa_needed)).content.decode()

    assert "Can Demir" in page and "person-2@example.org" in page
    assert 'data-kind="tourist_visa"' in page and "as a national of Türkiye" in page
    assert visa_needed.placement.vacancy.title_en in page
    assert 'data-step="visa"' in page and 'data-step="id_card"' in page
    assert 'data-visa="to_request"' in page and "Not requested yet" in page
    assert "Arrival opened (offer accepted)" in page


def test_the_page_never_shows_the_selection(pi_client, pi, make_user, visa_needed):
    application = visa_needed.placement.application
    application.choices.update(letter="MOTIVATION-LETTER-TEXT")
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office-2@example.org")
    scores = {c.pk: 4 for c in scoring.criteria_for(application.call)}
    scoring.rating_save(
        application=application, rater=office, scores=scores, comment="RATING-COMMENT"
    )
    DivisionNote.objects.create(
        application=application,
        unit=visa_needed.placement.vacancy.unit,
        author=office,
        text="DIVISION-NOTE",
    )
    placement = visa_needed.placement
    placement.internal_notes = "CLEARANCE-NOTES"
    placement.save(update_fields=["internal_notes"])

    page = pi_client.get(_url(visa_needed)).content.decode()

    for secret in ("MOTIVATION-LETTER-TEXT", "RATING-COMMENT", "DIVISION-NOTE", "CLEARANCE-NOTES"):
        assert secret not in page
    assert application.reference not in page  # nor the application's own page
    assert "/backoffice/applications/" not in page


def test_a_belgian_needs_no_id_card_and_a_dual_national_gets_the_best_rule(pi_client, turkish):
    belgian = arrival_for(quick_user(3), nationalities=["TR", "BE"])

    assert "Not needed (Belgian national)" in pi_client.get(_url(belgian)).content.decode()
    page = pi_client.get(_url(turkish)).content.decode()
    assert 'data-kind="no_visa"' in page and "as a national of Portugal" in page
    assert "data-visa" not in page  # no visa needed: no visa block


def test_the_page_links_to_the_id_card_review_when_the_card_is_needed(pi_client, visa_needed):
    page = pi_client.get(_url(visa_needed)).content.decode()

    review = _url(visa_needed, "idcard-review")
    assert f'<a href="{review}" data-idcard-review>Review the request</a>' in page
    assert pi_client.get(review).status_code == 200


def test_a_belgian_s_page_has_no_id_card_review_link(pi_client):
    belgian = arrival_for(quick_user(4), nationalities=["BE"])

    page = pi_client.get(_url(belgian)).content.decode()

    assert "data-idcard-review" not in page
    assert _url(belgian, "idcard-review") not in page


def test_recording_the_visa_from_the_page(pi_client, visa_needed):
    today = timezone.localdate()
    data = {"visa-status": "requested", "visa-requested_on": today.isoformat()}

    response = pi_client.post(_url(visa_needed, "arrival-visa"), data, follow=True)

    assert response.redirect_chain == [(_url(visa_needed), 302)]
    assert "The visa is recorded." in response.content.decode()
    visa_needed.refresh_from_db()
    assert visa_needed.visa_status == Arrival.Visa.REQUESTED
    assert visa_needed.steps.get(kind=StepKind.VISA).done_at is not None


def test_a_visa_that_does_not_fit_keeps_what_was_typed(pi_client, visa_needed):
    typed = (timezone.localdate() - timedelta(days=3)).isoformat()
    data = {"visa-status": "granted", "visa-requested_on": typed}

    response = pi_client.post(_url(visa_needed, "arrival-visa"), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the date the visa was granted or refused." in page
    assert f'value="{typed}"' in page and "data-error-summary" in page
    visa_needed.refresh_from_db()
    assert visa_needed.visa_status == Arrival.Visa.TO_REQUEST


def test_recording_the_pi_contact_ticks_the_step(pi_client, make_user):
    us = arrival_for(quick_user(4), nationalities=["US"])
    today = timezone.localdate().isoformat()

    response = pi_client.post(_url(us, "arrival-contact"), {"contact-on": today}, follow=True)

    assert response.status_code == 200
    step = ArrivalStep.objects.get(arrival=us, kind=StepKind.PI_CONTACT)
    assert step.done_at is not None
    us.refresh_from_db()
    assert us.pi_contacted_on.isoformat() == today
    assert "Contacted by P&amp;I" in response.content.decode()


def test_recording_the_arrival_day(pi_client, turkish):
    today = timezone.localdate()

    pi_client.post(_url(turkish, "arrival-arrived"), {"arrived-on": today.isoformat()})
    response = pi_client.post(
        _url(turkish, "arrival-arrived"),
        {"arrived-on": (today + timedelta(days=2)).isoformat()},
    )

    assert response.status_code == 400
    assert "A date cannot be in the future." in response.content.decode()
    turkish.refresh_from_db()
    assert turkish.arrived_on == today


def test_the_page_reads_in_french(pi_client, pi, visa_needed):
    pi.language = "fr"
    pi.save(update_fields=["language"])

    page = pi_client.get(_url(visa_needed)).content.decode()

    assert "Liste d’étapes" in page and "Visa touristique" in page
    assert "Carte d’identité spéciale" in page and "Historique" in page
    assert "Examiner la demande" in page


def test_an_unknown_arrival_is_not_found(pi_client):
    assert pi_client.get(reverse("backoffice:arrival-case", args=[999])).status_code == 404


@pytest.mark.parametrize("role", [Role.CLEARANCE_OFFICER, Role.HIRING_MANAGER, Role.APPLICANT])
def test_other_roles_get_a_404(client, make_user, visa_needed, role):
    user = make_user(role=role, email="other@example.org")
    if role != Role.APPLICANT:
        TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    today = timezone.localdate().isoformat()

    assert client.get(_url(visa_needed)).status_code == 404
    posted = client.post(
        _url(visa_needed, "arrival-visa"),
        {"visa-status": "requested", "visa-requested_on": today},
    )
    assert posted.status_code == 404
    visa_needed.refresh_from_db()
    assert visa_needed.visa_status == Arrival.Visa.TO_REQUEST


def test_the_intern_cannot_open_their_own_case_page(client, visa_needed):
    client.force_login(visa_needed.placement.application.applicant)

    assert client.get(_url(visa_needed)).status_code == 404
