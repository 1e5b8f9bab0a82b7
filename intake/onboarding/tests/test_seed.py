"""The entry rules' seed: the rules the programme's text names, once, leaving edits alone."""

from __future__ import annotations

import pytest

from intake.onboarding.models import EntryRule, RuleKind
from intake.onboarding.rules import EU_MEMBERS
from intake.onboarding.seed import entry_rules_seed

pytestmark = pytest.mark.django_db


def test_the_migrated_database_holds_the_named_rules_and_no_row_for_the_others():
    kinds = dict(EntryRule.objects.values_list("country", "kind"))

    assert {c for c, k in kinds.items() if k == RuleKind.NO_VISA} == set(EU_MEMBERS)
    assert len(EU_MEMBERS) == 27
    assert {c for c, k in kinds.items() if k == RuleKind.TRAVEL_DIRECTLY} == {"AL", "CA", "US"}
    assert {c for c, k in kinds.items() if k == RuleKind.TOURIST_VISA} == {"TR"}
    assert EntryRule.objects.get(country="TR").visa_lead_days == 60
    assert not EntryRule.objects.filter(country__in=["GB", "NO", "IS", "ME", "MK"]).exists()


def test_seeding_again_creates_nothing_and_keeps_an_edited_rule():
    EntryRule.objects.filter(country="TR").update(visa_lead_days=90, note_en="Apply early.")

    assert entry_rules_seed() == 0
    assert entry_rules_seed() == 0

    rule = EntryRule.objects.get(country="TR")
    assert (rule.visa_lead_days, rule.note_en) == (90, "Apply early.")
    assert EntryRule.objects.count() == 31


def test_it_recreates_a_missing_rule():
    EntryRule.objects.filter(country="US").delete()

    assert entry_rules_seed() == 1
    assert EntryRule.objects.get(country="US").kind == RuleKind.TRAVEL_DIRECTLY
