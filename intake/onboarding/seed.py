"""The entry rules the programme's own text names (decision 0016), as data the P&I officer then
edits: the European Union's members need no visa; Albanian, Canadian and US interns travel
directly (P&I contacts them); Turkish interns request a tourist visa (60 days before the start)
before booking travel through the NATO Travel Agency. Every other nationality has no row and
follows the default (rules.DEFAULT_KIND: P&I contacts the intern with the rule that applies)."""

from __future__ import annotations

from typing import Any

from intake.onboarding.models import RuleKind
from intake.onboarding.rules import EU_MEMBERS

TOURIST_VISA_LEAD_DAYS = 60
SEEDED: dict[str, str] = {
    **{code: RuleKind.NO_VISA for code in sorted(EU_MEMBERS)},
    "AL": RuleKind.TRAVEL_DIRECTLY,
    "CA": RuleKind.TRAVEL_DIRECTLY,
    "US": RuleKind.TRAVEL_DIRECTLY,
    "TR": RuleKind.TOURIST_VISA,
}


def entry_rules_seed(model: Any = None) -> int:
    """Creates the rules above that do not exist yet (an edited rule is left as it is); safe to
    run twice. `model`: the migration's historical EntryRule (the real one by default). Returns
    how many rows it created."""
    if model is None:
        from intake.onboarding.models import EntryRule as model
    created = 0
    for country, kind in SEEDED.items():
        _rule, new = model.objects.get_or_create(
            country=country,
            defaults={"kind": str(kind), "visa_lead_days": TOURIST_VISA_LEAD_DAYS},
        )
        created += int(new)
    return created
