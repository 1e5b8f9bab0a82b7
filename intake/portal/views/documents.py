"""The applicant's documents: upload (checked by content), delete, download (owner only)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.applications import forms, uploads
from intake.applications.documents import DocumentRejected
from intake.applications.models import Document
from intake.core.urls_safety import safe_next
from intake.portal.views.access import (
    applicant_required,
)


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
