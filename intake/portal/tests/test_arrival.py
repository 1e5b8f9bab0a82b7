"""The intern's arrival page: opened by accepting the offer (the dashboard links to it), the
rule and the nationality it comes from, the checklist with its dates and late steps, the terms
(stipend of the start's year, 38 hours, duration), outside funding declared once; only theirs."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from intake.accounts.roles import Role
from intake.content.models import StipendRate
from intake.onboarding import services as arrivals
from intake.onboarding.models import Arrival, EntryRule, RuleKind, StepKind
from intake.placements import offers
from intake.placements.models import Placement
from intake.placements.tests.factories import granted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def table():
    for year in range(2025, 2032):
        StipendRate.objects.update_or_create(
            year=year, defaults={"monthly_amount": Decimal("1286") + (year - 2025) * 30}
        )
    for country, kind in {"BE": "no_visa", "FR": "no_visa", "TR": "tourist_visa"}.items():
        EntryRule.objects.update_or_create(country=country, defaults={"kind": kind})


def intern(make_user, nationalities, n=0, **kwargs):
    user = make_user(email=f"person-{n}@example.org", **kwargs)
    office = make_user(role=Role.PROGRAMME_OFFICE, email=f"office-{n}@example.org")
    placement = granted(user, nationalities=nationalities)
    offers.offer_send(placement_id=placement.pk, by=office)
    arrivals.offer_answer(user=user, placement_id=placement.pk, accept=True)
    return user, Arrival.objects.get(placement=placement)


def test_accepting_leads_from_the_dashboard_to_the_checklist(make_user, client):
    user, arrival = intern(make_user, ["TR"])
    client.force_login(user)
    dashboard = client.get(reverse("apply:dashboard")).content.decode()
    assert reverse("apply:arrival", args=[arrival.pk]) in dashboard
    assert "0 of 6 steps done" in dashboard
    page = client.get(reverse("apply:arrival", args=[arrival.pk])).content.decode()
    assert 'data-rule="tourist_visa"' in page and 'data-nationality-used="TR"' in page
    assert "request a tourist visa to enter Belgium before you book" in page
    placement = arrival.placement
    due = placement.start_date - timedelta(days=60)
    assert due.strftime("%Y") in page and 'data-step="visa"' in page
    assert 'data-step="id_card"' in page and "data-id-card-needed" in page
    # The terms: the offer's stipend of the start's year, 38 hours, six months.
    rate = StipendRate.objects.get(year=placement.start_date.year).monthly_amount
    assert f"EUR {int(rate):,}" in page
    assert "38 hours a week" in page and "6 months" in page
    assert reverse("content:page", args=["internship-guide"]) in page


def test_a_belgian_dual_national_has_no_id_card_step(make_user, client):
    user, arrival = intern(make_user, ["FR", "BE"])
    client.force_login(user)
    page = client.get(reverse("apply:arrival", args=[arrival.pk])).content.decode()
    assert 'data-step="id_card"' not in page and "data-id-card-exempt" in page
    assert 'data-nationality-used="FR"' in page
    assert "more than one nationality" in page


def test_ticking_a_step_twice_records_it_once_and_late_steps_show(make_user, client):
    user, arrival = intern(make_user, ["TR"])
    client.force_login(user)
    url = reverse("apply:arrival-step", args=[arrival.pk])
    for _ in range(2):
        response = client.post(url, {"kind": StepKind.VISA, "done": "1"})
    assert response.status_code == 302 and response["Location"].endswith("#step-visa")
    assert arrival.events.filter(what="step_done").count() == 1
    # A step P&I marks, or a made-up one: 404.
    assert client.post(url, {"kind": StepKind.PI_CONTACT, "done": "1"}).status_code == 404
    assert client.post(url, {"kind": "nonsense", "done": "1"}).status_code == 404
    arrival.steps.filter(kind=StepKind.ACCOMMODATION).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    page = client.get(reverse("apply:arrival", args=[arrival.pk])).content.decode()
    assert page.count("data-overdue") == 1 and "data-done" in page
    dashboard = client.get(reverse("apply:dashboard")).content.decode()
    assert "1 step is late" in dashboard


def test_outside_funding_is_declared_checked_and_kept(make_user, client):
    user, arrival = intern(make_user, ["FR"])
    client.force_login(user)
    url = reverse("apply:arrival-funding", args=[arrival.pk])
    base = {"funding-TOTAL_FORMS": "3", "funding-INITIAL_FORMS": "0"}
    # Neither none nor a grant: a clear error.
    nothing = client.post(url, base)
    assert nothing.status_code == 400 and "tick “I receive none”" in nothing.content.decode()
    # An amount without its source: the error names the field, the amount stays typed.
    orphan = client.post(url, {**base, "funding-0-monthly_amount": "250"})
    assert orphan.status_code == 400
    assert "Name the organisation" in orphan.content.decode()
    assert 'value="250"' in orphan.content.decode()
    grant = {**base, "funding-0-source": "Erasmus+", "funding-0-monthly_amount": "450.50"}
    for _ in range(2):  # a double click
        assert client.post(url, grant).status_code == 302
    assert arrival.events.filter(what="funding").count() == 1
    assert list(arrival.funding.values_list("source", flat=True)) == ["Erasmus+"]
    assert arrival.steps.get(kind=StepKind.OUTSIDE_FUNDING).done_at is not None
    page = client.get(reverse("apply:arrival", args=[arrival.pk])).content.decode()
    assert "Erasmus+ (EUR 450.50)" in page
    both = client.post(url, {**grant, "funding-none": "1"})
    assert both.status_code == 400 and "choose one" in both.content.decode()
    assert client.post(url, {**base, "funding-none": "1"}).status_code == 302
    assert not arrival.funding.exists()


def test_the_page_reads_in_french(make_user, client):
    user, arrival = intern(make_user, ["TR"], language="fr")
    client.force_login(user)
    with translation.override("fr"):
        page = client.get(
            reverse("apply:arrival", args=[arrival.pk]), HTTP_ACCEPT_LANGUAGE="fr"
        ).content.decode()
    assert "Mon arrivée à Bruxelles" in page
    assert "visa touristique" in page
    assert "38\u00a0heures par semaine" in page or "38 heures par semaine" in page


def test_only_the_intern_sees_their_arrival(make_user, client):
    _user, arrival = intern(make_user, ["TR"], n=1)
    other, _a = intern(make_user, ["TR"], n=2)
    client.force_login(other)
    for name in ("apply:arrival", "apply:arrival-step", "apply:arrival-funding"):
        url = reverse(name, args=[arrival.pk])
        response = client.get(url) if name == "apply:arrival" else client.post(url, {})
        assert response.status_code == 404, name
    staff = make_user(role=Role.PI_OFFICER, email="officer@example.org")
    client.force_login(staff)
    assert client.get(reverse("apply:arrival", args=[arrival.pk])).status_code == 404


def test_a_withdrawn_placement_has_no_arrival_page(make_user, client):
    user, arrival = intern(make_user, ["TR"])
    Placement.objects.filter(pk=arrival.placement_id).update(state="withdrawn")
    client.force_login(user)
    assert client.get(reverse("apply:arrival", args=[arrival.pk])).status_code == 404


def test_a_missing_stipend_year_is_said_not_guessed(make_user, client):
    user, arrival = intern(make_user, ["FR"])
    from intake.onboarding import terms

    placement = Placement.objects.get(pk=arrival.placement_id)
    placement.offer.delete()
    StipendRate.objects.filter(year=placement.start_date.year).delete()
    placement = Placement.objects.get(pk=placement.pk)
    assert terms.terms_for(placement).stipend_missing
    assert placement.start_date.year in terms.stipend_years_missing(timezone.localdate())
    client.force_login(user)
    page = client.get(reverse("apply:arrival", args=[arrival.pk])).content.decode()
    assert "rate is not published yet" in page
    assert RuleKind.NO_VISA in page


def test_the_page_reads_a_fixed_number_of_queries(make_user, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user, arrival = intern(make_user, ["TR"])
    client.force_login(user)
    url = reverse("apply:arrival", args=[arrival.pk])
    client.get(url)  # the session and the language warmed up

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    arrivals.funding_declare(
        user=user,
        arrival_id=arrival.pk,
        rows=[arrivals.Funding(f"Grant {i}", Decimal(100), "") for i in range(3)],
    )
    for kind in (StepKind.VISA, StepKind.ACCOMMODATION, StepKind.FIRST_DAY):
        arrivals.step_set(user=user, arrival_id=arrival.pk, kind=kind, done=True)
    assert count() == before
