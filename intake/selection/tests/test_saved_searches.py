"""A screener's saved searches: saved and replaced under a name, deleted; refused (and nothing
written) without a name or filters, or when too long; the page keeps the filters typed."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import ValidationError
from django.urls import reverse

from intake.accounts.roles import Role
from intake.selection import services
from intake.selection.models import SavedSearch
from intake.selection.tests.factories import call_with_vacancies

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    user = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


@pytest.fixture
def call(db):
    return call_with_vacancies(n=0)[0]


def test_saving_under_the_same_name_replaces_the_filters(office, call):
    first = services.saved_search_create(owner=office, call=call, name=" Cyber ", query="q=a")
    again = services.saved_search_create(owner=office, call=call, name="Cyber", query="q=b")
    assert again.pk == first.pk
    assert list(SavedSearch.objects.values_list("name", "query")) == [("Cyber", "q=b")]


@pytest.mark.parametrize(
    "name, query",
    [("", "q=a"), ("   ", "q=a"), ("x" * 101, "q=a"), ("Cyber", ""), ("Cyber", "q=" + "a" * 1999)],
)
def test_it_refuses_a_blank_or_over_long_search_and_writes_nothing(office, call, name, query):
    with pytest.raises(ValidationError):
        services.saved_search_create(owner=office, call=call, name=name, query=query)
    assert SavedSearch.objects.count() == 0


def test_a_refused_replacement_keeps_the_saved_filters(office, call):
    services.saved_search_create(owner=office, call=call, name="Cyber", query="q=a")
    with pytest.raises(ValidationError):
        services.saved_search_create(owner=office, call=call, name="Cyber", query="")
    assert list(SavedSearch.objects.values_list("name", "query")) == [("Cyber", "q=a")]


def test_it_deletes_a_saved_search(office, call):
    search = services.saved_search_create(owner=office, call=call, name="Cyber", query="q=a")
    services.saved_search_delete(search=search)
    assert SavedSearch.objects.count() == 0


def test_the_page_refuses_an_over_long_search_and_goes_back_to_the_filters(client, office, call):
    client.force_login(office)
    query = "q=" + "a" * 2100
    response = client.post(
        reverse("backoffice:saved-create", args=[call.year]), {"name": "Long", "query": query}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?{query}")
    page = client.get(response["Location"]).content.decode()
    assert "This search cannot be saved: choose some filters (2,000 characters at most)." in page
    assert SavedSearch.objects.count() == 0


def test_another_screeners_saved_search_cannot_be_deleted(client, office, call, make_user):
    other = make_user(role=Role.PROGRAMME_OFFICE, email="other@example.org")
    search = services.saved_search_create(owner=other, call=call, name="Theirs", query="q=a")
    client.force_login(office)
    response = client.post(reverse("backoffice:saved-delete", args=[call.year, search.pk]))
    assert response.status_code == 404
    assert SavedSearch.objects.filter(pk=search.pk).exists()
