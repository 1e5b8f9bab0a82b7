"""The community board of incoming interns (decision 0017): the board, one thread, a new thread,
a reply, a flag, following, joining, and the digest's unsubscribe link. Only members (and the
programme office, which reads and moderates) see it: everybody else gets a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from intake.community import selectors, services
from intake.community.forms import BoardFilterForm, JoinForm, ReplyForm, ThreadForm
from intake.community.membership import Access, Standing, access_of
from intake.community.models import Post, Topic

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 50


def community_required(
    *, post: bool = False
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Signed in, and a member who may read (`post`: write) — else a 404. An intern who has
    not joined yet is sent to the join page (the code of conduct comes before the board)."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            access = access_of(request.user)
            if access.standing == Standing.INTERN and access.member is None:
                return redirect("apply:community-join")
            if not (access.may_post if post else access.may_read):
                raise Http404
            try:
                return view(request, access, *args, **kwargs)
            except services.NotAllowed as refused:
                raise Http404 from refused

        return login_required(wrapper)

    return decorator


@community_required()
def community(request: HttpRequest, access: Access) -> HttpResponse:
    """The board: threads by latest activity, a topic filter, a search, pages."""
    form = BoardFilterForm(request.GET or None)
    topic = q = ""
    if form.is_valid():
        topic, q = form.cleaned_data["topic"], form.cleaned_data["q"]
    threads = selectors.threads_for_board(topic=topic, q=q, moderator=access.may_moderate)
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "community/board.html",
        {
            "access": access,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "topics": Topic,
            "searching": bool(topic or q),
        },
    )


def _thread_page(
    request: HttpRequest,
    access: Access,
    pk: int,
    *,
    reply_form: ReplyForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    thread = selectors.thread_for_reader(pk=pk, moderator=access.may_moderate)
    if thread is None:
        raise Http404
    page = Paginator(selectors.posts_of(thread), POSTS_PER_PAGE).get_page(request.GET.get("page"))
    posts: list[Post] = list(page)
    first_id = (
        posts[0].pk
        if page.number == 1 and posts
        else selectors.posts_of(thread).values_list("pk", flat=True).first()
    )
    return render(
        request,
        "community/thread.html",
        {
            "access": access,
            "thread": thread,
            "page": page,
            "posts": posts,
            "first_id": first_id,
            "flagged": selectors.flagged_by(access.member, posts),
            "following": selectors.follows(access.member, thread),
            "reply_form": reply_form or ReplyForm(),
            "problem": problem,
        },
        status=status,
    )


@community_required()
def community_thread(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    return _thread_page(request, access, pk)


@require_POST
@community_required(post=True)
def community_reply(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, access, pk, reply_form=form, status=400)
    try:
        post = services.reply(
            user=request.user, thread_id=pk, body=form.cleaned_data["body"], request=request
        )
    except services.CommunityError as refusal:
        return _thread_page(
            request, access, pk, reply_form=form, problem=refusal.message, status=400
        )
    messages.success(request, _("Your reply is posted."))
    return redirect(_post_url(post))


def _post_url(post: Post) -> str:
    count = Post.objects.filter(thread_id=post.thread_id, created_at__lt=post.created_at).count()
    page = count // POSTS_PER_PAGE + 1
    url = reverse("apply:community-thread", args=[post.thread_id])
    return f"{url}?page={page}#post-{post.pk}" if page > 1 else f"{url}#post-{post.pk}"


@community_required(post=True)
def community_new(request: HttpRequest, access: Access) -> HttpResponse:
    form = ThreadForm(request.POST or None, initial={"topic": request.GET.get("topic", "")})
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_start(
                user=request.user,
                topic=form.cleaned_data["topic"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                request=request,
            )
        except services.CommunityError as refusal:
            if refusal.field in form.fields:
                form.add_error(refusal.field, refusal.message)
            else:
                problem = refusal.message
        else:
            messages.success(request, _("Your thread is posted."))
            return redirect("apply:community-thread", pk=thread.pk)
    return render(
        request,
        "community/new.html",
        {"access": access, "form": form, "problem": problem},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@community_required(post=True)
def community_flag(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    post = Post.objects.filter(pk=pk).only("pk", "thread_id").first()
    if post is None:
        raise Http404
    services.post_flag(
        user=request.user, post_id=pk, reason=request.POST.get("reason", ""), request=request
    )
    messages.success(request, _("Thank you: the moderators will look at this message."))
    return redirect(_post_url(post))


@require_POST
@community_required(post=True)
def community_follow(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    follow = request.POST.get("follow") == "1"
    services.follow_set(user=request.user, thread_id=pk, follow=follow)
    if follow:
        messages.success(request, _("You follow this thread."))
    else:
        messages.success(request, _("You no longer follow this thread."))
    return redirect("apply:community-thread", pk=pk)


@login_required
def community_join(request: HttpRequest) -> HttpResponse:
    """Joining (a display name, the code of conduct, the digest; a former intern: staying on)
    — or changing these later."""
    access = access_of(request.user)
    if not access.may_join:
        raise Http404
    former = access.standing == Standing.FORMER
    member = access.member
    initial = (
        {
            "display_name": member.display_name,
            "accept_code": True,
            "digest": member.digest,
            "former_opt_in": member.former_opt_in,
        }
        if member
        else {}
    )
    form = JoinForm(request.POST or None, initial=initial, former=former)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_join(
                user=request.user,
                display_name=form.cleaned_data["display_name"],
                accept_code=form.cleaned_data["accept_code"],
                digest=form.cleaned_data["digest"],
                former_opt_in=bool(form.cleaned_data.get("former_opt_in")),
                request=request,
            )
        except services.CommunityError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            if former and not form.cleaned_data.get("former_opt_in"):
                messages.info(request, _("Your choices are saved. The board stays closed to you."))
                return redirect("apply:dashboard")
            messages.success(request, _("Welcome to the community of interns."))
            return redirect("apply:community")
    return render(
        request,
        "community/join.html",
        {"form": form, "member": member, "former": former},
        status=400 if request.method == "POST" else 200,
    )


@csrf_exempt  # RFC 8058 one-click: mail providers POST without a session; the token authorises
def community_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The digest's unsubscribe link: works signed out (the signed token is the authority); a
    button stops the digest (link scanners only GET)."""
    member = services.member_from_digest_token(token)
    if member is None:
        return render(request, "community/link_invalid.html", status=404)
    if request.method == "POST":
        services.digest_stop(member=member, request=request)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(
                _("You will no longer receive the community digest."),
                content_type="text/plain; charset=utf-8",
            )
        return render(request, "community/unsubscribed.html")
    return render(request, "community/unsubscribe.html", {"member": member})
