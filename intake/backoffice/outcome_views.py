"""Back office: the outcome messages of a call (templates, sending, who is still waiting) and
archiving the call once everybody has an outcome."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from intake.accounts.roles import can_screen
from intake.applications.pipeline import OPEN, OUTCOME_STAGES, Stage
from intake.backoffice.access import staff_required
from intake.backoffice.feedback import attempt
from intake.backoffice.selection_views import call_get_for_screening
from intake.selection import outcomes
from intake.selection.forms import OutcomeTemplateForm
from intake.selection.models import OutcomeMessage, OutcomeRun

ORDER = [s for s in Stage if s in OUTCOME_STAGES]


def _stage(stage: str) -> Stage:
    if stage not in OUTCOME_STAGES:
        raise Http404
    return Stage(stage)


@staff_required(can_screen)
def outcome_overview(request: HttpRequest, year: int) -> HttpResponse:
    call = call_get_for_screening(user=request.user, year=year)
    told = dict(
        OutcomeMessage.objects.filter(application__call=call)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    rows = [
        {
            "stage": stage,
            "pending": outcomes.pending(call, stage).count(),
            "told": told.get(stage.value, 0),
            "custom": outcomes.outcome_texts(call, stage).custom,
        }
        for stage in ORDER
    ]
    open_counts = dict(
        outcomes.waiting(call)
        .filter(stage__in=OPEN)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    return render(
        request,
        "backoffice/selection/outcomes.html",
        {
            "call": call,
            "rows": rows,
            "open": [(s, open_counts[s.value]) for s in Stage if s.value in open_counts],
            "waiting": outcomes.waiting(call).count(),
            "runs": OutcomeRun.objects.filter(call=call, status=OutcomeRun.Status.PENDING),
        },
    )


@staff_required(can_screen)
def outcome_template(request: HttpRequest, year: int, stage: str) -> HttpResponse:
    call = call_get_for_screening(user=request.user, year=year)
    current = _stage(stage)
    texts = outcomes.outcome_texts(call, current)
    form = OutcomeTemplateForm(
        request.POST or None,
        initial={
            "subject_en": texts.subject_en,
            "body_en": texts.body_en,
            "subject_fr": texts.subject_fr,
            "body_fr": texts.body_fr,
        },
    )
    if request.method == "POST" and form.is_valid():
        outcomes.outcome_template_save(
            call=call, stage=current, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("Saved."))
        return redirect("backoffice:outcomes", year=year)
    values = {"name": "Ines", "reference": "IP00-ABCDEF", "year": str(call.year)}
    return render(
        request,
        "backoffice/selection/outcome_template.html",
        {
            "call": call,
            "stage": current,
            "form": form,
            "preview_en": outcomes.fill(texts.body_en, values),
            "preview_fr": outcomes.fill(texts.body_fr, values),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@staff_required(can_screen)
def outcome_send(request: HttpRequest, year: int, stage: str) -> HttpResponse:
    call = call_get_for_screening(user=request.user, year=year)
    current = _stage(stage)
    count = outcomes.pending(call, current).count()
    if not count:
        messages.info(request, _("Nobody is waiting for this message."))
    else:
        outcomes.outcomes_send(call=call, stage=current, by=request.user)
        messages.success(
            request,
            ngettext(
                "Sending %(n)s message (“%(stage)s”) through the outbox.",
                "Sending %(n)s messages (“%(stage)s”) through the outbox.",
                count,
            )
            % {"n": count, "stage": current.label},
        )
    return redirect("backoffice:outcomes", year=year)


@require_POST
@staff_required(can_screen)
def call_archive(request: HttpRequest, year: int) -> HttpResponse:
    call = call_get_for_screening(user=request.user, year=year)
    attempt(
        request,
        lambda: outcomes.call_archive(call=call, by=request.user),
        _("The call is archived."),
    )
    return redirect("backoffice:outcomes", year=year)
