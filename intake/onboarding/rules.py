"""The entry rules, pure (no database): which of an intern's nationalities gives the most
favourable rule, and whether they need the special identity card (decision 0016)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from intake.onboarding.models import RuleKind

# The order of favour: an EU passport wins over travelling directly, which wins over a rule
# still to be told by P&I, which wins over a visa.
FAVOUR: tuple[str, ...] = (
    RuleKind.NO_VISA,
    RuleKind.TRAVEL_DIRECTLY,
    RuleKind.CONTACT,
    RuleKind.TOURIST_VISA,
)
# A nationality the rule table does not name: P&I will contact the intern.
DEFAULT_KIND = RuleKind.CONTACT
# Only Belgian nationals are exempt from the special identity card (a second nationality does
# not change it).
ID_CARD_EXEMPT = frozenset({"BE"})

# The European Union's 27 members (free movement: no visa to enter or live in Belgium).
EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Applied:
    nationality: str
    kind: str


def rule_applied(nationalities: Sequence[str], kinds: Mapping[str, str]) -> Applied:
    """The most favourable rule one of the nationalities allows (``kinds``: nationality → rule
    kind, from the table); ties go to the nationality declared first. No nationality: the
    default."""
    best: Applied | None = None
    for code in nationalities:
        kind = kinds.get(code, DEFAULT_KIND)
        if best is None or FAVOUR.index(kind) < FAVOUR.index(best.kind):
            best = Applied(nationality=code, kind=kind)
    return best or Applied(nationality="", kind=DEFAULT_KIND)


def id_card_required(nationalities: Sequence[str]) -> bool:
    return not (set(nationalities) & ID_CARD_EXEMPT)
