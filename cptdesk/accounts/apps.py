from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cptdesk.accounts"
    label = "accounts"
