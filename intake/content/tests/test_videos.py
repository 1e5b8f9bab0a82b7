from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intake.accounts.roles import Role
from intake.content.forms import VideoForm
from intake.content.models import Video
from intake.content.services import content_save

pytestmark = pytest.mark.django_db

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 40  # 10,264 bytes
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nBienvenue à l'OTAN\n".encode()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(
    name: str, data: bytes, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_video(slug: str = "welcome", **files) -> Video:
    data = {
        "slug": slug,
        "title_en": "Welcome",
        "title_fr": "Bienvenue",
        "language": "en",
        "published": "on",
    }
    form = VideoForm(data, {"file": upload("w.mp4", MP4), **files})
    assert form.is_valid(), form.errors
    return content_save(obj=form.save(commit=False), actor=None)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_whole_video_is_streamed_with_accept_ranges(client):
    video = make_video()
    response = client.get(reverse("content:video-file", args=[video.slug, "watch"]))
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Length"] == str(len(MP4))
    assert response.streaming
    assert body(response) == MP4


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-0", 0, 0),
        ("bytes=100-199", 100, 199),
        ("bytes=-500", len(MP4) - 500, len(MP4) - 1),
        ("bytes=10000-", 10000, len(MP4) - 1),
        ("bytes=10000-99999999", 10000, len(MP4) - 1),
    ],
)
def test_range_requests_return_206_with_the_right_bytes(client, header, start, end):
    video = make_video()
    response = client.get(
        reverse("content:video-file", args=[video.slug, "watch"]), HTTP_RANGE=header
    )
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(MP4)}"
    assert response["Content-Length"] == str(end - start + 1)
    assert body(response) == MP4[start : end + 1]


@pytest.mark.parametrize(
    "header", ["bytes=99999-", "bytes=500-100", "bytes=-0", "bytes=abc", "bytes=-"]
)
def test_an_unsatisfiable_range_is_a_416(client, header):
    video = make_video()
    response = client.get(
        reverse("content:video-file", args=[video.slug, "watch"]), HTTP_RANGE=header
    )
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(MP4)}"


def test_several_ranges_get_the_whole_file(client):
    video = make_video()
    response = client.get(
        reverse("content:video-file", args=[video.slug, "watch"]), HTTP_RANGE="bytes=0-1,5-6"
    )
    assert response.status_code == 200
    assert body(response) == MP4


def test_a_download_has_a_proper_name_and_is_counted_once_per_download(client):
    video = make_video()
    url = reverse("content:video-file", args=[video.slug, "download"])
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="welcome.mp4"'
    body(response)
    client.get(url, HTTP_RANGE="bytes=0-")  # a player's first request
    client.get(url, HTTP_RANGE="bytes=5000-")  # seeking in the same download: not counted
    client.get(
        reverse("content:video-file", args=[video.slug, "watch"])
    )  # watching is not downloading
    video.refresh_from_db()
    assert video.download_count == 2


def test_poster_and_captions_are_served_with_their_types(client):
    video = make_video(poster=upload("p.png", PNG), captions_fr=upload("fr.vtt", VTT))
    poster = client.get(reverse("content:video-file", args=[video.slug, "poster"]))
    assert poster["Content-Type"] == "image/png"
    captions = client.get(reverse("content:video-file", args=[video.slug, "captions_fr"]))
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert "Bienvenue à l'OTAN" in body(captions).decode()
    assert (
        client.get(reverse("content:video-file", args=[video.slug, "captions_en"])).status_code
        == 404
    )
    assert client.get(reverse("content:video-file", args=[video.slug, "secret"])).status_code == 404


@pytest.mark.parametrize(
    ("field", "name", "data", "message"),
    [
        (
            "file",
            "movie.mp4",
            b"MZ\x90\x00 this is a renamed executable",
            "not an MP4 or WebM video",
        ),
        ("poster", "poster.png", b"<html><script>alert(1)</script>", "PNG or JPEG"),
        ("captions_en", "en.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nSRT, not VTT", "WebVTT"),
    ],
)
def test_uploads_are_checked_by_content_not_by_name(field, name, data, message):
    files = {"file": upload("w.mp4", MP4), field: upload(name, data, "video/mp4")}
    form = VideoForm({"slug": "x", "title_en": "X", "title_fr": "X", "language": "en"}, files)
    assert not form.is_valid()
    assert message in str(form.errors[field])


def test_an_unpublished_video_is_not_served(client):
    video = make_video()
    Video.objects.filter(pk=video.pk).update(published=False)
    assert client.get(reverse("content:video-file", args=[video.slug, "watch"])).status_code == 404
    assert "Welcome" not in client.get(reverse("content:videos")).content.decode()


def test_staff_upload_a_video_through_the_back_office(client, make_user):
    staff = make_user(role=Role.PROGRAMME_OFFICE)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    client.force_login(staff)
    webm = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01webm" + b"\x00" * 100
    response = client.post(
        reverse("backoffice:content-create", args=["videos"]),
        {
            "slug": "day-in-the-life",
            "title_en": "A day",
            "title_fr": "Une journée",
            "language": "fr",
            "published": "on",
            "file": upload("a.webm", webm),
        },
    )
    assert response.status_code == 302
    video = Video.objects.get()
    assert (video.content_type, video.size) == ("video/webm", len(webm))
    page = client.get(reverse("content:videos")).content.decode()
    assert '<video class="video-player" controls' in page and "Une journée" not in page


def test_a_remote_storage_serves_the_video_itself(client, settings):
    """With object storage (S3-compatible) the view counts the download and redirects to it."""
    settings.MEDIA_REDIRECT_TO_STORAGE = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.InMemoryStorage",
            "OPTIONS": {"base_url": "https://files.example.org/"},
        },
    }
    video = make_video()
    response = client.get(reverse("content:video-file", args=[video.slug, "download"]))
    assert response.status_code == 302
    assert response["Location"].startswith("https://files.example.org/videos/welcome/")
    video.refresh_from_db()
    assert video.download_count == 1


def test_s3_is_configured_from_the_environment():
    import os
    import subprocess
    import sys

    from django.conf import settings as django_settings

    env = {
        **os.environ,
        "INTAKE_ENV": "test",
        "S3_BUCKET": "intake-media",
        "S3_ENDPOINT_URL": "https://s3.example.org",
    }
    code = (
        "from django.conf import settings; import django; django.setup(); "
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["S3Storage", "intake-media", "https://s3.example.org"]
