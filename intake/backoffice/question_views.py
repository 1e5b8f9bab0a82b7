"""Back office: the questions a vacancy asks its applicants (issue #12 §4), edited by the office
or by the vacancy's division until the vacancy is first published; read-only after."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from intake.accounts.roles import can_edit_vacancy_questions, can_manage_programme
from intake.backoffice.access import staff_required, vacancy_get_for_questions
from intake.programme import questions
from intake.programme.backoffice_forms import question_formset


@staff_required(can_edit_vacancy_questions)
def vacancy_questions(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = vacancy_get_for_questions(user=request.user, pk=pk)
    editable = questions.questions_editable(vacancy)
    if request.method == "POST" and not editable:
        raise PermissionDenied(_("The questions of a published vacancy can no longer change."))
    formset = question_formset(questions.MAX_QUESTIONS)(
        request.POST if request.method == "POST" else None, instance=vacancy, prefix="questions"
    )
    refusals: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            questions.vacancy_questions_save(
                vacancy=vacancy,
                changed=formset.save(commit=False),
                deleted=formset.deleted_objects,
                actor=request.user,
            )
        except questions.QuestionsFrozen as frozen:
            raise PermissionDenied(
                _("The questions of a published vacancy can no longer change.")
            ) from frozen
        except ValidationError as error:
            refusals = error.messages
        else:
            messages.success(request, _("Saved."))
            return redirect("backoffice:vacancy-questions", pk=vacancy.pk)
    back = (
        ("backoffice:call-detail", vacancy.call_id)
        if can_manage_programme(request.user)
        else ("backoffice:division", None)
    )
    return render(
        request,
        "backoffice/programme/vacancy_questions.html",
        {
            "vacancy": vacancy,
            "formset": formset,
            "refusals": [*formset.non_form_errors(), *refusals],
            "editable": editable,
            "questions": vacancy.questions.all(),
            "most": questions.MAX_QUESTIONS,
            "back": back,
        },
        status=400 if request.method == "POST" else 200,
    )
