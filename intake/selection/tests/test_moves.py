"""Moving applications: one at a time, by the applicant's own submit and withdraw, in bulk
through the real worker (also when it dies mid-way), and the search index the list reads."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications import search, uploads, withdrawal
from intake.applications import services as applying
from intake.applications.models import Application, BulkMove, SearchEntry, StageChange
from intake.applications.moves import move_check
from intake.applications.pipeline import IllegalMove, Stage
from intake.applications.tests.factories import call_with_vacancies as open_call_with_vacancies
from intake.core.models import AuditEvent
from intake.core.tests.faults import statement_fails
from intake.selection import moves, services
from intake.selection.selectors import ScreeningFilters, screening_list
from intake.selection.tests.factories import call_with_vacancies, in_pipeline, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")


def test_a_submission_enters_the_pipeline_and_a_withdrawal_leaves_it(make_user, reference_data):
    user = make_user()
    call, vacancies = open_call_with_vacancies()  # the applicant's moves, before the deadline
    application = submitted(user, call, vacancies[:1])
    assert application.stage == Stage.SUBMITTED
    withdrawal.application_withdraw(application_id=application.pk, user=user, moment=timezone.now())
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN
    applying.application_submit(
        call_year=call.year,
        user=user,
        key=uuid.uuid4(),
        declaration=True,
        consent=True,
        moment=timezone.now(),
    )
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED
    history = [
        (c.from_stage, c.to_stage, c.by_id)
        for c in StageChange.objects.filter(application=application)
    ]
    assert history == [
        ("", "submitted", user.pk),
        ("submitted", "withdrawn", user.pk),
        ("withdrawn", "submitted", user.pk),
    ]


def test_a_move_writes_history_and_audit(make_user, office):
    call, vacancies = call_with_vacancies()
    application = in_pipeline(make_user(), call, vacancies[:1])
    moves.selection_move_locked(
        application_id=application.pk, to=Stage.SCREENED, by=office, reason="Strong letter"
    )
    application.refresh_from_db()
    assert application.stage == Stage.SCREENED
    change = StageChange.objects.get(application=application, to_stage=Stage.SCREENED)
    assert (change.from_stage, change.to_stage, change.by, change.reason) == (
        "submitted",
        "screened",
        office,
        "Strong letter",
    )
    event = AuditEvent.objects.get(action="application.moved", target_id=str(application.pk))
    assert event.actor == office and event.data["to"] == "screened"


def test_an_illegal_move_raises_and_writes_nothing(make_user, office):
    call, vacancies = call_with_vacancies()
    application = in_pipeline(make_user(), call, vacancies[:1])
    history = list(StageChange.objects.values_list("pk", flat=True))
    with pytest.raises(IllegalMove):
        moves.selection_move_locked(application_id=application.pk, to=Stage.SELECTED, by=office)
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED
    assert list(StageChange.objects.values_list("pk", flat=True)) == history
    assert not AuditEvent.objects.filter(action="application.moved").exists()


def test_a_move_from_a_page_shown_before_somebody_elses_move_is_refused(make_user, office):
    call, vacancies = call_with_vacancies()
    application = in_pipeline(make_user(), call, vacancies[:1])
    moves.selection_move_locked(application_id=application.pk, to=Stage.SCREENED, by=office)
    with pytest.raises(IllegalMove, match="in the meantime"):
        moves.selection_move_locked(
            application_id=application.pk, to=Stage.NOT_LONGLISTED, by=office, expected="submitted"
        )
    application.refresh_from_db()
    assert application.stage == Stage.SCREENED


def _many(make_user, call, vacancies, n, stage="submitted"):
    return [
        in_pipeline(
            make_user(email=f"bulk{stage}{i}@example.org"), call, vacancies[:1], stage=stage
        )
        for i in range(n)
    ]


def test_a_bulk_move_runs_in_the_worker_with_progress_and_a_summary(make_user, office, run_worker):
    call, vacancies = call_with_vacancies()
    movable = _many(make_user, call, vacancies, 230)
    stuck = _many(make_user, call, vacancies, 3, stage="selected")
    other_call, other_vacancies = call_with_vacancies(2028)
    foreign = in_pipeline(make_user(email="foreign@example.org"), other_call, other_vacancies[:1])
    ids = [a.pk for a in movable + stuck] + [foreign.pk]
    bulk = services.bulk_move_create(
        call=call, application_ids=ids + ids[:5], to=Stage.SCREENED, by=office, reason="First pass"
    )
    assert bulk.total == 234  # duplicates counted once
    run_worker()
    bulk.refresh_from_db()
    assert bulk.status == BulkMove.Status.DONE and bulk.position == bulk.total
    assert bulk.moved == 230 and len(bulk.refused) == 4
    reasons = {r["reference"]: r["reason"] for r in bulk.refused}
    assert "cannot move" in reasons[stuck[0].reference]["en"]
    assert "ne peut pas" in reasons[stuck[0].reference]["fr"]
    assert reasons[""]["en"] == "Not an application of this call."
    assert Application.objects.filter(call=call, stage=Stage.SCREENED).count() == 230
    assert StageChange.objects.filter(bulk=bulk).count() == 230
    assert AuditEvent.objects.filter(action="application.moved").count() == 230
    foreign.refresh_from_db()
    assert foreign.stage == Stage.SUBMITTED


def test_a_bulk_move_killed_mid_way_goes_on_from_where_it_stopped(make_user, office, run_worker):
    call, vacancies = call_with_vacancies()
    applications = _many(make_user, call, vacancies, 250)
    bulk = services.bulk_move_create(
        call=call,
        application_ids=[a.pk for a in applications],
        to=Stage.NOT_LONGLISTED,
        by=office,
    )
    # The connection is lost while the 150th history row is written (in the second chunk).
    with (
        statement_fails('INSERT INTO "selection_stagechange"', after=149),
        pytest.raises(OperationalError),
    ):
        services.bulk_move_run(bulk_id=bulk.pk)
    bulk.refresh_from_db()
    assert (bulk.position, bulk.moved) == (
        100,
        100,
    )  # the first chunk, whole; nothing of the second
    assert StageChange.objects.filter(bulk=bulk).count() == 100
    run_worker()  # the queued task picks it up again
    bulk.refresh_from_db()
    assert bulk.status == BulkMove.Status.DONE and (bulk.moved, bulk.refused) == (250, [])
    assert StageChange.objects.filter(bulk=bulk).count() == 250  # one each, never two
    services.bulk_move_run(bulk_id=bulk.pk)  # once more: nothing happens
    assert StageChange.objects.filter(bulk=bulk).count() == 250


def test_an_unfinished_bulk_move_is_picked_up_by_the_sweep(make_user, office, run_worker):
    call, vacancies = call_with_vacancies()
    applications = _many(make_user, call, vacancies, 3)
    bulk = BulkMove.objects.create(
        call=call,
        by=office,
        to_stage=Stage.SCREENED,
        application_ids=[a.pk for a in applications],
        total=3,
    )
    BulkMove.objects.filter(pk=bulk.pk).update(
        created_at=timezone.now() - timezone.timedelta(minutes=5)
    )
    assert services.bulk_moves_sweep() == 1
    run_worker()
    bulk.refresh_from_db()
    assert bulk.status == BulkMove.Status.DONE and bulk.moved == 3


def test_the_search_index_reads_letters_documents_and_facts(make_user, office, reference_data):
    call, vacancies = call_with_vacancies()
    ines = submitted(make_user(email="ines@example.org"), call, vacancies[:1])
    other = in_pipeline(
        make_user(email="other@example.org"),
        call,
        vacancies[1:2],
        letter="Cybersecurity is my field",
    )
    assert set(search.search_entries_due()) == {ines.pk, other.pk}
    assert search.search_entries_refresh() == 2
    assert search.search_entries_due() == []
    entry = SearchEntry.objects.get(application=ines)
    assert entry.nationalities == "|BE|" and entry.languages == "|en:C1|"
    assert "Certificate" not in entry.text  # the documents' text is not extracted yet
    for document in ines.documents.all():  # the worker extracts it…
        uploads.document_process(document_id=document.pk)
    assert search.search_entries_due() == [ines.pk]  # …which makes the entry stale
    search.search_entries_refresh()
    entry.refresh_from_db()
    assert "Certificate of enrolment" in entry.text and not entry.stale

    def found(**filters):
        return {a.pk for a in screening_list(call, ScreeningFilters(**filters), user=office)}

    assert found(q="enrolment") == {ines.pk}
    assert found(q="cybersecurity") == {other.pk}
    assert found(nationality="BE") == {ines.pk}
    assert found(language="en", level="C1") == {ines.pk}
    assert found(language="en", level="C2") == set()
    assert found(vacancy=vacancies[1].pk) == {other.pk}
    assert found(unit=vacancies[0].unit_id) == {ines.pk, other.pk}
    assert found(stage="submitted") == {ines.pk, other.pk}
    # A resubmission makes the entry stale until the worker indexes it again.
    Application.objects.filter(pk=other.pk).update(version=2)
    assert search.search_entries_due() == [other.pk]


def test_the_office_cannot_screen_an_application_while_its_call_is_open(
    make_user, office, reference_data
):
    """Screening starts after the deadline: until then the applicant may still resubmit, and an
    early decision would stand on a version that is not the last (issue #12)."""
    # Given an application submitted to a call that is still open
    user = make_user()
    call, vacancies = open_call_with_vacancies()
    application = submitted(user, call, vacancies[:1])
    history, audit = StageChange.objects.count(), AuditEvent.objects.count()
    # When the office screens it, one move or in a bulk move's check
    with pytest.raises(IllegalMove) as refusal:
        moves.selection_move_locked(application_id=application.pk, to=Stage.SCREENED, by=office)
    # Then it is refused, saying why, and nothing is written
    assert refusal.value.reason.startswith("The call is still open")
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED
    assert (StageChange.objects.count(), AuditEvent.objects.count()) == (history, audit)
    with pytest.raises(IllegalMove):
        move_check(application=application, to=Stage.NOT_LONGLISTED)
    # And a resubmission before the deadline leaves it at "submitted", its history the
    # applicant's own
    applying.application_submit(
        call_year=call.year,
        user=user,
        key=uuid.uuid4(),
        declaration=True,
        consent=True,
        moment=timezone.now(),
    )
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED and application.version == 2
    assert list(
        StageChange.objects.filter(application=application).values_list("from_stage", "to_stage")
    ) == [("", "submitted")]


def test_the_office_may_screen_a_moment_after_the_deadline(make_user, office, reference_data):
    call, vacancies = open_call_with_vacancies()
    application = submitted(make_user(), call, vacancies[:1])
    with pytest.raises(IllegalMove):
        moves.selection_move(
            application=application, to=Stage.SCREENED, by=office, moment=call.closes_at
        )
    change = moves.selection_move(
        application=application,
        to=Stage.SCREENED,
        by=office,
        moment=call.closes_at + timedelta(seconds=1),
    )
    assert (change.from_stage, change.to_stage) == ("submitted", "screened")


def test_the_office_may_withdraw_an_application_on_the_applicants_word_while_the_call_is_open(
    make_user, office, reference_data
):
    call, vacancies = open_call_with_vacancies()
    application = submitted(make_user(), call, vacancies[:1])
    moves.selection_move_locked(
        application_id=application.pk, to=Stage.WITHDRAWN, by=office, reason="Asked by phone"
    )
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN


def test_a_bulk_move_out_of_ineligible_says_where_the_correction_returns(
    make_user, office, run_worker
):
    """The summary gives the very rule a single move applies: out of "ineligible", a correction
    goes back to where the application was marked ineligible from ("Screened" here)."""
    # Given an application marked ineligible from "screened"
    call, vacancies = call_with_vacancies()
    application = in_pipeline(make_user(), call, vacancies[:1], stage=Stage.SCREENED)
    moves.selection_move_locked(application_id=application.pk, to=Stage.INELIGIBLE, by=office)
    history = StageChange.objects.count()
    # When a bulk move takes it to "submitted", which the correction does not allow
    bulk = services.bulk_move_create(
        call=call, application_ids=[application.pk], to=Stage.SUBMITTED, by=office
    )
    run_worker()
    # Then it is refused, in both languages, naming "Screened" (not "Submitted")
    bulk.refresh_from_db()
    assert (bulk.moved, bulk.refused) == (
        0,
        [
            {
                "id": application.pk,
                "reference": application.reference,
                "reason": {
                    "en": "A correction returns the application to “Screened”.",
                    "fr": (
                        "Une correction ramène la candidature à l’étape "
                        "«\u00a0Présélectionnée\u00a0»."
                    ),
                },
            }
        ],
    )
    with pytest.raises(IllegalMove) as single:  # the same words as a single move's refusal
        moves.selection_move_locked(application_id=application.pk, to=Stage.SUBMITTED, by=office)
    assert single.value.reason == bulk.refused[0]["reason"]["en"]
    application.refresh_from_db()
    assert application.stage == Stage.INELIGIBLE and StageChange.objects.count() == history


def test_a_resubmission_puts_an_early_decision_back_to_submitted_with_its_history(
    make_user, office, reference_data
):
    """Data from before the guard: an application screened while its call was open. The
    applicant's resubmission is the version the selection reads: it goes back to "submitted",
    and the history says so."""
    # Given an application the office screened before the deadline (written as it was then)
    user = make_user()
    call, vacancies = open_call_with_vacancies()
    application = submitted(user, call, vacancies[:1])
    Application.objects.filter(pk=application.pk).update(stage=Stage.SCREENED)
    StageChange.objects.create(
        application=application,
        from_stage=Stage.SUBMITTED,
        to_stage=Stage.SCREENED,
        by=office,
        at=timezone.now(),
    )
    # When the applicant resubmits before the deadline
    applying.application_submit(
        call_year=call.year,
        user=user,
        key=uuid.uuid4(),
        declaration=True,
        consent=True,
        moment=timezone.now(),
    )
    # Then the application is back at "submitted", the move in its history
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED and application.version == 2
    last = StageChange.objects.filter(application=application).order_by("pk").last()
    assert (last.from_stage, last.to_stage, last.by) == ("screened", "submitted", user)
    assert last.reason == "Resubmitted before the deadline: the earlier decision does not stand."
