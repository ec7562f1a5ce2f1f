from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cptdesk.catalog.actions import import_rule_pack
from cptdesk.lib.inputerrors import InputFileError

from ._practice import practice_named


class Command(BaseCommand):
    help = "Import a rule pack from a CSV or YAML file, replacing the pack's rules."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (.csv) or YAML (.yaml, .yml) file")
        parser.add_argument("--practice", required=True, help="practice name")
        parser.add_argument(
            "--name", default="", help="pack name (default: from the file)"
        )

    def handle(self, *args, **options):
        practice = practice_named(options["practice"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"File not found: {path}")
        try:
            result = import_rule_pack(practice, path, options["name"])
        except InputFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        self.stdout.write(result.message)
