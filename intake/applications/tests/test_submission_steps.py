"""A submission in two steps (decision 0011): the request records it, the worker applies it —
exactly once, whatever crashes — and the applicant's facts, kept by every write, are what the
request checks."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications import services, submissions, uploads
from intake.applications.facts import facts_from, facts_refresh
from intake.applications.models import Choice, Document, Profile, SearchEntry, Submission
from intake.applications.tests.factories import draft_for, pdf_bytes, submit_now
from intake.core.models import AuditEvent, OutboundEmail
from intake.core.tests.faults import statement_fails
from intake.programme.models import Call
from intake.programme.services import vacancy_save, vacancy_set_status

pytestmark = pytest.mark.django_db


def submit(user, application):
    return submit_now(user, application)


def consequences(application) -> tuple[int, int, int, int]:
    """Choices, document links, audit rows and receipts of an application."""
    return (
        Choice.objects.filter(application=application).count(),
        application.documents.count(),
        AuditEvent.objects.filter(
            target_type="applications.application", target_id=str(application.pk)
        ).count(),
        OutboundEmail.objects.filter(template="applications/email/receipt").count(),
    )


def test_the_request_records_the_submission_and_the_worker_applies_it_once(ready):
    user, _call, vacancies, application = ready
    submission = submit(user, application)
    # Acknowledged: the row holds everything submitted; nothing else is written yet.
    assert submission.applied_at is None
    assert [c["vacancy"] for c in submission.snapshot["choices"]] == [v.pk for v in vacancies[:2]]
    assert len(submission.snapshot["documents"]) == 2
    assert consequences(application) == (0, 0, 0, 0)

    assert submissions.submissions_apply() == 1
    submission.refresh_from_db()
    assert submission.applied_at is not None
    assert consequences(application) == (2, 2, 1, 1)
    audit = AuditEvent.objects.get(action="application.submitted")
    assert audit.actor_id == user.pk
    assert audit.data["version"] == 1
    assert audit.data["submitted_at"] == submission.submitted_at.isoformat()
    receipt = OutboundEmail.objects.get()
    assert receipt.to == user.email and receipt.language == user.language

    # Applying again (a second worker, a retried task) changes nothing.
    assert submissions.submissions_apply() == 0
    assert submissions.submission_apply(submission_id=submission.pk) is False
    assert consequences(application) == (2, 2, 1, 1)


def test_a_worker_that_dies_while_applying_leaves_it_to_do_again(ready):
    user, _call, _vacancies, application = ready
    submission = submit(user, application)

    # The connection is lost as the receipt is queued (after the choices, the links and the
    # audit row were written in the same transaction).
    with statement_fails('INSERT INTO "core_outboundemail"'):
        assert submissions.submissions_apply() == 0  # logged; will try again
    submission.refresh_from_db()
    assert submission.applied_at is None
    assert consequences(application) == (0, 0, 0, 0)  # all of it was rolled back

    assert submissions.submissions_apply() == 1
    assert consequences(application) == (2, 2, 1, 1)


def test_an_older_submission_applied_late_does_not_replace_the_newer_choices(ready):
    user, call, vacancies, application = ready
    first = submit(user, application)
    draft_for(user, call, [vacancies[2]])
    application.refresh_from_db()
    second = submit(user, application)
    # Two workers: the newer one is applied first, the older one after it.
    assert submissions.submission_apply(submission_id=second.pk) is True
    assert submissions.submission_apply(submission_id=first.pk) is True
    assert list(
        Choice.objects.filter(application=application).values_list("vacancy", flat=True)
    ) == [vacancies[2].pk]
    assert sorted(
        AuditEvent.objects.filter(action__startswith="application.").values_list(
            "action", flat=True
        )
    ) == ["application.resubmitted", "application.submitted"]
    assert OutboundEmail.objects.filter(template="applications/email/receipt").count() == 2


def test_applying_marks_the_search_entry_for_indexing_again(ready):
    user, call, vacancies, application = ready
    submit(user, application)
    submissions.submissions_apply()
    SearchEntry.objects.create(application=application, text="old", version=1)
    draft_for(user, call, [vacancies[2]])
    submit(user, application)
    submissions.submissions_apply()
    assert SearchEntry.objects.get(application=application).stale is True


def test_a_document_deleted_while_its_submission_waits_is_kept_and_linked(ready):
    user, _call, _vacancies, application = ready
    submit(user, application)
    cv = Document.objects.get(owner=user, kind="cv")
    uploads.document_delete(document=cv, actor=user)
    cv.refresh_from_db()
    assert cv.deleted_at is not None  # kept: a submission that used it was not applied yet
    submissions.submissions_apply()
    assert application.documents.filter(pk=cv.pk).exists()


def test_the_real_worker_applies_a_submission_and_sends_its_receipt(
    ready, run_worker, mailbox, django_capture_on_commit_callbacks
):
    user, _call, _vacancies, application = ready
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(user, application)
    run_worker()
    submission.refresh_from_db()
    assert submission.applied_at is not None
    application.refresh_from_db()
    assert application.reference in mailbox.last_to(user.email).subject


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks: SQLite locks the whole database"
)
def test_two_workers_never_apply_the_same_submission(ready, transactional_db):
    user, _call, _vacancies, application = ready
    submission = submit(user, application)
    locked, release = threading.Event(), threading.Event()

    def other_worker() -> None:
        try:
            with transaction.atomic():
                Submission.objects.select_for_update().get(pk=submission.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=other_worker)
    thread.start()
    assert locked.wait(10)
    assert submissions.submission_apply(submission_id=submission.pk) is False  # skipped
    release.set()
    thread.join()
    assert submissions.submission_apply(submission_id=submission.pk) is True
    assert consequences(application) == (2, 2, 1, 1)


# --- The facts -----------------------------------------------------------------------------


def built(user) -> dict:
    profile = Profile.objects.get(user=user)
    documents = list(
        Document.objects.filter(owner=user, deleted_at__isnull=True).order_by("uploaded_at")
    )
    return facts_from(profile, documents)


def stored(user) -> dict:
    return Profile.objects.get(user=user).facts


def test_every_write_through_the_pages_keeps_the_stored_facts_true(client, make_user):
    user = make_user(email="ines@example.org")
    client.force_login(user)
    profile = {
        "date_of_birth": "2001-02-28",
        "nationality_1": "FR",
        "education-TOTAL_FORMS": "1",
        "education-INITIAL_FORMS": "0",
        "education-0-institution": "Sciences Po",
        "education-0-country": "FR",
        "education-0-level": "master",
        "education-0-status": "enrolled",
        "education-0-start_date": "2021-09-01",
        "education-0-years_completed": "4",
        "languages-TOTAL_FORMS": "1",
        "languages-INITIAL_FORMS": "0",
        "languages-0-code": "fr",
        "languages-0-level": "C2",
        "experience-TOTAL_FORMS": "0",
        "experience-INITIAL_FORMS": "0",
        "monitoring-gender": "no_answer",
    }
    assert client.post(reverse("apply:profile"), profile).status_code == 302
    assert stored(user) == built(user)
    assert stored(user)["profile"]["languages"] == [{"code": "fr", "level": "C2"}]

    def upload(name: str, kind: str, language: str, **extra):
        data = {"file": SimpleUploadedFile(name, pdf_bytes(name)), "kind": kind}
        response = client.post(reverse("apply:documents"), {**data, "language": language, **extra})
        assert response.status_code == 302
        assert stored(user) == built(user)
        return Document.objects.get(owner=user, name=name)

    cv = upload("cv.pdf", "cv", "de")
    upload("cv-fr.pdf", "translation", "fr", translation_of=str(cv.pk))
    assert [d["kind"] for d in stored(user)["documents"]] == ["cv", "translation"]
    assert client.post(reverse("apply:document-delete", args=[cv.pk])).status_code == 302
    assert stored(user) == built(user)
    assert [(d["kind"], d["translation_of"]) for d in stored(user)["documents"]] == [
        ("translation", None)
    ]

    # A later edit of the profile: one language more, the studies completed.
    profile |= {
        "education-INITIAL_FORMS": "1",
        "education-0-id": str(Profile.objects.get(user=user).education.get().pk),
        "education-0-status": "completed",
        "education-0-end_date": "2026-06-30",
        "education-0-degree_date": "2026-07-01",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "1",
        "languages-0-id": str(Profile.objects.get(user=user).languages.get().pk),
        "languages-1-code": "en",
        "languages-1-level": "B2",
    }
    response = client.post(reverse("apply:profile"), profile)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stored(user) == built(user)
    assert stored(user)["profile"]["education"][0]["status"] == "completed"
    assert len(stored(user)["profile"]["languages"]) == 2


def test_the_submission_checks_the_stored_facts_and_builds_missing_ones(ready):
    user, _call, _vacancies, application = ready
    Profile.objects.filter(user=user).update(facts=None)  # a profile from before the facts
    submission = submit(user, application)
    assert submission.snapshot["profile"] == built(user)["profile"]
    assert stored(user) == built(user)


def test_a_profile_made_ineligible_is_refused_at_once(ready):
    user, _call, _vacancies, application = ready
    profile = Profile.objects.get(user=user)
    profile.date_of_birth = date(timezone.now().year - 18, 1, 1)
    profile.save()
    facts_refresh(user)  # as the profile page's save does
    with pytest.raises(services.NotEligible):
        submit(user, application)
    assert not Submission.objects.exists()


# --- The published vacancies, read once per call version ----------------------------------


def test_a_vacancy_withdrawn_after_it_was_read_is_refused_at_the_next_submission(ready):
    user, _call, vacancies, application = ready
    submit(user, application)  # reads and keeps the call's published vacancies
    vacancy_set_status(vacancy=vacancies[0], to="withdrawn")
    with pytest.raises(services.ApplicationError) as refused:
        submit(user, application)
    assert refused.value.field == "id_choice-0-vacancy"


def test_an_edit_in_the_admin_reaches_the_next_submission(ready, make_user, client):
    user, call, vacancies, application = ready
    admin = make_user(email="admin@example.org", role=Role.ADMINISTRATOR)
    TOTP.activate(admin, "JBSWY3DPEHPK3PXP")
    admin_client = client
    admin_client.force_login(admin)
    submit(user, application)
    version = Call.objects.get(pk=call.pk).vacancies_version
    vacancy = vacancies[0]
    page = admin_client.get(reverse("admin:programme_vacancy_change", args=[vacancy.pk]))
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "fields_of_study"}
    data |= {
        "call": call.pk,
        "unit": vacancy.unit_id,
        "title_en": "Renamed vacancy",
        "languages-TOTAL_FORMS": "0",
        "languages-INITIAL_FORMS": "0",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:programme_vacancy_change", args=[vacancy.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Call.objects.get(pk=call.pk).vacancies_version > version
    submission = submit(user, application)
    assert submission.snapshot["choices"][0]["title_en"] == "Renamed vacancy"


def test_every_vacancy_service_raises_the_calls_version(ready):
    _user, call, vacancies, _application = ready

    def version() -> int:
        return Call.objects.get(pk=call.pk).vacancies_version

    before = version()
    vacancy_set_status(vacancy=vacancies[1], to="withdrawn")
    assert version() == before + 1
    vacancies[2].title_en = "New title"
    vacancy_save(vacancy=vacancies[2])
    assert version() == before + 2


def test_many_submissions_in_a_second_wake_the_worker_once(
    ready, make_user, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from intake.core import kicks

    user, _call, _vacancies, application = ready
    kicks._last_kick.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(user, application)
    with django_capture_on_commit_callbacks(execute=True):
        submit(user, application)  # the same second: the task already queued will find it
    queued = DBTaskResult.objects.filter(task_path="intake.applications.tasks.apply_submissions")
    assert queued.count() == 1
    assert submissions.submissions_apply() == 2


def test_the_migration_marks_earlier_submissions_applied(ready):
    import importlib

    from django.apps import apps

    user, _call, _vacancies, application = ready
    submission = submit(user, application)
    migration = importlib.import_module(
        "intake.applications.migrations.0007_submission_applied_facts"
    )
    migration.applied_before(apps, None)
    submission.refresh_from_db()
    assert submission.applied_at == submission.submitted_at
    assert submissions.submissions_apply() == 0  # nothing sent twice
