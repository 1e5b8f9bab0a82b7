from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from intake.programme import services
from intake.programme.models import Call, FieldOfStudy, OrganisationalUnit, Vacancy

BRUSSELS = ZoneInfo("Europe/Brussels")


def make_call(year: int = 2027, **fields) -> Call:
    return services.call_create(
        year=year,
        opens_at=fields.pop("opens_at", datetime(year, 4, 1, tzinfo=BRUSSELS)),
        closes_at=fields.pop("closes_at", datetime(year, 5, 31, 23, 59, 59, tzinfo=BRUSSELS)),
        **fields,
    )


def make_unit(code: str = "pdd", **fields) -> OrganisationalUnit:
    defaults = {"kind": "is_division", "name_en": f"Unit {code}", "name_fr": f"Unité {code}"}
    defaults.update(fields)
    return OrganisationalUnit.objects.create(code=code, **defaults)


def make_field(code: str = "law") -> FieldOfStudy:
    return FieldOfStudy.objects.get_or_create(
        code=code, defaults={"name_en": code.title(), "name_fr": code.title()}
    )[0]


def make_vacancy(
    call: Call, unit: OrganisationalUnit, reference: str = "PDD-01", publish: bool = True, **fields
) -> Vacancy:
    data = {
        "title_en": "Press intern",
        "title_fr": "Stagiaire presse",
        "description_en": "Media work.",
        "description_fr": "Travail avec les médias.",
        "tasks_en": "Monitoring.",
        "tasks_fr": "Veille.",
    }
    data.update(fields)
    vacancy = services.vacancy_create(call=call, unit=unit, reference=reference, **data)
    if publish:
        services.vacancy_set_status(vacancy=vacancy, to=Vacancy.Status.PUBLISHED)
    return vacancy
