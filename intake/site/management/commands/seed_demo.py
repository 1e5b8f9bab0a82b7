"""Demo data for `make run`: one applicant and one account per staff role (idempotent).

Demo passwords exist only in demo mode (INTAKE_DEMO=true); staff accounts come with a TOTP
authenticator whose current code `manage.py demo_totp EMAIL` prints.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intake.accounts.models import User
from intake.accounts.roles import Role

DEMO_PASSWORD = "Intake-Demo-2026!"
DEMO_ACCOUNTS = [
    ("applicant@demo.intake.test", "Alex", "Martin", "en", Role.APPLICANT),
    ("office@demo.intake.test", "Olivia", "Dubois", "fr", Role.PROGRAMME_OFFICE),
    ("manager@demo.intake.test", "Hugo", "Jansen", "en", Role.HIRING_MANAGER),
    ("clearance@demo.intake.test", "Chloé", "Novak", "fr", Role.CLEARANCE_OFFICER),
    ("delegation@demo.intake.test", "Rui", "Sousa", "en", Role.DELEGATION),
    ("pi@demo.intake.test", "Piotr", "Kowalski", "en", Role.PI_OFFICER),
    ("recruiter@demo.intake.test", "Rita", "Silva", "en", Role.TEMP_RECRUITER),
    ("admin@demo.intake.test", "Ada", "Lindqvist", "en", Role.ADMINISTRATOR),
]


class Command(BaseCommand):
    help = "Create the demo accounts (demo mode only) and print them."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--print-only", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.INTAKE_DEMO:
            raise CommandError("Demo accounts exist only in demo mode (INTAKE_DEMO=true).")
        from intake.accounts.demo import demo_totp_secret, ensure_demo_account

        if not options["print_only"]:
            from intake.programme.demo import seed_programme

            seed_programme()
            for email, first, last, lang, role in DEMO_ACCOUNTS:
                ensure_demo_account(
                    email=email,
                    first_name=first,
                    last_name=last,
                    language=lang,
                    role=role,
                    password=DEMO_PASSWORD,
                )
            from intake.applications.demo import seed_applicant

            seed_applicant(User.objects.get(email=DEMO_ACCOUNTS[0][0]))
            from intake.programme.selectors import call_current
            from intake.selection.demo import seed_selection

            current = call_current()
            if current is not None:
                seed_selection(current=current, password=DEMO_PASSWORD)
                from intake.placements.demo import seed_delegation, seed_placements
                from intake.programme.models import Call

                last_year = Call.objects.filter(year=current.year - 1).first()
                if last_year is not None:
                    seed_placements(call=last_year, password=DEMO_PASSWORD)
                    from intake.onboarding.demo import seed_arrivals

                    seed_arrivals(call=last_year, password=DEMO_PASSWORD)
                    from intake.applications.search import search_entries_refresh

                    search_entries_refresh()  # the arrivals' interns searchable at once
                seed_delegation()
            from intake.community.demo import seed_community

            seed_community()
            return
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        for email, _first, _last, _lang, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {Role(role).label:<45} {email}")
        self.stdout.write(
            "Staff also need a TOTP code: `.venv/bin/python manage.py demo_totp` prints it "
            f"(secret for an authenticator app: {demo_totp_secret()})."
        )
        self.stdout.write(
            f"Emails are listed at {settings.SITE_URL}/dev/mailbox/ and printed here.\n"
        )
        if not User.objects.filter(email=DEMO_ACCOUNTS[0][0]).exists():
            self.stdout.write("(Run `make run` to create them.)")
