"""Further assessments: a division schedules one for a shortlisted candidate (with a panel and
an .ics invitation), moves it (the .ics revision grows), the candidate asks for another slot,
panel members fill scorecards; another unit sees none of it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.emails import outbox_flush
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection import interviews
from intake.selection.models import Interview, Scorecard
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def setting(make_user):
    call, _ = call_with_vacancies(n=0)
    unit = make_unit("unit-a")
    other_unit = make_unit("unit-b")
    vacancy = make_vacancy(call, unit, reference="A-01")
    other_vacancy = make_vacancy(call, other_unit, reference="B-01")
    candidate = make_user(email="cand@example.org", language="fr", first_name="Léa")
    application = in_pipeline(candidate, call, [vacancy, other_vacancy], stage="shortlisted")
    manager = make_user(role=Role.HIRING_MANAGER, email="hm@example.org", first_name="Hanna")
    colleague = make_user(role=Role.HIRING_MANAGER, email="hm2@example.org", first_name="Colin")
    other = make_user(role=Role.HIRING_MANAGER, email="hmb@example.org")
    unit.hiring_managers.add(manager, colleague)
    other_unit.hiring_managers.add(other)
    for person in (manager, colleague, other):
        TOTP.activate(person, "JBSWY3DPEHPK3PXP")
    return {
        "application": application,
        "vacancy": vacancy,
        "other_vacancy": other_vacancy,
        "manager": manager,
        "colleague": colleague,
        "other": other,
        "candidate": candidate,
    }


def _next_week(hour=10):
    day = timezone.localtime(timezone.now() + timedelta(days=7), BRUSSELS).date()
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=BRUSSELS)


def test_scheduling_invites_the_candidate_with_an_ics(setting, client, mailbox):
    client.force_login(setting["manager"])
    when = _next_week()
    response = client.post(
        reverse("backoffice:division-schedule", args=[setting["application"].pk]),
        {
            "vacancy": setting["vacancy"].pk,
            "kind": "live_interview",
            "starts_at": when.strftime("%Y-%m-%dT%H:%M"),
            "duration": "45",
            "place": "NATO HQ, Brussels",
            "panel": [setting["manager"].pk, setting["colleague"].pk, setting["other"].pk],
        },
    )
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert interview.starts_at == when and interview.unit == setting["vacancy"].unit
    # Only the unit's own people may sit on its panel.
    assert set(interview.panel.all()) == {setting["manager"], setting["colleague"]}
    setting["application"].refresh_from_db()
    assert setting["application"].stage == Stage.FURTHER_ASSESSMENT
    outbox_flush()
    [message] = mailbox.to("cand@example.org")
    assert "Évaluation complémentaire" in message.subject or "évaluation" in message.body
    ((name, content, mimetype),) = message.attachments
    ics = content if isinstance(content, str) else content.decode()
    assert name == "invitation.ics" and mimetype.startswith("text/calendar")
    assert "METHOD:REQUEST" in ics and "SEQUENCE:0" in ics
    assert f"DTSTART:{when.astimezone(ZoneInfo('UTC')):%Y%m%dT%H%M%S}Z" in ics
    assert "LOCATION:NATO HQ\\, Brussels" in ics


def test_a_live_interview_needs_a_place_and_a_time_in_the_future(setting):
    with pytest.raises(IllegalMove, match="place or the video link"):
        interviews.interview_schedule(
            user=setting["manager"],
            application=setting["application"],
            vacancy_id=setting["vacancy"].pk,
            kind="live_interview",
            starts_at=_next_week(),
            duration=45,
        )
    with pytest.raises(IllegalMove, match="future"):
        interviews.interview_schedule(
            user=setting["manager"],
            application=setting["application"],
            vacancy_id=setting["vacancy"].pk,
            kind="written_test",
            starts_at=timezone.now() - timedelta(hours=1),
            duration=60,
        )
    assert not Interview.objects.exists()


def _scheduled(setting):
    return interviews.interview_schedule(
        user=setting["manager"],
        application=setting["application"],
        vacancy_id=setting["vacancy"].pk,
        kind="video_interview",
        starts_at=_next_week(),
        duration=30,
        video_link="https://video.example.org/room/1",
        panel_ids=[setting["manager"].pk, setting["colleague"].pk],
    )


def test_the_candidate_asks_for_another_slot_and_the_division_moves_it(setting, client, mailbox):
    interview = _scheduled(setting)
    client.force_login(setting["candidate"])
    page = client.get(reverse("apply:dashboard")).content.decode()
    assert "Ask for another slot" in page or "Demander un autre créneau" in page
    ics = client.get(reverse("apply:interview-ics", args=[interview.pk]))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    client.post(reverse("apply:interview-slot", args=[interview.pk]), {"message": "Mornings"})
    interview.refresh_from_db()
    assert interview.status == "reschedule_asked" and interview.candidate_message == "Mornings"
    outbox_flush()
    [asked] = mailbox.to("hm@example.org")
    assert "Mornings" in asked.body
    later = _next_week(hour=9) + timedelta(days=1)
    interviews.interview_reschedule(
        user=setting["colleague"], interview_id=interview.pk, starts_at=later
    )
    interview.refresh_from_db()
    assert interview.status == "scheduled" and interview.sequence == 1
    assert "SEQUENCE:1" in interviews.interview_ics(interview, language="en")
    # Another candidate cannot touch it; another unit cannot move it.
    stranger = setting["other"]
    with pytest.raises(Http404):
        interviews.interview_reschedule(user=stranger, interview_id=interview.pk, starts_at=later)


def test_panel_members_fill_scorecards_and_other_units_see_nothing(setting, client):
    interview = _scheduled(setting)
    criteria = list(interviews.panel_criteria(setting["vacancy"]))
    assert len(criteria) == 4
    client.force_login(setting["manager"])
    url = reverse("backoffice:division-scorecard", args=[setting["application"].pk, interview.pk])
    client.post(url, {f"score-{c.pk}": "4" for c in criteria} | {"comment": "Clear answers"})
    card = Scorecard.objects.get()
    assert card.total == 80 and card.panelist == setting["manager"]
    page = client.get(
        reverse("backoffice:division-candidate", args=[setting["application"].pk])
    ).content.decode()
    assert "Hanna" in page and "80.0/100" in page
    client.force_login(setting["other"])
    page = client.get(
        reverse("backoffice:division-candidate", args=[setting["application"].pk])
    ).content.decode()
    assert "80.0/100" not in page and "video.example.org" not in page
    response = client.post(url, {f"score-{c.pk}": "1" for c in criteria})
    assert response.status_code == 404 or Scorecard.objects.count() == 1
    assert Scorecard.objects.count() == 1


def test_a_division_sets_its_vacancys_scorecard_criteria(setting, client):
    client.force_login(setting["manager"])
    url = reverse("backoffice:division-vacancy-criteria", args=[setting["vacancy"].pk])
    page = client.get(url)
    assert page.status_code == 200 and "Knowledge of the field" in page.content.decode()
    criteria = list(interviews.panel_criteria(setting["vacancy"]))
    form = {
        "criteria-TOTAL_FORMS": str(len(criteria) + 1),
        "criteria-INITIAL_FORMS": str(len(criteria)),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "12",
    }
    for i, c in enumerate(criteria):
        form |= {
            f"criteria-{i}-id": str(c.pk),
            f"criteria-{i}-name_en": c.name_en,
            f"criteria-{i}-name_fr": c.name_fr,
            f"criteria-{i}-order": str(c.order),
        }
    form["criteria-0-DELETE"] = "on"
    form |= {
        f"criteria-{len(criteria)}-name_en": "Drafting a briefing",
        f"criteria-{len(criteria)}-name_fr": "Rédaction d'une note",
        f"criteria-{len(criteria)}-order": "9",
    }
    assert client.post(url, form).status_code == 302
    names = [c.name_en for c in interviews.panel_criteria(setting["vacancy"])]
    assert "Knowledge of the field" not in names and names[-1] == "Drafting a briefing"
    # Another unit's vacancy: 404.
    other = reverse("backoffice:division-vacancy-criteria", args=[setting["other_vacancy"].pk])
    assert client.get(other).status_code == 404


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://video.example.org/room/1",  # plain http: only in development
        "https://user:secret@video.example.org/",
        "https://video.example.org/a b",
        "//video.example.org/room",
        "video.example.org/room",
    ],
)
def test_a_video_link_must_be_an_https_address(setting, client, mailbox, link):
    client.force_login(setting["manager"])
    response = client.post(
        reverse("backoffice:division-schedule", args=[setting["application"].pk]),
        {
            "vacancy": setting["vacancy"].pk,
            "kind": "video_interview",
            "starts_at": _next_week().strftime("%Y-%m-%dT%H:%M"),
            "duration": "30",
            "video_link": link,
        },
        follow=True,
    )
    assert "must be a full address starting with https://" in response.content.decode()
    assert not Interview.objects.exists()
    setting["application"].refresh_from_db()
    assert setting["application"].stage == Stage.SHORTLISTED
    outbox_flush()
    assert mailbox.to("cand@example.org") == []


def test_plain_http_links_are_accepted_in_development_only(setting, settings):
    settings.INTAKE_ENV = "development"
    interview = interviews.interview_schedule(
        user=setting["manager"],
        application=setting["application"],
        vacancy_id=setting["vacancy"].pk,
        kind="video_interview",
        starts_at=_next_week(),
        duration=30,
        video_link="http://127.0.0.1:9000/room",
    )
    assert interview.safe_video_link == "http://127.0.0.1:9000/room"


def test_a_link_stored_before_the_check_is_never_shown_as_a_link(setting, client):
    interview = _scheduled(setting)
    Interview.objects.filter(pk=interview.pk).update(video_link="javascript:alert(1)")
    interview.refresh_from_db()
    assert interview.safe_video_link == ""
    assert "javascript:" not in interviews.interview_ics(interview, language="en")
    client.force_login(setting["manager"])
    page = client.get(reverse("backoffice:division-candidate", args=[setting["application"].pk]))
    assert "javascript:" not in page.content.decode()
    client.force_login(setting["candidate"])
    dashboard = client.get(reverse("apply:dashboard"))
    assert dashboard.status_code == 200 and "javascript:" not in dashboard.content.decode()
