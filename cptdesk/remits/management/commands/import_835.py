import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cptdesk.accounts.models import Practice
from cptdesk.lib.progress import SHOW_FROM_BYTES
from cptdesk.remits.actions import import_835
from cptdesk.remits.x12 import RemittanceError


class ClaimProgress:
    """A tqdm bar over the claims written, shown only for large files."""

    def __init__(self, path):
        self.bar = None
        if path.stat().st_size >= SHOW_FROM_BYTES:
            self.bar = tqdm(
                desc=f"Posting {path.name}",
                unit=" claims",
                file=sys.stderr,
                leave=False,
            )

    def __call__(self, claims_written):
        if self.bar is not None:
            self.bar.update(claims_written - self.bar.n)

    def close(self):
        if self.bar is not None:
            self.bar.close()


class Command(BaseCommand):
    help = (
        "Import X12 835 remittance files. Each file imports in one transaction; a "
        "remittance already imported (same payer and trace number) is not posted "
        "again."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="835 files to import")
        parser.add_argument(
            "--practice",
            help="name of the practice that receives the remittances; needed when "
            "the install has more than one practice",
        )
        parser.add_argument(
            "--json", action="store_true", help="print the import reports as JSON"
        )

    def handle(self, *args, **options):
        practice = self.find_practice(options["practice"])
        paths = [Path(name) for name in options["files"]]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"File not found: {path}")

        reports = []
        for path in paths:
            outcome = self.import_file(path, practice)
            reports.append(outcome.to_dict())
            if not options["json"]:
                self.stdout.write(outcome.message)
        if options["json"]:
            self.stdout.write(json.dumps(reports, indent=2))

    def import_file(self, path, practice):
        progress = ClaimProgress(path)
        try:
            return import_835(path.read_bytes(), str(path), practice, progress=progress)
        except RemittanceError as error:
            raise CommandError(f"{error} Nothing was imported from it.") from error
        finally:
            progress.close()

    def find_practice(self, name):
        if name:
            practice = Practice.objects.filter(name=name).first()
            if practice is None:
                raise CommandError(f"No practice named {name!r}")
            return practice
        practices = list(Practice.objects.all()[:2])
        if len(practices) == 1:
            return practices[0]
        if not practices:
            raise CommandError("No practice exists yet; run `cptdesk setup` first")
        raise CommandError("This install has several practices: add --practice NAME")
