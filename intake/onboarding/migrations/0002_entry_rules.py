"""The entry rules the programme's FAQ states (the P&I officer edits them): the European Union's
citizens need no visa; Albanian, Canadian and US interns travel directly (P&I contacts them);
Turkish interns request a tourist visa before booking travel through the NATO Travel Agency; the
other members (the United Kingdom, Norway, Iceland, Montenegro, North Macedonia): P&I contacts
them with the rule that applies."""

from django.db import migrations

EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
RULES = {
    **{code: "no_visa" for code in EU},
    "AL": "travel_directly",
    "CA": "travel_directly",
    "US": "travel_directly",
    "TR": "tourist_visa",
    "GB": "contact",
    "NO": "contact",
    "IS": "contact",
    "ME": "contact",
    "MK": "contact",
}


def seed(apps, schema_editor):
    EntryRule = apps.get_model("onboarding", "EntryRule")
    for country, kind in RULES.items():
        EntryRule.objects.get_or_create(country=country, defaults={"kind": kind})


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
