"""The home page: composed from the programme's current call (above every app)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from intake.programme.pagecache import cache_public_page
from intake.programme.selectors import call_current


@cache_public_page()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"call": call_current()})
