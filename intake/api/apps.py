from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "intake.api"
    label = "api"
