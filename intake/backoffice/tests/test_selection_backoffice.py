"""The selection screens: the office screens, searches, saves a search, moves one application
and many; everybody else gets a 404."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from intake.accounts.roles import Role
from intake.applications import search
from intake.applications.models import Application, BulkMove, StageChange
from intake.applications.pipeline import Stage
from intake.selection import moves
from intake.selection.models import SavedSearch
from intake.selection.tests.factories import call_with_vacancies, in_pipeline, submitted

pytestmark = pytest.mark.django_db


def staff(client, make_user, role, email):
    user = make_user(role=role, email=email, first_name="Olga", last_name="Office")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    return user


@pytest.fixture
def office(client, make_user):
    return staff(client, make_user, Role.PROGRAMME_OFFICE, "office@example.org")


@pytest.fixture
def screened_call(make_user, reference_data):
    call, vacancies = call_with_vacancies()
    ines = submitted(make_user(email="ines@example.org", last_name="Peeters"), call, vacancies[:1])
    marc = in_pipeline(
        make_user(email="marc@example.org", first_name="Marc", last_name="Dupont"),
        call,
        vacancies[1:2],
        letter="Negotiation and cybersecurity",
    )
    search.search_entries_refresh()
    return call, vacancies, ines, marc


def test_the_office_lists_searches_and_filters(client, office, screened_call):
    call, vacancies, ines, marc = screened_call
    url = reverse("backoffice:screening", args=[call.year])
    page = client.get(url).content.decode()
    assert ines.reference in page and marc.reference in page and "Dupont, Marc" in page
    page = client.get(url, {"q": "cybersecurity"}).content.decode()
    assert marc.reference in page and ines.reference not in page
    page = client.get(url, {"vacancy": vacancies[0].pk}).content.decode()
    assert ines.reference in page and marc.reference not in page
    page = client.get(url, {"sort": "name"}).content.decode()
    assert page.index("Dupont") < page.index("Peeters")
    page = client.get(url, {"vacancy": "not-a-number"}).content.decode()  # a bad filter: ignored
    assert ines.reference in page and "Select a valid choice" in page


def test_the_office_saves_a_search_and_finds_it_again(client, office, screened_call):
    call, *_ = screened_call
    response = client.post(
        reverse("backoffice:saved-create", args=[call.year]),
        {"name": "Cyber", "query": "q=cybersecurity&stage=submitted"},
    )
    assert response.status_code == 302 and "q=cybersecurity" in response["Location"]
    saved = SavedSearch.objects.get(owner=office)
    page = client.get(reverse("backoffice:screening", args=[call.year])).content.decode()
    assert 'href="?q=cybersecurity&amp;stage=submitted"' in page
    client.post(reverse("backoffice:saved-delete", args=[call.year, saved.pk]))
    assert not SavedSearch.objects.exists()


def test_the_office_moves_one_application_and_sees_its_history(client, office, screened_call):
    _call, _vacancies, ines, _marc = screened_call
    url = reverse("backoffice:application", args=[ines.pk])
    page = client.get(url).content.decode()
    assert "Peeters" in page and "KU Leuven" in page and "First paragraph." in page
    response = client.post(
        reverse("backoffice:application-move", args=[ines.pk]),
        {"to": "screened", "reason": "Clear motivation", "expected": "submitted"},
    )
    assert response.status_code == 302
    ines.refresh_from_db()
    assert ines.stage == Stage.SCREENED
    page = client.get(url).content.decode()
    assert "Clear motivation" in page and "Olga Office" in page
    # The same form sent again (a second click, or a page shown before): refused, nothing moves.
    response = client.post(
        reverse("backoffice:application-move", args=[ines.pk]),
        {"to": "screened", "reason": "", "expected": "submitted"},
        follow=True,
    )
    assert "in the meantime" in response.content.decode()
    assert StageChange.objects.filter(application=ines).count() == 2  # submit + one move


def test_an_illegal_move_from_a_forged_form_is_refused(client, office, screened_call):
    _call, _v, ines, _marc = screened_call
    response = client.post(
        reverse("backoffice:application-move", args=[ines.pk]),
        {"to": "selected", "expected": "submitted"},
        follow=True,
    )
    assert "Choose a stage this application can move to." in response.content.decode()
    ines.refresh_from_db()
    assert ines.stage == Stage.SUBMITTED


def test_the_office_moves_every_match_in_bulk_and_sees_the_summary(
    client, office, screened_call, run_worker
):
    call, _v, ines, marc = screened_call
    response = client.post(
        reverse("backoffice:bulk-create", args=[call.year]) + "?q=cybersecurity",
        {"scope": "all", "to": "screened", "reason": "Round one"},
    )
    bulk = BulkMove.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"{bulk.pk}/")
    assert bulk.application_ids == [marc.pk]  # only what matched the filters
    assert client.get(response["Location"], {"format": "json"}).json()["status"] == "pending"
    run_worker()
    data = client.get(response["Location"], {"format": "json"}).json()
    assert data == {
        "status": "done",
        "position": 1,
        "total": 1,
        "moved": 1,
        "refused": 0,
        "percent": 100,
    }
    page = client.get(response["Location"]).content.decode()
    assert "1 application moved." in page
    assert Application.objects.get(pk=marc.pk).stage == Stage.SCREENED
    assert Application.objects.get(pk=ines.pk).stage == Stage.SUBMITTED


def test_a_bulk_move_with_nothing_ticked_says_so(client, office, screened_call):
    call, *_ = screened_call
    response = client.post(
        reverse("backoffice:bulk-create", args=[call.year]),
        {"scope": "selected", "to": "screened"},
        follow=True,
    )
    assert "Tick at least one application" in response.content.decode()
    assert not BulkMove.objects.exists()


def test_blind_screening_hides_who_the_applicant_is(client, office, screened_call):
    call, _v, ines, _marc = screened_call
    call.blind_screening = True
    call.save()
    page = client.get(reverse("backoffice:screening", args=[call.year])).content.decode()
    assert "Peeters" not in page and "Dupont" not in page and 'name="nationality"' not in page
    page = client.get(reverse("backoffice:application", args=[ines.pk])).content.decode()
    for hidden in ("Peeters", "Ines", "ines@example.org", "2000-01-15", "KU Leuven", "cv.pdf"):
        assert hidden not in page, hidden
    document = ines.documents.first()
    response = client.get(reverse("backoffice:application-document", args=[ines.pk, document.pk]))
    assert ines.reference in response["Content-Disposition"]
    # …nor in the export, nor in the API.
    export = client.get(reverse("backoffice:export", args=[call.year])).content.decode()
    api = client.get(f"/api/v1/staff/applications/{ines.pk}").content.decode()
    listing = client.get(f"/api/v1/staff/calls/{call.year}/applications").content.decode()
    for body in (export, api, listing):
        for hidden in ("Peeters", "Ines", "ines@example.org", "2000-01-15", "KU Leuven"):
            assert hidden not in body, hidden
    assert '"name": null' in api or '"name":null' in api


@pytest.mark.parametrize(
    "role", [Role.APPLICANT, Role.HIRING_MANAGER, Role.CLEARANCE_OFFICER, Role.TEMP_RECRUITER]
)
def test_nobody_else_sees_the_selection(client, make_user, screened_call, role):
    call, _v, ines, _marc = screened_call
    staff(client, make_user, role, "someone@example.org")
    document = ines.documents.first()
    for url in (
        reverse("backoffice:selection"),
        reverse("backoffice:screening", args=[call.year]),
        reverse("backoffice:application", args=[ines.pk]),
        reverse("backoffice:application-document", args=[ines.pk, document.pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("backoffice:application-move", args=[ines.pk]),
        {"to": "screened", "expected": "submitted"},
    )
    assert response.status_code == 404
    ines.refresh_from_db()
    assert ines.stage == Stage.SUBMITTED


def test_a_document_not_attached_to_the_application_is_a_404(client, office, screened_call):
    _call, _v, ines, marc = screened_call
    document = ines.documents.first()
    url = reverse("backoffice:application-document", args=[marc.pk, document.pk])
    assert client.get(url).status_code == 404


def test_a_correction_out_of_ineligible_is_offered_only_back_where_it_came_from(
    client, office, screened_call
):
    _call, _v, _ines, marc = screened_call
    moves.selection_move_locked(application_id=marc.pk, to=Stage.INELIGIBLE, by=office)
    page = client.get(reverse("backoffice:application", args=[marc.pk])).content.decode()
    assert '<option value="submitted">' in page
    assert '<option value="eligibility_confirmed">' not in page  # no way round the assessment
    assert 'id="review-heading"' not in page  # corrected by a move, not by the review form
    forged = client.post(
        reverse("backoffice:application-move", args=[marc.pk]),
        {"to": "eligibility_confirmed", "expected": "ineligible"},
        follow=True,
    )
    assert "Choose a stage this application can move to." in forged.content.decode()
    client.post(
        reverse("backoffice:application-move", args=[marc.pk]),
        {"to": "submitted", "reason": "Marked by mistake", "expected": "ineligible"},
    )
    marc.refresh_from_db()
    assert marc.stage == Stage.SUBMITTED
