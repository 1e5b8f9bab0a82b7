"""The back office in a real browser: the Overview of the office and of a division (English and
French, axe-core), and the screening table at a laptop's and a phone's width — every column
visible or reachable by scrolling the table's own container (never the page), the applicant's
column kept in view, the container reachable with the keyboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from intake.accounts.roles import Role
from intake.content.models import Question
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection import divisions
from intake.selection.models import Consideration
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECRET = "JBSWY3DPEHPK3PXP"


def _sign_in(page, live_server, user, lang: str = "en") -> None:
    TOTP.activate(user, SECRET)
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {"name": "intake_language", "value": lang, "url": live_server.url},
        ]
    )


def _world(make_user, *, candidates: int = 3):
    """A call past its deadline, two units with a manager each, candidates at several stages."""
    call, _ = call_with_vacancies(n=0, closes_in=timedelta(days=-1))
    unit_a, unit_b = make_unit("unit-a"), make_unit("unit-b")
    manager = make_user(role=Role.HIRING_MANAGER, email="hm-a@example.org")
    unit_a.hiring_managers.add(manager)
    unit_b.hiring_managers.add(make_user(role=Role.HIRING_MANAGER, email="hm-b@example.org"))
    a1 = make_vacancy(call, unit_a, reference="A-INTERNATIONAL-SECURITY-01")
    a2 = make_vacancy(call, unit_a, reference="A-INTERNATIONAL-SECURITY-02")
    b1 = make_vacancy(call, unit_b, reference="B-PUBLIC-DIPLOMACY-01")
    for i in range(candidates):
        in_pipeline(
            make_user(
                email=f"s{i}@example.org",
                first_name="Maria-Antonietta Josefina",
                last_name=f"Vandenberghe-Oliveira{i}",
            ),
            call,
            [a1, a2, b1],
        )
    in_pipeline(make_user(email="e@example.org"), call, [a1], stage="assessment_completed")
    released = in_pipeline(make_user(email="r@example.org"), call, [a1], stage="released")
    in_pipeline(make_user(email="rb@example.org"), call, [b1], stage="released")
    shortlisted = in_pipeline(make_user(email="sl@example.org"), call, [a1], stage="released")
    divisions.consideration_set(
        user=manager,
        application=shortlisted,
        vacancy_id=a1.pk,
        status=Consideration.Status.SHORTLISTED,
    )
    Question.objects.create(
        name="N", email="n@example.org", subject="Visa", message="?", language="en"
    )
    return call, manager, released


def _count(page, name: str) -> str:
    return page.locator(f"[data-count={name}]").first.inner_text().strip()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_office_overview(page, live_server, make_user, axe_check, lang):
    call, _manager, _released = _world(make_user)
    office = make_user(role=Role.PROGRAMME_OFFICE, email=f"office-{lang}@example.org")
    _sign_in(page, live_server, office, lang)
    page.goto("/backoffice/")
    assert page.locator("html").get_attribute("lang") == lang
    heading = {"en": "Overview", "fr": "Vue d'ensemble"}[lang]
    assert page.get_by_role("heading", level=1).inner_text() == heading
    section = page.locator(f"section[data-call='{call.year}']")
    assert section.get_by_role("heading", name=str(call.year)).is_visible()
    # 3 submitted, 1 after the assessment, 3 released (one of them shortlisted since).
    assert _count(page, "submitted") == "7"
    assert _count(page, "awaiting_screening") == "3"
    assert _count(page, "awaiting_eligibility") == "1"
    assert _count(page, "released") == "2"
    link = {"en": "Awaiting screening", "fr": "En attente de tri"}[lang]
    assert section.get_by_role("link", name=link).get_attribute("href") == (
        f"/backoffice/selection/{call.year}/?stage=submitted"
    )
    assert "1" in page.locator("[data-count=questions]").inner_text()
    axe_check(page)
    with page.expect_navigation():
        section.get_by_role("link", name=link).click()
    assert page.locator("tbody tr").count() == 3


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_division_overview_shows_only_its_units(page, live_server, make_user, axe_check, lang):
    call, manager, released = _world(make_user)
    _sign_in(page, live_server, manager, lang)
    page.goto("/backoffice/")
    assert page.locator("html").get_attribute("lang") == lang
    section = page.locator(f"section[data-call='{call.year}']")
    # Unit A's two (the released one and the shortlisted one), never unit B's.
    assert _count(page, "released") == "2"
    assert _count(page, "awaiting_decision") == "1"
    assert _count(page, "shortlisted") == "1"
    assert page.locator("[data-count=awaiting_screening]").count() == 0
    axe_check(page)
    link = {"en": "Released to your units", "fr": "Transmises à vos unités"}[lang]
    with page.expect_navigation():
        section.get_by_role("link", name=link).click()
    assert page.locator(f"a[href='/backoffice/division/candidates/{released.pk}/']").count() == 1


SIZES = [(1366, 768), (390, 844)]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_column_of_the_screening_table_is_reachable(
    page, live_server, make_user, axe_check, tab_to, width, height
):
    call, _manager, _released = _world(make_user, candidates=4)
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    _sign_in(page, live_server, office)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"/backoffice/selection/{call.year}/")
    # The page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    region = page.locator("[data-table-scroll]")
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
    box = region.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5
    last = page.locator("thead th").last
    first_cell = page.locator("tbody tr").first.locator("th[scope=row]")
    before = first_cell.bounding_box()
    assert before is not None
    # The keyboard reaches the container and its arrow keys scroll it.
    handle = region.element_handle()
    overflows = page.evaluate("(el) => el.scrollWidth > el.clientWidth", handle)
    tab_to(page, "[data-table-scroll]", max_presses=150)
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)  # smooth scrolling
    assert page.evaluate("(el) => el.scrollLeft", handle) > 0 or not overflows
    # To its end: the last column comes inside the container and the viewport.
    page.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }", handle)
    end = last.bounding_box()
    box = region.bounding_box()
    assert end is not None and box is not None
    assert end["x"] >= box["x"] - 0.5 and end["x"] + end["width"] <= box["x"] + box["width"] + 0.5
    assert end["x"] + end["width"] <= width + 0.5
    # The applicant's column stays where it was, in view, the others passing under it.
    after = first_cell.bounding_box()
    assert after is not None and abs(after["x"] - before["x"]) < 1
    assert (
        page.evaluate("(el) => getComputedStyle(el).position", first_cell.element_handle())
        == "sticky"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe_check(page)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_role_without_screens_is_told_so(page, live_server, make_user, axe_check, lang):
    officer = make_user(role=Role.TEMP_RECRUITER, email=f"recruiter-{lang}@example.org")
    _sign_in(page, live_server, officer, lang)
    page.goto("/backoffice/")
    assert page.locator("html").get_attribute("lang") == lang
    name = {"en": "Manage your API tokens", "fr": "Gérer vos jetons d’API"}[lang]
    assert page.get_by_role("link", name=name).get_attribute("href") == "/backoffice/tokens/"
    axe_check(page)
