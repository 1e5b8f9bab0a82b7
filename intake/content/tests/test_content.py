from __future__ import annotations

from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intake.accounts.roles import Role
from intake.content.models import FaqEntry, FaqTopic, Page, StipendRate
from intake.content.services import content_save
from intake.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_faq_covers_every_topic_of_the_programme(client):
    response = client.get(reverse("content:faq"))
    topics = [t.slug for t in response.context["topics"]]
    assert topics == [
        "applying",
        "eligibility",
        "documents",
        "selection",
        "clearance",
        "arrival",
        "conditions",
        "after",
    ]
    assert FaqEntry.objects.count() >= 25
    # Every entry exists in both languages.
    assert not FaqEntry.objects.filter(question_fr="").exists()
    assert not FaqEntry.objects.filter(answer_fr="").exists()


def test_the_stipend_is_data_used_by_the_faq_and_the_guide(
    client, django_capture_on_commit_callbacks
):
    html = client.get(reverse("content:faq-entry", args=["is-it-paid"])).content.decode()
    assert "EUR 1,286 for 2025" in html
    with django_capture_on_commit_callbacks(execute=True):  # the edit commits: pages refresh
        content_save(obj=StipendRate(year=2026, monthly_amount=Decimal("1321.00")), actor=None)
    html = client.get(reverse("content:faq-entry", args=["is-it-paid"])).content.decode()
    assert "EUR 1,321 for 2026" in html
    guide = client.get(
        reverse("content:page", args=["internship-guide"]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert (
        "EUR 1\u00a0321 pour 2026" in guide.content.decode()
        or "EUR 1 321 pour 2026" in guide.content.decode()
    )


@pytest.mark.parametrize(
    ("q", "lang", "expected"),
    [("visa", "en", ["visa"]), ("logement", "fr", ["accommodation"]), ("zzzz", "en", [])],
)
def test_the_faq_is_searchable_in_both_languages(client, q, lang, expected):
    response = client.get(reverse("content:faq"), {"q": q}, HTTP_ACCEPT_LANGUAGE=lang)
    found = [e.slug for t in response.context["topics"] for e in t.shown]
    assert found == expected


def test_each_entry_has_a_link_of_its_own_and_an_anchor(client, django_capture_on_commit_callbacks):
    html = client.get(reverse("content:faq")).content.decode()
    assert 'id="security-clearance"' in html
    assert 'href="/faq/security-clearance/"' in html
    assert client.get("/faq/security-clearance/").status_code == 200
    entry = FaqEntry.objects.get(slug="security-clearance")
    entry.published = False
    with django_capture_on_commit_callbacks(execute=True):
        content_save(obj=entry, actor=None)
    assert client.get("/faq/security-clearance/").status_code == 404


def test_the_faq_page_runs_in_a_fixed_number_of_queries(client):
    cache.clear()  # measure the rendering, not the page cache
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("content:faq"))
    topic = FaqTopic.objects.get(slug="after")
    for i in range(10):
        FaqEntry.objects.create(
            topic=topic,
            slug=f"extra-{i}",
            question_en="Q?",
            question_fr="Q ?",
            answer_en="A.",
            answer_fr="R.",
        )
    cache.clear()
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("content:faq"))
    assert len(after) == len(before)


@pytest.mark.parametrize(
    "slug", ["application-advice", "internship-guide", "diversity-and-inclusion"]
)
def test_the_editable_pages_exist_in_both_languages(client, slug):
    page = Page.objects.get(slug=slug)
    en = client.get(page.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    fr = client.get(page.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert page.title_en in en and page.title_fr in fr


def test_the_advice_page_gives_the_cover_letter_advice(client):
    html = client.get("/about/application-advice/").content.decode()
    assert "three to four paragraphs" in html
    assert "active verbs" in html


def test_the_programme_office_edits_a_faq_entry_and_it_is_audited(client, make_user):
    staff = make_user(role=Role.PROGRAMME_OFFICE)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    client.force_login(staff)
    entry = FaqEntry.objects.get(slug="age-limit")
    url = reverse("backoffice:content-update", args=["faq", entry.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["topic"] = entry.topic_id
    data["published"] = "on"
    data["answer_en"] = "You must be 21 or older. There is no maximum age."
    response = client.post(url, data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.answer_en == "You must be 21 or older. There is no maximum age."
    assert AuditEvent.objects.filter(action="content.faqentry.updated", actor=staff).count() == 1
    # An empty French answer is refused and nothing changes.
    data["answer_fr"] = ""
    response = client.post(url, data)
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.answer_fr != ""


@pytest.mark.parametrize("role", [Role.HIRING_MANAGER, Role.CLEARANCE_OFFICER, Role.APPLICANT])
def test_other_roles_cannot_edit_the_website(client, make_user, role):
    user = make_user(role=role)
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    assert client.get(reverse("backoffice:content-list", args=["faq"])).status_code == 404
    entry = FaqEntry.objects.first()
    assert (
        client.post(reverse("backoffice:content-update", args=["faq", entry.pk]), {}).status_code
        == 404
    )
