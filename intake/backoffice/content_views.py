"""Back office: the programme office edits the FAQ, the pages and the stipend rates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from intake.accounts.roles import can_edit_content
from intake.backoffice.access import staff_required
from intake.content.forms import FaqEntryForm, PageForm, StipendRateForm, VideoForm
from intake.content.models import FaqEntry, Page, StipendRate, Video
from intake.content.services import content_save

KINDS: dict[str, tuple[type[models.Model], type[forms.ModelForm], Any]] = {
    "faq": (FaqEntry, FaqEntryForm, lambda: FaqEntry.objects.select_related("topic")),
    "pages": (Page, PageForm, lambda: Page.objects.all()),
    "stipend": (StipendRate, StipendRateForm, lambda: StipendRate.objects.all()),
    "videos": (Video, VideoForm, lambda: Video.objects.all()),
}


def _kind(kind: str) -> tuple[type[models.Model], type[forms.ModelForm], Any]:
    from django.http import Http404

    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


@staff_required(can_edit_content)
def content_list(request: HttpRequest, kind: str) -> HttpResponse:
    model, _form, queryset = _kind(kind)
    return render(
        request,
        "backoffice/content/list.html",
        {"kind": kind, "objects": queryset(), "title": model._meta.verbose_name_plural},
    )


@staff_required(can_edit_content)
def content_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    model, form_class, queryset = _kind(kind)
    obj = get_object_or_404(queryset(), pk=pk) if pk is not None else None
    form = form_class(request.POST or None, request.FILES or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        content_save(obj=form.save(commit=False), actor=request.user, request=request)
        messages.success(request, _("Saved."))
        return redirect("backoffice:content-list", kind=kind)
    return render(
        request,
        "backoffice/content/form.html",
        {"kind": kind, "form": form, "obj": obj, "title": model._meta.verbose_name},
        status=400 if form.errors else 200,
    )


@staff_required(can_edit_content)
def question_list(request: HttpRequest) -> HttpResponse:
    from django.core.paginator import Paginator

    from intake.content.models import Question

    status = request.GET.get("status", Question.Status.NEW)
    qs = Question.objects.all() if status == "all" else Question.objects.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "backoffice/content/questions.html", {"page": page, "status": status})


@staff_required(can_edit_content)
def question_answered(request: HttpRequest, pk: int) -> HttpResponse:
    from django.http import HttpResponseNotAllowed

    from intake.content.models import Question
    from intake.content.services import question_mark_answered

    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    question_mark_answered(question=get_object_or_404(Question, pk=pk), actor=request.user)
    messages.success(request, _("Marked as answered."))
    return redirect("backoffice:questions")
