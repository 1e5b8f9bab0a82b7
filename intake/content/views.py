from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from intake.content import selectors
from intake.content.models import FaqEntry, Page
from intake.programme.pagecache import cache_public_page


@cache_public_page()
def faq(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "content/faq.html",
        {"topics": selectors.faq_topics(q=q), "q": q, "facts": selectors.public_facts()},
    )


@cache_public_page()
def faq_entry(request: HttpRequest, slug: str) -> HttpResponse:
    entry = get_object_or_404(FaqEntry.objects.select_related("topic"), slug=slug, published=True)
    return render(
        request, "content/faq_entry.html", {"entry": entry, "facts": selectors.public_facts()}
    )


@cache_public_page()
def page(request: HttpRequest, slug: str) -> HttpResponse:
    obj = Page.objects.filter(slug=slug).first()
    if obj is None:
        raise Http404
    return render(request, "content/page.html", {"page": obj, "facts": selectors.public_facts()})


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


@cache_public_page()
def video_list(request: HttpRequest) -> HttpResponse:
    from intake.content.models import Video

    return render(request, "content/videos.html", {"videos": Video.objects.filter(published=True)})


FIELD_TYPES = {"poster": None, "captions_en": "text/vtt", "captions_fr": "text/vtt"}


def video_file(request: HttpRequest, slug: str, part: str) -> HttpResponseBase:
    """Streams a video (watch or download), its poster or its captions, honouring Range."""
    from django.conf import settings
    from django.http import HttpResponseRedirect, StreamingHttpResponse

    from intake.content.models import Video
    from intake.content.services import video_record_download
    from intake.core.ranges import RangeNotSatisfiable, iter_file, parse_range
    from intake.core.sniff import sniff_image

    video = get_object_or_404(Video, slug=slug, published=True)
    download = part == "download"
    field = "file" if part in {"watch", "download"} else part
    if field not in {"file", *FIELD_TYPES}:
        raise Http404
    stored = getattr(video, field)
    if not stored:
        raise Http404
    storage = stored.storage
    range_header = request.headers.get("Range")
    if download and (not range_header or range_header.replace(" ", "").startswith("bytes=0-")):
        video_record_download(video=video)
    if settings.MEDIA_REDIRECT_TO_STORAGE:  # object storage (S3...) serves ranges itself
        return HttpResponseRedirect(storage.url(stored.name))
    size = storage.size(stored.name)
    if field == "file":
        content_type = video.content_type
    elif field == "poster":
        with storage.open(stored.name, "rb") as handle:
            content_type = sniff_image(handle) or "application/octet-stream"
    else:
        content_type = "text/vtt; charset=utf-8"
    try:
        byte_range = parse_range(range_header, size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    start, length = (byte_range.start, byte_range.length) if byte_range else (0, size)
    streamed = StreamingHttpResponse(
        iter_file(storage.open(stored.name, "rb"), start, length),
        status=206 if byte_range else 200,
        content_type=content_type,
    )
    streamed["Content-Length"] = str(length)
    streamed["Accept-Ranges"] = "bytes"
    if byte_range:
        streamed["Content-Range"] = f"bytes {byte_range.start}-{byte_range.end}/{size}"
    if download:
        streamed["Content-Disposition"] = f'attachment; filename="{video.download_name()}"'
    streamed["Cache-Control"] = "public, max-age=3600"
    return streamed
