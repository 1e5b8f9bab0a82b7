"""The 32 member countries' clearance authorities and delegations (generic names; the clearance
officer edits them). Delegations sit at NATO Headquarters in Brussels."""

from django.db import migrations

# code: (English name, French name with its article: "du Portugal", "de la France", ...)
MEMBERS = {
    "AL": ("Albania", "de l’Albanie"),
    "BE": ("Belgium", "de la Belgique"),
    "BG": ("Bulgaria", "de la Bulgarie"),
    "CA": ("Canada", "du Canada"),
    "HR": ("Croatia", "de la Croatie"),
    "CZ": ("Czechia", "de la Tchéquie"),
    "DK": ("Denmark", "du Danemark"),
    "EE": ("Estonia", "de l’Estonie"),
    "FI": ("Finland", "de la Finlande"),
    "FR": ("France", "de la France"),
    "DE": ("Germany", "de l’Allemagne"),
    "GR": ("Greece", "de la Grèce"),
    "HU": ("Hungary", "de la Hongrie"),
    "IS": ("Iceland", "de l’Islande"),
    "IT": ("Italy", "de l’Italie"),
    "LV": ("Latvia", "de la Lettonie"),
    "LT": ("Lithuania", "de la Lituanie"),
    "LU": ("Luxembourg", "du Luxembourg"),
    "ME": ("Montenegro", "du Monténégro"),
    "NL": ("the Netherlands", "des Pays-Bas"),
    "MK": ("North Macedonia", "de la Macédoine du Nord"),
    "NO": ("Norway", "de la Norvège"),
    "PL": ("Poland", "de la Pologne"),
    "PT": ("Portugal", "du Portugal"),
    "RO": ("Romania", "de la Roumanie"),
    "SK": ("Slovakia", "de la Slovaquie"),
    "SI": ("Slovenia", "de la Slovénie"),
    "ES": ("Spain", "de l’Espagne"),
    "SE": ("Sweden", "de la Suède"),
    "TR": ("Türkiye", "de la Türkiye"),
    "GB": ("the United Kingdom", "du Royaume-Uni"),
    "US": ("the United States", "des États-Unis"),
}
ADDRESS = "NATO Headquarters\nBoulevard Léopold III\n1110 Brussels\nBelgium"


def seed(apps, schema_editor):
    ClearanceAuthority = apps.get_model("placements", "ClearanceAuthority")
    for code, (english, french) in MEMBERS.items():
        ClearanceAuthority.objects.get_or_create(
            country=code,
            defaults={
                "authority_en": f"National Security Authority of {english}",
                "authority_fr": f"Autorité nationale de sécurité {french}",
                "delegation_en": f"Delegation of {english} to NATO",
                "delegation_fr": f"Délégation {french} auprès de l’OTAN",
                "delegation_address": ADDRESS,
                "duration_min_months": 6,
                "duration_max_months": 8,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("placements", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
