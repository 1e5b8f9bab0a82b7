from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake.core.models import AuditEvent
from intake.programme import services
from intake.programme.models import Call, Vacancy, VacancyStatusChange
from intake.programme.tests.factories import make_call, make_field, make_unit, make_vacancy

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def test_a_vacancy_cannot_be_published_without_every_text_in_french():
    call, unit = make_call(), make_unit()
    vacancy = make_vacancy(call, unit, publish=False, title_fr="", tasks_fr="")
    with pytest.raises(ValidationError) as error:
        services.vacancy_set_status(vacancy=vacancy, to=Vacancy.Status.PUBLISHED)
    assert "title (French)" in str(error.value) and "tasks (French)" in str(error.value)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT
    assert VacancyStatusChange.objects.count() == 0


def test_skills_may_be_empty_in_both_languages_but_not_in_one():
    call, unit = make_call(), make_unit()
    make_vacancy(call, unit, reference="A-1")  # no skills at all: fine
    one_sided = make_vacancy(call, unit, reference="A-2", publish=False, skills_en="Writing")
    with pytest.raises(ValidationError):
        services.vacancy_set_status(vacancy=one_sided, to=Vacancy.Status.PUBLISHED)


def test_status_moves_follow_the_table_and_are_recorded(make_user):
    staff = make_user()
    call, unit = make_call(), make_unit()
    vacancy = make_vacancy(call, unit, publish=False)
    services.vacancy_set_status(vacancy=vacancy, to=Vacancy.Status.PUBLISHED, actor=staff)
    with pytest.raises(services.IllegalTransition):
        services.vacancy_set_status(vacancy=vacancy, to=Vacancy.Status.DRAFT, actor=staff)
    services.vacancy_set_status(
        vacancy=vacancy, to=Vacancy.Status.WITHDRAWN, actor=staff, reason="Post frozen"
    )
    moves = list(VacancyStatusChange.objects.values_list("from_status", "to_status", "reason"))
    assert moves == [("draft", "published", ""), ("published", "withdrawn", "Post frozen")]
    assert AuditEvent.objects.filter(action="vacancy.withdrawn", actor=staff).count() == 1


def test_a_reference_is_unique_within_a_call():
    call, unit = make_call(), make_unit()
    make_vacancy(call, unit, reference="X-1")
    with pytest.raises((ValidationError, IntegrityError)):
        make_vacancy(call, unit, reference="x-1")


def test_a_call_must_close_after_it_opens():
    with pytest.raises(ValidationError):
        make_call(
            opens_at=datetime(2027, 5, 1, tzinfo=BRUSSELS),
            closes_at=datetime(2027, 4, 1, tzinfo=BRUSSELS),
        )


def test_copying_last_years_call_keeps_wall_clock_times_and_drafts_every_vacancy():
    unit = make_unit()
    call = make_call(
        2026,
        opens_at=datetime(2026, 4, 1, 9, 0, tzinfo=BRUSSELS),
        closes_at=datetime(2026, 5, 31, 23, 59, 59, tzinfo=BRUSSELS),
        eligibility_language_level="B2",
        eligibility_min_age=18,
        blind_screening=True,
    )
    make_vacancy(
        call, unit, reference="A-1", languages=[("en", "C1", True)], fields_of_study=[make_field()]
    )
    withdrawn = make_vacancy(call, unit, reference="A-2")
    services.vacancy_set_status(vacancy=withdrawn, to=Vacancy.Status.WITHDRAWN)
    new = services.call_copy(source=call, year=2027)
    assert new.local(new.opens_at).strftime("%Y-%m-%d %H:%M") == "2027-04-01 09:00"
    assert new.local(new.closes_at).strftime("%Y-%m-%d %H:%M:%S") == "2027-05-31 23:59:59"
    # The call's rules come along (they are the programme's, edited when they change).
    assert (new.eligibility_language_level, new.eligibility_min_age, new.blind_screening) == (
        "B2",
        18,
        True,
    )
    [copy] = new.vacancies.all()
    assert (copy.reference, copy.status) == ("A-1", Vacancy.Status.DRAFT)
    assert [(lang.language, lang.level) for lang in copy.languages.all()] == [("en", "C1")]
    assert copy.fields_of_study.count() == 1


def seed_list():
    call, pdd, esc = (
        make_call(),
        make_unit("pdd"),
        make_unit("esc", name_en="Emerging challenges", name_fr="Défis émergents"),
    )
    law, data = make_field("law"), make_field("data")
    make_vacancy(
        call,
        pdd,
        "PDD-01",
        title_en="Press intern",
        title_fr="Stagiaire presse",
        intake="march",
        telework=True,
        languages=[("fr", "C1", True)],
        fields_of_study=[law],
    )
    make_vacancy(
        call,
        esc,
        "ESC-01",
        title_en="Energy security intern",
        title_fr="Stagiaire sécurité énergétique",
        intake="september",
        telework=False,
        languages=[("en", "C1", True)],
        fields_of_study=[data],
    )
    make_vacancy(
        call,
        esc,
        "ESC-02",
        title_en="Cyber policy intern",
        title_fr="Stagiaire cyberpolitique",
        intake="either",
        telework=True,
        publish=False,
    )
    return call


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["ESC-01", "PDD-01"]),
        ("?unit=esc", ["ESC-01"]),
        ("?field=law", ["PDD-01"]),
        ("?language=en", ["ESC-01"]),
        ("?intake=march", ["PDD-01"]),
        ("?intake=september", ["ESC-01"]),
        ("?telework=yes", ["PDD-01"]),
        ("?telework=no", ["ESC-01"]),
        ("?q=energy", ["ESC-01"]),
        ("?q=énergétique", ["ESC-01"]),
        ("?q=presse+stagiaire", ["PDD-01"]),
        ("?q=cyber", []),  # a draft is never public
        ("?unit=unknown", ["ESC-01", "PDD-01"]),  # an invalid choice is ignored, not an error
    ],
)
def test_filters_and_search(client, query, expected):
    seed_list()
    response = client.get(reverse("programme:vacancy-list") + query)
    assert response.status_code == 200
    assert sorted(v.reference for v in response.context["page"]) == expected


def test_the_list_runs_in_a_fixed_number_of_queries(client):
    call = seed_list()
    unit = make_unit("ops")
    client.get(reverse("programme:vacancy-list"))
    cache.clear()  # measure the rendering, not the page cache
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("programme:vacancy-list"))
    for i in range(15):
        make_vacancy(
            call,
            unit,
            f"OPS-{i:02d}",
            languages=[("en", "B2", True)],
            fields_of_study=[make_field("law")],
        )
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("programme:vacancy-list"))
    assert len(response.context["page"]) == 17
    assert len(many) == len(few)


def test_the_detail_page_has_a_readable_url_and_redirects_to_it(client):
    seed_list()
    vacancy = Vacancy.objects.get(reference="PDD-01")
    assert vacancy.get_absolute_url() == "/vacancies/2027/PDD-01/press-intern/"
    response = client.get("/vacancies/2027/pdd-01/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/vacancies/2027/PDD-01/press-intern/",
    )
    response = client.get(vacancy.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Stagiaire presse" in response.content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(vacancy.get_absolute_url())
    assert len(queries) <= 8


def test_a_draft_or_withdrawn_vacancy_is_a_404(client):
    seed_list()
    assert client.get("/vacancies/2027/ESC-02/cyber-policy-intern/").status_code == 404
    services.vacancy_set_status(
        vacancy=Vacancy.objects.get(reference="PDD-01"), to=Vacancy.Status.WITHDRAWN
    )
    assert client.get("/vacancies/2027/PDD-01/press-intern/").status_code == 404


def test_the_deadline_is_shown_in_brussels_time_with_the_time_left(client):
    now = timezone.now()
    make_call(opens_at=now - timedelta(days=10), closes_at=(now + timedelta(days=3, hours=5)))
    html = client.get("/").content.decode()
    assert "Closes in 3 days" in html
    assert "Brussels time" in html
    call = Call.objects.get()
    assert call.local(call.closes_at).strftime("%H:%M") in html
    assert "Clôture dans 3 jours" in client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_the_atom_feed_lists_published_vacancies(client):
    seed_list()
    response = client.get(reverse("programme:vacancy-feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Press intern" in body and "Energy security intern" in body and "Cyber" not in body


def test_the_key_dates_as_an_icalendar_file(client):
    make_call()
    response = client.get(reverse("programme:call-ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20270331T220000Z" in body  # 1 April 00:00 in Brussels (summer time)
    assert "DTSTART:20270531T215959Z" in body  # 31 May 23:59:59 in Brussels
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert client.get("/vacancies/1999/calendar.ics").status_code == 404


def test_the_vacancy_page_s_sign_up_and_log_in_links_come_back_to_it(client, make_user):
    seed_list()
    vacancy = Vacancy.objects.get(reference="PDD-01")
    url = vacancy.get_absolute_url()
    html = client.get(url).content.decode()
    back = "?next=" + url.replace("/", "%2F")
    assert f'href="{reverse("account_signup")}{back}"' in html
    assert f'href="{reverse("account_login")}{back}"' in html
    client.force_login(make_user())
    assert f'href="{reverse("account_signup")}{back}"' not in client.get(url).content.decode()


def test_a_vacancy_names_its_languages_in_the_reader_s_language(client):
    from intake.programme.models import VacancyLanguage

    seed_list()
    vacancy = Vacancy.objects.get(reference="PDD-01")
    VacancyLanguage.objects.create(vacancy=vacancy, language="en", level="C1")
    french = client.get(vacancy.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Anglais C1" in french and ">EN<" not in french
    english = client.get(vacancy.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "English C1" in english
