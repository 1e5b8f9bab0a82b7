"""iCalendar (RFC 5545) for a call's key dates: built by hand, it is a few lines of text."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from intake.programme.models import Call


def ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545, 3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        b = char.encode()
        if len(current) + len(b) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += b
    parts.append(current.decode())
    return "\r\n ".join(parts)


def ics_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def call_calendar(*, call: Call, language: str) -> str:
    with translation.override(language):
        events = [
            (
                "opens",
                call.opens_at,
                _("NATO internships: the %(year)s call opens") % {"year": call.year},
            ),
            (
                "closes",
                call.closes_at,
                _("NATO internships: deadline of the %(year)s call") % {"year": call.year},
            ),
        ]
        description = _(
            "Apply on %(site)s — applications are accepted only through the portal."
        ) % {"site": settings.SITE_URL}
    now = ics_stamp(datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Intake//NATO Internship Programme//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for key, moment, summary in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:call-{call.year}-{key}@intake",
            f"DTSTAMP:{now}",
            f"DTSTART:{ics_stamp(moment)}",
            f"DTEND:{ics_stamp(moment)}",
            f"SUMMARY:{ics_escape(summary)}",
            f"DESCRIPTION:{ics_escape(description)}",
            f"URL:{settings.SITE_URL}/vacancies/",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(ics_fold(line) for line in lines) + "\r\n"
