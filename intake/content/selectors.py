from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import get_language

from intake.content.models import FaqEntry, FaqTopic, StipendRate
from intake.programme.models import Call
from intake.programme.selectors import call_current, call_window_text

# How the programme's texts state the usual window (the seeded FAQ among them): replaced by the
# current call's own dates when they differ (decision 0014).
USUAL_WINDOW_PHRASES = ("from April to May", "d'avril à mai", "d’avril à mai")


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


@dataclass(frozen=True)
class PublicFacts:
    """The facts staff-written texts may state: the stipend, the current call's window."""

    stipend: Stipend | None
    call: Call | None = None


def public_facts() -> PublicFacts:
    return PublicFacts(stipend=stipend_current(), call=call_current())


def fill_facts(text: str, stipend: Stipend | None, call: Call | None = None) -> str:
    """Replaces {stipend} and {stipend_year} in staff-written text; where it says the call
    opens "from April to May" and the current call's dates differ, says its dates instead
    (in the active language)."""
    if stipend is not None:
        text = text.replace("{stipend}", stipend.formatted()).replace(
            "{stipend_year}", str(stipend.year)
        )
    if call is not None and not call.window_is_usual():
        window = call_window_text(call)
        for phrase in USUAL_WINDOW_PHRASES:
            text = text.replace(phrase, window)
    return text


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
