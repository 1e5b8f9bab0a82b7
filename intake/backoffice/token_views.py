"""Back office: a staff member's API tokens (create — shown once —, list, revoke)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.accounts.models import User
from intake.api.models import ApiToken
from intake.api.tokens import token_create, token_revoke
from intake.backoffice.access import staff_required


@staff_required()
def tokens(request: HttpRequest) -> HttpResponse:
    created = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if not name:
            messages.error(request, _("Give the token a name."))
        else:
            _token, created = token_create(user=request.user, name=name)
    return render(
        request,
        "backoffice/tokens.html",
        {
            "tokens": ApiToken.objects.filter(user=cast(User, request.user)),
            "created": created,
        },
    )


@require_POST
@staff_required()
def token_delete(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=cast(User, request.user))
    token_revoke(token=token, by=request.user)
    messages.success(request, _("Token revoked."))
    return redirect("backoffice:tokens")
