from django.core.mail.backends.base import BaseEmailBackend


class BrokenBackend(BaseEmailBackend):
    """A relay that refuses every message (stands in for an SMTP outage)."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("relay refused the connection")
