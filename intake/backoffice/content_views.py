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
from intake.content.forms import FaqEntryForm, PageForm, StipendRateForm
from intake.content.models import FaqEntry, Page, StipendRate
from intake.content.services import content_save

KINDS: dict[str, tuple[type[models.Model], type[forms.ModelForm], Any]] = {
    "faq": (FaqEntry, FaqEntryForm, lambda: FaqEntry.objects.select_related("topic")),
    "pages": (Page, PageForm, lambda: Page.objects.all()),
    "stipend": (StipendRate, StipendRateForm, lambda: StipendRate.objects.all()),
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
    form = form_class(request.POST or None, instance=obj)
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
