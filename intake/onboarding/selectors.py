"""Reads of the arrivals (decision 0016): the entry rules' table as the P&I officer sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from intake.applications.selectors import members
from intake.applications.services import country_name
from intake.onboarding.models import EntryRule, EntryRuleChange, RuleKind
from intake.onboarding.rules import DEFAULT_KIND

RULE_FIELDS = ("kind", "visa_lead_days", "note_en", "note_fr")


@dataclass(frozen=True)
class RuleRow:
    """One nationality's effective rule; `rule` is None when it follows the default."""

    country: str
    name: str
    kind: str
    rule: EntryRule | None

    @property
    def is_default(self) -> bool:
        return self.rule is None

    @property
    def kind_label(self) -> str:
        return str(RuleKind(self.kind).label)

    @property
    def visa_lead_days(self) -> int | None:
        if self.kind != RuleKind.TOURIST_VISA or self.rule is None:
            return None
        return self.rule.visa_lead_days

    @property
    def changed_at(self) -> datetime | None:
        return self.rule.updated_at if self.rule is not None and self.rule.updated_by else None


def entry_rule_rows(*, kind: str = "") -> list[RuleRow]:
    """Every NATO member today and every nationality with a rule of its own (EU members outside
    NATO included), by name in the active language; two queries (the members are cached)."""
    today = timezone.localdate()
    rules = {r.country: r for r in EntryRule.objects.select_related("updated_by")}
    codes = {m.country for m in members() if m.member_on(today)} | set(rules)
    rows = [
        RuleRow(
            country=code,
            name=country_name(code),
            kind=rules[code].kind if code in rules else DEFAULT_KIND,
            rule=rules.get(code),
        )
        for code in codes
    ]
    if kind:
        rows = [row for row in rows if row.kind == kind]
    return sorted(rows, key=lambda row: row.name)


def entry_rule_row(country: str) -> RuleRow:
    rule = EntryRule.objects.select_related("updated_by").filter(country=country).first()
    return RuleRow(
        country=country,
        name=country_name(country),
        kind=rule.kind if rule else DEFAULT_KIND,
        rule=rule,
    )


@dataclass(frozen=True)
class ChangeLine:
    field: str
    before: str
    after: str


def _shown(field: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    if field == "kind":
        return str(RuleKind(value).label) if value in RuleKind.values else str(value)
    return str(value)


def rule_change_lines(change: EntryRuleChange) -> list[ChangeLine]:
    """What one change changed, field by field, in words (a first save: from nothing)."""
    return [
        ChangeLine(
            field=str(getattr(EntryRule._meta.get_field(f), "verbose_name", f)),
            before=_shown(f, change.before.get(f)),
            after=_shown(f, change.after.get(f)),
        )
        for f in RULE_FIELDS
        if change.before.get(f) != change.after.get(f)
    ]
