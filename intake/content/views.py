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


def contact(request: HttpRequest) -> HttpResponse:
    """Send a question to the programme's mailbox."""
    from allauth.core import ratelimit
    from django.shortcuts import redirect
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    from intake.content.forms import ContactForm
    from intake.content.services import question_submit

    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.get_full_name(), "email": request.user.email}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("website"):
            return redirect("content:contact-sent")  # a bot: pretend, keep nothing
        if not ratelimit.consume(request, action="contact", key=data["email"].lower()):
            form.add_error(
                None,
                _("You have sent several questions recently. Please wait an hour and try again."),
            )
            return render(request, "content/contact.html", {"form": form}, status=429)
        question_submit(
            name=data["name"],
            email=data["email"],
            subject=data["subject"],
            message=data["message"],
            language=(get_language() or "en")[:2],
        )
        return redirect("content:contact-sent")
    return render(
        request, "content/contact.html", {"form": form}, status=400 if form.errors else 200
    )


def contact_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "content/contact_sent.html")
