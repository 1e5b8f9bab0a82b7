from __future__ import annotations

from allauth.core import ratelimit
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from intake.newsletter import services
from intake.newsletter.forms import SubscribeForm
from intake.newsletter.models import Subscriber


def subscribe(request: HttpRequest) -> HttpResponse:
    """'If you would also like to subscribe to the newsletter... click on the button below.'"""
    initial = {"email": request.user.email} if request.user.is_authenticated else None
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        if form.cleaned_data.get("website"):
            return redirect("newsletter:check-inbox")  # a bot: pretend, do nothing
        if not ratelimit.consume(request, action="newsletter_subscribe", key=email):
            form.add_error(None, _("Too many requests. Please wait a few minutes and try again."))
            return render(request, "newsletter/subscribe.html", {"form": form}, status=429)
        user = (
            request.user if request.user.is_authenticated and request.user.email == email else None
        )
        services.subscriber_subscribe(
            email=email, language=(get_language() or "en")[:2], user=user, source="website"
        )
        return redirect("newsletter:check-inbox")
    return render(
        request, "newsletter/subscribe.html", {"form": form}, status=400 if form.errors else 200
    )


def check_inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/check_inbox.html")


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation email: a button confirms (link scanners only GET)."""
    subscriber = services.subscriber_from_token(token, purpose="confirm")
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", status=404)
    if request.method == "POST":
        services.subscriber_confirm(subscriber=subscriber)
        return render(request, "newsletter/confirmed.html")
    already = subscriber.status == Subscriber.Status.CONFIRMED
    return render(
        request, "newsletter/confirm.html", {"subscriber": subscriber, "already": already}
    )


@csrf_exempt  # RFC 8058 one-click: mail providers POST without a session; the token authorises
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = services.subscriber_from_token(token, purpose="unsubscribe")
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", status=404)
    if request.method == "POST":
        services.subscriber_unsubscribe(subscriber=subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(
                _("You have been unsubscribed."), content_type="text/plain; charset=utf-8"
            )
        return render(request, "newsletter/unsubscribed.html")
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


@csrf_exempt  # the form sits on cached public pages; double opt-in protects the address owner
def alert_subscribe_view(request: HttpRequest) -> HttpResponse:
    """'Tell me when it opens' (the form sits on the home and vacancy pages)."""
    from intake.newsletter.alerts import alert_subscribe

    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        if form.cleaned_data.get("website"):
            return redirect("newsletter:check-inbox")
        if not ratelimit.consume(request, action="newsletter_subscribe", key=email):
            form.add_error(None, _("Too many requests. Please wait a few minutes and try again."))
            return render(request, "newsletter/alert.html", {"form": form}, status=429)
        alert_subscribe(email=email, language=(get_language() or "en")[:2])
        return redirect("newsletter:check-inbox")
    return render(
        request, "newsletter/alert.html", {"form": form}, status=400 if form.errors else 200
    )


def alert_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    from intake.newsletter.alerts import alert_confirm, alert_from_token

    alert = alert_from_token(token, purpose="confirm")
    if alert is None:
        return render(request, "newsletter/link_invalid.html", status=404)
    if request.method == "POST":
        alert_confirm(alert=alert)
        return render(request, "newsletter/alert_confirmed.html")
    return render(request, "newsletter/alert_confirm.html", {"alert": alert})


@csrf_exempt  # the link in the email carries the authority (signed token)
def alert_stop_view(request: HttpRequest, token: str) -> HttpResponse:
    from intake.newsletter.alerts import alert_from_token, alert_stop

    alert = alert_from_token(token, purpose="stop")
    if alert is None:
        return render(request, "newsletter/link_invalid.html", status=404)
    if request.method == "POST":
        alert_stop(alert=alert)
        return render(request, "newsletter/unsubscribed.html")
    return render(request, "newsletter/unsubscribe.html", {"subscriber": alert})
