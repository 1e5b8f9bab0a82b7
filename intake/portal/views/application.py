"""The application of a call: the working copy, autosave, review and submit, receipt, withdraw."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.applications import forms, services, withdrawal
from intake.applications.answers import answer_records, answers_read
from intake.applications.letters import letter_stats
from intake.applications.models import Application, Submission
from intake.applications.receipts import receipt_data, receipt_filename, receipt_pdf
from intake.portal.views.access import (
    active_language,
    applicant_required,
    open_call,
    own_application,
)
from intake.programme.models import Call, Vacancy


def _choice_initial(call: Call, application: Application | None, preselect: str) -> list[dict]:
    saved = list((application.draft or {}).get("choices", [])) if application else []
    if preselect and not any(str(c.get("vacancy")) == preselect for c in saved):
        free = next((c for c in saved if not c.get("vacancy")), None)
        if free is not None:
            free["vacancy"] = preselect
        elif len(saved) < call.max_vacancies_per_applicant:
            saved.append({"vacancy": preselect, "letter": ""})
    saved = saved[: call.max_vacancies_per_applicant]
    saved += [{"vacancy": "", "letter": ""}] * (call.max_vacancies_per_applicant - len(saved))
    return [{"vacancy": str(c.get("vacancy") or ""), "letter": c.get("letter", "")} for c in saved]


def _vacancy_choices(vacancies: dict[int, Vacancy]) -> list[tuple[str, str]]:
    title = f"title_{active_language()}"
    return [
        (str(pk), f"{v.reference} — {getattr(v, title) or v.title_en} ({v.unit.t('name')})")
        for pk, v in vacancies.items()
    ]


def _questions(vacancies: dict[int, Vacancy]) -> list[Any]:
    return [q for v in vacancies.values() for q in v.questions.all()]


def _question_groups(
    vacancies: dict[int, Vacancy], formset: Any, answers: forms.AnswersForm
) -> list[tuple[Vacancy, list[Any], bool]]:
    """Per open vacancy that asks questions: its fields, and whether it is chosen (the others
    are hidden until chosen: apply.js shows them as soon as one is picked)."""
    chosen = {str(f["vacancy"].value() or "") for f in formset.forms}
    return [
        (v, [answers[f"q-{q.pk}"] for q in v.questions.all()], str(pk) in chosen)
        for pk, v in vacancies.items()
        if v.questions.all()
    ]


def _choices_from(formset: Any) -> list[dict[str, Any]]:
    return [
        {"vacancy": f.cleaned_data.get("vacancy"), "letter": f.cleaned_data.get("letter", "")}
        for f in formset.forms
        if hasattr(f, "cleaned_data")
    ]


@applicant_required
def application_edit(request: HttpRequest, year: int) -> HttpResponse:
    """The working copy: vacancies in order of preference, each with its letter."""
    moment = timezone.now()
    call = open_call(year)
    application = own_application(request, call)
    vacancies = services.open_vacancies(call)
    vacancy_choices = _vacancy_choices(vacancies)
    status = 200
    error = None
    if request.method == "POST":
        formset = forms.ChoiceFormSet(
            request.POST, prefix="choice", form_kwargs={"vacancies": vacancy_choices}
        )
        answers = forms.AnswersForm(request.POST, questions=_questions(vacancies))
        if formset.is_valid() and answers.is_valid():
            if application is None:
                application = services.application_get_or_create(user=request.user, call=call)
            try:
                services.draft_save(
                    application=application,
                    choices=_choices_from(formset),
                    answers=answers.answers(),
                    moment=moment,
                )
            except services.ApplicationError as refusal:
                error, status = refusal.message, 409
            else:
                if "review" in request.POST:
                    return redirect("apply:review", year=year)
                messages.success(request, _("Your draft was saved."))
                return redirect("apply:edit", year=year)
        else:
            status = 400
    else:
        formset = forms.ChoiceFormSet(
            prefix="choice",
            initial=_choice_initial(call, application, request.GET.get("vacancy", "")),
            form_kwargs={"vacancies": vacancy_choices},
        )
        answers = forms.AnswersForm(
            initial={
                f"q-{k}": v
                for k, v in ((application.draft or {}) if application else {})
                .get("answers", {})
                .items()
            },
            questions=_questions(vacancies),
        )
    rows = []
    for form in formset.forms:
        text = form["letter"].value() or ""
        rows.append((form, letter_stats(text)))
    return render(
        request,
        "applications/edit.html",
        {
            "call": call,
            "application": application,
            "formset": formset,
            "rows": rows,
            "question_groups": _question_groups(vacancies, formset, answers),
            "answers_form": answers,
            "refusal": error,
            "closed": moment > call.closes_at,
            "not_open": moment < call.opens_at,
        },
        status=status,
    )


@applicant_required
@require_POST
def application_autosave(request: HttpRequest, year: int) -> HttpResponse:
    """Saves the draft in the background (fetch from the form); answers JSON."""
    moment = timezone.now()
    call = open_call(year)
    vacancies = services.open_vacancies(call)
    formset = forms.ChoiceFormSet(
        request.POST, prefix="choice", form_kwargs={"vacancies": _vacancy_choices(vacancies)}
    )
    answers = forms.AnswersForm(request.POST, questions=_questions(vacancies))
    if not formset.is_valid() or not answers.is_valid():
        message = _("The draft could not be saved.")
        if answers.errors:
            field, errors = next(iter(answers.errors.items()))
            message = f"{message} {answers.fields[field].label}: {errors[0]}"
        return JsonResponse({"saved": False, "message": message}, status=400)
    application = services.application_get_or_create(user=request.user, call=call)
    try:
        services.draft_save(
            application=application,
            choices=_choices_from(formset),
            answers=answers.answers(),
            moment=moment,
        )
    except services.ApplicationError as refusal:
        return JsonResponse({"saved": False, "message": refusal.message}, status=409)
    local = timezone.localtime(moment)
    return JsonResponse(
        {
            "saved": True,
            "at": moment.isoformat(),
            "message": _("Draft saved at %(time)s.") % {"time": local.strftime("%H:%M:%S")},
        }
    )


def _review_context(request: HttpRequest, call: Call, application: Application) -> dict[str, Any]:
    facts = services.applicant_facts(request.user)
    verdict, day = services.application_verdict(call=call, facts=facts.data)
    language = active_language()
    vacancies = services.open_vacancies(call)
    saved = (application.draft or {}).get("answers", {})
    choices = [
        (
            rank,
            vacancies.get(c["vacancy"]),
            c["letter"],
            letter_stats(c["letter"]),
            answers_read(
                answer_records(services.vacancy_questions(vacancies[c["vacancy"]]), saved),
                language,
            )
            if c["vacancy"] in vacancies
            else [],
        )
        for rank, c in enumerate(
            (c for c in (application.draft or {}).get("choices", []) if c.get("vacancy")), start=1
        )
    ]
    fixes = {
        "nationality": "id_nationality_1",
        "age": "id_date_of_birth",
        "academic": "education",
        "language": "languages",
    }
    rules = [
        (
            r,
            r.reason.get(language, r.reason["en"]),
            reverse("apply:documents")
            if r.rule == "documents"
            else reverse("apply:profile") + f"?next={request.path}#{fixes.get(r.rule, '')}",
        )
        for r in verdict.rules
    ]
    return {
        "call": call,
        "application": application,
        "profile": facts.profile,
        "choices": choices,
        "documents": facts.documents,
        "verdict": verdict,
        "rules": rules,
        "day": day,
        "profile_problems": services.profile_problems(facts.profile),
        "draft_problems": services.draft_problems(application, vacancies),
    }


@applicant_required
def application_review(request: HttpRequest, year: int) -> HttpResponse:
    """The review page, the declaration and consent, and submit (idempotent on a hidden key).

    A submit goes straight to the service (the deadline rush's request: nothing else is read
    before it); the page is built only to show it, or to show why it was refused."""
    moment = timezone.now()
    status = 200
    refusal = None
    if request.method == "POST":
        form = forms.SubmitForm(request.POST)
        if form.is_valid():
            try:
                services.application_submit(
                    call_year=year,
                    user=request.user,
                    key=form.cleaned_data["key"],
                    declaration=form.cleaned_data["declaration"],
                    consent=form.cleaned_data["consent"],
                    moment=moment,
                    request=request,
                )
            except services.ApplicationError as error:
                if error.code == "no_draft":
                    return redirect("apply:edit", year=year)
                refusal, status = error, 409 if error.code == "closed" else 400
                if error.field in {"id_declaration", "id_consent"}:
                    form.add_error(error.field[3:], error.message)
            else:
                return redirect("apply:receipt", year=year)
        else:
            status = 400
    else:
        form = forms.SubmitForm(initial={"key": uuid.uuid4()})
    call = open_call(year)
    application = own_application(request, call)
    if application is None:
        return redirect("apply:edit", year=year)
    context = _review_context(request, call, application)
    context.update(
        {
            "form": form,
            "refusal": refusal,
            "closed": moment > call.closes_at,
            "not_open": moment < call.opens_at,
        }
    )
    return render(request, "applications/review.html", context, status=status)


def _last_submission(request: HttpRequest, year: int) -> Submission:
    call = open_call(year)
    application = own_application(request, call)
    submission = (
        Submission.objects.filter(application=application)
        .select_related("application__call")
        .last()
        if application
        else None
    )
    if submission is None:
        raise Http404
    return submission


@applicant_required
def application_receipt(request: HttpRequest, year: int) -> HttpResponse:
    submission = _last_submission(request, year)
    data = receipt_data(submission)
    return render(
        request,
        "applications/receipt.html",
        {
            "submission": submission,
            "application": submission.application,
            "call": submission.application.call,
            "receipt": data,
        },
    )


@applicant_required
def application_receipt_pdf(request: HttpRequest, year: int) -> HttpResponse:
    submission = _last_submission(request, year)
    data = receipt_data(submission)
    response = HttpResponse(
        receipt_pdf(data, language=active_language()), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{receipt_filename(data.reference, data.version)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@applicant_required
def application_withdraw(request: HttpRequest, year: int) -> HttpResponse:
    """The applicant withdraws before the deadline and before selection. Already withdrawn (a
    second click, or by the office on their word): said so. Refused: the page says why."""
    moment = timezone.now()
    call = open_call(year)
    application = own_application(request, call)
    if application is None or application.reference is None:
        raise Http404
    if application.is_withdrawn:  # a second click, a retried request, the office withdrew it
        messages.info(request, _("Your application was withdrawn."))
        return redirect("apply:dashboard")
    refusal = None
    if request.method == "POST":
        try:
            withdrawal.application_withdraw(
                application_id=application.pk, user=request.user, moment=moment, request=request
            )
        except services.ApplicationError as error:
            refusal = error.message
        else:
            messages.success(request, _("Your application was withdrawn."))
            return redirect("apply:dashboard")
    return render(
        request,
        "applications/withdraw.html",
        {"call": call, "application": application, "refusal": refusal},
        status=409 if refusal else 200,
    )
