"""Seeds N published vacancies in the current call (for the public-pages benchmark).

Run through bench/public_pages.sh, which points DATABASE_URL at a scratch database.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from intake.programme import services  # noqa: E402
from intake.programme.demo import seed_programme  # noqa: E402
from intake.programme.models import FieldOfStudy, OrganisationalUnit, Vacancy  # noqa: E402


def main(total: int) -> None:
    call = seed_programme()
    units = list(OrganisationalUnit.objects.all())
    fields = list(FieldOfStudy.objects.all())
    existing = Vacancy.objects.filter(call=call).count()
    for i in range(existing, total):
        unit = units[i % len(units)]
        vacancy = services.vacancy_create(
            call=call,
            unit=unit,
            reference=f"B-{i:04d}",
            title_en=f"Policy intern {i}",
            title_fr=f"Stagiaire politique {i}",
            description_en="Research, drafting and analysis. " * 20,
            description_fr="Recherche, rédaction et analyse. " * 20,
            tasks_en="Tasks. " * 10,
            tasks_fr="Tâches. " * 10,
            intake=["march", "september", "either"][i % 3],
            telework=i % 2 == 0,
            languages=[("en", "C1", True), ("fr", "B2", False)],
            fields_of_study=[fields[i % len(fields)]],
        )
        services.vacancy_set_status(vacancy=vacancy, to=Vacancy.Status.PUBLISHED)
    print(f"{Vacancy.objects.filter(call=call, status='published').count()} published vacancies")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
