# ruff: noqa: F811  (the tests take the access matrix's `world` fixture, imported below)
"""Every page in French, as each role, read by the French checker (intake.core.tests.french):
no English left, no internal code, no English date, French typography. A page's problems are
listed with its URL."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from intake.applications.tests.factories import add_documents, complete_profile, draft_for
from intake.backoffice.tests.test_access_matrix import (
    _matrix,
    world,  # noqa: F401  (the fixture)
)
from intake.core.tests.french import french_problems

pytestmark = pytest.mark.django_db

STAFF_ROLES = ["office", "hm_a", "hm_b", "clearance"]


def _french(user=None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    if user is not None:
        client.force_login(user)
    return client


def _read(client: Client, urls: list[str]) -> str:
    """Each problem once, with the pages that show it ("" when there is none)."""
    found: dict[str, list[str]] = {}
    for url in urls:
        response = client.get(url, follow=True)
        if response.status_code not in {200, 404} or "html" not in response.get("Content-Type", ""):
            continue
        for problem in french_problems(response.content.decode()):
            pages = found.setdefault(problem, [])
            if url not in pages:
                pages.append(url)
    return "\n".join(f"{problem}  [{' '.join(pages)}]" for problem, pages in found.items())


def _check(problems: str) -> None:
    if problems:
        pytest.fail(f"French pages with problems:\n{problems}", pytrace=False)


def _public_urls(world) -> list[str]:
    vacancy = world["vacancy_a"]
    return [
        reverse("home"),
        reverse("programme:vacancy-list"),
        reverse("programme:vacancy-detail-short", args=[world["call"].year, vacancy.reference]),
        reverse("content:faq"),
        reverse("content:faq-entry", args=["when-can-i-apply"]),
        reverse("content:page", args=["application-advice"]),
        reverse("content:videos"),
        reverse("content:contact"),
        reverse("content:contact-sent"),
        reverse("newsletter:subscribe"),
        reverse("newsletter:check-inbox"),
        reverse("newsletter:alert"),
        reverse("applications:am-i-eligible"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        "/no-such-page/",
    ]


def _applicant_urls(year: int) -> list[str]:
    return [
        reverse("accounts:dashboard"),
        reverse("account_change_password"),
        reverse("account_email"),
        reverse("mfa_index"),
        reverse("mfa_activate_totp"),
        reverse("account_logout"),
        reverse("apply:dashboard"),
        reverse("apply:profile"),
        reverse("apply:documents"),
        reverse("apply:edit", args=[year]),
        reverse("apply:review", args=[year]),
        reverse("apply:receipt", args=[year]),
        reverse("apply:withdraw", args=[year]),
        reverse("applications:am-i-eligible"),
    ]


def test_public_pages_in_french(world):
    _check(_read(_french(), _public_urls(world)))


def test_the_pages_of_an_applicant_with_a_draft_in_french(world, make_user):
    user = make_user(email="draft@example.org", language="fr")
    complete_profile(user)
    add_documents(user)
    draft_for(user, world["call"], [world["vacancy_a"]])
    urls = _applicant_urls(world["call"].year) + _public_urls(world)
    _check(_read(_french(user), urls))


def test_the_pages_of_an_applicant_who_submitted_in_french(world):
    _first_of_november_at_midnight(world)
    user = world["app_a"].applicant
    urls = _applicant_urls(world["call"].year) + _public_urls(world)
    _check(_read(_french(user), urls))


def _first_of_november_at_midnight(world) -> None:
    """Dates that English writes "Nov. 1, 2026, midnight", and a proposal for the March intake."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from intake.selection.models import AssessmentInvitation

    midnight = datetime(2026, 11, 1, tzinfo=ZoneInfo("Europe/Brussels"))
    world["interview"].starts_at = midnight
    world["interview"].save()
    AssessmentInvitation.objects.filter(application=world["app_a"]).update(deadline=midnight)
    world["consideration"].intake = "march"
    world["consideration"].save()


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_the_back_office_in_french(world, role):
    _first_of_november_at_midnight(world)
    client = _french(world["people"][role])
    urls = [reverse("accounts:dashboard"), reverse("mfa_index"), reverse("account_email")] + [
        reverse(f"backoffice:{e.name}", args=e.args(world))
        for e in _matrix()
        if e.method == "get" and role in e.allowed
    ]
    _check(_read(client, urls))


CODE_RE = re.compile(r"^\s+([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.M)


def _email_problems(message) -> list[str]:
    texts = [message.subject, message.body]
    texts += [body for body, kind in getattr(message, "alternatives", []) if "html" in kind]
    return [p for text in texts for p in french_problems(text)]


@pytest.mark.django_db(transaction=True)
def test_signing_up_in_french_is_french_from_the_form_to_the_welcome(
    reference_data, run_worker, mailbox
):
    """Sign-up, allauth's code page, its email and its "signed in" message, in French."""
    client = _french()
    problems = _read(client, [reverse("account_signup")])
    refused = client.post(
        reverse("account_signup"),
        {"email": "not an address", "password1": "weak", "password2": "other"},
    )
    problems += "\n".join(french_problems(refused.content.decode()))
    refused = client.post(reverse("account_login"), {"login": "x@example.org", "password": "x"})
    problems += "\n".join(french_problems(refused.content.decode()))
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Jonas",
            "last_name": "Maes",
            "email": "jonas@example.org",
            "password1": "Antwerp-Harbour#26",
            "password2": "Antwerp-Harbour#26",
            "language": "fr",
            "newsletter": "on",
        },
        follow=True,
    )
    problems += "\n".join(french_problems(response.content.decode()))
    run_worker()
    message = mailbox.last_to("jonas@example.org")
    email_problems = _email_problems(message)
    [code] = CODE_RE.findall(message.body)
    wrong = client.post(response.redirect_chain[-1][0], {"code": "AAAA-AAAA"})
    problems += "\n".join(french_problems(wrong.content.decode()))
    welcome = client.post(response.redirect_chain[-1][0], {"code": code}, follow=True)
    problems += "\n".join(french_problems(welcome.content.decode()))
    run_worker()
    for other in mailbox.to("jonas@example.org"):
        email_problems += _email_problems(other)
    _check(problems + "\n".join(email_problems))


@pytest.mark.django_db(transaction=True)
def test_who_signs_up_on_english_pages_choosing_french_is_welcomed_in_french(
    reference_data, run_worker, mailbox
):
    """The browser asks for English, the person chooses French: from the moment they are
    signed in, their pages are French, allauth's messages too ("Successfully signed in")."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Jonas",
            "last_name": "Maes",
            "email": "jonas@example.org",
            "password1": "Antwerp-Harbour#26",
            "password2": "Antwerp-Harbour#26",
            "language": "fr",
        },
        follow=True,
    )
    # The code page already speaks the language chosen in the form (allauth's "Enter Email
    # Verification Code", "Confirm", "Cancel" in French).
    assert response.headers["Content-Language"] == "fr"
    problems = french_problems(response.content.decode())
    run_worker()
    message = mailbox.last_to("jonas@example.org")
    [code] = CODE_RE.findall(message.body)
    welcome = client.post(response.redirect_chain[-1][0], {"code": code}, follow=True)
    assert welcome.headers["Content-Language"] == "fr"
    problems += french_problems(welcome.content.decode()) + _email_problems(message)
    _check("\n".join(problems))


@pytest.mark.parametrize(
    "answers",
    [
        {"nationality": "CH", "second_nationality": "", "date_of_birth": "2010-11-01"},
        {"nationality": "BE", "second_nationality": "CH", "date_of_birth": "2000-03-04"},
        {"nationality": "", "date_of_birth": "not a date", "years_completed": "x"},
    ],
)
def test_the_eligibility_verdicts_and_errors_in_french(reference_data, answers):
    """Verdicts name countries, not their codes ("(CH)"), in French dates; errors in French."""
    data = {
        "status": "enrolled",
        "years_completed": "2",
        "degree_date": "",
        "english": "C1",
        "french": "",
        **answers,
    }
    response = _french().post(reverse("applications:am-i-eligible"), data)
    assert response.status_code in {200, 400}  # a verdict, or the form with its errors
    _check("\n".join(french_problems(response.content.decode())))


def test_a_date_on_the_first_of_the_month_reads_1er_on_a_french_page(world):
    """The dates the checker reads on the back office are French, « 1er » included."""
    _first_of_november_at_midnight(world)
    client = _french(world["people"]["hm_a"])
    url = reverse("backoffice:division-candidate", args=[world["app_a"].pk])
    response = client.get(url)
    html = response.content.decode()
    assert "1er nov. 2026 00:00" in html
