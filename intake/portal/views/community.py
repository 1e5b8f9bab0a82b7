"""The community board of incoming interns (decision 0017): only members (and the office) see
it; everybody else gets a 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect


def community_thread(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404  # the pages come with the next commit


def community(request: HttpRequest) -> HttpResponse:
    return redirect("apply:dashboard")
