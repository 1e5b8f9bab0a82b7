from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from intake.core.models import DevMailMessage


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def _demo_only() -> None:
    if not settings.INTAKE_DEMO:
        raise Http404


def dev_mailbox(request: HttpRequest) -> HttpResponse:
    """Development mailbox: what Intake 'sent' in demo mode (404 anywhere else)."""
    _demo_only()
    to = request.GET.get("to", "").strip()
    qs = DevMailMessage.objects.all()
    if to:
        qs = qs.filter(to__icontains=to)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "core/dev_mailbox.html", {"page": page, "to": to})


def dev_mailbox_message(request: HttpRequest, pk: int) -> HttpResponse:
    _demo_only()
    message = get_object_or_404(DevMailMessage, pk=pk)
    return render(request, "core/dev_mailbox_message.html", {"message": message})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 answer: JSON under /api/ (as the API's own 404s), the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return render(request, "404.html", {"request_path": request.path}, status=404)
