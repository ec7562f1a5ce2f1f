from django.apps import AppConfig


class CodesConfig(AppConfig):
    name = "cptdesk.codes"
    label = "codes"
