"""The demo's board: a few threads in both languages, with replies and a flag; safe twice."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from intake.community.models import Flag, Member, Post, Thread


@pytest.mark.django_db
def test_the_demo_seeds_a_board_once(settings, reference_data):
    settings.INTAKE_DEMO = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    assert Thread.objects.count() == 4
    assert Post.objects.count() == 11
    assert Member.objects.count() >= 2
    assert Thread.objects.filter(title__startswith="Premier jour").exists()
    assert Flag.objects.count() == 1
    assert not Post.objects.filter(body_html="").exists()
