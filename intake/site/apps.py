from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Composition above every app: the home page, the worker's list of sweeps, demo seeding."""

    name = "intake.site"
    label = "intake_site"
