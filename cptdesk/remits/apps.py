from django.apps import AppConfig


class RemitsConfig(AppConfig):
    name = "cptdesk.remits"
    label = "remits"
