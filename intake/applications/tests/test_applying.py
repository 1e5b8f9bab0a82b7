"""The application's life through its services: draft, submit, resubmit, withdraw, deadline."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from intake.applications import services, withdrawal
from intake.applications.models import Application, Choice, Submission
from intake.applications.submissions import submissions_apply
from intake.applications.tests.factories import (
    LETTER,
    add_documents,
    call_with_vacancies,
    complete_profile,
    draft_for,
    submit_now,
)
from intake.core.emails import outbox_flush
from intake.core.models import AuditEvent, OutboundEmail
from intake.core.tests.faults import statement_fails

pytestmark = pytest.mark.django_db


def submit(user, application, **kw):
    """Submits, then applies the submission as the worker does (test_submission_steps.py
    tests the two steps apart)."""
    submission = submit_now(user, application, **kw)
    submissions_apply()
    return submission


def test_one_application_per_applicant_per_call_is_a_database_rule(make_user):
    user = make_user()
    call, _ = call_with_vacancies()
    Application.objects.create(applicant=user, call=call)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(applicant=user, call=call)


def test_submit_records_choices_snapshot_verdict_and_a_receipt_email(
    ready, mailbox, django_capture_on_commit_callbacks
):
    user, _call, vacancies, application = ready
    with django_capture_on_commit_callbacks(execute=False):
        submission = submit(user, application)
    application.refresh_from_db()
    assert application.stage == "submitted" and application.version == 1
    assert application.reference.startswith("IP27-") and len(application.reference) == 11
    assert application.eligible is True
    assert [
        (c.rank, c.vacancy_id, c.letter) for c in Choice.objects.filter(application=application)
    ] == [
        (1, vacancies[0].pk, LETTER),
        (2, vacancies[1].pk, LETTER),
    ]
    assert application.documents.count() == 2
    assert submission.snapshot["eligibility"]["eligible"] is True
    assert {r["rule"] for r in submission.snapshot["eligibility"]["rules"]} == {
        "nationality",
        "age",
        "academic",
        "language",
        "documents",
    }
    assert "monitoring" not in submission.snapshot and "gender" not in str(submission.snapshot)
    assert (
        AuditEvent.objects.filter(
            action="application.submitted", target_id=str(application.pk)
        ).count()
        == 1
    )
    # The receipt goes through the outbox, with the PDF built when it is sent.
    assert (
        OutboundEmail.objects.filter(to=user.email, template="applications/email/receipt").count()
        == 1
    )
    outbox_flush()
    message = mailbox.last_to(user.email)
    assert application.reference in message.subject
    assert "Brussels time" in message.body
    ((name, content, mimetype),) = message.attachments
    assert name == f"receipt-{application.reference}-v1.pdf" and mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert application.reference in text and "Vacancy 1" in text


def test_the_receipt_is_in_the_applicants_language(make_user, reference_data, mailbox):
    user = make_user(email="claire@example.org", language="fr")
    call, vacancies = call_with_vacancies()
    complete_profile(user)
    add_documents(user)
    application = draft_for(user, call, vacancies[:1])
    submit(user, application)
    outbox_flush()
    message = mailbox.last_to(user.email)
    assert "reçue" in message.subject and "heure de Bruxelles" in message.body
    ((_, content, _),) = message.attachments
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Référence" in text and "Poste 1" in text


def test_a_repeated_submit_key_returns_the_same_submission(ready):
    user, _call, _vacancies, application = ready
    key = uuid.uuid4()
    first = submit(user, application, key=key)
    second = submit(user, application, key=key)
    assert first.pk == second.pk
    assert Submission.objects.count() == 1
    assert OutboundEmail.objects.filter(template="applications/email/receipt").count() == 1


def test_an_older_key_retried_after_a_resubmission_returns_its_own_submission(ready):
    """The latest key is answered from the application row; an older one by the unique key."""
    user, _call, _vacancies, application = ready
    old, new = uuid.uuid4(), uuid.uuid4()
    first = submit(user, application, key=old)
    second = submit(user, application, key=new)
    again = submit(user, application, key=old)  # a request retried late by a proxy
    assert again.pk == first.pk and again.version == 1 and second.version == 2
    application.refresh_from_db()
    assert application.version == 2 and application.last_key == new
    assert Submission.objects.count() == 2
    assert OutboundEmail.objects.filter(template="applications/email/receipt").count() == 2


def test_a_reference_drawn_twice_is_drawn_again(ready, make_user):
    user, call, vacancies, application = ready
    submit(user, application)
    application.refresh_from_db()
    other = make_user(email="second@example.org")
    complete_profile(other)
    add_documents(other)
    second = draft_for(other, call, vacancies[:1])
    # The database refuses the first reference drawn as already taken (a unique violation, as
    # when two applicants draw the same code), once.
    taken = IntegrityError('duplicate key value violates unique constraint "reference"')
    with statement_fails('UPDATE "applications_application" SET', times=1, error=taken):
        submission = submit(other, second)
    second.refresh_from_db()
    assert second.reference and second.reference != application.reference
    assert submission.version == 1
    assert Submission.objects.filter(application=second).count() == 1
    assert AuditEvent.objects.filter(action="application.submitted").count() == 2


def test_resubmitting_records_each_version(ready):
    user, call, vacancies, application = ready
    submit(user, application)
    draft_for(user, call, [vacancies[2]])
    application.refresh_from_db()
    assert application.stage == "submitted"  # the edit does not touch what was submitted
    assert list(
        Choice.objects.filter(application=application).values_list("vacancy", flat=True)
    ) == [vacancies[0].pk, vacancies[1].pk]
    submit(user, application)
    application.refresh_from_db()
    assert application.version == 2
    assert list(application.submissions.values_list("version", flat=True)) == [1, 2]
    assert list(
        Choice.objects.filter(application=application).values_list("vacancy", flat=True)
    ) == [vacancies[2].pk]
    assert AuditEvent.objects.filter(action="application.resubmitted").count() == 1


def test_after_the_deadline_nothing_changes_and_the_draft_stays(ready):
    user, call, _vacancies, application = ready
    late = call.closes_at + timedelta(microseconds=1)
    with pytest.raises(services.ApplicationError) as refused:
        submit(user, application, moment=late)
    assert refused.value.code == "closed" and "deadline" in refused.value.message
    with pytest.raises(services.ApplicationError):
        services.draft_save(application=application, choices=[], moment=late)
    application.refresh_from_db()
    assert application.stage == "" and len(application.draft["choices"]) == 2
    assert Submission.objects.count() == 0


def test_the_last_instant_is_accepted(ready):
    user, call, _vacancies, application = ready
    submission = submit(user, application, moment=call.closes_at)
    assert submission.submitted_at == call.closes_at


def test_withdraw_until_the_deadline_then_frozen(ready):
    user, call, _vacancies, application = ready
    submit(user, application)
    with pytest.raises(services.ApplicationError):
        withdrawal.application_withdraw(
            application_id=application.pk, user=user, moment=call.closes_at + timedelta(seconds=1)
        )
    withdrawal.application_withdraw(application_id=application.pk, user=user, moment=timezone.now())
    application.refresh_from_db()
    assert application.stage == "withdrawn" and application.withdrawn_at
    assert AuditEvent.objects.filter(action="application.withdrawn").count() == 1
    # ...and it may be submitted again before the deadline, keeping its reference.
    reference = application.reference
    submit(user, application)
    application.refresh_from_db()
    assert application.stage == "submitted" and application.reference == reference


def test_an_ineligible_applicant_is_told_why_and_nothing_is_submitted(make_user, reference_data):
    user = make_user()
    call, vacancies = call_with_vacancies()
    complete_profile(user, nationality="CH")  # Switzerland is not a NATO member
    add_documents(user, proof=False)
    application = draft_for(user, call, vacancies[:1])
    with pytest.raises(services.NotEligible) as refused:
        submit(user, application)
    failed = {r.rule for r in refused.value.verdict.failed()}
    assert failed == {"nationality", "documents"}
    application.refresh_from_db()
    assert application.stage == "" and application.reference is None


@pytest.mark.parametrize(
    ("kw", "code"),
    [({"declaration": False}, "declaration"), ({"consent": False}, "consent")],
)
def test_declaration_and_consent_are_required(ready, kw, code):
    user, _call, _vacancies, application = ready
    with pytest.raises(services.ApplicationError) as refused:
        submit(user, application, **kw)
    assert refused.value.code == code


def test_a_draft_without_a_letter_or_with_a_closed_vacancy_cannot_be_submitted(ready):
    from intake.programme.services import vacancy_set_status

    user, call, vacancies, application = ready
    services.draft_save(
        application=application,
        choices=[{"vacancy": vacancies[0].pk, "letter": ""}],
        moment=timezone.now(),
    )
    with pytest.raises(services.ApplicationError) as refused:
        submit(user, application)
    assert refused.value.field == "id_choice-0-letter"
    draft_for(user, call, vacancies[:1])
    vacancy_set_status(vacancy=vacancies[0], to="withdrawn")
    with pytest.raises(services.ApplicationError) as refused:
        submit(user, application)
    assert refused.value.field == "id_choice-0-vacancy"


def test_the_draft_keeps_at_most_the_calls_number_of_vacancies(ready):
    user, call, vacancies, application = ready
    many = [{"vacancy": v.pk, "letter": "x"} for v in vacancies] * 3
    assert user.pk == application.applicant_id
    services.draft_save(application=application, choices=many, moment=timezone.now())
    assert len(application.draft["choices"]) == call.max_vacancies_per_applicant


def _submit_queries(user, application):
    """The request's statements (the worker's step is apart: test_submission_steps.py)."""
    with CaptureQueriesContext(connection) as queries:
        submit_now(user, application)
    return [q["sql"] for q in queries]


def test_the_number_of_queries_of_a_submission_does_not_grow_with_the_data(
    make_user, reference_data
):
    """A submission costs a fixed number of SQL queries, whatever is already stored."""
    call, vacancies = call_with_vacancies()

    def applicant(i):
        user = make_user(email=f"a{i}@example.org")
        complete_profile(user)
        add_documents(user)
        return user, draft_for(user, call, vacancies[:2])

    submit(*applicant(0))  # the first one also reads the member list (kept for a minute)
    first = _submit_queries(*applicant(1))
    for i in range(2, 40):
        submit(*applicant(i))
    assert len(_submit_queries(*applicant(99))) == len(first)
    # Lock the application (with the call and the stored facts), update it, the stage history
    # row, the submission, inside a transaction (here the test's savepoint; BEGIN and COMMIT in
    # production). The published vacancies are read once per process and call version.
    assert len(first) == 6, first
