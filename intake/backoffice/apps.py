from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "intake.backoffice"
    label = "backoffice"
