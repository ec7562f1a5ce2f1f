from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cptdesk.accounts.models import Practice
from cptdesk.codes import actions
from cptdesk.codes.choices import DataKind
from cptdesk.lib.inputerrors import InputFileError
from cptdesk.lib.progress import LineProgress


class Command(BaseCommand):
    help = "Load a reference file in its official format as the current release."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=DataKind.values, help="which data set")
        parser.add_argument("file", help="path of the file")
        parser.add_argument(
            "--label", help="release name (default: from the file name)"
        )
        parser.add_argument(
            "--practice",
            help="practice name; required for cpt, the licensed descriptors",
        )

    def handle(self, *args, **options):
        practice = self.find_practice(options)
        keep_description = bool(practice and practice.cpt_licence_declared)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"File not found: {path}")
        progress = LineProgress(path, f"Loading {options['kind']}")
        try:
            result = actions.import_reference_file(
                options["kind"],
                path,
                practice=practice,
                label=options["label"],
                progress=progress,
                keep_description=keep_description,
            )
        except InputFileError as error:
            raise CommandError(f"{error} Nothing was loaded.") from error
        finally:
            progress.close()
        self.stdout.write(result.message)

    def find_practice(self, options):
        name = options["practice"]
        if options["kind"] != DataKind.CPT:
            return Practice.objects.filter(name=name).first() if name else None
        if not name:
            raise CommandError(
                "CPT descriptors belong to a practice: add --practice NAME"
            )
        practice = Practice.objects.filter(name=name).first()
        if practice is None:
            raise CommandError(f"No practice named {name!r}")
        if not practice.cpt_licence_declared:
            raise CommandError(
                f"{name} has not declared a CPT licence; a practice administrator "
                "declares it on the Reference data page before CPT text is loaded"
            )
        return practice
