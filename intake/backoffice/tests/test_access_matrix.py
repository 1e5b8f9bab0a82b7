"""The access matrix: every back-office URL and every staff API endpoint, requested as each role
(anonymous, applicant, programme office, hiring manager of unit A, of unit B, clearance
officer) against objects of their own and of others. Allowed: the page answers (200, a
redirect, or a refusal of the input: 400/409). Not allowed: 404 (anonymous: sent to log in;
API: 401). A URL or endpoint missing from the matrix fails the test."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.api.tokens import token_create
from intake.content.models import FaqEntry, FaqTopic, Question
from intake.newsletter.models import NewsletterIssue
from intake.placements.models import DelegationMember, Placement, PlacementMessage
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection import services
from intake.selection.models import (
    AssessmentInvitation,
    Consideration,
    Interview,
    SavedSearch,
)
from intake.selection.tests.factories import call_with_vacancies, in_pipeline, submitted

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "applicant",
    "office",
    "hm_a",
    "hm_b",
    "clearance",
    "delegation",
    "pi",
    "intern",
    "other_intern",
    "former_intern",
]
OFFICE = {"office"}
STAFF = {"office", "hm_a", "hm_b", "clearance", "delegation", "pi"}
ARRIVALS = {"office", "pi"}  # the P&I officer and the office (can_manage_arrivals)
INTERNS = {"intern", "other_intern", "former_intern"}
MANAGERS = {"hm_a", "hm_b"}
CLEARANCE = {"office", "clearance"}


@dataclass
class Entry:
    name: str
    args: Any  # a function of the world, giving the URL's arguments
    allowed: set[str]
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)


def _matrix() -> list[Entry]:
    year = lambda w: [w["call"].year]  # noqa: E731
    a = lambda w: [w["app_a"].pk]  # noqa: E731
    _arrival = lambda w: [w["interns"]["other_intern"]["arrival"].pk]  # noqa: E731
    return [
        Entry("home", lambda w: [], STAFF),
        Entry("tokens", lambda w: [], STAFF),
        Entry("token-revoke", lambda w: [w["token"].pk], OFFICE, "post"),  # the office's own
        Entry("newsletter-list", lambda w: [], OFFICE),
        Entry("newsletter-create", lambda w: [], OFFICE),
        Entry("newsletter-export", lambda w: [], OFFICE),
        Entry("newsletter-detail", lambda w: [w["issue"].pk], OFFICE),
        Entry("newsletter-update", lambda w: [w["issue"].pk], OFFICE),
        Entry("newsletter-send", lambda w: [w["issue"].pk], OFFICE, "post"),
        Entry("call-list", lambda w: [], OFFICE),
        Entry("call-create", lambda w: [], OFFICE),
        Entry("call-detail", lambda w: [w["call"].pk], OFFICE),
        Entry("call-update", lambda w: [w["call"].pk], OFFICE),
        Entry("call-copy", lambda w: [w["call"].pk], OFFICE, "post"),
        Entry("vacancy-create", lambda w: [w["call"].pk], OFFICE),
        Entry("vacancy-update", lambda w: [w["vacancy_a"].pk], OFFICE),
        Entry("vacancy-preview", lambda w: [w["vacancy_a"].pk], OFFICE),
        Entry("vacancy-status", lambda w: [w["vacancy_a"].pk], OFFICE, "post", {"to": "x"}),
        Entry("vacancy-questions", lambda w: [w["vacancy_a"].pk], {"office", "hm_a"}),
        Entry("vacancy-questions", lambda w: [w["vacancy_b"].pk], {"office", "hm_b"}),
        Entry("questions", lambda w: [], OFFICE),
        Entry("question-answered", lambda w: [w["question"].pk], OFFICE, "post"),
        Entry("content-list", lambda w: ["faq"], OFFICE),
        Entry("content-create", lambda w: ["faq"], OFFICE),
        Entry("content-update", lambda w: ["faq", w["faq"].pk], OFFICE),
        Entry("selection", lambda w: [], OFFICE),
        Entry("screening", year, OFFICE),
        Entry("saved-create", year, OFFICE, "post", {"name": "x", "query": "q=a"}),
        Entry("saved-delete", lambda w: [w["call"].year, w["saved"].pk], OFFICE, "post"),
        Entry("bulk-create", year, OFFICE, "post", {"scope": "selected", "to": "screened"}),
        Entry("bulk-move", lambda w: [w["bulk"].pk], OFFICE),
        Entry("proposals", year, OFFICE),
        Entry("proposal-confirm", year, OFFICE, "post", {"consideration": "{consideration}"}),
        Entry("outcomes", year, OFFICE),
        Entry("outcome-template", lambda w: [w["call"].year, "reserve"], OFFICE),
        Entry("outcome-send", lambda w: [w["call"].year, "reserve"], OFFICE, "post"),
        Entry("call-archive", year, OFFICE, "post"),
        Entry("application", a, OFFICE),
        Entry("application-rate", a, OFFICE, "post", {"comment": "incomplete"}),
        Entry("criteria", year, OFFICE),
        Entry("reports", year, OFFICE),
        Entry("export", year, OFFICE),
        Entry("division-export", year, MANAGERS),
        Entry("eligibility-review", a, OFFICE, "post", {"decision": "eligible"}),
        Entry("application-move", a, OFFICE, "post", {"to": "nowhere", "expected": "released"}),
        Entry("assessment-action", a, OFFICE, "post", {"action": "extend", "days": "1"}),
        Entry("application-document", lambda w: [w["app_a"].pk, w["doc_a"].pk], OFFICE),
        Entry("division", lambda w: [], MANAGERS),
        Entry("division-vacancy-criteria", lambda w: [w["vacancy_a"].pk], {"hm_a"}),
        Entry("division-vacancy-criteria", lambda w: [w["vacancy_b"].pk], {"hm_b"}),
        Entry("division-candidates", year, MANAGERS),
        Entry("division-candidate", a, {"hm_a"}),
        Entry("division-candidate", lambda w: [w["app_b"].pk], {"hm_b"}),
        Entry("division-decide", a, {"hm_a"}, "post", {"vacancy": "{va}", "status": "x"}),
        Entry(
            "division-decide",
            lambda w: [w["app_b"].pk],
            {"hm_b"},
            "post",
            {"vacancy": "{vb}", "status": "x"},
        ),
        Entry("division-note", a, {"hm_a"}, "post", {"unit": "{ua}", "text": ""}),
        Entry("division-schedule", a, {"hm_a"}, "post", {"vacancy": "{va}", "kind": "x"}),
        Entry(
            "division-reschedule",
            lambda w: [w["app_a"].pk, w["interview"].pk],
            {"hm_a"},
            "post",
            {"starts_at": "not a date"},
        ),
        Entry("division-scorecard", lambda w: [w["app_a"].pk, w["interview"].pk], {"hm_a"}, "post"),
        Entry("division-document", lambda w: [w["app_a"].pk, w["doc_a"].pk], {"hm_a"}),
        Entry("placements", lambda w: [], OFFICE),
        Entry("reserve-select", lambda w: [w["placement"].pk], OFFICE, "post"),
        Entry("division-placements", lambda w: [], MANAGERS),
        Entry("delegation", lambda w: [], {"delegation"}),
        Entry("delegation-case", lambda w: [w["placement"].pk], {"delegation"}),
        Entry("delegation-case", lambda w: [w["other_placement"].pk], set()),  # not their country
        Entry(
            "delegation-move", lambda w: [w["placement"].pk], {"delegation"}, "post", {"to": "x"}
        ),
        Entry("delegations", lambda w: [], CLEARANCE),
        Entry("clearance", lambda w: [], CLEARANCE),
        Entry("clearance-bulk", lambda w: [], CLEARANCE, "post", {"placements": "x"}),
        Entry("clearance-case", lambda w: [w["placement"].pk], CLEARANCE),
        Entry("clearance-case", lambda w: [w["placement"].pk], CLEARANCE, "post", {"x": "1"}),
        Entry("clearance-move", lambda w: [w["placement"].pk], CLEARANCE, "post", {"to": "x"}),
        Entry("offer-send", lambda w: [w["placement"].pk], OFFICE, "post", {"start": "x"}),
        Entry("start-change", lambda w: [w["placement"].pk], OFFICE, "post"),
        Entry("referees-decide", lambda w: [w["placement"].pk], OFFICE, "post"),
        Entry("clearance-country", lambda w: [w["placement"].pk], CLEARANCE, "post"),
        Entry(
            "clearance-message-read",
            lambda w: [w["placement"].pk, w["placement_message"].pk],
            CLEARANCE,
            "post",
        ),
        Entry("clearance-authorities", lambda w: [], CLEARANCE),
        Entry("clearance-authority", lambda w: ["PT"], CLEARANCE),
        Entry("arrivals", lambda w: [], ARRIVALS),
        Entry("arrivals-export", lambda w: [], ARRIVALS),
        Entry("arrivals-remind", lambda w: [], ARRIVALS, "post", {"arrivals": "{arrival}"}),
        Entry("arrival-case", lambda w: [w["interns"]["intern"]["arrival"].pk], ARRIVALS),
        # A former intern's arrival stays P&I's (and nobody else's), as any other one.
        Entry("arrival-case", lambda w: [w["interns"]["former_intern"]["arrival"].pk], ARRIVALS),
        Entry("arrival-visa", _arrival, ARRIVALS, "post", {"visa-status": "granted"}),
        Entry("arrival-contact", _arrival, ARRIVALS, "post", {"contact-on": "x"}),
        Entry("arrival-arrived", _arrival, ARRIVALS, "post", {"arrived-on": "x"}),
        Entry("arrival-rules", lambda w: [], ARRIVALS),
        Entry("arrival-rule", lambda w: ["TR"], ARRIVALS),
        Entry("arrival-rule", lambda w: ["NO"], ARRIVALS, "post", {"kind": "x"}),
        Entry("idcard-review", lambda w: [w["interns"]["intern"]["arrival"].pk], ARRIVALS),
        Entry(
            "idcard-review",
            lambda w: [w["interns"]["intern"]["arrival"].pk],
            ARRIVALS,
            "post",
            {"action": "corrections", "corrections-reason": ""},  # refused: 400
        ),
        Entry("idcard-file", lambda w: [w["interns"]["intern"]["arrival"].pk], ARRIVALS),
        Entry("community-flags", lambda w: [], OFFICE),
        Entry("community-moderate", lambda w: [w["post"].pk], OFFICE, "post", {"action": "x"}),
        Entry(
            "community-thread-moderate", lambda w: [w["thread"].pk], OFFICE, "post", {"action": "x"}
        ),
    ]


API = [
    # (method, path template, allowed roles)
    ("get", "/api/v1/staff/calls/{year}/applications", {"office", "hm_a", "hm_b"}),
    ("get", "/api/v1/staff/applications/{a}", {"office", "hm_a"}),
    ("get", "/api/v1/staff/applications/{b}", {"office", "hm_b"}),
    ("post", "/api/v1/staff/applications/{a}/move", OFFICE),
    ("post", "/api/v1/staff/applications/{a}/decisions", {"hm_a"}),
    ("post", "/api/v1/staff/applications/{b}/decisions", {"hm_b"}),
    ("get", "/api/v1/staff/placements", {"office", "clearance", "delegation", "hm_a", "hm_b"}),
    ("get", "/api/v1/staff/placements/{p}", {"office", "clearance", "delegation", "hm_b"}),
    ("post", "/api/v1/staff/placements/{p}/move", {"office", "clearance", "delegation"}),
    ("post", "/api/v1/staff/placements/{p}/offer", OFFICE),  # refused (409): not granted
]
API_BODIES = {"move": {"to": "nowhere"}, "decisions": {"vacancy": "{v}", "status": "bogus"}}
# (a placement's move to "nowhere" is refused with 409 for those allowed, as an application's is)


@pytest.fixture
def world(make_user, reference_data):
    call, _ = call_with_vacancies(n=0)
    unit_a, unit_b = make_unit("unit-a"), make_unit("unit-b")
    vacancy_a = make_vacancy(call, unit_a, reference="A-01")
    vacancy_b = make_vacancy(call, unit_b, reference="B-01")
    app_a = submitted(make_user(email="cand-a@example.org"), call, [vacancy_a])
    app_a.stage = "released"
    app_a.save()
    app_b = in_pipeline(make_user(email="cand-b@example.org"), call, [vacancy_b], stage="released")
    people = {
        "applicant": make_user(email="applicant@example.org"),
        "office": make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org"),
        "hm_a": make_user(role=Role.HIRING_MANAGER, email="hma@example.org"),
        "hm_b": make_user(role=Role.HIRING_MANAGER, email="hmb@example.org"),
        "clearance": make_user(role=Role.CLEARANCE_OFFICER, email="clear@example.org"),
        "delegation": make_user(role=Role.DELEGATION, email="delegation@example.org"),
        "pi": make_user(role=Role.PI_OFFICER, email="pi@example.org"),
    }
    DelegationMember.objects.create(user=people["delegation"], country="PT")
    for role in ("office", "hm_a", "hm_b", "clearance", "delegation", "pi"):
        TOTP.activate(people[role], "JBSWY3DPEHPK3PXP")
    unit_a.hiring_managers.add(people["hm_a"])
    unit_b.hiring_managers.add(people["hm_b"])
    topic = FaqTopic.objects.create(slug="t", title_en="T", title_fr="T")
    consideration = Consideration.objects.create(
        application=app_a, vacancy=vacancy_a, unit=unit_a, status="shortlisted"
    )
    AssessmentInvitation.objects.create(
        application=app_a,
        provider="manual",
        external_id="manual-matrix",
        invited_at=timezone.now(),
        deadline=timezone.now(),
        status="expired",
    )
    office = people["office"]
    interview = Interview.objects.create(
        application=app_a,
        vacancy=vacancy_a,
        unit=unit_a,
        kind="written_test",
        starts_at=timezone.now(),
        created_by=people["hm_a"],
    )
    interview.panel.add(people["hm_a"])
    placement = Placement.objects.create(
        application=app_b,
        vacancy=vacancy_b,
        intake="march",
        state_since=timezone.now(),
        created_at=timezone.now(),
        clearance_country="PT",
    )
    interns = _interns(call, vacancy_a, make_user)
    _idcard_with_photo(interns["intern"]["arrival"])
    people.update({role: intern["user"] for role, intern in interns.items()})
    thread, post, digest_token = _community(interns)
    return {
        "interns": interns,
        "thread": thread,
        "post": post,
        "digest_token": digest_token,
        "placement": placement,
        "other_placement": Placement.objects.create(
            application=app_a,
            vacancy=vacancy_a,
            intake="march",
            state_since=timezone.now(),
            created_at=timezone.now(),
            clearance_country="FR",
        ),
        "placement_message": PlacementMessage.objects.create(
            placement=placement, body="m", at=timezone.now()
        ),
        "interview": interview,
        "call": call,
        "vacancy_a": vacancy_a,
        "vacancy_b": vacancy_b,
        "app_a": app_a,
        "app_b": app_b,
        "doc_a": app_a.documents.first(),
        "consideration": consideration,
        "people": people,
        "issue": NewsletterIssue.objects.create(
            subject_en="S", subject_fr="S", body_en="B", body_fr="B", created_by=office
        ),
        "question": Question.objects.create(
            name="N", email="n@example.org", subject="S", message="M", language="en"
        ),
        "faq": FaqEntry.objects.create(
            topic=topic, slug="q", question_en="Q", question_fr="Q", answer_en="A", answer_fr="A"
        ),
        "saved": SavedSearch.objects.create(owner=office, call=call, name="mine", query="q=a"),
        "bulk": services.bulk_move_create(
            call=call, application_ids=[app_b.pk], to="screened", by=office
        ),
        "token": token_create(user=office, name="matrix")[0],
        "tokens": {role: token_create(user=people[role], name="t")[1] for role in STAFF},
    }


def _interns(call, vacancy, make_user) -> dict[str, dict[str, Any]]:
    """An intern of the coming intake (offer accepted, their arrival opened), another one, and a
    former intern (their internship ended last year). Each has their placement and arrival."""
    from datetime import timedelta

    from intake.onboarding.models import Arrival
    from intake.placements.states import State

    today = timezone.localdate()
    now = timezone.now()
    plans = {
        "intern": (State.OFFER_ACCEPTED, today + timedelta(days=60)),
        "other_intern": (State.REFERENCES_COMPLETE, today + timedelta(days=60)),
        "former_intern": (State.START_DATE_FIXED, today - timedelta(days=400)),
    }
    interns = {}
    for role, (state, start) in plans.items():
        user = make_user(email=f"person-{len(interns)}@example.org")
        application = in_pipeline(user, call, [vacancy], stage="released")
        placement = Placement.objects.create(
            application=application,
            vacancy=vacancy,
            intake="march",
            state=state,
            state_since=now,
            created_at=now,
            clearance_country="PT",
            start_date=start,
            end_date=start + timedelta(days=182),
        )
        arrival = Arrival.objects.create(
            placement=placement,
            nationality_used="PT",
            rule_kind="no_visa",
            id_card_required=True,
            created_at=now,
            rebuilt_at=now,
        )
        arrival.steps.create(kind="first_day", position=6, due_on=start)
        interns[role] = {"user": user, "placement": placement, "arrival": arrival}
    return interns


def _idcard_with_photo(arrival) -> None:
    """The intern arrived today and saved their identity card request with a photo (what the
    ID card's pages show and serve)."""
    from intake.onboarding.models import Arrival
    from intake.onboarding.tests.idcard_factories import with_photo

    Arrival.objects.filter(pk=arrival.pk).update(arrived_on=timezone.localdate())
    arrival.refresh_from_db()
    with_photo(arrival)


def _community(interns):
    """The board: the three interns joined (the former intern opted in to stay), a thread by
    the intern with a reply by the other intern."""
    from intake.community import services as community

    for role, intern in interns.items():
        community.member_join(
            user=intern["user"],
            display_name=role,
            accept_code=True,
            former_opt_in=role == "former_intern",
        )
    thread = community.thread_start(
        user=interns["intern"]["user"], topic="accommodation", title="Flats", body="Where?"
    )
    post = community.reply(user=interns["other_intern"]["user"], thread_id=thread.pk, body="Here")
    token = community.digest_token(interns["intern"]["user"].community_member)
    return thread, post, token


# The applicant's area's pages of the arrival and the community (apply: namespace), as each role.
# Allowed: 200, a redirect or a refusal of the input; not allowed: 404; anonymous: to log in.
def _portal() -> list[Entry]:
    mine = lambda w: [w["interns"]["intern"]["arrival"].pk]  # noqa: E731
    thread = lambda w: [w["thread"].pk]  # noqa: E731
    readers = INTERNS | {"office"}  # the office reads (and moderates in the back office)
    return [
        Entry("arrival", mine, {"intern"}),
        Entry("arrival-step", mine, {"intern"}, "post", {"kind": "first_day", "done": "1"}),
        Entry("arrival-funding", mine, {"intern"}, "post", {"funding-none": "1"}),
        Entry("idcard", mine, {"intern"}),
        Entry("idcard", mine, {"intern"}, "post", {"action": "save", "surname": "X"}),
        Entry("idcard-photo", mine, {"intern"}),
        Entry("community", lambda w: [], readers),
        Entry("community-join", lambda w: [], INTERNS),
        Entry("community-join", lambda w: [], INTERNS, "post", {"display_name": "x"}),
        Entry("community-new", lambda w: [], INTERNS),
        Entry("community-new", lambda w: [], INTERNS, "post", {"title": "x"}),
        Entry("community-thread", thread, readers),
        Entry("community-reply", thread, INTERNS, "post", {"body": ""}),
        Entry("community-follow", thread, INTERNS, "post", {"follow": "1"}),
        Entry("community-flag", lambda w: [w["post"].pk], INTERNS, "post"),
        # The digest's link: the signed token is the authority, signed in or not.
        Entry("community-unsubscribe", lambda w: [w["digest_token"]], set(ROLES)),
        Entry("community-unsubscribe", lambda w: ["forged"], set()),
    ]


PORTAL_PREFIXES = ("arrival", "idcard", "community")
# Pages of the applicant's area that answer anonymous visitors (no login asked).
PORTAL_PUBLIC = {"community-unsubscribe"}


def test_every_arrival_and_community_page_is_in_the_matrix():
    resolver = get_resolver().namespace_dict["apply"][1]
    names = {
        p.name
        for p in resolver.url_patterns
        if getattr(p, "name", None) and p.name.startswith(PORTAL_PREFIXES)
    }
    assert names - {e.name for e in _portal()} == set(), "add the new pages to the matrix"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_only_its_own_arrival_and_community(world, role):
    client = _client(world, role)
    failures = []
    for entry in _portal():
        url = reverse(f"apply:{entry.name}", args=entry.args(world))
        response = getattr(client, entry.method)(url, entry.data)
        status = response.status_code
        if role == "anonymous" and entry.name in PORTAL_PUBLIC:
            ok = status == (200 if role in entry.allowed else 404)
        elif role == "anonymous":
            ok = status == 302 and "/accounts/login" in response["Location"]
        elif role in entry.allowed:
            ok = status in {200, 302, 400, 409}
        else:
            ok = status == 404
        if not ok:
            failures.append(f"{entry.method.upper()} {url}: {status}")
    assert failures == [], f"{role}: {failures}"


def test_every_back_office_url_is_in_the_matrix():
    resolver = get_resolver().namespace_dict["backoffice"][1]
    names = {p.name for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names - {e.name for e in _matrix()} == set(), "add the new URLs to the matrix"


def test_every_staff_api_endpoint_is_in_the_matrix(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    staff = {
        (method, path.replace("{pk}", "{x}").replace("{year}", "{x}"))
        for path, operations in paths.items()
        if path.startswith("/api/v1/staff/")
        for method in operations
    }
    known = {
        (
            m,
            p.replace("{a}", "{x}")
            .replace("{b}", "{x}")
            .replace("{p}", "{x}")
            .replace("{year}", "{x}"),
        )
        for m, p, _ in API
    }
    assert staff - known == set(), "add the new endpoints to the matrix"


def _ids(world) -> dict[str, int]:
    return {
        "consideration": world["consideration"].pk,
        "va": world["vacancy_a"].pk,
        "vb": world["vacancy_b"].pk,
        "ua": world["vacancy_a"].unit_id,
        "arrival": world["interns"]["intern"]["arrival"].pk,
    }


def _client(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["people"][role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_only_what_it_may(world, role):
    client = _client(world, role)
    failures = []
    for entry in _matrix():
        url = reverse(f"backoffice:{entry.name}", args=entry.args(world))
        data = {k: v.format(**_ids(world)) for k, v in entry.data.items()}
        response = getattr(client, entry.method)(url, data)
        status = response.status_code
        if role == "anonymous":
            ok = status == 302 and "/accounts/login" in response["Location"]
        elif role in entry.allowed:
            ok = status in {200, 302, 400, 409}
        else:
            ok = status == 404
        if not ok:
            failures.append(f"{entry.method.upper()} {url}: {status}")
    assert failures == [], f"{role}: {failures}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("auth", ["session", "token"])
def test_each_role_reaches_only_what_it_may_in_the_api(world, role, auth):
    client = Client() if auth == "token" else _client(world, role)
    headers = {}
    if auth == "token" and role in world["tokens"]:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {world['tokens'][role]}"
    failures = []
    for method, template, allowed in API:
        path = template.format(
            year=world["call"].year,
            a=world["app_a"].pk,
            b=world["app_b"].pk,
            p=world["placement"].pk,
        )
        body = dict(API_BODIES.get(path.rsplit("/", 1)[-1], {}))
        if "vacancy" in body:  # the caller's own vacancy, with a decision that does not exist
            own = world["vacancy_a"] if "{a}" in template else world["vacancy_b"]
            body["vacancy"] = own.pk
        if method == "post":
            response = client.post(path, body, content_type="application/json", **headers)
        else:
            response = client.get(path, **headers)
        status = response.status_code
        if role in {"anonymous", "applicant"} | INTERNS:
            ok = status == 401
        elif role in allowed:
            ok = status in {200, 409}
        else:
            ok = status == 404
        if not ok:
            failures.append(f"{method.upper()} {path}: {status}")
    assert failures == [], f"{role}/{auth}: {failures}"


def test_a_revoked_or_forged_token_is_refused(world):
    from intake.api.tokens import token_revoke

    client = Client()
    path = f"/api/v1/staff/calls/{world['call'].year}/applications"
    value = world["tokens"]["office"]
    assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {value}").status_code == 200
    prefix = value.split(".")[0]
    assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {prefix}.forged").status_code == 401
    from intake.api.models import ApiToken

    token_revoke(token=ApiToken.objects.get(prefix=prefix), by=world["people"]["office"])
    assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {value}").status_code == 401
