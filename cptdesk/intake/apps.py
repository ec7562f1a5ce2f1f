from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "cptdesk.intake"
    label = "intake"
