"""What every request meets before a view reads it: a NUL character is refused (PostgreSQL
cannot store or compare it: it was a server error on /faq/?q=%00 and in the API), a body larger
than allowed is refused unread, and an unknown API path answers JSON."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse

from intake.accounts.roles import Role
from intake.applications.models import Document
from intake.applications.tests.factories import pdf_bytes
from intake.content.models import Question
from intake.core.middleware import body_limit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/faq/?q=%00",
        "/faq/?q=visa%00",
        "/vacancies/?q=%00",
        "/backoffice/?q=%00",
    ],
)
def test_a_nul_character_in_the_query_is_refused_with_a_clear_answer(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "not allowed (NUL)" in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/vacancies", "/api/v1/faq"])
def test_the_api_answers_a_query_with_a_nul_as_if_it_were_not_there(client, path):
    response = client.get(f"{path}?q=vi%00sa")
    assert response.status_code == 200
    assert response.json() == client.get(f"{path}?q=visa").json()


def test_a_nul_character_in_a_form_is_refused_and_nothing_is_written(client):
    response = client.post(
        reverse("content:contact"),
        {"name": "Ana", "email": "ana@example.org", "subject": "Visa", "message": "Hi\x00"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 400
    assert "n’est pas autorisé (NUL)" in response.content.decode()
    assert not Question.objects.exists()


def test_the_api_reads_a_json_body_without_its_nul_characters(client):
    body = {"date_of_birth": "2000-01-01", "nationalities": ["B\u0000E"], "languages": []}
    clean = {**body, "nationalities": ["BE"]}
    response = client.post(
        "/api/v1/eligibility/check", json.dumps(body), content_type="application/json"
    )
    expected = client.post(
        "/api/v1/eligibility/check", json.dumps(clean), content_type="application/json"
    )
    assert (response.status_code, response.json()) == (expected.status_code, expected.json())


def test_a_body_larger_than_allowed_is_refused_before_it_is_read(client, make_user, settings):
    user = make_user()
    client.force_login(user)
    big = io.BytesIO(pdf_bytes() + b"%" * (settings.REQUEST_MAX_BYTES + 10))
    big.name = "cv.pdf"
    response = client.post(
        reverse("apply:documents"),
        {"file": big, "kind": "cv", "language": "en"},
        HTTP_REFERER="http://testserver/apply/documents/",
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "at most 6 MB can be sent here" in page
    assert 'href="/apply/documents/"' in page  # back to where they were
    assert not Document.objects.exists()


def test_the_office_may_send_a_video_as_large_as_the_video_limit(settings):
    assert body_limit("/backoffice/content/videos/create/") == settings.VIDEO_MAX_BYTES + 2**20
    assert body_limit("/apply/documents/") == settings.DOCUMENT_MAX_BYTES + 2**20
    assert body_limit("/api/v1/eligibility/check") == settings.DOCUMENT_MAX_BYTES + 2**20


@pytest.mark.parametrize("accept", ["application/json", "text/html", "*/*"])
def test_an_unknown_api_path_answers_a_json_404(client, accept):
    response = client.get("/api/v1/no-such-thing", HTTP_ACCEPT=accept)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not Found"}


def test_an_unknown_page_still_answers_the_sites_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_the_staff_api_with_a_nul_in_its_query_answers_as_without(client, make_user):
    office = make_user(role=Role.PROGRAMME_OFFICE, email="o@example.org")
    client.force_login(office)
    with_nul = client.get("/api/v1/staff/calls/2027/applications?q=a%00b")
    without = client.get("/api/v1/staff/calls/2027/applications?q=ab")
    assert (with_nul.status_code, with_nul.content) == (without.status_code, without.content)
