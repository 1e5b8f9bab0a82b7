"""The special identity card request: its moves (and the ones refused), the form's opening on
the arrival day, the checks before submitting, the photo checked by content, the emails, the
checklist's step, the reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove
from intake.core.emails import outbox_flush
from intake.core.models import AuditEvent
from intake.onboarding import idcard
from intake.onboarding import idcard_rules as rules
from intake.onboarding import idcard_selectors as selectors
from intake.onboarding.models import ArrivalEvent, ArrivalStep, IdCardRequest, StepKind
from intake.onboarding.tests.idcard_factories import (
    PDF,
    PNG,
    arrived,
    complete_values,
    photo,
    with_photo,
)

pytestmark = pytest.mark.django_db
State = IdCardRequest.State


@pytest.fixture
def pi(make_user):
    return make_user(role=Role.PI_OFFICER, email="pi-officer@example.org")


@pytest.fixture
def intern(make_user):
    return make_user(email="person-1@example.org")


@pytest.fixture
def arrival(intern, reference_data):
    return arrived(intern)


def submitted(arrival):
    with_photo(arrival)
    return idcard.idcard_submit(user=arrival.placement.application.applicant, arrival_id=arrival.pk)


def card_mail(mailbox, email):
    """The identity card's emails (the offer's came before)."""
    outbox_flush()
    return [
        m
        for m in mailbox.to(email)
        if "identity card" in m.subject or "carte d’identité" in m.subject
    ]


def step(arrival):
    return ArrivalStep.objects.get(arrival=arrival, kind=StepKind.ID_CARD)


def test_the_moves_table_names_who_makes_each_move():
    rules.check_move(State.DRAFT, State.SUBMITTED, actor="intern")
    rules.check_move(State.SUBMITTED, State.CORRECTIONS, actor="pi", reason="Photo blurred")
    rules.check_move(State.SUBMITTED, State.SENT, actor="office")
    rules.check_move(State.CORRECTIONS, State.SUBMITTED, actor="intern")
    rules.check_move(State.SENT, State.ISSUED, actor="pi")
    with pytest.raises(IllegalMove):
        rules.check_move(State.DRAFT, State.SUBMITTED, actor="pi")
    with pytest.raises(IllegalMove):
        rules.check_move(State.SUBMITTED, State.SENT, actor="intern")
    with pytest.raises(IllegalMove):
        rules.check_move(State.SUBMITTED, State.CORRECTIONS, actor="pi", reason="  ")


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (State.DRAFT, State.SENT),
        (State.DRAFT, State.ISSUED),
        (State.SUBMITTED, State.ISSUED),
        (State.CORRECTIONS, State.SENT),
        (State.SENT, State.CORRECTIONS),
        (State.ISSUED, State.SUBMITTED),
        (State.ISSUED, "lost"),
    ],
)
def test_it_refuses_a_move_the_table_does_not_have(source, target):
    with pytest.raises(IllegalMove):
        rules.check_move(source, target, actor="pi", reason="x")


def test_the_draft_is_prefilled_from_the_profile_and_the_placement(arrival, intern):
    values = selectors.initial_values(arrival)
    assert values["surname"] == "Peeters" and values["given_names"] == "Ines"
    assert values["nationality"] == "US"
    assert values["start_date"] == arrival.placement.start_date
    assert values["end_date"] == arrival.placement.end_date


def test_a_partial_draft_is_saved_and_submitting_it_says_what_is_missing(arrival, intern):
    card = idcard.idcard_save(user=intern, arrival_id=arrival.pk, values={"surname": "Peeters"})
    assert card.state == State.DRAFT and card.surname == "Peeters"
    with pytest.raises(rules.IdCardError) as refused:
        idcard.idcard_submit(
            user=intern, arrival_id=arrival.pk, values={"surname": "Peeters", "place_of_birth": "X"}
        )
    assert "passport_number" in refused.value.errors and "photo" in refused.value.errors
    card.refresh_from_db()
    assert card.state == State.DRAFT and card.place_of_birth == "X"  # what was typed is kept
    assert step(arrival).done_at is None


def test_the_intern_submits_once_and_the_checklist_step_is_done(arrival, intern, mailbox):
    card = submitted(arrival)
    again = idcard.idcard_submit(user=intern, arrival_id=arrival.pk)  # a double click
    assert card.state == again.state == State.SUBMITTED
    assert card.submitted_at is not None
    assert step(arrival).done_at is not None and step(arrival).done_by == intern
    moves = ArrivalEvent.objects.filter(arrival=arrival, what="id_card")
    assert [(e.from_state, e.to_state, e.actor) for e in moves] == [
        ("", "draft", "intern"),
        ("draft", "submitted", "intern"),
    ]
    assert AuditEvent.objects.filter(action="idcard.moved").count() == 1
    [email] = card_mail(mailbox, "person-1@example.org")
    assert "reached P&I" in email.subject


def test_a_submitted_request_can_no_longer_be_changed(arrival, intern):
    submitted(arrival)
    with pytest.raises(IllegalMove):
        idcard.idcard_save(user=intern, arrival_id=arrival.pk, values={"surname": "Other"})
    assert IdCardRequest.objects.get(arrival=arrival).surname == "Peeters"


def test_corrections_need_a_reason_reopen_the_step_and_come_back(arrival, intern, pi, mailbox):
    submitted(arrival)
    with pytest.raises(IllegalMove):
        idcard.idcard_corrections_ask(by=pi, arrival_id=arrival.pk, reason="")
    assert IdCardRequest.objects.get(arrival=arrival).state == State.SUBMITTED
    for _ in range(2):
        card = idcard.idcard_corrections_ask(
            by=pi, arrival_id=arrival.pk, reason="The photo is blurred."
        )
    assert card.state == State.CORRECTIONS and card.corrections == "The photo is blurred."
    assert step(arrival).done_at is None
    idcard.idcard_save(user=intern, arrival_id=arrival.pk, values={}, photo=photo(PNG, "new.png"))
    card = idcard.idcard_submit(user=intern, arrival_id=arrival.pk)
    assert card.state == State.SUBMITTED and card.photo_type == "image/png"
    assert step(arrival).done_at is not None
    emails = card_mail(mailbox, "person-1@example.org")
    assert [m.subject.split(": ")[-1] for m in emails] == [
        "Your special identity card request has reached P&I",
        "corrections are needed",
        "Your special identity card request has reached P&I",
    ]
    assert "The photo is blurred." in emails[1].body


def test_p_and_i_sends_the_request_and_records_the_card(arrival, pi, mailbox):
    submitted(arrival)
    today = timezone.localdate()
    with pytest.raises(IllegalMove):
        idcard.idcard_mark_sent(by=pi, arrival_id=arrival.pk, on=today + timedelta(days=1))
    card = idcard.idcard_mark_sent(by=pi, arrival_id=arrival.pk, on=today)
    assert card.state == State.SENT and card.sent_on == today
    with pytest.raises(IllegalMove):  # expiry before issue
        idcard.idcard_record_card(
            by=pi, arrival_id=arrival.pk, number="B 123", issued_on=today, expires_on=today
        )
    card = idcard.idcard_record_card(
        by=pi,
        arrival_id=arrival.pk,
        number="b 123",
        issued_on=today,
        expires_on=today + timedelta(days=200),
    )
    assert card.state == State.ISSUED and card.card_number == "B 123"
    moves = ArrivalEvent.objects.filter(arrival=arrival, what="id_card").order_by("pk")
    assert [e.to_state for e in moves] == ["draft", "submitted", "sent", "issued"]
    assert moves.last().actor == "pi" and moves.last().by == pi
    subjects = [m.subject for m in card_mail(mailbox, "person-1@example.org")]
    assert any("Belgian authorities" in s for s in subjects)
    assert any("is issued" in s for s in subjects)


def test_p_and_i_cannot_send_a_draft_nor_issue_a_card_not_sent(arrival, intern, pi):
    with_photo(arrival)
    with pytest.raises(IllegalMove):
        idcard.idcard_mark_sent(by=pi, arrival_id=arrival.pk)
    with pytest.raises(IllegalMove):
        idcard.idcard_record_card(
            by=pi,
            arrival_id=arrival.pk,
            number="1",
            issued_on=date(2027, 1, 1),
            expires_on=date(2028, 1, 1),
        )
    assert IdCardRequest.objects.get(arrival=arrival).state == State.DRAFT


def test_the_form_opens_on_the_arrival_day(make_user, reference_data):
    user = make_user(email="person-2@example.org")
    later = arrived(user, start=timezone.localdate() + timedelta(days=20))
    assert not selectors.is_open(later)
    with pytest.raises(IllegalMove):
        idcard.idcard_save(user=user, arrival_id=later.pk, values={"surname": "P"})
    assert not IdCardRequest.objects.filter(arrival=later).exists()
    later.arrived_on = timezone.localdate()  # came early
    later.save()
    assert selectors.is_open(later)


def test_a_belgian_needs_no_card(make_user, reference_data):
    user = make_user(email="person-3@example.org")
    belgian = arrived(user, nationalities=("BE", "FR"))
    assert belgian.id_card_required is False and not selectors.is_open(belgian)
    with pytest.raises(type(belgian).DoesNotExist):
        selectors.arrival_for_intern(user=user, pk=belgian.pk)


def test_a_pdf_named_jpg_is_refused_with_a_clear_message(arrival, intern):
    with pytest.raises(rules.IdCardError) as refused:
        idcard.idcard_save(
            user=intern, arrival_id=arrival.pk, values={}, photo=photo(PDF, "me.jpg")
        )
    assert "not a JPEG or PNG" in refused.value.errors["photo"][0]
    assert not IdCardRequest.objects.filter(arrival=arrival).exists()


def test_a_photo_over_5_mb_is_refused(arrival, intern):
    big = photo(b"\xff\xd8\xff" + b"\x00" * (5 * 2**20))
    with pytest.raises(rules.IdCardError):
        idcard.idcard_save(user=intern, arrival_id=arrival.pk, values={}, photo=big)


def test_the_checks_before_submitting(arrival):
    today = date(2027, 3, 5)
    values = complete_values(arrival) | {
        "date_of_birth": date(2020, 1, 1),
        "passport_expires_on": arrival.placement.end_date,
        "address_postcode": "75001X",
    }
    problems = rules.submission_problems(values, has_photo=True, today=today)
    assert set(problems) == {"date_of_birth", "passport_expires_on", "address_postcode"}
    assert rules.submission_problems(complete_values(arrival), has_photo=True, today=today) == {}


def test_another_intern_cannot_save_into_my_request(arrival, make_user):
    other = make_user(email="person-9@example.org")
    with pytest.raises(type(arrival).DoesNotExist):
        idcard.idcard_save(user=other, arrival_id=arrival.pk, values={"surname": "X"})


def test_the_reminder_is_sent_once_then_again_after_the_interval(arrival, intern, mailbox):
    due = step(arrival).due_on
    late = due + timedelta(days=1)
    assert idcard.idcard_reminders_send(today=due) == 0  # not late yet
    assert idcard.idcard_reminders_send(today=late) == 1
    assert idcard.idcard_reminders_send(today=late) == 0  # the sweep ran twice
    assert idcard.idcard_reminders_send(today=late + timedelta(days=4)) == 0
    assert idcard.idcard_reminders_send(today=late + timedelta(days=5)) == 1
    reminders = [m for m in card_mail(mailbox, "person-1@example.org") if "late" in m.subject]
    assert len(reminders) == 2


def test_a_submitted_request_is_not_reminded_but_corrections_are(arrival, intern, pi):
    late = step(arrival).due_on + timedelta(days=1)
    submitted(arrival)
    assert idcard.idcard_reminders_send(today=late) == 0
    idcard.idcard_corrections_ask(by=pi, arrival_id=arrival.pk, reason="Sign the form.")
    assert idcard.idcard_reminders_send(today=late) == 1
    assert IdCardRequest.objects.get(arrival=arrival).reminded_on == late


def test_the_reminder_reads_as_french(make_user, reference_data, mailbox):
    user = make_user(email="person-4@example.org", language="fr")
    arrival = arrived(user)
    idcard.idcard_reminders_send(today=step(arrival).due_on + timedelta(days=1))
    [email] = card_mail(mailbox, "person-4@example.org")
    assert "carte d’identité spéciale" in email.subject


def test_the_summary_lists_each_step_with_its_date(arrival, intern, pi):
    assert [s.key for s in selectors.summary(arrival).steps] == [
        "draft",
        "submitted",
        "sent",
        "issued",
    ]
    submitted(arrival)
    idcard.idcard_corrections_ask(by=pi, arrival_id=arrival.pk, reason="Sign it.")
    summary = selectors.summary(arrival)
    keys = [s.key for s in summary.steps]
    assert keys == ["draft", "submitted", "corrections", "submitted", "sent", "issued"]
    current = [s for s in summary.steps if s.current]
    assert [s.key for s in current] == ["corrections"] and current[0].note == "Sign it."
    assert summary.steps[0].on == timezone.localdate() and summary.steps[3].on is None
    idcard.idcard_submit(user=intern, arrival_id=arrival.pk)
    keys = [(s.key, s.on is not None, s.current) for s in selectors.summary(arrival).steps]
    assert keys[-3:] == [
        ("submitted", True, True),
        ("sent", False, False),
        ("issued", False, False),
    ]


def test_the_worker_sweeps_arrivals_and_late_requests():
    from intake.onboarding.services import arrivals_open_missing
    from intake.site.worker import SWEEPS

    assert arrivals_open_missing in SWEEPS and idcard.idcard_reminders_send in SWEEPS


def test_the_photo_is_stored_privately_and_a_replaced_one_is_deleted(
    arrival, intern, django_capture_on_commit_callbacks
):
    from django.core.files.storage import storages

    first = with_photo(arrival)
    private = storages["private"]
    # The private storage (the instance may be rebuilt when a test changes STORAGES).
    assert first.photo.storage.location == private.location and private.exists(first.photo.name)
    old = first.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        card = idcard.idcard_save(
            user=intern, arrival_id=arrival.pk, values={}, photo=photo(PNG, "new.png")
        )
    assert card.photo.name != old and not private.exists(old)
    assert private.exists(card.photo.name) and card.photo_type == "image/png"


def test_a_value_the_model_refuses_is_a_field_error_not_a_crash(arrival, intern):
    with pytest.raises(rules.IdCardError) as refused:
        idcard.idcard_save(user=intern, arrival_id=arrival.pk, values={"nationality": "USA"})
    assert "nationality" in refused.value.errors
    assert not IdCardRequest.objects.filter(arrival=arrival).exists()
