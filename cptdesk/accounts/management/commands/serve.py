import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Start the web app with gunicorn, serving static files through WhiteNoise."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="TCP port")
        parser.add_argument(
            "--workers", type=int, default=2, help="gunicorn worker processes"
        )

    def handle(self, *args, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable))
        if gunicorn is None:
            raise CommandError(
                "gunicorn is not installed; run `make run` to install it"
            )
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(
            f"cptdesk is running at http://{address}/ — sign in with your user name; "
            "the first administrator's password was printed by `cptdesk setup`. "
            "Press Ctrl+C to stop."
        )
        self.stdout.flush()
        os.execv(
            gunicorn,
            [
                gunicorn,
                "cptdesk.wsgi:application",
                "--bind",
                address,
                "--workers",
                str(options["workers"]),
                # A 5 MB schedule or remittance upload is checked and posted within one
                # request; the default 30 s would kill the worker in the middle of it.
                "--timeout",
                "300",
                "--access-logfile",
                "-",
                # The path without its query string: staff may type a patient's name
                # into a search box, and that must not reach the log.
                "--access-logformat",
                '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
                "--chdir",
                str(settings.BASE_DIR.parent),
            ],
        )
