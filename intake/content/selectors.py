from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import get_language

from intake.content.models import FaqEntry, FaqTopic, StipendRate


@dataclass(frozen=True)
class Stipend:
    year: int
    amount: Decimal

    def formatted(self) -> str:
        amount = number_format(self.amount, decimal_pos=0, use_l10n=True, force_grouping=True)
        return f"EUR {amount}"


def stipend_current() -> Stipend | None:
    rate = StipendRate.objects.order_by("-year").first()
    return Stipend(year=rate.year, amount=rate.monthly_amount) if rate else None


def fill_facts(text: str, stipend: Stipend | None) -> str:
    """Replaces {stipend} and {stipend_year} in staff-written text."""
    if stipend is None:
        return text
    return text.replace("{stipend}", stipend.formatted()).replace(
        "{stipend_year}", str(stipend.year)
    )


def faq_topics(*, q: str = "") -> list[FaqTopic]:
    """Topics with their published entries (matching `q` when given), in two queries."""
    entries: QuerySet[FaqEntry] = FaqEntry.objects.filter(published=True)
    terms = [t for t in q.split() if t][:8]
    for term in terms:
        entries = entries.filter(
            Q(question_en__icontains=term)
            | Q(question_fr__icontains=term)
            | Q(answer_en__icontains=term)
            | Q(answer_fr__icontains=term)
        )
    topics = FaqTopic.objects.prefetch_related(
        Prefetch("entries", queryset=entries, to_attr="shown")
    )
    return [topic for topic in topics if topic.shown]


def language() -> str:
    return (get_language() or "en")[:2]
