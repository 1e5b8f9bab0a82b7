from __future__ import annotations

from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from intake.content.selectors import Stipend, fill_facts

register = template.Library()


@register.filter
def with_facts(text: str, stipend: Stipend | None) -> str:
    """Staff-written text with its facts filled in, as escaped paragraphs."""
    return mark_safe(linebreaks(fill_facts(text or "", stipend), autoescape=True))
