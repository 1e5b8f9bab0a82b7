"""The development mailbox transport: delivered mail is stored for /dev/mailbox/ and echoed."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

from intake.core.models import DevMailMessage


class DevMailboxBackend(BaseEmailBackend):
    def __init__(self, *, echo: bool = True, delay: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.echo = echo
        self.delay = delay  # seconds per message: lets a test stand in for a slow relay

    def send_messages(self, email_messages: Any) -> int:
        count = 0
        for message in email_messages:
            if self.delay:
                time.sleep(self.delay)
            html = ""
            for content, mimetype in getattr(message, "alternatives", []):
                if mimetype == "text/html":
                    html = str(content)
            DevMailMessage.objects.create(
                message_id=str(message.extra_headers.get("Message-ID", "")),
                to=", ".join(message.to),
                subject=str(message.subject),
                text_body=str(message.body),
                html_body=html,
                headers={k: str(v) for k, v in message.extra_headers.items()},
            )
            if self.echo:
                to = ", ".join(message.to)
                sys.stdout.write(f"\n--- email to {to}: {message.subject}\n{message.body}\n---\n")
                sys.stdout.flush()
            count += 1
        return count
