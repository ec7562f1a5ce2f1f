from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cptdesk.accounts"
    label = "accounts"

    def ready(self):
        from axes.signals import user_locked_out

        from .lockouts import log_lockout

        user_locked_out.connect(log_lockout, dispatch_uid="cptdesk-log-lockout")
