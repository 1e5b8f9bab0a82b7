"""Compiles every .po file to .mo with Babel, so no GNU gettext is needed to run Intake."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile .po translation files to .mo (pure Python, no gettext needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        roots = [Path(p) for p in settings.LOCALE_PATHS] + [settings.BASE_DIR / "intake"]
        count = 0
        for root in roots:
            for po_path in sorted(root.glob("**/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                with po_path.open("rb") as po_file:
                    catalog = read_po(po_file)
                with mo_path.open("wb") as mo_file:
                    write_mo(mo_file, catalog)
                count += 1
        self.stdout.write(f"Compiled {count} translation catalogue(s).")
