from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cptdesk.codes import actions
from cptdesk.codes.choices import DataKind
from cptdesk.lib.inputerrors import InputFileError
from cptdesk.lib.progress import LineProgress

from ._output import find_practice


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
        if path.is_dir():
            raise CommandError(f"{path} is a folder; name one file in it")
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
        practice = find_practice(options["practice"])
        if options["kind"] != DataKind.CPT:
            return practice
        if practice is None:
            raise CommandError(
                "CPT descriptors belong to a practice: add --practice NAME"
            )
        if not practice.cpt_licence_declared:
            raise CommandError(
                f"{practice.name} has not declared a CPT licence; a practice "
                "administrator declares it on the Reference data page first"
            )
        return practice
