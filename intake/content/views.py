from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from intake.content import selectors
from intake.content.models import FaqEntry, Page


def faq(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "content/faq.html",
        {"topics": selectors.faq_topics(q=q), "q": q, "stipend": selectors.stipend_current()},
    )


def faq_entry(request: HttpRequest, slug: str) -> HttpResponse:
    entry = get_object_or_404(FaqEntry.objects.select_related("topic"), slug=slug, published=True)
    return render(
        request, "content/faq_entry.html", {"entry": entry, "stipend": selectors.stipend_current()}
    )


def page(request: HttpRequest, slug: str) -> HttpResponse:
    obj = Page.objects.filter(slug=slug).first()
    if obj is None:
        raise Http404
    return render(
        request, "content/page.html", {"page": obj, "stipend": selectors.stipend_current()}
    )
