"""The call's window (issue #12): a new call starts with April to May, the office is warned (not
blocked) when a window falls outside it, and the public texts that state the window say the
call's own dates when they differ."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.urls import reverse

from intake.accounts.roles import Role
from intake.programme.calendar import in_usual_window, usual_window
from intake.programme.models import Call
from intake.programme.tests.factories import make_call

BRUSSELS = ZoneInfo("Europe/Brussels")
UTC = ZoneInfo("UTC")


def test_the_usual_window_is_april_to_may_in_the_calls_zone():
    opens, closes = usual_window(2027, BRUSSELS)
    assert (opens.isoformat(), closes.isoformat()) == (
        "2027-04-01T00:00:00+02:00",
        "2027-05-31T23:59:59+02:00",
    )
    assert in_usual_window(opens_at=opens, closes_at=closes, zone=BRUSSELS)


@pytest.mark.parametrize(
    ("opens", "closes", "usual"),
    [
        (datetime(2027, 4, 15, tzinfo=BRUSSELS), datetime(2027, 5, 15, tzinfo=BRUSSELS), True),
        (datetime(2027, 3, 31, 23, tzinfo=BRUSSELS), datetime(2027, 5, 1, tzinfo=BRUSSELS), False),
        (datetime(2027, 4, 1, tzinfo=BRUSSELS), datetime(2027, 6, 1, 9, tzinfo=BRUSSELS), False),
        # 31 March 22:30 UTC is already 1 April in Brussels: the call's own zone decides
        (datetime(2027, 3, 31, 22, 30, tzinfo=UTC), datetime(2027, 5, 31, tzinfo=UTC), True),
        (datetime(2027, 4, 1, tzinfo=BRUSSELS), datetime(2028, 5, 1, tzinfo=BRUSSELS), False),
    ],
)
def test_a_window_outside_april_and_may_is_unusual(opens, closes, usual):
    assert in_usual_window(opens_at=opens, closes_at=closes, zone=BRUSSELS) is usual


@pytest.fixture
def office(client, make_user):
    user = make_user(role=Role.PROGRAMME_OFFICE)
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    return user


FORM = {
    "intake_march": "on",
    "intake_september": "on",
    "max_vacancies_per_applicant": "3",
    "eligibility_reference": "application",
    "eligibility_min_age": "21",
    "eligibility_student_route": "on",
    "eligibility_min_years_completed": "2",
    "eligibility_graduate_route": "on",
    "eligibility_language_level": "C1",
    "raters_per_application": "1",
}


@pytest.mark.django_db
def test_a_new_call_starts_with_the_next_years_april_to_may(client, office):
    make_call(2030)
    page = client.get(reverse("backoffice:call-create")).content.decode()
    assert 'name="year" value="2031"' in page
    assert 'value="2031-04-01T00:00:00"' in page and 'value="2031-05-31T23:59:59"' in page


@pytest.mark.django_db
def test_a_window_outside_april_to_may_is_saved_with_a_warning(client, office):
    response = client.post(
        reverse("backoffice:call-create"),
        {
            **FORM,
            "year": "2031",
            "opens_at": "2031-03-01T00:00:00",
            "closes_at": "2031-04-15T23:59:59",
        },
        follow=True,
    )
    call = Call.objects.get(year=2031)  # saved: a warning, not a refusal
    page = response.content.decode()
    assert "falls outside the usual April to May. Saved all the same" in page
    assert "data-unusual-window" in page
    assert call.local(call.opens_at).date().isoformat() == "2031-03-01"


@pytest.mark.django_db
def test_a_window_within_april_to_may_is_saved_without_a_warning(client, office):
    response = client.post(
        reverse("backoffice:call-create"),
        {
            **FORM,
            "year": "2031",
            "opens_at": "2031-04-01T00:00:00",
            "closes_at": "2031-05-31T23:59:59",
        },
        follow=True,
    )
    page = response.content.decode()
    assert Call.objects.filter(year=2031).exists()
    assert "usual April to May" not in page and "data-unusual-window" not in page


def _public(client, path: str, language: str = "en") -> str:
    cache.clear()
    return client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.mark.django_db
def test_the_public_texts_state_the_calls_own_dates_when_they_differ(client):
    # Given a closed call that ran from 1 March to 15 April
    make_call(
        2026,
        opens_at=datetime(2026, 3, 1, tzinfo=BRUSSELS),
        closes_at=datetime(2026, 4, 15, 23, 59, 59, tzinfo=BRUSSELS),
    )
    # Then the home page, its key dates and the FAQ say so, in English and French
    home = _public(client, "/")
    assert "from April to May" not in home
    assert (
        "The call opens once a year; this one was open from 1 March 2026 to 15 April 2026." in home
    )
    assert "The 2026 call for applications: from 1 March 2026 to 15 April 2026" in home
    faq = _public(client, "/faq/when-can-i-apply/")
    assert "opens once a year, from 1 March 2026 to 15 April 2026, for all eligible" in faq
    faq_fr = _public(client, "/faq/when-can-i-apply/", "fr")
    assert "une fois par an, du 1 mars 2026 au 15 avril 2026, à tous" in faq_fr
    assert "d'avril à mai" not in faq_fr and "d’avril à mai" not in faq_fr


@pytest.mark.django_db
def test_the_public_texts_say_april_to_may_when_the_call_is_within_it(client):
    make_call(
        2026,
        opens_at=datetime(2026, 4, 1, tzinfo=BRUSSELS),
        closes_at=datetime(2026, 5, 31, 23, 59, 59, tzinfo=BRUSSELS),
    )
    home = _public(client, "/")
    assert "The call for applications opens once a year, from April to May" in home
    assert "The call opens once a year, from April to May." in home
    assert "from April to May, for all eligible candidates" in _public(
        client, "/faq/when-can-i-apply/"
    )
