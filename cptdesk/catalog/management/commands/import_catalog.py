from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cptdesk.catalog.actions import import_catalog
from cptdesk.lib.inputerrors import InputFileError

from ._practice import practice_named


class Command(BaseCommand):
    help = "Add or update a practice's services from a catalog CSV or YAML file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (.csv) or YAML (.yaml, .yml) file")
        parser.add_argument("--practice", required=True, help="practice name")

    def handle(self, *args, **options):
        practice = practice_named(options["practice"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"File not found: {path}")
        try:
            result = import_catalog(practice, path)
        except InputFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        self.stdout.write(result.message)
