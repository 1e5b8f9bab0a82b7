from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def tr(obj: Any, field: str) -> str:
    """`{{ vacancy|tr:"title" }}`: the English or French text in the active language."""
    return obj.t(field) if obj is not None else ""


@register.filter
def in_language(texts: Any) -> str:
    """`{{ rule.reason|in_language }}`: from {"en": …, "fr": …}, the active language's text."""
    if not isinstance(texts, dict):
        return "" if texts is None else str(texts)
    from django.utils.translation import get_language

    from intake.core.typography import french_spacing

    lang = (get_language() or "en")[:2]
    text = str(texts.get(lang) or texts.get("en") or "")
    return french_spacing(text) if lang == "fr" else text


@register.simple_tag
def colon() -> str:
    """`{% translate "Status" %}{% colon %}`: ":" in English, a no-break space and ":" in
    French."""
    from django.utils.translation import get_language

    return "\u00a0:" if (get_language() or "en").startswith("fr") else ":"


@register.simple_tag(takes_context=True)
def with_next(context: Any, url: str, next_url: str | None = None) -> str:
    """`{% with_next signup_url as url %}`: the address with the page to return to (`next_url`,
    else the page's `redirect_field_value`) when it is a page of this site."""
    from urllib.parse import urlencode

    from intake.core.urls_safety import is_safe_next

    target = next_url if next_url is not None else context.get("redirect_field_value")
    if not target or not is_safe_next(target, context.get("request")):
        return url
    return f"{url}?{urlencode({'next': target})}"


@register.filter
def language_name(code: Any) -> str:
    """ "en" → "English" / "anglais": a language's name in the reader's language, not its code."""
    if not code:
        return ""
    from babel import Locale
    from django.utils.translation import get_language

    reader = (get_language() or "en")[:2]
    names = Locale(reader if reader in {"en", "fr"} else "en").languages
    return str(names.get(str(code).lower(), code))
