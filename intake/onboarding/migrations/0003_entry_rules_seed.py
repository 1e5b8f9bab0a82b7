"""The entry rules the seed names, through onboarding.seed.entry_rules_seed (idempotent). The
"contact" rows 0002 wrote for the members the seed does not name (GB, NO, IS, ME, MK) say no
more than the default does: those never edited go, so the rules screen shows them as
"default" until the P&I officer gives them a rule of their own."""

from django.db import migrations

UNNAMED = ("GB", "NO", "IS", "ME", "MK")


def seed(apps, schema_editor):
    from intake.onboarding.seed import entry_rules_seed

    EntryRule = apps.get_model("onboarding", "EntryRule")
    entry_rules_seed(EntryRule)
    EntryRule.objects.filter(
        country__in=UNNAMED,
        kind="contact",
        updated_by__isnull=True,
        note_en="",
        note_fr="",
        changes__isnull=True,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0002_entry_rules")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
