from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db

GOOD = {
    "date_of_birth": "2000-01-01",
    "nationalities": ["CH", "FR"],
    "education": [{"status": "enrolled", "years_completed": 2}],
    "languages": [{"code": "en", "level": "C1"}],
    "reference_date": "2026-05-15",
}


def post(client, data, **extra):
    return client.post(
        "/api/v1/eligibility/check", json.dumps(data), content_type="application/json", **extra
    )


def test_an_eligible_person(client):
    response = post(client, GOOD)
    assert response.status_code == 200
    data = response.json()
    assert data["eligible"] is True
    assert data["reference_date"] == "2026-05-15"
    assert [r["rule"] for r in data["rules"]] == ["nationality", "age", "academic", "language"]


def test_the_reasons_come_in_the_asked_language(client):
    data = post(client, {**GOOD, "date_of_birth": "2010-01-01"}, QUERY_STRING="lang=fr").json()
    age = next(r for r in data["rules"] if r["rule"] == "age")
    assert age == {
        "rule": "age",
        "passed": False,
        "reason": "Vous avez 16 ans au 15 mai 2026\u00a0: vous devez avoir 21 ans ou plus.",
    }


def test_membership_is_data_with_dates(client):
    data = post(client, {**GOOD, "nationalities": ["SE"], "reference_date": "2024-03-06"}).json()
    assert data["eligible"] is False
    data = post(client, {**GOOD, "nationalities": ["SE"], "reference_date": "2024-03-07"}).json()
    assert data["eligible"] is True


def test_malformed_facts_get_a_422_naming_each_field(client):
    bad = {
        "date_of_birth": "2999-01-01",
        "nationalities": ["XX"],
        "education": [{"status": "graduated"}],
        "languages": [{"code": "zz", "level": "C7"}],
    }
    response = post(client, bad)
    assert response.status_code == 422
    locations = {".".join(str(p) for p in item["loc"][2:]) for item in response.json()["detail"]}
    assert {
        "date_of_birth",
        "nationalities.0",
        "education.0.status",
        "languages.0.code",
        "languages.0.level",
    } <= locations


def test_a_missing_field_is_named(client):
    response = post(client, {"nationalities": ["FR"]})
    assert response.status_code == 422
    assert any(item["loc"][-1] == "date_of_birth" for item in response.json()["detail"])


def test_the_endpoint_is_in_the_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").json()
    operation = doc["paths"]["/api/v1/eligibility/check"]["post"]
    assert set(operation["responses"]) >= {"200", "422"}
