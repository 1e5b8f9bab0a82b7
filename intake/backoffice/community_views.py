"""Back office: the community board's moderation — the queue of flagged and hidden posts, one
act on a post (hide, show again, dismiss the flags, remove with a reason), lock and unlock a
thread. The programme office only (can_moderate_community)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.accounts.roles import can_moderate_community
from intake.backoffice.access import staff_required
from intake.community import moderation, selectors
from intake.community.models import Flag
from intake.community.services import CommunityError, NotAllowed
from intake.core.urls_safety import safe_next

PAGE_SIZE = 50


@staff_required(can_moderate_community)
def community_flags(request: HttpRequest) -> HttpResponse:
    open_flags = Flag.objects.filter(resolved_at__isnull=True).select_related("member")
    posts = selectors.moderation_queue().prefetch_related(
        Prefetch("flags", queryset=open_flags, to_attr="open_flag_rows")
    )
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "community/backoffice/flags.html", {"page": page})


def _back(request: HttpRequest) -> str:
    return safe_next(request.POST.get("next"), request, reverse("backoffice:community-flags"))


def _moderate(
    request: HttpRequest, act: Callable[[], bool], *, back: str, done: str
) -> HttpResponse:
    """One moderation act: 404 if it is not the office's, the refusal's reason, or what it did."""
    try:
        changed = act()
    except NotAllowed as missing:
        raise Http404 from missing
    except CommunityError as refusal:
        messages.error(request, refusal.message)
        return redirect(back)
    if changed:
        messages.success(request, done)
    else:
        messages.info(request, _("Nothing changed: this was already done."))
    return redirect(back)


@require_POST
@staff_required(can_moderate_community)
def community_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(
        request,
        lambda: moderation.post_moderate(
            user=request.user,
            post_id=pk,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
            request=request,
        ),
        back=_back(request),
        done=_("Done: the message is moderated."),
    )


@require_POST
@staff_required(can_moderate_community)
def community_thread_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(
        request,
        lambda: moderation.thread_moderate(
            user=request.user,
            thread_id=pk,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
            request=request,
        ),
        back=reverse("apply:community-thread", args=[pk]),
        done=_("Done: the thread is updated."),
    )
