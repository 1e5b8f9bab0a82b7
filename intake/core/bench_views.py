"""Ceilings for the benchmarks (bench/deadline_rush): the least a server can do for an upload.

Mounted only when INTAKE_BENCH_VIEWS is true (never in production): a CSRF-protected form that
takes one PDF, checks its first bytes, stores it and inserts one row. The real submission is
measured against it.
"""

from __future__ import annotations

import uuid

from django import forms
from django.core.files.storage import storages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from intake.core.models import AuditEvent


class BareUploadForm(forms.Form):
    file = forms.FileField()


def bare_upload(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return HttpResponse(get_token(request), content_type="text/plain")
    form = BareUploadForm(request.POST, request.FILES)
    if not form.is_valid() or not form.cleaned_data["file"].read(5).startswith(b"%PDF-"):
        return HttpResponse("bad", status=400)
    upload = form.cleaned_data["file"]
    upload.seek(0)
    name = storages["private"].save(f"bench/{uuid.uuid4()}.pdf", upload)
    AuditEvent.objects.create(action="bench.upload", data={"name": name})
    return HttpResponse("ok", status=201)
