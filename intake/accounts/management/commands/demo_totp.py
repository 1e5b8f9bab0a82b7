from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo staff accounts (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.INTAKE_DEMO:
            raise CommandError("Only in demo mode.")
        from intake.accounts.demo import demo_totp_code

        self.stdout.write(demo_totp_code())
