"""Back office: the programme office runs calls and vacancies (create, edit, preview, publish,
withdraw, copy last year's call)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.accounts.roles import can_manage_programme
from intake.backoffice.access import staff_required
from intake.programme import services
from intake.programme.backoffice_forms import CallForm, LanguageFormSet, VacancyForm
from intake.programme.models import Call, Vacancy


def call_get_for_staff(*, user: Any, pk: int) -> Call:
    if not can_manage_programme(user):
        raise Http404
    return get_object_or_404(Call, pk=pk)


def vacancy_get_for_staff(*, user: Any, pk: int) -> Vacancy:
    if not can_manage_programme(user):
        raise Http404
    return get_object_or_404(Vacancy.objects.select_related("call", "unit"), pk=pk)


@staff_required(can_manage_programme)
def call_list(request: HttpRequest) -> HttpResponse:
    calls = Call.objects.annotate(
        drafts=Count("vacancies", filter=Q(vacancies__status=Vacancy.Status.DRAFT)),
        published=Count("vacancies", filter=Q(vacancies__status=Vacancy.Status.PUBLISHED)),
        withdrawn=Count("vacancies", filter=Q(vacancies__status=Vacancy.Status.WITHDRAWN)),
    )
    return render(request, "backoffice/programme/call_list.html", {"calls": calls})


@staff_required(can_manage_programme)
def call_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    call = call_get_for_staff(user=request.user, pk=pk) if pk else None
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call is None:
            call = services.call_create(actor=request.user, **data)
        else:
            services.call_update(call=call, actor=request.user, **data)
        messages.success(request, _("Saved."))
        if not call.window_is_usual():
            messages.warning(  # a warning, not a refusal: the office may choose other dates
                request,
                _(
                    "This call's window falls outside the usual April to May. Saved all the "
                    "same: check the dates; the public pages state this call's own dates."
                ),
            )
        return redirect("backoffice:call-detail", pk=call.pk)
    return render(
        request,
        "backoffice/programme/call_form.html",
        {"form": form, "call": call},
        status=400 if form.errors else 200,
    )


@staff_required(can_manage_programme)
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_get_for_staff(user=request.user, pk=pk)
    vacancies = call.vacancies.select_related("unit").order_by("reference")
    return render(
        request, "backoffice/programme/call_detail.html", {"call": call, "vacancies": vacancies}
    )


@require_POST
@staff_required(can_manage_programme)
def call_copy(request: HttpRequest, pk: int) -> HttpResponse:
    source = call_get_for_staff(user=request.user, pk=pk)
    year = (
        Call.objects.order_by("-year").values_list("year", flat=True).first() or source.year
    ) + 1
    try:
        call = services.call_copy(source=source, year=year, actor=request.user)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
        return redirect("backoffice:call-detail", pk=source.pk)
    messages.success(
        request,
        _("The %(year)s call was created from this one; its vacancies are drafts.")
        % {"year": year},
    )
    return redirect("backoffice:call-detail", pk=call.pk)


@staff_required(can_manage_programme)
def vacancy_edit(
    request: HttpRequest, call_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    vacancy = vacancy_get_for_staff(user=request.user, pk=pk) if pk else None
    call = vacancy.call if vacancy else call_get_for_staff(user=request.user, pk=call_pk or 0)
    form = VacancyForm(request.POST or None, instance=vacancy, call=call)
    languages = LanguageFormSet(
        request.POST or None, instance=vacancy or Vacancy(call=call), prefix="lang"
    )
    if request.method == "POST" and form.is_valid() and languages.is_valid():
        rows = [
            (
                f.cleaned_data["language"].strip().lower(),
                f.cleaned_data["level"],
                f.cleaned_data.get("required", False),
            )
            for f in languages.forms
            if f.cleaned_data
            and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("language")
        ]
        try:
            saved = services.vacancy_save(
                vacancy=form.save(commit=False),
                languages=rows,
                fields_of_study=list(form.cleaned_data["fields_of_study"]),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("backoffice:vacancy-preview", pk=saved.pk)
    return render(
        request,
        "backoffice/programme/vacancy_form.html",
        {"form": form, "languages": languages, "call": call, "vacancy": vacancy},
        status=400 if request.method == "POST" else 200,
    )


@staff_required(can_manage_programme)
def vacancy_preview(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = vacancy_get_for_staff(user=request.user, pk=pk)
    return render(
        request,
        "programme/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "call": vacancy.call,
            "preview": True,
            "missing": services.missing_translations(vacancy),
        },
    )


@require_POST
@staff_required(can_manage_programme)
def vacancy_status(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = vacancy_get_for_staff(user=request.user, pk=pk)
    to = request.POST.get("to", "")
    try:
        services.vacancy_set_status(
            vacancy=vacancy, to=to, actor=request.user, reason=request.POST.get("reason", "")[:500]
        )
    except services.IllegalTransition:
        messages.error(request, _("This change of status is not allowed."))
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(
            request, _("The vacancy is now: %(status)s.") % {"status": vacancy.get_status_display()}
        )
    return redirect("backoffice:call-detail", pk=vacancy.call_id)
