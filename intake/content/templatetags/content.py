from __future__ import annotations

from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from intake.content.selectors import PublicFacts, fill_facts

register = template.Library()


@register.filter
def with_facts(text: str, facts: PublicFacts | None) -> str:
    """Staff-written text with its facts filled in, as escaped paragraphs."""
    filled = fill_facts(text or "", facts.stipend, facts.call) if facts else text or ""
    return mark_safe(linebreaks(filled, autoescape=True))
