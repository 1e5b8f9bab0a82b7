"""Placements made for tests through the real services: a selected candidate confirms."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from intake.applications.profiles import profile_for
from intake.placements import services
from intake.placements.models import Placement
from intake.programme.models import Call
from intake.selection.models import Selection
from intake.selection.tests.factories import call_with_vacancies, in_pipeline


def selected(user, *, nationalities=("PT",), intake="march"):
    """A candidate at "selected" for the first vacancy of the 2027 call (made once), with their
    selection row."""
    call = Call.objects.filter(year=2027).first()
    if call is None:
        call, vacancies = call_with_vacancies(n=1)
    else:
        vacancies = [call.vacancies.order_by("pk").first()]
    profile = profile_for(user)
    profile.nationalities = list(nationalities)
    profile.save(update_fields=["nationalities"])
    application = in_pipeline(user, call, vacancies, stage="selected")
    now = timezone.now()
    Selection.objects.create(
        application=application,
        vacancy=vacancies[0],
        intake=intake,
        confirmed_at=now,
        interest_deadline=now + timedelta(days=10),
    )
    return application


def placement_for(user, **kwargs) -> Placement:
    """A placement opened by the candidate's own confirmation of interest."""
    application = selected(user, **kwargs)
    services.selection_answer(
        user=user, application_id=application.pk, interested=True, moment=timezone.now()
    )
    return Placement.objects.get(application=application)


def granted(user, *, on=None, expires=None, **kwargs) -> Placement:
    """A placement whose clearance was granted `on` (default: today), valid until `expires`
    (default: in three years)."""
    from datetime import date as date_type

    from intake.placements.states import Actor, State

    placement = placement_for(user, **kwargs)
    today = timezone.localdate()
    on = on or today
    services.placement_move_locked(
        placement_id=placement.pk, to=State.CLEARANCE_REQUESTED, by=None, actor=Actor.CLEARANCE
    )
    services.placement_move_locked(
        placement_id=placement.pk, to=State.CLEARANCE_GRANTED, by=None, actor=Actor.DELEGATION
    )
    placement.refresh_from_db()
    placement.clearance_requested_on = on - timedelta(days=200)
    placement.clearance_decided_on = on
    placement.clearance_expires_on = expires or date_type(on.year + 3, on.month, 1)
    placement.save()
    return placement
