"""axe-core on every page of this stage, in both languages, as a visitor, an applicant and staff."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from intake.accounts.roles import Role
from intake.newsletter import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def published_vacancy_set(vacancy) -> None:
    from intake.programme.models import Vacancy
    from intake.programme.services import vacancy_set_status

    vacancy_set_status(vacancy=vacancy, to=Vacancy.Status.PUBLISHED)


PUBLIC = [
    "/",
    "/vacancies/",
    "/vacancies/?q=zzz",
    "/faq/",
    "/faq/?q=visa",
    "/faq/is-it-paid/",
    "/about/application-advice/",
    "/about/internship-guide/",
    "/about/diversity-and-inclusion/",
    "/videos/",
    "/contact/",
    "/eligibility/",
    "/newsletter/call-alert/",
    "/newsletter/",
    "/newsletter/check-your-inbox/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
    "/dev/mailbox/",
]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_public_pages_have_no_serious_violations(
    page, live_server, axe_check, lang, reference_data
):
    page.context.add_cookies([{"name": "intake_language", "value": lang, "url": live_server.url}])
    for url in PUBLIC:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == lang
        axe_check(page)


def test_newsletter_links_pages_have_no_serious_violations(page, axe_check):
    subscriber = services.subscriber_subscribe(email="a11y@example.org", language="en")
    page.goto(f"/newsletter/confirm/{services.confirm_token(subscriber)}/")
    axe_check(page)
    page.goto(f"/newsletter/unsubscribe/{services.unsubscribe_token(subscriber)}/")
    axe_check(page)
    page.goto("/newsletter/confirm/broken/")
    axe_check(page)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_account_and_staff_pages_have_no_serious_violations(
    page, live_server, make_user, axe_check, lang
):
    page.context.add_cookies([{"name": "intake_language", "value": lang, "url": live_server.url}])
    staff = make_user(email=f"staff-{lang}@example.org", role=Role.PROGRAMME_OFFICE, language=lang)
    from django.test import Client

    client = Client()
    client.force_login(staff)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for url in ["/accounts/", "/accounts/password/change/", "/accounts/email/", "/accounts/2fa/"]:
        page.goto(url)
        axe_check(page)
    # Staff pages first ask for an authenticator, with an accessible set-up page.
    page.goto("/backoffice/")
    assert "/accounts/security/required/" in page.url
    axe_check(page)
    page.locator("main a.btn").click()
    axe_check(page)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    from intake.programme.questions import vacancy_question_add
    from intake.programme.tests.factories import make_call, make_unit, make_vacancy

    call, unit = make_call(), make_unit()
    draft = make_vacancy(call, unit, reference="D-01", publish=False)
    published = make_vacancy(call, unit, reference="P-01", publish=False)
    vacancy_question_add(vacancy=published, kind="yes_no", text_en="Licence?", text_fr="Permis ?")
    published_vacancy_set(published)
    for url in [
        "/backoffice/",
        "/backoffice/newsletter/",
        "/backoffice/newsletter/create/",
        f"/backoffice/vacancies/{draft.pk}/questions/",
        f"/backoffice/vacancies/{published.pk}/questions/",
    ]:
        page.goto(url)
        axe_check(page)
