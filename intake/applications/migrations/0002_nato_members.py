"""NATO's 32 member countries with the dates they joined (data, edited in the admin)."""

from datetime import date

from django.db import migrations

FOUNDED = date(1949, 8, 24)  # the North Atlantic Treaty entered into force
MEMBERS = {
    "BE": FOUNDED, "CA": FOUNDED, "DK": FOUNDED, "FR": FOUNDED, "IS": FOUNDED, "IT": FOUNDED,
    "LU": FOUNDED, "NL": FOUNDED, "NO": FOUNDED, "PT": FOUNDED, "GB": FOUNDED, "US": FOUNDED,
    "GR": date(1952, 2, 18), "TR": date(1952, 2, 18), "DE": date(1955, 5, 6), "ES": date(1982, 5, 30),
    "CZ": date(1999, 3, 12), "HU": date(1999, 3, 12), "PL": date(1999, 3, 12),
    "BG": date(2004, 3, 29), "EE": date(2004, 3, 29), "LV": date(2004, 3, 29), "LT": date(2004, 3, 29),
    "RO": date(2004, 3, 29), "SK": date(2004, 3, 29), "SI": date(2004, 3, 29),
    "AL": date(2009, 4, 1), "HR": date(2009, 4, 1), "ME": date(2017, 6, 5), "MK": date(2020, 3, 27),
    "FI": date(2023, 4, 4), "SE": date(2024, 3, 7),
}


def seed(apps, schema_editor):
    MemberCountry = apps.get_model("applications", "MemberCountry")
    for code, joined in MEMBERS.items():
        MemberCountry.objects.get_or_create(code=code, defaults={"joined_on": joined})


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
