from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The applicant's and intern's pages (/apply/), by area: views only, calling services."""

    name = "intake.portal"
    label = "portal"
