"""The applicant's area (/apply/): dashboard, profile, documents, application, receipt.

Views are thin: they read forms and call services (intake.applications.services, .uploads).
Everything is the signed-in user's own; anything else is a 404.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.accounts.models import User
from intake.accounts.roles import is_applicant
from intake.applications import forms, services, uploads
from intake.applications.documents import DocumentRejected
from intake.applications.letters import letter_stats
from intake.applications.models import Application, Document, Monitoring, Submission
from intake.applications.receipts import receipt_data, receipt_filename, receipt_pdf
from intake.applications.timeline import application_timeline
from intake.core.urls_safety import safe_next
from intake.programme.models import Call
from intake.programme.selectors import call_current
from intake.selection import divisions, interviews
from intake.selection.models import Interview, OutcomeMessage, Selection
from intake.selection.pipeline import IllegalMove


def applicant_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Signed in (else the login page), and an applicant (staff get a 404: not their area)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_applicant(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def _language() -> str:
    return (get_language() or "en")[:2]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # every view here is behind login_required
    return request.user


def _call(year: int) -> Call:
    return get_object_or_404(Call, year=year, archived_at__isnull=True)


def _application(request: HttpRequest, call: Call) -> Application | None:
    return Application.objects.filter(applicant=_user(request), call=call).first()


@applicant_required
def dashboard(request: HttpRequest) -> HttpResponse:
    call = call_current()
    now = timezone.now()
    application = _application(request, call) if call else None
    profile = services.profile_for(request.user)
    steps = (
        application_timeline(
            status=application.status if application else "none",
            submitted_at=application.submitted_at if application else None,
            closes_at=call.closes_at,
            call_year=call.year,
            intake_march=call.intake_march,
            intake_september=call.intake_september,
            now=now,
            zone=call.zone,
        )
        if call
        else []
    )
    past = Application.objects.filter(applicant=_user(request)).select_related("call")
    if application:
        past = past.exclude(pk=application.pk)
    return render(
        request,
        "applications/dashboard.html",
        {
            "call": call,
            "call_open": bool(call and call.opens_at <= now <= call.closes_at),
            "application": application,
            "unsubmitted_changes": bool(application and _has_unsubmitted_changes(application)),
            "steps": steps,
            "profile_problems": services.profile_problems(profile),
            "document_count": uploads.document_limits(request.user)["count"],
            "past": past,
            "outcomes": OutcomeMessage.objects.filter(application__applicant=_user(request))
            .select_related("application__call")
            .order_by("-created_at"),
            "interviews": Interview.objects.filter(
                application__applicant=_user(request),
                starts_at__gte=timezone.now() - timedelta(hours=12),
            )
            .exclude(status=Interview.Status.CANCELLED)
            .select_related("vacancy", "application"),
            "selections": Selection.objects.filter(application__applicant=_user(request))
            .select_related("vacancy", "application__call")
            .order_by("-confirmed_at"),
        },
    )


@require_POST
@applicant_required
def interview_slot(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate asks for another slot for a further assessment."""
    try:
        interviews.interview_ask_another_slot(
            user=request.user, interview_id=pk, message=request.POST.get("message", "")
        )
    except IllegalMove as refusal:
        messages.error(request, refusal.reason)
    else:
        messages.success(
            request, _("Your request is sent: the division will propose another time.")
        )
    return redirect("apply:dashboard")


@applicant_required
def interview_ics(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_object_or_404(Interview, pk=pk, application__applicant=_user(request))
    response = HttpResponse(
        interviews.interview_ics(interview, language=_language()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="invitation.ics"'
    return response


@require_POST
@applicant_required
def selection_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The selected candidate confirms their interest, or declines (a second click: no change)."""
    interested = request.POST.get("answer") == "confirm"
    try:
        application = divisions.selection_answer(
            user=request.user,
            application_id=pk,
            interested=interested,
            moment=timezone.now(),
            request=request,
        )
    except IllegalMove as refusal:
        messages.error(request, refusal.reason)
    else:
        if application.stage == "interest_confirmed":
            messages.success(
                request,
                _(
                    "Thank you: your interest is confirmed. The security clearance will be "
                    "requested from your national authorities."
                ),
            )
        elif application.stage == "declined":
            messages.success(
                request, _("You have declined the internship. Thank you for telling us.")
            )
    return redirect("apply:dashboard")


def _has_unsubmitted_changes(application: Application) -> bool:
    if application.status != Application.Status.SUBMITTED or application.draft_saved_at is None:
        return False
    return bool(application.submitted_at and application.draft_saved_at > application.submitted_at)


@applicant_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = services.profile_for(request.user)
    monitoring, _created = Monitoring.objects.get_or_create(user=_user(request))
    data = request.POST if request.method == "POST" else None
    form = forms.ProfileForm(data, instance=profile)
    education = forms.EducationFormSet(data, instance=profile, prefix="education")
    languages = forms.LanguageFormSet(data, instance=profile, prefix="languages")
    experience = forms.ExperienceFormSet(data, instance=profile, prefix="experience")
    monitoring_form = forms.MonitoringForm(data, instance=monitoring, prefix="monitoring")
    parts: list[Any] = [form, education, languages, experience, monitoring_form]
    if request.method == "POST":
        if all(part.is_valid() for part in parts):
            services.profile_save(user=_user(request), parts=parts)
            messages.success(request, _("Your profile was saved."))
            return redirect(safe_next(request.POST.get("next"), request, reverse("apply:profile")))
        messages.error(request, _("Your profile was not saved: please correct the errors shown."))
    return render(
        request,
        "applications/profile.html",
        {
            "form": form,
            "education": education,
            "languages": languages,
            "experience": experience,
            "monitoring": monitoring_form,
            "next": request.GET.get("next", ""),
            "rule_notes": _rule_notes(request) if request.method == "GET" else {},
        },
        status=400 if request.method == "POST" else 200,
    )


def _rule_notes(request: HttpRequest) -> dict[str, str]:
    """Failed eligibility rules of the current call, shown next to the part of the profile to fix
    (only once the profile has been filled in: an empty form needs no lecture)."""
    call = call_current()
    if call is None:
        return {}
    facts = services.applicant_facts(_user(request))
    if facts.profile.date_of_birth is None:
        return {}
    verdict, _day = services.application_verdict(call=call, facts=facts.data)
    language = _language()
    return {r.rule: r.reason.get(language, r.reason["en"]) for r in verdict.failed()}


@applicant_required
def documents(request: HttpRequest) -> HttpResponse:
    own = uploads.documents_of(request.user)
    form = forms.DocumentForm(request.POST or None, request.FILES or None, documents=own)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                uploads.document_upload(
                    owner=request.user,
                    handle=upload,
                    name=upload.name,
                    kind=form.cleaned_data["kind"],
                    language=form.cleaned_data["language"],
                    translation_of=form.cleaned_data["translation_of"],
                    request=request,
                )
            except DocumentRejected as error:
                form.add_error("file", error.message)
            else:
                messages.success(request, _("The document was added."))
                default = reverse("apply:documents")
                return redirect(safe_next(request.POST.get("next"), request, default))
        status = 400
    return render(
        request,
        "applications/documents.html",
        {
            "form": form,
            "documents": own,
            "limits": uploads.document_limits(request.user),
            "next": request.GET.get("next", ""),
        },
        status=status,
    )


@applicant_required
@require_POST
def document_delete(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    document = get_object_or_404(Document, pk=pk, owner=request.user, deleted_at__isnull=True)
    uploads.document_delete(document=document, actor=request.user, request=request)
    messages.success(request, _("The document %(name)s was deleted.") % {"name": document.name})
    return redirect("apply:documents")


@applicant_required
def document_download(request: HttpRequest, pk: uuid.UUID) -> HttpResponseBase:
    document = get_object_or_404(Document, pk=pk, owner=request.user, deleted_at__isnull=True)
    if not uploads.document_servable(document):
        return render(
            request, "applications/document_unavailable.html", {"document": document}, status=409
        )
    return uploads.document_response(document)


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


def _vacancy_choices(call: Call) -> list[tuple[str, str]]:
    title = f"title_{_language()}"
    return [
        (str(pk), f"{v.reference} — {getattr(v, title) or v.title_en} ({v.unit.t('name')})")
        for pk, v in services.open_vacancies(call).items()
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
    call = _call(year)
    application = _application(request, call)
    vacancy_choices = _vacancy_choices(call)
    status = 200
    error = None
    if request.method == "POST":
        formset = forms.ChoiceFormSet(
            request.POST, prefix="choice", form_kwargs={"vacancies": vacancy_choices}
        )
        if formset.is_valid():
            if application is None:
                application = services.application_get_or_create(user=request.user, call=call)
            try:
                services.draft_save(
                    application=application, choices=_choices_from(formset), moment=moment
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
    call = _call(year)
    formset = forms.ChoiceFormSet(
        request.POST, prefix="choice", form_kwargs={"vacancies": _vacancy_choices(call)}
    )
    if not formset.is_valid():
        return JsonResponse(
            {"saved": False, "message": _("The draft could not be saved.")}, status=400
        )
    application = services.application_get_or_create(user=request.user, call=call)
    try:
        services.draft_save(application=application, choices=_choices_from(formset), moment=moment)
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
    language = _language()
    vacancies = services.open_vacancies(call)
    choices = [
        (rank, vacancies.get(c["vacancy"]), c["letter"], letter_stats(c["letter"]))
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
    call = _call(year)
    application = _application(request, call)
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
    call = _call(year)
    application = _application(request, call)
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
    response = HttpResponse(receipt_pdf(data, language=_language()), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{receipt_filename(data.reference, data.version)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@applicant_required
def application_withdraw(request: HttpRequest, year: int) -> HttpResponse:
    moment = timezone.now()
    call = _call(year)
    application = _application(request, call)
    if application is None or application.reference is None:
        raise Http404
    if application.status == Application.Status.WITHDRAWN:  # a second click, a retried request
        messages.info(request, _("Your application was withdrawn."))
        return redirect("apply:dashboard")
    refusal = None
    if request.method == "POST":
        try:
            services.application_withdraw(
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
