"""A visitor watches a video (the player fetches it by ranges and can seek) and downloads it."""

from __future__ import annotations

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from intake.content.forms import VideoForm
from intake.content.models import Video
from intake.content.services import content_save

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RECORD_WEBM = """
async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 160; canvas.height = 120;
  const ctx = canvas.getContext('2d');
  const stream = canvas.captureStream(25);
  const recorder = new MediaRecorder(stream, {mimeType: 'video/webm'});
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  recorder.start(100);
  for (let i = 0; i < 40; i++) {
    ctx.fillStyle = `hsl(${i * 9}, 80%, 50%)`; ctx.fillRect(0, 0, 160, 120);
    await new Promise(r => setTimeout(r, 40));
  }
  recorder.stop();
  await new Promise(r => recorder.onstop = r);
  const buffer = await new Blob(chunks, {type: 'video/webm'}).arrayBuffer();
  let binary = ''; const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}
"""


def test_watch_and_download_a_video(page, live_server, axe_check, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page.goto("/")
    webm = base64.b64decode(page.evaluate(RECORD_WEBM))  # a real video, recorded by Chromium
    vtt = b"WEBVTT\n\n00:00.000 --> 00:01.000\nWelcome to NATO\n"
    form = VideoForm(
        {
            "slug": "welcome",
            "title_en": "Welcome to the programme",
            "title_fr": "Bienvenue",
            "language": "en",
            "description_en": "A short welcome.",
            "published": "on",
        },
        {
            "file": SimpleUploadedFile("w.webm", webm),
            "captions_en": SimpleUploadedFile("en.vtt", vtt),
        },
    )
    assert form.is_valid(), form.errors
    content_save(obj=form.save(commit=False), actor=None)

    statuses: list[int] = []
    page.on(
        "response",
        lambda r: statuses.append(r.status) if "/videos/welcome/watch" in r.url else None,
    )
    page.goto("/videos/")
    axe_check(page)
    player = page.locator("video.video-player")
    page.wait_for_function("() => document.querySelector('video.video-player').readyState >= 1")
    assert player.evaluate("v => v.textTracks.length") == 1
    player.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('video.video-player').currentTime > 0.2")
    player.evaluate("v => { v.currentTime = 0.1; }")
    page.wait_for_function("() => !document.querySelector('video.video-player').seeking")
    assert 206 in statuses  # the player asked for byte ranges and got them

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the video").click()
    download = info.value
    assert download.suggested_filename == "welcome.webm"
    with open(download.path(), "rb") as saved:
        assert saved.read() == webm
    assert Video.objects.get().download_count == 1
