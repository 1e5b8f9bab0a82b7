"""Country lists (nationality, residence, studies, the screening filter, the API) hold real
countries and territories only: no "European Union", "Eurozone", "United Nations", "Outlying
Oceania" or CLDR's test locales "Pseudo-Accents" and "Pseudo-Bidi"."""

from __future__ import annotations

import json

import pytest

from intake.applications.services import country_choices, country_codes

NOT_COUNTRIES = {
    "European Union",
    "Eurozone",
    "United Nations",
    "Outlying Oceania",
    "Pseudo-Accents",
    "Pseudo-Bidi",
    "Unknown Region",
    "Canary Islands",
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_lists_hold_the_249_iso_countries_and_kosovo(language):
    choices = dict(country_choices(language))
    assert len(choices) == 250
    assert {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}.isdisjoint(choices)
    assert {"BE", "TR", "MK", "XK", "CW"} <= set(choices)


def test_no_name_shown_is_a_grouping_or_a_test_locale():
    names = {name for _code, name in country_choices("en")}
    assert NOT_COUNTRIES.isdisjoint(names)
    french = {name for _code, name in country_choices("fr")}
    assert {"Union européenne", "zone euro", "Nations Unies", "pseudo-accents"}.isdisjoint(french)
    assert "Belgique" in french


@pytest.mark.django_db
def test_the_api_refuses_a_grouping_as_a_nationality(client):
    body = {"date_of_birth": "2000-01-01", "nationalities": ["EU"], "languages": []}
    response = client.post(
        "/api/v1/eligibility/check", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert "EU" not in country_codes()
