from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "intake.core"
    label = "core"
