from __future__ import annotations

from typing import Any, cast

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from intake.accounts import reset
from intake.accounts.forms import AccountForm, ResetCodeForm, ResetPasswordForm, ResetRequestForm
from intake.accounts.models import User
from intake.accounts.roles import has_mfa, requires_mfa
from intake.accounts.services import user_update_profile
from intake.core.urls_safety import safe_next

SESSION_KEY = "intake_password_reset"


def _reset_state(request: HttpRequest) -> dict[str, Any] | None:
    state = request.session.get(SESSION_KEY)
    return state if isinstance(state, dict) else None


def _default_return(request: HttpRequest) -> str:
    return reverse("account_login")


def password_reset_request(request: HttpRequest) -> HttpResponse:
    """Step 1: 'Enter the email address you registered with and we will send you a code'."""
    next_url = safe_next(
        request.POST.get("next") or request.GET.get("next"), request, _default_return(request)
    )
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        if not ratelimit.consume(request, action="reset_code_request", key=email):
            # Same page as any other address: no hint whether the account exists.
            form.add_error(None, _("Too many requests. Please wait a few minutes and try again."))
            return render(
                request, "accounts/reset/request.html", {"form": form, "next": next_url}, status=429
            )
        ticket = reset.password_reset_request(email=email, next_url=next_url, request=request)
        request.session[SESSION_KEY] = {
            "flow": ticket.flow_id,
            "email": ticket.email,
            "next": next_url,
            "wrong": 0,
            # What this visitor was told, known address or not: "Send new code" answers from it.
            "sent_at": timezone.now().isoformat(),
            "resends": 0,
        }
        return redirect("accounts:password-reset-code")
    return render(request, "accounts/reset/request.html", {"form": form, "next": next_url})


def password_reset_code(request: HttpRequest) -> HttpResponse:
    """Step 2: the code, with 'Didn't receive a code? Send new code'."""
    state = _reset_state(request)
    if state is None:
        return redirect("account_reset_password")
    form = ResetCodeForm(request.POST or None)
    locked = state.get("locked", False)
    if request.method == "POST" and not locked and form.is_valid():
        if not ratelimit.consume(request, action="reset_code_check"):
            form.add_error(None, _("Too many attempts. Please wait a minute and try again."))
        else:
            result, left = _check(state, form.cleaned_data["code"])
            if result is reset.CheckResult.OK:
                request.session[SESSION_KEY] = {**state, "confirmed": True}
                return redirect("accounts:password-reset-set")
            if result is reset.CheckResult.NO_ATTEMPTS_LEFT:
                state["locked"] = True
                locked = True
            elif result is reset.CheckResult.EXPIRED:
                form.add_error("code", _("This code has expired. Ask for a new code below."))
            else:
                form.add_error(
                    "code",
                    translation.ngettext(
                        "This code is not correct. You have %(left)d attempt left.",
                        "This code is not correct. You have %(left)d attempts left.",
                        left,
                    )
                    % {"left": left},
                )
            request.session[SESSION_KEY] = state
    status = 200 if request.method == "GET" or not form.errors else 400
    return render(
        request,
        "accounts/reset/code.html",
        {"form": form, "email": state["email"], "locked": locked, "next": state.get("next")},
        status=status,
    )


def _check(state: dict[str, Any], code: str) -> tuple[reset.CheckResult, int]:
    max_wrong = settings.PASSWORD_RESET_MAX_WRONG_CODES
    if state["flow"].startswith("x"):  # unknown address: behave exactly like a wrong code
        state["wrong"] = state.get("wrong", 0) + 1
        left = max(0, max_wrong - state["wrong"])
        return (reset.CheckResult.WRONG if left else reset.CheckResult.NO_ATTEMPTS_LEFT), left
    return reset.password_reset_check_code(flow_id=state["flow"], code=code)


@require_POST
def password_reset_resend(request: HttpRequest) -> HttpResponse:
    state = _reset_state(request)
    if state is None:
        return redirect("account_reset_password")
    if not ratelimit.consume(request, action="reset_code_resend", key=state["email"]):
        messages.error(request, _("Please wait a little before asking for another code."))
        return redirect("accounts:password-reset-code")
    now = timezone.now()
    told = parse_datetime(state.get("sent_at") or "") or now
    try:
        reset.resend_check(sent_at=told, resends=int(state.get("resends", 0)), now=now)
    except reset.ResendRefused as refused:
        if refused.wait_seconds:
            messages.error(
                request,
                _("Please wait %(seconds)d seconds before asking for another code.")
                % {"seconds": refused.wait_seconds},
            )
        else:
            messages.error(
                request,
                _("No more codes can be sent for this request. Please start again later."),
            )
        return redirect("accounts:password-reset-code")
    request.session[SESSION_KEY] = {
        **state,
        "sent_at": now.isoformat(),
        "resends": int(state.get("resends", 0)) + 1,
    }
    reset.password_reset_resend(flow_id=state["flow"])
    messages.success(
        request,
        _(
            "If an account exists for %(email)s, a new code has been sent. "
            "Earlier codes no longer work."
        )
        % {"email": state["email"]},
    )
    return redirect("accounts:password-reset-code")


def password_reset_set(request: HttpRequest) -> HttpResponse:
    """Step 3: the new password, with the policy shown before typing."""
    state = _reset_state(request)
    flow = (
        reset.password_reset_confirmed_flow(flow_id=state["flow"])
        if state and state.get("confirmed")
        else None
    )
    if state is None or flow is None:
        messages.error(request, _("Your reset request has expired. Please ask for a new code."))
        request.session.pop(SESSION_KEY, None)
        return redirect("account_reset_password")
    form = ResetPasswordForm(request.POST or None, user=flow.user)
    if request.method == "POST" and form.is_valid():
        try:
            reset.password_reset_complete(
                flow_id=state["flow"], password=form.cleaned_data["password1"], request=request
            )
        except reset.ResetExpired:
            messages.error(request, _("Your reset request has expired. Please ask for a new code."))
            return redirect("account_reset_password")
        request.session[SESSION_KEY] = {"done": True, "next": flow.next_url or state.get("next")}
        return redirect("accounts:password-reset-done")
    return render(
        request, "accounts/reset/set.html", {"form": form}, status=400 if form.errors else 200
    )


def password_reset_done(request: HttpRequest) -> HttpResponse:
    state = _reset_state(request) or {}
    if not state.get("done"):
        return redirect("account_login")
    return_url = safe_next(state.get("next"), request, reverse("account_login"))
    return render(request, "accounts/reset/done.html", {"return_url": return_url})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    from intake.newsletter.selectors import subscriber_status

    user = cast(User, request.user)
    newsletter = subscriber_status(email=user.email)
    # Ticked only once the double opt-in is confirmed; a subscription waiting for it is shown as
    # pending, and the box acts only when the person changes it.
    form = AccountForm(
        request.POST or None,
        instance=user,
        initial={"newsletter": newsletter == "confirmed"},
        newsletter_pending=newsletter == "pending",
    )
    if request.method == "POST" and form.is_valid():
        user_update_profile(
            user=user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            language=form.cleaned_data["language"],
            newsletter=(
                form.cleaned_data["newsletter"] if "newsletter" in form.changed_data else None
            ),
        )
        response = redirect("accounts:dashboard")
        remember_language(response, form.cleaned_data["language"])
        with translation.override(form.cleaned_data["language"]):
            messages.success(request, _("Your account has been updated."))
        return response
    return render(
        request,
        "accounts/dashboard.html",
        {
            "form": form,
            "subscribed": newsletter == "confirmed",
            "newsletter_pending": newsletter == "pending",
            "needs_mfa": requires_mfa(user) and not has_mfa(user),
        },
    )


@login_required
def mfa_required(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request.GET.get("next"), request, reverse("backoffice:home"))
    if has_mfa(request.user):
        return HttpResponseRedirect(next_url)
    activate = reverse("mfa_activate_totp") + "?" + urlencode({"next": next_url})
    return render(request, "accounts/mfa_required.html", {"activate_url": activate})


@csrf_exempt
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switches the language: remembered in a cookie, and in the profile when logged in.

    Anonymous visitors switch without a CSRF token, so that public pages carry none and can be
    cached whole; a logged-in user's profile changes only with a valid token.
    """
    language = request.POST.get("language", "")
    next_url = safe_next(request.POST.get("next"), request, "/")
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    user = request.user
    if isinstance(user, User) and user.language != language and _csrf_valid(request):
        user_update_profile(user=user, language=language)
    remember_language(response, language)
    return response


def _csrf_valid(request: HttpRequest) -> bool:
    from django.middleware.csrf import CsrfViewMiddleware

    def protected(request: HttpRequest) -> HttpResponse:  # not csrf_exempt, unlike the view
        return HttpResponse()

    check = CsrfViewMiddleware(protected)
    return check.process_view(request, protected, (), {}) is None


def remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
